"""Tests for desktop.core.engines.think: streaming and one-shot splitting of R1 output."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.engines.think import (
    CLOSE_TAG,
    Segment,
    ThinkSplitter,
    split_output,
    strip_thinking,
)

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "r1_outputs.jsonl"


def stream(chunks: list[str]) -> tuple[ThinkSplitter, list[list[Segment]]]:
    """Feed chunks then flush; return the splitter and the per-call segment lists."""
    splitter = ThinkSplitter()
    calls = [splitter.feed(c) for c in chunks]
    calls.append(splitter.flush())
    return splitter, calls


def joined(calls: list[list[Segment]]) -> tuple[str, str]:
    segs = [s for call in calls for s in call]
    return (
        "".join(s.text for s in segs if s.kind == "thinking"),
        "".join(s.text for s in segs if s.kind == "answer"),
    )


def chunk_at(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *sorted({c % (len(text) + 1) for c in cuts}), len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def check_call_shape(call: list[Segment]) -> None:
    # Kind only ever changes once, so merged output is at most [thinking, answer].
    assert all(s.text for s in call)
    assert [s.kind for s in call] in ([], ["thinking"], ["answer"], ["thinking", "answer"])


# --- split_output: the reference ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Current template: no opening tag in the output.
        ("reasoning\n</think>\n\nThe answer.", ("reasoning\n", "The answer.")),
        # Old template: the model writes <think> itself, maybe after whitespace.
        ("<think>\nreasoning\n</think>\n\nThe answer.", ("reasoning\n", "The answer.")),
        ("  \n<think>\nreasoning</think>answer", ("reasoning", "answer")),
        # Never closed: all thinking, empty answer.
        ("still thinking", ("still thinking", "")),
        ("<think>\nstill thinking", ("still thinking", "")),
        ("", ("", "")),
        # Text before a late <think> is still thinking; the tag goes.
        ("Hmm. <think>more</think>ok", ("Hmm. more", "ok")),
        # Stray tags in the answer are removed; only newlines lead-trimmed.
        ("t</think>\n\nA <think>B</think> C", ("t", "A B C")),
        ("t</think>\n</think>\n\nA", ("t", "A")),
        ("t</think>  indented", ("t", "  indented")),
        ("t</think>\r\n\r\nA", ("t", "A")),
        # Only the first </think> switches.
        ("a</think>b</think>c", ("a", "bc")),
        # Nothing before </think>.
        ("</think>answer", ("", "answer")),
        # Look-alikes stay literal.
        ("x < y, <thinking> </thin k> <THINK>", ("x < y, <thinking> </thin k> <THINK>", "")),
        ("a </thi", ("a </thi", "")),
        ("</<think>think>x", ("</think>x", "")),
        ("t</think></<think>think>x", ("t", "</think>x")),
        ("你好<think>世界</think>\n\n答案", ("你好世界", "答案")),
    ],
)
def test_split_output(text: str, expected: tuple[str, str]) -> None:
    assert split_output(text) == expected
    assert strip_thinking(text) == expected[1]


# --- streaming behaviour --------------------------------------------------------------------


def test_close_tag_split_across_chunks() -> None:
    sp = ThinkSplitter()
    assert sp.feed("abc</th") == [Segment("thinking", "abc")]
    assert not sp.in_answer
    assert sp.feed("ink>") == []
    assert sp.in_answer
    assert sp.feed("\n") == []
    assert sp.feed("\nHi") == [Segment("answer", "Hi")]
    assert sp.flush() == []
    assert (sp.thinking_text, sp.answer_text) == ("abc", "Hi")


def test_in_answer_flips_on_the_chunk_completing_the_tag() -> None:
    sp = ThinkSplitter()
    flips = []
    for i, ch in enumerate("ab</think>cd"):
        sp.feed(ch)
        flips.append((i, sp.in_answer))
    first = next(i for i, flag in flips if flag)
    assert first == len("ab</think>") - 1


def test_segments_merge_and_switch_within_one_chunk() -> None:
    sp = ThinkSplitter()
    got = sp.feed("<think>\nx <y <think>z</think>\n\nA<think>B")
    assert got == [Segment("thinking", "x <y z"), Segment("answer", "AB")]
    assert sp.in_answer


def test_lone_lt_is_emitted_immediately_when_not_a_tag() -> None:
    sp = ThinkSplitter()
    assert sp.feed("a <b") == [Segment("thinking", "a <b")]
    assert sp.feed("c <") == [Segment("thinking", "c ")]
    assert sp._pending == "<"
    assert sp.feed("=d") == [Segment("thinking", "<=d")]
    assert sp._pending == ""


def test_flush_releases_partial_tag_as_text() -> None:
    sp = ThinkSplitter()
    assert sp.feed("reason </thi") == [Segment("thinking", "reason ")]
    assert sp.flush() == [Segment("thinking", "</thi")]
    assert sp.thinking_text == "reason </thi"
    assert not sp.in_answer

    sp = ThinkSplitter()
    sp.feed("t</think>answer <thi")
    assert sp.flush() == [Segment("answer", "<thi")]
    assert sp.answer_text == "answer <thi"


def test_missing_close_tag_is_all_thinking() -> None:
    sp, calls = stream(list("Looping forever. Wait, let me check again."))
    assert not sp.in_answer
    assert sp.answer_text == ""
    assert joined(calls) == ("Looping forever. Wait, let me check again.", "")


def test_leading_whitespace_and_open_tag_one_char_at_a_time() -> None:
    text = " \n<think>\n\nreasoning</think>\n\n\nanswer"
    _, calls = stream(list(text))
    assert joined(calls) == ("reasoning", "answer") == split_output(text)
    for call in calls:
        check_call_shape(call)


def test_empty_chunks_and_empty_stream() -> None:
    sp = ThinkSplitter()
    assert sp.feed("") == []
    assert sp.flush() == []
    assert (sp.thinking_text, sp.answer_text, sp.in_answer) == ("", "", False)


def test_whitespace_only_thinking_before_close() -> None:
    assert joined(stream(["\n\n", "</think>", "\n", "A"])[1]) == ("", "A")


def test_long_stream_is_linear() -> None:
    """Per-char feeding of a long, '<'-heavy output holds back at most a tag's worth of text."""
    unit = "a<b </thi <think x</th <<"
    text = unit * 400 + CLOSE_TAG + "\n\n" + unit * 400
    assert len(text) > 20_000
    sp = ThinkSplitter()
    segs: list[Segment] = []
    for ch in text:
        segs += sp.feed(ch)
        # Bounded hold-back means each feed() touches O(len(chunk)) characters.
        assert len(sp._pending) < len(CLOSE_TAG)
    segs += sp.flush()
    assert joined([segs]) == split_output(text)


# --- the core invariant: any chunking agrees with split_output ------------------------------

_PIECES = [
    "<think>",
    "</think>",
    "<",
    "/",
    "t",
    "h",
    "i",
    "n",
    "k",
    ">",
    "\n",
    "\r",
    " ",
    "\t",
    "你好",
    "x",
    "</th",
    "ink>",
    "think>",
    "<thi",
    "</",
]
_fragments = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
texts = st.one_of(
    # Structured: most examples then contain a switch, with random text on both sides of it.
    st.tuples(
        _fragments,
        st.sampled_from(["", "<think>", "</think>"]),
        _fragments,
        st.sampled_from(["", "</think>", "</think>\n\n"]),
        _fragments,
    ).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
    st.text(alphabet="<>/think \n你", max_size=60),
)


@settings(max_examples=500, deadline=None)
@given(text=texts, cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=20))
def test_any_chunking_matches_split_output(text: str, cuts: list[int]) -> None:
    expected = split_output(text)
    for chunks in (chunk_at(text, cuts), list(text), [text]):
        sp, calls = stream(chunks)
        assert joined(calls) == expected
        assert (sp.thinking_text, sp.answer_text) == expected
        for call in calls:
            check_call_shape(call)
        assert len(sp._pending) == 0
        # The answer switch happens exactly when split_output sees a closing tag.
        assert sp.in_answer == (CLOSE_TAG in text)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_split_output_trims_leading_whitespace(text: str) -> None:
    thinking, answer = split_output(text)
    assert not thinking[:1].isspace()
    assert not answer.startswith(("\n", "\r"))


# --- real sample outputs --------------------------------------------------------------------


def _load_samples() -> list[dict[str, str]]:
    if not SAMPLES.is_file():
        return []
    with SAMPLES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_samples = _load_samples()


@pytest.mark.skipif(not _samples, reason=f"sample file not found: {SAMPLES}")
@pytest.mark.parametrize("sample", _samples, ids=[s["id"] for s in _samples])
def test_real_samples(sample: dict[str, str]) -> None:
    output = sample["output"]
    thinking, answer = split_output(output)

    for text in (thinking, answer):
        assert "<think>" not in text
        assert "</think>" not in text
    assert thinking == thinking.lstrip()
    assert not answer.startswith("\n")

    if CLOSE_TAG in output:
        assert thinking.strip()
        assert answer.strip()
        # Nothing lost except tags and the whitespace trimmed around them.
        assert len(thinking) + len(answer) < len(output)
    else:
        assert answer == ""
        assert thinking == output.strip()

    # Streaming agrees with the reference for per-char and ~token-sized chunks.
    for size in (1, 3, 7):
        chunks = [output[i : i + size] for i in range(0, len(output), size)]
        sp, calls = stream(chunks)
        assert joined(calls) == (thinking, answer)
        assert sp.in_answer == (CLOSE_TAG in output)


def test_samples_include_the_known_edge_cases() -> None:
    if not _samples:
        pytest.skip(f"sample file not found: {SAMPLES}")
    by_id = {s["id"]: s["output"] for s in _samples}
    if "loop-thinking" in by_id:
        assert split_output(by_id["loop-thinking"])[1] == ""
    if "explicit-open-tag" in by_id:
        thinking, answer = split_output(by_id["explicit-open-tag"])
        assert thinking.startswith("The user greets me.")
        assert answer == "Hello! How can I help you today?"
