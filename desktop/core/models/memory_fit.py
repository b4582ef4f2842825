"""Will this model fit in memory? Estimate what loading it costs, and pick a context that fits.

estimate = weights + KV cache + compute buffers + overhead, all in bytes:

- weights: the tensor bytes of the GGUF (or the download size, before a download).
- KV cache: n_ctx x n_layer x n_head_kv x head_dim x 2 (K and V) x 2 bytes (f16).
- compute buffers: the part of llama.cpp's CPU graph buffer an answer touches at worst: a full
  batch (n_ubatch tokens) against a full context, flash attention off as the engine loads it:
  4 x n_ubatch x (n_ctx x (n_head + 1) + n_ff) bytes. That matches the "compute buffer size"
  llama.cpp logs for the 0.5B, 1.5B and 7B shapes (2k-8k context) within 5%, less its logits
  term: llama.cpp reserves n_ubatch x n_vocab floats (~300 MB for Qwen's vocabulary) but only
  ever computes the last token's row here, so those pages are never touched.
- overhead: tokenizer tables, binding arrays, threads, allocator slack; calibrated below.

Calibration (bench/memory_fit.py; psutil RSS minus RSS before the load; llama-cpp-python
0.3.36, Linux x86-64 AVX-512, 2 threads, mmap on as the app runs), MiB:

=========================  ====  ========  =======  =========  ==========  =======  =====
model, context             est.  rss load  rss gen  rss batch  repack dup  gen-dup  ratio
=========================  ====  ========  =======  =========  ==========  =======  =====
tiny test model, 4096        58         8       10         21           0       10   5.86
1.5B-shape Q4_K_M, 4096    1342      1794     1802       1874         597     1206   1.11
1.5B-shape Q4_K_M, 2048    1234      1738     1746       1815         597     1149   1.07
=========================  ====  ========  =======  =========  ==========  =======  =====

"rss gen" is after one short answer (all layers touched), "rss batch" after a prompt of a few
batches; ratio = estimate / (rss gen - repack dup); against rss batch - dup it is 1.05 and
1.01. The "repack dup": on CPUs with AVX2/AVX-512 (or ARM i8mm) llama.cpp copies most Q4_K
weights into a repacked anonymous buffer at load, and the file pages it copied from stay
mapped and resident although they are never read again. RSS counts those weights twice, but
the second copy is clean page cache the OS drops under pressure without swapping, and it does
not exist with use_mmap off (measured: 1217 MiB after the same answer at 4096). The estimate
counts every weight once, so it is 0.74x the raw RSS at 4096. The tiny model is all fixed costs
(its reserved compute buffer is barely touched by short prompts), so its ratio says little.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from desktop.core.system.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.core.models.gguf_inspect import GGUFInfo

GiB = 1 << 30
MiB = 1 << 20

#: Below this many tokens of context an R1 model cannot think its way to an answer.
CONTEXT_FLOOR = 2048
#: What "Auto" aims for: room for a long thinking phase and the answer after it.
AUTO_TARGET_CONTEXT = 8192
#: When shrinking, the context steps down through multiples of this.
CONTEXT_STEP = 256
#: The engine evaluates prompts in batches of this many tokens (EngineConfig.n_batch).
N_UBATCH = 512
KV_BYTES_PER_ELEMENT = 2  # f16 K and V

# Fallbacks for facts a catalog entry may not carry. Conservative for the R1-Distill-Qwen
# family: query heads per KV head is 6 (1.5B) or 7 (7B); the Qwen2 vocabulary has 151,936+.
_QUERY_HEADS_PER_KV_HEAD = 7
_QWEN2_VOCAB = 152_064
_FFN_PER_EMBD = 6

# Overhead constants, calibrated by bench/memory_fit.py (see the module docstring).
_OVERHEAD_BASE = 8 * MiB
_OVERHEAD_PER_VOCAB_TOKEN = 220  # bytes: token strings, maps, merge ranks, sampler arrays
_COMPUTE_SLACK = 8 * MiB

#: Share of available RAM the automatic budget hands to the model, and RAM always left free.
SAFE_SHARE = 0.8
MIN_FREE_RAM = 1 * GiB


@dataclass(frozen=True)
class ModelFacts:
    """The shape facts an estimate needs; from a GGUF header or from a catalog entry.

    Optional facts (``n_head``, ``n_embd``, ``n_ff``, ``n_vocab``) refine the compute-buffer
    estimate; when absent, conservative values for the R1-Distill-Qwen family are used.
    """

    weights_bytes: int
    n_layer: int
    n_head_kv: int
    head_dim: int
    n_ctx_train: int | None = None
    n_head: int | None = None
    n_embd: int | None = None
    n_ff: int | None = None
    n_vocab: int | None = None
    name: str = QT_TRANSLATE_NOOP("MemoryFit", "the model")
    quantization: str | None = None

    @classmethod
    def from_gguf_info(cls, info: GGUFInfo) -> ModelFacts:
        """Facts from an inspected GGUF header; raises ValueError if the shape is missing."""
        if not (info.n_layer and info.n_head_kv and info.head_dim):
            msg = QT_TRANSLATE_NOOP(
                "MemoryFit",
                "{name} does not say how many layers and attention heads it has, so its memory "
                "use cannot be estimated.",
            )
            raise ValueError(msg.format(name=info.path.name))
        n_ff = info.metadata.get(f"{info.architecture}.feed_forward_length")
        if isinstance(n_ff, list):
            n_ff = max((v for v in n_ff if isinstance(v, int)), default=None)
        return cls(
            weights_bytes=info.tensor_bytes,
            n_layer=info.n_layer,
            n_head_kv=info.n_head_kv,
            head_dim=info.head_dim,
            n_ctx_train=info.context_length,
            n_head=info.n_head,
            n_embd=info.n_embd,
            n_ff=n_ff if isinstance(n_ff, int) else None,
            n_vocab=info.n_vocab,
            name=info.name or info.path.stem,
            quantization=info.quantization,
        )


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes a loaded model needs at one context length."""

    n_ctx: int
    weights: int
    kv_cache: int
    compute: int
    overhead: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.compute + self.overhead

    def to_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


@dataclass(frozen=True)
class FitVerdict:
    """Whether a model fits a budget, at which context, and a sentence saying so."""

    fits: bool
    n_ctx: int
    estimate: MemoryEstimate
    budget_bytes: int
    message: str
    requested_ctx: int = 0

    @property
    def reduced(self) -> bool:
        """The context was shrunk below what was asked for, to fit."""
        return self.fits and self.n_ctx < self.requested_ctx

    def to_dict(self) -> dict[str, object]:
        return {
            "fits": self.fits,
            "n_ctx": self.n_ctx,
            "requested_ctx": self.requested_ctx,
            "budget_bytes": self.budget_bytes,
            "estimate": self.estimate.to_dict(),
            "message": self.message,
        }


def kv_cache_bytes(facts: ModelFacts, n_ctx: int) -> int:
    """K and V for every layer, f16."""
    return n_ctx * facts.n_layer * facts.n_head_kv * facts.head_dim * 2 * KV_BYTES_PER_ELEMENT


def compute_bytes(facts: ModelFacts, n_ctx: int, n_ubatch: int = N_UBATCH) -> int:
    """The part of llama.cpp's CPU graph buffer an answer touches, at worst (flash attention
    off): a full batch of prompt tokens against a full context."""
    n_head = facts.n_head or facts.n_head_kv * _QUERY_HEADS_PER_KV_HEAD
    n_embd = facts.n_embd or n_head * facts.head_dim
    n_ff = facts.n_ff or n_embd * _FFN_PER_EMBD
    n_vocab = facts.n_vocab or _QWEN2_VOCAB
    attention = 4 * n_ubatch * (n_ctx * (n_head + 1) + n_ff)
    output = 4 * (n_vocab + n_embd)  # only the last token's logits are computed
    return attention + output + _COMPUTE_SLACK


def overhead_bytes(facts: ModelFacts) -> int:
    """Tokenizer tables, binding arrays, threads and allocator slack."""
    return _OVERHEAD_BASE + (facts.n_vocab or _QWEN2_VOCAB) * _OVERHEAD_PER_VOCAB_TOKEN


def estimate(facts: ModelFacts, n_ctx: int) -> MemoryEstimate:
    """What loading ``facts`` with a context of ``n_ctx`` tokens costs."""
    return MemoryEstimate(
        n_ctx=n_ctx,
        weights=facts.weights_bytes,
        kv_cache=kv_cache_bytes(facts, n_ctx),
        compute=compute_bytes(facts, n_ctx),
        overhead=overhead_bytes(facts),
    )


def target_context(facts: ModelFacts, requested_ctx: int | None = None) -> int:
    """The context to aim for: the request, or Auto's target, never beyond training."""
    target = requested_ctx or AUTO_TARGET_CONTEXT
    if facts.n_ctx_train:
        target = min(target, facts.n_ctx_train)
    return max(1, int(target))


def fit(facts: ModelFacts, budget_bytes: int, requested_ctx: int | None = None) -> FitVerdict:
    """Fit ``facts`` into ``budget_bytes``: at the requested (or Auto) context if possible,
    else at the largest smaller context down to CONTEXT_FLOOR, else refuse with the numbers."""
    target = target_context(facts, requested_ctx)
    wanted = estimate(facts, target)
    if wanted.total <= budget_bytes:
        msg = QT_TRANSLATE_NOOP(
            "MemoryFit",
            "{name} fits: about {need} of the {budget} budget with a context of {n_ctx:,} tokens.",
        ).format(name=facts.name, need=gb(wanted.total), budget=gb(budget_bytes), n_ctx=target)
        return FitVerdict(True, target, wanted, budget_bytes, msg, target)
    floor = min(CONTEXT_FLOOR, target)
    n_ctx = (target - 1) // CONTEXT_STEP * CONTEXT_STEP  # try round sizes below the target
    while n_ctx >= floor:  # at most a few dozen steps; the estimate is cheap
        smaller = estimate(facts, n_ctx)
        if smaller.total <= budget_bytes:
            msg = QT_TRANSLATE_NOOP(
                "MemoryFit",
                "The context was reduced from {target:,} to {n_ctx:,} tokens so that {name} fits "
                "the {budget} memory budget (about {need} needed).",
            ).format(target=target, n_ctx=n_ctx, name=facts.name, budget=gb(budget_bytes),
                     need=gb(smaller.total))  # fmt: skip
            return FitVerdict(True, n_ctx, smaller, budget_bytes, msg, target)
        n_ctx -= CONTEXT_STEP
    least = estimate(facts, floor)
    msg = refusal_message(facts, least, budget_bytes)
    return FitVerdict(False, floor, least, budget_bytes, msg, target)


def refusal_message(facts: ModelFacts, least: MemoryEstimate, budget_bytes: int) -> str:
    """Why the model cannot be loaded, with the numbers and what to do instead."""
    label = f"{facts.name} {facts.quantization or ''}".strip()
    choices = QT_TRANSLATE_NOOP("MemoryFit", "a bigger memory budget in Settings > Performance")
    if "1.5B" not in label.upper():
        choices = _or(QT_TRANSLATE_NOOP("MemoryFit", "the 1.5B model"), choices)
    quant = (facts.quantization or "").upper()
    if not quant.startswith(("Q4", "Q3", "Q2", "IQ")):
        choices = _or(QT_TRANSLATE_NOOP("MemoryFit", "a smaller quantization (Q4_K_M)"), choices)
    return QT_TRANSLATE_NOOP(
        "MemoryFit",
        "{name} does not fit in the memory budget: even with the smallest usable context "
        "({n_ctx:,} tokens) it needs about {need} ({weights} of weights, {kv} of conversation "
        "memory, {compute} of working buffers and {overhead} of overhead), but the budget is "
        "{budget}. Choose {choices} (closing other programs frees memory too).",
    ).format(name=facts.name, n_ctx=least.n_ctx, need=gb(least.total), weights=gb(least.weights),
             kv=gb(least.kv_cache), compute=gb(least.compute), overhead=gb(least.overhead),
             budget=gb(budget_bytes), choices=choices)  # fmt: skip


def _or(first: str, rest: str) -> str:
    return QT_TRANSLATE_NOOP("MemoryFit", "{first}, or {rest}").format(first=first, rest=rest)


def default_budget_bytes(available: int | None = None, total: int | None = None) -> int:
    """A safe share of the RAM available now: 80%, and always leave 1 GB free.

    ``available`` defaults to psutil's available memory (0 if psutil cannot tell).
    ``total`` caps it (callers add back the memory of a model they are about to replace).
    """
    if available is None:
        available = available_ram_bytes()
    if total is not None:
        available = min(available, total)
    return max(0, int(min(available * SAFE_SHARE, available - MIN_FREE_RAM)))


def available_ram_bytes() -> int:
    """RAM that can be used without swapping (psutil), or 0 if unknown."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:  # psutil can fail in sandboxes; "unknown" must not crash the caller
        return 0


def total_ram_bytes() -> int:
    """Installed RAM (psutil), or 0 if unknown."""
    try:
        import psutil

        return int(psutil.virtual_memory().total)
    except Exception:  # psutil can fail in sandboxes
        return 0


def gb(n_bytes: float) -> str:
    """``1.23 GB`` (GiB, as operating systems label RAM)."""
    return f"{n_bytes / GiB:.2f} GB"
