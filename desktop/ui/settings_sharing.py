"""Settings > Sharing: serve the open model to colleagues through the OpenAI API."""

from __future__ import annotations

import secrets

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.core.serving.addresses import server_urls
from desktop.ui.settings_pages import SettingsPage, spin_box


class SharingPage(SettingsPage):
    """The sharing switch, who may connect, the port and the key, and the address to give."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = self.add(
            "sharing/enabled",
            self.tr("Sharing"),
            QCheckBox(self.tr("Share this model on the network")),
            self.tr("Other programs and colleagues' ThinkDesk can use the open model through "
                    "an OpenAI-compatible address. Answers queue: one at a time."),
        )  # fmt: skip
        self.network = self.add(
            "sharing/network",
            self.tr("Who can connect"),
            QCheckBox(self.tr("Other computers on this network")),
            self.tr("Off: only programs on this PC. On: anyone who can reach this PC."),
        )
        self.port = self.add(
            "sharing/port", self.tr("Port"), spin_box("sharing/port"),
            self.tr("Default: 8080. Change it if another program uses that port."),
        )  # fmt: skip
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("No key"))
        self.add(
            "sharing/api_key", self.tr("Access key"), self.key,
            self.tr("Colleagues enter this key in their program. Recommended on a network."),
        )  # fmt: skip
        self.new_key = QPushButton(self.tr("Make a new key"))
        self.new_key.clicked.connect(self._make_key)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.new_key)
        line.addStretch(1)
        self.form.addRow("", row)
        self.address = QLabel(self)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setWordWrap(True)
        self.form.addRow(self.tr("Address to give"), self.address)
        self.edited.connect(self.refresh)

    def _make_key(self) -> None:
        self.key.setText(secrets.token_urlsafe(18))

    def refresh(self) -> None:
        """Enable the details only with sharing on; show the address colleagues need."""
        on = self.enabled.isChecked()
        for editor in (self.network, self.port, self.key, self.new_key):
            editor.setEnabled(on)
        if not on:
            self.address.setText(self.tr("Sharing is off."))
            return
        urls = server_urls(self.network.isChecked(), self.port.value())
        self.address.setText("\n".join(urls))

    def confirm(self) -> bool:
        """Ask before opening the model to the whole network without a key."""
        if not (self.enabled.isChecked() and self.network.isChecked()) or self.key.text().strip():
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Share without a key?"),
            self.tr("Anyone who can reach this PC on the network will be able to use the model "
                    "(not your chats). Share without an access key?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes


def show_sharing_problem(parent: QWidget, message: str) -> None:
    """Tell the user sharing could not start (the window stays usable)."""
    QMessageBox.warning(parent, QCoreApplication.translate("SharingPage", "Sharing"), message)
