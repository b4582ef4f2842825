"""Bring a GGUF the user already has (a download folder, a USB stick) into ThinkDesk.

Each file is inspected (header, tensor bounds), hashed to recognise it against the catalog,
and, when the catalog does not vouch for it, test-loaded in a child process, all before it is
registered. Copies are hashed again as they are written, because a worn USB stick can return
different bytes on a second read.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.core.models.catalog import Catalog
from desktop.core.models.gguf_inspect import GGUFError, inspect_gguf
from desktop.core.models.hashing import CHUNK, Hasher, sha256_file
from desktop.core.models.installed import InstalledModel, Registry
from desktop.core.models.model_check import ModelCheckError, VerdictCache, check_model
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, message_of
from desktop.core.system.part_lock import PartBusy, PartLock

#: progress(phase, done, total): phase is "hashing", "checking" or "copying"
ImportProgress = Callable[[str, int, int], None]
_MAX_FOUND = 200  # a folder scan stops here: nobody imports more models than this at once
_CANCELLED = QT_TRANSLATE_NOOP("Import", "The import was cancelled.")


class ModelImportError(Exception):
    """The file was not imported; ``str()`` says why in plain words (a UserMessage)."""


def find_gguf_files(path: str | os.PathLike[str]) -> list[Path]:
    """``path`` itself if it is a file, else the ``*.gguf`` files under the folder (any case;
    hidden folders and unfinished ``.part`` downloads skipped), sorted by name."""
    root = Path(path).expanduser()
    if not root.is_dir():
        return [root]
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=lambda err: None):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "$")))
        found += [Path(folder) / f for f in sorted(files) if f.lower().endswith(".gguf")]
        if len(found) >= _MAX_FOUND:
            break
    return found[:_MAX_FOUND]


def import_model(
    path: str | os.PathLike[str],
    registry: Registry,
    catalog: Catalog,
    *,
    copy: bool,
    verdicts: VerdictCache | None = None,
    progress: ImportProgress | None = None,
    stop: threading.Event | None = None,
    disk_margin: int = 256 << 20,
) -> InstalledModel:
    """Validate, recognise and register ``path``; with ``copy`` put a copy in the models folder,
    else reference the file where it is. Raises ModelImportError with the reason."""
    source = Path(path).expanduser().resolve()
    report = progress or (lambda phase, done, total: None)
    stop = stop or threading.Event()
    try:
        info = inspect_gguf(source)
    except GGUFError as err:
        raise ModelImportError(message_of(err)) from None
    size = info.file_size
    known = registry.find(path=source)
    if known is not None:
        return known
    try:
        sha = sha256_file(source, lambda n: report("hashing", n, size), stop)
    except OSError as err:  # a USB stick pulled out or failing while it is read
        msg = QT_TRANSLATE_NOOP(
            "Import",
            "{name} could not be read ({error}). If it is on a USB stick or a network folder, "
            "check that it is still connected, then try again.",
        )
        raise ModelImportError(
            msg.format(name=source.name, error=str(err.strerror or err))
        ) from None
    if sha is None:
        raise ModelImportError(_CANCELLED)
    known = registry.find(sha256=sha)
    if known is not None and registry.path_of(known).is_file():
        return known  # the same bytes are already installed; a second copy helps nobody
    entry = catalog.by_sha256(sha)
    if entry is None:
        report("checking", 0, 0)
        try:
            check_model(source, verdicts, cancel=stop)
        except ModelCheckError as err:
            raise ModelImportError(message_of(err)) from None
    models_dir = registry.data.models
    inside = source.parent == models_dir.resolve()
    target = source
    if copy and not inside:
        target = _copy_verified(source, models_dir, entry.file if entry else source.name, sha,
                                size, report, stop, disk_margin)  # fmt: skip
        if verdicts is not None and entry is None:
            verdicts.put(target, True, "")  # same bytes as the probed original
    model = InstalledModel(
        id=entry.id if entry else f"local-{sha[:12]}",
        name=entry.name if entry else (info.name or source.stem),
        quantization=entry.quantization if entry else (info.quantization or ""),
        size=size,
        context_length=entry.context_length if entry else info.context_length,
        source="import",
        verified=entry is not None,
        path=str(target),
        in_place=not copy and not inside,
        sha256=sha,
        catalog_id=entry.id if entry else None,
    )
    try:
        return registry.add(model)
    except OSError as err:  # the list of models sits in the data folder
        if target != source:
            target.unlink(missing_ok=True)  # an unlisted copy would only take space
        raise _not_written(source, registry.data.root, err) from None


def _not_written(source: Path, folder: Path, err: OSError) -> ModelImportError:
    """The data folder is read-only or full: what the user can do about it."""
    msg = QT_TRANSLATE_NOOP(
        "Import",
        "{name} was not imported: {folder} could not be written ({error}). Check that the "
        "folder is not read-only and that the disk is not full.",
    )
    error = str(err.strerror or err)
    return ModelImportError(msg.format(name=source.name, folder=str(folder), error=error))


def _free_name(folder: Path, name: str) -> Path:
    target, n = folder / name, 2
    while target.exists():
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return target


def _copy_verified(
    source: Path,
    models_dir: Path,
    name: str,
    sha: str,
    size: int,
    report: ImportProgress,
    stop: threading.Event,
    disk_margin: int,
) -> Path:
    models_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(models_dir).free
    if free < size + disk_margin:
        msg = QT_TRANSLATE_NOOP(
            "Import",
            "Not enough free disk space to copy {name}: it needs {need:.2f} GB and {folder} has "
            '{free:.2f} GB free. Choose "use where it is" instead, or free space.',
        )
        need, folder = (size + disk_margin) / 1024**3, str(models_dir)
        raise ModelImportError(
            msg.format(name=source.name, need=need, folder=folder, free=free / 1024**3)
        )
    target = _free_name(models_dir, name)
    # The lock is the one a download of this file takes, so a download and an import (in this
    # app or another process) never write the same file; the copy grows under a name of its
    # own, so a paused download's .part is never overwritten or deleted.
    lock = PartLock(target.with_name(target.name + ".part"))
    try:
        lock.acquire()
    except PartBusy:
        msg = QT_TRANSLATE_NOOP(
            "Import",
            "{name} is being downloaded or imported right now (in this window or another "
            "ThinkDesk). Let that finish, then try again.",
        )
        raise ModelImportError(msg.format(name=target.name)) from None
    except OSError as err:  # the lock file cannot be created: nothing can be copied there
        raise _not_written(source, models_dir, err) from None
    part = target.with_name(target.name + ".importing")
    hasher, done = Hasher(), 0
    try:
        with open(source, "rb", buffering=0) as src, open(part, "wb", buffering=0) as dst:
            while data := src.read(CHUNK):
                if stop.is_set():
                    raise ModelImportError(_CANCELLED)
                dst.write(data)
                hasher.update(data)
                done += len(data)
                report("copying", done, size)
            os.fsync(dst.fileno())
        if hasher.hexdigest() != sha:
            msg = QT_TRANSLATE_NOOP(
                "Import",
                "{name} read back differently while it was copied; the disk or USB stick may be "
                "failing. Nothing was imported.",
            )
            raise ModelImportError(msg.format(name=source.name))
        os.replace(part, target)
    except OSError as err:
        msg = QT_TRANSLATE_NOOP("Import", "Copying {name} failed: {error}")
        raise ModelImportError(
            msg.format(name=source.name, error=str(err.strerror or err))
        ) from None
    finally:
        hasher.close()
        part.unlink(missing_ok=True)
        lock.release()
    return target
