"""The catalog entry of an unfinished hub download, kept as ``<file>.hub.json`` next to its
``.part``: the bundled catalog does not know files found on a hub, and the next session needs
the entry (sources, size, sha256) to offer to resume the download where it stopped.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from desktop.core.downloads.transfer import part_paths
from desktop.core.models.catalog import CatalogEntry, RepoRef, ShapeFacts

SUFFIX = ".hub.json"


def _note(models_dir: Path, file: str) -> Path:
    return Path(models_dir) / (file + SUFFIX)


def remember(models_dir: Path, entry: CatalogEntry) -> None:
    """Keep ``entry`` for a later session (best effort: a failure only loses the offer)."""
    try:
        Path(models_dir).mkdir(parents=True, exist_ok=True)
        _note(models_dir, entry.file).write_text(json.dumps(asdict(entry)), encoding="utf-8")
    except OSError:
        pass


def forget(models_dir: Path, entry: CatalogEntry) -> None:
    """The download finished or was given up: drop its note."""
    _note(models_dir, entry.file).unlink(missing_ok=True)


def _entry(data: object) -> CatalogEntry | None:
    """The entry a note holds, or None for a damaged or hand-edited one."""
    if not isinstance(data, dict):
        return None
    try:
        known = {f.name for f in fields(CatalogEntry)}
        values = {k: v for k, v in data.items() if k in known}
        values["shape"] = ShapeFacts(**values["shape"])
        for key in ("modelscope", "hf"):
            values[key] = RepoRef(**values[key]) if values.get(key) else None
        values["urls"] = tuple(values.get("urls") or ())
        entry = CatalogEntry(**values)
    except (KeyError, TypeError):
        return None
    plain = Path(entry.file).name == entry.file and entry.file.lower().endswith(".gguf")
    return entry if plain and (entry.modelscope or entry.hf) else None


def remembered(models_dir: Path) -> list[CatalogEntry]:
    """Entries of hub downloads that left a ``.part``; notes without one are removed."""
    found = []
    for note in sorted(Path(models_dir).glob("*" + SUFFIX)):
        try:
            entry = _entry(json.loads(note.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            entry = None
        if entry is not None and part_paths(Path(models_dir), entry)[1].exists():
            found.append(entry)
        else:
            note.unlink(missing_ok=True)
    return found
