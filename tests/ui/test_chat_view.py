"""Tests for the chat message list (desktop.ui.chat_view)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from desktop.core.engines.think import split_output
from desktop.core.render.markdown_render import COPY_SCHEME, render_markdown
from desktop.ui.answer_view import AnswerView
from desktop.ui.chat_view import AssistantMessageView, ChatView
from desktop.ui.links import LinkConfirmation, confirm_open_link
from desktop.ui.math_images import MathImageCache

REALISTIC_ANSWER = """列表推导式是一种**简洁**的写法。

- 基本语法：`[expr for x in items if cond]`
- Faster than an explicit `for` loop

```python
squares = [x * x for x in range(10)]
```

See [the docs](https://docs.python.org/3/).
"""


class FakeClock:
    """Controllable stand-in for time.monotonic."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def toggle(msg: AssistantMessageView) -> QToolButton:
    return msg.findChild(QToolButton, "thinkingToggle")


def body(msg: AssistantMessageView) -> QTextBrowser:
    return msg.findChild(QTextBrowser, "thinkingBody")


# Formulas in any delimiter style (in the view's plain text they come back as $..$ / $$..$$).
_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)


def squash(text: str) -> str:
    """Text with runs of whitespace as one space: paragraphs render as blocks, not "\n\n"."""
    return " ".join(text.split())


def body_text(msg: AssistantMessageView) -> str:
    return squash(body(msg).plain_text())


def label(msg: AssistantMessageView, name: str) -> QLabel:
    return msg.findChild(QLabel, name)


def answer_view(msg: AssistantMessageView) -> QTextBrowser:
    return msg.findChild(QTextBrowser, "answerView")


def shown(widget: QWidget, root: QWidget) -> bool:
    """Visible once ``root`` is shown (works without showing any window)."""
    return widget.isVisibleTo(root)


def make_message(qtbot, clock: FakeClock | None = None) -> AssistantMessageView:
    msg = AssistantMessageView(clock=clock or FakeClock())
    qtbot.addWidget(msg)
    return msg


def shown_view(qtbot, width: int = 500, height: int = 300) -> ChatView:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_user_message_is_shown_literally(qtbot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    text = "Is **x** <think>bold</think> `code`?\n# not a heading"
    view.add_user_message(text)

    assert view.message_count() == 1
    shown_text = view.findChild(QTextBrowser, "userText")
    assert shown_text.toPlainText() == text
    block = shown_text.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert it.fragment().charFormat().fontWeight() < 600  # nothing became bold
            it += 1
        assert block.blockFormat().headingLevel() == 0
        block = block.next()


def test_thinking_streams_then_collapses_when_the_answer_starts(qtbot) -> None:
    clock = FakeClock()
    msg = make_message(qtbot, clock)
    assert toggle(msg).text().startswith("Thinking…")

    msg.append_thinking("Let me think about ")
    msg.append_thinking("this carefully.")
    qtbot.wait(60)
    assert shown(body(msg), msg)
    assert body_text(msg) == "Let me think about this carefully."
    assert msg.thinking_expanded

    clock.now += 3.4
    msg.append_answer("The answer is 42.")
    assert not msg.thinking_expanded
    assert not shown(body(msg), msg)
    assert shown(toggle(msg), msg)
    assert toggle(msg).text() == "Thought for 3 s"

    clock.now += 10  # the thinking time is frozen once the answer started
    qtbot.wait(60)
    msg.finish()
    assert toggle(msg).text() == "Thought for 3 s"
    assert msg.answer_document().toPlainText() == "The answer is 42."
    assert msg.thinking_text() == "Let me think about this carefully."


def test_long_thinking_time_is_shown_in_minutes(qtbot) -> None:
    clock = FakeClock()
    msg = make_message(qtbot, clock)
    msg.append_thinking("Hmm.")
    clock.now += 75
    msg.append_answer("Done.")
    assert toggle(msg).text() == "Thought for 1 min 15 s"


def test_toggle_reopens_and_closes_the_thinking(qtbot) -> None:
    from PySide6.QtCore import Qt

    msg = make_message(qtbot)
    msg.append_thinking("Reasoning.")
    msg.append_answer("Answer.")
    msg.finish()
    assert not msg.thinking_expanded

    qtbot.mouseClick(toggle(msg), Qt.MouseButton.LeftButton)
    assert msg.thinking_expanded
    assert shown(body(msg), msg)
    assert body_text(msg) == "Reasoning."

    qtbot.mouseClick(toggle(msg), Qt.MouseButton.LeftButton)
    assert not msg.thinking_expanded
    assert not shown(body(msg), msg)

    msg.set_thinking_expanded(True)
    assert shown(body(msg), msg)


def test_finishing_without_an_answer_keeps_the_thinking_open_with_a_note(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_thinking("I keep thinking and never close the tag")
    msg.set_thinking_expanded(False)  # even if the user had closed it
    msg.finish()

    assert msg.thinking_expanded
    assert shown(body(msg), msg)
    assert toggle(msg).text().startswith("Thought for")
    note = label(msg, "thinkingNote")
    assert shown(note, msg)
    assert note.text() == "The model did not finish thinking; no answer was given."
    assert not shown(answer_view(msg), msg)


def test_without_thinking_the_section_is_hidden(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_thinking("\n\n")  # R1 sometimes emits an empty <think></think>
    msg.append_answer("Hello!")
    assert not shown(toggle(msg), msg)
    msg.finish()
    assert not shown(toggle(msg), msg)
    assert not shown(body(msg), msg)
    assert not shown(label(msg, "thinkingNote"), msg)
    assert shown(answer_view(msg), msg)


def test_error_is_shown_as_an_error_line_not_as_the_answer(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_thinking("Starting to reason")
    msg.finish(error="failed to allocate KV cache <oom>")

    error = label(msg, "errorLine")
    assert shown(error, msg)
    assert "failed to allocate KV cache <oom>" in error.text()
    assert msg.answer_text() == ""
    assert not shown(answer_view(msg), msg)
    assert not shown(label(msg, "thinkingNote"), msg)  # the error explains it already


def test_stopped_marker_and_status_line(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("Partial ans")
    msg.finish(stopped=True, status="1.2 s to first token · 14.3 tokens/s")

    footer = label(msg, "footerLine")
    assert shown(footer, msg)
    assert "Stopped" in footer.text()
    assert "14.3 tokens/s" in footer.text()
    assert not shown(label(msg, "errorLine"), msg)
    assert msg.answer_document().toPlainText() == "Partial ans"


def test_plain_finish_has_no_markers(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("Complete.")
    msg.finish()
    assert not shown(label(msg, "footerLine"), msg)
    assert not shown(label(msg, "errorLine"), msg)


def test_appends_are_buffered_and_rendered_by_the_timer(qtbot) -> None:
    msg = make_message(qtbot)
    for i in range(1000):  # no event loop in between
        msg.append_thinking(f"t{i} ")
        msg.append_answer(f"a{i} ")
    assert msg.render_count <= 1

    qtbot.wait(60)
    assert 1 <= msg.render_count <= 2
    expected_thinking = "".join(f"t{i} " for i in range(1000))
    assert body_text(msg) == squash(expected_thinking)
    assert msg.thinking_text() == expected_thinking
    assert msg.answer_document().toPlainText() == "".join(f"a{i} " for i in range(1000)).strip()

    settled = msg.render_count
    qtbot.wait(100)  # nothing new: no re-render
    assert msg.render_count == settled


def test_a_steady_stream_still_renders_regularly(qtbot) -> None:
    msg = make_message(qtbot)
    for i in range(30):  # ~300 ms of tokens every 10 ms must not postpone rendering forever
        msg.append_answer(f"w{i} ")
        qtbot.wait(10)
    assert msg.render_count >= 3


def test_finish_renders_immediately(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_thinking("Quick thought.")
    msg.append_answer("**Done**")
    assert msg.render_count == 0
    msg.finish()
    assert msg.render_count == 1
    assert msg.answer_document().toPlainText() == "Done"
    assert body_text(msg) == "Quick thought."

    msg.append_answer("ignored after finish")
    qtbot.wait(60)
    assert msg.render_count == 1
    assert msg.answer_text() == "**Done**"


def test_answer_markdown_is_rendered(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("Some **bold** text, `code` and <think> kept literally.")
    msg.finish()

    doc: QTextDocument = msg.answer_document()
    assert doc.toPlainText() == "Some bold text, code and <think> kept literally."
    weights = {}
    block = doc.begin()
    it = block.begin()
    while not it.atEnd():
        weights[it.fragment().text()] = it.fragment().charFormat().fontWeight()
        it += 1
    assert weights["bold"] >= 600
    assert "<b>" in doc.toHtml() or "font-weight" in doc.toHtml()


def test_code_blocks_keep_their_text(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("Before\n\n```python\nx = 1\ny = 2\n```\n\nAfter")
    msg.finish()
    lines = [line for line in msg.answer_document().toPlainText().split("\n") if line]
    # The code box's header (language, copy link) sits between the text and the code.
    assert lines == ["Before", "python", "Copy", "x = 1", "y = 2", "After"]


def test_links_are_not_opened_but_reported(qtbot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    msg = view.begin_assistant_message()
    msg.append_answer("See [docs](https://example.org/).")
    msg.finish()
    browser = answer_view(msg)
    assert not browser.openExternalLinks()
    assert not browser.openLinks()
    with qtbot.waitSignal(view.link_activated, timeout=1000) as blocker:
        browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert blocker.args == [QUrl("https://example.org/")]
    assert msg.answer_document().toPlainText() == "See docs."


def test_view_follows_the_bottom_only_while_the_user_is_there(qtbot) -> None:
    view = shown_view(qtbot)
    bar = view.verticalScrollBar()
    view.add_user_message("Tell me a long story.")
    msg = view.begin_assistant_message()
    for i in range(40):
        msg.append_answer(f"Paragraph {i} of a long story.\n\n")
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert view.is_pinned_to_bottom()

    # Growth keeps it pinned.
    old_max = bar.maximum()
    for i in range(10):
        msg.append_answer(f"More {i}.\n\n")
    qtbot.waitUntil(lambda: bar.maximum() > old_max)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())

    # The user scrolls up: growth must not yank them down.
    bar.setValue(0)
    assert not view.is_pinned_to_bottom()
    old_max = bar.maximum()
    for i in range(10):
        msg.append_answer(f"Even more {i}.\n\n")
    qtbot.waitUntil(lambda: bar.maximum() > old_max)
    qtbot.wait(60)
    assert bar.value() == 0

    # Back near the bottom (within the threshold) follows again.
    bar.setValue(bar.maximum() - 20)
    assert view.is_pinned_to_bottom()
    old_max = bar.maximum()
    msg.append_answer("The end.\n\n")
    msg.finish(status="done")
    qtbot.waitUntil(lambda: bar.maximum() > old_max)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())


def test_messages_fit_the_width_and_rewrap_on_resize(qtbot) -> None:
    view = shown_view(qtbot, 500, 300)
    view.add_user_message("word " * 200)
    msg = view.begin_assistant_message()
    msg.append_answer("lorem ipsum " * 150 + "\n\n" + "x" * 400)  # and one unbreakable word
    msg.finish()
    browser = answer_view(msg)
    bubble_text = view.findChild(QTextBrowser, "userText")
    qtbot.wait(50)

    viewport_width = view.viewport().width()
    for widget in (browser, bubble_text):
        right = widget.mapTo(view.viewport(), widget.rect().topRight()).x()
        assert right <= viewport_width
    assert bubble_text.width() <= 0.75 * viewport_width
    narrow_height = browser.height()

    view.resize(900, 300)
    qtbot.waitUntil(lambda: browser.height() < narrow_height)
    assert view.horizontalScrollBar().maximum() == 0 or not view.horizontalScrollBar().isVisible()


def test_begin_finishes_a_still_streaming_message_and_clear_empties(qtbot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.add_user_message("Hi")
    first = view.begin_assistant_message()
    first.append_answer("Hel")
    assert view.streaming_message() is first

    second = view.begin_assistant_message()
    assert first.is_finished()
    assert "Stopped" in label(first, "footerLine").text()
    assert view.streaming_message() is second
    assert view.message_count() == 3

    view.clear()
    assert view.message_count() == 0
    assert view.streaming_message() is None
    view.add_user_message("Again")
    assert view.message_count() == 1


def test_colours_follow_a_palette_change(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_thinking("thought")
    msg.finish()
    note = label(msg, "thinkingNote")
    before = note.palette().color(QPalette.ColorRole.WindowText)
    before_toggle = toggle(msg).styleSheet()

    dark = QPalette(QColor(40, 40, 40))  # derives a full dark palette from the window colour
    dark.setColor(QPalette.ColorRole.Base, QColor(25, 25, 25))
    dark.setColor(QPalette.ColorRole.Text, QColor(235, 235, 235))
    msg.setPalette(dark)

    after = note.palette().color(QPalette.ColorRole.WindowText)
    assert after != before
    assert after.lightness() > QColor(25, 25, 25).lightness() + 80  # still readable on dark
    assert toggle(msg).styleSheet() != before_toggle


def test_screenshot_of_a_realistic_conversation(qtbot) -> None:
    view = shown_view(qtbot, 800, 600)
    view.add_user_message("请解释一下 Python 里的列表推导式？")
    msg = view.begin_assistant_message()
    msg.append_thinking("The user asks about list comprehensions. Explain syntax and pitfalls.")
    msg.append_answer(REALISTIC_ANSWER)
    msg.finish(status="1.2 s to first token · 14.3 tokens/s")
    qtbot.wait(50)

    pixmap = view.grab()
    assert not pixmap.isNull()
    assert pixmap.width() >= 800 * 0.9
    assert pixmap.height() >= 600 * 0.9
    image = pixmap.toImage()
    # Something was drawn: not a single flat colour.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 200, 7)}
    assert len(colours) > 2


# -- rich rendering: math, code, streaming work ---------------------------------------------

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "r1_outputs.jsonl"


def load_samples() -> list[dict[str, str]]:
    if not SAMPLES.exists():
        pytest.skip("shared samples not present")
    return [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]


def image_formats(doc: QTextDocument) -> list[QTextCharFormat]:
    """The character formats of the images (formulas) in the document, in order."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append(fmt)
            it += 1
        block = block.next()
    return found


def formula_images(doc: QTextDocument) -> list[str]:
    """Names of the images (formulas) in the document, in order."""
    return [fmt.toImageFormat().name() for fmt in image_formats(doc)]


def copy_links(doc: QTextDocument) -> list[tuple[str, int]]:
    """(href, position) of every code block's copy link."""
    links = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(COPY_SCHEME):
                links.append((href, fragment.position()))
            it += 1
        block = block.next()
    return links


def dark_palette() -> QPalette:
    palette = QPalette(QColor(40, 40, 40))
    palette.setColor(QPalette.ColorRole.Base, QColor(25, 25, 25))
    palette.setColor(QPalette.ColorRole.Text, QColor(235, 235, 235))
    return palette


def test_math_is_typeset_and_copied_as_latex(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("Since $100 \\bmod 7 = 2$, it is **Friday**.\n\n$$\\boxed{\\text{Friday}}$$")
    msg.finish()
    doc = msg.answer_document()
    names = formula_images(doc)
    assert len(names) == 2
    view = answer_view(msg)
    assert all(view.math_cache.lookup(name) is not None for name in names)
    assert msg.answer_plain_text() == (
        "Since $100 \\bmod 7 = 2$, it is Friday.\n$$\\boxed{\\text{Friday}}$$"
    )
    view.selectAll()
    assert view.createMimeDataFromSelection().text() == msg.answer_plain_text()


def test_formulas_follow_the_dark_palette(qtbot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.setPalette(dark_palette())
    msg = view.begin_assistant_message()
    msg.append_answer("Area: $\\boxed{\\pi r^2}$")
    msg.finish()
    (name,) = formula_images(msg.answer_document())
    image = answer_view(msg).math_cache.lookup(name).image
    inked = [
        colour
        for x in range(image.width())
        for y in range(image.height())
        if (colour := image.pixelColor(x, y)).alpha() > 200
    ]
    assert inked and all(colour.lightness() > 180 for colour in inked)  # light on dark

    msg.setPalette(QPalette(QColor(240, 240, 240)))  # back to light: rendered again, dark ink
    (name,) = formula_images(msg.answer_document())
    image = answer_view(msg).math_cache.lookup(name).image
    colour = next(
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    )
    assert colour.lightness() < 100


def test_the_same_formula_is_typeset_once_across_updates(qtbot) -> None:
    cache = MathImageCache()
    view = AnswerView(math_cache=cache)
    qtbot.addWidget(view)
    text = "Let $x^2 + y^2 = r^2$ hold"
    for end in range(len(text) + 1):
        view.set_markdown(text[:end])
    view.set_markdown(text + ".\n\nAgain $x^2 + y^2 = r^2$.", final=True)
    assert cache.renders == 1
    assert len(formula_images(view.document())) == 2


def test_copy_link_puts_the_code_on_the_clipboard(qtbot) -> None:
    view = shown_view(qtbot, 700, 400)
    msg = view.begin_assistant_message()
    code = "def is_palindrome(text: str) -> bool:\n    return text == text[::-1]"
    msg.append_answer(f"Here:\n\n```python\n{code}\n```\n\nand `other` text.")
    msg.finish()
    browser = answer_view(msg)
    qtbot.waitUntil(lambda: browser.height() > 50)
    QGuiApplication.clipboard().clear()

    ((href, position),) = copy_links(msg.answer_document())
    cursor = QTextCursor(msg.answer_document())
    cursor.setPosition(position + 1)
    spot = browser.cursorRect(cursor).center() - QPoint(3, 0)
    with (
        qtbot.assertNotEmitted(view.link_activated),
        qtbot.waitSignal(browser.code_copied, timeout=1000),
    ):
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert QGuiApplication.clipboard().text() == code
    assert browser.code_source(href.split(":", 1)[1]) == code


def test_every_sample_renders_in_a_message(qtbot) -> None:
    for sample in load_samples():
        thinking, answer = split_output(sample["output"])
        msg = make_message(qtbot)
        msg.append_thinking(thinking)
        view = answer_view(msg)
        for end in range(0, len(answer), 9):  # streamed, as the timer would render it
            view.set_markdown(answer[:end])
        msg.append_answer(answer)
        msg.finish()
        assert "\ufffc" not in body(msg).plain_text()  # every image is a known formula
        assert squash(_MATH.sub(" ", body(msg).plain_text())) == squash(_MATH.sub(" ", thinking))
        plain = msg.answer_plain_text()
        assert "\ufffc" not in plain  # every image is a known formula
        assert ("$" in plain) == ("$" in answer or "\\(" in answer or "\\[" in answer)
        if "```" in answer:
            assert len(copy_links(msg.answer_document())) == answer.count("```") // 2
        if sample["id"] == "chickens-rabbits-zh":
            assert "鸡" in plain and len(formula_images(msg.answer_document())) == 7


def test_streaming_edits_the_document_in_place(qtbot) -> None:
    answer = (
        "## Plan\n\nFirst $a$.\n\n- one\n- two\n\n---\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
        "```python\nprint(1)\n```\n> quoted\n\n\\[\nx = 1\n\\]\nDone."
    )
    view = AnswerView()
    qtbot.addWidget(view)
    for end in range(len(answer) + 1):
        view.set_markdown(answer[:end])
    view.set_markdown(answer, final=True)
    # The document edited block by block equals one built from the complete HTML at once.
    reference = QTextDocument()
    reference.setDefaultFont(view.font())
    reference.setHtml(render_markdown(answer, view._render_style(), view._math_html))
    assert view.document().toHtml() == reference.toHtml()


def test_rendering_work_per_update_stays_flat(qtbot) -> None:
    answer = "".join(f"Paragraph {i} with $x_{{{i % 3}}}$ and more words.\n\n" for i in range(120))
    view = AnswerView(math_cache=MathImageCache())
    qtbot.addWidget(view)
    per_update = []
    for end in range(0, len(answer) + 5, 5):
        before = view.blocks_rendered
        view.set_markdown(answer[:end])
        per_update.append(view.blocks_rendered - before)
    assert max(per_update) <= 2
    assert sum(per_update[-100:]) <= sum(per_update[:100]) + 5
    assert view.document().blockCount() >= 120


def test_a_message_counts_its_rendered_blocks(qtbot) -> None:
    msg = make_message(qtbot)
    msg.append_answer("One.\n\nTwo.")
    msg.finish()
    assert msg.blocks_rendered >= 2


def test_links_ask_before_opening(qtbot, monkeypatch) -> None:
    shown_text: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown_text.append(f"{box.text()}\n{box.informativeText()}")
        return answer

    monkeypatch.setattr(LinkConfirmation, "exec", fake_exec)
    answer = QMessageBox.StandardButton.Cancel
    assert not confirm_open_link(None, QUrl("https://example.org/a<b>"))
    answer = QMessageBox.StandardButton.Open
    assert confirm_open_link(None, QUrl("https://example.org/"))
    assert "Open this web page in your browser?" in shown_text[0]
    assert "https://example.org/a%3Cb%3E" in shown_text[0]
    assert "works offline" in shown_text[0]
    box = LinkConfirmation(QUrl("https://example.org/"))
    qtbot.addWidget(box)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
