"""FormulaWatch names each formula as the piece that completes it arrives."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from desktop.core.render.formula_watch import WINDOW_CHARS, FormulaWatch
from desktop.core.render.markdown_html import make_parser, make_thinking_parser
from desktop.core.render.markdown_math import formulas

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "r1_outputs.jsonl"


def pieces_of(text: str, seed: int = 3) -> list[str]:
    rng, out, i = random.Random(seed), [], 0
    while i < len(text):
        step = rng.randint(1, 6)
        out.append(text[i : i + step])
        i += step
    return out


def test_a_formula_is_named_by_the_piece_that_closes_it():
    watch = FormulaWatch(make_parser())
    assert watch.feed("So \\(x") == []
    assert watch.feed(" = 2\\") == []
    assert watch.feed(") and $$y") == [("x = 2", False)]
    assert watch.feed("^2$$ holds.") == [("y^2", True)]
    assert watch.feed(" Again \\(x = 2\\).") == []  # named once


def test_formulas_in_finished_paragraphs_are_not_parsed_again():
    md = make_parser()
    parsed: list[str] = []
    original = md.parse

    def spy(text, env=None):
        parsed.append(text)
        return original(text, env)

    md.parse = spy  # type: ignore[method-assign]
    watch = FormulaWatch(md)
    for k in range(200):
        watch.feed(f"Case {k}: \\(n = {k}\\) holds.\n\n")
    assert max(len(text) for text in parsed) < 60


def test_a_long_paragraph_is_watched_through_a_window():
    watch = FormulaWatch(make_parser())
    watch.feed("x" * 3 * WINDOW_CHARS + "\n" + "y" * 100)
    assert watch.feed(" then $a+b$") == [("a+b", False)]
    assert len(watch._paragraph) <= WINDOW_CHARS + 20


@pytest.mark.parametrize("parser", [make_parser, make_thinking_parser])
def test_on_the_r1_samples_the_watch_names_what_the_renderer_shows(parser):
    """Streamed piece by piece, the watch names every formula the view will typeset."""
    if not SAMPLES.is_file():
        pytest.skip("the shared R1 samples are not on this machine")
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line]
    total = 0
    for row in rows:
        md = parser()
        watch = FormulaWatch(md)
        named = [f for piece in pieces_of(row["output"]) for f in watch.feed(piece)]
        shown = set(formulas(md, row["output"]))
        assert shown <= set(named), row.get("id")
        assert len(named) == len(set(named))
        total += len(shown)
    assert total >= 10
