"""The status text under an answer, including why an answer was cut short."""

from __future__ import annotations

from desktop.ui.metrics_text import format_metrics

BASE = {"generated_tokens": 230, "ttft_s": 1.24, "decode_tokens_per_s": 14.26}


def test_normal_answer(qapp):
    text = format_metrics({**BASE, "finish_reason": "stop"})
    assert text == "1.2 s to first token · 14.3 tokens/s · 230 tokens"


def test_a_cut_answer_says_why(qapp):
    assert "filled the context" in format_metrics({**BASE, "finish_reason": "context_full"})
    assert "longest-answer limit" in format_metrics({**BASE, "finish_reason": "length"})
    assert "cut off" not in format_metrics({**BASE, "finish_reason": "stopped"})


def test_nothing_generated(qapp):
    assert format_metrics({}) == ""


def test_status_bar_form_leaves_the_reason_to_the_message(qapp):
    text = format_metrics({**BASE, "finish_reason": "context_full"}, with_reason=False)
    assert text == "1.2 s to first token · 14.3 tokens/s · 230 tokens"
