"""The user handles a 16,000-token thinking while it streams (for bench/stream_render.py).

Every 0.7 s one action: scroll the conversation a page up, back to the bottom, fold the
thinking, unfold it, select all of its text. Each action is timed from the call until the
events it caused have been processed: how long the window took to respond.
"""

from __future__ import annotations

import itertools
import random
import statistics
import threading
import time

from _stream_text import REPO_SAMPLES, SAMPLES, _thinking

THINKING_CHARS = 56_000  # ~16,000 pieces of 1-6 characters


def thinking_pieces(seed: int = 11) -> list[str]:
    import json

    rng = random.Random(seed)
    source = SAMPLES if SAMPLES.is_file() else REPO_SAMPLES
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    text = _thinking(rows, THINKING_CHARS, rng)
    pieces, i = [], 0
    while i < len(text):
        step = rng.randint(1, 6)
        pieces.append(text[i : i + step])
        i += step
    return pieces


def interact(window, services, rate: float, feed) -> dict[str, float]:
    """Stream the thinking (no answer) and act on it; latency statistics in ms."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    from desktop.ui.assistant_message import AssistantMessageView

    chat, inference = services.chat, services.inference
    window.new_chat()
    window.stack.setCurrentWidget(window.chat_view)
    ids = itertools.count(3_000_000)
    issued: list[int] = []

    def fake_generate(_history: object, _params: object) -> int:
        issued.append(next(ids))
        return issued[-1]

    inference.generate = fake_generate  # type: ignore[method-assign]
    pieces = thinking_pieces()
    latencies: dict[str, list[float]] = {}
    cpu_ms: dict[str, list[float]] = {}
    actions = itertools.cycle(["scroll up", "scroll to end", "fold", "unfold", "select all"])
    loop = QEventLoop()
    chat.message_finished.connect(loop.quit)
    timer = QTimer()
    timer.setInterval(700)

    def act() -> None:
        messages = window.chat_view.findChildren(AssistantMessageView)
        if not messages:
            return
        message = messages[-1]
        body = message.findChild(QWidget, "thinkingBody")
        bar = window.chat_view.verticalScrollBar()
        name = next(actions)
        started, cpu = time.perf_counter(), time.thread_time()
        if name == "scroll up":
            bar.setValue(bar.value() - bar.pageStep())
        elif name == "scroll to end":
            bar.setValue(bar.maximum())
        elif name == "fold":
            message.set_thinking_expanded(False)
        elif name == "unfold":
            message.set_thinking_expanded(True)
        else:
            body.selectAll()
        QCoreApplication.processEvents()
        latencies.setdefault(name, []).append(1000 * (time.perf_counter() - started))
        cpu_ms.setdefault(name, []).append(1000 * (time.thread_time() - cpu))

    timer.timeout.connect(act)
    try:
        chat.send("Think about it at length.")
        times: list[float] = []
        feeder = threading.Thread(
            target=feed, args=(inference, issued[-1], pieces, rate, times), daemon=True
        )
        timer.start()
        feeder.start()
        loop.exec()
        feeder.join()
    finally:
        timer.stop()
        chat.message_finished.disconnect(loop.quit)
        del inference.generate
    every = [v for values in latencies.values() for v in values]
    result = {name: max(values) for name, values in latencies.items()}
    result["median, all actions"] = statistics.median(every) if every else float("nan")
    result.update({f"{name} CPU": max(values) for name, values in cpu_ms.items()})
    return result
