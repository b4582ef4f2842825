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


def test_an_honest_run_of_one_digit_or_a_rule_line_is_not_a_loop():
    # 1/3 to 54 places, a wide Markdown table rule and a line of "=" are ordinary output.
    third = "So 1/3 = 0." + "3" * 54 + "… and the rest of the working follows here."
    assert stream(RepetitionDetector(), third) is None
    table = "| a | b | c |\n" + "|---" * 30 + "|\n| 1 | 2 | 3 |"
    assert stream(RepetitionDetector(), table) is None
    assert stream(RepetitionDetector(), "Result:\n" + "=" * 120 + "\nDone.") is None


def test_a_run_of_one_unit_that_never_ends_is_a_loop():
    detector = RepetitionDetector()
    assert stream(detector, "0." + "3" * 2000) is not None
    assert set(detector.span) == {"3"}


def test_reset_re_arms_the_detector_for_a_loop_that_goes_on():
    sentence = "Wait, let me check again. 17 times 20 is 340, so 391. "
    detector = RepetitionDetector()
    assert stream(detector, sentence * 4) is not None
    detector.reset()  # the user chose "Keep thinking"
    assert not detector.looping
    assert stream(detector, sentence * 4) is not None
