"""The installed-models registry: which GGUF files the user has, where, from where, whether
their sha256 matched the catalog, and which one is the default.

A small JSON file in the data folder, rewritten atomically (temp file + ``os.replace``) so a
crash never leaves half a registry. Files inside the data folder are stored relative to it,
so a portable install on a USB stick keeps working when its drive letter changes.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from desktop.core.models.catalog import CatalogEntry
from desktop.core.models.hashing import sha256_file
from desktop.core.system.paths import DataDir

REGISTRY_FILE = "installed_models.json"
SCHEMA_VERSION = 1
_LOCK = threading.RLock()  # the download thread and the GUI thread both write


@dataclass(frozen=True)
class InstalledModel:
    """One model file the user can open."""

    id: str  # the catalog id, or "local-<sha256 prefix>" for a file the catalog does not know
    name: str
    quantization: str
    size: int
    context_length: int | None
    source: str  # modelscope, hf-mirror, hf, direct or import
    verified: bool  # its sha256 matched a hash pinned in the catalog
    path: str  # absolute, or relative to the data folder
    in_place: bool = False  # referenced where the user keeps it, not copied into models/
    sha256: str | None = None
    catalog_id: str | None = None
    unverified_source: bool = False  # from a hub that gave no sha256; only test-loaded
    added: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M:%S"))

    @property
    def label(self) -> str:
        return f"{self.name} · {self.quantization}" if self.quantization else self.name


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of re-checking one installed file."""

    model: InstalledModel
    ok: bool
    message: str


class Registry:
    """Reads and writes ``installed_models.json``; every change is load-modify-write."""

    def __init__(self, data: DataDir):
        self.data = data
        self.file = data.root / REGISTRY_FILE

    # -- storage ----------------------------------------------------------------------------
    def _load(self) -> dict:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"schema_version": SCHEMA_VERSION, "default": None, "models": []}
        except (OSError, ValueError):
            # Keep the unreadable file for support staff rather than silently overwriting it.
            self.file.replace(self.file.with_suffix(".json.bad"))
            return {"schema_version": SCHEMA_VERSION, "default": None, "models": []}
        return raw if isinstance(raw, dict) else {"default": None, "models": []}

    def _save(self, state: dict) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(state, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.file)

    @staticmethod
    def _decode(item: object) -> InstalledModel | None:
        if not isinstance(item, dict):
            return None
        known = {f.name for f in fields(InstalledModel)}
        try:
            return InstalledModel(**{k: v for k, v in item.items() if k in known})
        except TypeError:
            return None  # a hand-edited entry missing fields is skipped, not fatal

    # -- reading ----------------------------------------------------------------------------
    def models(self) -> list[InstalledModel]:
        """Every registered model, oldest first."""
        with _LOCK:
            items = self._load().get("models", [])
        return [m for m in map(self._decode, items if isinstance(items, list) else []) if m]

    def get(self, model_id: str) -> InstalledModel | None:
        return next((m for m in self.models() if m.id == model_id), None)

    def default(self) -> InstalledModel | None:
        """The default model (the first one installed, unless the user chose another)."""
        with _LOCK:
            wanted = self._load().get("default")
        models = self.models()
        return next((m for m in models if m.id == wanted), models[0] if models else None)

    def path_of(self, model: InstalledModel) -> Path:
        """The absolute path of ``model``'s file."""
        path = Path(model.path)
        return path if path.is_absolute() else self.data.root / path

    def find(self, *, path: Path | None = None, sha256: str | None = None) -> InstalledModel | None:
        """The model whose file is ``path`` or whose hash is ``sha256``."""
        for model in self.models():
            if path is not None and _same_file(self.path_of(model), path):
                return model
            if sha256 is not None and model.sha256 == sha256:
                return model
        return None

    # -- changes ----------------------------------------------------------------------------
    def add(self, model: InstalledModel) -> InstalledModel:
        """Register ``model`` (replacing one with the same id); the first becomes default."""
        path = Path(model.path)
        try:
            model = replace(model, path=str(path.resolve().relative_to(self.data.root)))
        except ValueError:
            model = replace(model, path=str(path.resolve()))
        with _LOCK:
            state = self._load()
            items = [m for m in state.get("models", []) if m.get("id") != model.id]
            items.append(asdict(model))
            state["models"] = items
            if not state.get("default") or not any(m.get("id") == state["default"] for m in items):
                state["default"] = model.id
            self._save(state)
        return model

    def remove(self, model_id: str, delete_file: bool = True) -> InstalledModel | None:
        """Unregister a model; delete its file if ThinkDesk made the copy (never a file the
        user keeps elsewhere and only referenced)."""
        with _LOCK:
            state = self._load()
            model = next((self._decode(m) for m in state.get("models", [])
                          if m.get("id") == model_id), None)  # fmt: skip
            if model is None:
                return None
            if delete_file and not model.in_place:
                self.path_of(model).unlink(missing_ok=True)
            state["models"] = [m for m in state.get("models", []) if m.get("id") != model_id]
            if state.get("default") == model_id:
                state["default"] = state["models"][0]["id"] if state["models"] else None
            self._save(state)
        return model

    def set_default(self, model_id: str) -> None:
        """Make ``model_id`` the model opened at start; KeyError if it is not installed."""
        with _LOCK:
            state = self._load()
            if not any(m.get("id") == model_id for m in state.get("models", [])):
                raise KeyError(model_id)
            state["default"] = model_id
            self._save(state)

    def verify(
        self,
        model: InstalledModel,
        expected_sha256: str | None = None,
        progress: Callable[[int], None] | None = None,
        stop: threading.Event | None = None,
    ) -> VerifyReport:
        """Re-hash ``model``'s file against ``expected_sha256`` (default: its recorded hash)
        and record whether it still matches."""
        path, expected = self.path_of(model), expected_sha256 or model.sha256
        if not path.is_file():
            return VerifyReport(model, False, f"{path} is missing; it was moved or deleted.")
        size = path.stat().st_size
        if model.size and size != model.size:
            return self._mark(model, False, f"{path.name} is {size:,} bytes, not {model.size:,}.")
        digest = sha256_file(path, progress, stop)
        if digest is None:
            return VerifyReport(model, model.verified, "The check was stopped.")
        if expected is None:
            return VerifyReport(model, True, f"{path.name} is readable (no pinned sha256).")
        if digest != expected:
            return self._mark(model, False, f"{path.name} is damaged: its sha256 changed.")
        return self._mark(model, True, f"{path.name} is intact.")

    def _mark(self, model: InstalledModel, ok: bool, message: str) -> VerifyReport:
        if model.verified != ok and (not ok or model.catalog_id):
            model = self.add(replace(model, verified=ok, path=str(self.path_of(model))))
        return VerifyReport(model, ok, message)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def from_download(entry: CatalogEntry, path: Path, sha256: str, source: str) -> InstalledModel:
    """The registry record of a verified catalog download."""
    return InstalledModel(
        id=entry.id, name=entry.name, quantization=entry.quantization,
        size=path.stat().st_size, context_length=entry.context_length, source=source,
        verified=True, path=str(path), in_place=False, sha256=sha256, catalog_id=entry.id,
    )  # fmt: skip
