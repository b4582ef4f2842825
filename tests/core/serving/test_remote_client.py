"""ThinkDesk's own remote engine against `thinkdesk serve`'s API: one PC shares, another asks."""

from __future__ import annotations

import threading

from serving_helpers import serving

from desktop.core.engines.generation import GenerationParams
from desktop.core.engines.local import Engine, EngineConfig
from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.remote import RemoteConfig, RemoteEngine
from desktop.core.engines.think import split_output
from desktop.core.serving.api import ServerConfig


def test_the_remote_engine_streams_thinking_and_answer_from_thinkdesk_serve(tiny_model):
    def load():
        return Engine(EngineConfig(tiny_model, n_ctx=512, n_threads=2, use_mmap=False))

    with serving(load, ServerConfig(model_id="tiny-r1", api_key="k")) as (base, _host):
        remote = RemoteEngine(RemoteConfig(base, api_key="k"))
        try:
            assert remote.model == "tiny-r1"
            params = GenerationParams(max_tokens=12, seed=4)
            generation = remote.stream_chat([ChatMessage("user", "2+2?")], params)
            text = generation.text()
        finally:
            remote.close()
    # The server sends the thinking as reasoning_content; the client shows it as thinking.
    thinking, _answer = split_output(text)
    assert thinking
    assert generation.metrics is not None and generation.metrics.generated_tokens == 12


def test_stop_on_the_client_ends_the_generation_on_the_server(tiny_model):
    ended: list = []

    class Recording(Engine):
        def stream_chat(self, history, params=None, stop=None):
            generation = super().stream_chat(history, params, stop)
            inner = generation._pieces

            def pieces():
                yield from inner
                ended.append(generation.metrics)

            generation._pieces = pieces()
            return generation

    def load():
        return Recording(EngineConfig(tiny_model, n_ctx=4096, n_threads=2, use_mmap=False))

    with serving(load, ServerConfig(model_id="tiny-r1")) as (base, _host):
        remote = RemoteEngine(RemoteConfig(base))
        stop = threading.Event()
        try:
            generation = remote.stream_chat(
                [ChatMessage("user", "Talk")], GenerationParams(max_tokens=3000), stop
            )
            for n, _piece in enumerate(generation):
                if n == 5:
                    stop.set()
        finally:
            remote.close()
        for _ in range(600):
            if ended:
                break
            threading.Event().wait(0.05)
    assert ended and ended[0].finish_reason == "stopped"
    assert ended[0].generated_tokens < 3000
