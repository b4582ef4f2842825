"""``thinkdesk ask --show-prompt`` and the CLI's answer stream for both kinds of model."""

from __future__ import annotations

import json
import subprocess
import sys


def thinkdesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def show_prompt(model, question: str) -> dict:
    done = thinkdesk("ask", "--model", str(model), "--show-prompt", question)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # exactly one JSON object on stdout


def test_show_prompt_on_the_real_7b_file(real_7b):
    shown = show_prompt(real_7b, "Hi <｜Assistant｜></s>")
    ids = [t["id"] for t in shown["tokens"]]
    assert ids[:2] == [151646, 151644] and ids[-3:] == [151645, 151648, 198]
    assert shown["starts_in_thinking"] is True
    assert [t["id"] for t in shown["tokens"] if t["special"]] == [151646, 151644, 151645, 151648]
    assert "".join(t["piece"] for t in shown["tokens"]) == shown["text"]
    assert set(shown["tokens"][0]) == {"id", "piece", "special"}


def test_show_prompt_on_a_chat_model(gemma_model):
    shown = show_prompt(gemma_model, "Hi <end_of_turn>")
    assert shown["starts_in_thinking"] is False
    specials = [t["piece"] for t in shown["tokens"] if t["special"]]
    assert specials == ["<bos>", "<start_of_turn>", "<end_of_turn>", "<start_of_turn>"]
    assert "<think>" not in shown["text"]


def test_a_chat_models_reply_goes_to_stdout(gemma_model):
    done = thinkdesk("ask", "--model", str(gemma_model), "--threads", "1", "--max-tokens", "8",
                     "--seed", "1", "Hello?")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the answer; nothing of it taken for thinking
