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
from typing import BinaryIO

import gguf

from desktop.core.models.gguf_reader import GGUFError, Reader
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

SUPPORTED_ARCHITECTURES: frozenset[str] = frozenset(
    {
        "llama", "mistral", "mistral3", "qwen", "qwen2", "qwen2moe", "qwen3", "qwen3moe",
        "gemma", "gemma2", "gemma3", "phi2", "phi3", "phimoe", "deepseek", "deepseek2",
        "granite", "granitemoe", "olmo", "olmo2", "olmoe", "internlm2", "stablelm",
        "starcoder2", "command-r", "cohere2", "exaone", "glm4", "smollm3", "minicpm",
    }
)  # fmt: skip
"""Text-generation architectures llama.cpp runs that make sense in a chat app."""

_STRING = int(gguf.GGUFValueType.STRING)
_UINT32 = int(gguf.GGUFValueType.UINT32)
_QUANT_SIZES = {int(k): v for k, v in gguf.GGML_QUANT_SIZES.items()}
_HEADER_SIZE = 24  # magic, version, tensor_count, kv_count
_MAX_KEY, _MAX_TENSOR_NAME, _MAX_DIMS = 65535, 63, 4  # names: GGML_MAX_NAME - 1
_TOKENS_KEY = "tokenizer.ggml.tokens"


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


def _int(value: object) -> int | None:
    """An integer from a metadata value (per-layer arrays give their maximum)."""
    if isinstance(value, list):
        ints = [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
        return max(ints) if ints else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_magic(head: bytes, label: str, size: int) -> None:
    if size == 0:
        msg = QT_TRANSLATE_NOOP(
            "GGUFError", "{label} is empty (0 bytes); the download did not complete."
        )
        raise GGUFError("too_small", msg.format(label=label))
    if head != b"GGUF"[: len(head)]:
        hint = QT_TRANSLATE_NOOP("GGUFError", "it does not start with the GGUF signature")
        if head.startswith(b"vers"):
            hint = QT_TRANSLATE_NOOP(
                "GGUFError", "it is probably a Git LFS pointer; the real model was never downloaded"
            )
        elif head.lstrip()[:1] == b"<":
            hint = QT_TRANSLATE_NOOP(
                "GGUFError",
                "it looks like a web page, perhaps an error page saved instead of the model",
            )
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} is not a GGUF model file ({hint}).")
        raise GGUFError("bad_magic", msg.format(label=label, hint=hint))
    if size < _HEADER_SIZE:
        msg = QT_TRANSLATE_NOOP(
            "GGUFError", "{label} is only {size} bytes long; the download may be incomplete."
        )
        raise GGUFError("too_small", msg.format(label=label, size=size))


def _parse(fh: BinaryIO, size: int, path: Path, label: str, check_vocab: bool) -> GGUFInfo:
    _check_magic(fh.read(4), label, size)
    r = Reader(fh, size, label)
    version = r.unpack("I", QT_TRANSLATE_NOOP("GGUFError", "the version"))
    if version not in (2, 3):
        if version.to_bytes(4, "little") in ((2).to_bytes(4, "big"), (3).to_bytes(4, "big")):
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "it is a big-endian file made for a different kind of computer"
            )
        elif version == 1:
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "it uses the obsolete GGUF version 1; download a newer copy"
            )
        else:
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "it uses GGUF version {version}; ThinkDesk reads versions 2 and 3"
            ).format(version=version)
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} cannot be read ({detail}).")
        raise GGUFError("bad_version", msg.format(label=label, detail=detail))
    tensor_count = r.unpack("Q", QT_TRANSLATE_NOOP("GGUFError", "the tensor count"))
    kv_count = r.unpack("Q", QT_TRANSLATE_NOOP("GGUFError", "the key count"))
    r.need(kv_count * 13, QT_TRANSLATE_NOOP("GGUFError", "the metadata table"))

    meta: dict[str, object] = {}
    tokens: list[bytes] | None = None
    a_key = QT_TRANSLATE_NOOP("GGUFError", "a metadata key")
    for _ in range(kv_count):
        key = r.text(a_key, _MAX_KEY)
        if key in meta:
            detail = QT_TRANSLATE_NOOP("GGUFError", "the metadata key {key} appears twice")
            raise r.fail(detail.format(key=repr(key)))
        vtype = r.unpack(
            "I", QT_TRANSLATE_NOOP("GGUFError", "the type of {key}").format(key=repr(key))
        )
        if key == "general.alignment" and vtype != _UINT32:  # llama.cpp asserts on this
            raise r.fail(
                QT_TRANSLATE_NOOP("GGUFError", "the alignment is not stored as a 32-bit number")
            )
        if key == _TOKENS_KEY:
            tokens = []
        meta[key] = r.value(vtype, key, tokens if key == _TOKENS_KEY else None)

    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or arch not in SUPPORTED_ARCHITECTURES:
        if isinstance(arch, str):
            kind = QT_TRANSLATE_NOOP("GGUFError", "a {arch} model").format(arch=repr(arch))
        else:
            kind = QT_TRANSLATE_NOOP("GGUFError", "not labelled as any model type")
        msg = QT_TRANSLATE_NOOP(
            "GGUFError",
            "{label} cannot be used: this file is {kind}; ThinkDesk runs chat models such as "
            "DeepSeek-R1-Distill-Qwen (architecture qwen2).",
        )
        raise GGUFError("unsupported_architecture", msg.format(label=label, kind=kind))
    alignment = meta.get("general.alignment", 32)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        detail = QT_TRANSLATE_NOOP("GGUFError", "the alignment {alignment} is not a power of two")
        raise r.fail(detail.format(alignment=repr(alignment)))

    r.need(tensor_count * 24, QT_TRANSLATE_NOOP("GGUFError", "the tensor table"))
    tensors: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    a_name = QT_TRANSLATE_NOOP("GGUFError", "a tensor name")
    for _ in range(tensor_count):
        name = r.text(a_name, _MAX_TENSOR_NAME)
        tensor = repr(name)
        if name in seen:
            detail = QT_TRANSLATE_NOOP("GGUFError", "the tensor {tensor} appears twice")
            raise r.fail(detail.format(tensor=tensor))
        seen.add(name)
        shape = QT_TRANSLATE_NOOP("GGUFError", "the shape of {tensor}").format(tensor=tensor)
        n_dims = r.unpack("I", shape)
        if n_dims > _MAX_DIMS:
            detail = QT_TRANSLATE_NOOP("GGUFError", "the tensor {tensor} has {n} dimensions")
            raise r.fail(detail.format(tensor=tensor, n=n_dims))
        dims = [r.unpack("Q", shape) for _ in range(n_dims)]
        ggml_type = r.unpack(
            "I", QT_TRANSLATE_NOOP("GGUFError", "the type of {key}").format(key=tensor)
        )
        offset = r.unpack(
            "Q", QT_TRANSLATE_NOOP("GGUFError", "the offset of {tensor}").format(tensor=tensor)
        )
        if ggml_type not in _QUANT_SIZES:
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "the tensor {tensor} uses an unknown weight format ({type})"
            )
            raise r.fail(detail.format(tensor=tensor, type=ggml_type))
        block, type_size = _QUANT_SIZES[ggml_type]
        if (dims[0] if dims else 1) % block:
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "the shape of {tensor} does not fit its weight format"
            )
            raise r.fail(detail.format(tensor=tensor))
        if offset % alignment:
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "the tensor {tensor} is not aligned in the file"
            )
            raise r.fail(detail.format(tensor=tensor))
        tensors.append((name, offset, math.prod(dims) // block * type_size))

    data_start = -(-r.pos // alignment) * alignment
    for name, offset, nbytes in tensors:
        if offset + nbytes > size - data_start:
            msg = QT_TRANSLATE_NOOP(
                "GGUFError",
                "{label} looks truncated or damaged: the data for {tensor} would end at byte "
                "{end:,} but the file is only {size:,} bytes long. The download may be "
                "incomplete; try downloading the file again.",
            )
            end = data_start + offset + nbytes
            raise GGUFError(
                "tensor_out_of_bounds",
                msg.format(label=label, tensor=repr(name), end=end, size=size),
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
    msg = QT_TRANSLATE_NOOP(
        "GGUFError",
        "{label} has a damaged vocabulary: {n:,} token(s) appear more than once (for example "
        "{example}). Loading it would crash ThinkDesk, so it was not opened.",
    )
    raise GGUFError("duplicate_tokens", msg.format(label=label, n=len(dupes), example=example))


def inspect_gguf(path: str | os.PathLike[str], *, check_vocab: bool = True) -> GGUFInfo:
    """Read and validate the header of the GGUF file at ``path``.

    Raises :class:`GGUFError` (and nothing else) when the file is missing, unreadable,
    not a GGUF, damaged, truncated, of an unsupported architecture or, with
    ``check_vocab``, has duplicate vocabulary entries that would crash llama.cpp.
    """
    p = Path(path)
    label = repr(p.name or str(p))
    unreadable = QT_TRANSLATE_NOOP("GGUFError", "{label} could not be read ({error}).")
    try:
        mode = os.stat(p).st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):
        msg = QT_TRANSLATE_NOOP(
            "GGUFError", "{label} could not be found; it may have been moved or deleted."
        )
        raise GGUFError("missing", msg.format(label=label)) from None
    except OSError as err:
        raise GGUFError("unreadable", unreadable.format(label=label, error=err.strerror)) from None
    if stat.S_ISDIR(mode):
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} is a folder, not a model file.")
        raise GGUFError("not_a_file", msg.format(label=label))
    if not stat.S_ISREG(mode):
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} is not a regular file.")
        raise GGUFError("not_a_file", msg.format(label=label))
    try:
        with open(p, "rb", buffering=1 << 16) as fh:
            return _parse(fh, os.fstat(fh.fileno()).st_size, p, label, check_vocab)
    except OSError as err:
        raise GGUFError("unreadable", unreadable.format(label=label, error=err.strerror)) from None
    except (struct.error, UnicodeDecodeError, ValueError, OverflowError, MemoryError) as err:
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} has a damaged header ({error}).")
        raise GGUFError("bad_metadata", msg.format(label=label, error=str(err))) from None


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.core.models.gguf_inspect PATH``: print the header as JSON."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desktop.core.models.gguf_inspect PATH", file=sys.stderr)
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
