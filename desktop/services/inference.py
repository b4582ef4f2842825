"""The inference thread: one long-lived QThread whose worker owns the llama.cpp engine.

Requests reach the worker as queued signals; it answers each generate request with exactly one
of ``finished`` or ``failed``. Stop and wrap-up are ``threading.Event``s per request
(RequestControl), set from the GUI thread, because a queued "stop" slot could not run while
the worker is busy generating.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from desktop.core.engines.base import ChatEngine
from desktop.core.engines.local import (
    Engine,
    EngineConfig,
    EngineError,
    GenerationParams,
    RequestControl,
)
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote_config import RemoteConfig
from desktop.core.models.gguf_inspect import GGUFInfo
from desktop.core.models.loading import open_model
from desktop.core.models.model_check import ModelCheckError, VerdictCache
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, message_of
from desktop.services.i18n import translate_message


@dataclass(frozen=True)
class LoadedModel:
    """What the UI needs to know about the model now loaded."""

    path: Path
    name: str
    info: GGUFInfo | None  # None for a model on a server
    n_ctx: int
    threads: int
    load_s: float  # until ready: loading plus the warm-up
    warmup_s: float = 0.0
    origin: str = ""  # "" on this computer, else the server (host:port) that answers
    #: The model thinks before answering (thinking pane, budget, wrap-up); a plain chat
    #: model's reply is all answer. Decided per model by core.engines.family.
    reasoning: bool = True
    check_s: float = 0.0  # the file check before it (inspection and crash check)
    #: A server did not say whether its model thinks: a reply shows as thinking until it
    #: closes with ``</think>``, and one that never marks a thinking is the answer
    #: (core.engines.remote_reasoning).
    reasoning_guessed: bool = False

    @property
    def open_s(self) -> float:
        """The whole time from "open" to ready: check, load and warm-up."""
        return self.check_s + self.load_s


class InferenceWorker(QObject):
    """Lives on the inference thread. Creates, uses and frees the Engine there."""

    model_loaded = Signal(int, object)  # load id, LoadedModel
    model_load_failed = Signal(int, str)  # load id, message for the user
    load_phase_changed = Signal(str)  # "checking" or "loading"
    token = Signal(int, str)  # request_id, text piece
    finished = Signal(int, bool, object)  # request_id, stopped, metrics dict
    # request_id, message for the user: a UserMessage where possible, translated when shown,
    # so an error saved in the history follows a later change of language.
    failed = Signal(int, object)
    notice = Signal(str)  # while connecting: a server still loading its model, retried

    def __init__(self, verdicts: VerdictCache):
        super().__init__()
        self._verdicts = verdicts
        self._cancel_load = threading.Event()  # of the load running now
        self._engine: ChatEngine | None = None

    @Slot(int, object, object)
    def load_model(
        self, load_id: int, config: EngineConfig | RemoteConfig, cancel: threading.Event
    ) -> None:
        """Check, then load ``config.model_path`` (or connect to a server), replacing any
        loaded model.

        Answers with model_loaded or model_load_failed carrying ``load_id``. ``cancel``
        abandons this load (the user's Cancel, a newer load, or the app quitting): the check's
        child process is killed at once; a load already inside llama.cpp cannot be
        interrupted, so its model is freed when it arrives and nothing is reported.
        """
        self.release()
        self._cancel_load = cancel
        if cancel.is_set():
            return  # superseded while it waited in the queue
        if isinstance(config, RemoteConfig):
            self._connect(load_id, config)
            return
        try:
            opened = open_model(config, self._verdicts, cancel=cancel,
                                phase=self.load_phase_changed.emit)  # fmt: skip
            if opened is None:
                return
            engine, info = opened.engine, opened.info
            warmup_s = 0.0 if cancel.is_set() else self._warm_up(engine, cancel)
        except (ModelCheckError, EngineError) as err:
            if not cancel.is_set():
                self.model_load_failed.emit(load_id, translate_message(err))
            return
        except Exception as err:  # the worker must outlive any surprise from the bindings
            message = self.tr("Loading the model failed unexpectedly: {0}")
            self.model_load_failed.emit(load_id, message.format(translate_message(err)))
            return
        if cancel.is_set():  # superseded while llama.cpp was loading, which cannot be interrupted
            engine.close()
            return
        self._engine = engine
        name = info.name or Path(config.model_path).stem
        self.model_loaded.emit(
            load_id,
            LoadedModel(
                path=Path(config.model_path),
                name=name,
                info=info,
                n_ctx=engine.n_ctx,
                threads=engine.threads,
                load_s=engine.load_seconds + warmup_s,
                warmup_s=warmup_s,
                reasoning=engine.reasoning,
                check_s=opened.check_s,
            ),
        )

    def _connect(self, load_id: int, config: RemoteConfig) -> None:
        """Reach the server and its model; answers then come from there."""
        from desktop.core.engines.remote import RemoteEngine  # the HTTP stack, only when used

        try:
            engine = RemoteEngine(config, notice=self._emit_notice, cancel=self._cancel_load)
        except EngineError as err:
            if not self._cancel_load.is_set():
                self.model_load_failed.emit(load_id, translate_message(err))
            return
        if self._cancel_load.is_set():
            engine.close()
            return
        self._engine = engine
        self.model_loaded.emit(
            load_id,
            LoadedModel(
                Path(),
                engine.model,
                None,
                0,
                0,
                engine.load_seconds,
                origin=engine.origin,
                reasoning=engine.reasoning,
                reasoning_guessed=engine.reasoning_guessed,
            ),
        )

    def _emit_notice(self, message: str) -> None:
        self.notice.emit(translate_message(message))

    def _warm_up(self, engine: Engine, cancel: threading.Event) -> float:
        """Answer a two-token question and forget it; returns the seconds it took.

        The first decode after a load pays for faulting in the mmap'd weights, sizing the
        compute buffers and starting the thread pool; doing it here, while the UI still says
        "Loading...", keeps that cost out of the user's first question.
        """
        started = time.perf_counter()
        try:
            warm = engine.stream_chat(
                [ChatMessage("user", "Hi")],
                GenerationParams(max_tokens=2, seed=0),
                cancel,
            )
            for _piece in warm:
                pass
        except EngineError:
            pass  # a real problem will surface, with its message, on the first question
        llm = getattr(engine, "_llm", None)
        if llm is not None:
            llm.reset()  # an empty cache, as if nothing had been asked yet
        return time.perf_counter() - started

    @Slot(int, object, object, object)
    def generate(
        self,
        request_id: int,
        history: list[ChatMessage],
        params: GenerationParams,
        control: RequestControl,
    ) -> None:
        """Stream an answer to ``history``; report exactly one of finished / failed."""
        if self._engine is None:
            self.failed.emit(
                request_id,
                QT_TRANSLATE_NOOP("InferenceWorker", "No model is loaded. Open a model first."),
            )
            return
        try:
            generation = self._engine.stream_chat(history, params, control)
            for piece in generation:
                self.token.emit(request_id, piece)
        except EngineError as err:
            self.failed.emit(request_id, message_of(err))
            return
        except Exception as err:
            message = QT_TRANSLATE_NOOP(
                "InferenceWorker", "Generation failed unexpectedly: {error}"
            ).format(error=message_of(err))
            self.failed.emit(request_id, message)
            return
        metrics = generation.metrics
        stopped = metrics is not None and metrics.finish_reason == "stopped"
        self.finished.emit(request_id, stopped, metrics.to_dict() if metrics else {})

    @Slot(object, object)
    def run_job(self, job: object, future: object) -> None:
        """Run ``job(engine)`` here, between answers, for a served request (see sharing.py)."""
        assert isinstance(future, Future) and callable(job)
        if not future.set_running_or_notify_cancel():
            return
        if self._engine is None:
            future.set_exception(EngineError(self.tr("No model is loaded. Open a model first.")))
            return
        try:
            future.set_result(job(self._engine))
        except BaseException as err:  # the job's failure belongs to its HTTP request
            future.set_exception(err)

    @Slot()
    def release(self) -> None:
        """Free the engine (runs on the inference thread, also when the thread finishes)."""
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()


class InferenceService(QObject):
    """GUI-thread front of the inference thread: starts it, sends requests, stops, shuts down."""

    load_requested = Signal(int, object, object)  # load id, EngineConfig, cancel Event
    release_requested = Signal()
    generate_requested = Signal(int, object, object, object)
    job_requested = Signal(object, object)

    model_loaded = Signal(int, object)  # load id, LoadedModel
    model_load_failed = Signal(int, str)  # load id, message
    load_phase_changed = Signal(str)
    token = Signal(int, str)
    finished = Signal(int, bool, object)
    failed = Signal(int, object)  # request_id, message (see InferenceWorker.failed)
    notice = Signal(str)

    def __init__(self, verdicts: VerdictCache, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._load_ids = itertools.count(1)
        self._controls: dict[int, RequestControl] = {}
        self._cancel_load = threading.Event()  # of the latest load
        self._thread = QThread()
        self._thread.setObjectName("inference")
        self._worker = InferenceWorker(verdicts)
        self._worker.moveToThread(self._thread)
        self.load_requested.connect(self._worker.load_model)
        self.release_requested.connect(self._worker.release)
        self.generate_requested.connect(self._worker.generate)
        self.job_requested.connect(self._worker.run_job)
        self._worker.model_loaded.connect(self.model_loaded)
        self._worker.model_load_failed.connect(self.model_load_failed)
        self._worker.load_phase_changed.connect(self.load_phase_changed)
        self._worker.token.connect(self.token)
        self._worker.notice.connect(self.notice)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        # Free llama.cpp on its own thread after the event loop ends, before Python teardown.
        self._thread.finished.connect(self._worker.release, Qt.ConnectionType.DirectConnection)
        self._thread.start()

    def load(self, config: EngineConfig | RemoteConfig) -> int:
        """Queue loading a model (checked first) or connecting to a server, superseding any
        earlier load; returns the load id that its model_loaded or model_load_failed carries."""
        self.stop()
        self.cancel_load()
        self._cancel_load = threading.Event()
        load_id = next(self._load_ids)
        self.load_requested.emit(load_id, config, self._cancel_load)
        return load_id

    def cancel_load(self) -> None:
        """Abandon the latest load: it reports no model (a running probe is ended)."""
        self._cancel_load.set()

    def release_model(self) -> None:
        """Queue freeing the loaded model (e.g. one that arrived after its load was cancelled)."""
        self.release_requested.emit()

    def generate(self, history: list[ChatMessage], params: GenerationParams) -> int:
        """Queue an answer to ``history``; returns the request id carried by its signals."""
        request_id = next(self._ids)
        control = RequestControl()
        self._controls[request_id] = control
        self.generate_requested.emit(request_id, list(history), params, control)
        return request_id

    def submit_job(self, job: Callable[[Engine], Any]) -> Future:
        """Queue ``job(engine)`` on the inference thread, after what is queued already.

        Any thread may call this (signal emission is thread-safe): the served API uses the
        model the window loaded, so there is never a second copy in memory.
        """
        future: Future = Future()
        self.job_requested.emit(job, future)
        return future

    def stop(self, request_id: int | None = None) -> None:
        """Ask a request (default: every pending one) to stop within one token."""
        for rid, control in self._controls.items():
            if request_id is None or rid == request_id:
                control.stop.set()

    def wrap_up(self, request_id: int) -> None:
        """Ask a request to close its thinking now and give its answer."""
        control = self._controls.get(request_id)
        if control is not None:
            control.wrap_up.set()

    @Slot(int, bool, object)
    def _on_finished(self, request_id: int, stopped: bool, metrics: object) -> None:
        self._controls.pop(request_id, None)
        self.finished.emit(request_id, stopped, metrics)

    @Slot(int, object)
    def _on_failed(self, request_id: int, message: object) -> None:
        self._controls.pop(request_id, None)
        self.failed.emit(request_id, message)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop everything, end the thread and free the model. True if it ended in time."""
        self.stop()
        self._cancel_load.set()
        self._thread.quit()
        ended = self._thread.wait(timeout_ms)
        return bool(ended)
