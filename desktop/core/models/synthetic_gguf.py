"""Write random-weight qwen2 GGUFs shaped like the R1 distills, for tests, self-test and bench.

The files are real: llama.cpp loads and runs them. They carry the R1 special tokens typed as
llama.cpp's converter types them in the published files (``<｜...｜>`` markers CONTROL,
``<think>``/``</think>`` USER_DEFINED), a byte-level BPE vocabulary and the R1 chat template.
The output layer is arranged so that sampling only ever yields printable ASCII pieces: never an
end-of-sequence or a think tag, which keeps generation length under the caller's control.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.engines import r1_format as r1

CONTROL_TOKENS = (r1.EOS, r1.USER, r1.ASSISTANT, r1.BOS, "<|EOT|>")
USER_DEFINED_TOKENS = (r1.THINK_OPEN, r1.THINK_CLOSE)

# Common English and code bigrams, so the tiny vocabulary exercises real BPE merges.
_MERGES = [
    ("Ġ", "t"), ("h", "e"), ("i", "n"), ("e", "r"), ("a", "n"), ("o", "n"), ("Ġt", "he"),
    ("r", "e"), ("Ġ", "a"), ("a", "t"), ("e", "n"), ("o", "r"), ("Ġ", "s"), ("i", "s"),
    ("Ġ", "w"), ("e", "s"), ("Ġ", "c"), ("i", "t"), ("Ġ", "o"), ("n", "d"), ("a", "l"),
]  # fmt: skip


@dataclass(frozen=True)
class ModelShape:
    """Hyper-parameters of a qwen2 model."""

    n_layer: int = 2
    n_embd: int = 64
    n_head: int = 4
    n_head_kv: int = 2
    n_ff: int = 128
    n_vocab: int = 0  # 0: just the byte vocabulary, merges and special tokens
    n_ctx_train: int = 4096

    @property
    def head_dim(self) -> int:
        return self.n_embd // self.n_head


TINY = ModelShape()
#: DeepSeek-R1-Distill-Qwen-1.5B: 28 layers, 1536 wide, 12 heads, 2 KV heads, 151,936 tokens.
R1_1_5B = ModelShape(
    n_layer=28, n_embd=1536, n_head=12, n_head_kv=2, n_ff=8960, n_vocab=151936,
    n_ctx_train=131072,
)  # fmt: skip


def _byte_symbols() -> list[str]:
    """GPT-2's reversible byte -> printable unicode mapping, in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    mapping: dict[int, str] = {b: chr(b) for b in printable}
    extra = 0
    for b in range(256):
        if b not in mapping:
            mapping[b] = chr(256 + extra)
            extra += 1
    return [mapping[b] for b in range(256)]


def build_vocab(
    n_vocab: int = 0,
    control: tuple[str, ...] = CONTROL_TOKENS,
    user_defined: tuple[str, ...] = USER_DEFINED_TOKENS,
) -> tuple[list[str], list[int], list[str], list[bool]]:
    """Tokens, token types, merges, and which tokens the model may sample."""
    from gguf import TokenType

    symbols = _byte_symbols()
    tokens = list(symbols)
    # Printable ASCII only (space is "Ġ", newline "Ċ"), so generated text is plain and valid UTF-8.
    sampleable = [(33 <= b <= 126) or b in (32, 10) for b in range(256)]
    merges = []
    for left, right in _MERGES:
        merges.append(f"{left} {right}")
        tokens.append(left + right)
        sampleable.append(True)
    filler = n_vocab - len(tokens) - len(control) - len(user_defined)
    for i in range(max(0, filler)):
        tokens.append(f"tok{i}")
        sampleable.append(True)
    types = [int(TokenType.NORMAL)] * len(tokens)
    for tok in control:
        tokens.append(tok)
        types.append(int(TokenType.CONTROL))
        sampleable.append(False)
    for tok in user_defined:
        tokens.append(tok)
        types.append(int(TokenType.USER_DEFINED))
        sampleable.append(False)
    return tokens, types, merges, sampleable


def write_r1_gguf(
    path: str | os.PathLike[str],
    shape: ModelShape = TINY,
    *,
    seed: int = 0,
    f16: bool = False,
    name: str = "ThinkDesk synthetic R1-Distill-Qwen",
    chat_template: str | None = r1.R1_CHAT_TEMPLATE,
    tokens_override: list[str] | None = None,
    specials: tuple[tuple[str, ...], tuple[str, ...], str, str] | None = None,
) -> Path:
    """Write a random-weight qwen2 GGUF with the R1 tokenizer and template; return its path.

    ``tokens_override`` replaces the vocabulary strings (same length) to build malformed
    variants such as duplicate tokens. ``specials`` (control tokens, user-defined tokens, BOS,
    EOS) gives the file another family's special tokens instead of R1's.
    """
    import gguf

    path = Path(path)
    control, user_defined, bos, eos = specials or (
        CONTROL_TOKENS,
        USER_DEFINED_TOKENS,
        r1.BOS,
        r1.EOS,
    )
    tokens, types, merges, sampleable = build_vocab(shape.n_vocab, control, user_defined)
    if tokens_override is not None:
        tokens = tokens_override
    n_vocab = len(tokens)
    rng = np.random.default_rng(seed)
    wtype = np.float16 if f16 else np.float32

    def rand(*dims: int, scale: float) -> np.ndarray:
        return (rng.standard_normal(dims, dtype=np.float32) * scale).astype(wtype)

    writer = gguf.GGUFWriter(str(path), "qwen2")
    writer.add_name(name)
    writer.add_file_type(int(gguf.LlamaFileType.MOSTLY_F16 if f16 else gguf.LlamaFileType.ALL_F32))
    writer.add_context_length(shape.n_ctx_train)
    writer.add_embedding_length(shape.n_embd)
    writer.add_block_count(shape.n_layer)
    writer.add_feed_forward_length(shape.n_ff)
    writer.add_head_count(shape.n_head)
    writer.add_head_count_kv(shape.n_head_kv)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("deepseek-r1-qwen")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(tokens.index(bos) if bos in tokens else n_vocab - 4)
    writer.add_eos_token_id(tokens.index(eos) if eos in tokens else n_vocab - 7)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    if chat_template is not None:
        writer.add_chat_template(chat_template)

    e, kv = shape.n_embd, shape.n_head_kv * shape.head_dim
    w_scale = 1.0 / np.sqrt(e)
    writer.add_tensor("token_embd.weight", rand(n_vocab, e, scale=1.0))
    for i in range(shape.n_layer):
        p = f"blk.{i}."
        writer.add_tensor(p + "attn_norm.weight", np.ones(e, dtype=np.float32))
        writer.add_tensor(p + "attn_q.weight", rand(e, e, scale=w_scale))
        writer.add_tensor(p + "attn_q.bias", np.zeros(e, dtype=np.float32))
        writer.add_tensor(p + "attn_k.weight", rand(kv, e, scale=w_scale))
        writer.add_tensor(p + "attn_k.bias", np.zeros(kv, dtype=np.float32))
        writer.add_tensor(p + "attn_v.weight", rand(kv, e, scale=w_scale))
        writer.add_tensor(p + "attn_v.bias", np.zeros(kv, dtype=np.float32))
        writer.add_tensor(p + "attn_output.weight", rand(e, e, scale=w_scale))
        writer.add_tensor(p + "ffn_norm.weight", np.ones(e, dtype=np.float32))
        writer.add_tensor(p + "ffn_gate.weight", rand(shape.n_ff, e, scale=w_scale))
        writer.add_tensor(p + "ffn_up.weight", rand(shape.n_ff, e, scale=w_scale))
        writer.add_tensor(
            p + "ffn_down.weight", rand(e, shape.n_ff, scale=1.0 / np.sqrt(shape.n_ff))
        )
    writer.add_tensor("output_norm.weight", np.ones(e, dtype=np.float32))
    # Large logits for sampleable tokens and exactly zero for the rest: at any temperature the
    # specials (EOS, think tags) then lose to the best of ~100 candidates with std ~16 logits.
    output = rand(n_vocab, e, scale=2.0)
    output[~np.array(sampleable[:n_vocab] + [True] * (n_vocab - len(sampleable)))] = 0
    writer.add_tensor("output.weight", output)

    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
