"""Which engine answers: this computer's model or a server's, as the settings say.

Builds the RemoteConfig from the settings and the credential store, connects the session at
start and whenever the Engine settings change, and tests a server for the settings pane
without blocking the window.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core.engines.remote_config import RemoteConfig, api_base
from desktop.core.system.credentials import CredentialStore
from desktop.services.i18n import translate_message
from desktop.services.session import ModelSession
from desktop.services.settings import Settings

#: Settings whose change switches or reconnects the engine.
ENGINE_KEYS = frozenset({"engine/kind", "engine/server_url", "engine/server_model"})


def key_account(url: str) -> str:
    """The credential store entry of a server: its API address, however it was typed."""
    return api_base(url)


class EngineChoice(QObject):
    """Keeps the session on the engine the settings name."""

    def __init__(
        self,
        session: ModelSession,
        settings: Settings,
        credentials: CredentialStore,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self.credentials = credentials
        self._switch_due = False
        settings.changed.connect(self._on_setting_changed)

    def remote(self) -> bool:
        return self._settings.value("engine/kind") == "remote"

    def remote_config(self, url: str | None = None, model: str | None = None) -> RemoteConfig:
        """The server to use (the settings', unless given), its key from the credential store."""
        s = self._settings
        url = url if url is not None else s.value("engine/server_url")
        model = model if model is not None else s.value("engine/server_model")
        key = self.credentials.get(key_account(url)) if url else ""
        return RemoteConfig(url, model=model, api_key=key, offline=s.offline())

    def use_server(self, url: str, model: str = "", api_key: str = "") -> None:
        """Answer with ``url``'s model from now on (``thinkdesk --server``)."""
        if api_key:
            self.credentials.set(key_account(url), api_key)
        self._settings.set_values(
            {"engine/kind": "remote", "engine/server_url": url, "engine/server_model": model}
        )
        self._switch_due = False  # connect now, not again from the settings signal
        self._session.connect(self.remote_config())

    def start(self) -> bool:
        """Connect to the server at start if the settings say so; False if they do not."""
        if not (self.remote() and self._settings.value("engine/server_url")):
            return False
        self._session.connect(self.remote_config())
        return True

    @Slot(str, object)
    def _on_setting_changed(self, key: str, _value: object) -> None:
        relevant = key in ENGINE_KEYS or (key == "network/offline" and self.remote())
        if relevant and not self._switch_due:
            self._switch_due = True
            QTimer.singleShot(0, self._switch)  # once for a batch (the settings pane's OK)

    @Slot()
    def _switch(self) -> None:
        if not self._switch_due:
            return
        self._switch_due = False
        if self.remote():
            if self._settings.value("engine/server_url"):
                self._session.connect(self.remote_config())
            return
        model = self._session.model
        if model is not None and not model.origin:
            return  # this computer's model already answers
        path = Path(self._settings.value("model/path") or "")
        if path.is_file():
            self._session.open(path)  # back to this computer's last model
        else:
            self._session.forget()  # the server must not keep answering


class ServerProbe(QObject):
    """ "Test connection": lists a server's models on a short-lived thread."""

    #: probe id, the model names (empty on failure), a message for the user ("" if it worked)
    finished = Signal(int, object, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)

    def probe(self, config: RemoteConfig) -> int:
        """Start listing ``config``'s models; the answer comes as ``finished``."""
        probe_id = next(self._ids)
        worker = threading.Thread(target=self._run, args=(probe_id, config), daemon=True)
        worker.start()
        return probe_id

    def _run(self, probe_id: int, config: RemoteConfig) -> None:
        from desktop.core.engines.remote import RemoteError, list_models

        try:
            models = list_models(RemoteConfig(
                config.url, api_key=config.api_key, offline=config.offline,
                connect_timeout=5.0, read_timeout=15.0, retry_for_s=0.0,
            ))  # fmt: skip
        except RemoteError as err:
            self.finished.emit(probe_id, [], translate_message(err))
            return
        except Exception as err:  # a surprise must still end the "Testing…" state
            self.finished.emit(probe_id, [], str(err) or type(err).__name__)
            return
        self.finished.emit(probe_id, models, "")
