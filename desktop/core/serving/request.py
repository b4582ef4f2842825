"""An OpenAI chat-completions request, validated into what the engine needs.

Errors are :class:`ApiError` with the HTTP status and OpenAI's error object shape, so a
script or editor plugin sees the same kind of message it gets from any OpenAI-compatible
server. R1 advises against a system prompt: system messages become instructions folded into
the first user message, as the app does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from desktop.core.engines.generation import GenerationParams
from desktop.core.engines.prompt import ChatMessage

MAX_STOP_STRINGS = 4


class ApiError(Exception):
    """A request the server refuses: ``status`` and an OpenAI-style error body."""

    def __init__(
        self,
        status: int,
        message: str,
        kind: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.status, self.message, self.kind, self.param, self.code = (
            status, message, kind, param, code,
        )  # fmt: skip

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.kind, "param": self.param,
                          "code": self.code}}  # fmt: skip


@dataclass(frozen=True)
class ChatRequest:
    """What one ``POST /v1/chat/completions`` asks for."""

    messages: list[ChatMessage]
    params: GenerationParams
    stream: bool = False
    include_usage: bool = False
    #: "none" returns the thinking inline in ``content`` with its tags.
    reasoning_inline: bool = False
    stop: tuple[str, ...] = field(default_factory=tuple)
    model: str | None = None


def _text(content: Any, where: str) -> str:
    """A message's content: a string, or a list of text parts (images are not supported)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text":
                raise ApiError(400, f"{where}: only text content is supported", param=where)
            parts.append(str(part.get("text", "")))
        return "".join(parts)
    if content is None:
        return ""
    raise ApiError(400, f"{where}: content must be a string or a list of text parts", param=where)


def _number(body: dict, key: str, low: float, high: float, integer: bool = False) -> Any:
    value = body.get(key)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        kind = "an integer" if integer else "a number"
        raise ApiError(400, f"'{key}' must be {kind}", param=key)
    if not low <= value <= high:
        raise ApiError(400, f"'{key}' must be between {low:g} and {high:g}", param=key)
    return value


def parse_chat_request(body: Any, defaults: GenerationParams) -> ChatRequest:
    """Validate a decoded JSON body; raises ApiError (400) saying what is wrong."""
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    raw = body.get("messages")
    if not isinstance(raw, list) or not raw:
        raise ApiError(400, "'messages' is required: a non-empty list", param="messages")
    messages: list[ChatMessage] = []
    instructions: list[str] = []
    for i, item in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(item, dict):
            raise ApiError(400, f"{where} must be an object", param=where)
        role = item.get("role")
        text = _text(item.get("content"), where)
        if role in ("system", "developer"):
            instructions.append(text)
        elif role in ("user", "assistant"):
            messages.append(ChatMessage(role, text))
        else:
            raise ApiError(400, f"{where}: unsupported role {role!r}", param=where)
    if not messages or messages[-1].role != "user":
        raise ApiError(400, "the last message must be from the user", param="messages")
    stop = body.get("stop")
    if stop is None:
        stops: tuple[str, ...] = ()
    elif isinstance(stop, str):
        stops = (stop,)
    elif isinstance(stop, list) and all(isinstance(s, str) for s in stop):
        stops = tuple(stop)
    else:
        raise ApiError(400, "'stop' must be a string or a list of strings", param="stop")
    stops = tuple(s for s in stops if s)
    if len(stops) > MAX_STOP_STRINGS:
        raise ApiError(400, f"'stop' takes at most {MAX_STOP_STRINGS} strings", param="stop")
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    if max_tokens is not None:
        max_tokens = _number({"max_tokens": max_tokens}, "max_tokens", 1, 1 << 20, integer=True)
    temperature = _number(body, "temperature", 0, 2)
    top_p = _number(body, "top_p", 0, 1)
    seed = _number(body, "seed", -(1 << 63), (1 << 63) - 1, integer=True)
    options = body.get("stream_options") or {}
    if not isinstance(options, dict):
        raise ApiError(400, "'stream_options' must be an object", param="stream_options")
    fmt = body.get("reasoning_format", "deepseek")
    if fmt not in ("deepseek", "none", "auto", None):
        raise ApiError(400, "'reasoning_format' must be 'deepseek' or 'none'",
                       param="reasoning_format")  # fmt: skip
    model = body.get("model")
    params = GenerationParams(
        max_tokens=max_tokens or defaults.max_tokens,
        temperature=defaults.temperature if temperature is None else float(temperature),
        top_p=defaults.top_p if top_p is None else float(top_p),
        top_k=defaults.top_k,
        min_p=defaults.min_p,
        repeat_penalty=defaults.repeat_penalty,
        seed=None if seed is None else seed & 0x7FFFFFFF,
        instructions="\n\n".join(t for t in instructions if t.strip()) or None,
    )
    return ChatRequest(
        messages=messages,
        params=params,
        stream=bool(body.get("stream", False)),
        include_usage=bool(options.get("include_usage", False)),
        reasoning_inline=fmt == "none",
        stop=stops,
        model=model if isinstance(model, str) else None,
    )
