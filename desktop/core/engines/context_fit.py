"""Does a question fit the model's context? Counted before it is sent, not after it failed.

The engine keeps ``min(max_tokens, n_ctx // 2)`` tokens of the context free for the answer
(see ``Engine._fit_history``), so a question may use the rest, less the chat template's own
tokens. A 20,000-character paste used to be posted, stored and only then refused; this module
says how long it is and what would make it fit: a larger context, or a shorter answer.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from pathlib import Path

#: Tokens the chat template adds around one question (role markers, BOS, "<think>\n").
TEMPLATE_OVERHEAD = 16
#: "Send anyway" still leaves the model this much room to think and answer.
MIN_ANSWER_TOKENS = 512
#: The largest context the settings allow.
MAX_CONTEXT = 131_072
#: Raising the context goes up in these steps (what the settings pane offers too).
CONTEXT_STEP = 1024


def estimate_tokens(text: str) -> int:
    """A generous token estimate without a tokenizer.

    Qwen's tokenizer takes about 4 characters of English per token and a bit under one token
    per Chinese character; over-estimating only means the exact count is taken sooner.
    """
    ascii_chars = sum(1 for ch in text if ord(ch) < 0x80)
    return math.ceil(ascii_chars / 3.5 + (len(text) - ascii_chars))


class VocabTokenizer:
    """The model file's own tokenizer, loaded vocabulary-only (no weights; under a second even
    for the 7B) and kept for the next count. Use it on one thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._llm = None

    def count(self, text: str) -> int:
        """Tokens in ``text`` as the model will see it (special markers not parsed)."""
        if self._llm is None:
            from llama_cpp import Llama

            self._llm = Llama(
                model_path=str(self.path), vocab_only=True, use_mmap=False, verbose=False
            )
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def close(self) -> None:
        """Free the vocabulary."""
        if self._llm is not None:
            self._llm.close()
            self._llm = None


def answer_room(n_ctx: int, max_tokens: int) -> int:
    """Tokens the engine keeps free for the answer."""
    return min(max_tokens, n_ctx // 2)


@dataclass(frozen=True)
class ContextFit:
    """How a question of ``tokens`` compares with the context, and the ways to make it fit."""

    tokens: int
    exact: bool  # counted with the model's tokenizer (else estimated)
    n_ctx: int
    max_tokens: int
    n_ctx_max: int  # the largest context this model supports

    @property
    def needed(self) -> int:
        """The question's tokens plus the template around it."""
        return self.tokens + TEMPLATE_OVERHEAD

    @property
    def budget(self) -> int:
        """Tokens a question may use now."""
        return self.n_ctx - answer_room(self.n_ctx, self.max_tokens)

    @property
    def fits(self) -> bool:
        return self.needed <= self.budget

    @property
    def shorter_answer(self) -> int | None:
        """The answer limit that lets it be sent as it is, if that leaves a usable answer."""
        room = self.n_ctx - self.needed
        return room if room >= MIN_ANSWER_TOKENS else None

    @property
    def raise_to(self) -> int | None:
        """The smallest context (in CONTEXT_STEP steps) that fits it, if the model allows it."""
        if self.fits:
            return None
        ctx = math.ceil((self.n_ctx + 1) / CONTEXT_STEP) * CONTEXT_STEP
        while ctx <= min(self.n_ctx_max, MAX_CONTEXT):
            if self.needed <= ctx - answer_room(ctx, self.max_tokens):
                return ctx
            ctx += CONTEXT_STEP
        return None


def check_fit(
    text: str,
    n_ctx: int,
    max_tokens: int,
    n_ctx_max: int | None = None,
    tokenizer: VocabTokenizer | None = None,
) -> ContextFit:
    """Compare ``text`` with the context; counts exactly (with ``tokenizer``) only when the
    estimate reaches a quarter of the budget (it can be 3x too low for text without spaces),
    so ordinary questions cost nothing."""
    tokens, exact = estimate_tokens(text), False
    fit = ContextFit(tokens, exact, n_ctx, max_tokens, n_ctx_max or MAX_CONTEXT)
    if tokenizer is not None and fit.needed * 4 > fit.budget:
        # The file moved or will not load vocabulary-only: the estimate stands.
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            tokens, exact = tokenizer.count(text), True
    return ContextFit(tokens, exact, n_ctx, max_tokens, n_ctx_max or MAX_CONTEXT)
