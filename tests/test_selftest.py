"""Tests for ``thinkdesk --self-test`` (desktop.selftest)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(300)
def test_self_test_passes_from_the_command_line(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THINKDESK_DATA_DIR": str(tmp_path / "d")}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=280,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    checks = ("Qt", "window", "rendering", "SQLite FTS5", "resources", "llama.cpp",
              "model check", "generation")  # fmt: skip
    for check in checks:
        assert any(line.startswith("OK") and f" {check} " in line for line in out.splitlines()), (
            f"{check} did not pass:\n{out}"
        )
    assert "Self-test passed" in out
    assert "llama-cpp-python 0.3.36" in out
    assert "llama.cpp: CPU :" in out
    # It works in a temporary folder: the user's data folder is never created.
    assert not (tmp_path / "d").exists()


@pytest.mark.timeout(300)
def test_a_failing_check_is_reported_and_fails_the_run(monkeypatch: pytest.MonkeyPatch, qapp):
    def broken(self) -> str:
        raise RuntimeError("no FTS5 in this SQLite")

    monkeypatch.setattr(selftest.SelfTest, "check_sqlite", broken)
    # The model checks are covered above; skip their child process and model load here.
    monkeypatch.setattr(selftest.SelfTest, "check_model", lambda self: "skipped")
    monkeypatch.setattr(selftest.SelfTest, "check_generation", lambda self: "skipped")
    out = io.StringIO()
    assert selftest.run(out) == 1
    report = out.getvalue()
    assert "FAIL  SQLite FTS5" in report
    assert "RuntimeError: no FTS5 in this SQLite" in report
    assert "Self-test FAILED (SQLite FTS5)" in report
    assert "OK    window" in report


def test_no_network_refuses_internet_sockets_but_not_local_ones(tmp_path: Path):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        with selftest.no_network():
            with pytest.raises(OSError, match="network"):
                socket.create_connection(server.getsockname(), timeout=1)
            if hasattr(socket, "AF_UNIX"):
                local = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                with pytest.raises(OSError) as refused:
                    local.connect(str(tmp_path / "no-such-socket"))
                assert "network" not in str(refused.value)
                local.close()
        # Restored afterwards.
        socket.create_connection(server.getsockname(), timeout=1).close()
    finally:
        server.close()


def test_the_data_folder_is_private_while_running(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("THINKDESK_DATA_DIR", "/home/someone/real")
    with selftest._private_data_dir(tmp_path):
        assert os.environ["THINKDESK_DATA_DIR"] == str(tmp_path / "data")
    assert os.environ["THINKDESK_DATA_DIR"] == "/home/someone/real"
