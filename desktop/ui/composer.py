"""The question box and its Send/Stop button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)


class QuestionEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; grows with its text up to a few lines."""

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    #: "enter": Enter sends and Shift+Enter breaks the line; "ctrl_enter": the other way round.
    send_key = "enter"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        modifiers = event.modifiers()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        sends = ctrl if self.send_key == "ctrl_enter" else not (shift or ctrl)
        if enter and sends:
            self.send_requested.emit()
            return
        if enter and ctrl:  # Ctrl+Enter would otherwise insert nothing at all
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    #: The box grows with its text up to this many lines, then scrolls.
    max_lines = 8

    def _fit_height(self, *_args: object) -> None:
        """One line per line of text (or of the wrapped placeholder), up to ``max_lines``.

        The scroll bar appears only past the limit: a fixed one-line box with a scroll bar, and
        a placeholder cut in half in a narrow window, is what new users tripped over."""
        metrics = self.fontMetrics()
        margin = self.document().documentMargin()
        if self.document().isEmpty() and self.placeholderText():
            width = max(1, self.viewport().width() - int(2 * margin))
            flags = int(Qt.TextFlag.TextWordWrap)
            lines = round(
                metrics.boundingRect(0, 0, width, 10_000, flags, self.placeholderText()).height()
                / metrics.lineSpacing()
            )
        else:
            lines = int(self.document().size().height())  # visual lines, wrapping included
        shown = max(1, min(self.max_lines, lines))
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if lines > self.max_lines
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        frame = 2 * self.frameWidth() + int(2 * margin) + 2
        self.setFixedHeight(shown * metrics.lineSpacing() + frame)

    def setPlaceholderText(self, text: str) -> None:
        """Also re-measure: a longer hint may need another line."""
        super().setPlaceholderText(text)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.document().isEmpty():  # the text itself re-wraps through documentSizeChanged
            self._fit_height()


class Composer(QWidget):
    """Question box plus a button that reads Send when idle and Stop while answering."""

    send_requested = Signal(str)
    stop_requested = Signal()
    wrap_up_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QuestionEdit(self)
        self.set_send_key("enter")
        self.edit.setAccessibleName(self.tr("Question"))
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setMinimumWidth(88)
        self.button.setDefault(True)
        self.wrap_up_button = QPushButton(self.tr("Wrap up"), self)
        self.wrap_up_button.setToolTip(
            self.tr("Stop thinking now and give the answer (the thinking so far is kept).")
        )
        self.wrap_up_button.setVisible(False)
        self.wrap_up_button.clicked.connect(self.wrap_up_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.wrap_up_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        self._busy = False
        self._reasoning = True  # the loaded model thinks before answering
        self.edit.send_requested.connect(self._on_send)
        self.button.clicked.connect(self._on_button)

    def set_send_key(self, mode: str) -> None:
        """Which key sends: "enter" (Shift+Enter: new line) or "ctrl_enter" (Enter: new line)."""
        self.edit.send_key = mode
        if mode == "ctrl_enter":
            hint = self.tr("Ask a question…  (Ctrl+Enter sends, Enter: new line)")
        else:
            hint = self.tr("Ask a question…  (Enter sends, Shift+Enter: new line)")
        self.edit.setPlaceholderText(hint)

    def set_busy(self, busy: bool) -> None:
        """While an answer streams the button stops it; Enter does not send a second one."""
        self._busy = busy
        self.button.setText(self.tr("Stop") if busy else self.tr("Send"))
        self.button.setAccessibleName(self.button.text())
        self.set_thinking(busy)

    def set_reasoning(self, reasoning: bool) -> None:
        """Whether the model thinks at all: one that does not never offers "Wrap up"."""
        self._reasoning = reasoning
        if not reasoning:
            self.wrap_up_button.setVisible(False)

    def set_thinking(self, thinking: bool) -> None:
        """Offer "Wrap up" only while the model is still thinking."""
        self.wrap_up_button.setVisible(thinking and self._busy and self._reasoning)

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


class LoopBanner(QFrame):
    """Offers a way out when the model's thinking repeats itself."""

    wrap_up_requested = Signal()
    stop_requested = Signal()
    keep_thinking_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        wrap = QPushButton(self.tr("Wrap up and answer"), self)
        stop = QPushButton(self.tr("Stop"), self)
        keep = QPushButton(self.tr("Keep thinking"), self)
        wrap.clicked.connect(self.wrap_up_requested)
        wrap.clicked.connect(self.hide)
        stop.clicked.connect(self.stop_requested)
        stop.clicked.connect(self.hide)
        keep.clicked.connect(self.keep_thinking_requested)
        keep.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.message, 1)
        for button in (wrap, stop, keep):
            layout.addWidget(button)
        self.hide()

    def show_loop(self, span: str) -> None:
        excerpt = " ".join(span.split())
        if len(excerpt) > 80:
            excerpt = excerpt[:77] + "…"
        self.message.setText(
            self.tr('The model seems to be repeating itself ("{0}").').format(excerpt)
        )
        self.show()
