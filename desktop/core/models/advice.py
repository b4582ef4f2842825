"""One verdict per catalog model for this PC: memory fit and expected speed together.

The model manager's "This PC" column, its tooltip, the star and first-run banner, and the
System information recommendation must agree. They used to disagree: the column judged memory
alone ("Good fit" for the 7B Q6_K) while the recommendation judged speed too ("the 7B would
answer very slowly"). Both now come from here and from ``hardware.SLOW_TOKENS_PER_S``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.models.catalog import FIT_CONTEXT, GB, Catalog, CatalogEntry, Fit, fit_entry
from desktop.core.models.catalog import recommended_entries as _by_ram
from desktop.core.system.hardware import SLOW_TOKENS_PER_S, HardwareFacts, expected_speed
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

__all__ = ["Advice", "advise", "recommended_entries", "size_class"]


def size_class(entry: CatalogEntry) -> str:
    """The speed table's row for ``entry``: "7B" or "1.5B" (the nearest of the two)."""
    params = entry.parameters_b
    if params is None:
        params = 7.0 if "7b" in f"{entry.id} {entry.name}".lower() else 1.5
    return "7B" if params >= 4 else "1.5B"


@dataclass(frozen=True)
class Advice:
    """``fit`` (memory) and ``speed`` (tokens/s, low-high; None without hardware facts)."""

    entry: CatalogEntry
    fit: Fit
    speed: tuple[float, float] | None
    cores: int = 0

    @property
    def verdict(self) -> str:
        """One of good, tight, slow or too_big: memory first, then speed."""
        if self.fit.verdict == "too_big":
            return "too_big"
        if self.speed is not None and self.speed[0] < SLOW_TOKENS_PER_S:
            return "slow"
        return self.fit.verdict

    @property
    def message(self) -> str:
        """The verdict in sentences, with the same numbers the table shows."""
        if self.verdict == "slow":
            assert self.speed is not None
            return QT_TRANSLATE_NOOP(
                "Catalog",
                "It fits in memory (about {need:.1f} GB), but with {cores} cores this PC would "
                "write only about {low:g}-{high:g} tokens per second: too slow to be practical. "
                "A smaller model answers much sooner.",
            ).format(need=self.fit.need / GB, cores=self.cores, low=self.speed[0],
                     high=self.speed[1])  # fmt: skip
        if self.speed is None or self.verdict == "too_big":
            return self.fit.message
        speed = QT_TRANSLATE_NOOP(
            "Catalog", "Expected speed: about {low:g}-{high:g} tokens per second."
        ).format(low=self.speed[0], high=self.speed[1])
        return QT_TRANSLATE_NOOP("Catalog", "{fit} {speed}").format(fit=self.fit.message,
                                                                   speed=speed)  # fmt: skip

    @property
    def memory_note(self) -> str:
        """What the memory column's number means (the same estimate as the verdict's)."""
        return QT_TRANSLATE_NOOP(
            "Catalog",
            "About {need:.1f} GB of memory while answering (at {ctx:,} tokens of context). "
            "A PC with {recommended:g} GB of RAM or more leaves room for other programs.",
        ).format(
            need=self.fit.need / GB, ctx=FIT_CONTEXT, recommended=self.entry.recommended_ram_gb
        )


def advise(
    entry: CatalogEntry, total_ram: int, budget: int | None, facts: HardwareFacts | None
) -> Advice:
    """The verdict for ``entry`` on a PC with ``total_ram`` and these ``facts``."""
    fit = fit_entry(entry, total_ram, budget)
    speed = None
    if facts is not None:
        # The speed table is for Q4_K_M; heavier quantizations read more bytes per token.
        q4 = entry.quantization.upper() == "Q4_K_M"
        weights = None if q4 else (entry.expected_size or 0) / GB or None
        speed = expected_speed(facts, size_class(entry), weights)
    return Advice(entry, fit, speed, facts.physical_cores if facts is not None else 0)


def recommended_entries(
    catalog: Catalog, total_ram: int, facts: HardwareFacts | None
) -> list[CatalogEntry]:
    """Models to suggest, best first: enough RAM for them and not too slow here."""
    by_ram = _by_ram(catalog, total_ram)
    quick = [e for e in by_ram if advise(e, total_ram, None, facts).verdict != "slow"]
    return quick or by_ram[:1]  # the smallest stays suggested even on a very slow PC
