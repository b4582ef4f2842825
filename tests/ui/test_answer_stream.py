"""Long streamed blocks in the real answer document: pieces line up as one block."""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCursor

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
