"""One chat completion on the engine thread, as a stream of events for the HTTP side.

The job splits the R1 output into thinking and answer (the same :class:`ThinkSplitter` the
app uses), applies the request's stop strings to the answer, and hands each piece to ``emit``,
which must be safe to call from the engine thread. Thinking goes out as ``reasoning_content``;
with ``reasoning_format: "none"`` it goes inline in ``content`` between ``<think>`` tags.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from desktop.core.engines.base import ChatEngine
from desktop.core.engines.generation import GenerationMetrics
from desktop.core.engines.local import ContextOverflow, EngineError
from desktop.core.engines.think import CLOSE_TAG, OPEN_TAG, ThinkSplitter
from desktop.core.serving.request import ChatRequest

EventKind = Literal["reasoning", "content", "done", "error"]


@dataclass(frozen=True)
class Event:
    """What the engine thread tells the request: text, the end with its figures, or a failure."""

    kind: EventKind
    text: str = ""
    finish_reason: str | None = None
    metrics: GenerationMetrics | None = None
    status: int = 500  # for "error": 400 when the prompt does not fit the context


class StopMatcher:
    """Ends the answer at the first stop string, never emitting part of one.

    Holds back just enough characters to see a stop string that arrives split over pieces.
    """

    def __init__(self, stops: tuple[str, ...]):
        self._stops = stops
        self._hold = max((len(s) for s in stops), default=1) - 1
        self._buffer = ""
        self.hit = False

    def feed(self, text: str) -> str:
        if not self._stops:
            return text
        self._buffer += text
        cut = min((i for s in self._stops if (i := self._buffer.find(s)) >= 0), default=-1)
        if cut >= 0:
            self.hit = True
            out, self._buffer = self._buffer[:cut], ""
            return out
        keep = min(self._hold, len(self._buffer))
        out = self._buffer[: len(self._buffer) - keep]
        self._buffer = self._buffer[len(out) :]
        return out

    def flush(self) -> str:
        out, self._buffer = ("" if self.hit else self._buffer), ""
        return out


_FINISH = {"stop": "stop", "stopped": "stop", "length": "length", "context_full": "length"}


def run_completion(
    engine: ChatEngine, request: ChatRequest, emit: Callable[[Event], None], stop: threading.Event
) -> None:
    """Generate the answer to ``request`` on the engine thread, emitting events; never raises.

    Ends with exactly one "done" or "error" event. ``stop`` (the client went away) ends the
    generation within one token.
    """
    if stop.is_set():
        emit(Event("error", "the client went away", status=499))
        return
    try:
        generation = engine.stream_chat(request.messages, request.params, stop)
    except ContextOverflow as err:
        emit(Event("error", str(err), status=400))
        return
    except EngineError as err:
        emit(Event("error", str(err)))
        return
    # A model that does not reason answers from its first token: no reasoning_content then.
    splitter = ThinkSplitter(getattr(engine, "reasoning", True))
    matcher = StopMatcher(request.stop)
    inline = request.reasoning_inline
    state = {"thinking": False, "answer": False}

    def send(kind: str, text: str) -> None:
        if kind == "thinking":
            if inline and not state["thinking"]:
                state["thinking"] = True
                emit(Event("content", f"{OPEN_TAG}\n"))
            emit(Event("content" if inline else "reasoning", text))
            return
        if inline and state["thinking"] and not state["answer"]:
            emit(Event("content", f"\n{CLOSE_TAG}\n\n"))
        state["answer"] = True
        text = matcher.feed(text)
        if text:
            emit(Event("content", text))
        if matcher.hit:
            stop.set()  # the engine ends within one token

    try:
        for piece in generation:
            for segment in splitter.feed(piece):
                if not matcher.hit and segment.text:
                    send(segment.kind, segment.text)
        for segment in splitter.flush():
            if not matcher.hit and segment.text:
                send(segment.kind, segment.text)
        if not matcher.hit and (tail := matcher.flush()):
            emit(Event("content", tail))
    except EngineError as err:
        emit(Event("error", str(err)))
        return
    metrics = generation.metrics
    reason = "stop" if matcher.hit else _FINISH.get(metrics.finish_reason if metrics else "stop")
    emit(Event("done", finish_reason=reason or "stop", metrics=metrics))
