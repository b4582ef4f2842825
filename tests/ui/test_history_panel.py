"""Saved conversations in the real window: saved while streaming, loaded back, exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def ready(app_parts, open_model, tiny_model):
    app_parts[0].settings.set_value("generation/max_tokens", 16)
    open_model(tiny_model)
    return app_parts


def ask(qtbot, services, window, text):
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.composer.edit.setPlainText(text)  # QTest cannot type non-ASCII keys
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def test_a_chat_is_saved_and_comes_back(ready, qtbot):
    services, window = ready
    ask(qtbot, services, window, "鸡兔同笼: 35 heads, 94 feet?")
    saved = services.history.current_id
    assert saved is not None
    assert window.history_panel.sidebar.conversation_ids() == [saved]
    window.new_chat()
    assert window.chat_view.message_count() == 0 and services.chat.turns == []
    window.history_panel.load_conversation(saved)
    assert window.chat_view.message_count() == 2
    assert [t.role for t in services.chat.turns] == ["user", "assistant"]
    # The loaded conversation continues: the follow-up is stored in the same chat.
    ask(qtbot, services, window, "And with 40 heads?")
    assert len(services.history.thread(saved)) == 4


def test_stopped_answer_is_kept_and_shown_stopped(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        qtbot.keyClicks(window.composer.edit, "Think long")
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
        services.chat.stop()
    thread = services.history.thread(services.history.current_id)
    assert thread[-1].status == "stopped" and thread[-1].content


def test_export_writes_markdown_html_and_pdf(ready, qtbot, tmp_path):
    services, window = ready
    ask(qtbot, services, window, "Export <me> & keep *this*")
    cid = services.history.current_id
    panel = window.history_panel
    panel.write_export(cid, tmp_path / "chat.md", "Markdown (*.md)", reasoning=True)
    panel.write_export(cid, tmp_path / "chat.html", "Web page (*.html)", reasoning=False)
    panel.write_export(cid, tmp_path / "chat", "PDF document (*.pdf)", reasoning=False)
    assert "Export <me> & keep *this*" in (tmp_path / "chat.md").read_text(encoding="utf-8")
    assert "Export &lt;me&gt; &amp; keep" in (tmp_path / "chat.html").read_text(encoding="utf-8")
    assert (tmp_path / "chat.pdf").read_bytes().startswith(b"%PDF")


def test_export_failing_midway_keeps_the_earlier_file(ready, qtbot, tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    from desktop.ui import history_panel

    services, window = ready
    ask(qtbot, services, window, "Export me")
    target = tmp_path / "chat.md"
    target.write_text("the export of last week", encoding="utf-8")
    write_text, warnings = Path.write_text, []

    def disk_fills_up(self, data, *args, **kwargs):
        write_text(self, data[: len(data) // 2], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_fills_up)
    monkeypatch.setattr(history_panel, "plain_warning", lambda *args: warnings.append(args[2]))
    window.history_panel.write_export(services.history.current_id, target, "", reasoning=False)
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert len(warnings) == 1 and "No space left" in warnings[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".chat")] == []


def test_copy_actions_put_text_on_the_clipboard(ready, qtbot):
    from PySide6.QtGui import QGuiApplication

    services, window = ready
    ask(qtbot, services, window, "Copy me")
    window.chat_view.action_requested.emit("copy", 0)
    assert QGuiApplication.clipboard().text() == "Copy me"
    window.chat_view.action_requested.emit("copy_reasoning", 1)
    assert QGuiApplication.clipboard().text().strip()


def test_regenerate_keeps_the_old_answer_as_a_branch(ready, qtbot):
    services, window = ready
    ask(qtbot, services, window, "Again please")
    first = services.history.thread()[1]
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.chat_view.action_requested.emit("regenerate", 1)
    thread = services.history.thread()
    assert [m.role for m in thread] == ["user", "assistant"]
    assert thread[1].id != first.id and thread[1].branch_count == 2
    assert window.chat_view.message_count() == 2


def test_edit_and_resend_replaces_later_turns(ready, qtbot, monkeypatch):
    import desktop.ui.history_panel as panel_module

    services, window = ready
    ask(qtbot, services, window, "Original question")
    monkeypatch.setattr(panel_module.QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Edited question", True))  # fmt: skip
    with qtbot.waitSignal(services.chat.message_finished, timeout=30_000):
        window.chat_view.action_requested.emit("edit", 0)
    thread = services.history.thread()
    assert [m.content for m in thread if m.role == "user"] == ["Edited question"]
    assert services.chat.turns[0].content == "Edited question"
    assert window.chat_view.message(0).text() == "Edited question"


def test_delete_message_after_confirmation(ready, qtbot, monkeypatch):
    import desktop.ui.history_panel as panel_module

    services, window = ready
    ask(qtbot, services, window, "Delete my answer")
    monkeypatch.setattr(panel_module.QMessageBox, "question",
                        lambda *a, **k: panel_module.QMessageBox.StandardButton.Yes)  # fmt: skip
    window.chat_view.action_requested.emit("delete", 1)
    assert [m.role for m in services.history.thread()] == ["user"]
    assert window.chat_view.message_count() == 1


def test_actions_wait_while_an_answer_streams(ready, qtbot, monkeypatch):
    import desktop.ui.history_panel as panel_module

    services, window = ready
    ask(qtbot, services, window, "First")
    services.settings.set_value("generation/max_tokens", 100_000)
    told = []
    monkeypatch.setattr(panel_module.QMessageBox, "information", lambda *a: told.append(a))
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        window.composer.edit.setPlainText("Second")
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    window.chat_view.action_requested.emit("regenerate", 1)
    assert told and len(services.history.thread()) == 4
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
        services.chat.stop()


def test_exports_render_math_and_markdown(ready, qtbot, tmp_path):
    """Answers are exported as the chat shows them: formulas typeset, Markdown rendered."""
    services, window = ready
    ask(qtbot, services, window, "Anything")
    cid = services.history.current_id
    answer = services.history.thread(cid)[1]
    services.history.store.update_message(
        answer.id, content="thinking</think>\n\n**Bold** and $x^2 + 1$\n\n```python\nx = 1\n```"
    )
    panel = window.history_panel
    panel.write_export(cid, tmp_path / "chat", "Web page (*.html)", reasoning=False)
    html = (tmp_path / "chat.html").read_text(encoding="utf-8")
    assert "<strong>Bold</strong>" in html and "**Bold**" not in html
    assert "data:image/png;base64," in html and "x^2 + 1" in html  # image, alt text kept
    panel.write_export(cid, tmp_path / "chat.pdf", "", reasoning=False)
    assert (tmp_path / "chat.pdf").read_bytes().startswith(b"%PDF")


def delete_from_the_sidebar_menu(window, conversation_id):
    """Right-click the conversation's row, choose Delete."""
    sidebar = window.history_panel.sidebar
    sidebar._show_menu(sidebar.list.visualItemRect(sidebar.item_for(conversation_id)).center())
    actions = {a.text(): a for a in sidebar._menu.actions() if a.text()}
    actions["Delete"].trigger()
    sidebar._menu.close()


def test_deleting_the_open_chat_clears_it_and_undo_brings_it_back(ready, qtbot):
    services, window = ready
    ask(qtbot, services, window, "First question")
    deleted = services.history.current_id
    delete_from_the_sidebar_menu(window, deleted)
    assert window.chat_view.message_count() == 0 and services.chat.turns == []
    assert window.stack.currentWidget() is window.starter
    sidebar = window.history_panel.sidebar
    assert sidebar.undo_bar.isVisible()
    qtbot.mouseClick(sidebar.undo_button, Qt.MouseButton.LeftButton)
    assert services.history.current_id == deleted
    assert window.chat_view.message_count() == 2
    assert [t.content for t in services.chat.turns][:1] == ["First question"]
    assert sidebar.list.currentItem() is sidebar.item_for(deleted)


def test_a_question_after_deleting_the_open_chat_starts_clean(ready, qtbot):
    services, window = ready
    ask(qtbot, services, window, "First question")
    deleted = services.history.current_id
    delete_from_the_sidebar_menu(window, deleted)
    ask(qtbot, services, window, "Second question")
    current = services.history.current_id
    assert current != deleted and window.chat_view.message_count() == 2
    # The model got no trace of the deleted chat, and the new chat holds only its own turns.
    assert [t.content for t in services.chat.turns][:1] == ["Second question"]
    assert [m.content for m in services.history.thread(current)][:1] == ["Second question"]
    window.history_panel.sidebar.undo_delete()  # still in time: back in the list, not on screen
    assert deleted in window.history_panel.sidebar.conversation_ids()
    assert services.history.current_id == current and window.chat_view.message_count() == 2


def test_deleting_the_open_chat_while_it_answers_keeps_the_answer_stopped(ready, qtbot):
    services, window = ready
    services.settings.set_value("generation/max_tokens", 100_000)
    with qtbot.waitSignal(services.chat.thinking_received, timeout=30_000):
        qtbot.keyClicks(window.composer.edit, "Think long")
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    deleted = services.history.current_id
    with qtbot.waitSignal(services.chat.message_finished, timeout=10_000):
        delete_from_the_sidebar_menu(window, deleted)
    assert not services.chat.busy and window.chat_view.message_count() == 0
    answer = services.history.thread(deleted)[-1]
    assert answer.role == "assistant" and answer.status == "stopped" and answer.content
