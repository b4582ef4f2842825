"""The model catalog: pinned GGUF files (where to get them, how big, which sha256) and what they
need, so a PC can be matched to a model before a single byte is downloaded.

The bundled catalog ships in ``resources/catalog.json`` and is never fetched at start-up. An
IT admin can add entries (for example a company mirror) in extra files of the same schema;
an extra entry with the id of a bundled one replaces it. Every problem in a file is reported
as a :class:`CatalogError` naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.models.catalog_schema import (
    SCHEMA_VERSION,
    CatalogEntry,
    CatalogError,
    RepoRef,
    ShapeFacts,
    parse_catalog,
    read_catalog_file,
)
from desktop.core.system.i18n import QT_TRANSLATE_NOOP
from desktop.core.system.paths import resources_dir

__all__ = [
    "GB", "SCHEMA_VERSION", "Catalog", "CatalogEntry", "CatalogError", "Fit", "RepoRef",
    "ShapeFacts", "bundled_catalog_path", "estimate_memory", "fit_entry", "load_catalog",
    "parse_catalog", "read_catalog_file", "recommended_entries", "resources_dir",
]  # fmt: skip

GB = 1024**3


def bundled_catalog_path() -> Path:
    return resources_dir() / "catalog.json"


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


#: Fallback when desktop.core.models.memory_fit is unavailable: compute buffers plus the app itself.
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
        """The verdict in a sentence (a UserMessage: the UI shows it translated)."""
        need, budget, have = self.need / GB, self.budget / GB, self.total_ram / GB
        if self.verdict == "too_big":
            return QT_TRANSLATE_NOOP(
                "Catalog",
                "This model needs about {need:.1f} GB of memory, but at most {budget:.1f} GB of "
                "this PC's {have:.1f} GB can go to it. Choose a smaller model.",
            ).format(need=need, budget=budget, have=have)
        if self.verdict == "tight":
            return QT_TRANSLATE_NOOP(
                "Catalog",
                "This model needs about {need:.1f} GB of memory; this PC has {have:.1f} GB. It "
                "will run, but close other programs ({recommended:.0f} GB or more is "
                "recommended).",
            ).format(need=need, have=have, recommended=self.recommended / GB)
        return QT_TRANSLATE_NOOP(
            "Catalog", "Fits this PC: about {need:.1f} GB of {have:.1f} GB."
        ).format(need=need, have=have)


def estimate_memory(entry: CatalogEntry, n_ctx: int = FIT_CONTEXT) -> int:
    """Bytes of RAM the model needs at ``n_ctx`` tokens (memory_fit's estimate)."""
    from desktop.core.models import memory_fit

    return memory_fit.estimate(model_facts(entry), n_ctx).total


def model_facts(entry: CatalogEntry):  # -> desktop.core.models.memory_fit.ModelFacts
    """The memory_fit facts of a catalog entry, known before the download."""
    from desktop.core.models.memory_fit import ModelFacts

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
