"""The settings pane: one dialog, four groups, validated through the settings service.

Nothing is stored until OK or Apply, and then only if every field is valid; an invalid field is
named in a message at the bottom and focused, and nothing is written. "Restore defaults" fills
the fields with the defaults (OK or Apply stores them; Cancel keeps what was there).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models.memory_fit import (
    GiB,
    ModelFacts,
    available_ram_bytes,
    default_budget_bytes,
    fit,
)
from desktop.core.models.memory_fit import total_ram_bytes as _total_ram
from desktop.core.system.credentials import CredentialStore
from desktop.core.system.hardware import (
    HardwareFacts,
    format_bytes,
    memlock_limit_bytes,
    mlock_warning,
)
from desktop.services.settings import Settings, SettingsError, physical_cores
from desktop.ui.settings_engine import EnginePage
from desktop.ui.settings_pages import (
    AppearancePage,
    GenerationPage,
    NetworkPage,
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
        self.mlock_warning = QLabel(self)
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


class SettingsDialog(QDialog):
    """Edit every setting. ``hardware`` (optional) supplies cores, RAM and the mlock limit;
    ``model_facts`` (the open model's shape) enables the live memory breakdown;
    ``auto_budget_bytes`` is what "Auto" means now (ModelSession.auto_budget_bytes())."""

    def __init__(
        self,
        settings: Settings,
        hardware: HardwareFacts | None = None,
        model_facts: ModelFacts | None = None,
        auto_budget_bytes: int | None = None,
        parent: QWidget | None = None,
        credentials: CredentialStore | None = None,
    ):
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        if hardware is not None:
            cores, total, available = (
                hardware.physical_cores,
                hardware.total_ram,
                hardware.available_ram,
            )
            memlock = hardware.memlock_limit
        else:
            cores, total, available = physical_cores(), _total_ram(), available_ram_bytes()
            memlock = memlock_limit_bytes()
        if auto_budget_bytes is None:
            auto_budget_bytes = default_budget_bytes(available)

        self.performance = PerformancePage(
            cores, total, available, auto_budget_bytes, model_facts, memlock
        )
        self.generation = GenerationPage()
        self.appearance = AppearancePage()
        self.network = NetworkPage()
        self.tabs = QTabWidget(self)
        self.pages: list[SettingsPage] = [
            self.performance,
            self.generation,
            self.appearance,
            self.network,
        ]
        titles = [self.tr("Performance"), self.tr("Generation"), self.tr("Appearance")]
        titles.append(self.tr("Network"))
        # Settings > Engine: this computer or a server (its key in the credential store).
        self.engine = EnginePage(credentials or CredentialStore(), self.network.offline.isChecked)
        self.pages.append(self.engine)
        titles.append(self.tr("Engine"))
        for page, title in zip(self.pages, titles, strict=True):
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, title)
        #: setting key -> its editor, across all pages (what tests and callers drive).
        self.fields: dict[str, QWidget] = {}
        for page in self.pages:
            self.fields.update(page.fields)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(
            buttons.Ok | buttons.Cancel | buttons.Apply | buttons.RestoreDefaults, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(buttons.Apply).clicked.connect(self.apply)
        self.buttons.button(buttons.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.buttons.button(buttons.RestoreDefaults).setText(self.tr("Reset to defaults"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.load(settings.value)
        self.resize(640, 640)

    def load(self, get) -> None:
        """Fill every field from ``get(key)`` (stored values, or the defaults)."""
        for page in self.pages:
            page.load(get)
        self.performance.refresh()
        self.network.refresh()
        self.error_label.hide()

    def values(self) -> dict[str, Any]:
        """What the fields hold, by setting key."""
        out: dict[str, Any] = {}
        for page in self.pages:
            out.update(page.values())
        return out

    def problem(self) -> tuple[str, str] | None:
        """The first invalid field as (key, message for the user), or None."""
        for key, value in self.values().items():
            message = self._settings.validate(key, value)
            if message:
                return key, self._explain(key, value)
        return None

    def _explain(self, key: str, value: Any) -> str:
        label = self._label_of(key)
        if key.endswith("_endpoint") or key == "engine/server_url":
            return self.tr("{0}: “{1}” is not a web address like https://example.com.").format(
                label, value
            )
        if key == "performance/memory_budget_gb":
            return self.tr("{0}: use Auto or at least 0.5 GB, up to the installed RAM.").format(
                label
            )
        if key == "appearance/font_size":
            return self.tr("{0}: use the system size or 6 to 72 points.").format(label)
        return self.tr("{0}: this value is not allowed.").format(label)

    def _label_of(self, key: str) -> str:
        editor = self.fields[key]
        for page in self.pages:
            label = page.form.labelForField(editor.parentWidget())
            if isinstance(label, QLabel):
                return label.text()
        return key

    @Slot()
    def apply(self) -> bool:
        """Validate every field, then store them all; False (nothing stored) if one is
        invalid, with the reason shown and that field focused."""
        found = self.problem()
        if found is None:
            try:
                self._settings.set_values(self.values())
                self.engine.store_key()
            except SettingsError as err:  # the range moved under us (e.g. RAM reported less)
                found = (err.key, self._explain(err.key, None))
        if found is not None:
            key, message = found
            self.error_label.setText(message)
            self.error_label.show()
            self._focus(key)
            return False
        self.error_label.hide()
        return True

    def _focus(self, key: str) -> None:
        editor = self.fields[key]
        for index, page in enumerate(self.pages):
            if key in page.fields:
                self.tabs.setCurrentIndex(index)
        editor.setFocus()

    @Slot()
    def restore_defaults(self) -> None:
        self.load(self._settings.default)

    def accept(self) -> None:
        if self.apply():
            super().accept()
