"""Saved conversations in the real window: saved while streaming, loaded back, exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.app import Services
from desktop.core.paths import DataDir
from desktop.ui.main_window import MainWindow


@pytest.fixture
def ready(qtbot, tmp_path, tiny_model):
    services = Services.create(DataDir(tmp_path / "data"))
    services.settings.set_value("performance/threads", 2)
    services.settings.set_value("performance/context_length", 1024)
    services.settings.set_value("generation/max_tokens", 16)
    window = MainWindow(services.session, services.chat, services.history)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000,
                          check_params_cb=lambda m: m is not None):  # fmt: skip
        services.session.open(tiny_model)
    yield services, window
    assert services.shutdown(5000)


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
