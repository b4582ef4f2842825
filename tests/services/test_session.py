"""ModelSession with the real tiny model: engine config from settings and the memory fit,
refusal before loading, warm-up, and reloading when performance settings change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models.gguf_inspect import inspect_gguf
from desktop.core.models.memory_fit import CONTEXT_FLOOR, GiB, ModelFacts, estimate
from desktop.core.models.model_check import VerdictCache
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings, logical_cores

LOAD_MS = 60_000
#: Thread settings are validated against this machine's logical cores.
needs_two_cores = pytest.mark.skipif(logical_cores() < 2, reason="needs 2 logical CPUs")


@pytest.fixture(scope="module")
def checks_file(tmp_path_factory):
    """Shared, so the tiny model's child-process probe runs once for the module."""
    return tmp_path_factory.mktemp("checks") / "checks.json"


@pytest.fixture
def parts(qtbot, tmp_path, checks_file):
    settings = Settings(tmp_path / "settings.ini")
    settings.set_values({"performance/threads": 1, "generation/max_tokens": 16})
    service = InferenceService(VerdictCache(checks_file))
    loads = []
    original = service.load
    service.load = lambda config: (loads.append(config), original(config))[1]  # spy
    session = ModelSession(service, settings)
    yield settings, service, session, loads
    assert service.shutdown(5000)


def loaded(model) -> bool:
    return model is not None


@pytest.fixture
def ready(parts, qtbot, tiny_model):
    session = parts[2]
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded):
        session.open(tiny_model)
    return parts


@needs_two_cores
def test_engine_config_follows_the_settings(parts, tiny_model):
    settings, _service, session, _loads = parts
    config = session.engine_config(tiny_model)
    assert config.n_ctx == 4096  # Auto: the target, capped by the model's training context
    assert (config.n_threads, config.n_threads_batch, config.use_mlock) == (1, None, False)
    assert not config.use_mmap  # resident memory = the estimate, not file pages besides
    settings.set_values(
        {
            "performance/threads_batch": 2,
            "performance/context_auto": False,
            "performance/context_length": 1536,
            "performance/use_mlock": True,
        }
    )
    config = session.engine_config(tiny_model)
    assert (config.n_ctx, config.n_threads_batch, config.use_mlock) == (1536, 2, True)


def test_auto_context_shrinks_to_the_budget_and_refuses_below_the_floor(
    parts, tiny_model, monkeypatch
):
    _settings, _service, session, loads = parts
    facts = ModelFacts.from_gguf_info(inspect_gguf(tiny_model))
    floor = estimate(facts, CONTEXT_FLOOR).total
    monkeypatch.setattr(session, "budget_bytes", lambda: floor + 1)
    plan = session.plan(tiny_model)
    assert plan.verdict.fits and plan.verdict.reduced and plan.config.n_ctx == CONTEXT_FLOOR
    monkeypatch.setattr(session, "budget_bytes", lambda: floor - 1)
    states = []
    session.state_changed.connect(lambda state, detail: states.append((state, detail)))
    session.open(tiny_model)
    assert states[-1][0] == ModelState.FAILED.value and "does not fit" in states[-1][1]
    assert loads == []  # refused before llama.cpp allocated anything


def test_auto_budget_is_a_share_of_free_memory(parts, monkeypatch):
    settings, _service, session, _loads = parts
    monkeypatch.setattr("desktop.services.session.available_ram_bytes", lambda: 10 * GiB)
    monkeypatch.setattr("desktop.services.session.total_ram_bytes", lambda: 16 * GiB)
    assert session.budget_bytes() == 8 * GiB
    settings.set_value("performance/memory_budget_gb", 1.5)
    assert session.budget_bytes() == int(1.5 * GiB)


def test_unknown_ram_never_refuses_a_model(parts, tiny_model, monkeypatch):
    _settings, _service, session, _loads = parts
    monkeypatch.setattr("desktop.services.session.available_ram_bytes", lambda: 0)
    assert session.auto_budget_bytes() is None
    plan = session.plan(tiny_model)
    assert not plan.refused and plan.config.n_ctx == 4096


def test_load_warms_up_and_leaves_an_empty_cache(ready, qtbot):
    _settings, service, session, _loads = ready
    model = session.model
    assert session.state == ModelState.READY and model.n_ctx == 4096
    assert 0 < model.warmup_s <= model.load_s
    with qtbot.waitSignal(service.finished, timeout=30_000) as done:
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2, seed=0))
    metrics = done.args[2]
    assert metrics["prompt_tokens_evaluated"] == metrics["prompt_tokens"]  # nothing reused


@needs_two_cores
def test_changing_threads_reloads_the_model(ready, qtbot):
    settings, _service, session, loads = ready
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded) as got:
        settings.set_value("performance/threads", 2)
    assert got.args[0].threads == 2 and session.state == ModelState.READY
    assert [c.n_threads for c in loads] == [1, 2]


@needs_two_cores
def test_several_changes_at_once_reload_once(ready, qtbot):
    settings, _service, session, loads = ready
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded) as got:
        settings.set_values(
            {
                "performance/threads": 2,
                "performance/context_auto": False,
                "performance/context_length": 1024,
            }
        )
    assert (got.args[0].threads, got.args[0].n_ctx) == (2, 1024)
    QCoreApplication.processEvents()
    assert len(loads) == 2


def test_unrelated_or_ineffective_changes_do_not_reload(ready):
    settings, _service, session, loads = ready
    settings.set_value("generation/temperature", 0.3)
    settings.set_value("performance/memory_budget_gb", 8.0)  # the context stays 4096
    QCoreApplication.processEvents()
    assert len(loads) == 1 and session.state == ModelState.READY and not session.reload_pending


@needs_two_cores
def test_a_reload_keeps_the_model_whose_file_is_gone(parts, qtbot, tiny_model, tmp_path):
    """The file was deleted in the model manager or its USB stick was pulled: the model in
    memory still answers, so new settings must not unload it for a load that cannot work."""
    settings, service, session, loads = parts
    copy = Path(shutil.copy(tiny_model, tmp_path / "on-usb.gguf"))
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded):
        session.open(copy)
    copy.unlink()
    with qtbot.waitSignal(session.notice, timeout=5_000) as notice:
        settings.set_value("performance/threads", 2)
    assert "on-usb.gguf" in notice.args[0] and "stays loaded" in notice.args[0]
    assert session.state == ModelState.READY and session.model is not None
    assert len(loads) == 1 and not session.reload_pending
    with qtbot.waitSignal(service.finished, timeout=30_000):
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))


@needs_two_cores
def test_reload_waits_for_the_answer_in_progress(ready, qtbot):
    settings, service, session, loads = ready
    tokens = []
    service.token.connect(lambda rid, text: tokens.append(text))
    rid = service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=100_000))
    qtbot.waitUntil(lambda: len(tokens) >= 2, timeout=30_000)
    settings.set_value("performance/threads", 2)
    QCoreApplication.processEvents()
    assert session.reload_pending and len(loads) == 1 and session.state == ModelState.READY
    reloaded = qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded)
    with reloaded, qtbot.waitSignal(service.finished, timeout=30_000) as finished:
        service.stop(rid)
    assert finished.args[1] is True  # the answer ended by its own stop, not by the reload
    assert session.model.threads == 2 and not session.reload_pending


def test_opening_another_model_while_one_loads_never_reports_the_first(
    parts, qtbot, tiny_model, tmp_path
):
    """Open A, then B while A loads: A's late outcome is stale, only B becomes the model."""
    _settings, _service, session, _loads = parts
    second = Path(shutil.copy(tiny_model, tmp_path / "second.gguf"))
    reported, states = [], []
    session.model_changed.connect(reported.append)
    session.state_changed.connect(lambda state, _detail: states.append(state))
    session.open(tiny_model)
    session.open(second)
    with qtbot.waitSignal(session.model_changed, timeout=LOAD_MS, check_params_cb=loaded):
        pass
    qtbot.wait(100)  # anything A still had to say has arrived by now
    assert [m.path for m in reported if m is not None] == [second]
    assert states.count(ModelState.READY.value) == 1 and session.model.path == second


def test_a_refused_model_cancels_the_load_in_flight(parts, qtbot, tiny_model, monkeypatch):
    """Open A, then a B too big for the budget: A must not quietly become the model."""
    _settings, service, session, _loads = parts
    session.open(tiny_model)
    monkeypatch.setattr(session, "budget_bytes", lambda: 1)
    session.open(tiny_model)
    assert session.state == ModelState.FAILED
    # Queued behind A's load: it runs once A has ended, and must find no model.
    with qtbot.waitSignal(service.failed, timeout=LOAD_MS) as blocker:
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
    assert "No model is loaded" in blocker.args[1]
    assert session.state == ModelState.FAILED and session.model is None


@pytest.mark.parametrize("content", [b"", b"hello " * 1000, b"GGUF\x03\x00\x00\x00"])
def test_a_file_that_is_not_a_sound_model_never_closes_the_open_one(
    ready, qtbot, tmp_path, content
):
    """A wrong pick in "Open model file..." (empty, not a GGUF, truncated) must not cost the
    user the model that works: the header says so before anything is unloaded."""
    _settings, service, session, loads = ready
    bad = tmp_path / "wrong pick.gguf"
    bad.write_bytes(content)
    model = session.model
    with qtbot.waitSignal(session.open_refused, timeout=5_000) as refused:
        session.open(bad)
    assert refused.args[0].startswith("wrong pick.gguf was not opened.")
    assert refused.args[0].endswith(f"{model.name} stays open.")
    assert session.state == ModelState.READY and session.model is model and len(loads) == 1
    with qtbot.waitSignal(service.finished, timeout=30_000):
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))


def test_a_model_refused_before_unloading_leaves_the_open_one_open_and_answering(
    ready, qtbot, tiny_model, tmp_path, monkeypatch
):
    """The memory check refuses B while A is open: nothing was unloaded yet, so A stays the
    model (state, engine and all) and the refusal is told in words, not as a failed open."""
    _settings, service, session, loads = ready
    first = session.model
    second = Path(shutil.copy(tiny_model, tmp_path / "second.gguf"))
    states, refusals, models = [], [], []
    session.state_changed.connect(lambda state, _detail: states.append(state))
    session.open_refused.connect(refusals.append)
    session.model_changed.connect(models.append)
    monkeypatch.setattr(session, "budget_bytes", lambda: 1)  # nothing fits
    session.open(second)
    assert session.state == ModelState.READY and session.model is first
    assert states == [] and models == [] and len(loads) == 1  # no load started, no state change
    assert len(refusals) == 1 and "second.gguf" in refusals[0] and "does not fit" in refusals[0]
    with qtbot.waitSignal(service.finished, timeout=30_000):  # the engine still answers
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))


def test_a_refusal_once_the_old_model_is_released_says_so_and_frees_it(
    ready, qtbot, tiny_model, tmp_path, monkeypatch
):
    """B is loading (A already released on the inference thread) when C is refused: the
    session must not pretend A is open, and no engine may stay behind in memory."""
    _settings, service, session, _loads = ready
    first = session.model
    second = Path(shutil.copy(tiny_model, tmp_path / "second.gguf"))
    third = Path(shutil.copy(tiny_model, tmp_path / "third.gguf"))
    refusals = []
    session.open_refused.connect(refusals.append)
    session.open(second)
    monkeypatch.setattr(session, "budget_bytes", lambda: 1)
    with qtbot.waitSignal(session.state_changed, timeout=5_000) as failed:
        session.open(third)
    assert failed.args[0] == ModelState.FAILED.value and session.model is None
    assert "does not fit" in failed.args[1] and refusals == []
    # Says that the model open before is gone too.
    assert f"{first.name} was closed first and is not open any more." in failed.args[1]
    with qtbot.waitSignal(service.failed, timeout=LOAD_MS) as blocker:  # queued after B's load
        service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
    assert "No model is loaded" in blocker.args[1]  # freed: nothing answers any more
