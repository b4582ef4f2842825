"""What a catalog file holds (:class:`CatalogEntry`) and how one is validated.

Every problem in a file is reported as a :class:`CatalogError` naming the file, the entry and
the field, in words an IT admin can act on (translated in the UI, see desktop.core.system.i18n).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.system.i18n import QT_TRANSLATE_NOOP, UserMessage

SCHEMA_VERSION = 1
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


def _check(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CatalogError(
            QT_TRANSLATE_NOOP("Catalog", "{where}: {problem}").format(where=where, problem=problem)
        )


def _type_name(kinds: Any) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    names = {
        str: QT_TRANSLATE_NOOP("Catalog", "text"),
        int: QT_TRANSLATE_NOOP("Catalog", "a whole number"),
        float: QT_TRANSLATE_NOOP("Catalog", "a number"),
        dict: QT_TRANSLATE_NOOP("Catalog", "an object"),
        list: QT_TRANSLATE_NOOP("Catalog", "a list"),
        type(None): QT_TRANSLATE_NOOP("Catalog", "null"),
    }
    *first, text = dict.fromkeys(names[k] for k in kinds)
    for name in reversed(first):
        text = QT_TRANSLATE_NOOP("Catalog", "{first} or {rest}").format(first=name, rest=text)
    return text


def _field(where: str, name: str) -> UserMessage:
    return QT_TRANSLATE_NOOP("Catalog", "{where}.{field}").format(where=where, field=name)


def _repo(value: dict, where: str, default_revision: str) -> RepoRef:
    _check(
        set(value) <= {"repo", "revision"},
        where,
        QT_TRANSLATE_NOOP("Catalog", "only 'repo' and 'revision' are allowed"),
    )
    repo, revision = value.get("repo"), value.get("revision", default_revision)
    _check(
        isinstance(repo, str) and bool(_REPO.match(repo)),
        where,
        QT_TRANSLATE_NOOP("Catalog", "'repo' must look like 'owner/name'"),
    )
    _check(
        isinstance(revision, str) and bool(revision) and "/" not in revision,
        where,
        QT_TRANSLATE_NOOP("Catalog", "'revision' must be a branch name or commit id"),
    )
    return RepoRef(repo, revision)


def _entry(raw: object, where: str, origin: str) -> CatalogEntry:
    _check(
        isinstance(raw, dict),
        where,
        QT_TRANSLATE_NOOP("Catalog", "each model must be a JSON object"),
    )
    assert isinstance(raw, dict)
    unknown = set(raw) - set(_REQUIRED) - set(_OPTIONAL)
    _check(
        not unknown,
        where,
        QT_TRANSLATE_NOOP("Catalog", "unknown field(s) {fields}; check the spelling").format(
            fields=str(sorted(unknown))
        ),
    )
    for key, kinds in (*_REQUIRED.items(), *_OPTIONAL.items()):
        if key not in raw:
            _check(
                key not in _REQUIRED,
                where,
                QT_TRANSLATE_NOOP("Catalog", "the field '{key}' is missing").format(key=key),
            )
            continue
        value = raw[key]
        ok = isinstance(value, kinds) and not isinstance(value, bool)  # JSON true is no number
        _check(
            ok,
            where,
            QT_TRANSLATE_NOOP("Catalog", "'{key}' must be {kind}, not {value}").format(
                key=key, kind=_type_name(kinds), value=json.dumps(value)
            ),
        )
    where = QT_TRANSLATE_NOOP("Catalog", "{where} ({id})").format(where=where, id=raw["id"])
    _check(
        bool(_ID.match(raw["id"])),
        where,
        QT_TRANSLATE_NOOP(
            "Catalog", "'id' may use only lower-case letters, digits, '.', '_' and '-'"
        ),
    )
    name = raw["file"]
    _check(
        name.lower().endswith(".gguf")
        and name == os.path.basename(name)
        and "/" not in name
        and "\\" not in name
        and not name.startswith("."),
        where,
        QT_TRANSLATE_NOOP(
            "Catalog", "'file' must be a plain file name ending in .gguf (no folders)"
        ),
    )
    _check(
        bool(_SHA256.match(raw["sha256"])),
        where,
        QT_TRANSLATE_NOOP("Catalog", "'sha256' must be 64 lower-case hexadecimal characters"),
    )
    size, approx = raw.get("size"), raw.get("approx_size")
    _check(
        size is None or size > 0,
        where,
        QT_TRANSLATE_NOOP("Catalog", "'size' must be a positive number of bytes"),
    )
    _check(
        size is not None or (approx is not None and approx > 0),
        where,
        QT_TRANSLATE_NOOP(
            "Catalog", "give the exact 'size' in bytes, or null and an 'approx_size'"
        ),
    )
    _check(
        raw["context_length"] > 0 and raw["recommended_ram_gb"] > 0,
        where,
        QT_TRANSLATE_NOOP("Catalog", "'context_length' and 'recommended_ram_gb' must be positive"),
    )
    shape = raw["shape"]
    shape_ok = set(shape) == set(_SHAPE_KEYS) and all(
        isinstance(shape[k], int) and not isinstance(shape[k], bool) and shape[k] > 0
        for k in _SHAPE_KEYS
    )
    _check(
        shape_ok,
        where,
        QT_TRANSLATE_NOOP(
            "Catalog", "'shape' must hold exactly {keys} as positive whole numbers"
        ).format(keys=", ".join(_SHAPE_KEYS)),
    )
    urls = raw.get("urls", [])
    _check(
        all(isinstance(u, str) and u.startswith(("https://", "http://")) for u in urls),
        where,
        QT_TRANSLATE_NOOP("Catalog", "'urls' must be a list of http:// or https:// addresses"),
    )
    ms = (
        _repo(raw["modelscope"], _field(where, "modelscope"), "master")
        if "modelscope" in raw
        else None
    )
    hf = _repo(raw["hf"], _field(where, "hf"), "main") if "hf" in raw else None
    _check(
        bool(ms or hf or urls),
        where,
        QT_TRANSLATE_NOOP("Catalog", "give at least one of 'modelscope', 'hf' or 'urls'"),
    )
    return CatalogEntry(
        id=raw["id"],
        name=raw["name"],
        quantization=raw["quantization"],
        file=name,
        size=size,
        sha256=raw["sha256"],
        context_length=raw["context_length"],
        recommended_ram_gb=float(raw["recommended_ram_gb"]),
        license=raw["license"],
        shape=ShapeFacts(**{k: shape[k] for k in _SHAPE_KEYS}),
        parameters_b=raw.get("parameters_b"),
        approx_size=approx,
        modelscope=ms,
        hf=hf,
        urls=tuple(urls),
        recommend_from_ram_gb=raw.get("recommend_from_ram_gb"),
        license_note=raw.get("license_note", ""),
        origin=origin,
    )


def parse_catalog(data: object, origin: str = "catalog") -> list[CatalogEntry]:
    """Validate decoded catalog JSON and return its entries; raise CatalogError if unusable."""
    _check(
        isinstance(data, dict),
        origin,
        QT_TRANSLATE_NOOP("Catalog", "the file must hold a JSON object"),
    )
    assert isinstance(data, dict)
    version = data.get("schema_version")
    _check(
        version == SCHEMA_VERSION,
        origin,
        QT_TRANSLATE_NOOP(
            "Catalog",
            "'schema_version' must be {wanted} (found {found}); the file may be meant "
            "for a different ThinkDesk version",
        ).format(wanted=SCHEMA_VERSION, found=json.dumps(version)),
    )
    _check(
        set(data) <= {"schema_version", "models"},
        origin,
        QT_TRANSLATE_NOOP(
            "Catalog", "only 'schema_version' and 'models' are allowed at the top level"
        ),
    )
    models = data.get("models")
    _check(
        isinstance(models, list), origin, QT_TRANSLATE_NOOP("Catalog", "'models' must be a list")
    )
    assert isinstance(models, list)
    model_n = QT_TRANSLATE_NOOP("Catalog", "{origin}: model #{n}")
    entries = [
        _entry(raw, model_n.format(origin=origin, n=i + 1), origin) for i, raw in enumerate(models)
    ]
    seen: set[str] = set()
    for entry in entries:
        _check(
            entry.id not in seen,
            origin,
            QT_TRANSLATE_NOOP("Catalog", "the id '{id}' is used twice").format(id=entry.id),
        )
        seen.add(entry.id)
    return entries


def read_catalog_file(path: str | os.PathLike[str]) -> list[CatalogEntry]:
    """Read and validate one catalog file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate Notepad's byte-order mark
    except OSError as err:
        msg = QT_TRANSLATE_NOOP("Catalog", "{path}: cannot be read ({error})")
        raise CatalogError(msg.format(path=str(path), error=str(err.strerror or err))) from None
    try:
        data = json.loads(text)
    except ValueError as err:
        msg = QT_TRANSLATE_NOOP("Catalog", "{path}: is not valid JSON ({error})")
        raise CatalogError(msg.format(path=str(path), error=str(err))) from None
    return parse_catalog(data, str(path))
