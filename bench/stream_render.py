"""Does rendering a streaming answer cost the same per token at the end as at the start?

    .venv/bin/python bench/stream_render.py [--full] [--rates 200] [--views chat,classroom]

Replays a 20,000-token R1 answer (bench/_stream_text.py: a long thinking with LaTeX, then
Markdown with display math, a 2,000-line code block, a 200-row table and closing prose) into
the real main window (Services + MainWindow, offscreen) through ``InferenceService.token``,
as the inference worker emits it, at a fixed token rate. Everything after that signal is the
app's own path: ChatController, the think splitter, the chat view, and, in the classroom pass,
the classroom view following the stream (a step revealed every second, the answer shown as it
starts). The GUI thread's CPU clock is read as each token is emitted, giving its CPU time per
1,000 tokens; a probe thread (bench/_measure.py, BusyMonitor) times how long an event posted to
the GUI thread waits to be handled, as input would: the longest wait is the longest stall.

Then a 16,000-token thinking streams while the "user" scrolls, folds, unfolds and selects it
(bench/_interact.py); each action's response time is reported, as wall time and as GUI-thread
CPU time (the machine may be shared). Default (quick): 200 tokens/s,
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
from collections.abc import Callable
from pathlib import Path

from _interact import interact
from _measure import BusyMonitor, log, table
from _stream_text import PHASES, build_answer

WINDOW = 1_000
GOALS = {"end/start": 1.3, "stall_ms": 30.0}


def _feed(
    inference: object,
    request_id: int,
    pieces: list[str],
    rate: float,
    times: list[float],
    on_token: Callable[[], None] | None = None,
) -> None:
    interval = 1.0 / rate
    due = time.perf_counter()
    for piece in pieces:
        times.append(time.perf_counter())
        if on_token is not None:
            on_token()
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
    monitor = BusyMonitor()
    monitor.calibrate()
    reveal = QTimer()
    reveal.setInterval(1000)
    times: list[float] = []
    cpu: list[float] = []  # the GUI thread's CPU clock as each token is emitted
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
        on_token = lambda: cpu.append(monitor.gui_cpu())  # noqa: E731
        feeder = threading.Thread(
            target=_feed, args=(inference, issued[-1], pieces, rate, times, on_token), daemon=True
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
    end_cpu = monitor.gui_cpu()
    cpu.append(end_cpu)

    times.append(time.perf_counter())

    def cpu_ms(first: int, last: int) -> float:
        """GUI-thread CPU ms from token ``first`` up to the one after ``last``, without the
        probes' own cost."""
        probes = monitor.probes_between(times[first], times[last + 1])
        return 1000 * (cpu[last + 1] - cpu[first] - probes * monitor.probe_cost)

    windows = []
    for first in range(0, len(pieces), WINDOW):
        last = min(first + WINDOW, len(pieces)) - 1
        windows.append(cpu_ms(first, last) * WINDOW / (last - first + 1))
    by_phase: dict[str, tuple[float, float]] = {}
    for phase in PHASES:
        idx = [i for i, p in enumerate(phases) if p == phase]
        if len(idx) >= WINDOW:
            first_part = cpu_ms(idx[0], idx[0] + WINDOW - 1)
            by_phase[phase] = (first_part, cpu_ms(idx[-1] - WINDOW + 1, idx[-1]))
    worst = sorted(range(monitor.count), key=monitor.latency.__getitem__, reverse=True)
    stalls = []
    for probe in worst[:5]:
        wait, busy_cpu, due = monitor.latency[probe], monitor.cpu[probe], monitor.due[probe]
        k = min(max(0, bisect.bisect_left(times, due) - 1), len(phases) - 1)
        doing = f" in {monitor.doing[probe]}" if probe in monitor.doing else ""
        stalls.append(
            f"{1000 * wait:.0f} ms ({1000 * busy_cpu:.0f} CPU) near {k:,} ({phases[k]}){doing}"
        )
    stall["cpu_pct"] -= 100 * monitor.count * monitor.probe_cost / stall["elapsed_s"]
    return {
        "windows": windows,
        "stall": stall,
        "phases": by_phase,
        "stalls": stalls,
        "probe_us": 1e6 * monitor.probe_cost,
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
    from desktop.services.gc_on_gui_thread import GuiThreadCollector
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    GuiThreadCollector(app)  # as desktop.app.run_gui does
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
        stall, w = r["stall"], r["windows"]
        start, end = w[1], w[-1]  # window 0 holds the set-up of the message
        rows.append([
            f"{view} @ {rate:.0f} tok/s", f"{start:.0f}", f"{end:.0f}", f"{end / start:.2f}",
            f"{stall['longest_ms']:.0f} ({stall['longest_cpu_ms']:.0f})",
            f"{stall['cpu_pct']:.0f}%",
        ])  # fmt: skip
    print(f"GUI-thread CPU time per {WINDOW:,} tokens (ms), {len(pieces):,}-token answer")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared)")
    print("longest stall: how long input waited for the GUI thread (wall ms; its CPU ms)")
    probe_us = ", ".join(f"{r['probe_us']:.0f}" for _v, _r, r in results)
    print(f"(the probes' own GUI CPU, {probe_us} µs each, is left out of the CPU figures)")
    heads = ["replay", "start", "end", "end/start", "longest stall ms", "GUI CPU share"]
    print(table(heads, rows))
    print(f"goals: end/start <= {GOALS['end/start']}, longest stall <= {GOALS['stall_ms']:.0f} ms")
    print()
    rows = []
    for view, rate, r in results:
        for phase, (first, last) in r["phases"].items():
            ratio = last / first if first else float("nan")
            rows.append([f"{view} @ {rate:.0f}: {phase}", f"{first:.0f}", f"{last:.0f}",
                         f"{ratio:.2f}"])  # fmt: skip
    print("Per part of the answer: its first and its last 1,000 tokens (GUI CPU ms)")
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
    print("All windows (GUI CPU ms per 1,000 tokens):")
    for view, rate, r in results:
        print(f"  {view} @ {rate:.0f}: " + " ".join(f"{v:.0f}" for v in r["windows"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
