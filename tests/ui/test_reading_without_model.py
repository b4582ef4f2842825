"""Past chats with no model open: readable at any time, continued once a model is ready; and a
model the memory check refuses leaves the open one working (issues: history looked gone with
no model; a refused open left the old model in memory while the window said it failed)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolButton
from test_main_window import type_and_enter

from desktop.core.models import model_check
from desktop.services.session import ModelState
from desktop.ui import main_window

THINKING = "Chickens have 2 feet and rabbits 4. Let r be the rabbits: 2*35 + 2r = 94."
ANSWER = "There are $r = 12$ rabbits and 23 chickens: $$\\boxed{23}$$"


def save_chat(services) -> int:
    """A conversation saved by an earlier session, as an R1 distill wrote it."""
    store = services.history.store
    cid = store.create_conversation("Chickens and rabbits")
    store.add_message(cid, "user", "35 heads, 94 feet: how many chickens?")
    store.add_message(cid, "assistant", f"{THINKING}\n</think>\n\n{ANSWER}")
    services.history.conversations_changed.emit()  # as a start-up with this database does
    return cid


def click_conversation(qtbot, window, cid: int) -> None:
    sidebar = window.history_panel.sidebar
    item = sidebar.item_for(cid)
    rect = sidebar.list.visualItemRect(item)
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def buttons(window, text: str) -> list[QToolButton]:
    return [b for b in window.chat_view.findChildren(QToolButton) if b.text() == text]


def test_a_saved_chat_is_readable_with_no_model_and_continues_once_one_opens(
    app_parts,
    qtbot,
    tiny_model,
):
    services, window = app_parts
    cid = save_chat(services)
    assert services.session.model is None
    assert window.stack.currentWidget() is window.empty_state
    click_conversation(qtbot, window, cid)
    # The chat is on screen as it was: question, reasoning, answer.
    assert window.stack.currentWidget() is window.chat_view
    assert window.chat_view.message_count() == 2
    reply = window.chat_view.message(1)
    assert reply.thinking_text().strip() == THINKING and reply.answer_text().strip() == ANSWER
    # The question box is off, and the line above it says why and what to do.
    bar = window.no_model_bar
    assert not window.composer.isEnabled()
    assert bar.isVisible() and bar.title.text() == "No model is open"
    assert "open a model to continue it" in bar.hint.text()
    # Copy needs no model; regenerate and edit do, and say so instead of failing.
    buttons(window, "Copy")[1].click()
    assert QGuiApplication.clipboard().text().strip() == ANSWER
    for name in ("Regenerate", "Edit"):
        (button,) = buttons(window, name)
        assert button.isVisible() and not button.isEnabled()
        assert "Open a model first" in button.toolTip()

    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(tiny_model)
    # Still the same conversation, now to be continued.
    assert window.stack.currentWidget() is window.chat_view and not bar.isVisible()
    assert window.chat_view.message_count() == 2 and window.composer.isEnabled()
    assert all(b.isEnabled() for b in buttons(window, "Regenerate") + buttons(window, "Edit"))
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "And the rabbits?")
    thread = services.history.thread(cid)
    assert services.history.current_id == cid and len(thread) == 4  # nothing lost
    assert thread[1].content == f"{THINKING}\n</think>\n\n{ANSWER}"
    assert [t.role for t in services.chat.turns] == ["user", "assistant"] * 2


def test_new_chat_with_no_model_shows_the_empty_state(app_parts, qtbot):
    services, window = app_parts
    cid = save_chat(services)
    click_conversation(qtbot, window, cid)
    assert window.stack.currentWidget() is window.chat_view
    window.new_chat_action.trigger()
    assert window.stack.currentWidget() is window.empty_state
    assert not window.no_model_bar.isVisible()
    click_conversation(qtbot, window, cid)  # and back again
    assert window.stack.currentWidget() is window.chat_view and window.no_model_bar.isVisible()


def test_the_load_panel_keeps_the_window_and_a_cancel_returns_to_the_chat(
    app_parts,
    qtbot,
    model_copy,
    monkeypatch,
):
    services, window = app_parts
    cid = save_chat(services)
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]  # a crash check that lasts
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)
    services.session.open(model_copy)
    assert window.stack.currentWidget() is window.load_panel
    click_conversation(qtbot, window, cid)
    assert window.stack.currentWidget() is window.load_panel  # shown once the load ends
    assert window.chat_view.message_count() == 2 and not window.no_model_bar.isVisible()
    qtbot.mouseClick(window.load_panel.cancel_button, Qt.MouseButton.LeftButton)
    assert services.session.state == ModelState.EMPTY
    assert window.stack.currentWidget() is window.chat_view  # back to what was being read
    assert window.no_model_bar.isVisible() and not window.composer.isEnabled()


def test_the_bar_offers_the_model_manager(app_parts, qtbot):
    services, window = app_parts
    click_conversation(qtbot, window, save_chat(services))
    qtbot.mouseClick(window.no_model_bar.open_button, Qt.MouseButton.LeftButton)
    assert window.model_manager is not None and window.model_manager.isVisible()
    window.model_manager.close()


def test_a_model_too_big_for_the_budget_leaves_the_open_one_working(
    app_parts,
    qtbot,
    tiny_model,
    real_7b,
    monkeypatch,
):
    """The user's memory budget (the smallest Settings allows) refuses the real 7B file: the
    tiny model that is open stays open and answers, and a box says why the 7B was not opened."""
    services, window = app_parts
    services.settings.set_value("performance/memory_budget_gb", 0.5)
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(tiny_model)
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "Hi")
    model = services.session.model
    told: list[str] = []
    monkeypatch.setattr(main_window, "plain_warning", lambda _parent, _t, text: told.append(text))
    services.session.open(real_7b)
    assert services.session.model is model and services.session.state == ModelState.READY
    assert window.stack.currentWidget() is window.chat_view and window.composer.isEnabled()
    assert not window.no_model_bar.isVisible()
    assert window.statusBar().currentMessage() == "The model was not opened"
    (message,) = told
    assert real_7b.name in message and "does not fit in the memory budget" in message
    assert message.endswith(f"{model.name} stays open.")
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000) as done:
        type_and_enter(qtbot, window, "Still there?")
    assert not done.args[1] and window.chat_view.message_count() == 4
