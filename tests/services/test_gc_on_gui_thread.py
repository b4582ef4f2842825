"""Garbage made anywhere is collected on the GUI thread, never in a worker that allocates."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from desktop.services.gc_on_gui_thread import GuiThreadCollector


class _Cyclic:
    """Only the cyclic collector frees it; records the thread that did."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cyclic.freed_on.append(threading.current_thread().name)


def test_a_worker_that_allocates_never_runs_the_collector(qtbot):
    """tests/conftest.py installs the collector for the session, as the app does at start."""
    assert not gc.isenabled()
    _Cyclic.freed_on.clear()
    _Cyclic()  # garbage at once, in a cycle

    def allocate() -> None:  # far past the young generation's threshold, many times over
        kept = [[] for _ in range(200_000)]
        assert len(kept) == 200_000

    worker = threading.Thread(target=allocate, name="allocating-worker")
    worker.start()
    worker.join()
    assert _Cyclic.freed_on == []  # automatic collection would have freed it in the worker
    # Objects made on the GUI thread pass the threshold; its timer then collects there.
    kept = [[] for _ in range(gc.get_threshold()[0] + 1)]
    qtbot.waitUntil(lambda: bool(_Cyclic.freed_on), timeout=5_000)
    assert kept
    assert _Cyclic.freed_on == ["MainThread"]


def test_collect_passes_the_generations_as_python_would():
    collector = GuiThreadCollector(interval_ms=60_000)
    try:
        gc.collect()
        assert collector.collect() == 0  # nothing young enough to look at
        _Cyclic()
        kept = [[] for _ in range(gc.get_threshold()[0] + 1)]
        assert collector.collect() >= 1 and kept
    finally:
        collector.stop()
        gc.disable()  # the session's collector still owns collection


def test_a_full_collection_waits_for_a_quarter_more_long_lived_objects():
    """As Python's own rule: otherwise every tenth middle pass visited every object the app
    keeps (25-40 ms in a long session), a hitch in the middle of a streaming answer."""
    collector = GuiThreadCollector(interval_ms=60_000)
    passes: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    def churn(rounds: int) -> None:
        for _ in range(rounds):
            for _ in range(gc.get_threshold()[0] + 1):
                _Cyclic()  # garbage that only a pass frees, so the young count stays up
            collector.collect()

    gc.callbacks.append(record)
    try:
        churn(300)  # the bare thresholds ask for a full pass every 121 passes
        assert passes.count(1) >= 20 and passes.count(2) == 0
        kept = [[] for _ in range(len(gc.get_objects(generation=2)) // 4 + 1_000)]
        churn(300)
        assert passes.count(2) >= 1 and kept
    finally:
        gc.callbacks.remove(record)
        _Cyclic.freed_on.clear()
        collector.stop()
        gc.disable()  # the session's collector still owns collection
