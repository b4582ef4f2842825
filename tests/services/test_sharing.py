"""Sharing the window's model: the served API answers on the app's own inference thread."""

from __future__ import annotations

import socket

import pytest
import requests

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models.model_check import VerdictCache
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession
from desktop.services.settings import Settings
from desktop.services.sharing import SharingService


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app_services(qtbot, tmp_path):
    inference = InferenceService(VerdictCache(tmp_path / "checks.json"))
    settings = Settings(tmp_path / "settings.ini")
    settings.set_values(
        {
            "performance/threads": 2,
            "performance/context_auto": False,
            "performance/context_length": 1024,
        }
    )
    session = ModelSession(inference, settings)
    sharing = SharingService(inference, settings, session)
    yield inference, settings, sharing, session
    sharing.stop()
    assert inference.shutdown(5000)


def share(settings: Settings, port: int, **extra) -> None:
    settings.set_values({"sharing/port": port, "sharing/enabled": True, **extra})


def test_the_served_api_uses_the_model_the_window_loaded(app_services, qtbot, tiny_model):
    inference, settings, sharing, session = app_services
    port = free_port()
    with qtbot.waitSignal(sharing.status_changed, timeout=10_000):
        share(settings, port, **{"sharing/api_key": "k"})
    base = f"http://127.0.0.1:{port}"
    assert sharing.running and sharing.urls() == [f"{base}/v1"]
    health = requests.get(f"{base}/health", timeout=10)
    assert health.status_code == 503 and "no model" in health.json()["message"]
    with qtbot.waitSignal(session.model_changed, timeout=60_000, check_params_cb=bool):
        session.open(tiny_model)
    assert requests.get(f"{base}/health", timeout=10).json() == {"status": "ok"}
    auth = {"Authorization": "Bearer k"}
    cards = requests.get(f"{base}/v1/models", headers=auth, timeout=10).json()["data"]
    body = {"model": cards[0]["id"], "messages": [{"role": "user", "content": "Hi"}],
            "max_tokens": 6, "seed": 2}  # fmt: skip
    reply = requests.post(f"{base}/v1/chat/completions", json=body, headers=auth, timeout=60)
    assert reply.status_code == 200, reply.text
    assert reply.json()["usage"]["completion_tokens"] == 6
    assert reply.json()["choices"][0]["message"]["reasoning_content"]
    # The window's own answers still work on the same engine.
    with qtbot.waitSignal(inference.finished, timeout=60_000):
        inference.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=4, seed=1))
    assert requests.post(f"{base}/v1/chat/completions", json=body, timeout=10).status_code == 401


def test_turning_sharing_off_closes_the_port(app_services, qtbot):
    _inference, settings, sharing, _session = app_services
    port = free_port()
    with qtbot.waitSignal(sharing.status_changed, timeout=10_000):
        share(settings, port)
    assert requests.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 503
    with qtbot.waitSignal(sharing.status_changed, timeout=10_000):
        settings.set_value("sharing/enabled", False)
    assert not sharing.running and sharing.urls() == []
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/health", timeout=5)


def test_a_taken_port_is_reported_not_raised(app_services, qtbot):
    _inference, settings, sharing, _session = app_services
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with qtbot.waitSignal(sharing.failed, timeout=10_000) as blocker:
            share(settings, port)
    assert str(port) in blocker.args[0]
    assert not sharing.running
