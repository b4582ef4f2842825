"""The remote engine against a real OpenAI-compatible server: llama-cpp-python's own, on
loopback, serving the tiny R1 model."""

from __future__ import annotations

import threading

import pytest
from llama_server import LlamaServer, server_available

from desktop.core.engines.generation import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote import RemoteConfig, RemoteEngine, list_models
from desktop.core.engines.remote_http import RemoteError

pytestmark = pytest.mark.skipif(
    not server_available(),
    reason="llama-cpp-python's server extra is missing: pip install -e '.[test]'",
)


@pytest.fixture(scope="module")
def server(tiny_model):
    with LlamaServer(tiny_model, alias="tiny-r1") as running:
        yield running


def test_lists_and_picks_the_served_model(server):
    assert list_models(RemoteConfig(server.url)) == ["tiny-r1"]
    engine = RemoteEngine(RemoteConfig(server.url))
    assert engine.model == "tiny-r1"
    engine.close()


def test_streams_an_answer_with_the_token_limit(server):
    engine = RemoteEngine(RemoteConfig(server.url, model="tiny-r1"))
    history = [
        ChatMessage("user", "Hi"),
        ChatMessage("assistant", "hidden thinking</think>\n\nHello."),
        ChatMessage("user", "What is 2+2?"),
    ]
    generation = engine.stream_chat(history, GenerationParams(max_tokens=12, seed=1))
    pieces = list(generation)
    engine.close()
    metrics = generation.metrics
    assert len(pieces) == 12 and all(isinstance(p, str) for p in pieces)
    assert metrics.finish_reason == "length"
    assert metrics.generated_tokens == 12
    assert metrics.ttft_s > 0 and metrics.origin == server.url.removeprefix("http://")


def test_stop_ends_the_stream(server):
    engine = RemoteEngine(RemoteConfig(server.url))
    stop = threading.Event()
    generation = engine.stream_chat(
        [ChatMessage("user", "Count")], GenerationParams(max_tokens=400), stop
    )
    count = 0
    for _piece in generation:
        count += 1
        if count == 3:
            stop.set()
    engine.close()
    assert count == 3 and generation.metrics.finish_reason == "stopped"


def test_unknown_model_is_refused(server):
    with pytest.raises(RemoteError, match="no model named"):
        RemoteEngine(RemoteConfig(server.url, model="deepseek-r1-671b"))


def test_thinking_budget_never_ends_silently(server):
    """The R1 template drops an assistant message's thinking, so this server cannot continue
    after </think>: the answer must then say so instead of looking finished."""
    engine = RemoteEngine(RemoteConfig(server.url))
    params = GenerationParams(max_tokens=40, thinking_budget=5, seed=1)
    generation = engine.stream_chat([ChatMessage("user", "Hi")], params)
    generation.text()
    engine.close()
    metrics = generation.metrics
    assert metrics.thinking_tokens == 5
    assert metrics.wrapped_up or metrics.finish_reason == "no_continue"
