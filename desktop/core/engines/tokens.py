"""The loaded model's vocabulary: full token text, and which tokens are special.

llama-cpp-python 0.3.36's ``Llama.detokenize`` writes each token into a 32-byte buffer and
silently drops any token that does not fit; the R1-Distill-Qwen vocabulary has 240 such tokens
(rules of dashes, runs of 33+ spaces). :meth:`Vocabulary.piece` asks llama.cpp's
``llama_token_to_piece`` for the size first and never truncates.

The special tokens (control and user-defined) are read from the vocabulary itself, so text the
user typed can be kept from turning into any of them, whatever the model family spells them.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

#: llama_token_attr bits that make a token special: control (role markers, BOS/EOS) and
#: user-defined (think tags, tool tags), which llama.cpp matches even with special parsing off.
_CONTROL = 1 << 3
_USER_DEFINED = 1 << 4
SPECIAL_ATTRS = _CONTROL | _USER_DEFINED

# A zero-width space after a special token's first character keeps the text looking the same
# while no token's spelling matches it any more.
_BREAK = "\u200b"
# "<" followed by a bar (ASCII or full-width) or a think tag: R1/Qwen marker spellings, broken
# even when the loaded vocabulary lacks them (a pasted prompt for another model stays text).
_GENERIC_MARKER = re.compile(r"<(?=[|｜]|/?think>)")


@dataclass(frozen=True)
class TokenInfo:
    """One prompt token as ``thinkdesk ask --show-prompt`` prints it."""

    id: int
    piece: str
    special: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "piece": self.piece, "special": self.special}


class Vocabulary:
    """Token facts of one loaded llama.cpp model (``Llama._model.vocab``)."""

    def __init__(self, vocab: Any) -> None:
        from llama_cpp import llama_cpp

        self._lib = llama_cpp
        self._vocab = vocab
        self._buf = ctypes.create_string_buffer(64)

    # -- text of a token -------------------------------------------------------------------
    def piece(self, token: int, *, special: bool = False) -> bytes:
        """The bytes ``token`` stands for, however long (control tokens are empty unless
        ``special``; user-defined tokens such as ``</think>`` always have their text)."""
        n = self._lib.llama_token_to_piece(
            self._vocab, token, self._buf, len(self._buf), 0, special
        )
        if n < 0:  # the buffer was too small: -n is the size it needs
            self._buf = ctypes.create_string_buffer(-n)
            n = self._lib.llama_token_to_piece(
                self._vocab, token, self._buf, len(self._buf), 0, special
            )
        return self._buf.raw[: max(n, 0)]

    def text(self, tokens: list[int], *, special: bool = False) -> str:
        """The text of ``tokens`` joined (invalid UTF-8 replaced)."""
        return b"".join(self.piece(t, special=special) for t in tokens).decode("utf-8", "replace")

    # -- special tokens --------------------------------------------------------------------
    @property
    def size(self) -> int:
        return int(self._lib.llama_vocab_n_tokens(self._vocab))

    def is_special(self, token: int) -> bool:
        """True for control and user-defined tokens."""
        return bool(self._lib.llama_vocab_get_attr(self._vocab, token) & SPECIAL_ATTRS)

    @cached_property
    def special_tokens(self) -> dict[int, str]:
        """Every control or user-defined token with a spelling: id -> text (~0.2 s once)."""
        found: dict[int, str] = {}
        get_attr, get_text = self._lib.llama_vocab_get_attr, self._lib.llama_vocab_get_text
        for token in range(self.size):
            if get_attr(self._vocab, token) & SPECIAL_ATTRS:
                text = (get_text(self._vocab, token) or b"").decode("utf-8", "replace")
                if text:
                    found[token] = text
        return found

    @cached_property
    def _spellings(self) -> tuple[re.Pattern[str] | None, dict[str, tuple[list[int], set[str]]]]:
        """A pattern finding where a spelling may start, and per first character the lengths
        (longest first) and spellings starting with it.

        Spellings made of whitespace only (some SentencePiece vocabularies have runs of spaces
        as user-defined tokens) are left alone: breaking them would change what the user
        wrote. A set lookup per candidate position stays fast with Gemma's 6,000+ user-defined
        tokens, where one regex alternation of all of them takes seconds on a long paste.
        """
        by_first: dict[str, tuple[list[int], set[str]]] = {}
        for spelling in self.special_tokens.values():
            if spelling.strip() and len(spelling) > 1:
                lengths, spellings = by_first.setdefault(spelling[0], ([], set()))
                spellings.add(spelling)
                if len(spelling) not in lengths:
                    lengths.append(len(spelling))
        for lengths, _spellings in by_first.values():
            lengths.sort(reverse=True)
        if not by_first:
            return None, by_first
        return re.compile("[" + re.escape("".join(sorted(by_first))) + "]"), by_first

    def _break_spellings(self, text: str) -> str:
        starts, by_first = self._spellings
        if starts is None:
            return text
        pieces: list[str] = []
        done = pos = 0
        while (found := starts.search(text, pos)) is not None:
            i = found.start()
            lengths, spellings = by_first[text[i]]
            length = next((n for n in lengths if text[i : i + n] in spellings), 0)
            if length:
                pieces += (text[done : i + 1], _BREAK)
                done = i + 1
            pos = i + max(length, 1)
        return "".join(pieces) + text[done:] if pieces else text

    def neutralize(self, text: str) -> str:
        """``text`` with every special-token spelling broken, so it tokenizes as plain text."""
        for _ in range(4):  # a break could in theory expose a shorter spelling: repeat
            broken = _GENERIC_MARKER.sub("<" + _BREAK, self._break_spellings(text))
            if broken == text:
                break
            text = broken
        return text

    def describe(self, tokens: list[int]) -> list[TokenInfo]:
        """Each token with its text (control tokens spelled out) and whether it is special.

        A token holding part of a multi-byte character shows the bytes as ``\\xNN`` escapes.
        """
        return [
            TokenInfo(
                id=t,
                piece=self.piece(t, special=True).decode("utf-8", "backslashreplace"),
                special=self.is_special(t),
            )
            for t in tokens
        ]
