"""ChatController with the real inference thread: wrap-up, progress, loop detection, late tokens."""

from __future__ import annotations

import pytest

from desktop.core.engines.local import EngineConfig
from desktop.core.models.model_check import VerdictCache
from desktop.services.chat import ChatController
from desktop.services.inference import InferenceService
from desktop.services.settings import Settings


@pytest.fixture
def parts(qtbot, tmp_path, tiny_model):
    inference = InferenceService(VerdictCache(tmp_path / "checks.json"))
    settings = Settings(tmp_path / "settings.ini")
    chat = ChatController(inference, settings)
    with qtbot.waitSignal(inference.model_loaded, timeout=60_000):
        inference.load(EngineConfig(model_path=tiny_model, n_ctx=2048, n_threads=2))
    yield inference, settings, chat
    assert inference.shutdown(5000)


def test_wrap_up_ends_thinking_and_the_model_answers(parts, qtbot):
    _inference, settings, chat = parts
    settings.set_value("generation/max_tokens", 60)
    answers = []
    chat.answer_received.connect(lambda rid, text: answers.append(text))
    with qtbot.waitSignal(chat.thinking_received, timeout=30_000):
        assert chat.send("Think about it")
    chat.wrap_up()
    with qtbot.waitSignal(chat.message_finished, timeout=30_000) as blocker:
        pass
    assert blocker.args[2]["wrapped_up"] is True
    assert "".join(answers).strip()
    assert "</think>" in chat.turns[-1].content


def test_progress_counts_every_token(parts, qtbot):
    _inference, settings, chat = parts
    settings.set_value("generation/max_tokens", 40)
    reports = []
    chat.progress_changed.connect(lambda *args: reports.append(args))
    with qtbot.waitSignal(chat.message_finished, timeout=30_000) as blocker:
        chat.send("Count")
    assert blocker.args[2]["generated_tokens"] == 40
    assert reports and all(r[1] == r[2] for r in reports)  # all thinking: no </think>
    assert reports[-1][2] <= 40


def test_a_thinking_loop_is_reported_once(parts, qtbot):
    inference, settings, chat = parts
    settings.set_value("generation/max_tokens", 100_000)
    loops = []
    chat.loop_detected.connect(lambda rid, span: loops.append((rid, span)))
    # Replay a looping thinking through the same token path the worker uses; the real
    # request is stopped, and its "finished" cannot arrive before the event loop runs.
    with qtbot.waitSignal(chat.message_started) as started:
        chat.send("What is 17 times 23?")
    rid = started.args[0]
    inference.stop(rid)
    loop = "Wait, let me check again. 17 times 20 is 340, so 391. "
    for i in range(0, len(loop) * 6, 4):
        inference.token.emit(rid, (loop * 6)[i : i + 4])
    qtbot.wait(10)
    assert len(loops) == 1 and loops[0][0] == rid and "check again" in loops[0][1]


def test_tokens_of_a_finished_request_are_dropped(parts, qtbot):
    inference, settings, chat = parts
    settings.set_value("generation/max_tokens", 5)
    with qtbot.waitSignal(chat.message_finished, timeout=30_000) as blocker:
        chat.send("One")
    seen = []
    chat.thinking_received.connect(lambda rid, text: seen.append(text))
    inference.token.emit(blocker.args[0], "late token")
    assert seen == [] and len(chat.turns) == 2
