"""The thinking reads like the conversation: typeset math, grows with its text (14.3, 14.4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from desktop.ui.chat_view import ChatView
from desktop.ui.thinking_view import ThinkingView

THOUGHT = "Let \\(x\\) be the chickens. Then\n\\[ 2x + 4y = 94 \\]\nso *y* = 12 and 1. stays."


def test_math_in_the_thinking_is_typeset_and_the_rest_stays_as_written(qtbot):
    view = ThinkingView()
    qtbot.addWidget(view)
    view.append_text(THOUGHT)
    view.finish()
    plain = view.plain_text()
    assert "\\(" not in plain and "\\[" not in plain  # no raw LaTeX delimiters
    assert "$x$" in plain and "$$2x + 4y = 94$$" in plain  # formulas, as their source
    assert "*y*" in plain and "1. stays" in plain  # not Markdown: the model's text as is
    assert len(view.math_cache) >= 2


def test_the_thinking_grows_with_its_text_and_has_no_scrollbar_of_its_own(qtbot):
    chat = ChatView()
    qtbot.addWidget(chat)
    chat.resize(600, 400)
    chat.show()
    message = chat.begin_assistant_message()
    body = message.findChild(QTextBrowser, "thinkingBody")
    message.append_thinking("First thought.")
    qtbot.waitUntil(lambda: "First" in body.toPlainText())
    short = body.height()
    message.append_thinking("".join(f"\n\nThought {k}: still going." for k in range(60)))
    qtbot.waitUntil(lambda: "Thought 59" in body.toPlainText())
    assert body.height() > 10 * short  # as tall as its text (no 10-line box)
    assert body.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    # The chat view follows the stream: its bottom (the latest thought) is in view.
    bar = chat.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and bar.maximum() > 0)


def test_streaming_a_long_thinking_renders_only_its_last_paragraph(qtbot):
    view = ThinkingView()
    qtbot.addWidget(view)
    per_update = []
    for k in range(400):  # ~16,000 tokens of thinking, one paragraph at a time
        before = view.blocks_rendered
        view.append_text(f"Paragraph {k}: we check \\({k} + 1 = {k + 1}\\) and go on.\n\n")
        per_update.append(view.blocks_rendered - before)
    assert max(per_update) <= 2  # flat: the open paragraph, and the one it just closed
