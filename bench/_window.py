"""Drive the real ThinkDesk window offscreen for bench/engine_overhead.py."""

from __future__ import annotations

import itertools
import json
import random
import threading
import time
from pathlib import Path

from _measure import BusyMonitor
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

SAMPLES = Path("/work/shared/samples/r1_outputs.jsonl")
REPO_SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "r1_outputs.jsonl"


def replay_messages(quick: bool) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(label, [(id, question, raw output), ...]) for each replay pass.

    Pass 1: every sample output as its own message. Pass 2: one long message whose answer is
    all sample answers four times over (markdown, LaTeX, code and a table), to show how the
    cost of rendering a streaming answer grows with its length.
    """
    from desktop.core.engines.think import split_output

    source = SAMPLES if SAMPLES.is_file() else REPO_SAMPLES
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    each = [(row["id"], row["question"], row["output"]) for row in rows]
    thinking = split_output(rows[0]["output"])[0]
    answers = "\n\n".join(a for _i, _q, out in each if (a := split_output(out)[1]))
    long = f"{thinking}\n</think>\n\n" + "\n\n".join([answers] * (1 if quick else 4))
    return [
        (f"window, replayed sample answers ({len(each)} messages)", each),
        (f"window, replayed long answer ({len(long) // 1000} kB)", [("long", "Summarise.", long)]),
    ]


class WindowDriver:
    """Services + MainWindow in this process, model opened through the session, questions sent
    through the composer; waits in a real event loop and watches the GUI thread meanwhile."""

    def __init__(self, app: QApplication, data: Path, model: Path, *, threads: int, seed: int):
        from desktop.app import Services
        from desktop.core.system.paths import DataDir
        from desktop.ui.main_window import MainWindow

        self.app = app
        self.model = model
        self.services = Services.create(DataDir(data))
        s = self.services.settings
        s.set_value("performance/threads", threads)
        s.set_value("performance/context_length", 4096)
        s.set_value("generation/seed", seed)
        s.set_value("generation/temperature", 0.6)
        s.set_value("generation/top_p", 0.95)
        s.set_value("performance/threads_batch", threads)
        s.set_value("performance/context_auto", False)
        # Built as desktop.app.run_gui builds it (history sidebar, settings, models folder).
        services = self.services
        self.window = MainWindow(
            services.session,
            services.chat,
            services.history,
            settings=services.settings,
            models_dir=services.data.models,
        )
        self.window.show()
        self.monitor = BusyMonitor()
        self._loop: QEventLoop | None = None
        self._done = False
        self._failure: str | None = None
        self._first_at = 0.0
        self._text: list[str] = []
        self._metrics: dict = {}
        chat = self.services.chat
        chat.thinking_received.connect(self._on_text)
        chat.answer_received.connect(self._on_text)
        chat.message_finished.connect(self._on_finished)
        chat.message_failed.connect(self._on_failed)
        self.services.session.state_changed.connect(self._on_state)

    # -- slots (GUI thread) -----------------------------------------------------------------
    def _on_text(self, _rid: int, text: str) -> None:
        self._first_at = self._first_at or time.perf_counter()
        self._text.append(text)

    def _on_finished(self, _rid: int, _stopped: bool, metrics: object) -> None:
        self._metrics = metrics if isinstance(metrics, dict) else {}
        self._finish()

    def _on_failed(self, _rid: int, message: str) -> None:
        self._failure = message
        self._finish()

    def _on_state(self, state: str, detail: str) -> None:
        if state == "failed":
            self._failure = detail
        if state in ("ready", "failed"):
            self._finish()

    def _finish(self) -> None:
        self._done = True
        if self._loop is not None:
            self._loop.quit()

    def _wait(self, timeout_s: float) -> None:
        """Run the event loop until a slot above says done."""
        self._loop = QEventLoop()
        QTimer.singleShot(int(timeout_s * 1000), self._loop.quit)
        if not self._done:
            self._loop.exec()
        self._loop = None
        if not self._done:
            raise TimeoutError(f"the window did not finish within {timeout_s:.0f} s")
        if self._failure:
            raise RuntimeError(f"the app reported: {self._failure}")

    def _settle(self) -> None:
        """Let deferred deletes and layouts of the previous chat finish before measuring."""
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()

    # -- commands -----------------------------------------------------------------------------
    def open(self) -> float:
        """Check and load the model through ModelSession; returns the seconds it took."""
        started = time.perf_counter()
        self._done = False
        self.services.session.open(self.model)
        self._wait(600)
        return time.perf_counter() - started

    def _send(self, question: str) -> None:
        self._done, self._failure, self._first_at = False, None, 0.0
        self._text.clear()
        self.window.composer.edit.setPlainText(question)
        self.window.composer.button.click()  # as a user would: the Send button

    def ask(self, question: str, max_tokens: int) -> dict:
        """A new chat, one question; metrics from message_finished plus GUI stall figures."""
        self.window.new_chat()
        self.services.settings.set_value("generation/max_tokens", max_tokens)
        self._settle()
        self.monitor.start()
        sent_at = time.perf_counter()
        self._send(question)
        self._wait(900)
        stall = self.monitor.stop()
        return {
            "metrics": self._metrics,
            "stall": stall,
            "e2e_ttft_s": self._first_at - sent_at,
            "text": "".join(self._text),
        }

    def replay(
        self, messages: list[tuple[str, str, str]], pieces_per_s: float
    ) -> tuple[dict[str, float], list[tuple[str, float]]]:
        """Stream recorded outputs through InferenceService.token, as the worker does.

        ``InferenceService.generate`` is shadowed for the pass so ChatController gets a request
        id without the worker generating anything; a plain thread then emits ``token`` in
        pieces of 1-6 characters (queued to the GUI thread, like the worker's emits) and
        finally ``finished``. Everything after the signal is the app's own path. Returns the
        stall figures of the pass and the longest stall per message.
        """
        inference = self.services.inference
        ids = itertools.count(1_000_000)
        issued: list[int] = []

        def fake_generate(_history: object, _params: object) -> int:
            issued.append(next(ids))
            return issued[-1]

        rng = random.Random(7)
        per_message: list[tuple[str, float]] = []
        self.window.new_chat()
        self._settle()
        inference.generate = fake_generate  # type: ignore[method-assign]
        self.monitor.start()
        try:
            for sample_id, question, output in messages:
                mark = self.monitor.count
                self._send(question)
                pieces, i = [], 0
                while i < len(output):
                    step = rng.randint(1, 6)
                    pieces.append(output[i : i + step])
                    i += step
                feeder = threading.Thread(
                    target=_feed, args=(inference, issued[-1], pieces, 1.0 / pieces_per_s)
                )
                feeder.start()
                self._wait(600)
                feeder.join()
                per_message.append((sample_id, self.monitor.longest_since(mark)))
        finally:
            stall = self.monitor.stop()
            del inference.generate  # the class's method again
        return stall, per_message

    def close(self) -> None:
        self.monitor.close()
        self.window.close()
        self.services.shutdown()
        self.window.deleteLater()
        self._settle()


def _feed(inference: object, request_id: int, pieces: list[str], interval: float) -> None:
    due = time.perf_counter()
    for piece in pieces:
        inference.token.emit(request_id, piece)  # type: ignore[attr-defined]
        due += interval
        time.sleep(max(0.0, due - time.perf_counter()))
    inference.finished.emit(request_id, False, {})  # type: ignore[attr-defined]
