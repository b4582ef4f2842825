"""Read the chunks of an OpenAI-compatible chat stream, whatever dialect the server speaks.

Servers put R1's thinking in different places:

* ``delta.reasoning_content``: the DeepSeek API, llama-server ``--reasoning-format deepseek``,
  vLLM before 0.11;
* ``delta.reasoning``: vLLM 0.11 and later, Ollama's ``/v1``;
* inside ``delta.content`` as ``<think>…</think>``, or with only the closing ``</think>``
  (the template opened the thinking): llama-server without a reasoning format, plain servers.

:class:`DeltaReader` turns all of them into the one raw stream every engine produces (thinking,
``</think>``, answer), so ``ThinkSplitter`` shows them the same way.
"""

from __future__ import annotations

from typing import Any

from desktop.core.engines.sse import MalformedEvent
from desktop.core.engines.think import CLOSE_TAG, OPEN_TAG

__all__ = ["DeltaReader"]


class DeltaReader:
    """Feed parsed chunk objects; get raw output pieces, plus usage, timings and finish."""

    def __init__(self) -> None:
        self.reasoning_seen = False  # the server separates the thinking (a reasoning field)
        self.closed = False  # the answer started after reasoning fields
        self.usage: dict[str, Any] = {}
        self.timings: dict[str, Any] = {}
        self.finish_reason: str | None = None
        self.model: str | None = None

    def feed(self, chunk: dict[str, Any]) -> str:
        """The raw output in one chunk ("" for role-only, usage-only or keep-alive chunks)."""
        error = chunk.get("error")
        if error:
            message = error.get("message") if isinstance(error, dict) else error
            raise MalformedEvent(f"the server reported an error: {message}")
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        if isinstance(chunk.get("timings"), dict):
            self.timings = chunk["timings"]
        self.model = chunk.get("model") or self.model
        choices = chunk.get("choices")
        if choices is None:
            if not (self.usage or self.timings or "id" in chunk):
                raise MalformedEvent("a chunk without choices")
            return ""
        if not isinstance(choices, list):
            raise MalformedEvent("choices is not a list")
        pieces: list[str] = []
        for choice in choices:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            self.finish_reason = choice.get("finish_reason") or self.finish_reason
            # "message" in a whole (non-streamed) answer from a server that ignored "stream".
            delta = choice.get("delta") or choice.get("message") or {}
            if not isinstance(delta, dict):
                raise MalformedEvent("delta is not an object")
            reasoning = delta.get("reasoning_content") or delta.get("reasoning")
            content = delta.get("content")
            if isinstance(reasoning, str) and reasoning and not self.closed:
                self.reasoning_seen = True
                # A tag inside separated reasoning is the model's text, not a boundary.
                pieces.append(reasoning.replace(CLOSE_TAG, "").replace(OPEN_TAG, ""))
            if isinstance(content, str) and content:
                if self.reasoning_seen and not self.closed:
                    self.closed = True
                    content = CLOSE_TAG + "\n\n" + content
                pieces.append(content)
        return "".join(pieces)
