"""A chat model that does not reason, in the whole app: its reply is the answer everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.message_actions import MessageActions


@pytest.fixture
def gemma_app(app_parts, open_model, gemma_model):
    open_model(gemma_model)
    return app_parts


def _ask(qtbot, services, window, text: str) -> tuple[list[str], list[str]]:
    thinking: list[str] = []
    answer: list[str] = []
    services.chat.thinking_received.connect(lambda _rid, t: thinking.append(t))
    services.chat.answer_received.connect(lambda _rid, t: answer.append(t))
    wrap_up_seen = []
    services.chat.answer_received.connect(
        lambda *_: wrap_up_seen.append(window.composer.wrap_up_button.isVisible())
    )
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        qtbot.keyClicks(window.composer.edit, text)
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    assert wrap_up_seen and not any(wrap_up_seen)  # never offered while it streamed
    return thinking, answer


def test_a_plain_chat_reply_is_the_answer_everywhere(gemma_app, qtbot):
    services, window = gemma_app
    assert services.session.model.reasoning is False
    thinking, answer = _ask(qtbot, services, window, "Hello?")
    reply = "".join(answer).strip()
    assert thinking == [] and reply
    message = window.chat_view.findChildren(AssistantMessageView)[-1]
    assert not message.findChild(QWidget, "thinkingToggle").isVisible()
    assert message.answer_text().strip() == reply
    # Nothing about reasoning under it: copy is offered, copy with reasoning is not.
    actions = message.parentWidget().findChild(MessageActions)
    assert actions.buttons["copy"].isVisible()
    assert not actions.buttons["copy_reasoning"].isVisible()
    shots = Path("/work/shots/real")
    if shots.is_dir() and os.environ.get("THINKDESK_SHOTS"):
        window.grab().save(str(shots / "plain_chat_model.png"))

    # Copy and export see the answer; the follow-up sends the reply back to the model.
    history = services.history
    stored = history._store.thread(history.current_id)[-1]
    assert history.copy_text(stored.id) == reply
    assert not window.history_panel.has_reasoning(history.current_id)
    exported = history.export_text(history.current_id, "markdown", include_reasoning=True)
    assert reply in exported and "Reasoning" not in exported
    _ask(qtbot, services, window, "And then?")
    sent_back = services.chat.turns[1]
    assert sent_back.role == "assistant"
    from desktop.core.engines.prompt import prepare_messages

    prepared = prepare_messages(services.chat.turns[:3])
    assert prepared[1]["content"].strip() == reply
