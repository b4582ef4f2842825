"""desktop.core.models.gguf_inspect: every broken file gives a GGUFError, never a crash."""

from __future__ import annotations

import json
import os
import random
import struct
import tempfile
import time
from functools import cache
from pathlib import Path

import gguf
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.models.gguf_inspect import (
    SUPPORTED_ARCHITECTURES,
    GGUFError,
    GGUFInfo,
    inspect_gguf,
    main,
)

TEMPLATE = "{% for m in messages %}{{ m['content'] }}{% endfor %}"
VOCAB = ["<|begin▁of▁sentence|>", "<think>", "</think>", "Ġthe", "a", "b", "\n", "ü"]


def write_gguf(
    path: Path,
    *,
    arch: str = "qwen2",
    tokens: list[str] | None = None,
    alignment: int | None = None,
    head_count_kv: int | None = None,
    key_length: int | None = None,
) -> dict[str, np.ndarray]:
    """Write a tiny but well-formed GGUF; return its tensors (sizes are multiples of 32 bytes)."""
    rng = np.random.default_rng(0)
    tensors = {
        "token_embd.weight": rng.standard_normal((8, 16), dtype=np.float32),
        "blk.0.attn_norm.weight": rng.standard_normal(16, dtype=np.float32),
        "blk.0.attn_q.weight": rng.standard_normal((16, 16), dtype=np.float32),
        "output_norm.weight": rng.standard_normal(16, dtype=np.float32),
    }
    writer = gguf.GGUFWriter(path, arch)
    writer.add_name("Tiny Test Model")
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q4_K_M)
    writer.add_context_length(4096)
    writer.add_block_count(1)
    writer.add_embedding_length(16)
    writer.add_head_count(4)
    if head_count_kv is not None:
        writer.add_head_count_kv(head_count_kv)
    if key_length is not None:
        writer.add_key_length(key_length)
    if alignment is not None:
        writer.add_custom_alignment(alignment)
    writer.add_token_list(VOCAB if tokens is None else tokens)
    writer.add_chat_template(TEMPLATE)
    for name, array in tensors.items():
        writer.add_tensor(name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return tensors


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.gguf"
    write_gguf(path)
    return path


def reason_of(path: Path, **kwargs: bool) -> GGUFError:
    with pytest.raises(GGUFError) as excinfo:
        inspect_gguf(path, **kwargs)
    err = excinfo.value
    assert str(err).strip() and "\n" not in str(err)
    return err


def patched(src: Path, dst: Path, offset: int, data: bytes) -> Path:
    raw = bytearray(src.read_bytes())
    raw[offset : offset + len(data)] = data
    dst.write_bytes(bytes(raw))
    return dst


def test_valid_file_fields(tmp_path: Path) -> None:
    path = tmp_path / "tiny.gguf"
    tensors = write_gguf(path)
    info = inspect_gguf(str(path))
    assert isinstance(info, GGUFInfo)
    assert info.path == path
    assert info.file_size == path.stat().st_size
    assert (info.version, info.alignment, info.architecture) == (3, 32, "qwen2")
    assert info.name == "Tiny Test Model"
    assert info.file_type == int(gguf.LlamaFileType.MOSTLY_Q4_K_M)
    assert info.quantization == "Q4_K_M"
    assert (info.context_length, info.n_layer, info.n_embd, info.n_head) == (4096, 1, 16, 4)
    assert info.n_head_kv == 4  # defaults to n_head
    assert info.head_dim == 4  # n_embd // n_head
    assert info.n_vocab == len(VOCAB)
    assert info.chat_template == TEMPLATE
    assert info.tensor_count == len(tensors)
    assert info.tensor_bytes == sum(a.nbytes for a in tensors.values())
    assert info.metadata["general.architecture"] == "qwen2"
    assert info.metadata["tokenizer.ggml.tokens"] == VOCAB
    assert info.metadata["qwen2.block_count"] == 1


def test_explicit_kv_heads_key_length_and_alignment(tmp_path: Path) -> None:
    path = tmp_path / "gqa.gguf"
    write_gguf(path, head_count_kv=2, key_length=8, alignment=64)
    info = inspect_gguf(path)
    assert (info.n_head_kv, info.head_dim, info.alignment) == (2, 8, 64)


def test_long_arrays_are_summarised(tmp_path: Path) -> None:
    path = tmp_path / "big_vocab.gguf"
    vocab = [f"tok{i}" for i in range(1000)]
    write_gguf(path, tokens=vocab)
    info = inspect_gguf(path)
    assert info.n_vocab == 1000
    summary = info.metadata["tokenizer.ggml.tokens"]
    assert summary == {"type": "array", "item_type": "string", "length": 1000}


def test_version_2_reads_like_version_3(model: Path, tmp_path: Path) -> None:
    info = inspect_gguf(patched(model, tmp_path / "v2.gguf", 4, struct.pack("<I", 2)))
    assert info.version == 2
    assert info.tensor_bytes == inspect_gguf(model).tensor_bytes


def test_missing_file(tmp_path: Path) -> None:
    err = reason_of(tmp_path / "nope.gguf")
    assert err.reason == "missing"
    assert "'nope.gguf'" in str(err)


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "models.gguf"
    folder.mkdir()
    assert reason_of(folder).reason == "not_a_file"


def test_empty_and_tiny_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    err = reason_of(empty)
    assert err.reason == "too_small" and "empty" in str(err)
    tiny = tmp_path / "tiny.gguf"
    tiny.write_bytes(b"GGUF\x03\x00")
    assert reason_of(tiny).reason == "too_small"


@pytest.mark.parametrize(
    ("head", "hint"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "GGUF signature"),
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\n", "Git LFS"),
        (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "web page"),
    ],
)
def test_bad_magic(tmp_path: Path, head: bytes, hint: str) -> None:
    path = tmp_path / "x.gguf"
    path.write_bytes(head)
    err = reason_of(path)
    assert err.reason == "bad_magic"
    assert str(err).startswith("'x.gguf' is not a GGUF model file (")
    assert hint in str(err)


@pytest.mark.parametrize(("version", "hint"), [(1, "obsolete"), (4, "version 4"), (99, "99")])
def test_bad_version(model: Path, tmp_path: Path, version: int, hint: str) -> None:
    err = reason_of(patched(model, tmp_path / "v.gguf", 4, struct.pack("<I", version)))
    assert err.reason == "bad_version" and hint in str(err)


def test_big_endian_file_is_named(model: Path, tmp_path: Path) -> None:
    err = reason_of(patched(model, tmp_path / "be.gguf", 4, struct.pack(">I", 3)))
    assert err.reason == "bad_version" and "big-endian" in str(err)


def test_every_truncation_point_gives_gguferror(model: Path, tmp_path: Path) -> None:
    raw = model.read_bytes()
    assert inspect_gguf(model).file_size == len(raw)
    cut_file = tmp_path / "cut.gguf"
    cut_file.write_bytes(raw)
    reasons = set()
    for cut in reversed(range(len(raw))):  # every byte of the header and every tensor
        os.truncate(cut_file, cut)  # much faster than rewriting the file each time
        with pytest.raises(GGUFError) as excinfo:
            inspect_gguf(cut_file)
        reason = excinfo.value.reason
        assert reason in {"too_small", "truncated", "tensor_out_of_bounds"}, (cut, reason)
        if cut < 24:
            assert reason == "too_small"
        reasons.add(reason)
    assert reasons == {"too_small", "truncated", "tensor_out_of_bounds"}


def test_truncated_tensor_data(model: Path, tmp_path: Path) -> None:
    cut = tmp_path / "partial.gguf"
    cut.write_bytes(model.read_bytes()[:-100])
    err = reason_of(cut)
    assert err.reason == "tensor_out_of_bounds"
    assert "'partial.gguf'" in str(err)
    assert "truncated or damaged" in str(err) and "download" in str(err)


def test_hostile_string_length(model: Path, tmp_path: Path) -> None:
    # The first key's length field sits right after the 24-byte fixed header.
    path = patched(model, tmp_path / "evil.gguf", 24, struct.pack("<Q", 2**63 + 5))
    start = time.perf_counter()
    err = reason_of(path)
    assert time.perf_counter() - start < 1
    assert err.reason == "bad_metadata"


def test_hostile_counts(model: Path, tmp_path: Path) -> None:
    raw = model.read_bytes()
    evil = tmp_path / "evil.gguf"
    for offset in (8, 16):  # tensor_count, kv_count
        assert reason_of(patched(model, evil, offset, struct.pack("<Q", 2**62))).reason in {
            "bad_metadata",
            "truncated",
        }
    # The vocabulary's item count: key, value type (ARRAY), item type (STRING), count.
    at = raw.index(b"tokenizer.ggml.tokens") + len(b"tokenizer.ggml.tokens") + 8
    assert struct.unpack_from("<Q", raw, at)[0] == len(VOCAB)
    assert reason_of(patched(model, evil, at, struct.pack("<Q", 2**60))).reason == "bad_metadata"


def test_unknown_value_type(model: Path, tmp_path: Path) -> None:
    raw = model.read_bytes()
    at = raw.index(b"general.name") + len(b"general.name")
    err = reason_of(patched(model, tmp_path / "t.gguf", at, struct.pack("<I", 77)))
    assert err.reason == "bad_metadata" and "'general.name'" in str(err)


def _tensor_field(raw: bytes, name: bytes, ndims: int) -> tuple[int, int]:
    """Offsets of the ggml type and data offset fields of tensor ``name``."""
    at = raw.index(name + struct.pack("<I", ndims)) + len(name) + 4 + 8 * ndims
    return at, at + 4


def test_unknown_tensor_type_and_misaligned_offset(model: Path, tmp_path: Path) -> None:
    raw = model.read_bytes()
    type_at, offset_at = _tensor_field(raw, b"blk.0.attn_norm.weight", 1)
    assert struct.unpack_from("<I", raw, type_at)[0] == int(gguf.GGMLQuantizationType.F32)
    bad = tmp_path / "bad.gguf"
    err = reason_of(patched(model, bad, type_at, struct.pack("<I", 9999)))
    assert err.reason == "bad_metadata" and "blk.0.attn_norm.weight" in str(err)
    offset = struct.unpack_from("<Q", raw, offset_at)[0]
    err = reason_of(patched(model, bad, offset_at, struct.pack("<Q", offset + 4)))
    assert err.reason == "bad_metadata" and "aligned" in str(err)
    err = reason_of(patched(model, bad, offset_at, struct.pack("<Q", 2**40)))
    assert err.reason == "tensor_out_of_bounds"


def test_alignment_with_wrong_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "align.gguf"
    write_gguf(path, alignment=64)
    raw = path.read_bytes()
    at = raw.index(b"general.alignment") + len(b"general.alignment")
    assert struct.unpack_from("<I", raw, at)[0] == int(gguf.GGUFValueType.UINT32)
    # INT32 has the same width, so the rest of the file still parses.
    err = reason_of(patched(path, path, at, struct.pack("<I", int(gguf.GGUFValueType.INT32))))
    assert err.reason == "bad_metadata"


def test_duplicate_tokens(tmp_path: Path) -> None:
    path = tmp_path / "dupes.gguf"
    write_gguf(path, tokens=[*VOCAB, "Ġthe", "\n", "\n"])
    err = reason_of(path)
    assert err.reason == "duplicate_tokens"
    assert "'Ġthe'" in str(err) or "'\\n'" in str(err)
    assert "2 token(s)" in str(err)
    assert "'dupes.gguf'" in str(err)
    info = inspect_gguf(path, check_vocab=False)
    assert info.n_vocab == len(VOCAB) + 3


@pytest.mark.parametrize("arch", ["bert", "clip", "whisper"])
def test_unsupported_architecture(tmp_path: Path, arch: str) -> None:
    path = tmp_path / f"{arch}.gguf"
    write_gguf(path, arch=arch)
    err = reason_of(path)
    assert err.reason == "unsupported_architecture"
    assert f"'{arch}'" in str(err) and "qwen2" in str(err)


def test_missing_architecture(model: Path, tmp_path: Path) -> None:
    raw = model.read_bytes()
    at = raw.index(b"general.architecture")
    path = patched(model, tmp_path / "anon.gguf", at, b"general.architecturX")
    assert reason_of(path).reason == "unsupported_architecture"


def test_supported_architectures() -> None:
    required = {"qwen2", "llama", "qwen3", "qwen2moe", "qwen3moe", "mistral", "gemma"}
    required |= {"gemma2", "gemma3", "phi3", "deepseek2"}
    assert required <= SUPPORTED_ARCHITECTURES
    assert not {"bert", "clip", "whisper", "t5encoder"} & SUPPORTED_ARCHITECTURES


def test_large_vocab_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "vocab152k.gguf"
    write_gguf(path, tokens=[f"Ġtoken_{i}" for i in range(152_064)])
    start = time.perf_counter()
    info = inspect_gguf(path)
    elapsed = time.perf_counter() - start
    assert info.n_vocab == 152_064
    assert elapsed < 1.0, elapsed


def test_cli_prints_json(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(model)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["architecture"] == "qwen2" and data["n_vocab"] == len(VOCAB)
    assert main([str(model.with_name("gone.gguf"))]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "missing"


@cache
def _tiny_model_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.gguf"
        write_gguf(path)
        return path.read_bytes()


def _check_mutant(path: Path, flips: list[tuple[int, int]]) -> None:
    """Flip bytes of the tiny model; parsing must succeed or raise GGUFError, nothing else."""
    data = bytearray(_tiny_model_bytes())
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    with open(path, "wb" if not path.exists() else "r+b") as fh:  # r+b: no slow truncation
        fh.write(data)
    try:
        inspect_gguf(path)
    except GGUFError as err:
        assert err.reason and str(err)


@pytest.fixture(scope="module")
def fuzz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzz.gguf"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 2**20), st.integers(1, 255)), min_size=1, max_size=6))
def test_fuzz_byte_flips(fuzz_path: Path, flips: list[tuple[int, int]]) -> None:
    raw = _tiny_model_bytes()
    header = raw.index(b"blk.0.attn_q.weight") + 64  # keep most flips inside the header
    _check_mutant(fuzz_path, [(p % header if i % 2 else p, x) for i, (p, x) in enumerate(flips)])


def test_fuzz_seeded_loop(tmp_path: Path) -> None:
    rng = random.Random(1234)
    for _ in range(1000):
        flips = [(rng.randrange(600), rng.randrange(1, 256)) for _ in range(rng.randint(1, 4))]
        _check_mutant(tmp_path / "fuzz.gguf", flips)
