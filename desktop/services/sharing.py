"""Share the window's model with colleagues: the OpenAI-compatible API, served from the app.

The server runs uvicorn on a Python thread of its own; every request's generation runs on the
inference thread through :meth:`InferenceService.submit_job`, between the window's own
answers, on the model the window loaded (never a second copy in memory).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core.serving.addresses import LOOPBACK_HOST, NETWORK_HOST, server_urls
from desktop.core.serving.api import ServerConfig, create_app
from desktop.core.serving.host import Job, PendingLimit
from desktop.services.inference import InferenceService, LoadedModel
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings

MAX_PENDING = 8
# The model id served while no model is open (requests are refused then).
NO_MODEL_ID = "thinkdesk"
NO_MODEL = "no model is open in ThinkDesk on this PC"


class _WorkerHost:
    """The EngineHost the API needs, backed by the app's inference thread."""

    def __init__(self, inference: InferenceService):
        self._inference = inference
        self._pending = PendingLimit(MAX_PENDING)
        self.state = "failed"
        self.error: str | None = NO_MODEL

    def submit(self, job: Job) -> Future:
        self._pending.enter()
        future = self._inference.submit_job(job)
        future.add_done_callback(self._pending.leave)
        return future


class SharingService(QObject):
    """Starts and stops the server as the ``sharing/*`` settings say."""

    status_changed = Signal()  # running, urls or error changed
    failed = Signal(str)  # the server could not start (e.g. the port is taken)

    def __init__(self, inference: InferenceService, settings: Settings, session: ModelSession,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self._settings = settings
        self._host = _WorkerHost(inference)
        self._config = ServerConfig(model_id=NO_MODEL_ID)
        self._server = None
        self._thread: threading.Thread | None = None
        self.error: str | None = None
        self._apply_pending = False
        # The session decides which load counts (never a superseded, cancelled or failed one):
        # serve what it says is open, so the API and the window always agree.
        session.model_changed.connect(self._on_model_changed)
        session.state_changed.connect(self._on_state_changed)
        self._on_model_changed(session.model)
        self._on_state_changed(session.state.value, "")
        settings.changed.connect(self._on_setting_changed)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def urls(self) -> list[str]:
        """Where colleagues reach the server (empty when sharing is off)."""
        if not self.running:
            return []
        return server_urls(self._settings.value("sharing/network"),
                           self._settings.value("sharing/port"))  # fmt: skip

    def apply(self) -> None:
        """Start, restart or stop the server to match the settings."""
        self.stop()
        if self._settings.value("sharing/enabled"):
            self._start()
        self.status_changed.emit()

    def _start(self) -> None:
        import uvicorn

        s = self._settings
        self._config.api_key = s.value("sharing/api_key") or None
        host = NETWORK_HOST if s.value("sharing/network") else LOOPBACK_HOST
        app = create_app(self._host, self._config)
        server = uvicorn.Server(uvicorn.Config(
            app, host=host, port=s.value("sharing/port"), log_level="critical", lifespan="off",
            timeout_graceful_shutdown=2,
        ))  # fmt: skip
        self.error = None
        started = threading.Event()

        def serve() -> None:
            try:
                server.run()
            except (OSError, SystemExit) as err:  # uvicorn exits when it cannot bind
                self.error = str(err) or type(err).__name__
            finally:
                started.set()

        self._server = server
        self._thread = threading.Thread(target=serve, name="thinkdesk-share", daemon=True)
        self._thread.start()
        # Binding takes milliseconds; wait for it so a taken port is reported at once.
        while not server.started and not started.wait(0.02):
            pass
        if not server.started:
            self._thread.join(2)
            self._thread, self._server = None, None
            port = s.value("sharing/port")
            message = self.tr("Sharing could not start: port {0} is in use or not allowed. "
                              "Choose another port in Settings.").format(port)  # fmt: skip
            self.error = message
            self.failed.emit(message)

    def stop(self) -> None:
        """Stop serving; answers still streaming are cut (their generation stops)."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.should_exit = True
            server.force_exit = True  # do not wait for streams that would run for minutes
        if thread is not None:
            thread.join(5)

    @Slot(str, object)
    def _on_setting_changed(self, key: str, _value: object) -> None:
        # One restart for a dialog's worth of changes, which arrive one key at a time.
        if key.startswith("sharing/") and not self._apply_pending:
            self._apply_pending = True
            QTimer.singleShot(0, self._apply_changed)

    @Slot()
    def _apply_changed(self) -> None:
        self._apply_pending = False
        self.apply()

    @Slot(object)
    def _on_model_changed(self, model: LoadedModel | None) -> None:
        if model is None:
            self._config.model_id, self._config.aliases = NO_MODEL_ID, ()
            return
        self._config.model_id = model.name
        # A file's name is a second id clients may use; a server's model has only its name.
        stem = "" if model.origin else Path(model.path).name.removesuffix(".gguf")
        self._config.aliases = (stem,) if stem else ()

    @Slot(str, str)
    def _on_state_changed(self, state: str, detail: str) -> None:
        host = self._host
        if state == ModelState.READY.value:
            host.state, host.error = "ready", None
        elif state == ModelState.LOADING.value:
            host.state, host.error = "loading", None
        else:  # failed, or no model open (closed, load cancelled, engine switched away)
            reason = detail if state == ModelState.FAILED.value and detail else NO_MODEL
            host.state, host.error = "failed", reason
