"""The OpenAI-compatible HTTP API over one shared engine (Starlette; uvicorn serves it).

Routes: ``GET /health`` (503 while the model loads), ``GET /v1/models`` and
``POST /v1/chat/completions`` (streaming SSE or one JSON reply). Every refusal is an OpenAI
error object; nothing a client sends can take the server down. Requests queue for the one
engine in arrival order; a client that disconnects stops its generation within one token.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from desktop.core.engines.generation import GenerationMetrics, GenerationParams
from desktop.core.serving.completion import Event, run_completion
from desktop.core.serving.host import EngineHost, QueueFull
from desktop.core.serving.request import ApiError, ChatRequest, parse_chat_request

MAX_BODY_BYTES = 1 << 20


@dataclass
class ServerConfig:
    """What the API serves and how it guards it."""

    model_id: str
    aliases: tuple[str, ...] = ()
    api_key: str | None = None
    defaults: GenerationParams = field(default_factory=GenerationParams)
    created: int = field(default_factory=lambda: int(time.time()))


def _error(err: ApiError) -> JSONResponse:
    headers = {"Retry-After": "5"} if err.status in (429, 503) else None
    return JSONResponse(err.body(), status_code=err.status, headers=headers)


def create_app(host: EngineHost, config: ServerConfig) -> Starlette:
    """The ASGI application serving ``host``'s engine.

    ``config.model_id`` may change while serving (the app opened another model).
    """

    def authorize(request: Request) -> None:
        if not config.api_key:
            return
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), config.api_key.encode()
        ):
            raise ApiError(401, "invalid API key", kind="authentication_error",
                           code="invalid_api_key")  # fmt: skip

    def require_ready() -> None:
        if host.state == "loading":
            raise ApiError(503, "the model is still loading", kind="server_error")
        if host.state != "ready":
            raise ApiError(503, f"the model is unavailable: {host.error}", kind="server_error")

    async def health(request: Request) -> Response:
        if host.state == "ready":
            return JSONResponse({"status": "ok"})
        body = {"status": host.state}
        if host.error:
            body["message"] = host.error
        return JSONResponse(body, status_code=503)

    async def models(request: Request) -> Response:
        try:
            authorize(request)
        except ApiError as err:
            return _error(err)
        card = {"id": config.model_id, "object": "model", "created": config.created,
                "owned_by": "thinkdesk"}  # fmt: skip
        return JSONResponse({"object": "list", "data": [card]})

    async def read_body(request: Request) -> Any:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise ApiError(413, f"the request body is over {MAX_BODY_BYTES} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise ApiError(413, f"the request body is over {MAX_BODY_BYTES} bytes")
            chunks.append(chunk)
        try:
            return json.loads(b"".join(chunks))
        except (ValueError, UnicodeDecodeError) as err:
            raise ApiError(400, f"the request body is not valid JSON: {err}") from None

    async def chat(request: Request) -> Response:
        try:
            authorize(request)
            body = await read_body(request)
            parsed = parse_chat_request(body, config.defaults)
            if parsed.model and parsed.model not in {config.model_id, *config.aliases}:
                raise ApiError(404, f"the model '{parsed.model}' does not exist; this server "
                               f"serves '{config.model_id}'", param="model",
                               code="model_not_found")  # fmt: skip
            require_ready()
            return await _answer(request, parsed)
        except ApiError as err:
            return _error(err)

    async def _answer(request: Request, parsed: ChatRequest) -> Response:
        loop = asyncio.get_running_loop()
        events: asyncio.Queue[Event] = asyncio.Queue()
        stop = threading.Event()

        def emit(event: Event) -> None:
            try:
                loop.call_soon_threadsafe(events.put_nowait, event)
            except RuntimeError:  # the server is shutting down: nobody is listening any more
                stop.set()

        def on_done(future: Future) -> None:
            # A job that never ran (no model, shutting down) still owes its request an answer.
            failure = "cancelled" if future.cancelled() else future.exception()
            if failure is not None:
                emit(Event("error", f"the model is unavailable: {failure}", status=503))

        try:
            future = host.submit(lambda engine: run_completion(engine, parsed, emit, stop))
            future.add_done_callback(on_done)
        except QueueFull as err:
            raise ApiError(429, f"the server is busy: {err}; try again shortly",
                           kind="rate_limit_error") from None  # fmt: skip
        try:
            first = await _next(request, events, stop)
        except asyncio.CancelledError:
            stop.set()
            raise
        if first.kind == "error":
            raise ApiError(
                first.status if first.status in (400, 503) else 500,
                first.text,
                kind="invalid_request_error" if first.status == 400 else "server_error",
            )
        ident = f"chatcmpl-{uuid.uuid4().hex}"
        if parsed.stream:
            return StreamingResponse(
                _sse(request, events, stop, first, ident, parsed),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        return await _whole(request, events, stop, first, ident)

    async def _whole(request: Request, events: asyncio.Queue[Event], stop: threading.Event,
                     event: Event, ident: str) -> Response:  # fmt: skip
        parts: dict[str, list[str]] = {"reasoning": [], "content": []}
        try:
            while event.kind in parts:
                parts[event.kind].append(event.text)
                event = await _next(request, events, stop)
        finally:
            stop.set()  # harmless once done; ends the generation if this request was cancelled
        if event.kind == "error":
            raise ApiError(500, event.text, kind="server_error")
        message: dict[str, Any] = {"role": "assistant", "content": "".join(parts["content"])}
        if parts["reasoning"]:
            message["reasoning_content"] = "".join(parts["reasoning"])
        return JSONResponse({
            "id": ident, "object": "chat.completion", "created": int(time.time()),
            "model": config.model_id,
            "choices": [{"index": 0, "message": message, "finish_reason": event.finish_reason}],
            "usage": _usage(event.metrics),
        })  # fmt: skip

    async def _sse(
        request: Request, events: asyncio.Queue[Event], stop: threading.Event, event: Event,
        ident: str, parsed: ChatRequest,
    ) -> AsyncIterator[str]:  # fmt: skip
        created = int(time.time())

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
            body = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": config.model_id,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            }
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

        try:
            yield chunk({"role": "assistant", "content": ""})
            while event.kind in ("reasoning", "content"):
                key = "reasoning_content" if event.kind == "reasoning" else "content"
                yield chunk({key: event.text})
                # Starlette cancels this generator when the client goes away: no polling here.
                event = await events.get()
            if event.kind == "error":
                error = ApiError(500, event.text, kind="server_error").body()
                yield f"data: {json.dumps(error, ensure_ascii=False)}\n\n"
            else:
                yield chunk({}, event.finish_reason)
                if parsed.include_usage:
                    body = {"id": ident, "object": "chat.completion.chunk", "created": created,
                            "model": config.model_id, "choices": [],
                            "usage": _usage(event.metrics)}  # fmt: skip
                    yield f"data: {json.dumps(body)}\n\n"
            yield "data: [DONE]\n\n"
        finally:
            stop.set()  # the client went away (the stream is cancelled) or the answer ended

    return Starlette(routes=[
        Route("/health", health),
        Route("/v1/models", models),
        Route("/v1/chat/completions", chat, methods=["POST"]),
    ])  # fmt: skip


async def _next(request: Request, events: asyncio.Queue[Event], stop: threading.Event) -> Event:
    """The next event; notices a client that went away while nothing was sent yet."""
    while True:
        try:
            return await asyncio.wait_for(events.get(), timeout=0.5)
        except TimeoutError:
            if await request.is_disconnected():
                stop.set()
                return Event("error", "the client went away", status=499)


def _usage(metrics: GenerationMetrics | None) -> dict[str, int]:
    prompt = metrics.prompt_tokens if metrics else 0
    completion = metrics.generated_tokens if metrics else 0
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": prompt + completion}  # fmt: skip
