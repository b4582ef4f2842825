"""The thinkdesk command through a real subprocess: output streams and every exit code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from desktop import __version__


def thinkdesk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


def test_version():
    done = thinkdesk("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_ask_streams_thinking_to_stderr_and_prints_stats(tiny_model, tmp_path):
    data = tmp_path / "portable"
    done = thinkdesk("--data-dir", str(data), "ask", "--model", str(tiny_model), "--threads", "2",
                     "--max-tokens", "12", "--seed", "3", "--stats", "Hello?")  # fmt: skip
    assert done.returncode == 0, done.stderr
    *thinking, stats_line = done.stderr.strip().splitlines()
    stats = json.loads(stats_line)
    assert stats["generated_tokens"] == 12 and stats["finish_reason"] == "length"
    assert stats["ttft_s"] > 0 and stats["decode_tokens_per_s"] > 0
    # The tiny model never closes its thinking: all of it is thinking, the answer is empty.
    assert "".join(thinking).strip()
    assert done.stdout.strip() == ""
    assert (data / "model_checks.json").is_file(), "--data-dir must hold the state"


def test_question_from_stdin(tiny_model):
    done = thinkdesk("ask", "--model", str(tiny_model), "--max-tokens", "3", "-",
                     input="What is 2+2?")  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "args",
    [["ask", "hi"], ["ask", "--model"], ["ask", "--model", "m.gguf", "--threads", "0", "hi"],
     ["ask", "--model", "m.gguf", "--temperature", "-1", "hi"], ["--bogus"]],
)  # fmt: skip
def test_usage_errors_exit_2(args):
    assert thinkdesk(*args).returncode == 2


def test_empty_question_is_a_usage_error(tiny_model):
    assert thinkdesk("ask", "--model", str(tiny_model), "   ").returncode == 2


@pytest.mark.parametrize(
    "fixture", ["bad_magic_model", "truncated_model", "duplicate_tokens_model"]
)
def test_unopenable_model_exits_3_with_reason(request, fixture):
    path = request.getfixturevalue(fixture)
    done = thinkdesk("ask", "--model", str(path), "hi")
    assert done.returncode == 3
    assert "cannot open the model" in done.stderr and path.name in done.stderr


def test_missing_model_exits_3(tmp_path):
    done = thinkdesk("ask", "--model", str(tmp_path / "absent.gguf"), "hi")
    assert done.returncode == 3 and "absent.gguf" in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="SIGINT delivery")
def test_interrupt_exits_130(tiny_model):
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "ask", "--model", str(tiny_model), "--max-tokens",
         "1000000", "--ctx", "65536", "Count forever"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    streamed = threading.Event()

    def watch() -> None:
        if child.stderr.read(16):
            streamed.set()
        child.stderr.read()  # keep draining so the child never blocks on a full pipe

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert streamed.wait(60), "no thinking streamed"
        child.send_signal(signal.SIGINT)  # Ctrl+C
        assert child.wait(timeout=20) == 130
    finally:
        child.kill()
        child.wait()
