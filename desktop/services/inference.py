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
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from desktop.core.engines.local import (
    Engine,
    EngineConfig,
    EngineError,
    GenerationParams,
    RequestControl,
)
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models.gguf_inspect import GGUFInfo
from desktop.core.models.model_check import ModelCheckError, VerdictCache, check_model
from desktop.services.i18n import translate_message


@dataclass(frozen=True)
class LoadedModel:
    """What the UI needs to know about the model now loaded."""

    path: Path
    name: str
    info: GGUFInfo
    n_ctx: int
    threads: int
    load_s: float  # until ready: loading plus the warm-up
    warmup_s: float = 0.0
    check_s: float = 0.0  # the file check before it (inspection and crash check)

    @property
    def open_s(self) -> float:
        """The whole time from "open" to ready: check, load and warm-up."""
        return self.check_s + self.load_s


class InferenceWorker(QObject):
    """Lives on the inference thread. Creates, uses and frees the Engine there."""

    model_loaded = Signal(object)  # LoadedModel
    model_load_failed = Signal(str)
    load_phase_changed = Signal(str)  # "checking" or "loading"
    token = Signal(int, str)  # request_id, text piece
    finished = Signal(int, bool, object)  # request_id, stopped, metrics dict
    failed = Signal(int, str)  # request_id, message for the user

    def __init__(self, verdicts: VerdictCache, cancel_load: threading.Event):
        super().__init__()
        self._verdicts = verdicts
        self._cancel_load = cancel_load
        self._engine: Engine | None = None

    @Slot(object, object)
    def load_model(self, config: EngineConfig, cancel: threading.Event) -> None:
        """Check, then load ``config.model_path``, replacing any loaded model.

        ``cancel`` abandons this load: the check's child process is killed at once; a load
        already inside llama.cpp cannot be interrupted, so its model is freed when it arrives
        and nothing is reported (the session has moved on).
        """
        self.release()
        started = time.perf_counter()
        try:
            self.load_phase_changed.emit("checking")
            info = check_model(config.model_path, self._verdicts, cancel=cancel)
            check_s = time.perf_counter() - started
            if self._abandoned(cancel):
                return
            self.load_phase_changed.emit("loading")
            engine = Engine(config)
            warmup_s = 0.0 if self._abandoned(cancel) else self._warm_up(engine, cancel)
            if self._abandoned(cancel):
                engine.close()
                return
        except ModelCheckError as err:
            if err.reason != "cancelled":
                self.model_load_failed.emit(translate_message(err))
            return
        except EngineError as err:
            self.model_load_failed.emit(translate_message(err))
            return
        except Exception as err:  # the worker must outlive any surprise from the bindings
            self.model_load_failed.emit(
                self.tr("Loading the model failed unexpectedly: {0}").format(translate_message(err))
            )
            return
        self._engine = engine
        name = info.name or Path(config.model_path).stem
        self.model_loaded.emit(
            LoadedModel(
                path=Path(config.model_path),
                name=name,
                info=info,
                n_ctx=engine.n_ctx,
                threads=engine.threads,
                load_s=engine.load_seconds + warmup_s,
                warmup_s=warmup_s,
                check_s=check_s,
            )
        )

    def _abandoned(self, cancel: threading.Event) -> bool:
        return cancel.is_set() or self._cancel_load.is_set()  # this load, or the app quitting

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
            self.failed.emit(request_id, self.tr("No model is loaded. Open a model first."))
            return
        try:
            generation = self._engine.stream_chat(history, params, control)
            for piece in generation:
                self.token.emit(request_id, piece)
        except EngineError as err:
            self.failed.emit(request_id, translate_message(err))
            return
        except Exception as err:
            message = self.tr("Generation failed unexpectedly: {0}").format(translate_message(err))
            self.failed.emit(request_id, message)
            return
        metrics = generation.metrics
        stopped = metrics is not None and metrics.finish_reason == "stopped"
        self.finished.emit(request_id, stopped, metrics.to_dict() if metrics else {})

    @Slot()
    def release(self) -> None:
        """Free the engine (runs on the inference thread, also when the thread finishes)."""
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()


class InferenceService(QObject):
    """GUI-thread front of the inference thread: starts it, sends requests, stops, shuts down."""

    load_requested = Signal(object, object)  # EngineConfig, its cancel Event
    release_requested = Signal()
    generate_requested = Signal(int, object, object, object)

    model_loaded = Signal(object)
    model_load_failed = Signal(str)
    load_phase_changed = Signal(str)
    token = Signal(int, str)
    finished = Signal(int, bool, object)
    failed = Signal(int, str)

    def __init__(self, verdicts: VerdictCache, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._controls: dict[int, RequestControl] = {}
        self._cancel_load = threading.Event()
        self._load_cancel = threading.Event()  # of the latest load
        self._thread = QThread()
        self._thread.setObjectName("inference")
        self._worker = InferenceWorker(verdicts, self._cancel_load)
        self._worker.moveToThread(self._thread)
        self.load_requested.connect(self._worker.load_model)
        self.release_requested.connect(self._worker.release)
        self.generate_requested.connect(self._worker.generate)
        self._worker.model_loaded.connect(self.model_loaded)
        self._worker.model_load_failed.connect(self.model_load_failed)
        self._worker.load_phase_changed.connect(self.load_phase_changed)
        self._worker.token.connect(self.token)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        # Free llama.cpp on its own thread after the event loop ends, before Python teardown.
        self._thread.finished.connect(self._worker.release, Qt.ConnectionType.DirectConnection)
        self._thread.start()

    def load(self, config: EngineConfig) -> None:
        """Queue loading a model (checked first); answers with model_loaded or _load_failed."""
        self.stop()
        self._load_cancel = threading.Event()
        if self._cancel_load.is_set():  # shutting down: this load must not start either
            self._load_cancel.set()
        self.load_requested.emit(config, self._load_cancel)

    def cancel_load(self) -> None:
        """Abandon the latest load (see InferenceWorker.load_model); later loads still run."""
        self._load_cancel.set()

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

    @Slot(int, str)
    def _on_failed(self, request_id: int, message: str) -> None:
        self._controls.pop(request_id, None)
        self.failed.emit(request_id, message)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop everything, end the thread and free the model. True if it ended in time."""
        self.stop()
        self._cancel_load.set()
        self._load_cancel.set()
        self._thread.quit()
        ended = self._thread.wait(timeout_ms)
        return bool(ended)
