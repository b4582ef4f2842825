"""The whole app wired as in start-up: real services, real tiny model, offscreen window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.services.session import ModelState
from desktop.ui.assistant_message import AssistantMessageView


def type_and_enter(qtbot, window, text):
    qtbot.keyClicks(window.composer.edit, text)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def test_starts_in_the_empty_state(app_parts):
    _services, window = app_parts
    assert window.stack.currentWidget() is window.empty_state
    assert not window.composer.isEnabled()


def test_question_streams_thinking_and_reports_speed(ready, qtbot):
    services, window = ready
    assert window.stack.currentWidget() is window.starter
    assert "Ready" in window.statusBar().currentMessage()
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "What is 2+2?")
        assert window.composer.button.text() == "Stop"
    assert window.composer.text() == ""
    assert window.stack.currentWidget() is window.chat_view
    assert window.chat_view.message_count() == 2
    assert "tokens/s" in window.metrics_label.text()
    assert window.composer.button.text() == "Send"
    turns = services.chat.turns
    assert [t.role for t in turns] == ["user", "assistant"] and turns[1].content


def test_empty_input_is_not_sent(ready, qtbot):
    services, window = ready
    type_and_enter(qtbot, window, "   ")
    qtbot.wait(50)
    assert window.chat_view.message_count() == 0 and not services.chat.busy


def test_shift_enter_inserts_a_new_line(ready, qtbot):
    _services, window = ready
    qtbot.keyClicks(window.composer.edit, "line one")
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.composer.edit, "line two")
    assert window.composer.text() == "line one\nline two"
    assert window.chat_view.message_count() == 0


def test_stop_button_stops_and_keeps_what_was_said(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        type_and_enter(qtbot, window, "Think forever")
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.composer.button, Qt.MouseButton.LeftButton)
    assert blocker.args[1] is True  # stopped
    assert services.chat.turns[-1].content


def test_escape_stops(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        type_and_enter(qtbot, window, "Think forever")
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000) as blocker:
        window.stop_action.trigger()
    assert blocker.args[1] is True


def test_bad_model_shows_the_reason_and_the_app_stays_up(app_parts, qtbot, truncated_model,
                                                         tiny_model):  # fmt: skip
    services, window = app_parts
    with qtbot.waitSignal(services.session.state_changed, timeout=60_000,
                          check_params_cb=lambda s, d: s == ModelState.FAILED.value):  # fmt: skip
        services.session.open(truncated_model)
    assert truncated_model.name in window.empty_state.detail.text()
    assert window.empty_state.open_button.isVisible()
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000,
                          check_params_cb=lambda m: m is not None):  # fmt: skip
        services.session.open(tiny_model)


def test_closing_mid_answer_shuts_down_within_2s(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        type_and_enter(qtbot, window, "Think forever")
    window.close()
    assert services.shutdown(2000)


def test_remembers_the_last_model(ready, tiny_model):
    services, _window = ready
    assert services.settings.value("model/path") == str(tiny_model)


def test_wrap_up_button_shows_while_thinking_and_works(ready, qtbot):
    services, window = ready
    # Long enough that the thinking is still going when the click lands on a loaded machine
    # (80 tokens sometimes ended first); the tiny model writes the rest in about a second.
    services.settings.set_value("generation/max_tokens", 1_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        type_and_enter(qtbot, window, "Think")
    assert window.composer.wrap_up_button.isVisible()
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000) as blocker:
        qtbot.mouseClick(window.composer.wrap_up_button, Qt.MouseButton.LeftButton)
    assert blocker.args[2]["wrapped_up"] is True
    assert not window.composer.wrap_up_button.isVisible()


def test_loop_banner_offers_a_way_out(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.message_started) as started:
        type_and_enter(qtbot, window, "17 times 23?")
    rid = started.args[0]
    loop = "Wait, let me check again. 17 times 20 is 340, so 391. " * 6
    for i in range(0, len(loop), 5):
        services.inference.token.emit(rid, loop[i : i + 5])
    assert window.loop_banner.isVisible()
    assert "repeating itself" in window.loop_banner.message.text()
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000) as blocker:
        window.loop_banner.findChildren(QPushButton)[1].click()  # Stop
    assert blocker.args[1] is True and not window.loop_banner.isVisible()


def test_links_open_only_after_confirmation(app_parts, monkeypatch):
    from PySide6.QtCore import QUrl

    import desktop.ui.links as links

    _services, window = app_parts
    opened, answers, refused = [], iter([False, True]), []
    monkeypatch.setattr(links, "confirm_open_link", lambda parent, url: next(answers))
    monkeypatch.setattr(links, "refuse_link", lambda parent, url: refused.append(url))
    monkeypatch.setattr(links.QDesktopServices, "openUrl", lambda url: opened.append(url))
    url = QUrl("https://example.org/")
    window.chat_view.link_activated.emit(url)
    assert opened == []
    window.chat_view.link_activated.emit(url)
    assert opened == [url]
    program = QUrl("file:///C:/setup.exe")
    window.chat_view.link_activated.emit(program)
    assert opened == [url] and refused == [program]


def test_starter_problem_asks_it(ready, qtbot):
    services, window = ready
    assert window.stack.currentWidget() is window.starter
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        qtbot.mouseClick(window.starter.buttons[1], Qt.MouseButton.LeftButton)
    assert "Wednesday" in services.chat.turns[0].content
    assert window.stack.currentWidget() is window.chat_view
    window.new_chat()
    assert window.stack.currentWidget() is window.starter


def test_f11_presents_the_latest_exchange(ready, qtbot):
    services, window = ready
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "Present me")
    window.classroom_action.trigger()
    assert window.classroom.isVisible()
    assert window.classroom.question_label.text() == "Present me"
    window.classroom_action.trigger()
    assert not window.classroom.isVisible()


def test_ctrl_enter_setting_changes_which_key_sends(ready, qtbot):
    services, window = ready
    services.settings.set_value("chat/send_key", "ctrl_enter")
    qtbot.keyClicks(window.composer.edit, "line one")
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    assert window.composer.text() == "line one\n" and not services.chat.busy
    assert "Ctrl+Enter" in window.composer.edit.placeholderText()
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_hidden_thinking_setting_hides_the_section(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/thinking_display", "hidden")
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        type_and_enter(qtbot, window, "Hide it")
    message = (
        window.chat_view.streaming_message()
        or window.chat_view.findChildren(AssistantMessageView)[-1]
    )
    assert not message.findChild(QWidget, "thinkingToggle").isVisible()
    assert not message.findChild(QWidget, "thinkingBody").isVisible()


def test_thinking_budget_setting_wraps_up(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 200)
    services.settings.set_value("generation/thinking_budget", 64)
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000) as blocker:
        type_and_enter(qtbot, window, "Budget")
    assert blocker.args[2]["wrapped_up"] and blocker.args[2]["thinking_tokens"] == 64


def test_dark_theme_setting_applies(ready, qtbot):
    services, window = ready
    try:
        services.settings.set_value("appearance/theme", "dark")
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 80)
        services.settings.set_value("appearance/theme", "light")
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() > 180)
        services.settings.set_value("appearance/font_size", 19)
        qtbot.waitUntil(lambda: window.font().pointSize() == 19)
    finally:  # the QApplication outlives this test: give the next ones the system look back
        services.settings.set_value("appearance/theme", "system")
        services.settings.set_value("appearance/font_size", 0)


def test_model_manager_choice_opens_the_model(app_parts, qtbot, tiny_model):
    services, window = app_parts
    qtbot.mouseClick(window.empty_state.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.model_manager
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000,
                          check_params_cb=lambda m: m is not None):  # fmt: skip
        dialog.page.model_chosen.emit(str(tiny_model))  # as its "Use" button does
    assert not dialog.isVisible()


def test_start_up_opens_the_default_installed_model(app_parts, tiny_model):
    from desktop.app import remembered_model

    services, _window = app_parts
    assert remembered_model(services) is None
    services.settings.set_value("model/path", str(tiny_model))
    assert remembered_model(services) == tiny_model


def test_a_last_model_left_on_an_unplugged_stick_is_named_at_start(app_parts, qtbot, tiny_model,
                                                                   tmp_path):  # fmt: skip
    """The file opened last lived on a USB stick that is not plugged in now, and nothing is
    installed: the window says that file was not found, instead of starting like a first run
    with not a word about the model the user had."""
    from desktop.app import remembered_model

    services, window = app_parts
    stick = tmp_path / "U盘" / "深度 求索.gguf"
    services.settings.set_value("model/path", str(stick))
    assert remembered_model(services) == stick

    def failed_state(state: str, _detail: str) -> bool:
        return state == "failed"

    with qtbot.waitSignal(
        services.session.state_changed, timeout=10_000, check_params_cb=failed_state
    ) as failed:
        services.session.open(remembered_model(services))
    assert "could not be found" in failed.args[1]
    assert stick.name in window.empty_state.detail.text()
    # A copy in the models folder that is gone was deleted in ThinkDesk: nothing to say.
    services.settings.set_value("model/path", str(services.data.models / "gone.gguf"))
    assert remembered_model(services) is None
    # The default installed model comes before a missing last one.
    services.downloads.import_paths([tiny_model], copy=False)
    qtbot.waitUntil(lambda: bool(services.downloads.installed()), timeout=60_000)
    services.settings.set_value("model/path", str(stick))
    assert remembered_model(services) == tiny_model


def test_keep_thinking_re_arms_the_loop_warning(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.message_started) as started:
        type_and_enter(qtbot, window, "17 times 23?")
    rid = started.args[0]
    loop = "Wait, let me check again. 17 times 20 is 340, so 391. " * 6

    def feed() -> None:
        for i in range(0, len(loop), 5):
            services.inference.token.emit(rid, loop[i : i + 5])

    feed()
    assert window.loop_banner.isVisible()
    keep = window.loop_banner.findChildren(QPushButton)[2]
    assert keep.text() == "Keep thinking"
    keep.click()
    assert not window.loop_banner.isVisible()
    feed()  # the model goes on looping: the user is told again
    assert window.loop_banner.isVisible()
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
        services.chat.stop()


def test_ctrl_m_reuses_one_model_manager(app_parts, qtbot):
    from desktop.ui.model_manager import ModelManagerDialog

    _services, window = app_parts

    def press_ctrl_m():
        window.activateWindow()  # shortcuts reach the active window only
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    press_ctrl_m()
    first = window.model_manager
    assert first is not None and first.isVisible()
    first.close()
    press_ctrl_m()
    press_ctrl_m()
    assert window.model_manager is first and first.isVisible()
    assert len(window.findChildren(ModelManagerDialog)) == 1


def test_quit_is_ctrl_q_on_every_platform(app_parts):
    from PySide6.QtGui import QAction, QKeySequence

    _services, window = app_parts
    quits = [a for a in window.findChildren(QAction) if a.text() == "&Quit"]
    assert [a.shortcut() for a in quits] == [QKeySequence("Ctrl+Q")]


def test_bring_forward_restores_a_minimised_window(app_parts, qtbot):
    _services, window = app_parts
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    window.bring_forward()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert window.isVisible()
