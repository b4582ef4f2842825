"""Decide whether a GGUF may be loaded in the app's own process.

Two gates, cheapest first: a pure-Python inspection of the header (signature, version, metadata,
tensor table inside the file, supported architecture, no duplicate vocabulary), then one
test-load in a child process. The child's verdict is remembered per (path, size, mtime) so a
model is probed once, not on every start.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from desktop.core.models.gguf_inspect import GGUFError, GGUFInfo, inspect_gguf
from desktop.core.system.atomic_file import write_text_atomically
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, UserMessage, message_of

PROBE_TIMEOUT_S = 300.0


class ModelCheckError(Exception):
    """The file must not be loaded; str() says why in plain words (a UserMessage)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def probe_command(path: Path) -> list[str]:
    """The command that test-loads ``path`` in a child process (also inside a frozen bundle)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--probe-model", str(path)]
    return [sys.executable, "-m", "desktop.core.models.probe", str(path)]


def _file_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


# One lock per verdict file: the import and inference threads each hold a VerdictCache of
# the same file, and a read-modify-write by one must not drop the other's verdict.
_FILE_LOCKS: dict[str, threading.Lock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _lock_for(file: Path) -> threading.Lock:
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(os.path.abspath(file), threading.Lock())


class VerdictCache:
    """Probe verdicts in a small JSON file; unreadable caches are simply started afresh.

    Safe to use from several threads, also through several instances for one file.
    """

    def __init__(self, file: Path | None):
        self.file = file

    def _load(self) -> dict[str, dict[str, object]]:
        if self.file is None:
            return {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, path: Path) -> dict[str, object] | None:
        entry = self._load().get(_file_key(path))
        return entry if isinstance(entry, dict) else None

    def put(self, path: Path, ok: bool, message: str) -> None:
        if self.file is None:
            return
        entry: dict[str, object] = {"ok": ok, "message": str(message)}
        if isinstance(message, UserMessage):  # so a cached verdict can still be translated
            entry["i18n"] = message.to_dict()
        key = _file_key(path)
        with _lock_for(self.file):
            data = self._load()
            data[key] = entry
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                # A temporary file of its own: another process (the CLI) may be writing too.
                write_text_atomically(self.file, json.dumps(data, ensure_ascii=False, indent=1))
            except OSError:
                pass  # a verdict we cannot store is probed again next time; nothing is lost


def _exit_name(returncode: int) -> str:
    if returncode >= 0:
        return QT_TRANSLATE_NOOP("ModelCheck", "exit code {code}").format(code=returncode)
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return QT_TRANSLATE_NOOP("ModelCheck", "signal {number}").format(number=-returncode)


def _llama_reason(stderr: str) -> str:
    """The most telling line of llama.cpp's log, if any."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        lowered = line.lower()
        if "error" in lowered or "failed" in lowered or "abort" in lowered:
            return line[:300]
    return lines[-1][:300] if lines else ""


def _probe_error(stdout: str) -> str:
    """The error the probe reported on its JSON line, if it got that far."""
    for line in reversed(stdout.splitlines()):
        try:
            verdict = json.loads(line)
        except ValueError:
            continue
        if isinstance(verdict, dict) and verdict.get("error"):
            return str(verdict["error"])[:300]
    return ""


def run_probe(
    path: Path, timeout: float = PROBE_TIMEOUT_S, cancel: threading.Event | None = None
) -> None:
    """Test-load ``path`` in a child process; raise ModelCheckError if it fails or dies.

    ``cancel`` (e.g. the app quitting) kills the child and raises with reason "cancelled".
    """
    name = path.name
    try:
        child = subprocess.Popen(
            probe_command(path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as err:
        msg = QT_TRANSLATE_NOOP("ModelCheck", "Could not start the model check: {error}")
        raise ModelCheckError(msg.format(error=str(err)), "probe_failed") from err
    deadline = time.monotonic() + timeout
    while True:
        try:
            stdout, stderr = child.communicate(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            if cancel is not None and cancel.is_set():
                child.kill()
                child.communicate()
                msg = QT_TRANSLATE_NOOP("ModelCheck", "The model check was cancelled.")
                raise ModelCheckError(msg, "cancelled") from None
            if time.monotonic() > deadline:
                child.kill()
                child.communicate()
                msg = QT_TRANSLATE_NOOP(
                    "ModelCheck",
                    "Test-loading '{name}' took longer than {seconds:.0f} s, so ThinkDesk did "
                    "not load it. The disk may be very slow or the file damaged.",
                )
                raise ModelCheckError(
                    msg.format(name=name, seconds=timeout), "probe_timeout"
                ) from None
    if child.returncode == 0:
        return
    detail = _probe_error(stdout) or _llama_reason(stderr)
    if child.returncode != 1:  # 1 is the probe's own "llama.cpp refused"; anything else died
        message = QT_TRANSLATE_NOOP(
            "ModelCheck",
            "llama.cpp crashed while test-loading '{name}' ({exit}). The file is damaged or was "
            "made by an incompatible converter; ThinkDesk did not load it.",
        ).format(name=name, exit=_exit_name(child.returncode))
    else:
        message = QT_TRANSLATE_NOOP(
            "ModelCheck", "llama.cpp could not load '{name}'; ThinkDesk did not load it."
        ).format(name=name)
    if detail:
        with_details = QT_TRANSLATE_NOOP("ModelCheck", "{message} Details: {detail}")
        message = with_details.format(message=message, detail=detail)
    raise ModelCheckError(message, "probe_failed")


def check_model(
    path: str | os.PathLike[str],
    verdicts: VerdictCache | None = None,
    cancel: threading.Event | None = None,
) -> GGUFInfo:
    """Inspect and (once per file version) probe ``path``; return its header facts.

    Raises ModelCheckError with a message for the user when the file must not be loaded.
    """
    path = Path(path).expanduser()
    try:
        info = inspect_gguf(path)
    except GGUFError as err:
        raise ModelCheckError(message_of(err), err.reason) from err
    verdicts = verdicts or VerdictCache(None)
    known = verdicts.get(path)
    if known is not None:
        if known.get("ok"):
            return info
        message = UserMessage.from_dict(known.get("i18n")) or str(known.get("message", ""))
        raise ModelCheckError(message, "probe_failed")
    try:
        run_probe(path, cancel=cancel)
    except ModelCheckError as err:
        if err.reason == "probe_failed":  # a slow disk or a quit is no verdict on the file
            verdicts.put(path, False, message_of(err))
        raise
    verdicts.put(path, True, "")
    return info
