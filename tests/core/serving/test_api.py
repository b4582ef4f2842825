"""The OpenAI-compatible API on loopback, with the real tiny R1 model behind it."""

from __future__ import annotations

import json
import threading
import time
from typing import ClassVar

import pytest
import requests
from serving_helpers import serving

from desktop.core.engines.local import Engine, EngineConfig
from desktop.core.serving.api import MAX_BODY_BYTES, ServerConfig

KEY = "s3cret"


class SpyEngine(Engine):
    """The real engine, remembering how each answer ended (to see a disconnect stop it)."""

    ended: ClassVar[list] = []
    timeline: ClassVar[list] = []  # ("start" | "end", question), on the engine thread

    def stream_chat(self, history, params=None, stop=None):
        generation = super().stream_chat(history, params, stop)
        inner = generation._pieces
        question = history[-1].content

        def pieces():
            SpyEngine.timeline.append(("start", question))
            yield from inner
            SpyEngine.timeline.append(("end", question))
            SpyEngine.ended.append(generation.metrics)

        generation._pieces = pieces()
        return generation


@pytest.fixture
def loader(tiny_model):
    SpyEngine.ended = []
    SpyEngine.timeline = []
    return lambda: SpyEngine(EngineConfig(tiny_model, n_ctx=512, n_threads=2, use_mmap=False))


def ask(base: str, body: dict | bytes, key: str | None = KEY, stream: bool = False):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return requests.post(f"{base}/v1/chat/completions", data=data, headers=headers,
                         stream=stream, timeout=60)  # fmt: skip


def question(**extra) -> dict:
    return {"model": "tiny", "messages": [{"role": "user", "content": "2+2?"}],
            "max_tokens": 8, "seed": 1, **extra}  # fmt: skip


def test_bad_requests_get_openai_errors_and_the_server_keeps_serving(loader):
    config = ServerConfig(model_id="tiny", api_key=KEY)
    with serving(loader, config) as (base, _host):
        cases = [
            (ask(base, b"{not json"), 400),
            (ask(base, {"model": "tiny"}), 400),
            (ask(base, {"messages": []}), 400),
            (ask(base, {"messages": [{"role": "assistant", "content": "hi"}]}), 400),
            (ask(base, question(temperature="hot")), 400),
            (ask(base, b"{" + b" " * MAX_BODY_BYTES + b"}"), 413),
            (ask(base, question(), key="wrong"), 401),
            (ask(base, question(), key=None), 401),
            (ask(base, question(model="gpt-4o")), 404),
        ]
        for reply, status in cases:
            assert reply.status_code == status, reply.text
            error = reply.json()["error"]
            assert error["message"] and error["type"]
        models = requests.get(f"{base}/v1/models", headers={"Authorization": f"Bearer {KEY}"})
        assert [m["id"] for m in models.json()["data"]] == ["tiny"]
        assert requests.get(f"{base}/v1/models").status_code == 401
        assert ask(base, question()).status_code == 200


def test_a_prompt_longer_than_the_context_is_refused_with_the_numbers(loader):
    with serving(loader, ServerConfig(model_id="tiny")) as (base, _host):
        long = "word " * 2000
        reply = ask(base, {"messages": [{"role": "user", "content": long}], "max_tokens": 8})
        assert reply.status_code == 400
        message = reply.json()["error"]["message"]
        assert "512" in message and any(ch.isdigit() for ch in message.replace("512", ""))


def test_health_is_503_while_the_model_loads(loader):
    release = threading.Event()

    def slow_load():
        release.wait(30)
        return loader()

    with serving(slow_load, ServerConfig(model_id="tiny"), wait_loaded=False) as (base, host):
        assert requests.get(f"{base}/health").status_code == 503
        assert ask(base, question()).status_code == 503
        release.set()
        assert host.loaded.wait(60)
        assert requests.get(f"{base}/health").json() == {"status": "ok"}


def test_streaming_sends_thinking_as_reasoning_content_then_done(loader):
    with serving(loader, ServerConfig(model_id="tiny")) as (base, _host):
        reply = ask(base, question(stream=True, stream_options={"include_usage": True}),
                    stream=True)  # fmt: skip
        assert reply.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in reply.iter_lines(decode_unicode=True) if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    # The R1 template starts the answer inside <think>: the first words are thinking.
    assert any(c["choices"] and "reasoning_content" in c["choices"][0]["delta"] for c in chunks)
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 8
    assert chunks[-2]["choices"][0]["finish_reason"] == "length"


def test_reasoning_format_none_puts_the_thinking_inline_with_tags(loader):
    with serving(loader, ServerConfig(model_id="tiny")) as (base, _host):
        body = ask(base, question(reasoning_format="none")).json()
    message = body["choices"][0]["message"]
    assert message["content"].startswith("<think>\n")
    assert "reasoning_content" not in message


def test_a_full_queue_answers_429(loader):
    with serving(loader, ServerConfig(model_id="tiny"), max_pending=1) as (base, _host):
        first = ask(base, question(max_tokens=400, stream=True), stream=True)
        assert first.status_code == 200
        second = ask(base, question())
        assert second.status_code == 429
        assert second.json()["error"]["type"] == "rate_limit_error"
        first.close()


def test_a_client_that_disconnects_stops_its_generation(loader):
    with serving(loader, ServerConfig(model_id="tiny")) as (base, _host):
        reply = ask(base, question(max_tokens=100_000, stream=True), stream=True)
        lines = reply.iter_lines()
        for _ in range(3):
            next(lines)
        reply.close()  # the client goes away mid-answer
        deadline = time.monotonic() + 30
        while not SpyEngine.ended and time.monotonic() < deadline:
            time.sleep(0.05)
        assert SpyEngine.ended, "the generation did not end after the client left"
        metrics = SpyEngine.ended[0]
        assert metrics.finish_reason == "stopped"
        # The engine is free again: the next request is answered.
        assert ask(base, question()).status_code == 200


def test_concurrent_requests_run_one_after_the_other_in_arrival_order(loader):
    with serving(loader, ServerConfig(model_id="tiny")) as (base, _host):
        first = ask(base, question(messages=[{"role": "user", "content": "one"}],
                                   max_tokens=64, stream=True), stream=True)  # fmt: skip
        second = ask(base, question(messages=[{"role": "user", "content": "two"}],
                                    max_tokens=64, stream=True), stream=True)  # fmt: skip
        for reply in (second, first):
            assert reply.status_code == 200
            assert [line for line in reply.iter_lines() if line][-1] == b"data: [DONE]"
    assert SpyEngine.timeline == [("start", "one"), ("end", "one"), ("start", "two"),
                                  ("end", "two")]  # fmt: skip


def test_a_model_that_does_not_reason_answers_in_content(gemma_model):
    def load():
        return Engine(EngineConfig(gemma_model, n_ctx=512, n_threads=2))

    with serving(load, ServerConfig(model_id="gemma")) as (base, _host):
        body = ask(base, question(model="gemma", max_tokens=12)).json()
    message = body["choices"][0]["message"]
    assert message["content"] and "reasoning_content" not in message
    assert body["usage"]["completion_tokens"] == 12
