"""Help > System: the hardware facts that decide speed, and which model this PC should run."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.system.hardware import (
    HardwareFacts,
    Recommendation,
    format_bytes,
    format_report,
    recommend,
)
from desktop.ui.plain_text import plain_label


class SystemDialog(QDialog):
    """Shows ``facts`` (``core.system.hardware.collect(models_dir)``) and the recommendation."""

    def __init__(
        self,
        facts: HardwareFacts,
        recommendation: Recommendation | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.facts = facts
        self.recommendation = recommendation or recommend(facts)
        self.setWindowTitle(self.tr("System"))

        hardware = QGroupBox(self.tr("This computer"), self)
        form = QFormLayout(hardware)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.rows: dict[str, QLabel] = {}
        simd = "   ".join(f"{name} {'✓' if ok else '✗'}" for name, ok in facts.simd().items())
        used = ", ".join(name for name, on in facts.llama_features.items() if on)
        if facts.models_dir is None:
            disk = self.tr("unknown")
        elif facts.disk_free is None:
            disk = self.tr("{0} (free space unknown)").format(facts.models_dir)
        else:
            disk = self.tr("{0} free in {1}").format(
                format_bytes(facts.disk_free), facts.models_dir
            )
        lockable = (
            self.tr("unlimited")
            if facts.memlock_limit is None
            else format_bytes(facts.memlock_limit)
        )
        for key, label, text in (
            ("cpu", self.tr("Processor"), f"{facts.cpu_model} ({facts.machine})"),
            ("cores", self.tr("Cores"), self.tr("{0} physical, {1} logical").format(
                facts.physical_cores, facts.logical_cores)),
            ("simd", self.tr("Instruction sets"), simd),
            ("ram", self.tr("Memory"), self.tr("{0} installed, {1} free now").format(
                format_bytes(facts.total_ram), format_bytes(facts.available_ram))),
            ("disk", self.tr("Models folder"), disk),
            ("memlock", self.tr("Lockable memory"), lockable),
            ("os", self.tr("Operating system"), facts.os),
            ("llama", self.tr("llama.cpp uses"), used or self.tr("not available")),
        ):  # fmt: skip
            value = plain_label(QLabel(text, hardware))  # the system's own words
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.rows[key] = value
            form.addRow(label, value)

        advice = QGroupBox(self.tr("Recommendation"), self)
        column = QVBoxLayout(advice)
        rec = self.recommendation
        self.model_label = plain_label(QLabel(f"{rec.model} · {rec.quantization}", advice))
        bold = self.model_label.font()
        bold.setBold(True)
        self.model_label.setFont(bold)
        speed_names = {
            "fast": self.tr("fast"),
            "comfortable": self.tr("comfortable"),
            "usable": self.tr("usable"),
            "slow": self.tr("slow"),
        }
        self.speed_label = QLabel(
            self.tr("Expected speed: {0}, about {1:g}–{2:g} tokens per second.").format(
                speed_names.get(rec.speed_class, rec.speed_class), *rec.tokens_per_s
            ),
            advice,
        )
        self.reason_label = plain_label(QLabel(self._reason(), advice))
        self.reason_label.setWordWrap(True)
        for widget in (self.model_label, self.speed_label, self.reason_label):
            column.addWidget(widget)

        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.copy_button.clicked.connect(self.copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hardware)
        layout.addWidget(advice)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def _reason(self) -> str:
        rec, facts = self.recommendation, self.facts
        ram = round(facts.total_ram / (1 << 30))
        if rec.reason_code == "enough_ram":
            text = self.tr(
                "With {0} GB of RAM and {1} cores the 7B model fits and reasons noticeably "
                "better than the 1.5B."
            ).format(ram, facts.physical_cores)
        elif rec.reason_code == "slow_cpu":
            text = self.tr(
                "The 7B model would fit in {0} GB of RAM, but with {1} cores it would answer "
                "very slowly; the 1.5B is the practical choice."
            ).format(ram, facts.physical_cores)
        else:
            text = self.tr(
                "With {0} GB of RAM the 1.5B model leaves room for your other programs; the 7B "
                "model needs 12 GB or more."
            ).format(ram)
        if rec.lacks_avx2:
            text += " " + self.tr(
                "This processor lacks AVX2, so expect about a third of the speed."
            )
        return text

    @Slot()
    def copy_report(self) -> None:
        """Put the plain-text report on the clipboard (for a support request)."""
        QGuiApplication.clipboard().setText(format_report(self.facts, self.recommendation))
