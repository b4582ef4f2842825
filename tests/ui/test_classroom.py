"""Classroom mode: steps revealed one at a time, answer hidden until revealed, live updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from desktop.ui.classroom import ClassroomView, reasoning_steps

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "r1_outputs.jsonl"
OUTPUT = (
    "First, 35 heads.\n\nThen \\(2x + 4y = 94\\).\n\nSo y = 12.\n</think>\n\n**23** and **12**."
)


@pytest.fixture
def view(qtbot):
    view = ClassroomView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.show_exchange("35 heads, 94 feet?", OUTPUT, complete=True)
    return view


def test_steps_and_answer_are_revealed_in_order(view, qtbot):
    assert view.step_count == 3 and view.revealed == 0 and not view.answer_visible
    assert view.answer_view.isHidden()
    for expected in (1, 2, 3):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert view.revealed == expected and not view.answer_visible
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.answer_visible and "23" in view.answer_view.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.answer_visible and view.revealed == 3
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert view.revealed == 2
    assert "Step 2 of 3" in view.progress_label.text()


def test_answer_key_reveals_without_the_steps(view, qtbot):
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert view.answer_visible and view.revealed == 0


def test_click_on_the_text_advances(view, qtbot):
    qtbot.keyClick(view, Qt.Key.Key_Space)
    step = view._step_views[0]
    qtbot.mouseClick(view.scroll.viewport(), Qt.MouseButton.LeftButton,
                     pos=step.geometry().center())  # fmt: skip
    assert view.revealed == 2


def test_streaming_output_adds_steps_as_paragraphs_complete(view):
    view.show_exchange("q", "First step.\n\nSecond st", complete=False)
    assert view.step_count == 1  # the unfinished paragraph is held back
    assert "still thinking" in view.progress_label.text()
    view.update_output("First step.\n\nSecond step.\n\nThird", complete=False)
    assert view.step_count == 2
    view.update_output("First step.\n\nSecond step.\n\nThird.\n</think>\n\nDone", complete=True)
    assert view.step_count == 3


def test_escape_asks_to_leave(view, qtbot):
    with qtbot.waitSignal(view.close_requested):
        qtbot.keyClick(view, Qt.Key.Key_Escape)


def test_high_contrast(view):
    palette = view.palette()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    background = palette.color(QPalette.ColorRole.Window).lightness()
    assert abs(text - background) == 255


def test_steps_split_on_blank_lines():
    assert reasoning_steps("a\n\n  \n\nb\n\nc", complete=True) == ["a", "b", "c"]
    assert reasoning_steps("a\n\nb", complete=False) == ["a"]


def test_every_sample_presents(qtbot):
    if not SAMPLES.is_file():
        pytest.skip("shared samples not present")
    view = ClassroomView()
    qtbot.addWidget(view)
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        sample = json.loads(line)
        view.show_exchange(sample["question"], sample["output"], complete=True)
        for _ in range(view.step_count + 1):
            view.reveal_next()
        assert view.revealed == view.step_count


def test_formulas_are_typeset_ahead_of_the_reveal(qtbot):
    """Twice-size formulas take milliseconds each: the next steps' and the hidden answer's are
    typeset in the background, so revealing them typesets nothing on the GUI thread."""
    from desktop.ui.math_images import shared_math_cache

    cache = shared_math_cache()
    nonce = id(qtbot)  # formulas no other test has put in the shared cache
    steps = [f"Step {k}: \\(\\frac{{{nonce}}}{{{k + 1}}} = x_{{{k}}}\\)." for k in range(7)]
    answer = f"So $$\\sum_{{k=1}}^{{7}} x_k = {nonce}$$\n\nand \\(y = {nonce + 1}\\)."
    view = ClassroomView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.show_exchange("?", "\n\n".join(steps) + "\n</think>\n\n" + answer, complete=True)
    for _ in steps:
        qtbot.waitUntil(lambda: cache.typesetting_ahead == 0, timeout=10_000)
        renders, served = cache.renders, cache.served_ahead
        view.reveal_next()
        assert (cache.renders - renders, cache.served_ahead - served) == (1, 1)
    qtbot.waitUntil(lambda: cache.typesetting_ahead == 0, timeout=10_000)
    renders, served = cache.renders, cache.served_ahead
    view.toggle_answer()
    assert view.answer_visible
    assert (cache.renders - renders, cache.served_ahead - served) == (2, 2)
