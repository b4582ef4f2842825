"""One verdict per model for this PC, memory and speed together, agreeing with the
System information recommendation (issue 14, item 11)."""

from __future__ import annotations

import pytest

from desktop.core.models.advice import advise, recommended_entries
from desktop.core.models.catalog import GB, load_catalog
from desktop.core.system.hardware import HardwareFacts, recommend

CATALOG = {e.id: e for e in load_catalog()}


def pc(cores: int, ram_gb: float, avx2: bool = True) -> HardwareFacts:
    return HardwareFacts("CPU", "x86_64", "OS", physical_cores=cores, logical_cores=cores * 2,
                         llama_features={"AVX2": avx2}, total_ram=int(ram_gb * GB))  # fmt: skip


@pytest.mark.parametrize(("cores", "ram_gb"), [(2, 16), (8, 16), (4, 32), (1, 32), (8, 8)])
def test_the_table_agrees_with_the_recommendation(cores, ram_gb):
    facts = pc(cores, ram_gb)
    rec = recommend(facts)
    seven = advise(CATALOG["r1-qwen-7b-q4_k_m"], facts.total_ram, None, facts)
    if rec.reason_code == "slow_cpu":
        assert seven.verdict == "slow" and "too slow" in seven.message
    if rec.reason_code == "enough_ram":
        assert seven.verdict == "good"
    starred = recommended_entries(load_catalog(), facts.total_ram, facts)
    assert starred and starred[-1].id == rec.catalog_id  # the best suggestion is the same


def test_a_slow_pc_calls_every_7b_slow_even_when_memory_is_plenty():
    facts = pc(2, 16)
    for entry_id in ("r1-qwen-7b-q4_k_m", "r1-qwen-7b-q6_k"):
        advice = advise(CATALOG[entry_id], facts.total_ram, None, facts)
        assert advice.fit.verdict == "good" and advice.verdict == "slow"
    quick = advise(CATALOG["r1-qwen-1.5b-q4_k_m"], facts.total_ram, None, facts)
    assert quick.verdict == "good" and "tokens per second" in quick.message


def test_heavier_quantizations_are_slower():
    facts = pc(8, 16)
    q4, q6 = (advise(CATALOG[i], facts.total_ram, None, facts).speed
              for i in ("r1-qwen-7b-q4_k_m", "r1-qwen-7b-q6_k"))  # fmt: skip
    assert q6[1] < q4[1]


def test_memory_note_uses_the_same_estimate_as_the_verdict():
    facts = pc(8, 8)
    advice = advise(CATALOG["r1-qwen-1.5b-q6_k"], facts.total_ram, None, facts)
    need = f"{advice.fit.need / GB:.1f} GB"
    assert need in advice.memory_note and need in advice.message
    assert "6 GB of RAM or more" in advice.memory_note  # the catalog's advice, explained
