"""Progress and expected time of a model load, from the bytes the process has read."""

from __future__ import annotations

import pytest

from desktop.core.system.load_progress import (
    MIN_MEASURED_SIZE,
    TYPICAL_BYTES_PER_S,
    LoadProgress,
    blend_rate,
)


class Fake:
    def __init__(self) -> None:
        self.now = 100.0
        self.read: int | None = 5_000

    def clock(self) -> float:
        return self.now

    def read_bytes(self) -> int | None:
        return self.read


def test_progress_and_rate_come_from_the_bytes_read():
    fake = Fake()
    progress = LoadProgress(1_000_000_000, clock=fake.clock, read_bytes=fake.read_bytes)
    assert progress.fraction() is None  # still checking the file
    assert progress.expected_total() == pytest.approx(1e9 / TYPICAL_BYTES_PER_S)
    fake.now += 2.0
    progress.loading_started()
    fake.now += 4.0
    fake.read += 400_000_000  # 100 MB/s on this PC
    assert progress.fraction() == pytest.approx(0.4)
    assert progress.rate() == pytest.approx(100e6)
    # 6 s so far, 600 MB left at 100 MB/s.
    assert progress.expected_total() == pytest.approx(12.0)


def test_a_remembered_rate_is_used_until_this_load_can_tell():
    fake = Fake()
    progress = LoadProgress(
        1_000_000_000, known_rate=50e6, clock=fake.clock, read_bytes=fake.read_bytes
    )
    progress.loading_started()
    fake.now += 0.5
    fake.read += 1_000  # too little, too soon
    assert progress.rate() == 50e6
    assert progress.expected_total() == pytest.approx(0.5 + 20.0, rel=1e-3)


def test_unknown_io_counters_still_give_an_estimate():
    fake = Fake()
    fake.read = None
    progress = LoadProgress(10, clock=fake.clock, read_bytes=fake.read_bytes)
    progress.loading_started()
    assert progress.fraction() is None and progress.expected_total() > 0


def test_a_completed_load_gives_a_smoothed_rate():
    gb = 1_000_000_000
    assert blend_rate(None, gb, 5.0) == pytest.approx(200e6)  # the first measurement
    # A second load at 100 MB/s moves the estimate half way, not all the way.
    assert blend_rate(200e6, gb, 10.0) == pytest.approx(150e6)


def test_loads_that_tell_nothing_leave_the_rate_alone():
    assert blend_rate(200e6, MIN_MEASURED_SIZE - 1, 0.01) is None  # start-up cost, not reading
    assert blend_rate(200e6, 1_000_000_000, 0.0) is None
    assert blend_rate(200e6, 1_000_000_000, 1e-6) is None  # 1 PB/s: a clock fault
    assert blend_rate(200e6, 1_000_000_000, 5000.0) is None  # 200 KB/s: not a load
    assert blend_rate(200e6, 1_000_000_000, float("nan")) is None
    # An absurd stored figure (a hand-edited file) is replaced, not averaged with.
    assert blend_rate(1e15, 1_000_000_000, 5.0) == pytest.approx(200e6)
