"""Whether a server's model thinks: the facts the server gives (template, reasoning fields),
then names, then the reply itself; a plain chat model's reply is the answer."""

from __future__ import annotations

import pytest
from openai_standin import ANSWER, THINKING, StandIn

from desktop.core.engines import r1_format as r1
from desktop.core.engines.generation import GenerationParams, RequestControl
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote import RemoteConfig, RemoteEngine
from desktop.core.engines.remote_reasoning import (
    ReplyOpening,
    is_unmarked_reply,
    start_from_names,
    start_from_template,
)
from desktop.core.engines.think import CLOSE_TAG, OPEN_TAG, split_output

THOUGHT, ANSWERED = "".join(THINKING), "".join(ANSWER)

# Qwen2.5 Instruct's template, cut to what matters: ChatML, no think tags.
CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
# Llama 3.1's shape.
LLAMA3 = (
    "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + "
    "'<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
    "{% endif %}"
)
# QwQ / Qwen3 "Thinking": ChatML whose generation prompt opens the thinking.
OPENS_THINKING = CHATML.replace("assistant\\n' }}", "assistant\\n<think>\\n' }}")
# Qwen3 hybrid: thinking is the model's choice unless switched off.
HYBRID = CHATML.replace(
    "{% endif %}",
    "{% if enable_thinking is defined and enable_thinking is false %}"
    "{{ '<think>\\n\\n</think>\\n\\n' }}{% endif %}{% endif %}",
    1,
).replace("{% endif %}{% endif %}{% endfor %}", "{% endif %}{% endfor %}")
# Qwen3-2507 Instruct: mentions </think> (to cut old reasoning) but never thinks itself.
CUTS_THINKING = CHATML.replace("message['content'] +", "message['content'].split('</think>')[-1] +")
SWITCHED_OFF = CHATML.replace("assistant\\n' }}", "assistant\\n<think>\\n\\n</think>\\n\\n' }}")
R1_JANUARY = r1.R1_CHAT_TEMPLATE.replace("<｜Assistant｜><think>\\n", "<｜Assistant｜>")
OLLAMA_LLAMA = "{{ range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>{{ end }}"
OLLAMA_QWEN3 = "{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Content }}"


@pytest.mark.parametrize(
    ("template", "start"),
    [
        (r1.R1_CHAT_TEMPLATE, "thinking"),
        (R1_JANUARY, "thinking"),
        (OPENS_THINKING, "thinking"),
        (CHATML, "answer"),
        (LLAMA3, "answer"),
        (SWITCHED_OFF, "answer"),
        (HYBRID, "tag"),
        (CUTS_THINKING, "tag"),
        (OLLAMA_LLAMA, "answer"),
        (OLLAMA_QWEN3, "tag"),
        ("{% broken", "answer"),
    ],
)
def test_the_template_says_how_a_reply_starts(template, start):
    assert start_from_template(template, bos_token="<s>", eos_token="</s>") == start


def test_ollama_thinking_capability_means_the_model_may_open_a_thinking():
    assert start_from_template(OLLAMA_LLAMA, capabilities=["completion"]) == "answer"
    assert start_from_template(OLLAMA_LLAMA, capabilities=["completion", "thinking"]) == "tag"


@pytest.mark.parametrize(
    "name",
    ["deepseek-r1:7b", "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "r1-32b", "qwq:32b",
     "deepseek-reasoner", "Qwen/Qwen3-4B-Thinking-2507", "models/R1.gguf"],
)  # fmt: skip
def test_reasoning_names(name):
    assert start_from_names([name]) == "thinking"


@pytest.mark.parametrize(
    "name", ["llama3.1:8b", "qwen2.5:7b-instruct", "deepseek-chat", "model.gguf", "gpt-r10", ""]
)
def test_other_names_leave_it_open(name):
    assert start_from_names([name]) == "unknown"


def _feed_all(opening: ReplyOpening, pieces: list[str], reasoning: bool = False) -> str:
    return "".join(opening.feed(p, reasoning) for p in pieces) + opening.flush()


def test_the_opening_is_read_across_chunks_and_marked():
    opening = ReplyOpening("tag")
    assert opening.feed("\n", False) == "" and opening.feed("<th", False) == ""
    assert opening.feed("ink>Hm", False) == "\n<think>Hm" and opening.thinks
    assert _feed_all(ReplyOpening("tag"), ["Hel", "lo"]) == CLOSE_TAG + "Hello"
    assert _feed_all(ReplyOpening("tag"), ["<b>", "!"]) == CLOSE_TAG + "<b>!"
    assert _feed_all(ReplyOpening("tag"), ["<"]) == CLOSE_TAG + "<"  # held, then released
    assert _feed_all(ReplyOpening("unknown"), ["Hm", "</think>", "4"]) == "Hm</think>4"
    assert _feed_all(ReplyOpening("unknown"), ["Hm"], reasoning=True) == OPEN_TAG + "Hm"
    assert _feed_all(ReplyOpening("thinking"), ["Hm"]) == "Hm"
    assert _feed_all(ReplyOpening("answer"), ["<think>"]) == "<think>"


def test_unmarked_replies():
    assert is_unmarked_reply("The answer is 4.")
    assert not is_unmarked_reply("Let me think.</think>4")
    assert not is_unmarked_reply("\n<think>Let me think.")


# -- the engine against servers -----------------------------------------------------------------


def stream(server: StandIn, model: str = "", **params) -> tuple[RemoteEngine, str, object]:
    engine = RemoteEngine(RemoteConfig(server.url, model=model, retry_delay_s=0.05))
    generation = engine.stream_chat([ChatMessage("user", "2+2?")], GenerationParams(**params))
    raw = generation.text()
    engine.close()
    return engine, raw, generation.metrics


def test_llama_server_plain_chat_model_answers():
    props = {"chat_template": CHATML, "bos_token": "", "eos_token": "<|im_end|>"}
    with StandIn("chat", models=("qwen2.5-7b-instruct",), props=props) as server:
        engine, raw, metrics = stream(server)
    assert engine.reply_start == "answer"
    assert not engine.reasoning and not engine.reasoning_guessed
    assert raw == ANSWERED  # all answer, as a local chat model's output
    assert metrics.thinking_tokens == 0 and metrics.finish_reason == "stop"
    assert server.probes == ["/props"]  # llama-server told: Ollama is not asked


def test_the_template_beats_the_name():
    props = {"chat_template": LLAMA3}
    with StandIn("chat", models=("r1-32b",), props=props) as server:
        assert stream(server)[0].reply_start == "answer"
    props = {"chat_template": r1.R1_CHAT_TEMPLATE}
    with StandIn("lone_close", models=("my-model",), props=props) as server:
        engine, raw, metrics = stream(server)
    assert engine.reply_start == "thinking" and not engine.reasoning_guessed
    assert split_output(raw) == (THOUGHT + "\n", ANSWERED)
    assert metrics.thinking_tokens == len(THINKING)


def test_ollama_plain_chat_model_answers():
    show = {"template": OLLAMA_LLAMA, "capabilities": ["completion"], "details": {}}
    with StandIn("chat", models=("llama3.1:8b",), show=show) as server:
        engine, raw, _metrics = stream(server)
    assert engine.reply_start == "answer" and raw == ANSWERED
    assert server.probes == ["/api/show"] and server.requests[-1]["model"] == "llama3.1:8b"
    assert len(server.requests) == 1  # the probe is not a chat request


@pytest.mark.parametrize("dialect", ["chat", "inline", "reasoning"])
def test_a_model_that_opens_its_own_thinking_is_read_from_its_first_output(dialect):
    show = {"template": OLLAMA_QWEN3, "capabilities": ["completion", "thinking"]}
    with StandIn(dialect, models=("qwen3:8b",), show=show) as server:
        engine, raw, metrics = stream(server)
    assert engine.reply_start == "tag" and engine.reasoning
    thinking, answer = split_output(raw)
    assert answer == ANSWERED
    assert thinking.strip() == ("" if dialect == "chat" else THOUGHT)
    assert (metrics.thinking_tokens == 0) == (dialect == "chat")


def test_vllm_root_names_the_model_behind_a_served_name():
    roots = {"assistant": "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"}
    with StandIn("lone_close", models=("assistant",), roots=roots) as server:
        engine, raw, _metrics = stream(server)
    assert engine.reply_start == "thinking"
    assert split_output(raw)[1] == ANSWERED


def test_no_facts_a_chat_reply_ends_as_the_answer():
    with StandIn("chat", models=("my-model",)) as server:
        engine, raw, metrics = stream(server, thinking_budget=2)
    assert engine.reply_start == "unknown" and engine.reasoning and engine.reasoning_guessed
    assert raw == ANSWERED and is_unmarked_reply(raw)
    assert metrics.thinking_tokens == 0 and not metrics.wrapped_up
    assert len(server.requests) == 1  # the budget did not cut a reply that may be an answer


@pytest.mark.parametrize("dialect", ["lone_close", "inline", "reasoning_content", "reasoning"])
def test_no_facts_a_thinking_reply_still_shows_its_thinking(dialect):
    with StandIn(dialect, models=("my-model",)) as server:
        engine, raw, metrics = stream(server)
    assert engine.reply_start == "unknown"
    assert not is_unmarked_reply(raw)
    thinking, answer = split_output(raw)
    assert (thinking.strip(), answer) == (THOUGHT, ANSWERED)
    assert metrics.thinking_tokens == len(THINKING)


def test_no_facts_a_reasoning_field_stopped_early_stays_thinking():
    with StandIn("reasoning", models=("my-model",)) as server:
        server.faults.delay_s = 0.05
        engine = RemoteEngine(RemoteConfig(server.url))
        control = RequestControl()
        pieces = []
        for piece in engine.stream_chat([ChatMessage("user", "Hi")], stop=control):
            pieces.append(piece)
            control.stop.set()
        engine.close()
    raw = "".join(pieces)
    assert raw.startswith(OPEN_TAG) and not is_unmarked_reply(raw)
