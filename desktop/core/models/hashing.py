"""sha256 of multi-gigabyte files without making the user wait twice.

:class:`Hasher` digests on a helper thread (hashlib releases the GIL), so hashing overlaps the
network or the disk instead of adding to them; :func:`hash_file` reads a file with progress and
a stop flag, for imports and for resuming a partial download.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import threading
from collections.abc import Callable
from typing import Protocol

CHUNK = 1 << 20


class _Updatable(Protocol):
    def update(self, data: bytes, /) -> None: ...


class Hasher:
    """A sha256 fed with ``update()`` from one thread and digested on another."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        # Bounded, so a slow disk cannot make the queue hold gigabytes.
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=32)
        self._thread = threading.Thread(target=self._run, name="sha256", daemon=True)
        self._thread.start()
        self._open = True

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            self._sha.update(item)

    def update(self, data: bytes) -> None:
        """Add ``data`` (bytes are immutable, so no copy is needed)."""
        self._queue.put(data)

    def close(self) -> None:
        """Finish the helper thread (the digest so far stays available)."""
        if self._open:
            self._open = False
            self._queue.put(None)
            self._thread.join()

    def hexdigest(self) -> str:
        """The sha256 of everything added; ends the helper thread."""
        self.close()
        return self._sha.hexdigest()


def hash_file(
    path: str | os.PathLike[str],
    into: _Updatable | None = None,
    progress: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
    limit: int | None = None,
) -> int:
    """Feed the first ``limit`` bytes (default: all) of ``path`` to ``into``; return the count.

    Stops early, returning what was read, when ``stop`` is set.
    """
    into = into if into is not None else hashlib.sha256()
    done = 0
    with open(path, "rb", buffering=0) as fh:
        while limit is None or done < limit:
            if stop is not None and stop.is_set():
                break
            want = CHUNK if limit is None else min(CHUNK, limit - done)
            data = fh.read(want)
            if not data:
                break
            into.update(data)
            done += len(data)
            if progress is not None:
                progress(done)
    return done


def sha256_file(
    path: str | os.PathLike[str],
    progress: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
) -> str | None:
    """The sha256 of ``path``, or None if ``stop`` was set before the end."""
    size = os.path.getsize(path)
    hasher = Hasher()
    try:
        done = hash_file(path, hasher, progress, stop)
    finally:
        digest = hasher.hexdigest()  # also ends the helper thread when reading failed
    return digest if done == size else None


class BackgroundFlush:
    """Pushes a growing file's bytes to disk in the background while it is written.

    The fsync before the final rename then has little left to wait for: a gigabyte of dirty
    pages flushed at the end cost ~0.3 s, a fifth of a loopback download.
    """

    EVERY = 64 << 20

    def __init__(self, fd: int):
        self._fd = fd
        self._unflushed = 0
        self._thread: threading.Thread | None = None

    def wrote(self, count: int) -> None:
        self._unflushed += count
        busy = self._thread is not None and self._thread.is_alive()
        if self._unflushed >= self.EVERY and not busy:
            self._unflushed = 0
            self._thread = threading.Thread(target=self._flush, name="flush", daemon=True)
            self._thread.start()

    def _flush(self) -> None:
        # The final fsync reports real problems, with the user's message.
        with contextlib.suppress(OSError):
            (getattr(os, "fdatasync", None) or os.fsync)(self._fd)

    def close(self) -> None:
        """Wait for a flush in progress (call before the file is closed)."""
        if self._thread is not None:
            self._thread.join()
