"""The notice that the history could not be written (a full disk, a read-only data folder).

A status-bar line is the wrong place for it: the model and speed labels squeeze it to a few
letters, and it goes after seconds, while the chat on screen may still be unsaved. The banner
stays above the question box, in full, until the user dismisses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class StorageBanner(QFrame):
    """Shows the latest history write failure until dismissed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("storageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the error text is not markup
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @Slot(str)
    def show_failure(self, message: str) -> None:
        """Show ``message`` (a sentence from the history service) until dismissed."""
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.show()
