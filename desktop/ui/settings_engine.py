"""Settings > Engine: answers from this computer's model or from a server on the network.

Widgets only. The server's API key never goes to the settings file: the page hands it to the
credential store when the dialog stores its values. "Test connection" lists the server's
models on a background thread (ServerProbe) and offers them in the model box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.core.engines.remote_config import RemoteConfig
from desktop.core.system.credentials import CredentialStore
from desktop.services.engine_choice import ServerProbe, key_account
from desktop.services.settings import check_url
from desktop.ui.settings_pages import Getter, SettingsPage, _combo


class EnginePage(SettingsPage):
    """Who answers: "This computer" or "A server" (address, API key, model, test)."""

    def __init__(
        self,
        credentials: CredentialStore,
        offline: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._credentials = credentials
        self._offline = offline
        self._probe = ServerProbe(self)
        self._probe.finished.connect(self._on_probe_finished)
        self._probe_id = 0
        self.kind = self.add(
            "engine/kind",
            self.tr("Answers come from"),
            _combo([(self.tr("This computer"), "local"), (self.tr("A server"), "remote")]),
            self.tr(
                "A server is a bigger machine on your network running llama-server, vLLM or "
                "Ollama; your questions and the answers then travel to it and back."
            ),
        )
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://gpu-box:8080")
        self.add(
            "engine/server_url",
            self.tr("Server address"),
            self.url,
            self.tr("The address of its OpenAI-compatible API, with the port."),
        )
        self.api_key = QLineEdit(self)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(self.tr("None"))
        if credentials.persistent:
            key_help = self.tr("Kept in this computer's credential store, not in the settings.")
        else:
            key_help = self.tr(
                "This computer has no credential store, so the key is kept only until "
                "ThinkDesk closes."
            )
        self._add_row(self.tr("API key (optional)"), self.api_key, key_help)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.lineEdit().setPlaceholderText(self.tr("The server's first model"))
        self.add(
            "engine/server_model",
            self.tr("Model"),
            self.model,
            self.tr("Test connection lists the models the server offers."),
        )
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.test_button)
        line.addStretch(1)
        self.form.addRow("", row)
        self.form.addRow("", self.test_result)  # its own row: a long error wraps in full
        self.test_button.clicked.connect(self.test_connection)
        self.kind.currentIndexChanged.connect(self.refresh)

    def _add_row(self, label: str, editor: QWidget, help_text: str) -> None:
        """A row like ``add`` for an editor that is not a setting (the API key)."""
        self.add("_", label, editor, help_text)
        del self.fields["_"]

    def load(self, get: Getter) -> None:
        super().load(get)
        self.model.setEditText(get("engine/server_model"))
        url = get("engine/server_url")
        self.api_key.setText(self._credentials.get(key_account(url)) if url else "")
        self.test_result.clear()
        self.refresh()

    def values(self) -> dict[str, Any]:
        out = super().values()
        out["engine/server_model"] = self.model.currentText().strip()
        return out

    def store_key(self) -> None:
        """Hand the API key to the credential store (called when the settings are stored)."""
        url = self.url.text().strip()
        if url and not check_url(url):
            self._credentials.set(key_account(url), self.api_key.text().strip())

    @Slot()
    def refresh(self) -> None:
        remote = self.kind.currentData() == "remote"
        for editor in (self.url, self.api_key, self.model, self.test_button):
            editor.setEnabled(remote)

    @Slot()
    def test_connection(self) -> None:
        url = self.url.text().strip()
        if check_url(url):
            self.test_result.setText(self.tr("Enter an address like http://gpu-box:8080."))
            return
        config = RemoteConfig(url, api_key=self.api_key.text().strip(), offline=self._offline())
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        self._probe_id = self._probe.probe(config)

    @Slot(int, object, str)
    def _on_probe_finished(self, probe_id: int, models: object, error: str) -> None:
        if probe_id != self._probe_id:
            return  # an older test, answered late
        self.test_button.setEnabled(self.kind.currentData() == "remote")
        if error:
            self.test_result.setText(error)
            return
        names = list(models) if isinstance(models, list) else []
        chosen = self.model.currentText()
        self.model.clear()
        self.model.addItems(names)
        self.model.setEditText(chosen if chosen in names or not names else names[0])
        self.test_result.setText(
            self.tr("Connected. The server offers {0} model(s).").format(len(names))
        )
