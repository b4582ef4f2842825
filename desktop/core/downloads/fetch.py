"""Resumable, verified downloads of catalog models (no Qt).

The file grows as ``<file>.part`` next to a small ``<file>.part.json`` that pins which sha256
the part belongs to. Each attempt resumes with an HTTP Range request; the sha256 is computed
while the bytes arrive (on a helper thread, so hashing overlaps the network), and only a file
whose size and sha256 match the catalog is renamed into place. A stalled connection is noticed
after the read timeout; transient errors are retried with exponential backoff, and a source that
lacks the file, keeps failing or sends wrong bytes is given up in favour of the next one.
"""

from __future__ import annotations

import random
from pathlib import Path

from desktop import __version__
from desktop.core.downloads.download_part import PartFile, discard_idle_partial
from desktop.core.downloads.reply import (
    Retry,
    SourceFailed,
    SourceUnreachable,
    Unreachable,
    VerifyFailed,
    check_reply,
)
from desktop.core.downloads.sources import NotOnSource, Source
from desktop.core.downloads.transfer import (
    Control,
    DownloadError,
    DownloadOptions,
    DownloadResult,
    Meter,
    NoticeFn,
    Progress,
    ProgressFn,
    check_disk,
    check_memory,
    content_range,
    discard_partial,
    insecure,
    make_session,
    offline_advice,
    part_paths,
    partial_size,
    short,
    unreachable_reason,
)
from desktop.core.models.catalog import CatalogEntry
from desktop.core.models.hashing import BackgroundFlush, Hasher
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, message_of

__all__ = [
    "Control", "DownloadError", "DownloadOptions", "DownloadResult", "Downloader", "Progress",
    "discard_idle_partial", "discard_partial", "part_paths", "partial_size",
]  # fmt: skip


class Downloader(PartFile):
    """Downloads one catalog entry into ``models_dir``, trying ``sources`` in order."""

    def __init__(
        self,
        entry: CatalogEntry,
        models_dir: Path,
        sources: list[Source],
        options: DownloadOptions | None = None,
        *,
        progress: ProgressFn | None = None,
        notice: NoticeFn | None = None,
        control: Control | None = None,
    ):
        self.entry, self.models_dir, self.sources = entry, Path(models_dir), sources
        self.options = options or DownloadOptions()
        self._progress, self._notice = progress or (lambda p: None), notice or (lambda m: None)
        self.control = control or Control()
        self.final, self.part, self.sidecar = part_paths(self.models_dir, entry)
        self.hasher: Hasher | None = None
        self.done = 0
        self.total: int | None = entry.size
        self.bytes_received = 0  # over the network, this run (the benchmark reads it)
        self._meter = Meter()
        self._source_name = ""

    # -- public -----------------------------------------------------------------------------
    def run(self) -> DownloadResult:
        """Download, verify and install; raise DownloadError unless the verified file is in
        place (a paused download keeps its ``.part``; a cancelled one deletes it)."""
        if not self.sources:
            msg = QT_TRANSLATE_NOOP("Download", "No download source offers {file}.")
            raise DownloadError("no_sources", msg.format(file=self.entry.file))
        self.models_dir.mkdir(parents=True, exist_ok=True)
        with self._own_part():  # one writer per part, across threads and processes
            return self._download()

    def _download(self) -> DownloadResult:
        existing = self._already_here()
        if existing is not None:
            return existing
        self._prepare_part()
        check_disk(self.models_dir, (self.entry.expected_size or 0) - self.done,
                   self.options.disk_margin)  # fmt: skip
        if self.options.check_memory:
            check_memory(self.entry, self.options.memory_budget)
        failures: list[str] = []
        unreachable: list[bool] = []
        with make_session(self.control, f"ThinkDesk/{__version__}") as session:
            for i, source in enumerate(self.sources):
                self._source_name = source.name
                try:
                    return self._from_source(session, source)
                except OSError as err:  # the network's errors arrive wrapped: this is the disk
                    msg = QT_TRANSLATE_NOOP(
                        "Download",
                        "Could not write {part} ({error}). Free some disk space and resume; "
                        "the part downloaded so far was kept.",
                    )
                    error = str(err.strerror or err)
                    raise DownloadError(
                        "disk", msg.format(part=str(self.part), error=error)
                    ) from None
                except SourceFailed as err:
                    unreachable.append(isinstance(err, SourceUnreachable))
                    why = dict(source=source.name, problem=message_of(err))
                    failures.append(
                        QT_TRANSLATE_NOOP("Download", "{source}: {problem}.").format(**why)
                    )
                    if i + 1 < len(self.sources):
                        msg = QT_TRANSLATE_NOOP(
                            "Download", "{source} failed: {problem}. Trying {next} instead."
                        )
                        self._notice(msg.format(**why, next=self.sources[i + 1].name))
                    else:
                        msg = QT_TRANSLATE_NOOP("Download", "{source} failed: {problem}.")
                        self._notice(msg.format(**why))
                finally:
                    self._stop_hasher()
        if self.done == 0:
            discard_partial(self.models_dir, self.entry)  # else keep it: a retry resumes it
        if unreachable and all(unreachable):  # no source answered at all: likely no internet
            raise DownloadError("unreachable", offline_advice(self.entry.file, failures))
        msg = QT_TRANSLATE_NOOP("Download", "Could not download {file}. {failures}")
        raise DownloadError("failed", msg.format(file=self.entry.file, failures=failures))

    # -- one source -------------------------------------------------------------------------
    def _from_source(self, session, source: Source) -> DownloadResult:
        opts = self.options
        timeout = (opts.connect_timeout, opts.read_timeout)
        self._describe(session, source, timeout)
        # Bytes from an earlier run or source are suspect if the result fails verification.
        inherited = self.done > 0
        failures = 0
        while True:
            self._check_stop()
            started_at = self.done
            try:
                if self.total is None or self.done < self.total:
                    self._attempt(session, source, timeout)
                if self.total is not None and self.done < self.total:
                    msg = QT_TRANSLATE_NOOP(
                        "Download", "the connection ended at {done:,} of {total:,} bytes"
                    )
                    raise Retry(msg.format(done=self.done, total=self.total))
                return self._verify_and_install(source)
            except Retry as err:
                self._check_stop()  # a pause breaks the connection on purpose
                failures = 0 if self.done > started_at else failures + 1
                if failures > opts.retries:
                    failed = SourceUnreachable if isinstance(err, Unreachable) else SourceFailed
                    raise failed(message_of(err)) from None
                delay = min(opts.backoff * 2 ** max(failures - 1, 0), opts.backoff_max)
                delay *= random.uniform(0.8, 1.2)  # many clients must not retry in lockstep
                msg = QT_TRANSLATE_NOOP(
                    "Download", "{source}: {problem}; retrying in {delay:.1f} s."
                )
                self._notice(msg.format(source=source.name, problem=message_of(err), delay=delay))
                if self.control.stop.wait(delay):
                    self._check_stop()
            except VerifyFailed as err:
                if inherited:
                    # The earlier part may have been damaged (power loss, another source).
                    inherited = False
                    msg = QT_TRANSLATE_NOOP(
                        "Download", "{source}: {problem}; downloading again from the start."
                    )
                    self._notice(msg.format(source=source.name, problem=message_of(err)))
                    continue
                raise SourceFailed(message_of(err)) from None

    def _describe(self, session, source: Source, timeout: tuple[float, float]) -> None:
        import requests

        try:
            facts = source.facts(session, timeout)
        except NotOnSource as err:
            raise SourceFailed(message_of(err)) from None
        except requests.exceptions.SSLError as err:
            raise SourceFailed(insecure(err)) from None
        except (requests.RequestException, ValueError) as err:
            msg = QT_TRANSLATE_NOOP(
                "Download", "{source} did not describe the file ({error}); going on."
            )
            self._notice(msg.format(source=source.name, error=short(err)))
            return
        # An entry without a sha256 (a hub file the hub gave no hash for) is probed instead.
        if facts.sha256 is not None and self.entry.sha256 and facts.sha256 != self.entry.sha256:
            raise SourceFailed(
                QT_TRANSLATE_NOOP(
                    "Download", "it offers a different version of the file (sha256 differs)"
                )
            )
        if facts.size is not None:
            if self.entry.size is not None and facts.size != self.entry.size:
                msg = QT_TRANSLATE_NOOP(
                    "Download",
                    "it offers a file of {size:,} bytes, not the {expected:,} bytes in the catalog",
                )
                raise SourceFailed(msg.format(size=facts.size, expected=self.entry.size))
            if self.total is not None and self.total != facts.size:
                self._restart_part()  # an earlier source promised another size
            self.total = facts.size
            if self.done > facts.size:
                self._restart_part()

    def _attempt(self, session, source: Source, timeout: tuple[float, float]) -> None:
        """One GET from ``self.done``; appends to the part until the body ends."""
        import requests
        from urllib3.exceptions import HTTPError as Urllib3Error
        from urllib3.exceptions import ReadTimeoutError

        hasher = self._ensure_hasher()
        headers = {"Range": f"bytes={self.done}-"} if self.done else {}
        answered = False  # a connection error before any answer means "not reached"
        try:
            with session.get(source.url, headers=headers, stream=True, timeout=timeout) as resp:
                answered = True
                hasher = self._accept(resp, hasher, source)
                if hasher is None:
                    return
                self._stream(resp, hasher, source)
        except requests.exceptions.SSLError as err:
            raise SourceFailed(insecure(err)) from None
        except requests.exceptions.ConnectTimeout:
            raise Retry(
                QT_TRANSLATE_NOOP("Download", "the server did not answer in time")
            ) from None
        except (requests.exceptions.Timeout, ReadTimeoutError, TimeoutError):
            msg = QT_TRANSLATE_NOOP("Download", "no data arrived for {seconds:g} s")
            raise Retry(msg.format(seconds=self.options.read_timeout)) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError,
                Urllib3Error, ConnectionError) as err:  # fmt: skip
            if not answered and isinstance(err, requests.exceptions.ConnectionError):
                raise Unreachable(unreachable_reason(err)) from None
            msg = QT_TRANSLATE_NOOP("Download", "the connection broke off after {done:,} bytes")
            raise Retry(msg.format(done=self.done)) from None
        except requests.RequestException as err:
            msg = QT_TRANSLATE_NOOP("Download", "the request failed ({error})")
            raise Retry(msg.format(error=short(err))) from None

    def _accept(self, resp, hasher: Hasher, source: Source) -> Hasher | None:
        """Check the response status; returns the hasher to feed, or None when nothing is
        to be read (the part is already complete)."""
        status = resp.status_code
        if status == 416 and self.done and self.total in (None, self.done):
            self.total = self.done  # we asked for bytes past the end: the part is complete
            return None
        check_reply(resp)
        if status == 206:
            start, total = content_range(resp.headers.get("Content-Range", ""))
            if start != self.done:
                raise Retry(QT_TRANSLATE_NOOP("Download", "the server resumed at the wrong place"))
            if total is not None:
                self._set_total(total)
            return hasher
        length = resp.headers.get("Content-Length", "").strip()
        size = int(length) if length.isdigit() else None
        if self.done:  # 200 to a Range request: the whole file again, from byte 0
            # Only a reply that is surely the whole file may replace the bytes already here.
            expected = self.total if self.total is not None else self.entry.size
            whole = size is not None and (size == expected if expected is not None
                                          else size >= self.done)  # fmt: skip
            if not whole:
                msg = QT_TRANSLATE_NOOP(
                    "Download",
                    "it cannot resume and its answer ({length} bytes) is not the whole file",
                )
                raise SourceFailed(msg.format(length=length or "?"))
            msg = QT_TRANSLATE_NOOP(
                "Download", "{source} cannot resume downloads; starting from the beginning."
            )
            self._notice(msg.format(source=source.name))
            self._restart_part()
            hasher = self._ensure_hasher()
        if size is not None:
            self._set_total(size)
        return hasher

    def _set_total(self, total: int) -> None:
        if self.entry.size is not None and total != self.entry.size:
            msg = QT_TRANSLATE_NOOP(
                "Download", "it sends {size:,} bytes, not the {expected:,} expected"
            )
            raise SourceFailed(msg.format(size=total, expected=self.entry.size))
        self.total = total

    def _stream(self, resp, hasher: Hasher, source: Source) -> None:
        chunk = self.options.chunk_size
        # read1 returns what has arrived instead of waiting for a full chunk (urllib3 2.3+).
        read = getattr(resp.raw, "read1", None)
        if read is None:
            read, chunk = resp.raw.read, min(chunk, 64 * 1024)
        with open(self.part, "r+b", buffering=0) as out:
            out.seek(self.done)
            flush = BackgroundFlush(out.fileno())
            try:
                self._copy(read, chunk, out, hasher, flush)
            finally:
                flush.close()
        self._report(self.done, force=True)

    def _copy(self, read, chunk: int, out, hasher: Hasher, flush: BackgroundFlush) -> None:
        stop = self.control.stop
        while True:
            if stop.is_set():
                self._check_stop()
            data = read(chunk, decode_content=False)
            if not data:
                break
            if self.total is not None and self.done + len(data) > self.total:
                raise SourceFailed(
                    QT_TRANSLATE_NOOP("Download", "it sent more bytes than the file has")
                )
            out.write(data)
            hasher.update(data)
            flush.wrote(len(data))
            self.done += len(data)
            self.bytes_received += len(data)
            self._report(self.done, force=False)

    # -- the end ----------------------------------------------------------------------------
    def _verify_and_install(self, source: Source) -> DownloadResult:
        self._report(self.done, phase="verifying", force=True)
        hasher = self._ensure_hasher()
        digest = hasher.hexdigest()
        self.hasher = None
        problem = ""
        if self.entry.size is not None and self.done != self.entry.size:
            problem = QT_TRANSLATE_NOOP("Download", "it is {size:,} bytes instead of {expected:,}")
            problem = problem.format(size=self.done, expected=self.entry.size)
        elif self.entry.sha256 and digest != self.entry.sha256:
            problem = QT_TRANSLATE_NOOP(
                "Download",
                "its sha256 does not match the catalog: it is damaged or was tampered with",
            )
        if problem:
            self._restart_part()
            msg = QT_TRANSLATE_NOOP(
                "Download", "the file it sent failed verification ({problem}) and was deleted"
            )
            raise VerifyFailed(msg.format(problem=problem))
        self._install_part()
        return DownloadResult(self.final, self.done, digest, source.kind, source.name)

    def _check_stop(self) -> None:
        if not self.control.stop.is_set():
            return
        self._stop_hasher()
        if self.control.mode == "cancel":
            discard_partial(self.models_dir, self.entry)
            raise DownloadError(
                "cancelled", QT_TRANSLATE_NOOP("Download", "The download was cancelled.")
            )
        msg = QT_TRANSLATE_NOOP(
            "Download", "The download was paused; it will resume where it stopped."
        )
        raise DownloadError("paused", msg)

    def _report(self, done: int, phase: str = "downloading", force: bool = True) -> None:
        if not (force or self._meter.due()):
            return
        speed = self._meter.speed(done) if phase == "downloading" else 0.0
        left = (self.total - done) if self.total is not None else None
        eta = left / speed if left is not None and speed > 0 else None
        self._progress(Progress(done, self.total, speed, eta, self._source_name, phase))
