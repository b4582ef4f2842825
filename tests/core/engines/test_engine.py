"""The engine on a real (tiny, random-weight) R1 GGUF run by llama.cpp."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.core.engines import r1_format as r1
from desktop.core.engines.local import Engine, EngineConfig, EngineError, GenerationParams
from desktop.core.engines.prompt import ChatMessage


@pytest.fixture(scope="module")
def engine(tiny_model):
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=2048, n_threads=2, n_batch=64))
    yield engine
    engine.close()


def ask(text: str) -> list[ChatMessage]:
    return [ChatMessage("user", text)]


class StopAfter(threading.Event):
    """An event that reports itself set after ``n`` checks: stops at an exact point."""

    def __init__(self, n: int):
        super().__init__()
        self.checks = 0
        self.n = n

    def is_set(self) -> bool:
        self.checks += 1
        return self.checks > self.n or super().is_set()


def test_streams_pieces_and_reports_metrics(engine):
    generation = engine.stream_chat(ask("Hello"), GenerationParams(max_tokens=24, seed=1))
    pieces = list(generation)
    assert pieces and all(isinstance(p, str) for p in pieces)
    m = generation.metrics
    assert m.finish_reason == "length"
    assert m.generated_tokens == 24
    assert m.prompt_tokens >= 5
    assert m.ttft_s > 0 and m.decode_tokens_per_s > 0 and m.load_s > 0
    assert m.total_s >= m.ttft_s


def test_same_seed_same_text(engine):
    params = GenerationParams(max_tokens=16, seed=7)
    assert (
        engine.stream_chat(ask("x"), params).text() == engine.stream_chat(ask("x"), params).text()
    )


def test_stop_within_one_token(engine):
    stop = threading.Event()
    generation = engine.stream_chat(ask("Hello"), GenerationParams(max_tokens=500), stop)
    for received, _piece in enumerate(generation, start=1):
        if received == 3:
            stop.set()
    m = generation.metrics
    assert m.finish_reason == "stopped"
    assert m.generated_tokens <= 4


def test_stop_before_start_generates_nothing(engine):
    stop = threading.Event()
    stop.set()
    generation = engine.stream_chat(ask("Hello"), GenerationParams(max_tokens=50), stop)
    assert list(generation) == []
    assert generation.metrics.finish_reason == "stopped"
    assert generation.metrics.generated_tokens == 0


def test_stop_during_long_prompt_aborts_between_graph_nodes(engine):
    long_question = "the cat sat on the mat " * 80  # ~900 tokens: many 64-token batches
    stop = StopAfter(200)
    generation = engine.stream_chat(ask(long_question), GenerationParams(max_tokens=50), stop)
    assert list(generation) == []
    m = generation.metrics
    assert m.finish_reason == "stopped" and m.generated_tokens == 0
    assert engine.cached_tokens < m.prompt_tokens  # the prompt was cut short, not finished
    # The engine is still usable and re-evaluates what was not cached.
    after = engine.stream_chat(ask("Hello"), GenerationParams(max_tokens=4, seed=1))
    assert after.text() and after.metrics.finish_reason == "length"


def test_follow_up_reuses_the_kv_cache(engine):
    first_q = "Explain why the sky is blue in detail " * 20
    first = engine.stream_chat(ask(first_q), GenerationParams(max_tokens=32, seed=3))
    answer = first.text()
    full = first.metrics.prompt_tokens
    history = [ChatMessage("user", first_q), ChatMessage("assistant", answer),
               ChatMessage("user", "And at sunset?")]  # fmt: skip
    second = engine.stream_chat(history, GenerationParams(max_tokens=8, seed=3))
    second.text()
    m = second.metrics
    assert m.prompt_tokens > full
    assert m.prompt_tokens_evaluated < m.prompt_tokens - full // 2


def test_user_markers_never_become_special_tokens(engine):
    sneaky = " ".join(r1.ROLE_MARKERS) + " <|im_start|>"
    history = [ChatMessage("user", sneaky)]
    tokens = engine.tokenize_prompt(engine.render_prompt(history))
    llm = engine._llm

    def ids(text: str) -> list[int]:
        return llm.tokenize(text.encode(), add_bos=False, special=True)

    special = {name: ids(name) for name in r1.ROLE_MARKERS}
    assert all(len(v) == 1 for v in special.values()), special
    count = {name: tokens.count(v[0]) for name, v in special.items()}
    # Exactly the template's own markers: BOS, one user turn, the assistant cue and <think>.
    assert count == {r1.BOS: 1, r1.USER: 1, r1.ASSISTANT: 1, r1.THINK_OPEN: 1,
                     r1.THINK_CLOSE: 0, r1.EOS: 0}  # fmt: skip


def test_llama_cpp_matches_think_tags_even_with_special_parsing_off(engine):
    """Why neutralising is needed: user-defined tokens ignore special=False."""
    llm = engine._llm
    think_id = llm.tokenize(b"<think>", add_bos=False, special=True)
    plain = llm.tokenize(b"a <think> b", add_bos=False, special=False)
    assert think_id[0] in plain


def test_too_long_question_is_refused_with_numbers(tiny_model):
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=256, n_threads=1))
    try:
        with pytest.raises(EngineError, match="too long"):
            engine.stream_chat(ask("word " * 400), GenerationParams(max_tokens=16))
    finally:
        engine.close()


def test_old_turns_are_dropped_to_fit_the_context(tiny_model):
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=512, n_threads=1))
    try:
        history = []
        for i in range(8):
            history += [ChatMessage("user", f"question {i} " + "pad " * 40),
                        ChatMessage("assistant", "answer " * 20)]  # fmt: skip
        history.append(ChatMessage("user", "last question"))
        generation = engine.stream_chat(history, GenerationParams(max_tokens=16, seed=1))
        generation.text()
        assert generation.metrics.prompt_tokens + 16 <= 512
    finally:
        engine.close()


def test_unloadable_file_is_an_engine_error(bad_magic_model):
    with pytest.raises(EngineError, match=r"not-a-model\.gguf"):
        Engine(EngineConfig(model_path=bad_magic_model))


def test_thinking_budget_closes_the_thinking_and_the_model_answers(engine):
    from desktop.core.engines.think import split_output

    params = GenerationParams(max_tokens=30, seed=2, thinking_budget=10)
    generation = engine.stream_chat(ask("Hello"), params)
    text = generation.text()
    m = generation.metrics
    assert m.wrapped_up and m.thinking_tokens == 10 and m.generated_tokens == 30
    thinking, answer = split_output(text)
    assert thinking and answer, "after </think> the model must go on to answer"
    assert text.count("</think>") == 1


def test_wrap_up_request_moves_on_to_the_answer(engine):
    from desktop.core.engines.generation import RequestControl
    from desktop.core.engines.think import split_output

    control = RequestControl()
    generation = engine.stream_chat(ask("Hello"), GenerationParams(max_tokens=40, seed=4), control)
    pieces = []
    for piece in generation:
        pieces.append(piece)
        if len(pieces) == 5:
            control.wrap_up.set()
    m = generation.metrics
    assert m.wrapped_up and m.thinking_tokens == 5 and m.finish_reason == "length"
    assert split_output("".join(pieces))[1]


def test_one_piece_per_token(engine):
    generation = engine.stream_chat(ask("Hi"), GenerationParams(max_tokens=17, seed=9))
    assert len(list(generation)) == generation.metrics.generated_tokens == 17


def test_after_trimming_the_next_turns_reuse_the_cache(tiny_model):
    """Dropping old turns must not make every later turn re-read the whole conversation."""
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=1024, n_threads=1))
    try:
        params = GenerationParams(max_tokens=16, seed=1)
        history: list[ChatMessage] = []
        evaluated, anchors = [], []
        for turn in range(26):
            history.append(ChatMessage("user", f"question {turn}: " + "word " * 20))
            generation = engine.stream_chat(history, params)
            history.append(ChatMessage("assistant", generation.text()))
            evaluated.append(generation.metrics.prompt_tokens_evaluated)
            anchors.append(engine._trim_anchor)
        first_trim = next(i for i, anchor in enumerate(anchors) if anchor is not None)
        trims = sum(1 for a, b in itertools.pairwise(anchors) if a != b)
        after = evaluated[first_trim + 1 :]
        assert trims <= 3, "trimming to a low-water mark keeps the first message for a while"
        # Turns behind a kept first message evaluate only the new question and last answer.
        assert sum(n < 120 for n in after) >= len(after) - trims, evaluated
    finally:
        engine.close()


def test_loads_without_memory_map_and_with_mlock(tiny_model):
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=512, n_threads=1,
                                 use_mmap=False, use_mlock=True))  # fmt: skip
    try:
        assert engine.stream_chat(ask("Hi"), GenerationParams(max_tokens=4, seed=1)).text()
    finally:
        engine.close()


def test_an_unfinished_answer_finalised_after_its_context_is_freed_does_not_crash(tiny_model):
    """The garbage collector may free llama.cpp's context before it finalises a stream that
    was left unfinished; the stream's clean-up then must not touch the freed context."""
    code = (
        "import sys\n"
        "from desktop.core.engines.local import Engine, EngineConfig, GenerationParams\n"
        "from desktop.core.engines.prompt import ChatMessage\n"
        "e = Engine(EngineConfig(sys.argv[1], n_ctx=256, n_threads=1))\n"
        "g = e.stream_chat([ChatMessage('user', 'hi')], GenerationParams(max_tokens=50))\n"
        "pieces = iter(g._pieces); next(pieces); next(pieces)\n"
        "e._llm._ctx.close()\n"  # what a finaliser of the Llama may run first
        "pieces.close()\n"
        "print('survived')\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code, str(tiny_model)], capture_output=True,
                          text=True, timeout=120, cwd=root)  # fmt: skip
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]
