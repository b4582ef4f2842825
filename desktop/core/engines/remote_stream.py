"""One streamed answer from a server: read SSE, stop on request, wrap up, measure.

The worker thread reads; a small watcher thread cuts the connection when Stop (or Wrap up
during the thinking) comes while the server is silent, e.g. still reading a long prompt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import requests
import urllib3

from desktop.core.engines.generation import (
    FinishReason,
    GenerationMetrics,
    GenerationParams,
    RequestControl,
)
from desktop.core.engines.remote_dialect import DeltaReader
from desktop.core.engines.remote_http import RemoteError, describe_failure
from desktop.core.engines.remote_reasoning import ReplyOpening, ReplyStart
from desktop.core.engines.sse import DONE, MalformedEvent, SSEDecoder, parse_event
from desktop.core.engines.think import CLOSE_TAG, OPEN_TAG, ThinkSplitter
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.core.engines.remote import _Client

#: How often the watcher looks at Stop / Wrap up while a read may be blocked.
WATCH_INTERVAL_S = 0.02

_READ_ERRORS = (OSError, requests.RequestException, urllib3.exceptions.HTTPError)


class StreamRun:
    """The state of one answer: what arrived, where the thinking ends, the server's figures."""

    def __init__(
        self,
        client: _Client,
        body: dict[str, Any],
        params: GenerationParams,
        control: RequestControl,
        start: ReplyStart = "thinking",
    ):
        self.client, self.body, self.params, self.control = client, body, params, control
        self.opening = ReplyOpening(start)  # does this reply think? (engines.remote_reasoning)
        # Only to know whether we are still in the thinking.
        self.splitter = ThinkSplitter(reasoning=start != "answer")
        self.started = time.perf_counter()
        self.first_at: float | None = None
        self.last_at = self.started
        self.pieces_count = self.thinking = 0
        self.server_tokens = 0  # completion tokens the server reported for finished requests
        self.reason: FinishReason = "stop"
        self.wrapped = False
        self.continuing = False  # the wrap-up request is under way
        self.usage: dict[str, Any] = {}
        self.timings: dict[str, Any] = {}
        self._cut = threading.Event()  # set by the watcher when it cut the connection
        self._done = threading.Event()

    # -- the stream ------------------------------------------------------------------------
    def pieces(self) -> Iterator[str]:
        watcher = threading.Thread(target=self._watch, name="remote-stop", daemon=True)
        watcher.start()
        try:
            reader = yield from self._request(self.body, continuing=False)
            held = self.opening.flush()  # a reply too short to tell yet whether it thinks
            if held:
                yield self._count(held)
            if reader is not None and self._wants_wrap_up():
                yield from self._continue()
        finally:
            self._done.set()

    def _wants_wrap_up(self) -> bool:
        if self.control.stop.is_set() or self.splitter.in_answer:
            return False
        budget = self.params.thinking_budget
        # A guessed thinking (engines.remote_reasoning) may be a chat model's answer: only
        # the user's Wrap up cuts it, never the budget.
        if self.opening.start == "unknown" and not self.opening.thinks:
            budget = None
        return self.control.wrap_up.is_set() or (budget is not None and self.thinking >= budget)

    def _watch(self) -> None:
        control = self.control
        while not self._done.wait(WATCH_INTERVAL_S):
            if control.stop.is_set():
                self._cut.set()
                self.client.interrupter.cut()
                return
            thinking = not self.splitter.in_answer and not self.continuing
            if control.wrap_up.is_set() and thinking and not self._cut.is_set():
                self._cut.set()
                self.client.interrupter.cut()

    def _request(self, body: dict[str, Any], *, continuing: bool) -> Iterator[str]:
        """Stream one request's pieces; returns its DeltaReader (None if refused/stopped)."""
        client = self.client
        response = client.request("POST", "/chat/completions", body, self.control.stop, stream=True)
        if response is None:
            self.reason = "stopped"
            return None
        reader, decoder = DeltaReader(), SSEDecoder()
        ended = eof = False
        with response:
            events: list[str] = []
            if "event-stream" not in response.headers.get("Content-Type", "event-stream"):
                events, eof = [response.text], True  # it ignored "stream": one whole answer
            while True:
                for data in events:
                    if data.strip() == DONE:
                        ended = True
                        continue
                    piece = self._piece(reader, data, continuing)
                    if piece is None:
                        return None  # the server did not continue the wrap-up
                    if piece:
                        yield piece
                    if self._should_end():
                        return reader
                if ended or eof:
                    break
                try:
                    data = response.raw.read1(65536)
                except _READ_ERRORS as err:
                    if self._cut.is_set() or self.control.stop.is_set():
                        self.reason = "stopped" if self.control.stop.is_set() else self.reason
                        return reader
                    if _is_timeout(err):
                        raise describe_failure(
                            err, client.config.url, client.config.timeouts
                        ) from err
                    raise RemoteError(_dropped()) from err
                if data:
                    events = decoder.feed(data)
                else:
                    events, eof = decoder.flush(), True
        if not ended and reader.finish_reason is None and not self._cut.is_set():
            if self.control.stop.is_set():
                self.reason = "stopped"
                return reader
            raise RemoteError(_dropped())
        self._account(reader)
        return reader

    def _piece(self, reader: DeltaReader, data: str, continuing: bool) -> str | None:
        try:
            piece = reader.feed(parse_event(data))
        except MalformedEvent as err:
            msg = QT_TRANSLATE_NOOP(
                "Remote",
                "The server sent something ThinkDesk cannot read ({detail}), so the answer "
                "stops here. What arrived is kept.",
            )
            raise RemoteError(msg.format(detail=str(err))) from err
        if not continuing:
            piece = self.opening.feed(piece, reader.reasoning_seen)
        if not piece:
            return piece
        if continuing and not self.wrapped:
            # The first words after the wrap-up tell whether the server continued our message
            # or started a new answer (thinking again).
            if reader.reasoning_seen or piece.lstrip().startswith(OPEN_TAG):
                return None
            self.wrapped = True
            piece = f"\n{CLOSE_TAG}\n\n" + piece
        return self._count(piece)

    def _count(self, piece: str) -> str:
        now = time.perf_counter()
        self.first_at = self.first_at or now
        self.last_at = now
        self.pieces_count += 1
        if not self.splitter.in_answer:
            self.splitter.feed(piece)
            if not self.splitter.in_answer:
                self.thinking += 1
        return piece

    def _should_end(self) -> bool:
        if self.control.stop.is_set():
            self.reason = "stopped"
            return True
        return self._wants_wrap_up()

    def _account(self, reader: DeltaReader) -> None:
        self.usage = reader.usage or self.usage
        self.timings = reader.timings or self.timings
        self.server_tokens += int(reader.usage.get("completion_tokens") or 0)
        if reader.finish_reason == "length":
            self.reason = "length"

    # -- wrap up ---------------------------------------------------------------------------
    def _continue(self) -> Iterator[str]:
        """Ask the server to go on after ``</think>``; say so when it cannot."""
        self.continuing = True
        self._cut.clear()
        thinking = self.splitter.thinking_text
        prefill = f"{OPEN_TAG}\n{thinking}\n{CLOSE_TAG}\n\n"
        body = dict(self.body)
        # DeepSeek's "prefix", vLLM's "continue_final_message"; llama-server and Ollama
        # continue a final assistant message on their own.
        body["messages"] = [
            *self.body["messages"],
            {"role": "assistant", "content": prefill, "prefix": True},
        ]
        body["continue_final_message"] = True
        body["add_generation_prompt"] = False
        body["max_tokens"] = max(1, self.params.max_tokens - self.pieces_count)
        self.reason = "stop"
        try:
            reader = yield from self._request(body, continuing=True)
        except RemoteError as err:
            if err.status is None or err.status >= 500:
                raise
            reader = None  # 400/422: the server does not take an assistant message to continue
        # Refused, thinking again, or ending at once: either way no answer came after it.
        if (reader is None or not self.wrapped) and not self.control.stop.is_set():
            self.reason = "no_continue"

    # -- figures ---------------------------------------------------------------------------
    def metrics(self, origin: str) -> GenerationMetrics:
        usage, timings = self.usage, self.timings
        generated = self.server_tokens or self.pieces_count
        first = self.first_at or self.started
        client_rate = (
            (self.pieces_count - 1) / (self.last_at - first)
            if self.pieces_count > 1 and self.last_at > first
            else 0.0
        )
        prompt = int(usage.get("prompt_tokens") or timings.get("prompt_n") or 0)
        return GenerationMetrics(
            prompt_tokens=prompt,
            prompt_tokens_evaluated=int(timings.get("prompt_n") or prompt),
            generated_tokens=generated,
            ttft_s=(first - self.started) if self.first_at else 0.0,
            decode_tokens_per_s=float(timings.get("predicted_per_second") or client_rate),
            prompt_tokens_per_s=float(timings.get("prompt_per_second") or 0.0),
            total_s=time.perf_counter() - self.started,
            finish_reason=self.reason,
            load_s=0.0,
            # A reply that never marked a thinking was the answer (engines.remote_reasoning).
            thinking_tokens=0
            if self.opening.all_answer(self.splitter.in_answer)
            else self.thinking,
            wrapped_up=self.wrapped,
            origin=origin,
        )


def _dropped() -> str:
    return QT_TRANSLATE_NOOP(
        "Remote",
        "The connection to the server dropped in the middle of the answer. What arrived is kept.",
    )


def _is_timeout(err: BaseException) -> bool:
    timeouts = (TimeoutError, requests.exceptions.Timeout, urllib3.exceptions.TimeoutError)
    seen: BaseException | None = err
    while seen is not None:  # urllib3 wraps the socket's timeout in its own errors
        if isinstance(seen, timeouts) or "timed out" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
