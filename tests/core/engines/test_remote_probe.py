"""Connecting asks the server how its model's replies start (/props, /api/show) within a short
time in all: a server that never answers those still connects, slow answers within the time
still count, and Cancel ends connecting at once (engines.remote_probe)."""

from __future__ import annotations

import threading
import time

import pytest
from openai_standin import StandIn

from desktop.core.engines import r1_format as r1
from desktop.core.engines.remote import RemoteConfig, RemoteEngine, RemoteError, list_models
from desktop.core.engines.remote_probe import HEAD_START_S

#: Slack for a busy test machine on top of the probe time.
SLACK_S = 1.0
# Qwen2.5 Instruct's template cut to what matters, and Ollama's Llama 3 (a Go template).
CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
OLLAMA_LLAMA = "{{ range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>{{ end }}"


def wait_until(condition, timeout: float = 2.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.mark.parametrize(("model", "start"), [("r1-32b", "thinking"), ("my-model", "unknown")])
def test_a_server_that_never_answers_the_probes_connects_within_the_bound(model, start):
    with StandIn("chat", models=(model,)) as server:
        server.faults.hang_probes = True
        config = RemoteConfig(server.url)
        started = time.monotonic()
        engine = RemoteEngine(config)
        took = time.monotonic() - started
        engine.close()
        assert took < config.probe_for_s + SLACK_S
        assert engine.model == model and engine.reply_start == start  # from the names
        assert sorted(server.probes) == ["/api/show", "/props"]
        # Both probes asked at once (not one after the other), and hung up on when time was up.
        assert wait_until(lambda: sorted(server.hung_up) == ["/api/show", "/props"], 1.0)


def test_the_probe_time_is_a_setting():
    with StandIn("chat", models=("my-model",)) as server:
        server.faults.hang_probes = True
        started = time.monotonic()
        RemoteEngine(RemoteConfig(server.url, probe_for_s=0.3)).close()
        assert time.monotonic() - started < 0.3 + SLACK_S


def test_slow_answers_within_the_time_still_count():
    props = {"chat_template": CHATML, "eos_token": "<|im_end|>"}
    with StandIn("chat", models=("r1-32b",), props=props) as server:
        server.faults.probe_delay_s = HEAD_START_S + 0.3
        engine = RemoteEngine(RemoteConfig(server.url))
        engine.close()
    assert engine.reply_start == "answer"  # the template beats the name, as before
    # /props was slow, so Ollama's probe went out alongside it; /props still decided.
    assert sorted(server.probes) == ["/api/show", "/props"]

    show = {"template": OLLAMA_LLAMA, "capabilities": ["completion"]}
    with StandIn("chat", models=("deepseek-r1:7b",), show=show) as server:
        server.faults.probe_delay_s = 0.5
        engine = RemoteEngine(RemoteConfig(server.url))
        engine.close()
    assert engine.reply_start == "answer"


def test_a_quick_template_ends_the_probing():
    with StandIn(
        "lone_close", models=("my-model",), props={"chat_template": r1.R1_CHAT_TEMPLATE}
    ) as server:
        engine = RemoteEngine(RemoteConfig(server.url))
        engine.close()
    assert engine.reply_start == "thinking" and server.probes == ["/props"]


def connect_in_thread(
    config: RemoteConfig, cancel: threading.Event
) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["engine"] = RemoteEngine(config, cancel=cancel)
            outcome["engine"].close()
        except RemoteError as err:
            outcome["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_cancel_during_a_hanging_probe_returns_at_once():
    with StandIn("chat", models=("my-model",)) as server:
        server.faults.hang_probes = True
        cancel = threading.Event()
        thread, outcome = connect_in_thread(RemoteConfig(server.url), cancel)
        assert server.probe_seen.wait(5)
        time.sleep(0.1)  # well inside the probe time
        cancelled = time.monotonic()
        cancel.set()
        thread.join(5)
        assert time.monotonic() - cancelled < 0.5 and not thread.is_alive()
        assert outcome["engine"].reply_start == "unknown"  # the worker discards it
        assert wait_until(lambda: "/props" in server.hung_up, 1.0)  # the probe was cut


@pytest.mark.parametrize("listing", [False, True])
def test_cancel_while_the_model_list_hangs_returns_at_once(listing):
    """The list request has a long read timeout (a busy server); Cancel cuts it."""
    with StandIn("chat", models=("my-model",)) as server:
        server.faults.hang_models = True
        cancel = threading.Event()
        config = RemoteConfig(server.url)
        if listing:
            outcome: dict = {}

            def run() -> None:
                outcome["models"] = list_models(config, cancel)

            thread = threading.Thread(target=run)
            thread.start()
        else:
            thread, outcome = connect_in_thread(config, cancel)
        time.sleep(0.3)
        cancelled = time.monotonic()
        cancel.set()
        thread.join(5)
        assert time.monotonic() - cancelled < 0.5 and not thread.is_alive()
        assert outcome.get("models", []) == [] and "engine" not in outcome
        assert wait_until(lambda: server.hung_up == ["/v1/models"], 1.0)
        assert server.probes == []  # nothing more was asked after the Cancel
