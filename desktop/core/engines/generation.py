"""Value types of one answer: what to ask for, what it cost, and the stream itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

from desktop.core.engines import r1_format as r1
from desktop.core.engines.output_text import clean_generated

FinishReason = Literal["stop", "length", "stopped", "context_full", "no_continue"]


@dataclass(frozen=True)
class RequestControl:
    """Events the GUI thread sets while an answer streams.

    ``stop`` ends the answer within one token; ``wrap_up`` closes the thinking with
    ``</think>`` so the model moves on to its answer.
    """

    stop: threading.Event = field(default_factory=threading.Event)
    wrap_up: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class GenerationParams:
    """Sampling and limits for one answer (R1 model-card defaults)."""

    max_tokens: int = 8192
    temperature: float = r1.DEFAULT_TEMPERATURE
    top_p: float = r1.DEFAULT_TOP_P
    top_k: int = 40
    min_p: float = 0.0
    repeat_penalty: float = 1.0
    seed: int | None = None
    instructions: str | None = None
    #: Close the thinking after this many thinking tokens (None: no limit).
    thinking_budget: int | None = None


@dataclass(frozen=True)
class GenerationMetrics:
    """What one answer cost. Times in seconds."""

    prompt_tokens: int
    prompt_tokens_evaluated: int
    generated_tokens: int
    ttft_s: float
    decode_tokens_per_s: float
    prompt_tokens_per_s: float
    total_s: float
    finish_reason: FinishReason
    load_s: float
    thinking_tokens: int = 0
    wrapped_up: bool = False
    #: Where the answer came from: "" for this computer, else the server's host:port.
    origin: str = ""

    def to_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


@dataclass
class Generation:
    """A streaming answer: iterate for text pieces; ``metrics`` is set once iteration ends.

    Every engine's output enters the app here, so control characters are removed here, once
    (one piece still per token, so consumers can count tokens).
    """

    _pieces: Iterator[str]
    metrics: GenerationMetrics | None = field(default=None)

    def __iter__(self) -> Iterator[str]:
        return (clean_generated(piece) for piece in self._pieces)

    def text(self) -> str:
        """Consume the whole stream and return it (handy in tests and scripts)."""
        return "".join(self)
