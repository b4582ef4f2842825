"""A reply that never finished thinking has no answer: "Copy" must not wipe the clipboard."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.message_actions import MessageActions


def _ask(services, qtbot, window, text: str) -> None:
    with qtbot.waitSignal(services.chat.busy_changed, timeout=30_000,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        window._on_send_requested(text)


def test_copy_is_not_offered_for_a_reply_without_an_answer(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "Think about it")  # 24 tokens: all thinking, no </think>
    message = window.chat_view.findChildren(AssistantMessageView)[-1]
    assert message.has_thinking() and not message.answer_text().strip()
    actions = message.parentWidget().findChild(MessageActions)
    assert not actions.buttons["copy"].isVisible()
    assert actions.buttons["copy_reasoning"].isVisible()  # the reasoning can still be copied


def test_copy_of_a_reply_without_an_answer_keeps_the_clipboard(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "Think about it")
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("what the teacher copied before")
    window.history_panel.on_message_action("copy", 1)
    assert clipboard.text() == "what the teacher copied before"
    window.history_panel.on_message_action("copy_reasoning", 1)
    assert clipboard.text().startswith("Reasoning")


def test_a_reloaded_reply_without_an_answer_offers_no_copy(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "Think about it")
    cid = services.history.current_id
    window.new_chat()
    window.history_panel.load_conversation(cid)
    message = window.chat_view.findChildren(AssistantMessageView)[-1]
    actions = message.parentWidget().findChild(MessageActions)
    assert not actions.buttons["copy"].isVisible()
