"""The question box grows with its text up to a limit, and its hint is never cut off
(issue 14, item 7)."""

from __future__ import annotations

import pytest

from desktop.ui.composer import Composer


@pytest.fixture
def composer(qtbot):
    composer = Composer()
    qtbot.addWidget(composer)
    composer.resize(900, 80)
    composer.show()
    return composer


def lines_shown(edit) -> float:
    return (edit.height() - 2 * edit.frameWidth()) / edit.fontMetrics().lineSpacing()


def test_grows_with_the_text_then_scrolls(composer, qtbot):
    edit = composer.edit
    edit.setPlainText("one line")
    one = edit.height()
    assert not edit.verticalScrollBar().isVisible()
    assert edit.verticalScrollBar().maximum() == 0  # the line fits: nothing to scroll
    edit.setPlainText("a\nb\nc")
    assert edit.height() > one and lines_shown(edit) >= 3
    assert edit.verticalScrollBar().maximum() == 0 and not edit.verticalScrollBar().isVisible()
    edit.setPlainText("\n".join(str(n) for n in range(30)))
    qtbot.waitUntil(lambda: edit.verticalScrollBar().isVisible())
    assert edit.max_lines <= lines_shown(edit) < edit.max_lines + 1
    edit.clear()
    assert edit.height() == one


def test_the_hint_wraps_instead_of_being_cut_off(composer, qtbot):
    edit = composer.edit
    wide = edit.height()
    composer.resize(320, 80)
    qtbot.waitUntil(lambda: edit.height() > wide)
    hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    needed = -(-hint // edit.viewport().width())  # lines the hint takes, rounded up
    assert lines_shown(edit) >= needed >= 2
