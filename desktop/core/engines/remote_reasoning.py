"""Does a server's model think before it answers? Decided from what the server tells.

A server's model may be an R1 distill, another reasoning model, or a plain chat model (Llama,
Qwen2.5 Instruct, ...) that sends only ``delta.content``. The reply's start is one of:

* ``thinking``: the reply starts inside the thinking; text up to ``</think>`` is thinking, and
  a reply that never closes it was all thinking (the R1 rule of DESIGN.md).
* ``answer``: a plain chat model; the whole reply is the answer (no thinking section).
* ``tag``: the model opens its thinking itself when it thinks: a reply that starts with
  ``<think>`` (or a reasoning field) thinks, any other reply is the answer.
* ``unknown``: the server told nothing. A reasoning field or a leading ``<think>`` means
  thinking; otherwise the reply streams as thinking until ``</think>`` (R1 served by a template
  that opened the thinking), and if the stream ends without one, all of it was the answer.

The rule, facts the server gives first and names last:

1. A chat template the server exposes (llama-server ``/props`` ``chat_template``, Ollama
   ``/api/show`` ``template``): an R1 template (``<｜User｜>``/``<｜Assistant｜>``), or one whose
   generation prompt ends with ``<think>``, is ``thinking``; one whose generation prompt ends
   with ``</think>`` (thinking switched off) is ``answer``; one that mentions think tags or
   ``enable_thinking`` is ``tag``; any other template is ``answer``. Ollama's ``thinking``
   capability makes a plain template ``tag``.
2. Without a template, the model's names (its id and vLLM's ``root``): R1, QwQ, "think",
   "reason" in a name mean ``thinking``; otherwise ``unknown``.
3. While streaming (``ReplyOpening``), a reasoning field or a leading ``<think>`` always means
   thinking, and is marked by a leading ``<think>`` in the raw output, so every reader of a
   stored reply can tell it thought.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from desktop.core.engines import r1_format as r1
from desktop.core.engines.think import CLOSE_TAG, OPEN_TAG

__all__ = [
    "ReplyOpening",
    "ReplyStart",
    "is_unmarked_reply",
    "start_from_names",
    "start_from_template",
]

ReplyStart = Literal["thinking", "answer", "tag", "unknown"]

# "r1" / "qwq" as a word of the name (deepseek-r1:7b, DeepSeek-R1-Distill, r1-32b, qwq-32b),
# or "think"/"reason" anywhere (Qwen3-4B-Thinking, deepseek-reasoner, phi-4-reasoning).
_REASONING_NAME = re.compile(r"(?:^|[^a-z0-9])(?:r1|qwq)(?![0-9])|think|reason", re.IGNORECASE)


def start_from_template(
    template: str, *, bos_token: str = "", eos_token: str = "", capabilities: Iterable[str] = ()
) -> ReplyStart:
    """How a reply of the model with this chat template starts (rule 1 of the module)."""
    if r1.USER in template and r1.ASSISTANT in template:
        return "thinking"
    prompt = _generation_prompt(template, bos_token, eos_token)
    if prompt is not None and prompt.endswith(OPEN_TAG):
        return "thinking"
    if prompt is not None and prompt.endswith(CLOSE_TAG):
        return "answer"
    knows_thinking = OPEN_TAG in template or CLOSE_TAG in template or "enable_thinking" in template
    if knows_thinking or "thinking" in capabilities:
        return "tag"
    return "answer"


def start_from_names(names: Iterable[str]) -> ReplyStart:
    """How a reply starts when the server shows no template (rule 2 of the module)."""
    return "thinking" if any(_REASONING_NAME.search(n) for n in names if n) else "unknown"


def _generation_prompt(template: str, bos_token: str, eos_token: str) -> str | None:
    """The end of the prompt the template renders for one question; None if it cannot render
    here (a Go template of Ollama, or Jinja this sandbox refuses)."""
    from desktop.core.engines.prompt import ChatTemplate, PromptError

    try:
        rendered = ChatTemplate(template, bos_token=bos_token, eos_token=eos_token).render(
            [{"role": "user", "content": "Hi"}]
        )
    except (PromptError, Exception):  # any failure of a template we did not write: no answer
        return None
    return rendered.rstrip()


def is_unmarked_reply(raw: str) -> bool:
    """True if the complete raw output of a model whose thinking was ``unknown`` is all answer:
    it neither opened a thinking (``<think>``, a reasoning field) nor closed one."""
    return CLOSE_TAG not in raw and not raw.lstrip().startswith(OPEN_TAG)


class ReplyOpening:
    """Decides from a reply's first output whether it thinks, and marks the raw output so:
    a leading ``<think>`` when it thinks, a leading ``</think>`` when a ``tag`` model answers
    at once. Leading text that may still become ``<think>`` is held back (a few characters)."""

    def __init__(self, start: ReplyStart) -> None:
        self.start = start
        self.decided = start in ("thinking", "answer")
        self.thinks = start == "thinking"  # known to think (not a provisional guess)
        self._held = ""

    def feed(self, piece: str, reasoning_field: bool) -> str:
        """The text to pass on for ``piece``; ``reasoning_field``: the server separated a
        thinking (so far in this reply)."""
        if self.decided or not piece:
            return piece
        text, self._held = self._held + piece, ""
        if reasoning_field:
            return self._decide(True, text)
        lead = text.lstrip()
        if not lead or (len(lead) < len(OPEN_TAG) and OPEN_TAG.startswith(lead)):
            self._held = text  # blank so far, or "<thi" that may still become "<think>"
            return ""
        return self._decide(lead.startswith(OPEN_TAG), text)

    def flush(self) -> str:
        """Held-back text at the end of the stream."""
        if self.decided or not self._held:
            return ""
        text, self._held = self._held, ""
        return self._decide(False, text)

    def all_answer(self, closed: bool) -> bool:
        """True if the reply, ended with (``closed``) or without ``</think>``, was all answer."""
        return self.start == "unknown" and not self.thinks and not closed

    def _decide(self, thinks: bool, text: str) -> str:
        self.decided, self.thinks = True, thinks
        if thinks:
            return text if text.lstrip().startswith(OPEN_TAG) else OPEN_TAG + text
        return CLOSE_TAG + text if self.start == "tag" else text
