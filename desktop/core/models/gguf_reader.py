"""The byte-level GGUF reader behind :mod:`desktop.core.models.gguf_inspect`, and its error.

It reads sequentially and checks every length against the bytes that remain, so a corrupt or
hostile header can only ever produce a :class:`GGUFError` with a plain message.
"""

from __future__ import annotations

import struct
from typing import Any, BinaryIO

import gguf

from desktop.core.system.i18n import QT_TRANSLATE_NOOP, UserMessage

_SCALARS = dict(zip((0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12), "BbHhIif?Qqd", strict=True))
_STRING, _ARRAY = int(gguf.GGUFValueType.STRING), int(gguf.GGUFValueType.ARRAY)
_MAX_SHORT_ARRAY = 64  # longer arrays are summarised in GGUFInfo.metadata
_MAX_STRING = 16 << 20  # no real model has a longer string; refuse to allocate one
_ABSURD = 1 << 48  # a length beyond 256 TiB is corruption rather than truncation
_NOT_TOKENS = QT_TRANSLATE_NOOP("GGUFError", "the vocabulary is not a list of text tokens")


class GGUFError(Exception):
    """A file that is not a usable GGUF; ``str(err)`` is a plain English sentence for the user,
    raised as a :class:`~desktop.core.system.i18n.UserMessage` so the UI can show it translated.

    ``reason`` is a short machine code: missing, not_a_file, too_small, bad_magic,
    bad_version, truncated, bad_metadata, tensor_out_of_bounds, unsupported_architecture,
    duplicate_tokens or unreadable.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class Reader:
    """Sequential little-endian reader that never reads past the known file size."""

    def __init__(self, fh: BinaryIO, size: int, label: str) -> None:
        self.fh, self.size, self.pos, self.label = fh, size, fh.tell(), label

    def fail(self, detail: UserMessage) -> GGUFError:
        msg = QT_TRANSLATE_NOOP("GGUFError", "{label} has a damaged header: {detail}.")
        return GGUFError("bad_metadata", msg.format(label=self.label, detail=detail))

    def need(self, n: int, what: UserMessage) -> None:
        if n > _ABSURD:  # no real file is this big: corruption, not truncation
            msg = QT_TRANSLATE_NOOP("GGUFError", "{what} claims an impossible size ({n:,} bytes)")
            raise self.fail(msg.format(what=what, n=n))
        if n > self.size - self.pos:
            msg = QT_TRANSLATE_NOOP(
                "GGUFError",
                "{label} ends unexpectedly at byte {size:,} while reading {what}; the file is "
                "truncated or damaged (an incomplete download is the usual cause).",
            )
            raise GGUFError("truncated", msg.format(label=self.label, size=self.size, what=what))

    def read(self, n: int, what: UserMessage) -> bytes:
        self.need(n, what)
        data = self.fh.read(n)
        if len(data) != n:  # the file shrank while we were reading it
            msg = QT_TRANSLATE_NOOP("GGUFError", "{label} ended while it was being read.")
            raise GGUFError("truncated", msg.format(label=self.label))
        self.pos += n
        return data

    def skip(self, n: int, what: UserMessage) -> None:
        self.need(n, what)
        self.pos += n
        self.fh.seek(self.pos)

    def unpack(self, fmt: str, what: UserMessage) -> Any:
        return struct.unpack("<" + fmt, self.read(struct.calcsize(fmt), what))[0]

    def string(self, what: UserMessage, limit: int = _MAX_STRING) -> bytes:
        n = self.unpack("Q", what)
        if n > limit:
            raise self.fail(
                QT_TRANSLATE_NOOP("GGUFError", "{what} is {n:,} bytes long").format(what=what, n=n)
            )
        return self.read(n, what)

    def text(self, what: UserMessage, limit: int) -> str:
        try:
            return self.string(what, limit).decode("utf-8")
        except UnicodeDecodeError:
            detail = QT_TRANSLATE_NOOP("GGUFError", "{what} is not valid text")
            raise self.fail(detail.format(what=what)) from None

    def value(self, vtype: int, key: str, tokens: list[bytes] | None = None) -> object:
        what = QT_TRANSLATE_NOOP("GGUFError", "the value of {key}").format(key=repr(key))
        if tokens is not None and vtype != _ARRAY:
            raise self.fail(_NOT_TOKENS)
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype], what)
        if vtype == _STRING:
            return self.string(what).decode("utf-8", "replace")
        if vtype != _ARRAY:
            detail = QT_TRANSLATE_NOOP("GGUFError", "{key} has an unknown value type ({type})")
            raise self.fail(detail.format(key=repr(key), type=vtype))
        item, count = self.unpack("I", what), self.unpack("Q", what)
        short = count <= _MAX_SHORT_ARRAY
        if tokens is not None and item != _STRING:
            raise self.fail(_NOT_TOKENS)
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
            detail = QT_TRANSLATE_NOOP(
                "GGUFError", "{key} is an array of an unsupported type ({type})"
            )
            raise self.fail(detail.format(key=repr(key), type=item))
        name = gguf.GGUFValueType(item).name.lower()
        return {"type": "array", "item_type": name, "length": count}
