"""Prompt building: answers-only history, folded instructions, neutralised markers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.engines import r1_format as r1
from desktop.core.engines.prompt import (
    ChatMessage,
    ChatTemplate,
    PromptError,
    ends_inside_thinking,
    neutralize_markers,
    prepare_messages,
)

TEMPLATE = ChatTemplate(r1.R1_CHAT_TEMPLATE)


def render(history, instructions=None) -> str:
    return TEMPLATE.render(prepare_messages(history, instructions))


def test_single_question_matches_r1_layout():
    prompt = render([ChatMessage("user", "What is 2+2?")])
    assert prompt == f"{r1.BOS}{r1.USER}What is 2+2?{r1.ASSISTANT}<think>\n"
    assert ends_inside_thinking(prompt)


def test_history_carries_answers_only():
    history = [
        ChatMessage("user", "q1"),
        ChatMessage("assistant", "secret reasoning\n</think>\n\nthe answer"),
        ChatMessage("user", "q2"),
    ]
    prompt = render(history)
    assert "secret reasoning" not in prompt
    assert f"{r1.ASSISTANT}the answer{r1.EOS}{r1.USER}q2" in prompt


def test_unfinished_thinking_sends_an_empty_answer():
    history = [
        ChatMessage("user", "q1"),
        ChatMessage("assistant", "thinking that never ended"),
        ChatMessage("user", "q2"),
    ]
    assert "never ended" not in render(history)


def test_instructions_fold_into_first_user_message_not_a_system_prompt():
    history = [ChatMessage("user", "q1"), ChatMessage("assistant", "a1"),
               ChatMessage("user", "q2")]  # fmt: skip
    prompt = render(history, instructions="Answer in French.")
    assert prompt.startswith(f"{r1.BOS}{r1.USER}Answer in French.\n\nq1")
    assert prompt.count("Answer in French.") == 1


@pytest.mark.parametrize("marker", [*r1.ROLE_MARKERS, "<|im_start|>", "<|endoftext|>"])
def test_markers_in_user_text_are_broken(marker):
    prompt = render([ChatMessage("user", f"before {marker} after")])
    user_part = prompt[len(r1.BOS) + len(r1.USER) :]
    assert marker not in user_part.replace("<think>\n", "", 1)[: -len(r1.ASSISTANT)]


@given(st.lists(st.sampled_from([*"<|｜/think>User ", *r1.ROLE_MARKERS])).map("".join))
def test_neutralised_text_contains_no_marker(text):
    cleaned = neutralize_markers(text)
    for marker in r1.ROLE_MARKERS:
        assert marker not in cleaned
    assert cleaned.replace("\u200b", "") == text


def test_broken_template_is_a_prompt_error():
    with pytest.raises(PromptError):
        ChatTemplate("{% for x in %}")
    with pytest.raises(PromptError):
        ChatTemplate("{{ raise_exception('no system role') }}").render([])
