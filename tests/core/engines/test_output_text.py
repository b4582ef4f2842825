"""Control characters a random-weight model can emit never leave the engine boundary."""

from __future__ import annotations

import pytest

from desktop.core.engines.generation import Generation
from desktop.core.engines.local import Engine, EngineConfig, GenerationParams
from desktop.core.engines.output_text import clean_generated
from desktop.core.engines.prompt import ChatMessage

HOSTILE = "a\x00b\x1b[2J\x1b]0;pwned\x07c\x08\rd\x7f\x9b31m\x85e"


def test_control_characters_go_and_tabs_newlines_and_text_stay():
    assert clean_generated(HOSTILE) == "ab[2J]0;pwnedcd31me"
    kept = "col\tcol\nline 2 · 中文 — 0.333… \\frac{1}{3} ½ \ufffd"
    assert clean_generated(kept) == kept


def test_generation_cleans_every_piece_and_keeps_one_piece_per_token():
    pieces = ["Think", "\x00", "ing\x1b[31m", "\n\t", "\x9b"]
    assert list(Generation(iter(pieces))) == ["Think", "", "ing[31m", "\n\t", ""]
    assert Generation(iter(pieces)).text() == "Thinking[31m\n\t"


@pytest.fixture(scope="module")
def engine(tiny_model):
    engine = Engine(EngineConfig(model_path=tiny_model, n_ctx=1024, n_threads=2, n_batch=64))
    yield engine
    engine.close()


def test_the_engine_streams_no_control_bytes_even_when_sampled(engine, monkeypatch):
    # Make llama.cpp "sample" the byte tokens of NUL, an ANSI escape and a bell.
    sampled = engine._llm.tokenize(b"ok\x00\x1b[2J\x07done", add_bos=False, special=False)

    def fake_sampling(tokens, params):
        yield from sampled

    monkeypatch.setattr(engine, "_sampling", fake_sampling)
    generation = engine.stream_chat([ChatMessage("user", "Hi")], GenerationParams(max_tokens=50))
    text = generation.text()
    assert text.endswith("ok[2Jdone"), repr(text)
    assert not any(ord(c) < 32 and c not in "\t\n" for c in text)
