"""Settings > Sharing: the switch, the address to give, and consent before an open network."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.services.settings import Settings
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.settings_sharing import SharingPage


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


def test_the_page_shows_the_address_for_this_pc(qtbot):
    page = SharingPage()
    qtbot.addWidget(page)
    page.load(lambda key: {"sharing/enabled": True, "sharing/network": False,
                           "sharing/port": 8123, "sharing/api_key": ""}[key])  # fmt: skip
    page.refresh()
    assert page.address.text() == "http://127.0.0.1:8123/v1"
    page.enabled.setChecked(False)
    assert not page.port.isEnabled() and not page.network.isEnabled()
    page.enabled.setChecked(True)
    page.new_key.click()
    assert len(page.key.text()) >= 20


@pytest.mark.parametrize("consent", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_sharing_with_the_network_without_a_key_asks_first(qtbot, settings, monkeypatch, consent):
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a) or consent)
    dialog = SettingsDialog(settings, None)
    qtbot.addWidget(dialog)
    dialog.sharing.enabled.setChecked(True)
    dialog.sharing.network.setChecked(True)
    stored = dialog.apply()
    assert len(asked) == 1
    assert stored == (consent == QMessageBox.StandardButton.Yes)
    assert settings.value("sharing/enabled") is stored
    # With a key, nobody is asked.
    asked.clear()
    dialog.sharing.key.setText("secret-key")
    assert dialog.apply() and not asked
    assert settings.value("sharing/api_key") == "secret-key"
