"""The question box and its Send/Stop button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy, QWidget


class QuestionEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; grows with its text up to a few lines."""

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if enter and not shift:
            self.send_requested.emit()
            return
        super().keyPressEvent(event)

    def _fit_height(self, *_args: object) -> None:
        lines = max(1, min(8, int(self.document().size().height())))
        line_height = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        frame = int(self.document().documentMargin() * 2) + margins + 4
        self.setFixedHeight(lines * line_height + frame)


class Composer(QWidget):
    """Question box plus a button that reads Send when idle and Stop while answering."""

    send_requested = Signal(str)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QuestionEdit(self)
        self.edit.setPlaceholderText(
            self.tr("Ask a question…  (Enter sends, Shift+Enter: new line)")
        )
        self.edit.setAccessibleName(self.tr("Question"))
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setMinimumWidth(88)
        self.button.setDefault(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        self._busy = False
        self.edit.send_requested.connect(self._on_send)
        self.button.clicked.connect(self._on_button)

    def set_busy(self, busy: bool) -> None:
        """While an answer streams the button stops it; Enter does not send a second one."""
        self._busy = busy
        self.button.setText(self.tr("Stop") if busy else self.tr("Send"))
        self.button.setAccessibleName(self.button.text())

    def text(self) -> str:
        return self.edit.toPlainText()

    def clear(self) -> None:
        self.edit.clear()

    def _on_button(self) -> None:
        if self._busy:
            self.stop_requested.emit()
        else:
            self._on_send()

    def _on_send(self) -> None:
        if self._busy:
            return
        text = self.text()
        if text.strip():
            self.send_requested.emit(text)
