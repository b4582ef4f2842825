"""The app's services with a server answering: connect, stream through the inference thread,
keep a cut answer, switch engines from the settings, offline rule, retry notices."""

from __future__ import annotations

import time

import pytest
from openai_standin import ANSWER, StandIn

from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote import RemoteConfig
from desktop.core.engines.think import split_output
from desktop.core.models.model_check import VerdictCache
from desktop.core.system.credentials import CredentialStore
from desktop.services.chat import ChatController
from desktop.services.engine_choice import EngineChoice, key_account
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings


@pytest.fixture
def parts(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    service = InferenceService(VerdictCache(tmp_path / "checks.json"))
    session = ModelSession(service, settings)
    chat = ChatController(service, settings, session)
    engine = EngineChoice(session, settings, CredentialStore("ThinkDesk-tests"))
    yield settings, service, session, chat, engine
    assert service.shutdown(5000)


def ready(state: str, _detail: str) -> bool:
    return state in (ModelState.READY.value, ModelState.FAILED.value)


def test_answers_stream_from_the_server_and_say_so(parts, qtbot):
    settings, _service, session, chat, _engine = parts
    with StandIn("reasoning") as server:
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(RemoteConfig(server.url))
        assert session.state == ModelState.READY and session.model.name == "r1-32b"
        assert session.model.origin == server.url[len("http://") :]
        answers: list[str] = []
        chat.answer_received.connect(lambda _rid, text: answers.append(text))
        with qtbot.waitSignal(chat.message_finished, timeout=10_000) as done:
            chat.send("What is 2+2?")
    assert "".join(answers) == "".join(ANSWER)
    assert done.args[2]["origin"] == session.model.origin
    assert settings.value("model/path") == ""  # a server's model is not a file to reopen


def test_a_cut_stream_fails_once_and_the_partial_answer_is_kept(parts, qtbot):
    _settings, _service, session, chat, _engine = parts
    with StandIn() as server:
        server.faults.drop_after = 7
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(RemoteConfig(server.url))
        outcomes: list[str] = []
        chat.message_finished.connect(lambda *_a: outcomes.append("finished"))
        with qtbot.waitSignal(chat.message_failed, timeout=10_000) as failed:
            chat.send("Hi")
        qtbot.wait(100)
    assert "dropped" in failed.args[1] and outcomes == []
    assert chat.turns[-1].role == "assistant" and chat.turns[-1].content.endswith("The answer")


def test_engine_settings_connect_and_the_key_stays_out_of_the_file(parts, qtbot, tmp_path):
    settings, _service, session, _chat, engine = parts
    with StandIn() as server:
        server.faults.api_key = "sk-office"
        engine.credentials.set(key_account(server.url), "sk-office")
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            settings.set_values({"engine/kind": "remote", "engine/server_url": server.url})
        assert session.state == ModelState.READY
    assert "sk-office" not in (tmp_path / "settings.ini").read_text()


def test_retries_while_the_server_loads_are_shown(parts, qtbot):
    _settings, _service, session, _chat, _engine = parts
    notices: list[str] = []
    session.notice.connect(notices.append)
    with StandIn() as server:
        server.faults.statuses = [503]
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(RemoteConfig(server.url, retry_delay_s=0.05))
    assert session.state == ModelState.READY
    assert any("not ready" in text for text in notices)


def test_offline_refuses_a_server_outside_the_local_network(parts, qtbot):
    settings, _service, session, _chat, engine = parts
    settings.set_values({"network/offline": True})
    with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000) as seen:
        session.connect(engine.remote_config("https://8.8.8.8"))  # no DNS lookup in tests
    assert seen.args[0] == ModelState.FAILED.value and "offline" in seen.args[1]


def test_use_server_connects_at_once_and_remembers_it(parts, qtbot):
    settings, _service, session, _chat, engine = parts
    with StandIn() as server:
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            engine.use_server(server.url, api_key="sk-1")
        qtbot.wait(50)  # the settings signal must not connect a second time
        assert session.state == ModelState.READY
    assert settings.value("engine/kind") == "remote" and settings.value("engine/server_url")
    assert engine.remote_config().api_key == "sk-1"


def test_choosing_this_computer_again_stops_using_the_server(parts, qtbot):
    settings, _service, session, _chat, engine = parts
    with StandIn() as server:
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            engine.use_server(server.url)
        with qtbot.waitSignal(session.state_changed, timeout=5_000) as seen:
            settings.set_value("engine/kind", "local")  # no local model was ever opened
    assert seen.args[0] == ModelState.EMPTY.value and session.model is None


def test_a_refused_local_file_does_not_leave_the_server_answering(
    parts, qtbot, tiny_model, monkeypatch
):
    """Back to this computer with a file the memory check refuses: the server's model is not
    kept as a fallback (it must stop answering), and the state says it was closed."""
    _settings, service, session, _chat, _engine = parts
    with StandIn() as server:
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(RemoteConfig(server.url))
        served = session.model.name
        monkeypatch.setattr(session, "budget_bytes", lambda: 1)
        with qtbot.waitSignal(session.state_changed, timeout=5_000) as seen:
            session.open(tiny_model)
        assert seen.args[0] == ModelState.FAILED.value and session.model is None
        assert f"{served} was closed first" in seen.args[1]
        with qtbot.waitSignal(service.failed, timeout=10_000) as blocker:
            service.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
    assert "No model is loaded" in blocker.args[1]  # the server's engine was freed


def test_a_server_that_never_answers_the_probes_still_connects(parts, qtbot):
    _settings, service, session, _chat, _engine = parts
    failures: list[str] = []
    service.model_load_failed.connect(lambda _id, text: failures.append(text))
    with StandIn("chat", models=("r1-32b",)) as server:
        server.faults.hang_probes = True
        config = RemoteConfig(server.url)
        started = time.monotonic()
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(config)
        took = time.monotonic() - started
        assert session.state == ModelState.READY and session.model.name == "r1-32b"
        assert session.model.reasoning  # from the name, as before
    assert took < config.probe_for_s + 1.5 and failures == []


def test_cancel_while_the_server_hangs_on_a_probe_leaves_nothing_connected(parts, qtbot):
    """Cancel ends the connect at once: the state is EMPTY, no model is shown later, and the
    worker is free for the next connect (before, it waited out each probe's timeout)."""
    _settings, service, session, _chat, _engine = parts
    models: list[object] = []
    session.model_changed.connect(models.append)
    failures: list[str] = []
    service.model_load_failed.connect(lambda _id, text: failures.append(text))
    with StandIn("chat", models=("hangs",)) as hanging, StandIn("chat") as other:
        hanging.faults.hang_probes = True
        session.connect(RemoteConfig(hanging.url))
        assert hanging.probe_seen.wait(5)
        with qtbot.waitSignal(session.state_changed, timeout=1_000) as seen:
            session.cancel_load()
        assert seen.args[0] == ModelState.EMPTY.value and session.model is None
        qtbot.waitUntil(lambda: "/props" in hanging.hung_up, timeout=1_000)  # probe cut
        started = time.monotonic()
        with qtbot.waitSignal(session.state_changed, check_params_cb=ready, timeout=10_000):
            session.connect(RemoteConfig(other.url))
        assert time.monotonic() - started < 1.0  # the worker was not still probing
        assert session.state == ModelState.READY and session.model.name == "r1-32b"
    assert [m.name for m in models if m is not None] == ["r1-32b"] and failures == []


CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


@pytest.mark.parametrize(("props", "thinks"), [({"chat_template": CHATML}, False), (None, True)])
def test_a_reply_asked_while_connecting_follows_the_model_that_answers(parts, qtbot, props, thinks):
    """Asked before the model is open (Regenerate during a load), the reply is not taken for an
    R1's: a plain chat model's answer streams as the answer, an R1's thinking as thinking."""
    _settings, _service, session, chat, _engine = parts
    seen: dict[str, list] = {"thinking": [], "answer": [], "settled": []}
    chat.thinking_received.connect(lambda _rid, text: seen["thinking"].append(text))
    chat.answer_received.connect(lambda _rid, text: seen["answer"].append(text))
    chat.reasoning_settled.connect(lambda _rid, reasoning: seen["settled"].append(reasoning))
    dialect = "chat" if props else "reasoning_content"
    with StandIn(dialect, models=("r1-32b",), props=props) as server:
        server.faults.probe_delay_s = 0.3  # still connecting when the question goes out
        session.connect(RemoteConfig(server.url))
        assert session.state == ModelState.LOADING and session.model is None
        with qtbot.waitSignal(chat.message_finished, timeout=10_000):
            chat.send("What is 2+2?")
    assert session.model.reasoning is thinks
    assert "".join(seen["answer"]).strip() == "".join(ANSWER)
    assert bool(seen["thinking"]) is thinks
    assert seen["settled"] == ([] if thinks else [False])
    assert split_output(chat.turns[-1].content)[1].strip() == "".join(ANSWER)
