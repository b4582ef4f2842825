"""The inference thread with the real engine: load, stream in order, stop, fail, shut down."""

from __future__ import annotations

from collections import defaultdict

import pytest

from desktop.core.engines.local import EngineConfig, GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models.model_check import VerdictCache
from desktop.services.inference import InferenceService, LoadedModel


class Recorder:
    """Counts every outcome per request id, to check 'exactly one of finished / failed'."""

    def __init__(self, service: InferenceService):
        self.tokens: dict[int, list[str]] = defaultdict(list)
        self.outcomes: dict[int, list[tuple]] = defaultdict(list)
        service.token.connect(lambda rid, t: self.tokens[rid].append(t))
        service.finished.connect(lambda rid, s, m: self.outcomes[rid].append(("finished", s, m)))
        service.failed.connect(lambda rid, msg: self.outcomes[rid].append(("failed", msg)))


@pytest.fixture
def service(qtbot, tmp_path):
    service = InferenceService(VerdictCache(tmp_path / "checks.json"))
    yield service
    assert service.shutdown(5000)


@pytest.fixture
def loaded(service, qtbot, tiny_model):
    with qtbot.waitSignal(service.model_loaded, timeout=60_000) as blocker:
        service.load(EngineConfig(model_path=tiny_model, n_ctx=1024, n_threads=2))
    assert isinstance(blocker.args[1], LoadedModel)
    return service


def question(text="Hello"):
    return [ChatMessage("user", text)]


def test_load_reports_model_facts(loaded, service, qtbot, tiny_model):
    with qtbot.waitSignal(service.model_loaded, timeout=60_000) as blocker:
        service.load(EngineConfig(model_path=tiny_model, n_ctx=512, n_threads=1))
    model = blocker.args[1]
    assert model.n_ctx == 512 and model.threads == 1 and model.info.architecture == "qwen2"


def test_tokens_arrive_in_order_then_finished_once(loaded, qtbot):
    rec = Recorder(loaded)
    rid = loaded.generate(question(), GenerationParams(max_tokens=20, seed=5))
    qtbot.waitUntil(lambda: bool(rec.outcomes[rid]), timeout=30_000)
    qtbot.wait(50)
    assert rec.outcomes[rid][0][0] == "finished" and len(rec.outcomes[rid]) == 1
    _kind, stopped, metrics = rec.outcomes[rid][0]
    assert not stopped and metrics["generated_tokens"] == 20
    # Same seed through the engine directly gives the same text: order was preserved.
    rid2 = loaded.generate(question(), GenerationParams(max_tokens=20, seed=5))
    qtbot.waitUntil(lambda: bool(rec.outcomes[rid2]), timeout=30_000)
    assert "".join(rec.tokens[rid]) == "".join(rec.tokens[rid2])


def test_stop_ends_the_request_with_stopped(loaded, qtbot):
    rec = Recorder(loaded)
    rid = loaded.generate(question(), GenerationParams(max_tokens=100_000))
    qtbot.waitUntil(lambda: len(rec.tokens[rid]) >= 2, timeout=30_000)
    loaded.stop(rid)
    qtbot.waitUntil(lambda: bool(rec.outcomes[rid]), timeout=10_000)
    assert rec.outcomes[rid] == [("finished", True, rec.outcomes[rid][0][2])]
    assert rec.outcomes[rid][0][2]["finish_reason"] == "stopped"


def test_stop_of_an_old_request_does_not_touch_the_next(loaded, qtbot):
    rec = Recorder(loaded)
    first = loaded.generate(question(), GenerationParams(max_tokens=100_000))
    second = loaded.generate(question(), GenerationParams(max_tokens=10, seed=1))
    qtbot.waitUntil(lambda: bool(rec.tokens[first]), timeout=30_000)
    loaded.stop(first)
    qtbot.waitUntil(lambda: bool(rec.outcomes[second]), timeout=30_000)
    assert rec.outcomes[first][0][1] is True
    assert rec.outcomes[second][0][:2] == ("finished", False)


def test_generate_without_model_fails_once(service, qtbot):
    rec = Recorder(service)
    rid = service.generate(question(), GenerationParams(max_tokens=5))
    qtbot.waitUntil(lambda: bool(rec.outcomes[rid]), timeout=10_000)
    qtbot.wait(50)
    assert rec.outcomes[rid] == [("failed", "No model is loaded. Open a model first.")]


def test_context_overflow_fails_with_a_readable_message(loaded, qtbot):
    rec = Recorder(loaded)
    rid = loaded.generate(question("word " * 3000), GenerationParams(max_tokens=5))
    qtbot.waitUntil(lambda: bool(rec.outcomes[rid]), timeout=30_000)
    kind, message = rec.outcomes[rid][0]
    assert kind == "failed" and "too long" in message


@pytest.mark.parametrize(
    "fixture", ["truncated_model", "bad_magic_model", "duplicate_tokens_model"]
)
def test_bad_model_is_refused_and_the_worker_stays_up(service, qtbot, request, fixture, tiny_model):
    path = request.getfixturevalue(fixture)
    with qtbot.waitSignal(service.model_load_failed, timeout=60_000) as blocker:
        service.load(EngineConfig(model_path=path))
    assert path.name in blocker.args[1]
    with qtbot.waitSignal(service.model_loaded, timeout=60_000):
        service.load(EngineConfig(model_path=tiny_model, n_ctx=512))


def test_shutdown_during_generation_is_prompt(loaded, qtbot):
    rec = Recorder(loaded)
    rid = loaded.generate(question(), GenerationParams(max_tokens=100_000))
    qtbot.waitUntil(lambda: bool(rec.tokens[rid]), timeout=30_000)
    assert loaded.shutdown(2000), "the inference thread did not end within 2 s"
    assert not loaded.is_running()


def test_a_newer_load_supersedes_the_one_in_flight(service, qtbot, tiny_model, model_copy):
    """Only the latest load reports a model; the earlier one is cancelled (its outcome, if any,
    carries its own id)."""
    loaded, failed = [], []
    service.model_loaded.connect(lambda load_id, model: loaded.append((load_id, model.path)))
    service.model_load_failed.connect(lambda load_id, message: failed.append(load_id))
    first = service.load(EngineConfig(model_path=model_copy, n_ctx=512))  # needs its probe
    second = service.load(EngineConfig(model_path=tiny_model, n_ctx=512))
    assert second != first
    qtbot.waitUntil(lambda: bool(loaded), timeout=60_000)
    qtbot.wait(100)
    assert loaded == [(second, tiny_model)] and set(failed) <= {first}
