"""``thinkdesk ask --server`` through a real subprocess: streams, stats and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from openai_standin import ANSWER, THINKING, StandIn


def thinkdesk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize("dialect", ["reasoning", "lone_close"])
def test_thinking_on_stderr_answer_on_stdout_stats_last(dialect):
    with StandIn(dialect) as server:
        done = thinkdesk("ask", "--server", server.url, "--stats", "What is 2+2?")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "".join(ANSWER) + "\n"
    *thinking, stats_line = done.stderr.strip().splitlines()
    assert "".join(thinking).strip() == "".join(THINKING)
    stats = json.loads(stats_line)
    assert stats["finish_reason"] == "stop" and stats["origin"] == server.url[7:]


CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


@pytest.mark.parametrize("props", [{"chat_template": CHATML}, None])
def test_a_plain_chat_models_reply_is_the_answer_on_stdout(props):
    # With llama-server's /props the template says "no thinking"; with no facts at all the
    # reply streams as thinking and, never closed, ends up printed as the answer.
    with StandIn("chat", models=("qwen2.5-7b-instruct",), props=props) as server:
        done = thinkdesk("ask", "--server", server.url, "--stats", "What is 2+2?")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "".join(ANSWER) + "\n"
    *thinking, stats_line = done.stderr.strip().splitlines()
    assert json.loads(stats_line)["thinking_tokens"] == 0
    if props is not None:
        assert thinking == []


def test_api_key_from_the_environment_and_the_model_by_name():
    with StandIn(models=("small", "r1-32b")) as server:
        server.faults.api_key = "sk-env"
        done = thinkdesk("ask", "--server", server.url, "--remote-model", "r1-32b", "Hi",
                         env={"THINKDESK_API_KEY": "sk-env"})  # fmt: skip
        refused = thinkdesk("ask", "--server", server.url, "--api-key", "wrong", "Hi")
    assert done.returncode == 0, done.stderr
    assert server.requests[0]["model"] == "r1-32b"
    assert refused.returncode == 3 and "API key" in refused.stderr


def test_dropped_stream_exits_1_and_keeps_what_arrived():
    with StandIn() as server:
        server.faults.drop_after = 7
        done = thinkdesk("ask", "--server", server.url, "Hi")
    assert done.returncode == 1
    assert done.stdout.strip() == "The answer"
    assert "dropped" in done.stderr


@pytest.mark.parametrize("fault", ["unknown_model", "unreachable", "loading"])
def test_unavailable_server_or_model_exits_3(fault):
    with StandIn() as server:
        url = server.url
        args = ["ask", "--server", url, "Hi"]
        if fault == "unknown_model":
            args[3:3] = ["--remote-model", "nope"]
        if fault == "loading":
            server.faults.statuses = [429]
        if fault != "unreachable":
            done = thinkdesk(*args)
    if fault == "unreachable":
        done = thinkdesk(*args)
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "args", [["ask", "--server", "gpu-box:8080", "Hi"], ["ask", "--server", "http://a", "--model",
             "m.gguf", "Hi"], ["--server", "ftp://x"]],
)  # fmt: skip
def test_bad_server_arguments_are_usage_errors(args):
    assert thinkdesk(*args).returncode == 2


def test_window_opens_connected_to_the_server(monkeypatch):
    import desktop.app
    from desktop.cli import main

    seen: dict = {}

    def fake_run_gui(data, model_path=None, server=None):
        seen.update(model=model_path, server=server)
        return 0

    monkeypatch.setattr(desktop.app, "run_gui", fake_run_gui)
    assert main(["--server", "http://gpu-box:8080"]) == 0
    assert seen == {"model": None, "server": "http://gpu-box:8080"}
