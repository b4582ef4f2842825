"""The "Try" list shown on an empty chat: classic problems that show off step-by-step reasoning."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui.button_styles import starter_button_style
from desktop.ui.message_widgets import scaled_font


class StarterPanel(QWidget):
    """Starter problems in the UI language; clicking one asks it (``problem_chosen``)."""

    problem_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(self.tr("What shall we work out?"), self)
        title.setFont(scaled_font(self.font(), 1.4))
        hint = QLabel(self.tr("Ask anything below, or try one of these:"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignHCenter)
        self.buttons: list[QPushButton] = []
        for problem in self.problems():
            button = QPushButton(problem, self)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(640)
            button.setAccessibleName(problem)
            button.clicked.connect(lambda _=False, text=problem: self.problem_chosen.emit(text))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        layout.addStretch(2)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()  # a theme switch: style sheets keep old colours otherwise

    def _restyle(self) -> None:
        style = starter_button_style(self.palette())
        for button in self.buttons:
            button.setStyleSheet(style)

    def problems(self) -> list[str]:
        """The starter problems, translated."""
        return [
            self.tr("Chickens and rabbits share a cage: 35 heads and 94 feet in all. "
                    "How many of each are there?"),
            self.tr("If today is Wednesday, what day of the week will it be in 100 days?"),
            self.tr("Prove that the square of any odd number, minus 1, is divisible by 8."),
            self.tr("Write a Python function that checks whether a string is a palindrome, "
                    "ignoring case and punctuation."),
        ]  # fmt: skip
