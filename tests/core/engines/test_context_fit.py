"""A question is measured against the context before it is sent (issue 14, item 8)."""

from __future__ import annotations

from desktop.core.engines.context_fit import (
    MIN_ANSWER_TOKENS,
    TEMPLATE_OVERHEAD,
    ContextFit,
    VocabTokenizer,
    check_fit,
    estimate_tokens,
)


def test_estimate_is_generous_for_english_and_counts_chinese_per_character():
    assert estimate_tokens("") == 0
    assert estimate_tokens("word " * 700) == 1000
    assert estimate_tokens("鸡兔同笼") == 4


def test_a_short_question_fits_and_is_not_counted_exactly(tiny_model):
    tokenizer = VocabTokenizer(tiny_model)
    fit = check_fit("How many legs?", 4096, 8192, 131072, tokenizer)
    assert fit.fits and not fit.exact and tokenizer._llm is None  # nothing loaded


def test_a_long_paste_is_counted_with_the_model_tokenizer(tiny_model):
    tokenizer = VocabTokenizer(tiny_model)
    text = "x" * 20_000
    fit = check_fit(text, 4096, 8192, 131072, tokenizer)
    assert fit.exact and fit.tokens == tokenizer.count(text)
    assert not fit.fits and fit.budget == 2048
    tokenizer.close()


def test_the_ways_out_fit_the_question():
    fit = ContextFit(tokens=3000, exact=True, n_ctx=4096, max_tokens=8192, n_ctx_max=32768)
    assert not fit.fits
    assert fit.shorter_answer == 4096 - 3000 - TEMPLATE_OVERHEAD
    raised = ContextFit(3000, True, fit.raise_to, 8192, 32768)
    assert raised.fits and fit.raise_to > 4096 and fit.raise_to % 1024 == 0
    smaller = ContextFit(3000, True, fit.raise_to - 1024, 8192, 32768)
    assert not smaller.fits  # the smallest step that fits


def test_no_way_out_beyond_the_model_context():
    fit = ContextFit(tokens=40_000, exact=True, n_ctx=4096, max_tokens=8192, n_ctx_max=32768)
    assert fit.raise_to is None and fit.shorter_answer is None
    tight = ContextFit(4096 - TEMPLATE_OVERHEAD - MIN_ANSWER_TOKENS + 1, True, 4096, 8192, 4096)
    assert tight.shorter_answer is None and tight.raise_to is None
