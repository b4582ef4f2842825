"""Progress and expected time of a model load, from the bytes the process has read."""

from __future__ import annotations

import pytest

from desktop.core.system.load_progress import TYPICAL_BYTES_PER_S, LoadProgress


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
