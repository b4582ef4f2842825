"""Validating OpenAI requests and applying stop strings, without a server."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.engines.generation import GenerationParams
from desktop.core.serving.completion import StopMatcher
from desktop.core.serving.request import ApiError, parse_chat_request


def test_system_messages_become_instructions_and_sampling_is_read():
    request = parse_chat_request(
        {"messages": [{"role": "system", "content": "Answer in French."},
                      {"role": "user", "content": [{"type": "text", "text": "Hi"}]}],
         "temperature": 0.2, "top_p": 0.5, "max_tokens": 7, "seed": 5, "stop": "END",
         "stream": True, "stream_options": {"include_usage": True}},
        GenerationParams(),
    )  # fmt: skip
    assert [m.role for m in request.messages] == ["user"]
    assert request.params.instructions == "Answer in French."
    assert (request.params.temperature, request.params.top_p) == (0.2, 0.5)
    assert (request.params.max_tokens, request.params.seed) == (7, 5)
    assert request.stop == ("END",) and request.stream and request.include_usage


@pytest.mark.parametrize("body", [
    [], {"messages": "hi"}, {"messages": [{"role": "robot", "content": "x"}]},
    {"messages": [{"role": "user", "content": {"x": 1}}]},
    {"messages": [{"role": "user", "content": "x"}], "max_tokens": 0},
    {"messages": [{"role": "user", "content": "x"}], "top_p": 2},
    {"messages": [{"role": "user", "content": "x"}], "stop": ["a", "b", "c", "d", "e"]},
    {"messages": [{"role": "user", "content": "x"}], "reasoning_format": "yaml"},
])  # fmt: skip
def test_bad_bodies_are_400_with_a_message(body):
    with pytest.raises(ApiError) as caught:
        parse_chat_request(body, GenerationParams())
    assert caught.value.status == 400 and caught.value.message


@given(st.text(alphabet="abEND", max_size=40), st.lists(st.integers(1, 5), max_size=20))
def test_stop_strings_cut_the_answer_at_the_first_match_however_it_is_chunked(text, cuts):
    matcher = StopMatcher(("END", "bb"))
    out, i = [], 0
    for n in [*cuts, len(text)]:
        out.append(matcher.feed(text[i : i + n]))
        i += n
        if matcher.hit:
            break
    out.append(matcher.flush())
    found = [p for p in (text.find("END"), text.find("bb")) if p >= 0]
    assert "".join(out) == (text[: min(found)] if found else text)
    assert matcher.hit == bool(found)
