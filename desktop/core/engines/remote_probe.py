"""Ask a server how its model's replies start: llama-server ``GET /props`` (its chat template),
else Ollama ``POST /api/show`` (template and capabilities), else the model's names (see
``engines.remote_reasoning``).

Neither probe is part of the OpenAI API, so a server, or a proxy in front of it, may accept the
request and never answer. Connecting waits for them ``RemoteConfig.probe_for_s`` at most in
all (not a timeout per request), and the user's Cancel ends the wait at once: each probe runs
on its own thread and connection, the caller's thread only waits, and whatever has not
answered when the time is up (or on Cancel) is cut and counts as telling nothing.

``/props`` is asked first and decides when it shows a template; ``/api/show`` is asked when it
shows none, or has not answered within ``HEAD_START_S`` (then both run at once, and ``/props``
still comes first). A server that answers at once is asked exactly what it was asked before.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from desktop.core.engines.remote_config import RemoteConfig, api_base
from desktop.core.engines.remote_http import open_session
from desktop.core.engines.remote_reasoning import (
    ReplyStart,
    start_from_names,
    start_from_template,
)
from desktop.core.system.cuttable_http import WATCH_INTERVAL_S, SocketCutter

__all__ = ["HEAD_START_S", "probe_reply_start"]

#: How long ``/props`` has to itself before ``/api/show`` is asked alongside it.
HEAD_START_S = 0.5


class _Probe:
    """One request on its own thread and session; ``data`` is the JSON object it answered
    (``{}`` for an error, a non-object, or no answer yet)."""

    def __init__(self, session: requests.Session, method: str, url: str,
                 body: dict[str, Any] | None, timeout: tuple[float, float],
                 changed: threading.Event):  # fmt: skip
        self.data: dict[str, Any] = {}
        self.done = threading.Event()
        self._changed = changed
        args = (session, method, url, body, timeout)
        threading.Thread(target=self._run, args=args, name="remote-probe", daemon=True).start()

    def _run(self, session: requests.Session, method: str, url: str,
             body: dict[str, Any] | None, timeout: tuple[float, float]) -> None:  # fmt: skip
        try:
            response = session.request(method, url, json=body, timeout=timeout)
            with response:
                data = response.json() if response.status_code == 200 else {}
            self.data = data if isinstance(data, dict) else {}
        except (requests.RequestException, ValueError, OSError):
            pass  # no answer (refused, cut, timed out, not JSON): the server told nothing
        finally:
            session.close()
            self.done.set()
            self._changed.set()


def _template(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) and value.strip() else ""


def probe_reply_start(
    config: RemoteConfig,
    model: str,
    names: list[str],
    headers: Mapping[str, str],
    cancel: threading.Event | None = None,
) -> ReplyStart:
    """How ``model``'s replies start, from what the server tells within ``config.probe_for_s``
    (then from ``names``); ``headers`` go with each probe (the API key). Returns ``unknown``
    at once when ``cancel`` is set."""
    deadline = time.monotonic() + config.probe_for_s
    root = api_base(config.url).removesuffix("/v1")
    cutter = SocketCutter()
    changed = threading.Event()
    timeout = (min(config.connect_timeout, config.probe_for_s), config.probe_for_s)

    def ask(method: str, path: str, body: dict[str, Any] | None = None) -> _Probe:
        session = open_session(config.url, cutter)
        session.headers.update(headers)
        return _Probe(session, method, root + path, body, timeout, changed)

    def wait(until: float, finished: Callable[[], bool]) -> bool:
        """Wait until ``finished()``, ``until`` or Cancel; True if ``finished()``."""
        while not finished():
            left = until - time.monotonic()
            if left <= 0 or (cancel is not None and cancel.is_set()):
                return False
            changed.wait(min(left, WATCH_INTERVAL_S))
            changed.clear()
        return True

    try:
        props = ask("GET", "/props")
        wait(min(deadline, time.monotonic() + HEAD_START_S), props.done.is_set)
        if _template(props.data, "chat_template"):
            return _from_props(props.data)
        if cancel is not None and cancel.is_set():
            return "unknown"
        show = ask("POST", "/api/show", {"model": model, "name": model})
        wait(deadline, lambda: props.done.is_set() and (
            bool(_template(props.data, "chat_template")) or show.done.is_set()))  # fmt: skip
        if cancel is not None and cancel.is_set():
            return "unknown"
        if _template(props.data, "chat_template"):
            return _from_props(props.data)
        if _template(show.data, "template"):
            capabilities = show.data.get("capabilities")
            capabilities = capabilities if isinstance(capabilities, list) else []
            return start_from_template(show.data["template"], capabilities=capabilities)
        return start_from_names(names)
    finally:
        cutter.seal()  # a probe still waiting for its answer ends now


def _from_props(props: Mapping[str, Any]) -> ReplyStart:
    return start_from_template(
        props["chat_template"],
        bos_token=str(props.get("bos_token") or ""),
        eos_token=str(props.get("eos_token") or ""),
    )
