"""HTTP for the remote engine: sessions that respect proxies, sockets that Stop can cut, and
every failure said in plain words.

Stop must reach a worker blocked in a socket read (the server may take seconds before its
first byte), so each session records the sockets it opens and :meth:`SocketCutter.cut` shuts
them down from another thread: the blocked read returns at once and the server sees the client
go away, which makes llama-server, vLLM and Ollama stop generating.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import requests

from desktop.core.engines.local import FAILED, UNAVAILABLE, EngineError
from desktop.core.system.cuttable_http import SocketCutter, cuttable_session
from desktop.core.system.hosts import host_of, is_local_host
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

__all__ = ["RemoteError", "SocketCutter", "describe_failure", "open_session"]


class RemoteError(EngineError):
    """A request to the server failed; str() is a sentence for the user."""

    def __init__(self, message: str, kind: str = FAILED, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


def open_session(url: str, cutter: SocketCutter) -> requests.Session:
    """A session for ``url`` whose sockets ``cutter`` can shut down: the system proxy
    applies, except to local-network hosts."""
    session = cuttable_session(cutter.track)
    # requests re-reads proxy variables per request unless the session ignores the
    # environment; a local server must never be sent to the office proxy.
    session.trust_env = not is_local_host(host_of(url), resolve=False)
    session.headers["Accept-Encoding"] = "identity"  # stream tokens as they come, unbuffered
    return session


def describe_failure(err: BaseException, url: str, timeouts: tuple[float, float]) -> RemoteError:
    """A RemoteError in plain words for an exception raised by requests / urllib3."""
    host = host_of(url) or url
    if isinstance(err, requests.exceptions.SSLError):
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "The secure connection to {host} failed ({detail}). Check whether the address "
            "should start with http:// or https://, and the server's certificate.",
        )
        return RemoteError(msg.format(host=host, detail=_short(err)), UNAVAILABLE)
    if isinstance(err, requests.exceptions.ConnectTimeout):
        msg = QT_TRANSLATE_NOOP("Remote", "The server {host} did not answer within {seconds:g} s.")
        return RemoteError(msg.format(host=host, seconds=timeouts[0]), UNAVAILABLE)
    if isinstance(err, requests.exceptions.ReadTimeout) or "timed out" in str(err).lower():
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "The server {host} sent nothing for {seconds:g} s, so ThinkDesk gave up. "
            "What arrived is kept.",
        )
        return RemoteError(msg.format(host=host, seconds=timeouts[1]))
    if isinstance(err, requests.exceptions.ConnectionError):
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "Cannot reach the server at {url}. Check the address and that the server is "
            "running. ({detail})",
        )
        return RemoteError(msg.format(url=url, detail=_short(err)), UNAVAILABLE)
    msg = QT_TRANSLATE_NOOP("Remote", "The request to {host} failed: {detail}")
    return RemoteError(msg.format(host=host, detail=_short(err)))


def status_error(status: int, body: str, url: str, model: str) -> RemoteError:
    """A RemoteError for an HTTP error answer (after any retries)."""
    host = host_of(url) or url
    detail = _server_message(body)
    if status in (401, 403):
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "The server {host} refused the request (HTTP {status}): the API key is missing "
            "or wrong. Check it in Settings > Engine.",
        )
        return RemoteError(msg.format(host=host, status=status), UNAVAILABLE, status)
    if status == 404 and ("model" in detail.lower() or not detail):
        msg = QT_TRANSLATE_NOOP("Remote", "The server {host} has no model named '{model}'.")
        return RemoteError(msg.format(host=host, model=model), UNAVAILABLE, status)
    if status == 429:
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "The server {host} is busy with other requests (HTTP 429). Try again in a moment.",
        )
        return RemoteError(msg.format(host=host), UNAVAILABLE, status)
    if status == 503:
        msg = QT_TRANSLATE_NOOP(
            "Remote",
            "The server {host} is still not ready (HTTP 503: it may be loading its model). "
            "Try again later.",
        )
        return RemoteError(msg.format(host=host), UNAVAILABLE, status)
    msg = QT_TRANSLATE_NOOP(
        "Remote", "The server {host} answered with an error (HTTP {status}): {detail}"
    )
    kind = UNAVAILABLE if status >= 500 else FAILED
    return RemoteError(msg.format(host=host, status=status, detail=detail or "-"), kind, status)


def _server_message(body: str) -> str:
    """The message inside an OpenAI-style error body, else the body's start."""
    import json

    try:
        data = json.loads(body)
        error = data.get("error", data) if isinstance(data, dict) else data
        text = error.get("message") if isinstance(error, dict) else error
        if isinstance(text, str) and text:
            return _clip(text)
        detail = data.get("detail") if isinstance(data, dict) else None
        if detail:
            return _clip(str(detail))
    except ValueError:
        pass
    return _clip(body.strip())


def _short(err: BaseException) -> str:
    # urllib3 nests the useful part ("Connection refused") deep inside its message.
    text = str(err) or type(err).__name__
    for marker in ("] ", "Errno"):
        if marker in text:
            text = text[text.rfind(marker) :].lstrip("] ")
            break
    text = re.sub(r"\s*\(_ssl\.c:\d+\)?", "", text.rstrip("'\")"))
    return _clip(text + ")" * max(0, text.count("(") - text.count(")")))


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


NoticeFn = Callable[[str], None]
