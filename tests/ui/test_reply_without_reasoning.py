"""A reply without reasoning (a chat model's, whose reply is all answer) offers nothing about
reasoning: no "Copy with reasoning", no thinking header or "Thought for", no reasoning in an
export and no question about it. Replies with reasoning keep all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolButton

from desktop.app import Services
from desktop.core.system.paths import DataDir
from desktop.ui.chat_view import ChatView
from desktop.ui.main_window import MainWindow
from desktop.ui.message_actions import MessageActions


def actions_of(view: ChatView, index: int) -> MessageActions:
    """The action row under message ``index`` (it shares the message's row widget)."""
    return view.message(index).parentWidget().findChild(MessageActions)


def offered(view: ChatView, index: int) -> list[str]:
    """The actions a person sees under message ``index``."""
    QApplication.processEvents()  # a row just added is shown on the next turn of the loop
    actions = actions_of(view, index)
    return [name for name, button in actions.buttons.items() if button.isVisible()]


@pytest.mark.parametrize(
    ("thinking", "answer", "stopped", "expected"),
    [
        ("", "Hello! How can I help?", False, ["copy", "regenerate", "delete"]),
        ("", "", False, ["regenerate", "delete"]),  # an empty reply: nothing to copy
        ("First add.", "4", False, ["copy", "copy_reasoning", "regenerate", "delete"]),
        # No answer: "Copy" would only empty the clipboard; the reasoning can be copied.
        ("Cut off while thin", "", True, ["copy_reasoning", "regenerate", "delete"]),
    ],
)
def test_copy_with_reasoning_is_offered_only_with_reasoning(
    qtbot, thinking, answer, stopped, expected
):
    view = ChatView()
    qtbot.addWidget(view)
    view.show()
    message = view.begin_assistant_message()
    message.append_thinking(thinking)
    message.append_answer(answer)
    assert offered(view, 0) == []  # nothing offered while it streams
    message.finish(stopped=stopped)
    assert offered(view, 0) == expected
    assert message.has_thinking() == bool(thinking)


@pytest.fixture
def window(qtbot, tmp_path, gemma_model):
    """The real window with a chat model open; the conversations shown are saved ones."""
    services = Services.create(DataDir(tmp_path / "data"))
    services.settings.set_values({"performance/threads": 2, "performance/context_length": 1024})
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(gemma_model)
    yield services, window
    assert services.shutdown(5000)


def save(services, *turns: tuple[str, str, float | None]) -> int:
    """A saved conversation of (role, raw content, thinking seconds) turns, as the chat
    stores them: a chat model's reply behind an empty thinking (``</think>reply``)."""
    store = services.history.store
    cid = store.create_conversation("Greeting")
    for role, content, seconds in turns:
        message_id = store.add_message(cid, role, content)
        if seconds is not None:
            store.update_message(message_id, thinking_seconds=seconds)
    return cid


def visible_texts(widget) -> str:
    QApplication.processEvents()
    return " ".join(b.text() for b in widget.findChildren(QToolButton) if b.isVisible())


def test_a_saved_chat_model_reply_shows_nothing_about_reasoning(window, qtbot, tmp_path):
    services, main = window
    cid = save(
        services,
        ("user", "Hi", None),
        ("assistant", "</think>Hello there!", 1.0),  # a chat model's, timed to its first word
        ("user", "2+2?", None),
        ("assistant", "Two and two make four.\n</think>\n\n4", 5.0),  # an R1 distill's
    )
    main.history_panel.load_conversation(cid)
    view = main.chat_view
    plain, reasoned = view.message(1), view.message(3)
    assert plain.answer_text() == "Hello there!"
    assert "Thought for" not in visible_texts(plain)
    assert "Thought for 5 s" in visible_texts(reasoned)
    assert not plain.findChild(QToolButton, "thinkingToggle").isVisible()
    assert "copy_reasoning" not in offered(view, 1) and "copy" in offered(view, 1)
    assert "copy_reasoning" in offered(view, 3)
    actions_of(view, 1).buttons["copy"].click()
    assert QGuiApplication.clipboard().text() == "Hello there!"
    actions_of(view, 3).buttons["copy_reasoning"].click()
    assert QGuiApplication.clipboard().text() == (
        "Reasoning:\nTwo and two make four.\n\nAnswer:\n4"
    )

    # Exported with reasoning: the chat model's reply has none, the R1 reply keeps its own.
    panel = main.history_panel
    written = panel.write_export(cid, tmp_path / "both.md", "", reasoning=True)
    text = written.read_text(encoding="utf-8")
    assert text.count("Reasoning") == 1 and "thought for 5 s" in text
    assert "Hello there!" in text and "thought for 1 s" not in text


def test_exporting_a_chat_without_reasoning_asks_nothing_about_it(
    window, qtbot, tmp_path, monkeypatch
):
    services, main = window
    plain = save(services, ("user", "Hi", None), ("assistant", "</think>Hello there!", 1.0),
                 ("user", "Anything?", None), ("assistant", "</think>", 0.5))  # fmt: skip
    reasoned = save(services, ("user", "2+2?", None), ("assistant", "Add.</think>4", 3.0))
    panel = main.history_panel
    assert not panel.has_reasoning(plain) and panel.has_reasoning(reasoned)

    asked: list[str] = []
    written: list[Path] = []

    def choose_file(*_args, **_kwargs):
        return str(tmp_path / f"export{len(written)}.html"), "Web page (*.html)"

    def answer_yes(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_file)
    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    monkeypatch.setattr("desktop.ui.history_panel.show_exported", lambda _w, p: written.append(p))
    panel.export_conversation(plain)
    assert asked == [] and len(written) == 1
    page = written[0].read_text(encoding="utf-8")
    assert "Hello there!" in page and "reasoning" not in page.split("</style>")[1].lower()
    assert "did not finish thinking" not in page and "empty response" in page
    panel.export_conversation(reasoned)
    assert len(asked) == 1 and "reasoning" in asked[0]
    assert 'class="reasoning"' in written[1].read_text(encoding="utf-8")
