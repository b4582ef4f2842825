"""One writer per model file being written: an OS lock on ``<file>.part.lock``.

The GUI and ``thinkdesk models download`` may run at once, and a download and an import can
aim at the same catalog file; two writers of one ``.part`` corrupt it. The lock is the
operating system's (``flock`` on POSIX, ``msvcrt.locking`` on Windows), taken without waiting,
so it is released when its owner ends, however it ends (a crash or a kill leaves no stale
lock). It conflicts within one process too (two open file descriptions), so the app's download
and import threads exclude each other the same way two processes do.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["PartBusy", "PartLock", "lock_path"]


class PartBusy(Exception):
    """Another download or import (this process or another) is writing the file."""


def lock_path(part: Path) -> Path:
    """The lock file of a ``.part`` (``model.gguf.part`` -> ``model.gguf.part.lock``)."""
    return part.with_name(part.name + ".lock")


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # one byte; past the end is allowed
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


class PartLock:
    """Hold the lock of ``part`` (``with PartLock(part): ...``); raises PartBusy at once if
    someone else holds it. The lock file is removed again when released."""

    def __init__(self, part: Path):
        self.path = lock_path(Path(part))
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object owns the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise PartBusy (never waits)."""
        if self._fd is not None:
            return
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise PartBusy(str(self.path))
            if self._same_file(fd):
                self._fd = fd
                return
            # The previous owner removed the file between our open and our lock: the lock we
            # hold is on a name nobody else will open. Take the lock of the file there now.
            _unlock(fd)
            os.close(fd)
        raise PartBusy(str(self.path))

    def _same_file(self, fd: int) -> bool:
        if os.name == "nt":
            return True  # Windows cannot remove a file another process holds open
        try:
            here, named = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return (here.st_dev, here.st_ino) == (named.st_dev, named.st_ino)

    def release(self) -> None:
        """Give the lock up and remove the lock file (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":
            _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):  # someone else opened it meanwhile: theirs now
                self.path.unlink()
        else:
            # Removed while still locked, so a waiting opener sees the name change and retries.
            with contextlib.suppress(OSError):
                self.path.unlink()
            _unlock(fd)
            os.close(fd)

    def __enter__(self) -> PartLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
