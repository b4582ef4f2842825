"""Spots formulas the moment a stream completes them, before the view next renders.

Typesetting a formula (ziamath, 3-20 ms) was the largest part of rendering a math-heavy answer
on the GUI thread: about 40% of it in the bench's closing part. A streamed formula is complete
as soon as its closing delimiter arrives, while the view renders only at its next tick, up to
33 ms later. :class:`FormulaWatch` sees each piece as it arrives and names the formulas it has
just completed, so a background thread can typeset them in that gap and the render only draws.

Only the current paragraph (text since the last blank line, at most :data:`WINDOW_CHARS`) is
parsed, and only when a piece may have closed a formula, so watching costs the same per piece
however long the answer grows.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from desktop.core.render.markdown_math import formulas

__all__ = ["WINDOW_CHARS", "FormulaWatch"]

WINDOW_CHARS = 4_000
"""A formula longer than this (or a paragraph's start further back) is left to the render."""
_CLOSERS = ("$", "\\)", "\\]")


class FormulaWatch:
    """Fed the stream's pieces in order; tells which formulas each piece completed.

    A formula is named once. It is a guess made with the view's own parser on the current
    paragraph, so a "formula" that the full answer shows as code is named too: typesetting it
    ahead only wastes a little background time.
    """

    def __init__(self, md: MarkdownIt) -> None:
        self._md = md
        self._paragraph = ""
        self._named: set[tuple[str, bool]] = set()

    def feed(self, piece: str) -> list[tuple[str, bool]]:
        """The (LaTeX, display) formulas completed by ``piece``, not named before."""
        text = self._paragraph + piece
        may_close = any(c in text[-len(piece) - 1 :] for c in _CLOSERS)
        found = formulas(self._md, text) if may_close else []
        cut = text.rfind("\n\n")
        if cut >= 0:
            text = text[cut + 2 :]
        if len(text) > WINDOW_CHARS:
            line = text.find("\n", len(text) - WINDOW_CHARS)
            text = text[line + 1 :] if line >= 0 else text[-WINDOW_CHARS:]
        self._paragraph = text
        new = [f for f in found if f not in self._named]
        self._named.update(new)
        if len(self._named) > 4 * WINDOW_CHARS:  # a very long answer: forget the oldest guesses
            self._named = set(new)
        return new
