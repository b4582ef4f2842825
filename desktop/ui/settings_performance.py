"""Settings > Performance: threads, memory budget and context, with the fit explained."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QWidget,
)

from desktop.core.models.memory_fit import (
    GiB,
    ModelFacts,
    fit,
)
from desktop.core.system.hardware import (
    format_bytes,
    mlock_warning,
)
from desktop.ui.plain_text import plain_label
from desktop.ui.settings_pages import (
    SettingsPage,
    double_box,
    spin_box,
)


class PerformancePage(SettingsPage):
    """Threads, memory budget with its live breakdown, context length, mlock."""

    def __init__(
        self,
        physical_cores: int,
        total_ram: int,
        available_ram: int,
        auto_budget_bytes: int,
        model_facts: ModelFacts | None,
        memlock_limit: int | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._facts = model_facts
        self._auto_budget = auto_budget_bytes
        self._memlock_limit = memlock_limit
        self._ram = (total_ram, available_ram)
        self.threads = self.add(
            "performance/threads",
            self.tr("Threads for answers"),
            spin_box(
                "performance/threads", self.tr("Auto ({0} physical cores)").format(physical_cores)
            ),
            self.tr(
                "CPU threads used while the answer is written. The number of physical cores "
                "is usually fastest; more can be slower."
            ),
        )
        self.threads_batch = self.add(
            "performance/threads_batch",
            self.tr("Threads for reading"),
            spin_box("performance/threads_batch", self.tr("Same as for answers")),
            self.tr(
                "CPU threads used to read your question and the conversation before answering."
            ),
        )
        self.budget = self.add(
            "performance/memory_budget_gb",
            self.tr("Memory budget"),
            double_box(
                "performance/memory_budget_gb",
                0.5,
                1,
                self.tr("Auto ({0:.1f} GB)").format(auto_budget_bytes / GiB),
            ),
            self.tr(
                "The most memory the model may use. Auto takes a safe share of the memory "
                "that is free now, so the computer never has to swap."
            ),
        )
        self.budget.setSuffix(self.tr(" GB"))
        self.breakdown = QLabel(self)
        self.breakdown.setObjectName("memoryBreakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow("", self.breakdown)
        self.context_auto = self.add(
            "performance/context_auto",
            self.tr("Context length"),
            QCheckBox(self.tr("Automatic (as long as the memory budget allows)")),
            self.tr(
                "How much of the conversation the model can see at once, in tokens. Long "
                "reasoning needs a long context; each token costs memory."
            ),
        )
        self.context = self.add(
            "performance/context_length",
            self.tr("Fixed context"),
            spin_box("performance/context_length", step=1024),
            self.tr("Used when Automatic is off."),
        )
        self.context.setSuffix(self.tr(" tokens"))
        self.mlock = self.add(
            "performance/use_mlock",
            self.tr("Keep in memory"),
            QCheckBox(self.tr("Lock the model in RAM (mlock)")),
            self.tr("Stops the system from moving the model to disk, at the cost of that RAM."),
        )
        self.mlock_warning = plain_label(QLabel(self))
        self.mlock_warning.setObjectName("mlockWarning")
        self.mlock_warning.setWordWrap(True)
        self.mlock_warning.setStyleSheet("color: #b26a00;")
        self.form.addRow("", self.mlock_warning)
        self.edited.connect(self.refresh)

    def budget_bytes(self) -> int:
        gb = self.budget.value()
        return int(gb * GiB) if gb > 0 else self._auto_budget

    def refresh(self) -> None:
        """Update the breakdown, the context field and the mlock warning to the editors."""
        self.context.setEnabled(not self.context_auto.isChecked())
        budget = self.budget_bytes()
        total, available = self._ram
        if self._facts is None:
            self.breakdown.setText(
                self.tr(
                    "This PC has {0:.1f} GB of RAM, {1:.1f} GB free now. Open a model to see "
                    "how it fits."
                ).format(total / GiB, available / GiB)
            )
        else:
            self.breakdown.setText(self._breakdown_html(budget))
        needed = 0
        if self._facts is not None:
            needed = fit(self._facts, budget, self._requested_ctx()).estimate.total
        warning = None
        if self.mlock.isChecked():
            warning = mlock_warning(max(needed, 1), self._memlock_limit)
        self.mlock_warning.setVisible(bool(warning))
        if warning:
            limit = self._memlock_limit or 0
            self.mlock_warning.setText(
                self.tr(
                    "⚠ This system lets a program lock only {0}, less than the model needs, so "
                    "locking will fail. Raise the limit (ulimit -l) or leave this off."
                ).format(format_bytes(limit))
            )

    def _requested_ctx(self) -> int | None:
        return None if self.context_auto.isChecked() else self.context.value()

    def _breakdown_html(self, budget: int) -> str:
        assert self._facts is not None
        verdict = fit(self._facts, budget, self._requested_ctx())
        est = verdict.estimate
        rows = [
            (self.tr("Model weights"), est.weights),
            (self.tr("Conversation memory ({0:,} tokens)").format(est.n_ctx), est.kv_cache),
            (self.tr("Working buffers"), est.compute),
            (self.tr("Overhead"), est.overhead),
        ]
        cells = "".join(
            f"<tr><td>{label}</td><td align='right'>&nbsp;&nbsp;{size / GiB:.2f} GB</td></tr>"
            for label, size in rows
        )
        total = self.tr("Total")  # not inside the f-string: lupdate would not see it there
        cells += (
            f"<tr><td><b>{total}</b></td>"
            f"<td align='right'>&nbsp;&nbsp;<b>{est.total / GiB:.2f} GB</b></td></tr>"
        )
        if not verdict.fits:
            verdict_text = self.tr(
                "Does not fit in {0:.1f} GB even with {1:,} tokens of context. Choose a smaller "
                "model or quantization, or a bigger budget."
            ).format(budget / GiB, est.n_ctx)
            colour = "#c62828"
        elif verdict.reduced:
            verdict_text = self.tr(
                "Fits in {0:.1f} GB with the context reduced from {1:,} to {2:,} tokens."
            ).format(budget / GiB, verdict.requested_ctx, verdict.n_ctx)
            colour = "#b26a00"
        else:
            verdict_text = self.tr("Fits in {0:.1f} GB.").format(budget / GiB)
            colour = "#2e7d32"
        return f"<table cellspacing='0'>{cells}</table><p style='color:{colour}'>{verdict_text}</p>"
