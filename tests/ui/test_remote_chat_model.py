"""A server's plain chat model in the whole app: its reply is the answer while it streams (when
the server says what the model is) or once it ends (when it does not), and after a restart;
a server's R1 still shows its thinking."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from openai_standin import ANSWER, THINKING, StandIn
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.app import Services
from desktop.core.engines.prompt import prepare_messages
from desktop.core.engines.remote import RemoteConfig
from desktop.core.engines.think import split_output
from desktop.core.system.paths import DataDir
from desktop.services.session import ModelState
from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.main_window import MainWindow

THOUGHT, ANSWERED = "".join(THINKING), "".join(ANSWER)
CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


@contextmanager
def app(qtbot, data: DataDir, server: StandIn | None):
    services = Services.create(data)
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings, downloads=services.downloads)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    if server is not None:
        ready = lambda state, _detail: state in (ModelState.READY.value, ModelState.FAILED.value)  # noqa: E731
        with qtbot.waitSignal(services.session.state_changed, check_params_cb=ready,
                              timeout=10_000):  # fmt: skip
            services.session.connect(RemoteConfig(server.url, retry_delay_s=0.05))
        assert services.session.state == ModelState.READY
    try:
        yield services, window
    finally:
        assert services.shutdown(5000)


def ask(qtbot, services, window, text: str) -> dict:
    seen: dict = {"thinking": [], "answer": [], "wrap_up": [], "status": [], "recognized": []}
    chat = services.chat
    chat.thinking_received.connect(lambda _rid, t: seen["thinking"].append(t))
    chat.answer_received.connect(lambda _rid, t: seen["answer"].append(t))
    chat.answer_recognized.connect(lambda _rid, t: seen["recognized"].append(t))
    for signal in (chat.message_started, chat.answer_received, chat.thinking_received):
        signal.connect(
            lambda *_: seen["wrap_up"].append(window.composer.wrap_up_button.isVisible())
        )
    chat.message_started.connect(lambda *_: seen["status"].append(window.metrics_label.text()))
    with qtbot.waitSignal(chat.message_finished, timeout=10_000) as done:
        qtbot.keyClicks(window.composer.edit, text)
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    seen["metrics"] = done.args[2]
    return seen


def last_message(window) -> AssistantMessageView:
    return window.chat_view.findChildren(AssistantMessageView)[-1]


def shows_only_the_answer(message: AssistantMessageView) -> bool:
    toggle = message.findChild(QWidget, "thinkingToggle")
    note = message.findChild(QWidget, "thinkingNote")
    body = message.findChild(QWidget, "thinkingBody")
    hidden = not (toggle.isVisible() or note.isVisible() or body.isVisible())
    return hidden and message.answer_text().strip() == ANSWERED


def test_a_server_that_shows_a_chat_template_answers_from_the_first_token(qtbot, tmp_path):
    props = {"chat_template": CHATML}
    with (
        StandIn("chat", models=("qwen2.5-7b-instruct",), props=props) as server,
        app(qtbot, DataDir(tmp_path / "data"), server) as (services, window),
    ):
        assert services.session.model.reasoning is False
        seen = ask(qtbot, services, window, "What is 2+2?")
        assert seen["status"] == ["Answering…"]
        assert seen["thinking"] == [] and "".join(seen["answer"]).strip() == ANSWERED
        assert not any(seen["wrap_up"])  # never offered
        assert shows_only_the_answer(last_message(window))
        history = services.history
        stored = history.thread(history.current_id)[-1]
        assert split_output(stored.content) == ("", ANSWERED)
        assert history.copy_text(stored.id) == ANSWERED
        ask(qtbot, services, window, "And 3+3?")
    follow_up = server.requests[-1]["messages"]
    assert follow_up[1] == {"role": "assistant", "content": ANSWERED}


def test_a_reply_that_never_marks_a_thinking_ends_as_the_answer_after_a_restart_too(
    qtbot, tmp_path
):
    data = DataDir(tmp_path / "data")
    with StandIn("chat", models=("my-model",)) as server:  # no /props, no /api/show, no hint
        with app(qtbot, data, server) as (services, window):
            assert services.session.model.reasoning_guessed
            saved: list[str] = []  # what the history would save if the app closed now
            services.chat.thinking_received.connect(
                lambda rid, _t: saved.append(services.chat.streamed_output(rid))
            )
            seen = ask(qtbot, services, window, "What is 2+2?")
            assert saved and all(split_output(s)[0] == "" for s in saved)
            assert seen["recognized"] == [ANSWERED]
            assert shows_only_the_answer(last_message(window))
            assert seen["metrics"]["thinking_tokens"] == 0
            assert window.composer.wrap_up_button.isHidden()
            cid = services.history.current_id
            ask(qtbot, services, window, "And 3+3?")
        assert server.requests[-1]["messages"][1] == {"role": "assistant", "content": ANSWERED}
    with app(qtbot, data, None) as (services, window):  # the app started again
        stored = services.history.thread(cid)
        assert [split_output(m.content) for m in stored if m.role == "assistant"] == [
            ("", ANSWERED),
            ("", ANSWERED),
        ]
        window.history_panel.load_conversation(cid)
        assert shows_only_the_answer(last_message(window))
        assert prepare_messages(services.chat.turns)[1]["content"] == ANSWERED


@pytest.mark.parametrize(
    ("dialect", "model"), [("lone_close", "my-model"), ("reasoning", "my-model"),
                           ("lone_close", "r1-32b"), ("reasoning_content", "r1-32b")],
)  # fmt: skip
def test_a_servers_r1_still_thinks_then_answers(qtbot, tmp_path, dialect, model):
    with (
        StandIn(dialect, models=(model,)) as server,
        app(qtbot, DataDir(tmp_path / "data"), server) as (services, window),
    ):
        seen = ask(qtbot, services, window, "What is 2+2?")
        assert seen["status"] == ["Thinking…"] and any(seen["wrap_up"])  # Wrap up offered
        assert "".join(seen["thinking"]).strip() == THOUGHT
        assert "".join(seen["answer"]).strip() == ANSWERED and seen["recognized"] == []
        message = last_message(window)
        assert message.thinking_text().strip() == THOUGHT
        assert message.findChild(QWidget, "thinkingToggle").isVisible()
        stored = services.history.thread(services.history.current_id)[-1]
        assert split_output(stored.content)[0].strip() == THOUGHT
        assert seen["metrics"]["thinking_tokens"] == len(THINKING)


def test_a_question_asked_while_connecting_follows_a_chat_model(qtbot, tmp_path):
    """Asked before the model is open (Regenerate or Edit during a load): the window shows
    the reply as the model that answers it does, not as an R1's never-ending thinking."""
    props = {"chat_template": CHATML}
    with (
        StandIn("chat", models=("qwen2.5-7b-instruct",), props=props) as server,
        app(qtbot, DataDir(tmp_path / "data"), None) as (services, window),
    ):
        server.faults.probe_delay_s = 0.3  # still connecting when the question goes out
        services.session.connect(RemoteConfig(server.url))
        assert services.session.model is None
        chat, status, wrap_up = services.chat, [], []
        chat.reasoning_settled.connect(lambda *_: status.append(window.metrics_label.text()))
        chat.answer_received.connect(
            lambda *_: wrap_up.append(window.composer.wrap_up_button.isVisible())
        )
        with qtbot.waitSignal(chat.message_finished, timeout=10_000):
            chat.send("What is 2+2?")
        assert services.session.model.reasoning is False and status == ["Answering…"]
        message = last_message(window)
        assert message.isVisible() and shows_only_the_answer(message)
        assert wrap_up and not any(wrap_up)  # Wrap up is not offered to a chat model
        stored = services.history.thread(services.history.current_id)[-1]
        assert split_output(stored.content) == ("", ANSWERED)
