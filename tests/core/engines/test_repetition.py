"""Loop detection in streamed thinking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.engines.repetition import RepetitionDetector

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "r1_outputs.jsonl"


def stream(detector: RepetitionDetector, text: str, size: int = 3) -> int | None:
    """Feed ``text`` in small pieces; return the offset at which the loop was noticed."""
    for i in range(0, len(text), size):
        if detector.feed(text[i : i + size]):
            return i + size
    return None


def test_detects_a_repeated_sentence_soon_after_the_third_copy():
    sentence = "Wait, let me check again. 17 times 20 is 340, so 391. "
    text = "First some honest reasoning about the problem. " + sentence * 6
    at = stream(RepetitionDetector(), text)
    assert at is not None and at <= len(text) - 2 * len(sentence)


def test_sample_loop_is_detected_and_honest_samples_are_not():
    if not SAMPLES.is_file():
        pytest.skip("shared samples not present")
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        sample = json.loads(line)
        thinking = sample["output"].split("</think>")[0]
        detected = stream(RepetitionDetector(), thinking) is not None
        assert detected == (sample["id"] == "loop-thinking"), sample["id"]


def test_blank_runs_and_short_stutters_are_not_loops():
    assert stream(RepetitionDetector(), "\n" * 500 + " " * 500) is None
    assert stream(RepetitionDetector(), "ha" * 20 + " and then the proof goes on.") is None


@given(st.text(min_size=0, max_size=400))
def test_random_prose_rarely_loops(text):
    # A text without a 16+ character span repeated 3 times must not be flagged.
    detector = RepetitionDetector()
    stream(detector, text, size=7)
    if detector.looping:
        assert detector.span * 3 in text


def test_window_stays_bounded():
    detector = RepetitionDetector(max_span=100)
    for i in range(5000):
        detector.feed(f"step {i} is new. ")
    assert len(detector._window) <= 300 and not detector.looping
