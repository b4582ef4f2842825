"""The one engine interface the chat, history, reasoning controls and rendering talk to.

Two engines answer behind it: the in-process llama.cpp engine (``engines.local``) and a server
that speaks the OpenAI-compatible chat API (``engines.remote``: llama-server, vLLM, Ollama).
Both stream the model's raw output, thinking first and closed by ``</think>``, one piece per
token, so ``ThinkSplitter`` and everything after it never needs to know which one answered.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from desktop.core.engines.generation import Generation, GenerationParams, RequestControl
from desktop.core.engines.local import EngineError
from desktop.core.engines.prompt import ChatMessage

__all__ = ["ChatEngine", "EngineError"]


@runtime_checkable
class ChatEngine(Protocol):
    """What the inference worker needs from an engine. Used from one thread at a time."""

    def stream_chat(
        self,
        history: Sequence[ChatMessage],
        params: GenerationParams | None = None,
        stop: threading.Event | RequestControl | None = None,
    ) -> Generation:
        """Stream the answer to the last user message: raw pieces, thinking then ``</think>``.

        Raises EngineError before streaming if the request cannot be made, or while
        streaming if it breaks; ``stop`` ends it within one piece (or one network read).
        """
        ...

    def close(self) -> None:
        """Free what the engine holds (call on the thread that used it)."""
        ...
