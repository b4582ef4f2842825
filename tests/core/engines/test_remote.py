"""The remote engine against a loopback stand-in that replays each server dialect and fault."""

from __future__ import annotations

import threading
import time

import pytest
from openai_standin import ANSWER, THINKING, StandIn

from desktop.core.engines.base import ChatEngine, EngineError
from desktop.core.engines.generation import GenerationParams, RequestControl
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote import RemoteConfig, RemoteEngine, api_base, list_models
from desktop.core.engines.remote_http import UNAVAILABLE, RemoteError
from desktop.core.engines.think import split_output

THOUGHT, ANSWERED = "".join(THINKING), "".join(ANSWER)


def ask(text: str = "What is 2+2?") -> list[ChatMessage]:
    return [ChatMessage("user", text)]


def connect(server: StandIn, **config) -> RemoteEngine:
    config.setdefault("retry_delay_s", 0.05)
    return RemoteEngine(RemoteConfig(server.url, **config))


@pytest.mark.parametrize("dialect", ["reasoning_content", "reasoning", "inline", "lone_close"])
def test_every_dialect_streams_thinking_then_answer(dialect):
    with StandIn(dialect) as server:
        engine = connect(server)
        assert isinstance(engine, ChatEngine)
        generation = engine.stream_chat(ask())
        pieces = list(generation)
    thinking, answer = split_output("".join(pieces))
    assert thinking.strip() == THOUGHT
    assert answer == ANSWERED
    metrics = generation.metrics
    assert metrics.finish_reason == "stop"
    assert metrics.thinking_tokens == len(THINKING)
    assert metrics.generated_tokens == len(server.script(False))  # from the usage chunk
    assert metrics.prompt_tokens == 12
    assert metrics.origin == server.url.removeprefix("http://")


def test_llama_server_timings_become_the_metrics():
    with StandIn("inline", timings=True) as server:
        generation = connect(server).stream_chat(ask())
        generation.text()
    assert generation.metrics.decode_tokens_per_s == 55.5
    assert generation.metrics.prompt_tokens_per_s == 480.0


def test_history_goes_as_answers_only_with_r1_sampling():
    history = [
        ChatMessage("user", "First?"),
        ChatMessage("assistant", "secret reasoning</think>\n\nFirst answer."),
        ChatMessage("user", "Second?"),
    ]
    with StandIn() as server:
        connect(server).stream_chat(history, GenerationParams(max_tokens=77)).text()
    body = server.requests[-1]
    assert [m["content"] for m in body["messages"]] == ["First?", "First answer.", "Second?"]
    assert "secret" not in str(body)
    assert (body["temperature"], body["top_p"], body["max_tokens"]) == (0.6, 0.95, 77)
    assert body["stream"] is True and body["model"] == "r1-32b"


def test_answer_cut_at_max_tokens_says_length():
    with StandIn() as server:
        generation = connect(server).stream_chat(ask(), GenerationParams(max_tokens=3))
        generation.text()
    assert generation.metrics.finish_reason == "length"


def test_503_while_loading_is_retried_and_shown():
    notices: list[str] = []
    with StandIn() as server:
        server.faults.statuses = [503, 503]
        engine = RemoteEngine(RemoteConfig(server.url, retry_delay_s=0.05), notice=notices.append)
        assert engine.model == "r1-32b"
    assert len(notices) == 2 and "not ready" in notices[0]


def test_503_for_too_long_gives_up_as_unavailable():
    with StandIn() as server:
        server.faults.statuses = [503] * 50
        with pytest.raises(RemoteError) as caught:
            connect(server, retry_for_s=0.2)
    assert caught.value.kind == UNAVAILABLE and "503" in str(caught.value)


@pytest.mark.parametrize("status, words", [(401, "API key"), (403, "API key"), (429, "busy")])
def test_refusals_are_plain_words(status, words):
    with StandIn() as server:
        server.faults.statuses = [status]
        with pytest.raises(RemoteError) as caught:
            connect(server)
    assert caught.value.kind == UNAVAILABLE and words in str(caught.value)


def test_api_key_is_sent_as_bearer():
    with StandIn() as server:
        server.faults.api_key = "sk-office"
        with pytest.raises(RemoteError):
            connect(server)
        assert connect(server, api_key="sk-office").stream_chat(ask()).text()
    assert "sk-office" not in repr(RemoteConfig(server.url, api_key="sk-office"))


def test_unknown_model_names_what_the_server_offers():
    with StandIn(models=("a", "b")) as server:
        with pytest.raises(RemoteError) as caught:
            connect(server, model="r1-70b")
        assert list_models(RemoteConfig(server.url)) == ["a", "b"]
    assert "r1-70b" in str(caught.value) and "a, b" in str(caught.value)


def test_stream_cut_mid_answer_keeps_what_arrived():
    with StandIn() as server:
        server.faults.drop_after = 7
        generation = connect(server).stream_chat(ask())
        pieces: list[str] = []
        with pytest.raises(EngineError, match="dropped"):
            for piece in generation:
                pieces.append(piece)
    thinking, answer = split_output("".join(pieces))
    assert thinking == THOUGHT and answer == "The answer"


def test_garbage_line_fails_clearly_and_keeps_what_arrived():
    with StandIn("reasoning") as server:
        server.faults.garbage_after = 3
        pieces: list[str] = []
        with pytest.raises(RemoteError, match="cannot read"):
            for piece in connect(server).stream_chat(ask()):
                pieces.append(piece)
    assert "".join(pieces) == "".join(THINKING[:3])


def test_stall_past_the_read_timeout_fails_with_the_seconds():
    with StandIn() as server:
        server.faults.stall_after, server.faults.stall_s = 2, 3.0
        pieces: list[str] = []
        with pytest.raises(RemoteError, match=r"sent nothing for 0\.5 s"):
            for piece in connect(server, read_timeout=0.5).stream_chat(ask()):
                pieces.append(piece)
    assert len(pieces) == 2


def test_stop_closes_the_stream_so_the_server_stops():
    with StandIn() as server:
        server.faults.endless, server.faults.delay_s = True, 0.01
        stop = threading.Event()
        generation = connect(server).stream_chat(ask(), stop=stop)
        for n, _piece in enumerate(generation, 1):
            if n == 5:
                stop.set()
        assert generation.metrics.finish_reason == "stopped"
        assert server.disconnected.wait(5), "the server kept streaming to nobody"
        assert server.chunks_sent < 1000


def test_stop_while_the_server_is_silent_returns_at_once():
    with StandIn() as server:
        server.faults.stall_after, server.faults.stall_s = 1, 8.0
        stop = threading.Event()
        generation = connect(server).stream_chat(ask(), stop=stop)
        started = time.monotonic()
        for _piece in generation:
            threading.Timer(0.2, stop.set).start()
        assert time.monotonic() - started < 6.0  # well before the server's 8 s silence ends
    assert generation.metrics.finish_reason == "stopped"


@pytest.mark.parametrize("dialect", ["reasoning_content", "lone_close"])
def test_wrap_up_continues_after_the_thinking(dialect):
    with StandIn(dialect) as server:
        server.faults.endless = True
        control = RequestControl()
        pieces = []
        for piece in connect(server).stream_chat(ask(), stop=control):
            pieces.append(piece)
            if len(pieces) == 3:
                control.wrap_up.set()
        wrap = server.requests[-1]
    thinking, answer = split_output("".join(pieces))
    assert answer == ANSWERED and thinking.startswith("Let me think")
    assert wrap["continue_final_message"] is True
    assert wrap["messages"][-1]["role"] == "assistant"
    assert wrap["messages"][-1]["content"].endswith("</think>\n\n")


def test_thinking_budget_wraps_up_by_itself():
    with StandIn("reasoning") as server:
        server.faults.endless = True
        generation = connect(server).stream_chat(ask(), GenerationParams(thinking_budget=4))
        _thinking, answer = split_output(generation.text())
    assert answer == ANSWERED and generation.metrics.wrapped_up
    assert generation.metrics.thinking_tokens == 4


def test_wrap_up_on_a_server_that_cannot_continue_says_so():
    with StandIn("reasoning") as server:
        server.faults.endless, server.faults.continues = True, False
        generation = connect(server).stream_chat(ask(), GenerationParams(thinking_budget=3))
        thinking, answer = split_output(generation.text())
    assert generation.metrics.finish_reason == "no_continue"
    assert answer == "" and thinking == "".join(THINKING[:3])


def test_unreachable_host_and_tls_failure_are_explained():
    with StandIn() as server:
        url = server.url
        https = url.replace("http://", "https://")
        with pytest.raises(RemoteError, match="secure connection"):
            RemoteEngine(RemoteConfig(https))
    with pytest.raises(RemoteError, match="Cannot reach") as caught:
        RemoteEngine(RemoteConfig(url, connect_timeout=2))
    assert caught.value.kind == UNAVAILABLE


def test_offline_allows_only_local_network_hosts():
    with pytest.raises(RemoteError, match="work offline"):
        RemoteEngine(RemoteConfig("https://8.8.8.8", offline=True))  # refused before any packet
    with StandIn() as server:
        assert connect(server, offline=True).model == "r1-32b"


@pytest.mark.parametrize(
    "url", ["http://gpu:8080", "http://gpu:8080/", "http://gpu:8080/v1", "http://gpu:8080/v1/"]
)
def test_api_base_accepts_the_usual_spellings(url):
    assert api_base(url) == "http://gpu:8080/v1"
