"""Pure-Python GGUF header inspection, run before llama.cpp is allowed near a file.

llama.cpp can abort the whole process on malformed files (e.g. duplicate vocabulary entries
trip a GGML_ASSERT), so every model is checked here first. The parser reads the file
sequentially with ``struct`` and checks every length against the bytes that remain, so a
corrupt or hostile header can only ever produce a :class:`GGUFError` with a plain message.
"""

from __future__ import annotations

import json
import math
import os
import stat
import struct
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

import gguf

SUPPORTED_ARCHITECTURES: frozenset[str] = frozenset(
    {
        "llama", "mistral", "mistral3", "qwen", "qwen2", "qwen2moe", "qwen3", "qwen3moe",
        "gemma", "gemma2", "gemma3", "phi2", "phi3", "phimoe", "deepseek", "deepseek2",
        "granite", "granitemoe", "olmo", "olmo2", "olmoe", "internlm2", "stablelm",
        "starcoder2", "command-r", "cohere2", "exaone", "glm4", "smollm3", "minicpm",
    }
)  # fmt: skip
"""Text-generation architectures llama.cpp runs that make sense in a chat app."""

_SCALARS = dict(zip((0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12), "BbHhIif?Qqd", strict=True))
_STRING, _ARRAY = int(gguf.GGUFValueType.STRING), int(gguf.GGUFValueType.ARRAY)
_UINT32 = int(gguf.GGUFValueType.UINT32)
_QUANT_SIZES = {int(k): v for k, v in gguf.GGML_QUANT_SIZES.items()}
_HEADER_SIZE = 24  # magic, version, tensor_count, kv_count
_MAX_SHORT_ARRAY = 64  # longer arrays are summarised in GGUFInfo.metadata
_MAX_STRING = 16 << 20  # no real model has a longer string; refuse to allocate one
_ABSURD = 1 << 48  # a length beyond 256 TiB is corruption rather than truncation
_MAX_KEY, _MAX_TENSOR_NAME, _MAX_DIMS = 65535, 63, 4  # names: GGML_MAX_NAME - 1
_TOKENS_KEY = "tokenizer.ggml.tokens"


class GGUFError(Exception):
    """A file that is not a usable GGUF; ``str(err)`` is a plain sentence for the user.

    ``reason`` is a short machine code: missing, not_a_file, too_small, bad_magic,
    bad_version, truncated, bad_metadata, tensor_out_of_bounds, unsupported_architecture,
    duplicate_tokens or unreadable.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class GGUFInfo:
    """What the header of a GGUF file says (enough to estimate memory use)."""

    path: Path
    file_size: int
    version: int
    alignment: int
    architecture: str
    name: str | None
    file_type: int | None
    quantization: str | None
    context_length: int | None
    n_layer: int | None
    n_embd: int | None
    n_head: int | None
    n_head_kv: int | None
    head_dim: int | None
    n_vocab: int | None
    chat_template: str | None
    tensor_count: int
    tensor_bytes: int
    metadata: dict[str, object]


class _Reader:
    """Sequential little-endian reader that never reads past the known file size."""

    def __init__(self, fh: BinaryIO, size: int, label: str) -> None:
        self.fh, self.size, self.pos, self.label = fh, size, fh.tell(), label

    def fail(self, detail: str) -> GGUFError:
        return GGUFError("bad_metadata", f"{self.label} has a damaged header: {detail}.")

    def need(self, n: int, what: str) -> None:
        if n > _ABSURD:  # no real file is this big: corruption, not truncation
            raise self.fail(f"{what} claims an impossible size ({n:,} bytes)")
        if n > self.size - self.pos:
            raise GGUFError(
                "truncated",
                f"{self.label} ends unexpectedly at byte {self.size:,} while reading {what}; "
                "the file is truncated or damaged (an incomplete download is the usual cause).",
            )

    def read(self, n: int, what: str) -> bytes:
        self.need(n, what)
        data = self.fh.read(n)
        if len(data) != n:  # the file shrank while we were reading it
            raise GGUFError("truncated", f"{self.label} ended while it was being read.")
        self.pos += n
        return data

    def skip(self, n: int, what: str) -> None:
        self.need(n, what)
        self.pos += n
        self.fh.seek(self.pos)

    def unpack(self, fmt: str, what: str) -> Any:
        return struct.unpack("<" + fmt, self.read(struct.calcsize(fmt), what))[0]

    def string(self, what: str, limit: int = _MAX_STRING) -> bytes:
        n = self.unpack("Q", what)
        if n > limit:
            raise self.fail(f"{what} is {n:,} bytes long")
        return self.read(n, what)

    def text(self, what: str, limit: int) -> str:
        try:
            return self.string(what, limit).decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail(f"{what} is not valid text") from None

    def value(self, vtype: int, key: str, tokens: list[bytes] | None = None) -> object:
        what = f"the value of {key!r}"
        if tokens is not None and vtype != _ARRAY:
            raise self.fail("the vocabulary is not a list of text tokens")
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype], what)
        if vtype == _STRING:
            return self.string(what).decode("utf-8", "replace")
        if vtype != _ARRAY:
            raise self.fail(f"{key!r} has an unknown value type ({vtype})")
        item, count = self.unpack("I", what), self.unpack("Q", what)
        short = count <= _MAX_SHORT_ARRAY
        if tokens is not None and item != _STRING:
            raise self.fail("the vocabulary is not a list of text tokens")
        if item in _SCALARS:
            fmt = _SCALARS[item]
            if not short:
                self.skip(count * struct.calcsize(fmt), what)
            else:
                data = self.read(count * struct.calcsize(fmt), what)
                return list(struct.unpack(f"<{count}{fmt}", data))
        elif item == _STRING:
            self.need(count * 8, what)
            kept: list[bytes] | None = tokens if tokens is not None else [] if short else None
            for _ in range(count):
                string = self.string(what)
                if kept is not None:
                    kept.append(string)
            if short and kept is not None:
                return [t.decode("utf-8", "replace") for t in kept]
        else:  # llama.cpp rejects nested arrays too
            raise self.fail(f"{key!r} is an array of an unsupported type ({item})")
        name = gguf.GGUFValueType(item).name.lower()
        return {"type": "array", "item_type": name, "length": count}


def _int(value: object) -> int | None:
    """An integer from a metadata value (per-layer arrays give their maximum)."""
    if isinstance(value, list):
        ints = [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
        return max(ints) if ints else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_magic(head: bytes, label: str, size: int) -> None:
    if size == 0:
        raise GGUFError("too_small", f"{label} is empty (0 bytes); the download did not complete.")
    if head != b"GGUF"[: len(head)]:
        hint = "it does not start with the GGUF signature"
        if head.startswith(b"vers"):
            hint = "it is probably a Git LFS pointer; the real model was never downloaded"
        elif head.lstrip()[:1] == b"<":
            hint = "it looks like a web page, perhaps an error page saved instead of the model"
        raise GGUFError("bad_magic", f"{label} is not a GGUF model file ({hint}).")
    if size < _HEADER_SIZE:
        msg = f"{label} is only {size} bytes long; the download may be incomplete."
        raise GGUFError("too_small", msg)


def _parse(fh: BinaryIO, size: int, path: Path, label: str, check_vocab: bool) -> GGUFInfo:
    _check_magic(fh.read(4), label, size)
    r = _Reader(fh, size, label)
    version = r.unpack("I", "the version")
    if version not in (2, 3):
        if version.to_bytes(4, "little") in ((2).to_bytes(4, "big"), (3).to_bytes(4, "big")):
            detail = "it is a big-endian file made for a different kind of computer"
        elif version == 1:
            detail = "it uses the obsolete GGUF version 1; download a newer copy"
        else:
            detail = f"it uses GGUF version {version}; ThinkDesk reads versions 2 and 3"
        raise GGUFError("bad_version", f"{label} cannot be read ({detail}).")
    tensor_count, kv_count = r.unpack("Q", "the tensor count"), r.unpack("Q", "the key count")
    r.need(kv_count * 13, "the metadata table")

    meta: dict[str, object] = {}
    tokens: list[bytes] | None = None
    for _ in range(kv_count):
        key = r.text("a metadata key", _MAX_KEY)
        if key in meta:
            raise r.fail(f"the metadata key {key!r} appears twice")
        vtype = r.unpack("I", f"the type of {key!r}")
        if key == "general.alignment" and vtype != _UINT32:  # llama.cpp asserts on this
            raise r.fail("the alignment is not stored as a 32-bit number")
        if key == _TOKENS_KEY:
            tokens = []
        meta[key] = r.value(vtype, key, tokens if key == _TOKENS_KEY else None)

    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or arch not in SUPPORTED_ARCHITECTURES:
        kind = f"a {arch!r} model" if isinstance(arch, str) else "not labelled as any model type"
        raise GGUFError(
            "unsupported_architecture",
            f"{label} cannot be used: this file is {kind}; ThinkDesk runs chat models such as "
            "DeepSeek-R1-Distill-Qwen (architecture qwen2).",
        )
    alignment = meta.get("general.alignment", 32)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise r.fail(f"the alignment {alignment!r} is not a power of two")

    r.need(tensor_count * 24, "the tensor table")
    tensors: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for _ in range(tensor_count):
        name = r.text("a tensor name", _MAX_TENSOR_NAME)
        if name in seen:
            raise r.fail(f"the tensor {name!r} appears twice")
        seen.add(name)
        n_dims = r.unpack("I", f"the shape of {name!r}")
        if n_dims > _MAX_DIMS:
            raise r.fail(f"the tensor {name!r} has {n_dims} dimensions")
        dims = [r.unpack("Q", f"the shape of {name!r}") for _ in range(n_dims)]
        ggml_type = r.unpack("I", f"the type of {name!r}")
        offset = r.unpack("Q", f"the offset of {name!r}")
        if ggml_type not in _QUANT_SIZES:
            raise r.fail(f"the tensor {name!r} uses an unknown weight format ({ggml_type})")
        block, type_size = _QUANT_SIZES[ggml_type]
        if (dims[0] if dims else 1) % block:
            raise r.fail(f"the shape of {name!r} does not fit its weight format")
        if offset % alignment:
            raise r.fail(f"the tensor {name!r} is not aligned in the file")
        tensors.append((name, offset, math.prod(dims) // block * type_size))

    data_start = -(-r.pos // alignment) * alignment
    for name, offset, nbytes in tensors:
        if offset + nbytes > size - data_start:
            raise GGUFError(
                "tensor_out_of_bounds",
                f"{label} looks truncated or damaged: the data for {name!r} would end at byte "
                f"{data_start + offset + nbytes:,} but the file is only {size:,} bytes long. "
                "The download may be incomplete; try downloading the file again.",
            )

    if check_vocab and tokens:
        _check_duplicates(tokens, label)

    def get(key: str) -> int | None:
        return _int(meta.get(f"{arch}.{key}"))

    n_embd, n_head = get("embedding_length"), get("attention.head_count")
    n_head_kv, head_dim = get("attention.head_count_kv"), get("attention.key_length")
    if head_dim is None and n_embd and n_head:
        head_dim = n_embd // n_head
    file_type = _int(meta.get("general.file_type"))
    quantization = None
    if file_type in {int(t) for t in gguf.LlamaFileType} - {int(gguf.LlamaFileType.GUESSED)}:
        quantization = gguf.LlamaFileType(file_type).name.split("_", 1)[1]
    name, template = meta.get("general.name"), meta.get("tokenizer.chat_template")
    return GGUFInfo(
        path=path,
        file_size=size,
        version=version,
        alignment=alignment,
        architecture=arch,
        name=name if isinstance(name, str) else None,
        file_type=file_type,
        quantization=quantization,
        context_length=get("context_length"),
        n_layer=get("block_count"),
        n_embd=n_embd,
        n_head=n_head,
        n_head_kv=n_head if n_head_kv is None else n_head_kv,
        head_dim=head_dim,
        n_vocab=len(tokens) if tokens is not None else None,
        chat_template=template if isinstance(template, str) else None,
        tensor_count=tensor_count,
        tensor_bytes=sum(t[2] for t in tensors),
        metadata=meta,
    )


def _check_duplicates(tokens: list[bytes], label: str) -> None:
    if len(set(tokens)) == len(tokens):
        return
    dupes = [tok for tok, n in Counter(tokens).items() if n > 1]
    example = repr(dupes[0].decode("utf-8", "backslashreplace"))
    raise GGUFError(
        "duplicate_tokens",
        f"{label} has a damaged vocabulary: {len(dupes):,} token(s) appear more than once "
        f"(for example {example}). Loading it would crash ThinkDesk, so it was not opened.",
    )


def inspect_gguf(path: str | os.PathLike[str], *, check_vocab: bool = True) -> GGUFInfo:
    """Read and validate the header of the GGUF file at ``path``.

    Raises :class:`GGUFError` (and nothing else) when the file is missing, unreadable,
    not a GGUF, damaged, truncated, of an unsupported architecture or, with
    ``check_vocab``, has duplicate vocabulary entries that would crash llama.cpp.
    """
    p = Path(path)
    label = repr(p.name or str(p))
    try:
        mode = os.stat(p).st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):
        msg = f"{label} could not be found; it may have been moved or deleted."
        raise GGUFError("missing", msg) from None
    except OSError as err:
        raise GGUFError("unreadable", f"{label} could not be read ({err.strerror}).") from None
    if stat.S_ISDIR(mode):
        raise GGUFError("not_a_file", f"{label} is a folder, not a model file.")
    if not stat.S_ISREG(mode):
        raise GGUFError("not_a_file", f"{label} is not a regular file.")
    try:
        with open(p, "rb", buffering=1 << 16) as fh:
            return _parse(fh, os.fstat(fh.fileno()).st_size, p, label, check_vocab)
    except OSError as err:
        raise GGUFError("unreadable", f"{label} could not be read ({err.strerror}).") from None
    except (struct.error, UnicodeDecodeError, ValueError, OverflowError, MemoryError) as err:
        raise GGUFError("bad_metadata", f"{label} has a damaged header ({err}).") from None


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.core.gguf_inspect PATH``: print the header as JSON."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desktop.core.gguf_inspect PATH", file=sys.stderr)
        return 2
    try:
        info = inspect_gguf(args[0])
    except GGUFError as err:
        print(json.dumps({"error": err.reason, "message": str(err)}, indent=2))
        return 1
    print(json.dumps(asdict(info), indent=2, default=str))  # ASCII: safe on any console
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
