"""The scrolling message list of the chat window.

Widgets only: the caller feeds already-parsed pieces ("thinking" / "answer" text) into the
:class:`AssistantMessageView` returned by :meth:`ChatView.begin_assistant_message`.

Child widgets carry object names so tests and style sheets can find them without reaching into
private attributes: ``userText``, ``thinkingToggle``, ``thinkingBody``, ``thinkingNote``,
``answerView``, ``errorLine`` and ``footerLine`` (the "Stopped" marker and the status text).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.message_actions import ASSISTANT_ACTIONS, USER_ACTIONS, MessageActions
from desktop.ui.message_widgets import (
    UserMessageView,
)

__all__ = ["AssistantMessageView", "ChatView", "UserMessageView"]

PIN_THRESHOLD_PX = 40
"""Within this distance of the bottom the view counts as "at the bottom" and follows growth."""
_Role = QPalette.ColorRole


class ChatView(QScrollArea):
    """Vertical list of user and assistant messages that follows the bottom while streaming.

    If the user scrolls up (further than :data:`PIN_THRESHOLD_PX` from the bottom), growing
    messages no longer move the view; scrolling back to the bottom resumes following.
    """

    link_activated = Signal(QUrl)
    """A link in any answer was clicked. Nothing is opened automatically."""
    action_requested = Signal(str, int)
    """An action under a message (see message_actions) and that message's index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A stable gutter, as CSS's scrollbar-gutter: a scroll bar that came and went would
        # change every message's width, so the text would jump as a reply outgrew the window,
        # and folding a long thinking would lay all of it out again (twice: 40 ms at 16,000
        # tokens).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)

        self._container = QWidget()
        self._layout = QVBoxLayout(self._container)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(16)
        self._layout.addStretch(1)  # keeps a short conversation at the top
        self.setWidget(self._container)
        # setWidget() turns on auto-fill with the Window role; show the viewport's Base instead.
        self._container.setAutoFillBackground(False)

        self._messages: list[QWidget] = []
        self._rows: list[QWidget] = []  # each message with its action row
        self._actions: list[MessageActions] = []
        self._streaming: AssistantMessageView | None = None
        self._model_open = True  # whether regenerate and edit can work
        self._pinned = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)

    def add_user_message(self, text: str) -> None:
        """Append the user's message (shown literally) and jump to the bottom."""
        self._append(UserMessageView(text), USER_ACTIONS)
        self.scroll_to_bottom()

    def begin_assistant_message(self) -> AssistantMessageView:
        """Append an empty assistant message and return it as the streaming one.

        A previous message that is still streaming is finished as stopped first, so at most one
        message re-renders at a time.
        """
        if self._streaming is not None and not self._streaming.is_finished():
            self._streaming.finish(stopped=True)
        message = AssistantMessageView()
        message.link_activated.connect(self.link_activated)
        actions = self._append(message, ASSISTANT_ACTIONS)
        actions.hide()  # offered once the answer is complete
        message.finished.connect(lambda: self._offer_actions(message, actions))
        self._streaming = message
        return message

    def streaming_message(self) -> AssistantMessageView | None:
        """The assistant message still being streamed, if any."""
        if self._streaming is not None and not self._streaming.is_finished():
            return self._streaming
        return None

    def clear(self) -> None:
        """Remove all messages."""
        if self._streaming is not None and not self._streaming.is_finished():
            self._streaming.finish(stopped=True)  # stops its timers before it goes away
        self._streaming = None
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._messages.clear()
        self._rows.clear()
        self._actions.clear()
        self._pinned = True

    def message_count(self) -> int:
        """Number of user and assistant messages shown."""
        return len(self._messages)

    def scroll_to_bottom(self) -> None:
        """Scroll to the end and follow new content again."""
        self._pinned = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def is_pinned_to_bottom(self) -> bool:
        """Whether growing content keeps the view scrolled to the bottom."""
        return self._pinned

    def branch_text(self, index: int) -> str:
        """The "2/3" under message ``index``, or "" when it has one version."""
        switch = self._actions[index].branch_switch
        return switch.label.text() if switch is not None and not switch.isHidden() else ""

    def message(self, index: int) -> QWidget:
        """The message widget at ``index`` (UserMessageView or AssistantMessageView)."""
        return self._messages[index]

    def set_model_open(self, model_open: bool) -> None:
        """Offer regenerate and edit only while a model can answer (saved conversations are
        shown, copied and exported without one)."""
        self._model_open = model_open
        for actions in self._actions:
            actions.set_model_open(model_open)

    def _append(self, widget: QWidget, action_names: tuple[str, ...]) -> MessageActions:
        row = QWidget(self._container)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        actions = MessageActions(action_names, row)
        actions.set_model_open(self._model_open)
        actions.triggered.connect(lambda action: self._on_action(action, widget))
        layout.addWidget(widget)
        user = isinstance(widget, UserMessageView)
        layout.addWidget(
            actions, 0, Qt.AlignmentFlag.AlignRight if user else Qt.AlignmentFlag.AlignLeft
        )
        self._layout.insertWidget(self._layout.count() - 1, row)  # before the stretch
        self._messages.append(widget)
        self._rows.append(row)
        self._actions.append(actions)
        return actions

    def _offer_actions(self, message: AssistantMessageView, actions: MessageActions) -> None:
        # A reply without reasoning (a chat model's) has nothing to copy "with reasoning"; one
        # that never finished thinking has no answer, and "Copy" would only empty the clipboard.
        actions.set_offered("copy_reasoning", message.has_thinking())
        actions.set_offered("copy", bool(message.answer_text().strip()))
        actions.show()

    def set_branch(self, index: int, position: int, count: int) -> None:
        """Show "‹ position+1/count ›" under message ``index`` (one of ``count`` versions)."""
        if 0 <= index < len(self._actions):
            self._actions[index].set_branch(position, count)

    def _on_action(self, action: str, widget: QWidget) -> None:
        if widget in self._messages:
            self.action_requested.emit(action, self._messages.index(widget))

    def _on_scrolled(self, value: int) -> None:
        self._pinned = self.verticalScrollBar().maximum() - value <= PIN_THRESHOLD_PX

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        # Runs before the slider re-clamps its value, i.e. before _on_scrolled sees the change.
        if self._pinned:
            self.verticalScrollBar().setValue(maximum)
