"""The line above the question box while a saved conversation is read with no model open.

Past chats stay readable without a model (first start, a model moved away, a failed or
cancelled open): the bar says why the question box is off and offers to open a model.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.session import ModelSession
from desktop.ui.plain_text import plain_label


class NoModelBar(QFrame):
    """Why the conversation shown cannot be continued now, and a button to open a model."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noModelBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        # The title and reason quote llama.cpp, a server or a file name: shown as written.
        self.title = plain_label(QLabel(self))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = plain_label(QLabel(self))
        self.hint.setText(self.tr("You can read this conversation; open a model to continue it."))
        self.hint.setWordWrap(True)
        self.reason = plain_label(QLabel(self))
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open a model…"), self)
        self.open_button.clicked.connect(self.open_requested)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.reason)
        texts.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addLayout(texts, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._shown: tuple[QStackedWidget, QWidget, ModelSession] | None = None
        self.hide()

    def follow(self, stack: QStackedWidget, conversation: QWidget, session: ModelSession) -> None:
        """Show the bar exactly while ``stack`` shows ``conversation`` and no model is open."""
        self._shown = (stack, conversation, session)
        stack.currentChanged.connect(self._update)
        session.state_changed.connect(self._update)
        self._update()

    @Slot()
    def _update(self, *_args: object) -> None:
        if self._shown is not None:
            stack, conversation, session = self._shown
            self.setVisible(stack.currentWidget() is conversation and session.model is None)

    def show_reason(self, title: str, detail: str) -> None:
        """Say that no model is open (``title``), why if known (``detail``), and what to do;
        shown when the window shows a conversation."""
        self.title.setText(title)
        self.reason.setText(detail)
        self.reason.setVisible(bool(detail))
