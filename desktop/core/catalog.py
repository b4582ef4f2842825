"""The model catalog: pinned GGUF files (where to get them, how big, which sha256) and what they
need, so a PC can be matched to a model before a single byte is downloaded.

The bundled catalog ships in ``resources/catalog.json`` and is never fetched at start-up. An
IT admin can add entries (for example a company mirror) in extra files of the same schema;
an extra entry with the id of a bundled one replaces it. Every problem in a file is reported
as a :class:`CatalogError` naming the file, the entry and the field.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.paths import resources_dir

SCHEMA_VERSION = 1
GB = 1024**3
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_REQUIRED = {
    "id": str, "name": str, "quantization": str, "file": str, "sha256": str,
    "context_length": int, "recommended_ram_gb": (int, float), "license": str, "shape": dict,
}  # fmt: skip
_OPTIONAL = {
    "size": (int, type(None)), "approx_size": (int, type(None)), "parameters_b": (int, float),
    "modelscope": dict, "hf": dict, "urls": list, "recommend_from_ram_gb": (int, float),
    "license_note": str,
}  # fmt: skip
_SHAPE_KEYS = ("n_layer", "n_head_kv", "head_dim", "n_ctx_train")


class CatalogError(ValueError):
    """A catalog file that cannot be used; ``str()`` says which file, entry and field."""


@dataclass(frozen=True)
class ShapeFacts:
    """The model shape that memory estimates need before the file exists locally."""

    n_layer: int
    n_head_kv: int
    head_dim: int
    n_ctx_train: int

    def kv_bytes_per_token(self, bytes_per_element: int = 2) -> int:
        """KV cache bytes per token of context (keys and values, f16 by default)."""
        return self.n_layer * self.n_head_kv * self.head_dim * 2 * bytes_per_element


@dataclass(frozen=True)
class RepoRef:
    """A repository on ModelScope or the Hugging Face hub, at a revision (branch or commit)."""

    repo: str
    revision: str


@dataclass(frozen=True)
class CatalogEntry:
    """One downloadable GGUF file."""

    id: str
    name: str
    quantization: str
    file: str
    size: int | None  # None: only approximate; the exact size comes from the source
    sha256: str
    context_length: int
    recommended_ram_gb: float
    license: str
    shape: ShapeFacts
    parameters_b: float | None = None
    approx_size: int | None = None
    modelscope: RepoRef | None = None
    hf: RepoRef | None = None
    urls: tuple[str, ...] = ()
    recommend_from_ram_gb: float | None = None
    license_note: str = ""
    origin: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        """Name and quantization, as a person reads it: "… 1.5B · Q4_K_M"."""
        return f"{self.name} · {self.quantization}"

    @property
    def expected_size(self) -> int | None:
        """The exact size if pinned, else the approximate one (for display and disk checks)."""
        return self.size if self.size is not None else self.approx_size


def bundled_catalog_path() -> Path:
    return resources_dir() / "catalog.json"


def _check(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CatalogError(f"{where}: {problem}")


def _type_name(kinds: Any) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    names = {str: "text", int: "a whole number", float: "a number", dict: "an object",
             list: "a list", type(None): "null"}  # fmt: skip
    return " or ".join(dict.fromkeys(names[k] for k in kinds))


def _repo(value: dict, where: str, default_revision: str) -> RepoRef:
    _check(set(value) <= {"repo", "revision"}, where, "only 'repo' and 'revision' are allowed")
    repo, revision = value.get("repo"), value.get("revision", default_revision)
    _check(isinstance(repo, str) and bool(_REPO.match(repo)), where,
           "'repo' must look like 'owner/name'")  # fmt: skip
    _check(isinstance(revision, str) and bool(revision) and "/" not in revision, where,
           "'revision' must be a branch name or commit id")  # fmt: skip
    return RepoRef(repo, revision)


def _entry(raw: object, where: str, origin: str) -> CatalogEntry:
    _check(isinstance(raw, dict), where, "each model must be a JSON object")
    assert isinstance(raw, dict)
    unknown = set(raw) - set(_REQUIRED) - set(_OPTIONAL)
    _check(not unknown, where, f"unknown field(s) {sorted(unknown)}; check the spelling")
    for key, kinds in (*_REQUIRED.items(), *_OPTIONAL.items()):
        if key not in raw:
            _check(key not in _REQUIRED, where, f"the field '{key}' is missing")
            continue
        value = raw[key]
        ok = isinstance(value, kinds) and not isinstance(value, bool)  # JSON true is no number
        _check(ok, where, f"'{key}' must be {_type_name(kinds)}, not {json.dumps(value)}")
    where = f"{where} ({raw['id']})"
    _check(bool(_ID.match(raw["id"])), where,
           "'id' may use only lower-case letters, digits, '.', '_' and '-'")  # fmt: skip
    name = raw["file"]
    _check(name.lower().endswith(".gguf") and name == os.path.basename(name)
           and "/" not in name and "\\" not in name and not name.startswith("."), where,
           "'file' must be a plain file name ending in .gguf (no folders)")  # fmt: skip
    _check(bool(_SHA256.match(raw["sha256"])), where,
           "'sha256' must be 64 lower-case hexadecimal characters")  # fmt: skip
    size, approx = raw.get("size"), raw.get("approx_size")
    _check(size is None or size > 0, where, "'size' must be a positive number of bytes")
    _check(size is not None or (approx is not None and approx > 0), where,
           "give the exact 'size' in bytes, or null and an 'approx_size'")  # fmt: skip
    _check(raw["context_length"] > 0 and raw["recommended_ram_gb"] > 0, where,
           "'context_length' and 'recommended_ram_gb' must be positive")  # fmt: skip
    shape = raw["shape"]
    shape_ok = set(shape) == set(_SHAPE_KEYS) and all(
        isinstance(shape[k], int) and not isinstance(shape[k], bool) and shape[k] > 0
        for k in _SHAPE_KEYS
    )
    keys = ", ".join(_SHAPE_KEYS)
    _check(shape_ok, where, f"'shape' must hold exactly {keys} as positive whole numbers")
    urls = raw.get("urls", [])
    _check(all(isinstance(u, str) and u.startswith(("https://", "http://")) for u in urls),
           where, "'urls' must be a list of http:// or https:// addresses")  # fmt: skip
    ms = _repo(raw["modelscope"], f"{where}.modelscope", "master") if "modelscope" in raw else None
    hf = _repo(raw["hf"], f"{where}.hf", "main") if "hf" in raw else None
    _check(bool(ms or hf or urls), where, "give at least one of 'modelscope', 'hf' or 'urls'")
    return CatalogEntry(
        id=raw["id"], name=raw["name"], quantization=raw["quantization"], file=name,
        size=size, sha256=raw["sha256"], context_length=raw["context_length"],
        recommended_ram_gb=float(raw["recommended_ram_gb"]),
        license=raw["license"], shape=ShapeFacts(**{k: shape[k] for k in _SHAPE_KEYS}),
        parameters_b=raw.get("parameters_b"), approx_size=approx, modelscope=ms, hf=hf,
        urls=tuple(urls), recommend_from_ram_gb=raw.get("recommend_from_ram_gb"),
        license_note=raw.get("license_note", ""), origin=origin,
    )  # fmt: skip


def parse_catalog(data: object, origin: str = "catalog") -> list[CatalogEntry]:
    """Validate decoded catalog JSON and return its entries; raise CatalogError if unusable."""
    _check(isinstance(data, dict), origin, "the file must hold a JSON object")
    assert isinstance(data, dict)
    version = data.get("schema_version")
    _check(version == SCHEMA_VERSION, origin,
           f"'schema_version' must be {SCHEMA_VERSION} (found {json.dumps(version)}); "
           "the file may be meant for a different ThinkDesk version")  # fmt: skip
    _check(set(data) <= {"schema_version", "models"}, origin,
           "only 'schema_version' and 'models' are allowed at the top level")  # fmt: skip
    models = data.get("models")
    _check(isinstance(models, list), origin, "'models' must be a list")
    assert isinstance(models, list)
    entries = [_entry(raw, f"{origin}: model #{i + 1}", origin) for i, raw in enumerate(models)]
    seen: set[str] = set()
    for entry in entries:
        _check(entry.id not in seen, origin, f"the id '{entry.id}' is used twice")
        seen.add(entry.id)
    return entries


def read_catalog_file(path: str | os.PathLike[str]) -> list[CatalogEntry]:
    """Read and validate one catalog file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate Notepad's byte-order mark
    except OSError as err:
        raise CatalogError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        data = json.loads(text)
    except ValueError as err:
        raise CatalogError(f"{path}: is not valid JSON ({err})") from None
    return parse_catalog(data, str(path))


class Catalog:
    """The entries of the bundled catalog plus any extra files, in order."""

    def __init__(self, entries: Iterable[CatalogEntry]):
        self._entries: dict[str, CatalogEntry] = {}
        for entry in entries:
            self._entries[entry.id] = entry  # a later file replaces an earlier entry

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> CatalogEntry | None:
        """The entry with this id (any case) or file name, or None."""
        key = key.strip()
        found = self._entries.get(key) or self._entries.get(key.lower())
        if found is None:
            found = next((e for e in self if e.file.lower() == key.lower()), None)
        return found

    def by_sha256(self, sha256: str) -> CatalogEntry | None:
        """The entry whose pinned hash is ``sha256`` (recognises imported files)."""
        return next((e for e in self if e.sha256 == sha256.lower()), None)


def load_catalog(extra: Iterable[str | os.PathLike[str]] = (), *, bundled: bool = True) -> Catalog:
    """The bundled catalog plus ``extra`` files; raise CatalogError for a bad file."""
    entries: list[CatalogEntry] = []
    if bundled:
        entries += read_catalog_file(bundled_catalog_path())
    for path in extra:
        entries += read_catalog_file(path)
    return Catalog(entries)


def recommended_entries(catalog: Catalog, total_ram: int) -> list[CatalogEntry]:
    """Models to suggest on this PC, best first (the first is preselected on first run).

    An entry is suggested when the PC has at least its ``recommend_from_ram_gb``; the smallest
    threshold comes first so the quick, safe choice is the default. Machines sold as "12 GB"
    report a little less, hence the tolerance.
    """
    ram_gb = total_ram / GB + 0.6
    picks = [e for e in catalog if e.recommend_from_ram_gb is not None]
    picks = [e for e in picks if ram_gb >= (e.recommend_from_ram_gb or 0)]
    return sorted(picks, key=lambda e: e.recommend_from_ram_gb or 0)


#: Fallback when desktop.core.memory_fit is unavailable: compute buffers plus the app itself.
_OVERHEAD = 700 * 1024**2
#: The context the fit verdict assumes: memory_fit's floor, below which R1 cannot think.
FIT_CONTEXT = 2048


@dataclass(frozen=True)
class Fit:
    """Whether a catalog model suits a PC: "good", "tight" (fits only with little else
    running, or below the recommended RAM) or "too_big"; ``need`` is the estimated memory use
    in bytes at FIT_CONTEXT tokens and ``budget`` what the model may use on this PC."""

    verdict: str
    need: int
    budget: int
    total_ram: int
    recommended: int

    @property
    def message(self) -> str:
        need, budget, have = self.need / GB, self.budget / GB, self.total_ram / GB
        if self.verdict == "too_big":
            return (
                f"This model needs about {need:.1f} GB of memory, but at most {budget:.1f} GB "
                f"of this PC's {have:.1f} GB can go to it. Choose a smaller model."
            )
        if self.verdict == "tight":
            return (
                f"This model needs about {need:.1f} GB of memory; this PC has {have:.1f} GB. "
                f"It will run, but close other programs ({self.recommended / GB:.0f} GB or "
                "more is recommended)."
            )
        return f"Fits this PC: about {need:.1f} GB of {have:.1f} GB."


def estimate_memory(entry: CatalogEntry, n_ctx: int = FIT_CONTEXT) -> int:
    """Bytes of RAM the model needs at ``n_ctx`` tokens (memory_fit's estimate if present)."""
    try:
        from desktop.core import memory_fit as mf

        return mf.estimate(model_facts(entry), n_ctx).total
    except (ImportError, AttributeError, TypeError):
        return (entry.expected_size or 0) + entry.shape.kv_bytes_per_token() * n_ctx + _OVERHEAD


def model_facts(entry: CatalogEntry):  # -> desktop.core.memory_fit.ModelFacts
    """The memory_fit facts of a catalog entry, known before the download."""
    from desktop.core.memory_fit import ModelFacts

    return ModelFacts(
        weights_bytes=entry.expected_size or 0, n_layer=entry.shape.n_layer,
        n_head_kv=entry.shape.n_head_kv, head_dim=entry.shape.head_dim,
        n_ctx_train=entry.shape.n_ctx_train, name=entry.label, quantization=entry.quantization,
    )  # fmt: skip


def fit_entry(entry: CatalogEntry, total_ram: int | None = None, budget: int | None = None) -> Fit:
    """How well ``entry`` fits a PC with ``total_ram`` bytes (default: this PC).

    ``budget`` is the memory the user allows the model (Settings); by default the share of the
    *installed* RAM the app would give it with other programs closed, so the verdict does not
    flicker with whatever else is open right now.
    """
    if total_ram is None:
        import psutil

        total_ram = int(psutil.virtual_memory().total)
    if budget is None:
        budget = max(0, int(min(total_ram * 0.8, total_ram - GB)))  # memory_fit's safe share
    need = estimate_memory(entry)
    recommended = int(entry.recommended_ram_gb * GB)
    if need > budget:
        verdict = "too_big"
    elif total_ram + int(0.6 * GB) >= recommended:  # "8 GB" PCs report ~7.7 GiB
        verdict = "good"
    else:
        verdict = "tight"
    return Fit(verdict, need, budget, total_ram, recommended)
