"""Shows the answer being streamed: the message view, the composer's buttons, the status text.

It turns ChatController signals into widget updates, so the main window only lays things out.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel

from desktop.services.chat import ChatController
from desktop.services.i18n import translate_message
from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.chat_view import ChatView
from desktop.ui.composer import Composer, LoopBanner
from desktop.ui.metrics_text import format_metrics


class StreamPresenter(QObject):
    """Routes each request's pieces to its message view; drops those of unknown requests."""

    def __init__(
        self,
        chat: ChatController,
        view: ChatView,
        composer: Composer,
        loop_banner: LoopBanner,
        metrics_label: QLabel,
    ):
        super().__init__(view)
        self._chat = chat
        self._view = view
        self._composer = composer
        self._banner = loop_banner
        self._metrics = metrics_label
        self._streaming: dict[int, AssistantMessageView] = {}
        #: "expanded", "collapsed" or "hidden": how new answers show their thinking.
        self.thinking_display = "expanded"
        chat.message_started.connect(self._on_message_started)
        chat.thinking_received.connect(self._on_thinking)
        chat.answer_received.connect(self._on_answer)
        chat.message_finished.connect(self._on_message_finished)
        chat.message_failed.connect(self._on_message_failed)
        chat.busy_changed.connect(composer.set_busy)
        chat.progress_changed.connect(self._on_progress)
        chat.loop_detected.connect(self._on_loop_detected)
        chat.answer_recognized.connect(self._on_answer_recognized)
        chat.reasoning_settled.connect(self._on_reasoning_settled)

    def forget(self) -> None:
        """The view was cleared (new or loaded conversation)."""
        self._streaming.clear()
        self._metrics.clear()
        self._banner.hide()

    @Slot(int)
    def _on_message_started(self, request_id: int) -> None:
        message = self._view.begin_assistant_message()
        self._streaming[request_id] = message
        self._show_reasoning(message, self._chat.reasoning)

    @Slot(int, bool)
    def _on_reasoning_settled(self, request_id: int, reasoning: bool) -> None:
        # Asked while no model was open: the model that answers decides after all.
        message = self._streaming.get(request_id)
        if message is not None:
            self._show_reasoning(message, reasoning)

    def _show_reasoning(self, message: AssistantMessageView, reasoning: bool) -> None:
        # A model that does not reason answers right away: no thinking section, no wrap-up.
        message.set_thinking_display(self.thinking_display if reasoning else "hidden")
        self._composer.set_reasoning(reasoning)
        self._metrics.setText(self.tr("Thinking…") if reasoning else self.tr("Answering…"))

    @Slot(int, str)
    def _on_thinking(self, request_id: int, text: str) -> None:
        message = self._streaming.get(request_id)
        if message is not None:
            message.append_thinking(text)

    @Slot(int, str)
    def _on_answer(self, request_id: int, text: str) -> None:
        message = self._streaming.get(request_id)
        if message is not None:
            message.append_answer(text)
            self._composer.set_thinking(False)
            self._banner.hide()

    @Slot(int, int, int, float)
    def _on_progress(self, request_id: int, thinking: int, tokens: int, rate: float) -> None:
        message = self._streaming.get(request_id)
        if message is None:
            return
        if thinking == tokens:
            message.set_progress(thinking, rate)
            text = self.tr("Thinking… {0} tokens · {1:.1f} tokens/s").format(thinking, rate)
        else:
            text = self.tr("Answering… {0} tokens · {1:.1f} tokens/s").format(tokens, rate)
        self._metrics.setText(text)

    @Slot(int, str)
    def _on_loop_detected(self, request_id: int, span: str) -> None:
        if request_id in self._streaming:
            self._banner.show_loop(span)

    @Slot(int, str)
    def _on_answer_recognized(self, request_id: int, answer: str) -> None:
        # What streamed as thinking was the answer (a server's model that does not think).
        message = self._streaming.get(request_id)
        if message is not None:
            message.set_thinking_display("hidden")
            self._on_answer(request_id, answer)

    @Slot(int, bool, object)
    def _on_message_finished(self, request_id: int, stopped: bool, metrics: object) -> None:
        self._banner.hide()
        message = self._streaming.pop(request_id, None)
        metrics = metrics if isinstance(metrics, dict) else {}
        status = format_metrics(metrics)
        self._metrics.setText(format_metrics(metrics, with_reason=False))
        if message is not None:
            message.finish(stopped=stopped, status=status or None)

    @Slot(int, object)
    def _on_message_failed(self, request_id: int, error: object) -> None:
        self._banner.hide()
        message = self._streaming.pop(request_id, None)
        self._metrics.clear()
        if message is not None:
            message.finish(error=translate_message(error))
