"""The pieces of a download that are not the transfer loop: options, progress reports,
pause/cancel control, the partial-file layout, and the checks made before starting."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.models.catalog import GB, CatalogEntry, fit_entry
from desktop.core.system.cuttable_http import SocketCutter, cuttable_session
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import requests

MB = 1024**2


class DownloadError(Exception):
    """A download that did not end with a verified file; ``str()`` is for the user (raised
    with a UserMessage, which the UI shows translated).

    ``reason``: no_sources, disk_space, memory, paused, cancelled, failed (every source),
    unreachable (no source could be reached at all), disk (writing failed) or install_failed.
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class DownloadOptions:
    """Timeouts, retry policy and safety margins (tests shrink them)."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # a stalled connection is noticed within this
    retries: int = 3  # consecutive failed attempts per source before failing over
    backoff: float = 1.0  # first wait; doubles per failure
    backoff_max: float = 30.0
    chunk_size: int = 1 * MB
    disk_margin: int = 256 * MB  # free space to leave on the disk beyond the file
    check_memory: bool = True
    memory_budget: int | None = None  # bytes the user allows a model (None: a safe share)


@dataclass(frozen=True)
class Progress:
    """One progress report. ``phase``: checking (hashing an earlier partial file),
    downloading, or verifying."""

    done: int
    total: int | None
    speed: float  # bytes per second over the last few seconds
    eta: float | None  # seconds
    source: str
    phase: str = "downloading"


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    size: int
    sha256: str
    source: str  # kind: modelscope, hf-mirror, hf, direct or existing
    source_name: str


class Control:
    """Pause or cancel a running download from another thread.

    The flag is checked per chunk; in addition every socket the download opened is shut down,
    so a read blocked on a stalled server returns at once instead of after the read timeout
    (the app must be able to quit promptly).
    """

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.mode = ""
        self._sockets = SocketCutter()

    def pause(self) -> None:
        """Stop soon and keep the partial file for a later resume."""
        self.mode = self.mode or "pause"
        self._halt()

    def cancel(self) -> None:
        """Stop soon and delete the partial file."""
        self.mode = "cancel"
        self._halt()

    def track(self, sock: socket.socket) -> None:
        self._sockets.track(sock)
        if self.stop.is_set():  # a connection made after the stop must not read on either
            self._sockets.cut()

    def _halt(self) -> None:
        self.stop.set()
        self._sockets.cut()


def make_session(control: Control, user_agent: str) -> requests.Session:
    """A requests session whose connections register their sockets with ``control``."""
    session = cuttable_session(control.track)
    session.headers["User-Agent"] = user_agent
    session.headers["Accept-Encoding"] = "identity"  # Range offsets count raw file bytes
    return session


ProgressFn = Callable[[Progress], None]
NoticeFn = Callable[[str], None]


def part_paths(models_dir: Path, entry: CatalogEntry) -> tuple[Path, Path, Path]:
    """The final file, its ``.part`` and the ``.part.json`` sidecar."""
    final = models_dir / entry.file
    return final, final.with_name(final.name + ".part"), final.with_name(final.name + ".part.json")


def partial_size(models_dir: Path, entry: CatalogEntry) -> int:
    """Bytes already downloaded for ``entry`` (0 if none)."""
    try:
        return part_paths(models_dir, entry)[1].stat().st_size
    except OSError:
        return 0


def discard_partial(models_dir: Path, entry: CatalogEntry) -> None:
    for path in part_paths(models_dir, entry)[1:]:
        path.unlink(missing_ok=True)


def check_disk(models_dir: Path, needed: int, margin: int) -> None:
    """Refuse (DownloadError "disk_space") when the disk cannot take ``needed`` more bytes."""
    free = shutil.disk_usage(models_dir).free
    if free < needed + margin:
        msg = QT_TRANSLATE_NOOP(
            "Download",
            "Not enough free disk space: the download needs {need:.2f} GB (including "
            "{margin:.2f} GB to spare) and {folder} has {free:.2f} GB free. Free some space or "
            "choose a smaller model.",
        )
        need, spare, folder = (needed + margin) / GB, margin / GB, str(models_dir)
        raise DownloadError(
            "disk_space", msg.format(need=need, margin=spare, folder=folder, free=free / GB)
        )


def check_memory(entry: CatalogEntry, budget: int | None = None) -> None:
    """Refuse (DownloadError "memory") a model that cannot run in this PC's memory."""
    fit = fit_entry(entry, budget=budget)
    if fit.verdict == "too_big":
        raise DownloadError("memory", fit.message)


class Meter:
    """Speed over a sliding window, and when to report progress next."""

    def __init__(self, window: float = 5.0, every: float = 0.1):
        self.samples: deque[tuple[float, int]] = deque()
        self.window, self.every, self.last = window, every, 0.0

    def speed(self, done: int) -> float:
        now = time.monotonic()
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window:
            self.samples.popleft()
        t0, d0 = self.samples[0]
        return (done - d0) / (now - t0) if now > t0 else 0.0

    def due(self) -> bool:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            return True
        return False


def content_range(value: str) -> tuple[int | None, int | None]:
    """(first byte, total) from "bytes 100-199/1000"; None where absent or unreadable."""
    try:
        unit, _, rest = value.strip().partition(" ")
        span, _, total = rest.partition("/")
        first = int(span.split("-")[0])
        return (first, None if total.strip() == "*" else int(total)) if unit == "bytes" else (
            None, None)  # fmt: skip
    except ValueError:
        return None, None


def short(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def insecure(err: BaseException) -> str:
    """Why a source was given up on after a TLS failure."""
    msg = QT_TRANSLATE_NOOP("Download", "a secure connection could not be made ({error})")
    return msg.format(error=short(err))


#: Content types of pages, never of a model file.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/json", "text/xml"})


def page_type(content_type: str) -> str:
    """The media type of ``content_type`` if it is a page (a captive portal's sign-in page, an
    API's error), else ""."""
    kind = content_type.partition(";")[0].strip().lower()
    return kind if kind in _PAGE_TYPES else ""


def _causes(err: BaseException) -> list[object]:
    """``err`` and what it wraps: requests -> urllib3 (``reason``) -> the socket error."""
    seen: list[object] = []
    todo: list[object] = [err]
    while todo and len(seen) < 20:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        if isinstance(current, BaseException):
            todo += [current.__cause__, current.__context__, getattr(current, "reason", None),
                     *current.args]  # fmt: skip
    return seen


def unreachable_reason(err: BaseException) -> str:
    """Why no connection could be made, in words (not "broke off after 0 bytes")."""
    causes = _causes(err)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return QT_TRANSLATE_NOOP("Download", "the server could not be reached (connection refused)")
    if any(isinstance(c, socket.gaierror) or type(c).__name__ == "NameResolutionError"
           for c in causes):  # fmt: skip
        return QT_TRANSLATE_NOOP(
            "Download", "the server's name could not be looked up (is this PC offline?)"
        )
    return QT_TRANSLATE_NOOP("Download", "the server could not be reached")


def offline_advice(file: str, failures: list[str]) -> str:
    """The message when no source could be reached at all: suggest offline work and a USB
    stick instead of another retry."""
    msg = QT_TRANSLATE_NOOP(
        "Download",
        "Could not download {file}: none of the download sources could be reached. {failures} "
        "If this PC has no internet access, work offline (Settings > Network > Never connect "
        "to the network) and bring the model on a USB stick: Import > A folder.",
    )
    return msg.format(file=file, failures=failures)
