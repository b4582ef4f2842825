"""Formulas enter a streaming document as plain inline images, with no frame each.

Qt's HTML import gives every ``<img>`` a QTextFrame; inserting or removing one makes the end of
the edit re-scan every fragment of the document, so re-rendering an open paragraph that holds a
formula cost more the longer the answer grew.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFrame, QTextTable
from test_chat_view import formula_images, image_formats

from desktop.core.render.markdown_render import render_markdown
from desktop.ui.answer_view import AnswerView
from desktop.ui.document_html import append_html, set_html
from desktop.ui.math_images import MathImageCache
from desktop.ui.thinking_view import ThinkingView

ANSWER = (
    "# Area $A$\n\nSo $x^2 + 1$ holds, see [the $k$-th](https://example.org) case.\n\n"
    "$$\\frac{a}{b} = 2$$\n\n| n | $n^2$ |\n|---|---|\n| 3 | $9$ |\n\n"
    "Private use \ue000 and \ue001 stay text beside $y$.\n"
)


def frames_other_than_tables(doc: QTextDocument) -> list[QTextFrame]:
    found, pending = [], list(doc.rootFrame().childFrames())
    while pending:
        frame = pending.pop()
        pending += frame.childFrames()
        if not isinstance(frame, QTextTable):
            found.append(frame)
    return found


def test_a_streamed_answer_has_no_frame_per_formula_and_matches_qt_import(qtbot) -> None:
    view = AnswerView(math_cache=MathImageCache())
    qtbot.addWidget(view)
    for end in range(0, len(ANSWER) + 1, 3):
        view.set_markdown(ANSWER[:end])
        assert frames_other_than_tables(view.document()) == []
    view.set_markdown(ANSWER, final=True)
    doc = view.document()
    assert frames_other_than_tables(doc) == []
    assert len(formula_images(doc)) == 7
    # Laid out exactly as Qt's own import of the same HTML (same formats, sizes, alignment).
    reference = QTextDocument()
    reference.setDefaultFont(view.font())
    reference.setHtml(render_markdown(ANSWER, view._render_style(), view._math_html))
    assert doc.toHtml() == reference.toHtml()
    assert len(frames_other_than_tables(reference)) == 7  # what this module avoids
    # The model's own private-use characters are text, not formulas.
    plain = view.plain_text()
    assert "\ue000 and \ue001" in plain and "$y$" in plain and "$x^2 + 1$" in plain


def test_a_streamed_thinking_has_no_frames(qtbot) -> None:
    view = ThinkingView()
    qtbot.addWidget(view)
    thinking = "".join(f"Step {i}: check $n = {i}$ first.\n\n" for i in range(40))
    for start in range(0, len(thinking), 7):
        view.append_text(thinking[start : start + 7])
    view.finish()
    assert len(formula_images(view.document())) == 40
    assert view.document().rootFrame().childFrames() == []


def test_formula_keeps_the_format_around_it(qtbot) -> None:
    view = AnswerView(math_cache=MathImageCache())
    qtbot.addWidget(view)
    html = render_markdown(
        "**bold $z$** and [link $w$](https://example.org)", view._render_style(), view._math_html
    )
    doc = QTextDocument()
    set_html(doc, "<p>start</p>")
    append_html(QTextCursor(doc), html)
    formats = image_formats(doc)
    assert [f.fontWeight() > 400 for f in formats] == [True, False]
    assert [f.anchorHref() for f in formats] == ["", "https://example.org"]


def test_an_update_that_shows_nothing_new_leaves_the_document_alone(qtbot) -> None:
    """A streamed table shows complete rows only: while a row is being written nothing may be
    re-inserted, as each table is a frame whose insertion makes Qt re-scan the document."""
    view = AnswerView(math_cache=MathImageCache())
    qtbot.addWidget(view)
    rows = "".join(f"| {n} | {n * n} |\n" for n in range(40))
    answer = f"```python\nprint(1)\n```\n\n| n | square |\n|---|---|\n{rows}| 40 | 16"
    view.set_markdown(answer)
    revision = view.document().revision()
    for more in ("0", "00", "00 |", "00 | with a note"):
        view.set_markdown(answer + more)
    assert view.document().revision() == revision
    view.set_markdown(answer + "00 |\n")  # the row is complete: now it is shown
    assert view.document().revision() > revision
    assert "1600" in view.toPlainText()
