"""Settings > Engine: a server's address and model are settings, its key is not; Test
connection lists the models or says what is wrong."""

from __future__ import annotations

from openai_standin import StandIn

from desktop.core.system.credentials import CredentialStore
from desktop.services.engine_choice import key_account
from desktop.services.settings import Settings
from desktop.ui.metrics_text import format_metrics
from desktop.ui.settings_dialog import SettingsDialog


def make(qtbot, tmp_path) -> tuple[SettingsDialog, Settings, CredentialStore]:
    settings = Settings(tmp_path / "settings.ini")
    store = CredentialStore("ThinkDesk-tests")
    dialog = SettingsDialog(settings, credentials=store)
    qtbot.addWidget(dialog)
    return dialog, settings, store


def test_server_fields_follow_the_choice(qtbot, tmp_path):
    dialog, _settings, _store = make(qtbot, tmp_path)
    page = dialog.engine
    assert page.kind.currentData() == "local" and not page.url.isEnabled()
    page.kind.setCurrentIndex(page.kind.findData("remote"))
    assert page.url.isEnabled() and page.api_key.isEnabled() and page.test_button.isEnabled()


def test_ok_stores_the_server_and_hands_the_key_to_the_credential_store(qtbot, tmp_path):
    dialog, settings, store = make(qtbot, tmp_path)
    page = dialog.engine
    page.kind.setCurrentIndex(page.kind.findData("remote"))
    page.url.setText("http://gpu-box:8080")
    page.api_key.setText("sk-secret")
    page.model.setEditText("r1-32b")
    assert dialog.apply()
    assert settings.value("engine/kind") == "remote"
    assert settings.value("engine/server_model") == "r1-32b"
    assert store.get(key_account("http://gpu-box:8080/v1")) == "sk-secret"
    assert "sk-secret" not in (tmp_path / "settings.ini").read_text()


def test_a_bad_address_is_refused_with_a_message(qtbot, tmp_path):
    dialog, settings, _store = make(qtbot, tmp_path)
    dialog.engine.url.setText("gpu box")
    assert not dialog.apply()
    assert dialog.error_label.text() and settings.value("engine/server_url") == ""


def test_test_connection_lists_the_models_or_says_why_not(qtbot, tmp_path):
    dialog, _settings, _store = make(qtbot, tmp_path)
    page = dialog.engine
    page.kind.setCurrentIndex(page.kind.findData("remote"))
    with StandIn(models=("r1-32b", "qwq")) as server:
        page.url.setText(server.url)
        with qtbot.waitSignal(page._probe.finished, timeout=10_000):
            page.test_connection()
        assert [page.model.itemText(i) for i in range(page.model.count())] == ["r1-32b", "qwq"]
        assert "2" in page.test_result.text()
        server.faults.statuses = [401]
        with qtbot.waitSignal(page._probe.finished, timeout=10_000):
            page.test_connection()
    assert "API key" in page.test_result.text()


def test_each_message_says_where_it_was_answered():
    base = {"generated_tokens": 5, "ttft_s": 0.1, "decode_tokens_per_s": 9.0}
    assert "answered by gpu:8080" in format_metrics({**base, "origin": "gpu:8080"})
    assert "this computer" in format_metrics({**base, "origin": ""})
    assert "gpu" not in format_metrics({**base, "origin": "gpu:8080"}, with_reason=False)
