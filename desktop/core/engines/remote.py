"""The remote engine: answers come from a server speaking the OpenAI-compatible chat API
(llama-server, vLLM, Ollama, the DeepSeek API) over ``/v1/chat/completions`` with SSE.

It behaves like the local engine (see ``engines.base``): raw pieces with the thinking closed by
``</think>``, history sent as answers only, the R1 sampling defaults, Stop within one network
read (the connection is cut, so the server stops generating), a thinking budget and Wrap up
(the thinking is stopped and the server asked to continue after ``</think>``).

Whether the model thinks at all (an R1, or a plain chat model that sends only content) is
decided when connecting, from the chat template the server shows, else the model's names, and
per reply from its first output: see ``engines.remote_reasoning``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import requests

from desktop.core.engines.generation import (
    Generation,
    GenerationParams,
    RequestControl,
)
from desktop.core.engines.prompt import ChatMessage, prepare_messages
from desktop.core.engines.remote_config import RemoteConfig, api_base
from desktop.core.engines.remote_http import (
    UNAVAILABLE,
    NoticeFn,
    RemoteError,
    SocketCutter,
    describe_failure,
    open_session,
    status_error,
)
from desktop.core.engines.remote_probe import probe_reply_start
from desktop.core.engines.remote_reasoning import ReplyStart
from desktop.core.engines.remote_stream import StreamRun
from desktop.core.system.cuttable_http import sealed_when_set
from desktop.core.system.hosts import host_of, is_local_host
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

__all__ = ["RemoteConfig", "RemoteEngine", "RemoteError", "api_base", "list_models"]


class _Client:
    """One session to one server: requests with retries on 503, errors in plain words."""

    def __init__(self, config: RemoteConfig, notice: NoticeFn | None):
        host = host_of(config.url)
        if config.offline and not is_local_host(host):
            msg = QT_TRANSLATE_NOOP(
                "Remote",
                "ThinkDesk is set to work offline, so it only uses servers on this computer or "
                "the local network, and {host} is not one. Turn off Offline mode in "
                "Settings > Network to use it.",
            )
            raise RemoteError(msg.format(host=host or config.url), UNAVAILABLE)
        self.config = config
        self.base = api_base(config.url)
        self.interrupter = SocketCutter()
        self.session = open_session(config.url, self.interrupter)
        if config.api_key:
            self.session.headers["Authorization"] = f"Bearer {config.api_key}"
        self._notice = notice or (lambda _text: None)
        self.roots: dict[str, str] = {}  # model id -> what vLLM serves under it ("root")

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
        *,
        stream: bool = False,
    ) -> requests.Response | None:
        """The response (2xx); None if ``cancel`` was set while waiting; RemoteError else."""
        deadline = time.monotonic() + self.config.retry_for_s
        delay = self.config.retry_delay_s
        while True:
            try:
                response = self.session.request(
                    method, self.base + path, json=body, stream=stream,
                    timeout=self.config.timeouts,
                )  # fmt: skip
            except requests.RequestException as err:
                if cancel is not None and cancel.is_set():
                    return None
                raise describe_failure(err, self.config.url, self.config.timeouts) from err
            if response.status_code < 400:
                return response
            text = response.text[:4000]
            response.close()
            if response.status_code == 503 and time.monotonic() + delay < deadline:
                msg = QT_TRANSLATE_NOOP(
                    "Remote",
                    "The server {host} is not ready yet (it may be loading its model); "
                    "trying again in {seconds:g} s…",
                )
                self._notice(msg.format(host=host_of(self.config.url), seconds=delay))
                if cancel is not None and cancel.wait(delay):
                    return None
                if cancel is None:
                    time.sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            raise status_error(response.status_code, text, self.config.url, self.config.model)

    def models(self, cancel: threading.Event | None = None) -> list[str]:
        """The model names ``/v1/models`` lists."""
        response = self.request("GET", "/models", cancel=cancel)
        if response is None:
            return []
        try:
            data = response.json().get("data") or []
            items = [item for item in data if isinstance(item, dict) and "id" in item]
            self.roots = {str(i["id"]): str(i["root"]) for i in items if i.get("root")}
            return [str(item["id"]) for item in items]
        except (ValueError, AttributeError) as err:
            msg = QT_TRANSLATE_NOOP(
                "Remote",
                "{url} does not look like an OpenAI-compatible server: its model list "
                "could not be read.",
            )
            raise RemoteError(msg.format(url=self.base), UNAVAILABLE) from err

    def reply_start(self, model: str, cancel: threading.Event | None = None) -> ReplyStart:
        """Whether ``model``'s replies think (see ``engines.remote_reasoning``): from the chat
        template llama-server (``/props``) or Ollama (``/api/show``) shows within a short
        time (``engines.remote_probe``), else its names."""
        names = [model, self.roots.get(model, "")]
        return probe_reply_start(self.config, model, names, self.session.headers, cancel)

    def close(self) -> None:
        self.interrupter.cut()
        self.session.close()


def list_models(
    config: RemoteConfig, cancel: threading.Event | None = None, notice: NoticeFn | None = None
) -> list[str]:
    """The models the server offers ("Test connection" and the model choice)."""
    client = _Client(config, notice)
    try:
        with sealed_when_set(cancel, client.interrupter):
            return client.models(cancel)
    finally:
        client.close()


class RemoteEngine:
    """A connection to a server's model. Create, use and close it on one thread."""

    def __init__(
        self,
        config: RemoteConfig,
        *,
        notice: NoticeFn | None = None,
        cancel: threading.Event | None = None,
    ):
        started = time.perf_counter()
        self.config = config
        self._client = _Client(config, notice)
        # Cancel (set from the GUI thread) cuts a request blocked on a silent server at once.
        with sealed_when_set(cancel, self._client.interrupter):
            self.available = self._client.models(cancel)
        if config.model and config.model not in self.available:
            msg = QT_TRANSLATE_NOOP(
                "Remote", "The server {host} has no model named '{model}'. It offers: {models}."
            )
            offered = ", ".join(self.available[:8]) or "-"
            self._client.close()
            raise RemoteError(
                msg.format(host=host_of(config.url), model=config.model, models=offered),
                UNAVAILABLE,
            )
        if not config.model and not self.available:
            self._client.close()
            msg = QT_TRANSLATE_NOOP("Remote", "The server {host} offers no model.")
            raise RemoteError(msg.format(host=host_of(config.url)), UNAVAILABLE)
        self.model = config.model or self.available[0]
        self.origin = config.origin
        #: How this model's replies start; ``reasoning`` as for a local model (thinking pane,
        #: budget, wrap-up) and ``reasoning_guessed``: a reply that never marks a thinking is
        #: the answer after all (see ``engines.remote_reasoning``).
        self.reply_start: ReplyStart = (
            "unknown"
            if cancel is not None and cancel.is_set()
            else self._client.reply_start(self.model, cancel)
        )
        self.reasoning = self.reply_start != "answer"
        self.reasoning_guessed = self.reply_start == "unknown"
        self.load_seconds = time.perf_counter() - started

    def request_body(self, history: Sequence[ChatMessage], params: GenerationParams) -> dict:
        """The chat request: answers-only history, R1 sampling, a token limit, usage asked."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": prepare_messages(history, params.instructions),
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
        }
        if params.seed is not None:
            body["seed"] = params.seed
        return body

    def stream_chat(
        self,
        history: Sequence[ChatMessage],
        params: GenerationParams | None = None,
        stop: threading.Event | RequestControl | None = None,
    ) -> Generation:
        """Stream the answer to the last user message (see ``engines.base.ChatEngine``)."""
        params = params or GenerationParams()
        if not isinstance(stop, RequestControl):
            stop = RequestControl(stop or threading.Event())
        if not history or history[-1].role != "user":
            raise RemoteError(QT_TRANSLATE_NOOP("Engine", "There is no question to answer."))
        generation = Generation(iter(()))
        body = self.request_body(history, params)
        run = StreamRun(self._client, body, params, stop, self.reply_start)
        generation._pieces = self._pieces(run, generation)
        return generation

    def _pieces(self, run: StreamRun, generation: Generation) -> Iterator[str]:
        try:
            yield from run.pieces()
        finally:
            generation.metrics = run.metrics(origin=self.origin)

    def close(self) -> None:
        self._client.close()
