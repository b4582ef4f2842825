"""The "‹ 2/3 ›" switch: earlier answers and questions kept by Regenerate and Edit can be
shown again from the window (issue 14, item 5)."""

from __future__ import annotations

from test_history_panel import ask, ready  # noqa: F401  (the fixture)

from desktop.ui.branch_switch import BranchSwitch


def test_the_switch_reports_steps_and_disables_its_ends(qtbot):
    switch = BranchSwitch()
    qtbot.addWidget(switch)
    switch.set_position(0, 3)
    assert switch.label.text() == "1/3"
    assert not switch.previous.isEnabled() and switch.next.isEnabled()
    with qtbot.waitSignal(switch.step_requested) as step:
        switch.next.click()
    assert step.args == [1]
    switch.set_position(2, 3)
    assert switch.previous.isEnabled() and not switch.next.isEnabled()


def test_regenerated_answers_can_be_switched(ready, qtbot):  # noqa: F811
    services, window = ready
    ask(qtbot, services, window, "Again please")
    first = services.history.thread()[1]
    assert window.chat_view.branch_text(1) == ""
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.chat_view.action_requested.emit("regenerate", 1)
    second = services.history.thread()[1]
    assert window.chat_view.branch_text(1) == "2/2"
    window.chat_view.action_requested.emit("branch_previous", 1)
    assert services.history.thread()[1].id == first.id
    assert window.chat_view.branch_text(1) == "1/2"
    assert services.chat.turns[1].content == first.content  # the chat continues from it
    window.chat_view.action_requested.emit("branch_previous", 1)  # already the first: no-op
    assert services.history.thread()[1].id == first.id
    window.chat_view.action_requested.emit("branch_next", 1)
    assert services.history.thread()[1].id == second.id
    assert window.chat_view.branch_text(1) == "2/2"


def test_an_edited_question_can_be_switched_back(ready, qtbot, monkeypatch):  # noqa: F811
    import desktop.ui.history_panel as panel_module

    services, window = ready
    ask(qtbot, services, window, "Original question")
    monkeypatch.setattr(panel_module.QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Edited question", True))  # fmt: skip
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.chat_view.action_requested.emit("edit", 0)
    assert window.chat_view.branch_text(0) == "2/2"
    window.chat_view.action_requested.emit("branch_previous", 0)
    assert window.chat_view.message(0).text() == "Original question"
    assert window.chat_view.message_count() == 2  # its own answer comes back with it
    assert [t.content for t in services.chat.turns][:1] == ["Original question"]
    assert window.chat_view.branch_text(0) == "1/2"
