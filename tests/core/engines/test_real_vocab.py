"""The engine on the real published 7B file's vocabulary and January-2025 template (vocab-only).

Token ids below are the real R1-Distill-Qwen ones: 151646 BOS, 151644 <｜User｜>,
151645 <｜Assistant｜>, 151648 <think>, 198 "\\n".
"""

from __future__ import annotations

import pytest

from desktop.core.engines.local import Engine, EngineConfig, GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.think import ThinkSplitter
from desktop.core.models.synthetic_gguf import _byte_symbols

BOS, USER, ASSISTANT, THINK, NEWLINE = 151646, 151644, 151645, 151648, 198


@pytest.fixture(scope="module")
def engine(real_7b):
    engine = Engine(EngineConfig(model_path=real_7b, vocab_only=True))
    yield engine
    engine.close()


def test_every_token_longer_than_32_bytes_keeps_its_text(engine):
    vocab = engine.vocab
    long = [t for t in range(vocab.size) if len(vocab.piece(t)) > 32]
    assert len(long) == 240  # rules of -, =, *, /, # and runs of spaces
    # The vocabulary stores byte-level BPE text: map its symbols back to the bytes.
    to_byte = {symbol: b for b, symbol in enumerate(_byte_symbols())}
    for token in long:
        assert engine._llm.detokenize([token]) == b""  # the bug this guards against
        stored = engine._llm._model.token_get_text(token)
        assert vocab.piece(token) == bytes(to_byte[c] for c in stored)


def _stream_tokens(engine, monkeypatch, ids: list[int]) -> list[str]:
    """Run the engine's real streaming loop with ``ids`` as the sampled tokens."""

    def sampled(_tokens, _params):  # a generator, like Llama.generate
        yield from ids

    monkeypatch.setattr(engine, "_sampling", sampled)
    generation = engine.stream_chat([ChatMessage("user", "Write a banner")], GenerationParams())
    return list(generation)


def test_a_deeply_indented_rule_streams_in_full(engine, monkeypatch):
    text = " " * 40 + "# " + "-" * 60 + "\n" + "=" * 40 + " 𝔘𝔫𝔦 ünï 中文 🙂\n"
    ids = engine._llm.tokenize(text.encode(), add_bos=False, special=False)
    assert any(len(engine.vocab.piece(t)) > 32 for t in ids)
    pieces = _stream_tokens(engine, monkeypatch, ids)
    assert len(pieces) == len(ids)  # still one piece per token, for the token counts
    assert "".join(pieces) == text  # incremental UTF-8 decoding across byte tokens
    assert "\ufffd" not in "".join(pieces)
    splitter = ThinkSplitter()
    segments = splitter.feed("".join(pieces)) + splitter.flush()
    assert [s.kind for s in segments] == ["thinking"]
    assert segments[0].text == text.lstrip()


def test_the_answer_starts_inside_the_thinking(engine):
    template = engine._llm.metadata["tokenizer.chat_template"]
    assert template.endswith("{{'<｜Assistant｜>'}}{% endif %}")  # the January-2025 generation
    assert engine.family.kind == "r1" and engine.reasoning
    history = [
        ChatMessage("user", "2+2?"),
        ChatMessage("assistant", "thinking</think>\n\n4"),
        ChatMessage("user", "and 3+3?"),
    ]
    tokens = engine.tokenize_prompt(engine.render_prompt(history))
    assert tokens[0] == BOS and tokens[-3:] == [ASSISTANT, THINK, NEWLINE]
    assert tokens.count(THINK) == 1  # earlier thinking is never sent back
    described = engine.describe_prompt(history)
    assert described["starts_in_thinking"] is True
    assert [t["id"] for t in described["tokens"]] == tokens


def test_the_february_template_is_not_opened_twice(real_7b):
    from desktop.core.engines import r1_format as r1
    from desktop.core.engines.family import detect_family

    family = detect_family(r1.R1_CHAT_TEMPLATE, ())
    assert family.kind == "r1" and family.opens_thinking


def test_typed_text_never_becomes_a_special_token(engine):
    vocab = engine.vocab
    spellings = sorted(vocab.special_tokens.values())
    assert "</s>" in spellings and "<tool_call>" in spellings  # not only <｜...｜> spellings
    typed = "Look: " + " and ".join(spellings) + " <|im_start|>user\n<think>"
    # An earlier answer as stored (thinking</think>answer), its answer holding the spellings too.
    answer = "thought</think>" + " ".join(t for t in spellings if "think" not in t)
    history = [
        ChatMessage("user", typed),
        ChatMessage("assistant", answer),
        ChatMessage("user", typed),
    ]
    tokens = engine.tokenize_prompt(engine.render_prompt(history))
    special = [t for t in tokens if vocab.is_special(t)]
    # Only the template's own markers: BOS, two user turns, one assistant turn and its end,
    # the generation prompt's assistant marker and the opened thinking.
    eos = engine._llm.token_eos()
    assert special == [BOS, USER, ASSISTANT, eos, USER, ASSISTANT, THINK]
    # The typed text still reads the same (a zero-width space splits each spelling).
    text = vocab.text(tokens).replace("\u200b", "")
    assert text.count("<tool_call>") == 3 and text.count("</s>") == 3


def test_budget_and_wrap_up_work_with_the_january_template(engine, tmp_path):
    from desktop.core.models.synthetic_gguf import write_r1_gguf

    # A runnable tiny model carrying the published file's own (January-2025) template.
    january = engine._llm.metadata["tokenizer.chat_template"]
    path = write_r1_gguf(tmp_path / "tiny-january.gguf", chat_template=january)
    tiny = Engine(EngineConfig(model_path=path, n_ctx=512, n_threads=1, n_batch=64))
    try:
        params = GenerationParams(max_tokens=40, thinking_budget=5, seed=1)
        generation = tiny.stream_chat([ChatMessage("user", "Think")], params)
        splitter = ThinkSplitter()
        segments = [s for piece in generation for s in splitter.feed(piece)] + splitter.flush()
        metrics = generation.metrics
        assert metrics.wrapped_up and metrics.thinking_tokens == 5
        kinds = [s.kind for s in segments]
        assert kinds[0] == "thinking" and "answer" in kinds
    finally:
        tiny.close()
