"""The real answer document: long streamed blocks line up as one block, display math in a
paragraph gets a line of its own."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument

from desktop.ui.answer_view import AnswerView

FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value


def gaps_between_tables(view: AnswerView) -> list[QTextBlockFormat]:
    """Formats of the empty top-level lines that sit between two tables."""
    found = []
    block = view.document().begin()
    while block.isValid():
        outside = QTextCursor(block).currentTable() is None
        before, after = block.previous(), block.next()
        between = (
            before.isValid()
            and after.isValid()
            and bool(QTextCursor(before).currentTable() and QTextCursor(after).currentTable())
        )
        if outside and not block.text() and between:
            found.append(block.blockFormat())
        block = block.next()
    return found


def test_a_streamed_long_table_has_no_gaps_between_its_row_groups(qtbot):
    view = AnswerView()
    qtbot.addWidget(view)
    answer = "| a | b |\n|---|---|\n" + "".join(f"| {n} | {n * n} |\n" for n in range(80))
    for end in range(0, len(answer), 6):
        view.set_markdown(answer[:end])
    view.set_markdown(answer, final=True)
    gaps = gaps_between_tables(view)
    assert len(gaps) >= 4
    assert all(g.lineHeightType() == FIXED and g.lineHeight() == 0 for g in gaps)
    text = view.plain_text()
    assert all(f"\n{n}\n{n * n}\n" in f"\n{text}\n" for n in range(80))


def test_two_tables_of_the_answer_keep_their_gap(qtbot):
    view = AnswerView()
    qtbot.addWidget(view)
    answer = "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n"
    for end in range(0, len(answer) + 1):
        view.set_markdown(answer[:end])
    view.set_markdown(answer, final=True)
    assert all(g.lineHeightType() != FIXED for g in gaps_between_tables(view))


def test_a_streamed_long_code_block_keeps_every_line_once(qtbot):
    view = AnswerView()
    qtbot.addWidget(view)
    code = "\n".join(f"x{n} = {n}" for n in range(300))
    answer = f"```python\n{code}\n```\nDone.\n"
    for end in range(0, len(answer), 7):
        view.set_markdown(answer[:end])
    view.set_markdown(answer, final=True)
    text = view.plain_text()
    assert all(text.count(f"x{n} = {n}\n") == 1 for n in range(300))
    assert text.rstrip().endswith("Done.")
    assert view.code_source("0.0") == code


def formula_positions(doc: QTextDocument) -> list[int]:
    """Document positions of the formula images, in order."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                found.append(it.fragment().position())
            it += 1
        block = block.next()
    return found


def line_rect(doc: QTextDocument, position: int) -> QRectF:
    """Where the laid-out line holding ``position`` is, in document coordinates."""
    block = doc.findBlock(position)
    box = doc.documentLayout().blockBoundingRect(block)  # lays the block out
    line = block.layout().lineForTextPosition(position - block.position())
    return line.rect().translated(box.topLeft())


def test_display_math_in_a_paragraph_is_a_centred_line_of_its_own(qtbot):
    view = AnswerView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    answer = (
        "Solve $$\\begin{cases} x+y=35 \\\\ 2x+4y=94 \\end{cases}$$\nThen subtract, "
        "and $y = 12$ stays in its line."
    )
    for end in range(0, len(answer), 5):
        view.set_markdown(answer[:end])
    view.set_markdown(answer, final=True)
    doc = view.document()
    system, inline = formula_positions(doc)
    then = doc.find("Then").selectionStart()
    formula = line_rect(doc, system)
    # Before and after the formula: lines above and below it, not beside its bottom.
    assert line_rect(doc, 0).bottom() <= formula.top()
    assert line_rect(doc, then).top() >= formula.bottom()
    assert doc.findBlock(system).blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    # Inline math stays inline: in the same line as the words around it.
    assert line_rect(doc, inline) == line_rect(doc, doc.find("stays").selectionStart())
    assert view.plain_text() == (
        "Solve\n$$\\begin{cases} x+y=35 \\\\ 2x+4y=94 \\end{cases}$$\n"
        "Then subtract, and $y = 12$ stays in its line."
    )


def test_streamed_formulas_are_typeset_in_the_background_before_the_render(qtbot):
    """Each formula is handed to the background typesetter by the token that completes it, so
    the message's next render only draws it: nothing is typeset on the GUI thread."""
    from desktop.ui.assistant_message import AssistantMessageView
    from desktop.ui.math_images import shared_math_cache

    cache = shared_math_cache()
    nonce = id(qtbot)  # formulas no other test has put in the shared cache
    thinking = "".join(f"Try \\(k = {nonce + k}\\).\n\n" for k in range(3))
    answer = "".join(
        f"Case {k}: \\(n = {nonce + k}\\) gives\n\n$$ n^2 + {k} = {nonce} $$\n\n" for k in range(4)
    )
    message = AssistantMessageView()
    qtbot.addWidget(message)
    message.resize(900, 700)
    message.show()
    renders, served = cache.renders, cache.served_ahead
    for append, text in ((message.append_thinking, thinking), (message.append_answer, answer)):
        for i in range(0, len(text), 5):
            append(text[i : i + 5])
            qtbot.waitUntil(lambda: cache.typesetting_ahead == 0, timeout=10_000)
    message.finish()
    typeset = cache.renders - renders
    assert typeset == 3 + 2 * 4
    assert cache.served_ahead - served == typeset  # none of them on the GUI thread
    assert f"n = {nonce + 3}" in message.answer_plain_text()


def _typesetter_held_until(release: threading.Event) -> None:
    """Keep the background typesetter busy (it needs this lock) until ``release`` is set."""
    from desktop.ui import math_images

    math_images._background()  # started (it takes the lock once to load the math font)
    held = threading.Event()

    def hold() -> None:
        with math_images._ZIAMATH_LOCK:
            held.set()
            release.wait(10)

    threading.Thread(target=hold, daemon=True).start()
    held.wait(10)


def test_a_message_lets_a_tick_pass_while_a_formula_it_shows_is_typeset(qtbot):
    """Rendering while the formula is still being typeset would wait for it on the GUI thread;
    the message renders once it is ready instead, and still typesets nothing itself."""
    from desktop.ui.assistant_message import RENDER_INTERVAL_MS, AssistantMessageView
    from desktop.ui.math_images import shared_math_cache

    cache = shared_math_cache()
    message = AssistantMessageView()
    qtbot.addWidget(message)
    message.show()
    release = threading.Event()
    _typesetter_held_until(release)
    served = cache.served_ahead
    message.append_answer(f"So $x^{{{id(qtbot)}}}$ holds.")
    qtbot.wait(int(2.5 * RENDER_INTERVAL_MS))
    assert message.render_count == 0 and message.findChild(AnswerView, "answerView").typesetting
    release.set()
    qtbot.waitUntil(lambda: message.render_count == 1, timeout=5_000)
    assert cache.served_ahead - served == 1
    assert "holds" in message.answer_plain_text()


def test_a_message_lets_only_a_few_ticks_pass_for_a_slow_formula(qtbot):
    from desktop.ui.assistant_message import RENDER_INTERVAL_MS, AssistantMessageView
    from desktop.ui.render_turns import HOLD_TICKS

    message = AssistantMessageView()
    qtbot.addWidget(message)
    message.show()
    release = threading.Event()
    _typesetter_held_until(release)
    started: list[float] = []
    original = message._render
    message._render = lambda: (started.append(time.monotonic()), original())  # type: ignore
    appended = time.monotonic()
    message.append_answer(f"Slow $y^{{{id(qtbot)}}}$ here.")
    # Long after the hold is over; from a thread, as the render then waits on the GUI thread.
    threading.Timer(20 * RENDER_INTERVAL_MS / 1000, release.set).start()
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    released_at = appended + 20 * RENDER_INTERVAL_MS / 1000
    assert started[0] < released_at - 5 * RENDER_INTERVAL_MS / 1000
    assert started[0] - appended >= HOLD_TICKS * RENDER_INTERVAL_MS / 1000
    qtbot.waitUntil(lambda: message.render_count == 1, timeout=5_000)
