"""Does rendering a streaming answer cost the same per token at the end as at the start?

    .venv/bin/python bench/stream_render.py [--full] [--rates 200] [--views chat,classroom]

Replays a 20,000-token R1 answer (bench/_stream_text.py: a long thinking with LaTeX, then
Markdown with display math, a 2,000-line code block, a 200-row table and closing prose) into
the real main window (Services + MainWindow, offscreen) through ``InferenceService.token``,
as the inference worker emits it, at a fixed token rate. Everything after that signal is the
app's own path: ChatController, the think splitter, the chat view, and, in the classroom pass,
the classroom view following the stream (a step revealed every second, the answer shown as it
starts). The GUI thread's busy intervals (QAbstractEventDispatcher awake -> aboutToBlock) are
attributed to the 1,000-token window in which they started.

Then a 16,000-token thinking streams while the "user" scrolls, folds, unfolds and selects it
(bench/_interact.py); each action's response time is reported. Busy time is given as wall
time and as GUI-thread CPU time (the machine may be shared). Default (quick): 200 tokens/s,
every pass (about 6 minutes). ``--full`` adds 30 tokens/s (about 30 minutes more). Prints
tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from _interact import interact
from _measure import BusyMonitor, log, table
from _stream_text import PHASES, build_answer

# Qt's GLib event dispatcher does not emit "awake" for every batch of posted events, so busy
# time would be undercounted several-fold; the plain Unix dispatcher does.
os.environ.setdefault("QT_NO_GLIB", "1")
WINDOW = 1_000
GOALS = {"end/start": 1.3, "stall_ms": 30.0}


class TimedMonitor(BusyMonitor):
    """BusyMonitor that also keeps when each busy interval started and the GUI thread's CPU
    time in it: on a shared 2-core machine the wall time of an interval includes the time the
    thread waited for a core, the CPU time does not."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[float] = []
        self.cpu: list[float] = []
        self._cpu_at = 0.0

    def _on_awake(self) -> None:
        if self._active and self._awake_at is None:
            self._cpu_at = time.thread_time()
        super()._on_awake()

    def _on_block(self) -> None:
        if self._active and self._awake_at is not None:
            self.starts.append(self._awake_at)
            self.cpu.append(time.thread_time() - self._cpu_at)
        super()._on_block()

    def start(self) -> None:
        super().start()
        self.starts = [self._awake_at or time.perf_counter()]
        self._cpu_at = time.thread_time()
        self.cpu = []

    def stop(self) -> dict[str, float]:
        if self._awake_at is not None:
            self.starts.append(self._awake_at)
            self.cpu.append(time.thread_time() - self._cpu_at)
        result = super().stop()
        result["longest_cpu_ms"] = 1000 * max(self.cpu, default=0.0)
        result["cpu_pct"] = 100 * sum(self.cpu) / result["elapsed_s"]
        return result

    def busy_between(self, t0: float, t1: float) -> float:
        """Seconds of busy intervals that started in [t0, t1)."""
        lo = bisect.bisect_left(self.starts, t0)
        hi = bisect.bisect_left(self.starts, t1)
        return sum(self._busy[lo:hi])

    def cpu_between(self, t0: float, t1: float) -> float:
        """GUI-thread CPU seconds of the busy intervals that started in [t0, t1)."""
        lo = bisect.bisect_left(self.starts, t0)
        hi = bisect.bisect_left(self.starts, t1)
        return sum(self.cpu[lo:hi])


def _feed(inference: object, request_id: int, pieces: list[str], rate: float, times: list[float]):
    interval = 1.0 / rate
    due = time.perf_counter()
    for piece in pieces:
        times.append(time.perf_counter())
        inference.token.emit(request_id, piece)  # type: ignore[attr-defined]
        due += interval
        time.sleep(max(0.0, due - time.perf_counter()))
    inference.finished.emit(request_id, False, {})  # type: ignore[attr-defined]


def replay(window, services, view: str, rate: float, pieces: list[str], phases: list[str]) -> dict:
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer

    chat, inference = services.chat, services.inference
    window.new_chat()
    window.stack.setCurrentWidget(window.chat_view)  # no model is loaded: show the chat anyway
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    ids = itertools.count(2_000_000 + int(rate) * 10 + len(view))
    issued: list[int] = []

    def fake_generate(_history: object, _params: object) -> int:
        issued.append(next(ids))
        return issued[-1]

    inference.generate = fake_generate  # type: ignore[method-assign]
    loop = QEventLoop()
    chat.message_finished.connect(loop.quit)
    monitor = TimedMonitor()
    reveal = QTimer()
    reveal.setInterval(1000)
    times: list[float] = []
    try:
        chat.send("Solve the problem, then give a program and a table that check it.")
        if view == "classroom":
            window.toggle_classroom()
            classroom = window.classroom

            def teacher() -> None:  # one step per second; the answer as soon as there is one
                classroom.reveal_next()
                if classroom.revealed >= classroom.step_count and not classroom.answer_visible:
                    classroom.toggle_answer()

            reveal.timeout.connect(teacher)
            reveal.start()
        monitor.start()
        feeder = threading.Thread(
            target=_feed, args=(inference, issued[-1], pieces, rate, times), daemon=True
        )
        feeder.start()
        loop.exec()
        feeder.join()
        stall = monitor.stop()
    finally:
        reveal.stop()
        chat.message_finished.disconnect(loop.quit)
        del inference.generate
        monitor.close()
        if window.classroom is not None and window.classroom.isVisible():
            window.classroom.close()
    interval = 1.0 / rate
    windows, cpu_windows = [], []
    for first in range(0, len(pieces), WINDOW):
        last = min(first + WINDOW, len(pieces)) - 1
        t1 = times[last] + interval
        scale = 1000 * WINDOW / (last - first + 1)
        windows.append(scale * monitor.busy_between(times[first], t1))
        cpu_windows.append(scale * monitor.cpu_between(times[first], t1))
    by_phase: dict[str, tuple[float, float]] = {}
    for phase in PHASES:
        idx = [i for i, p in enumerate(phases) if p == phase]
        if len(idx) < WINDOW:
            continue
        spans = [(idx[0], idx[0] + WINDOW - 1), (idx[-1] - WINDOW + 1, idx[-1])]
        by_phase[phase] = tuple(  # type: ignore[assignment]
            1000 * monitor.busy_between(times[a], times[b] + interval) for a, b in spans
        )
    worst = sorted(zip(monitor._busy, monitor.cpu, monitor.starts, strict=False), reverse=True)
    stalls = []
    for busy, cpu, began in worst[:5]:
        k = min(max(0, bisect.bisect_left(times, began) - 1), len(phases) - 1)
        stalls.append(f"{1000 * busy:.0f} ms ({1000 * cpu:.0f} CPU) near {k:,} ({phases[k]})")
    return {
        "windows": windows,
        "cpu_windows": cpu_windows,
        "stall": stall,
        "phases": by_phase,
        "stalls": stalls,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also replay at 30 tokens/s")
    parser.add_argument("--rates", default="", help="comma-separated tokens/s (default 200)")
    parser.add_argument("--views", default="chat,classroom,thinking")
    parser.add_argument("--tokens", type=int, default=0, help="replay only the first N tokens")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",") if r] or (
        [30.0, 200.0] if args.full else [200.0]
    )
    views = [v for v in args.views.split(",") if v]

    from PySide6.QtWidgets import QApplication

    from desktop.app import Services, settle_after_first_paint
    from desktop.core.system.paths import DataDir
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pieces, phases = build_answer()
    if args.tokens:
        pieces, phases = pieces[: args.tokens], phases[: args.tokens]
    results: list[tuple[str, float, dict]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        services = Services.create(DataDir(Path(data_dir)))
        window = MainWindow(
            services.session, services.chat, services.history, settings=services.settings
        )
        window.resize(1280, 900)
        window.show()
        settle_after_first_paint()  # as the app does: math font and Markdown rules loaded
        interactions: list[tuple[float, dict[str, float]]] = []
        for rate in rates:
            for view in views:
                if view == "thinking":
                    log(f"16,000-token thinking at {rate:.0f} tokens/s, with scrolling etc.")
                    interactions.append((rate, interact(window, services, rate, _feed)))
                    continue
                log(f"replaying {len(pieces):,} tokens at {rate:.0f} tokens/s into the {view} view")
                results.append((view, rate, replay(window, services, view, rate, pieces, phases)))
        window.close()
        services.shutdown()
    del app

    rows = []
    for view, rate, r in results:
        stall = r["stall"]
        for kind, w in (("wall", r["windows"]), ("CPU", r["cpu_windows"])):
            start, end = w[1], w[-1]  # window 0 holds the set-up of the message
            longest = stall["longest_ms"] if kind == "wall" else stall["longest_cpu_ms"]
            share = stall["busy_pct"] if kind == "wall" else stall["cpu_pct"]
            rows.append([
                f"{view} @ {rate:.0f} tok/s ({kind})", f"{start:.0f}", f"{end:.0f}",
                f"{end / start:.2f}", f"{longest:.0f}", f"{share:.0f}%",
            ])  # fmt: skip
    print(f"GUI-thread time per {WINDOW:,} tokens (ms), {len(pieces):,}-token answer")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared)")
    heads = ["replay", "start", "end", "end/start", "longest stall ms", "GUI share"]
    print(table(heads, rows))
    print(f"goals: end/start <= {GOALS['end/start']}, longest stall <= {GOALS['stall_ms']:.0f} ms")
    print()
    rows = []
    for view, rate, r in results:
        for phase, (first, last) in r["phases"].items():
            ratio = last / first if first else float("nan")
            rows.append([f"{view} @ {rate:.0f}: {phase}", f"{first:.0f}", f"{last:.0f}",
                         f"{ratio:.2f}"])  # fmt: skip
    print("Per part of the answer: its first and its last 1,000 tokens (ms of GUI time)")
    print(table(["part", "first", "last", "last/first"], rows))
    print()
    if interactions:
        print("Acting on a streaming 16,000-token thinking: slowest response (ms), wall / CPU")
        rows = []
        for rate, r in interactions:
            for name in [k for k in r if not k.endswith(" CPU") and not k.startswith("median")]:
                rows.append(
                    [f"{rate:.0f} tok/s: {name}", f"{r[name]:.0f}", f"{r[name + ' CPU']:.0f}"]
                )
            rows.append([f"{rate:.0f} tok/s: median, all", f"{r['median, all actions']:.0f}", ""])
        print(table(["action", "wall", "CPU"], rows))
        print()
    print("Longest stalls:")
    for view, rate, r in results:
        print(f"  {view} @ {rate:.0f}: " + "; ".join(r["stalls"]))
    print("All windows (ms per 1,000 tokens):")
    for view, rate, r in results:
        print(f"  {view} @ {rate:.0f}: " + " ".join(f"{v:.0f}" for v in r["windows"]))
        print(f"  {view} @ {rate:.0f} CPU: " + " ".join(f"{v:.0f}" for v in r["cpu_windows"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
