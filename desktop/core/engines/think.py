"""Split DeepSeek-R1 output into its reasoning ("thinking") and its answer.

R1 distills write ``thinking...</think>answer``. Current chat templates end the prompt with
``<｜Assistant｜><think>\\n``, so the output normally has no opening tag at all; older templates
let the model emit ``<think>`` itself. Either way everything up to the first ``</think>`` is
thinking, and an output that never closes the tag was all thinking with an empty answer.

The rules, shared by the streaming :class:`ThinkSplitter` and the one-shot :func:`split_output`:

* Leading whitespace of the thinking is dropped, and so is every ``<think>`` tag before the
  first ``</think>`` (text around such a tag is kept as thinking).
* The first ``</think>`` switches to the answer. Leading newlines of the answer are dropped, and
  any later ``<think>`` / ``</think>`` tags are removed from the answer text.
* Trailing whitespace of the thinking is kept: trimming it while streaming would mean holding
  text back until the next non-space character, which costs latency for no real benefit.

Streaming and one-shot parsing agree exactly: for any chunking of a string ``s``, the text the
splitter emits per kind (after :meth:`ThinkSplitter.flush`) equals ``split_output(s)``.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

__all__ = [
    "CLOSE_TAG",
    "OPEN_TAG",
    "Segment",
    "SegmentKind",
    "ThinkSplitter",
    "split_output",
    "strip_thinking",
]

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"

SegmentKind = Literal["thinking", "answer"]

# Newlines only (not spaces): R1 writes "</think>\n\n", and an answer that really starts with
# indentation (e.g. an indented code block) should keep it.
_ANSWER_LEAD = "\r\n"
_TAG_RE = re.compile(r"</?think>")


class Segment(NamedTuple):
    """A run of output text of one kind."""

    kind: SegmentKind
    text: str


# Parser phases. The "lead" phases are where leading whitespace / newlines are still dropped.
_THINK_LEAD = 0
_THINK = 1
_ANSWER_START = 2
_ANSWER = 3


def _is_partial_tag(tail: str) -> bool:
    """True if ``tail`` (starting with ``<``) could still grow into a full tag."""
    return OPEN_TAG.startswith(tail) or CLOSE_TAG.startswith(tail)


class ThinkSplitter:
    """Streaming parser: feed chunks, get thinking/answer segments.

    Text is emitted as soon as it is unambiguous. The only text held back is a trailing
    fragment that could still be the start of a tag (``<``, ``</thi``, ...), so the held-back
    buffer is always shorter than ``</think>`` and :meth:`feed` runs in O(len(chunk)).
    """

    def __init__(self, reasoning: bool = True) -> None:
        # A model that does not reason answers from its first token: no thinking phase.
        self._phase = _THINK_LEAD if reasoning else _ANSWER_START
        # A trailing fragment that may be the start of a tag; always starts with "<".
        self._pending = ""
        self._thinking: list[str] = []
        self._answer: list[str] = []

    def feed(self, chunk: str) -> list[Segment]:
        """Consume the next chunk of model output.

        Returns the segments completed by this chunk, in order: adjacent segments of the same
        kind are merged and empty text is never returned, so the list has at most two entries
        (thinking, then answer) and is empty if everything was held back or dropped.
        """
        out: list[Segment] = []
        buf = self._pending + chunk if self._pending else chunk
        self._pending = ""
        i = 0
        n = len(buf)
        while i < n:
            lt = buf.find("<", i)
            if lt < 0:
                self._emit(buf[i:], out)
                break
            if lt > i:
                self._emit(buf[i:lt], out)
            if buf.startswith(CLOSE_TAG, lt):
                if self._phase in (_THINK_LEAD, _THINK):
                    self._phase = _ANSWER_START
                i = lt + len(CLOSE_TAG)
            elif buf.startswith(OPEN_TAG, lt):
                # Dropped in every phase: before </think> it is the (re)opening of the thinking
                # block, after it a stray tag that must not reach the answer.
                i = lt + len(OPEN_TAG)
            elif _is_partial_tag(buf[lt : lt + len(CLOSE_TAG)]):
                # A tag prefix that is not a full tag can only be one because the buffer ends
                # there (the slice was cut short); wait for the next chunk to decide.
                self._pending = buf[lt:]
                break
            else:
                # "<" that cannot start a tag: ordinary text, emit now rather than hold it.
                self._emit("<", out)
                i = lt + 1
        return out

    def flush(self) -> list[Segment]:
        """Signal end of stream: release held-back text as literal text of the current kind."""
        out: list[Segment] = []
        pending, self._pending = self._pending, ""
        if pending:
            self._emit(pending, out)
        return out

    @property
    def in_answer(self) -> bool:
        """True once the closing ``</think>`` has been seen (even if no answer text yet)."""
        return self._phase >= _ANSWER_START

    @property
    def thinking_text(self) -> str:
        """All text emitted as thinking so far (held-back text excluded)."""
        return _joined(self._thinking)

    @property
    def answer_text(self) -> str:
        """All text emitted as answer so far (held-back text excluded)."""
        return _joined(self._answer)

    def _emit(self, text: str, out: list[Segment]) -> None:
        """Classify plain (tag-free) text by the current phase and append it to ``out``."""
        phase = self._phase
        if phase == _THINK_LEAD:
            text = text.lstrip()
            if not text:
                return
            self._phase = phase = _THINK
        elif phase == _ANSWER_START:
            text = text.lstrip(_ANSWER_LEAD)
            if not text:
                return
            self._phase = phase = _ANSWER
        kind: SegmentKind = "thinking" if phase == _THINK else "answer"
        (self._thinking if kind == "thinking" else self._answer).append(text)
        if out and out[-1].kind == kind:
            out[-1] = Segment(kind, out[-1].text + text)
        else:
            out.append(Segment(kind, text))


def _joined(parts: list[str]) -> str:
    # Collapse in place so repeated reads don't rejoin the same pieces every time.
    if len(parts) > 1:
        parts[:] = ["".join(parts)]
    return parts[0] if parts else ""


def split_output(text: str) -> tuple[str, str]:
    """Non-streaming reference: (thinking, answer) for a complete output.

    Written independently of :class:`ThinkSplitter` (the tests check that the two agree), so
    keep both in step when changing the rules.
    """
    close = text.find(CLOSE_TAG)
    if close < 0:
        return text.replace(OPEN_TAG, "").lstrip(), ""
    # Single left-to-right passes, like the streaming scan: a tag that only appears once another
    # is removed ("</<think>think>") stays literal text. Hence one regex for both answer tags
    # rather than two chained replace() calls.
    thinking = text[:close].replace(OPEN_TAG, "").lstrip()
    answer = _TAG_RE.sub("", text[close + len(CLOSE_TAG) :]).lstrip(_ANSWER_LEAD)
    return thinking, answer


def strip_thinking(text: str) -> str:
    """Return only the answer part of a complete model output (for chat history).

    Expects the raw output including the reasoning: text with no ``</think>`` counts as all
    thinking and yields ``""``, so don't pass it an answer that was already stripped.
    """
    return split_output(text)[1]
