"""The memory-fit estimator on real generated GGUFs of several shapes, and its refusal path."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from desktop.core.models import memory_fit as mf
from desktop.core.models.gguf_inspect import inspect_gguf
from desktop.core.models.memory_fit import (
    CONTEXT_FLOOR,
    CONTEXT_STEP,
    GiB,
    MiB,
    ModelFacts,
    default_budget_bytes,
    estimate,
    fit,
)
from desktop.core.models.synthetic_gguf import TINY, ModelShape, write_r1_gguf

SHAPES = {
    "tiny": TINY,
    "gqa4": ModelShape(n_layer=4, n_embd=128, n_head=8, n_head_kv=2, n_ff=256),
    "mha": ModelShape(n_layer=3, n_embd=96, n_head=6, n_head_kv=6, n_ff=192, n_ctx_train=6144),
}


@pytest.fixture(scope="module", params=sorted(SHAPES))
def shaped(request, tmp_path_factory):
    shape = SHAPES[request.param]
    path = write_r1_gguf(tmp_path_factory.mktemp("fit") / f"{request.param}.gguf", shape)
    info = inspect_gguf(path)
    return shape, info, ModelFacts.from_gguf_info(info)


def test_facts_come_from_the_header(shaped):
    shape, info, facts = shaped
    assert facts.weights_bytes == info.tensor_bytes > 0
    assert (facts.n_layer, facts.n_head_kv, facts.head_dim) == (
        shape.n_layer,
        shape.n_head_kv,
        shape.head_dim,
    )
    assert facts.n_ctx_train == shape.n_ctx_train and facts.n_ff == shape.n_ff
    assert facts.n_vocab == info.n_vocab and facts.n_head == shape.n_head


def test_estimate_adds_up_and_the_kv_cache_follows_the_formula(shaped):
    shape, _info, facts = shaped
    est = estimate(facts, 1024)
    assert est.kv_cache == 1024 * shape.n_layer * shape.n_head_kv * shape.head_dim * 2 * 2
    assert est.weights == facts.weights_bytes
    assert est.total == est.weights + est.kv_cache + est.compute + est.overhead
    assert estimate(facts, 2048).total > est.total  # more context always costs more
    assert est.to_dict()["total"] == est.total


def test_fits_at_the_target_context_with_a_big_budget(shaped):
    shape, _info, facts = shaped
    verdict = fit(facts, 64 * GiB)
    assert verdict.fits and not verdict.reduced
    assert verdict.n_ctx == min(mf.AUTO_TARGET_CONTEXT, shape.n_ctx_train)
    assert fit(facts, 64 * GiB, requested_ctx=1000).n_ctx == 1000
    assert fit(facts, 64 * GiB, requested_ctx=10**6).n_ctx == shape.n_ctx_train  # capped


def test_a_tight_budget_shrinks_the_context_to_the_largest_that_fits(shaped):
    _shape, _info, facts = shaped
    target = mf.target_context(facts)
    budget = (estimate(facts, CONTEXT_FLOOR).total + estimate(facts, target).total) // 2
    verdict = fit(facts, budget)
    assert verdict.fits and verdict.reduced
    assert CONTEXT_FLOOR <= verdict.n_ctx < target and verdict.n_ctx % CONTEXT_STEP == 0
    assert verdict.estimate.total <= budget < estimate(facts, verdict.n_ctx + CONTEXT_STEP).total
    assert f"{target:,}" in verdict.message and f"{verdict.n_ctx:,}" in verdict.message


def test_refuses_below_the_floor_with_numbers_and_what_to_do(shaped):
    _shape, _info, facts = shaped
    least = estimate(facts, CONTEXT_FLOOR)
    verdict = fit(facts, least.total - 1)
    assert not verdict.fits and verdict.n_ctx == CONTEXT_FLOOR
    assert "does not fit" in verdict.message and "2,048" in verdict.message
    assert mf.gb(least.total) in verdict.message and mf.gb(least.total - 1) in verdict.message
    assert "quantization" in verdict.message and "1.5B" in verdict.message
    assert fit(facts, least.total).fits  # exactly enough is enough


def test_a_1_5b_model_is_not_told_to_try_the_1_5b_model():
    facts = ModelFacts(10 * GiB, 28, 2, 128, 131072, name="R1 1.5B", quantization="Q4_K_M")
    message = fit(facts, 1 * GiB).message
    assert "the 1.5B model" not in message and "quantization" not in message
    assert "memory budget" in message


def test_catalog_facts_work_before_a_download():
    """The plain constructor with what the catalog knows (file size as weights)."""
    seven_b = ModelFacts(4_683_073_248, n_layer=28, n_head_kv=4, head_dim=128, n_ctx_train=131072)
    assert not fit(seven_b, 4 * GiB).fits
    roomy = fit(seven_b, 8 * GiB)
    assert roomy.fits and roomy.n_ctx == mf.AUTO_TARGET_CONTEXT
    assert 5 * GiB < roomy.estimate.total < 6 * GiB


@pytest.mark.parametrize(
    ("dims", "n_ctx", "logged_mib"),
    [  # llama.cpp's "CPU compute buffer size" for these shapes (small vocabulary, ubatch 512)
        ((12, 1536, 8960), 2048, 68.01),
        ((12, 1536, 8960), 8192, 224.01),
        ((28, 3584, 18944), 4096, 269.01),
        ((14, 896, 4864), 8192, 249.26),
    ],
)
def test_compute_buffer_matches_what_llama_cpp_reserves(dims, n_ctx, logged_mib):
    n_head, n_embd, n_ff = dims
    facts = ModelFacts(0, 28, 2, n_embd // n_head, None, n_head, n_embd, n_ff, n_vocab=300)
    compute = mf.compute_bytes(facts, n_ctx) / MiB
    assert logged_mib <= compute <= logged_mib * 1.15


def test_missing_shape_is_a_plain_error(shaped):
    _shape, info, _facts = shaped
    with pytest.raises(ValueError, match="layers"):
        ModelFacts.from_gguf_info(dataclasses.replace(info, n_layer=None))


def test_default_budget_is_a_safe_share_of_available_ram(monkeypatch):
    assert default_budget_bytes(10 * GiB) == 8 * GiB
    assert default_budget_bytes(2 * GiB) == 1 * GiB  # always leave 1 GB free
    assert default_budget_bytes(512 * MiB) == 0
    assert default_budget_bytes(10 * GiB, total=5 * GiB) == 4 * GiB
    import psutil

    fake = SimpleNamespace(available=20 * GiB, total=32 * GiB)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: fake)
    assert default_budget_bytes() == 16 * GiB
    assert mf.total_ram_bytes() == 32 * GiB
