"""The ``<file>.part`` of a download: reusing or restarting an earlier part, its running
sha256, and putting the verified file in place (the base of ``download.Downloader``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from desktop.core.downloads.transfer import (
    Control,
    DownloadError,
    DownloadResult,
    discard_partial,
    part_paths,
)
from desktop.core.models.catalog import CatalogEntry
from desktop.core.models.hashing import Hasher, hash_file, sha256_file
from desktop.core.system.i18n import QT_TRANSLATE_NOOP
from desktop.core.system.part_lock import PartBusy, PartLock

#: Where a file that was already in place "came from", for the progress line.
THIS_PC = QT_TRANSLATE_NOOP("Download", "this PC")


def discard_idle_partial(models_dir: Path, entry: CatalogEntry) -> bool:
    """Delete ``entry``'s part unless a download or import (in any process) is writing it;
    False if it is busy and was left alone."""
    if not models_dir.is_dir():
        return True
    try:
        with PartLock(part_paths(models_dir, entry)[1]):
            discard_partial(models_dir, entry)
    except PartBusy:
        return False
    return True


class PartFile:
    """The part file's state and bookkeeping; the subclass reports progress and stops."""

    entry: CatalogEntry
    models_dir: Path
    control: Control
    final: Path
    part: Path
    sidecar: Path
    hasher: Hasher | None
    done: int
    total: int | None
    _source_name: str

    def _report(self, done: int, phase: str = "downloading", force: bool = True) -> None:
        raise NotImplementedError

    def _check_stop(self) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def _own_part(self) -> Iterator[None]:
        """Be the one writer of the part (and the file) for the block, or raise
        DownloadError "busy" when another download or import is writing it."""
        try:
            lock = PartLock(self.part)
            lock.acquire()
        except PartBusy:
            msg = QT_TRANSLATE_NOOP(
                "Download",
                "{file} is already being downloaded or imported, in this window or by another "
                "ThinkDesk (a second window or the command line). Let that finish, or stop it "
                "there, then try again.",
            )
            raise DownloadError("busy", msg.format(file=self.entry.file)) from None
        try:
            yield
        finally:
            lock.release()

    def _already_here(self) -> DownloadResult | None:
        """The file may already be in place (copied by hand, or the registry was lost)."""
        try:
            size = self.final.stat().st_size
        except OSError:
            return None
        if self.entry.size not in (None, size):
            return None
        self._source_name = THIS_PC
        digest = sha256_file(self.final, lambda n: self._report(n, "checking", False),
                             self.control.stop)  # fmt: skip
        self._check_stop()
        if digest != self.entry.sha256:
            return None  # a damaged or different file (or no hash to tell): download over it
        discard_partial(self.models_dir, self.entry)
        return DownloadResult(self.final, size, digest, "existing", THIS_PC)

    def _prepare_part(self) -> None:
        """Keep an earlier ``.part`` only if it belongs to this exact file."""
        try:
            pinned = json.loads(self.sidecar.read_text(encoding="utf-8")).get("sha256")
        except (OSError, ValueError, AttributeError):
            pinned = None
        # Without a sha256 (a hub file the hub gave no hash for) the size pins the part.
        pin = self.entry.sha256 or f"size:{self.entry.size}"
        if pinned != pin:
            discard_partial(self.models_dir, self.entry)
        self.sidecar.write_text(
            json.dumps({"sha256": pin, "file": self.entry.file}), encoding="utf-8"
        )
        self.part.touch()
        self.done = self.part.stat().st_size
        if self.total is not None and self.done > self.total:
            self._restart_part()

    def _ensure_hasher(self) -> Hasher:
        """The running hash of the part; an earlier part is hashed from disk first."""
        if self.hasher is None:
            self.hasher = Hasher()
            if self.done:

                def checking(n: int) -> None:
                    self._report(n, phase="checking", force=False)

                hash_file(self.part, self.hasher, checking, self.control.stop, self.done)
                self._check_stop()
        return self.hasher

    def _stop_hasher(self) -> None:
        if self.hasher is not None:
            self.hasher.close()
            self.hasher = None

    def _restart_part(self) -> None:
        self._stop_hasher()
        with open(self.part, "wb"):
            pass
        self.done = 0

    def _install_part(self) -> None:
        """Rename the verified part to its final name, durably."""
        with open(self.part, "rb+") as fh:
            os.fsync(fh.fileno())  # the bytes are on disk before the name says "complete"
        try:
            os.replace(self.part, self.final)
        except OSError as err:
            msg = QT_TRANSLATE_NOOP(
                "Download",
                "The verified file could not be put in place ({error}). If the model is open, "
                "close it and try again.",
            )
            raise DownloadError(
                "install_failed", msg.format(error=str(err.strerror or err))
            ) from None
        self.sidecar.unlink(missing_ok=True)
        if os.name == "posix":  # make the new name itself survive a power cut
            folder = os.open(self.models_dir, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
