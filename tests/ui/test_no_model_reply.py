"""Replies when no model can answer: a model that closed or failed to open leaves nothing to
send or regenerate with, and a reply that failed for want of a model can be regenerated once
one is ready (issue: Regenerate offered when it cannot work)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from test_main_window import type_and_enter

from desktop.services.session import ModelState


def _regenerate_button(window):
    """The Regenerate under the one reply shown."""
    (button,) = [b for b in window.chat_view.findChildren(QToolButton) if b.text() == "Regenerate"]
    return button


def test_no_send_or_regenerate_is_offered_once_the_model_is_gone(
    ready,
    qtbot,
    duplicate_tokens_model,
):
    services, window = ready
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "Hi")
    assert _regenerate_button(window).isVisible()
    # Another model fails to open: the one before was freed to make room. (A file whose header
    # is unsound is refused before that, and leaves the open model open: a sound header with a
    # vocabulary llama.cpp would abort on fails only in the full check.)
    with qtbot.waitSignal(services.session.state_changed, timeout=30_000,
                          check_params_cb=lambda state, _d: state == "failed"):  # fmt: skip
        services.session.open(duplicate_tokens_model)
    assert services.session.model is None
    # The conversation stays readable; the bar above the question box says why it cannot go
    # on (the reason included) and offers to open a model.
    assert window.stack.currentWidget() is window.chat_view
    assert window.no_model_bar.isVisible()
    assert window.no_model_bar.title.text() == "The model could not be opened"
    assert duplicate_tokens_model.name in window.no_model_bar.reason.text()
    assert "was closed first and is not open any more" in window.no_model_bar.reason.text()
    assert not window.composer.isEnabled()
    button = _regenerate_button(window)
    assert not button.isEnabled()  # nothing to click that cannot work, and it says why
    assert "Open a model first" in button.toolTip()
    type_and_enter(qtbot, window, "Again")
    assert not services.chat.busy and window.chat_view.message_count() == 2


def test_a_reply_that_failed_for_want_of_a_model_regenerates_once_one_is_ready(
    app_parts,
    qtbot,
    tiny_model,
):
    services, window = app_parts
    # A question that reached the engine with no model (e.g. sent by a window from before the
    # model closed): the reply fails and says what to do.
    with qtbot.waitSignal(services.chat.message_failed, timeout=10_000) as failed:
        services.chat.send("What is 2+2?")
    assert "Open a model first" in str(failed.args[1])
    view = window.chat_view.message(1)
    assert "Open a model first" in view.findChild(type(window.model_label), "errorLine").text()
    assert not _regenerate_button(window).isEnabled()  # no model: it could not work
    assert window.stack.currentWidget() is window.chat_view and window.no_model_bar.isVisible()
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(tiny_model)
    assert services.session.state == ModelState.READY
    button = _regenerate_button(window)
    assert button.isVisible() and button.isEnabled()  # offered now a model can answer; works
    assert not window.no_model_bar.isVisible()
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not done.args[1]
    turns = services.chat.turns
    assert [t.role for t in turns] == ["user", "assistant"] and turns[-1].content
