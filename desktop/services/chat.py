"""The conversation on the GUI thread: sends questions, splits the stream, keeps the turns.

Tokens of a request that is no longer current (stopped, superseded) are dropped by request id,
so a late token can never leak into the next answer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote_reasoning import is_unmarked_reply
from desktop.core.engines.repetition import RepetitionDetector
from desktop.core.engines.think import CLOSE_TAG, ThinkSplitter, strip_thinking
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession
from desktop.services.settings import Settings

#: Pasting a book into the box must not freeze the app or blow the context silently.
MAX_QUESTION_CHARS = 200_000


#: How often the thinking statistics (tokens, speed) are reported to the UI.
PROGRESS_INTERVAL_S = 0.5


@dataclass
class _Pending:
    request_id: int
    reasoning: bool = True
    #: The model may not think at all (a server that did not say): see ``_close``.
    guessed: bool = False
    #: Asked while no model was open (a Regenerate during a load): the two flags above are
    #: the R1 default until the first token, when the model that answers is known.
    provisional: bool = False
    splitter: ThinkSplitter = field(default_factory=ThinkSplitter)
    raw: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    loops: RepetitionDetector = field(default_factory=RepetitionDetector)
    tokens: int = 0
    thinking_tokens: int = 0
    first_token_at: float | None = None
    reported_at: float = 0.0

    def output(self) -> str:
        """The output as stored: a reply of a model that does not reason is all answer, so it
        is kept behind an empty thinking (``</think>reply``), which every reader splits right."""
        raw = "".join(self.raw)
        return raw if self.reasoning else CLOSE_TAG + raw

    def settled_output(self) -> str:
        """The output as it would be stored if the stream ended now: a guessed thinking
        that was never marked reads as the answer (see ``ChatController._close``)."""
        raw = "".join(self.raw)
        if self.guessed and raw.strip() and is_unmarked_reply(raw):
            return CLOSE_TAG + raw
        return self.output()


class ChatController(QObject):
    """Owns the turns of the current conversation and the answer being streamed."""

    question_added = Signal(str)  # the user's text, as it will be shown
    message_started = Signal(int)  # request_id
    thinking_received = Signal(int, str)
    answer_received = Signal(int, str)
    message_finished = Signal(int, bool, object)  # request_id, stopped, metrics dict
    message_failed = Signal(int, object)  # request_id, message (translate_message shows it)
    busy_changed = Signal(bool)
    #: request_id, thinking tokens, all tokens, tokens per second (about twice a second)
    progress_changed = Signal(int, int, int, float)
    loop_detected = Signal(int, str)  # request_id, the repeating text
    #: request_id, the whole reply: what streamed as thinking was the answer (a server's
    #: model that may not think ended without marking a thinking). Comes before the end.
    answer_recognized = Signal(int, str)
    #: request_id, whether the reply thinks after all: a reply asked while no model was open
    #: follows the model that answers it (sent at its first token, if that differs).
    reasoning_settled = Signal(int, bool)

    def __init__(
        self,
        inference: InferenceService,
        settings: Settings,
        session: ModelSession | None = None,
        parent=None,
    ):
        """``session`` says which model is loaded (the app passes it); without one (tests that
        play the worker's part) the model is taken to be an R1 distill."""
        super().__init__(parent)
        self._inference = inference
        self._settings = settings
        # Read, never copied: the session alone decides which load counts (a superseded,
        # cancelled or failed one never does), so the chat cannot disagree with it.
        self._session = session
        self._turns: list[ChatMessage] = []
        self._pending: _Pending | None = None
        inference.token.connect(self._on_token)
        inference.finished.connect(self._on_finished)
        inference.failed.connect(self._on_failed)

    @property
    def turns(self) -> list[ChatMessage]:
        """The conversation so far (assistant turns as the model wrote them, thinking included)."""
        return list(self._turns)

    @property
    def reasoning(self) -> bool:
        """Whether the loaded model thinks before answering (thinking pane, wrap-up).

        With no model loaded: True, the R1 distills this app is for."""
        model = self._session.model if self._session is not None else None
        return model.reasoning if model is not None else True

    def streamed_output(self, request_id: int) -> str | None:
        """The raw output streamed so far for ``request_id``, while it is the current answer,
        read as if it ended now (what the history saves: an app that closes mid-stream shows
        a guessed thinking that never closed as the answer, like a finished one)."""
        pending = self._current(request_id)
        return pending.settled_output() if pending is not None else None

    def current_exchange(self) -> tuple[str, str, bool]:
        """The latest question, the model's raw output for it so far, and whether it is done."""
        question = next((t.content for t in reversed(self._turns) if t.role == "user"), "")
        if self._pending is not None:
            return question, self._pending.output(), False
        last = self._turns[-1] if self._turns else None
        output = last.content if last is not None and last.role == "assistant" else ""
        return question, output, True

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def generation_params(self) -> GenerationParams:
        s = self._settings
        seed = s.value("generation/seed")
        return GenerationParams(
            max_tokens=s.value("generation/max_tokens"),
            temperature=s.value("generation/temperature"),
            top_p=s.value("generation/top_p"),
            repeat_penalty=s.value("generation/repeat_penalty"),
            seed=None if seed < 0 else seed,
            instructions=s.value("generation/instructions") or None,
            thinking_budget=s.value("generation/thinking_budget") or None,
        )

    def validate(self, text: str) -> str | None:
        """Why ``text`` cannot be sent now, or None if it can."""
        if not text.strip():
            return "empty"
        if len(text) > MAX_QUESTION_CHARS:
            return self.tr(
                "The message is too long ({0:,} characters; the limit is {1:,}). Shorten it or "
                "split it into parts."
            ).format(len(text), MAX_QUESTION_CHARS)
        if self.busy:
            return "busy"
        return None

    def send(self, text: str, max_tokens: int | None = None) -> bool:
        """Store ``text`` as the next question and ask for an answer. False if not sent.

        ``max_tokens`` lowers the answer limit for this answer only: a long question the
        user chose to send anyway then still fits the context."""
        if self.validate(text) is not None:
            return False
        self._turns.append(ChatMessage("user", text))
        self.question_added.emit(text)
        return self._request_answer(max_tokens)

    def resend(self) -> bool:
        """Answer the last question again (regenerate). False if busy or nothing to answer."""
        if self.busy or not self._turns or self._turns[-1].role != "user":
            return False
        return self._request_answer()

    def _request_answer(self, max_tokens: int | None = None) -> bool:
        params = self.generation_params()
        if max_tokens is not None and max_tokens < params.max_tokens:
            params = replace(params, max_tokens=max_tokens)
        request_id = self._inference.generate(self._turns, params)
        self._pending = _Pending(request_id)
        self._follow_model(self._pending)
        self.message_started.emit(request_id)
        self.busy_changed.emit(True)
        return True

    def _follow_model(self, pending: _Pending) -> None:
        """Split ``pending``'s reply as the model open now does (an R1 if none is open yet)."""
        model = self._session.model if self._session is not None else None
        pending.reasoning = model.reasoning if model is not None else True
        pending.guessed = pending.reasoning and model is not None and model.reasoning_guessed
        pending.splitter = ThinkSplitter(pending.reasoning)
        pending.provisional = model is None and self._session is not None

    def load_turns(self, turns: Sequence[ChatMessage]) -> None:
        """Continue a saved conversation; an answer in flight is stopped and closed first."""
        self._abandon()
        self._turns = list(turns)

    def stop(self) -> None:
        """Stop the answer being streamed; what it said so far is kept."""
        if self._pending is not None:
            self._inference.stop(self._pending.request_id)

    def wrap_up(self) -> None:
        """Close the model's thinking now so it gives its answer."""
        if self._pending is not None:
            self._inference.wrap_up(self._pending.request_id)

    @Slot()
    def keep_thinking(self) -> None:
        """The user saw the loop warning and lets the model go on: watch for a loop afresh,
        so a loop that goes on is reported again (after three more copies)."""
        if self._pending is not None:
            self._pending.loops.reset()

    def clear(self) -> None:
        """Start a new conversation."""
        self._abandon()
        self._turns.clear()

    def _abandon(self) -> None:
        """Stop and close the answer in flight now, so its late "finished" cannot land in the
        next conversation (its remaining tokens are dropped by request id)."""
        pending = self._pending
        if pending is None:
            return
        self._inference.stop(pending.request_id)
        self._close(pending)
        self.message_finished.emit(pending.request_id, True, {})

    def _current(self, request_id: int) -> _Pending | None:
        pending = self._pending
        return pending if pending is not None and pending.request_id == request_id else None

    @Slot(int, str)
    def _on_token(self, request_id: int, text: str) -> None:
        pending = self._current(request_id)
        if pending is None:
            return
        if pending.provisional:
            # The worker answers in order: the load before this request was reported (and the
            # session took its model) before this first token arrived.
            was = pending.reasoning
            self._follow_model(pending)
            pending.provisional = False
            if pending.reasoning != was:
                self.reasoning_settled.emit(request_id, pending.reasoning)
        # The worker sends one piece per token, so counting pieces counts tokens.
        now = time.monotonic()
        pending.tokens += 1
        pending.first_token_at = pending.first_token_at or now
        if not pending.splitter.in_answer:
            pending.thinking_tokens += 1
        pending.raw.append(text)
        segments = pending.splitter.feed(text)
        self._emit_segments(request_id, segments)
        thinking = "".join(seg.text for seg in segments if seg.kind == "thinking")
        if thinking and not pending.loops.looping and pending.loops.feed(thinking):
            self.loop_detected.emit(request_id, pending.loops.span)  # once, until keep_thinking()
        # From the second token on: one token gives no speed yet.
        if pending.tokens > 1 and now - pending.reported_at >= PROGRESS_INTERVAL_S:
            pending.reported_at = now
            elapsed = now - pending.first_token_at
            rate = (pending.tokens - 1) / elapsed if elapsed > 0 else 0.0
            self.progress_changed.emit(request_id, pending.thinking_tokens, pending.tokens, rate)

    def _emit_segments(self, request_id: int, segments) -> None:
        for segment in segments:
            if segment.kind == "thinking":
                self.thinking_received.emit(request_id, segment.text)
            else:
                self.answer_received.emit(request_id, segment.text)

    def _close(self, pending: _Pending) -> None:
        self._emit_segments(pending.request_id, pending.splitter.flush())
        settled = pending.settled_output()
        if settled != pending.output():
            # It never opened nor closed a thinking: a plain chat model's answer after all.
            pending.raw[:] = [settled]
            self.answer_recognized.emit(pending.request_id, strip_thinking(settled))
        self._turns.append(ChatMessage("assistant", pending.output()))
        self._pending = None
        self.busy_changed.emit(False)

    @Slot(int, bool, object)
    def _on_finished(self, request_id: int, stopped: bool, metrics: object) -> None:
        pending = self._current(request_id)
        if pending is None:
            return
        self._close(pending)
        self.message_finished.emit(request_id, stopped, metrics)

    @Slot(int, object)
    def _on_failed(self, request_id: int, message: object) -> None:
        pending = self._current(request_id)
        if pending is None:
            return
        self._close(pending)
        self.message_failed.emit(request_id, message)
