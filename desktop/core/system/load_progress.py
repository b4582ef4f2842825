"""How far along is a model load, and how long will it take on this PC? (no Qt)

llama.cpp gives no progress through llama-cpp-python, but the app loads without a memory map,
so it reads the whole file through ordinary reads: the bytes this process has read since the
load began, against the file's size, are the progress, and their rate is this PC's real disk
and memory speed for the job. Before enough has been read to tell, the rate measured on
earlier loads on this PC is used (kept in the settings, see :func:`blend_rate`), else a
typical one.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["TYPICAL_BYTES_PER_S", "LoadProgress", "blend_rate", "process_read_bytes"]

TYPICAL_BYTES_PER_S = 190e6
"""A 7B Q4_K_M (4.7 GB) took ~24 s from open to ready on a 2-core office-class VM."""
_MIN_SAMPLE_S = 1.5  # a rate measured over less time is mostly noise
_MIN_SAMPLE_BYTES = 16 << 20

MIN_MEASURED_SIZE = 32 << 20
"""A smaller file's load is mostly fixed start-up cost (context, warm-up), so its rate says
nothing about opening a real model (the smallest R1 distill is over 1 GB)."""
PLAUSIBLE_BYTES_PER_S = (1e6, 50e9)
"""Rates outside these bounds are measurement faults (a clock jump, a wrong size), not a PC."""
SMOOTHING = 0.5
"""Weight of the newest load: one slow load (a cold disk) or fast one (the file still in the
OS cache) moves the estimate half way, not all the way."""


def blend_rate(previous: float | None, size: int, seconds: float) -> float | None:
    """The load rate to remember after a completed load of ``size`` bytes in ``seconds``,
    smoothed with the ``previous`` one; None when this load tells nothing (too small a file,
    an absurd rate), so the previous figure stands."""
    if size < MIN_MEASURED_SIZE or seconds <= 0:
        return None
    rate = size / seconds
    low, high = PLAUSIBLE_BYTES_PER_S
    if not low <= rate <= high:
        return None
    if previous is None or not low <= previous <= high:
        return rate
    return previous + SMOOTHING * (rate - previous)


def process_read_bytes() -> int | None:
    """Bytes this process has read so far (through the OS), or None where unknown."""
    try:
        import psutil

        counters = psutil.Process().io_counters()
    except Exception:  # not on every platform (macOS), or denied in a sandbox
        return None
    return int(getattr(counters, "read_chars", counters.read_bytes))


class LoadProgress:
    """Progress and time estimate of one load of a ``size``-byte file."""

    def __init__(
        self,
        size: int,
        *,
        known_rate: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        read_bytes: Callable[[], int | None] = process_read_bytes,
    ) -> None:
        self.size = max(1, size)
        self._known_rate = known_rate
        self._clock = clock
        self._read_bytes = read_bytes
        self.started = clock()
        self._load_started: float | None = None
        self._read_at_load: int | None = None

    def loading_started(self) -> None:
        """The file check is done; llama.cpp starts reading the weights now."""
        self._load_started = self._clock()
        self._read_at_load = self._read_bytes()

    @property
    def elapsed(self) -> float:
        """Seconds since "open"."""
        return self._clock() - self.started

    def fraction(self) -> float | None:
        """Share of the file read by the load (0-1), or None before loading / if unknown."""
        read = self._read_since_load()
        return None if read is None else min(1.0, read / self.size)

    def rate(self) -> float:
        """Bytes per second: measured on this load once possible, else the best guess."""
        read = self._read_since_load()
        if read is not None and self._load_started is not None:
            seconds = self._clock() - self._load_started
            if seconds >= _MIN_SAMPLE_S and read >= _MIN_SAMPLE_BYTES:
                return read / seconds
        return self._known_rate or TYPICAL_BYTES_PER_S

    def expected_total(self) -> float:
        """Expected seconds from "open" to ready (never less than what has passed)."""
        fraction = self.fraction() or 0.0
        remaining = (1.0 - fraction) * self.size / self.rate()
        return self.elapsed + remaining

    def _read_since_load(self) -> int | None:
        if self._read_at_load is None:
            return None
        now = self._read_bytes()
        return None if now is None else max(0, now - self._read_at_load)
