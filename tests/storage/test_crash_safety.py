"""Kill -9 in the middle of an answer: at most about a second of it may be lost.

A child process runs the real ChatController and HistoryService (default 1 s checkpoint timer)
while a timer feeds it tokens as the inference worker would, printing each piece once it has
been handed over. The parent kills it with SIGKILL and reopens the file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.storage.history import HistoryStore

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from desktop.services.chat import ChatController
from desktop.services.history import HistoryService
from desktop.services.settings import Settings

class Inference(QObject):
    model_loaded = Signal(int, object)  # load id, LoadedModel
    token = Signal(int, str)
    finished = Signal(int, bool, object)
    failed = Signal(int, str)
    def generate(self, history, params):
        return 1
    def stop(self, request_id=None):
        pass

app = QCoreApplication([])
inference = Inference()
chat = ChatController(inference, Settings(sys.argv[2]))
history = HistoryService.open(sys.argv[1])
history.attach(chat)
chat.send("Count slowly, then answer.")
count = 0

def tick():
    global count
    count += 1
    piece = "</think>" if count == 60 else (f"t{count:04d} " if count < 60 else f"a{count:04d} ")
    inference.token.emit(1, piece)
    print(piece, flush=True)

timer = QTimer()
timer.timeout.connect(tick)
timer.start(10)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_killed_mid_answer_keeps_all_but_the_last_second(tmp_path):
    db = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(tmp_path / "settings.ini")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    received: list[tuple[float, str]] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            received.append((time.monotonic(), line.rstrip("\n")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    # Past the second checkpoint (2 s) and well into the answer part.
    while len(received) < 250 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert child.poll() is None, child.stderr.read() if child.stderr else ""
    killed_at = time.monotonic()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    reader.join(5)
    assert child.returncode == -signal.SIGKILL

    # Read the file as the kill left it, before any recovery runs.
    conn = sqlite3.connect(db)
    status, content = conn.execute(
        "SELECT status, content FROM messages WHERE role = 'assistant'"
    ).fetchone()
    conn.close()
    streamed = "".join(piece for _t, piece in received)
    assert status == "streaming"
    assert content and streamed.startswith(content), "saved text must be what was streamed"
    assert "</think>a0061" in content  # the checkpoint covers the answer part as well
    # Everything handed over more than ~1 s (plus scheduling slack) before the kill is saved.
    old_enough = "".join(piece for t, piece in received if t < killed_at - 1.5)
    assert len(content) >= len(old_enough), (len(content), len(old_enough))

    store = HistoryStore(db)  # the next start
    assert store.interrupted_on_open == 1
    cid = store.conversations()[0].id
    user, answer = store.thread(cid)
    assert user.content == "Count slowly, then answer."
    assert (answer.status, answer.content) == ("interrupted", content)
    store.close()
