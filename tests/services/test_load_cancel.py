"""Opening a model reports its phases, tells the whole time, and can be cancelled in both."""

from __future__ import annotations

import sys
import time

import pytest

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models import model_check
from desktop.core.models.model_check import VerdictCache
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings

LOAD_MS = 60_000


@pytest.fixture
def parts(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    settings.set_values({"performance/threads": 1, "generation/max_tokens": 4})
    service = InferenceService(VerdictCache(tmp_path / "checks.json"))
    session = ModelSession(service, settings)
    yield service, session
    assert service.shutdown(10_000)


def test_phases_and_the_whole_time_are_reported(parts, qtbot, model_copy):
    _service, session = parts
    phases: list[str] = []
    session.load_phase_changed.connect(phases.append)
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=bool):
        session.open(model_copy)
    assert phases == ["checking", "loading"]
    model = session.model
    assert model.check_s > 0 and model.open_s == pytest.approx(model.check_s + model.load_s)


def test_cancel_during_the_check_stops_it_at_once(parts, qtbot, model_copy, monkeypatch):
    _service, session = parts
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)
    states: list[str] = []
    session.state_changed.connect(lambda state, _detail: states.append(state))
    with qtbot.waitSignal(session.load_phase_changed, timeout=LOAD_MS):
        session.open(model_copy)
    qtbot.wait(300)  # the child is running now
    started = time.monotonic()
    session.cancel_load()
    assert session.state == ModelState.EMPTY and session.loading_path is None
    # The worker is free again quickly (the child was killed): a new open is served.
    monkeypatch.undo()
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=bool):
        session.open(model_copy)
    assert time.monotonic() - started < 30
    assert states.count("failed") == 0  # a cancel is not an error


def test_a_load_cancelled_inside_llama_cpp_is_freed_when_it_arrives(parts, qtbot, model_copy):
    service, session = parts
    phases: list[str] = []
    session.load_phase_changed.connect(phases.append)
    session.open(model_copy)
    qtbot.waitUntil(lambda: "loading" in phases, timeout=LOAD_MS)
    session.cancel_load()  # llama.cpp is loading (or done): it cannot be interrupted
    assert session.state == ModelState.EMPTY
    qtbot.wait(2000)  # time for the load to finish and be discarded
    assert session.state == ModelState.EMPTY and session.model is None
    # The abandoned model was freed: the worker has nothing to answer with.
    failures: list[str] = []
    service.failed.connect(lambda _rid, message: failures.append(message))
    service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
    qtbot.waitUntil(lambda: bool(failures), timeout=LOAD_MS)
    assert "No model is loaded" in failures[0]
