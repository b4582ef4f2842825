"""The desktop app as a real process: quitting (Ctrl+Q, Ctrl+C) whatever it is doing, and one
running copy per data folder."""

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

from desktop.core.system.paths import DataDir
from desktop.services.instance import SingleInstance
from desktop.storage.history import HistoryStore

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("app_driver.py")
#: A clean quit must end the process within this, whatever it was doing.
QUIT_S = 10


class App:
    """A child process running the app; with the driver, the stages it reports in a file."""

    def __init__(self, args: list[str], marks: Path | None = None):
        env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
        self.marks = marks
        self.child = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env, text=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        self.stderr: list[str] = []
        # Drained, or llama.cpp's log would fill the pipe and block the child.
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        assert self.child.stderr is not None
        self.stderr.extend(self.child.stderr)

    def _marked(self, line: str) -> bool:
        try:
            return line in self.marks.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            return False

    def wait_for(self, line: str, timeout: float = 120) -> float:
        """Wait until the driver reports ``line``; returns when it was seen."""
        deadline = time.monotonic() + timeout
        while not self._marked(line):
            assert self.child.poll() is None, f"exited {self.child.returncode}: {self.log()}"
            assert time.monotonic() < deadline, f"no {line!r} within {timeout} s: {self.log()}"
            time.sleep(0.02)
        return time.monotonic()

    def log(self) -> str:
        self._reader.join(0.5 if self.child.poll() is not None else 0)
        return "".join(line for line in self.stderr if not line.startswith(("llama", "load")))

    def end(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait(30)
        self._reader.join(5)


@pytest.fixture
def run_app():
    started: list[App] = []

    def start(*args: str, marks: Path | None = None) -> App:
        app = App(list(args), marks)
        started.append(app)
        return app

    yield start
    for app in started:
        app.end()


def drive(run_app, data: Path, model: Path, *options: str) -> App:
    """The app on ``model`` through tests/app_driver.py (see there for the options)."""
    marks = data.parent / "marks.txt"
    return run_app(str(DRIVER), str(data), str(model), str(marks), *options, marks=marks)


def exits_cleanly_within(app: App, since: float, seconds: float = QUIT_S) -> None:
    try:
        code = app.child.wait(timeout=max(1.0, since + seconds - time.monotonic()))
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {seconds} s after the quit: {app.log()}")
    assert code == 0, app.log()
    assert "Traceback" not in app.log() and "KeyboardInterrupt" not in app.log(), app.log()


def answer_closed(data: Path) -> bool:
    """The answer was saved as ended ("stopped", or "complete" if the tiny model's random
    tokens hit end-of-text first), not left "streaming" to be marked "interrupted"."""
    return streamed_answer_status(data) in ("stopped", "complete")


def streamed_answer_status(data: Path) -> str:
    conn = sqlite3.connect(data / "history.sqlite3")
    try:
        (status,) = conn.execute("SELECT status FROM messages WHERE role = 'assistant'").fetchone()
    finally:
        conn.close()
    return status


# -- quitting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["probe", "load"])
def test_ctrl_q_while_a_big_model_loads_exits_0(run_app, tmp_path, real_7b, stage):
    """Loading without mmap cannot be interrupted: the app must still leave at once, exit 0."""
    trust = ["--trust"] if stage == "load" else []  # probed already: straight into llama.cpp
    app = drive(run_app, tmp_path / "data", real_7b, *trust, "--quit-after", "2")
    quit_at = app.wait_for("quit")
    exits_cleanly_within(app, quit_at)


def test_ctrl_q_while_answering_exits_0_and_saves_the_answer(run_app, tmp_path, tiny_model):
    data = tmp_path / "data"
    app = drive(run_app, data, tiny_model, "--ask", "--quit-after", "0.1")
    exits_cleanly_within(app, app.wait_for("quit"))
    assert answer_closed(data)


@pytest.mark.skipif(os.name != "posix", reason="delivers SIGINT like a terminal's Ctrl+C")
def test_ctrl_c_while_answering_quits_cleanly_and_saves_the_answer(run_app, tmp_path, tiny_model):
    data = tmp_path / "data"
    app = drive(run_app, data, tiny_model, "--ask")
    app.wait_for("streaming")
    time.sleep(0.1)  # into the stream: tokens keep arriving in slots
    sent = time.monotonic()
    app.child.send_signal(signal.SIGINT)
    exits_cleanly_within(app, sent)
    assert answer_closed(data)


@pytest.mark.skipif(os.name != "posix", reason="delivers SIGINT like a terminal's Ctrl+C")
def test_ctrl_c_while_a_big_model_loads_quits_cleanly(run_app, tmp_path, real_7b):
    app = drive(run_app, tmp_path / "data", real_7b, "--trust")
    app.wait_for("loading")
    time.sleep(1)
    sent = time.monotonic()
    app.child.send_signal(signal.SIGINT)
    exits_cleanly_within(app, sent)


# -- one copy per data folder ------------------------------------------------------------------


def test_a_second_start_brings_the_first_forward_and_touches_nothing(qtbot, run_app, tmp_path):
    data = DataDir(tmp_path / "data").ensure()
    store = HistoryStore(data.history_file)  # the first copy, mid-answer
    cid = store.create_conversation("Busy")
    store.add_message(cid, "user", "Hi")
    store.add_message(cid, "assistant", status="streaming")
    store.close()
    first = SingleInstance(data.root)
    assert first.acquire()
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=60_000):
            second = run_app("-m", "desktop", "--data-dir", str(data.root))
        qtbot.waitUntil(lambda: second.child.poll() is not None, timeout=30_000)
        assert second.child.returncode == 0, second.log()
    finally:
        first.release()
    conn = sqlite3.connect(data.history_file)
    (status,) = conn.execute("SELECT status FROM messages WHERE role = 'assistant'").fetchone()
    conn.close()
    assert status == "streaming", "the second copy must not mark the first one's answer"


def test_a_crashed_copy_does_not_lock_the_folder(tmp_path):
    data = DataDir(tmp_path / "data").ensure()
    crash = (
        "import os, sys; from pathlib import Path\n"
        "from desktop.services.instance import SingleInstance\n"
        "held = SingleInstance(Path(sys.argv[1]))\n"
        "assert held.acquire()\n"
        "os._exit(9)  # no clean-up, like a crash\n"
    )
    done = subprocess.run([sys.executable, "-c", crash, str(data.root)], cwd=ROOT, timeout=60)
    assert done.returncode == 9
    assert (data.root / "thinkdesk.lock").exists()
    instance = SingleInstance(data.root)
    assert instance.acquire()
    try:
        assert not SingleInstance(data.root).acquire()  # and now it is held again
    finally:
        instance.release()
