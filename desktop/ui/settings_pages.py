"""Pages of the settings dialog, one per group, every field with a short explanation (the
Performance page, with its memory breakdown, lives in settings_dialog.py).

Widgets only. Each page maps setting keys to its editors (``fields``), fills them from a
getter (stored values or the defaults) and reports what they hold (``values``); the dialog
validates through the settings service and stores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.settings import RANGES
from desktop.ui.source_names import source_choices

Getter = Callable[[str], Any]


def spin_box(key: str, special: str = "", step: int = 1) -> QSpinBox:
    """A spin box over the key's range; ``special`` names the "auto" value at its minimum."""
    rule = RANGES[key]
    box = QSpinBox()
    box.setRange(int(min((rule.low, *rule.special))), int(rule.upper()))
    box.setSingleStep(step)
    if special:
        box.setSpecialValueText(special)  # shown at the minimum, the "auto" value
    return box


def double_box(key: str, step: float, decimals: int = 2, special: str = "") -> QDoubleSpinBox:
    """A decimal spin box over the key's range."""
    rule = RANGES[key]
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(min((rule.low, *rule.special)), rule.upper())
    box.setSingleStep(step)
    if special:
        box.setSpecialValueText(special)
    return box


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def _subdue(label: QLabel) -> None:
    """Explanations in a softer colour that stays readable: text blended 35% toward the
    background (the "disabled" colour is too faint on many themes)."""
    palette = label.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        round(text.red() * 0.65 + back.red() * 0.35),
        round(text.green() * 0.65 + back.green() * 0.35),
        round(text.blue() * 0.65 + back.blue() * 0.35),
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)


class SettingsPage(QWidget):
    """A form whose rows each carry an editor and a grey explanation under it."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # rows keep their natural height; spare room goes below them
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

    def add(self, key: str, label: str, editor: QWidget, help_text: str) -> QWidget:
        """A row: ``label`` | ``editor`` with ``help_text`` below it."""
        self.fields[key] = editor
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 6)
        column.setSpacing(2)
        column.addWidget(editor)
        note = QLabel(help_text, cell)
        note.setWordWrap(True)
        note.setObjectName("settingsHelp")
        _subdue(note)
        column.addWidget(note)
        self.form.addRow(label, cell)
        for signal in ("valueChanged", "currentIndexChanged", "toggled", "textChanged"):
            if hasattr(editor, signal):
                getattr(editor, signal).connect(self.edited)
                break
        return editor

    def load(self, get: Getter) -> None:
        for key, editor in self.fields.items():
            value = get(key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                index = editor.findData(value)
                editor.setCurrentIndex(max(0, index))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(value)
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.fields.items():
            if isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, QComboBox):
                out[key] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText().strip()
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text().strip()
            elif isinstance(editor, QDoubleSpinBox):
                out[key] = round(editor.value(), editor.decimals())
            elif isinstance(editor, QSpinBox):
                out[key] = editor.value()
        return out


class GenerationPage(SettingsPage):
    """Sampling, limits, custom instructions and how thinking is shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.add(
            "generation/temperature",
            self.tr("Temperature"),
            double_box("generation/temperature", 0.05),
            self.tr("Lower is more focused, higher more varied. DeepSeek recommends 0.6."),
        )
        self.add(
            "generation/top_p",
            self.tr("Top P"),
            double_box("generation/top_p", 0.05),
            self.tr("Only the most likely words adding up to this share are considered (0.95)."),
        )
        self.add(
            "generation/max_tokens",
            self.tr("Longest answer"),
            spin_box("generation/max_tokens", step=1024),
            self.tr("Tokens per answer, thinking included; the answer stops there."),
        ).setSuffix(self.tr(" tokens"))
        self.add(
            "generation/repeat_penalty",
            self.tr("Repeat penalty"),
            double_box("generation/repeat_penalty", 0.05),
            self.tr("Above 1.0 discourages repeating words; 1.0 turns it off."),
        )
        self.add(
            "generation/seed",
            self.tr("Seed"),
            spin_box("generation/seed", self.tr("Random")),
            self.tr("The same seed and question give the same answer; Random varies it."),
        )
        instructions = QPlainTextEdit()
        instructions.setPlaceholderText(self.tr("For example: Answer in simple words."))
        instructions.setFixedHeight(72)
        self.add(
            "generation/instructions",
            self.tr("Custom instructions"),
            instructions,
            self.tr(
                "Added to your first message in every chat (these models have no system prompt)."
            ),
        )
        self.add(
            "generation/thinking_display",
            self.tr("Show thinking"),
            _combo(
                [
                    (self.tr("Expanded"), "expanded"),
                    (self.tr("Collapsed"), "collapsed"),
                    (self.tr("Hidden"), "hidden"),
                ]
            ),
            self.tr("How the model's reasoning appears above its answer."),
        )
        self.add(
            "generation/thinking_budget",
            self.tr("Thinking budget"),
            spin_box("generation/thinking_budget", self.tr("No limit"), step=512),
            self.tr("After this many thinking tokens the model is asked to wrap up and answer."),
        ).setSuffix(self.tr(" tokens"))
        self.add(
            "chat/send_key",
            self.tr("Send with"),
            _combo(
                [
                    (self.tr("Enter (Shift+Enter: new line)"), "enter"),
                    (self.tr("Ctrl+Enter (Enter: new line)"), "ctrl_enter"),
                ]
            ),
            self.tr("Which key sends your question."),
        )


class AppearancePage(SettingsPage):
    """Language, font size and theme."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Each language is named in itself so its speakers find it whatever the UI shows.
        self.add(
            "appearance/language",
            self.tr("Language"),
            _combo(
                [
                    (self.tr("System default"), "system"),
                    ("English", "en"),
                    ("简体中文", "zh_CN"),
                    ("繁體中文", "zh_TW"),
                ]
            ),
            self.tr("The language of menus and messages; applies the next time ThinkDesk starts."),
        )
        self.add(
            "appearance/font_size",
            self.tr("Font size"),
            spin_box("appearance/font_size", self.tr("System size")),
            self.tr("Text size in points; bigger sizes read well on a projector."),
        ).setSuffix(self.tr(" pt"))
        self.add(
            "appearance/theme",
            self.tr("Theme"),
            _combo(
                [
                    (self.tr("Follow the system"), "system"),
                    (self.tr("Light"), "light"),
                    (self.tr("Dark"), "dark"),
                ]
            ),
            self.tr("Light or dark colours."),
        )


class NetworkPage(SettingsPage):
    """Download source, endpoints and the offline switch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.offline = self.add(
            "network/offline",
            self.tr("Offline mode"),
            QCheckBox(self.tr("Never connect to the network")),
            self.tr(
                "Blocks every download. Models can still be imported from a file or USB stick."
            ),
        )
        self.add(
            "network/source",
            self.tr("Download from"),
            _combo(source_choices()),
            self.tr("ModelScope and the mirror are fast in mainland China; Auto fails over."),
        )
        endpoints = (
            ("network/modelscope_endpoint", self.tr("ModelScope address"),
             self.tr("Default: https://www.modelscope.cn")),
            ("network/hf_mirror_endpoint", self.tr("Mirror address"),
             self.tr("Default: https://hf-mirror.com")),
            ("network/hf_endpoint", self.tr("Hugging Face address"),
             self.tr("Default: https://huggingface.co; a company mirror works too.")),
        )  # fmt: skip
        for key, label, help_text in endpoints:
            self.add(key, label, QLineEdit(), help_text)
        catalog = QLineEdit()
        catalog.setPlaceholderText(self.tr("None"))
        self.add(
            "models/extra_catalog",
            self.tr("Extra catalog file"),
            catalog,
            self.tr("A JSON file from your IT department listing more models or a company mirror."),
        )
        self.edited.connect(self.refresh)

    def refresh(self) -> None:
        online = not self.offline.isChecked()
        for key, editor in self.fields.items():
            if key != "network/offline":
                editor.setEnabled(online)
