"""Feeds the streaming answer to the classroom view, throttled like the chat view.

The classroom used to fetch the whole output so far (a join of every piece) and split it again
on every token, unthrottled: O(n) per token. The feed instead buffers the pieces the chat
controller already split into thinking and answer and hands them over at most every
:data:`FEED_INTERVAL_MS`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

from desktop.services.chat import ChatController
from desktop.ui.assistant_message import RENDER_INTERVAL_MS
from desktop.ui.classroom import ClassroomView
from desktop.ui.render_turns import FormulaHold, render_turns

#: Twenty updates a second is plenty on a projector, and the classroom's larger copy costs more
#: to render than the chat's. Half a beat off the chat window's interval besides: both timers
#: start on the same token, so with equal intervals they would expire together on every token
#: and one of the two renders would always be put off (see desktop.ui.render_turns).
FEED_INTERVAL_MS = RENDER_INTERVAL_MS + RENDER_INTERVAL_MS // 2


class ClassroomFeed(QObject):
    """Keeps ``view`` in step with the chat's latest exchange while the view is shown."""

    def __init__(self, chat: ChatController, view: ClassroomView) -> None:
        super().__init__(view)
        self._chat = chat
        self._view = view
        self._thinking: list[str] = []
        self._answer: list[str] = []
        self._hold = FormulaHold()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FEED_INTERVAL_MS)
        self._timer.timeout.connect(self._on_flush_due)
        chat.message_started.connect(self._on_message_started)
        chat.thinking_received.connect(self._on_thinking)
        chat.answer_received.connect(self._on_answer)
        chat.message_finished.connect(self._on_message_ended)
        chat.message_failed.connect(self._on_message_ended)

    def show_latest(self) -> None:
        """Present the chat's latest exchange from its start (when the view is opened)."""
        self._timer.stop()
        render_turns().cancel(self)
        self._thinking.clear()
        self._answer.clear()
        question, output, complete = self._chat.current_exchange()
        self._view.show_exchange(question, output, complete=complete)

    @Slot(int)
    def _on_message_started(self, _request_id: int) -> None:
        if self._view.isVisible():
            self.show_latest()  # a new question replaces the one presented

    @Slot(int, str)
    def _on_thinking(self, _request_id: int, text: str) -> None:
        self._buffer(self._thinking, text)

    @Slot(int, str)
    def _on_answer(self, _request_id: int, text: str) -> None:
        if self._view.isVisible():
            self._view.answer_arriving(text)
        self._buffer(self._answer, text)

    @Slot()
    def _on_message_ended(self, *_args: object) -> None:
        if self._view.isVisible():
            self._flush(complete=True)

    @Slot()
    def _on_flush_due(self) -> None:
        if self._hold.holds(self._view.answer_view.typesetting):
            self._timer.start()
            return
        render_turns().run(self, self._flush_partial)  # never in the same turn as the chat's

    def _flush_partial(self) -> None:
        self._flush(complete=False)

    def _buffer(self, pieces: list[str], text: str) -> None:
        if not self._view.isVisible():
            return  # show_latest() catches up when the view is opened
        pieces.append(text)
        if not self._timer.isActive():  # never restarted: a steady stream still renders
            self._timer.start()

    def _flush(self, *, complete: bool) -> None:
        self._timer.stop()
        render_turns().cancel(self)
        thinking, answer = "".join(self._thinking), "".join(self._answer)
        self._thinking.clear()
        self._answer.clear()
        self._view.append_output(thinking, answer, complete=complete)
