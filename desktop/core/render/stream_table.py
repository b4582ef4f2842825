"""A long Markdown table that is still being streamed, committed a group of rows at a time.

Qt lays a table out as a whole, so re-inserting a growing table on every update (or even
appending a row to it) costs O(rows) per token; a 200-row table stalled the window for
seconds. Once a lone top-level table's header and delimiter rows are complete,
:class:`OpenTable` takes over its text: rows are rendered here (cells through markdown-it's
inline rules, so math and code spans still work) in groups of :data:`PIECE_ROWS`, each group
its own table with the same column widths, which the view stacks without gaps. Only the
unfinished group is rendered again per update.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from desktop.core.render.markdown_html import HtmlRules
from desktop.core.render.stream_fence import FenceStep

__all__ = ["PIECE_ROWS", "OpenTable"]

PIECE_ROWS = 16
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"^\s*(:?)-+(:?)\s*$")


def split_row(line: str) -> list[str]:
    """The cells of a table row (outer pipes optional, ``\\|`` is a literal pipe)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(text)]


def _alignment(cell: str) -> str:
    match = _DELIMITER_CELL.match(cell)
    if match is None:
        return ""
    left, right = bool(match.group(1)), bool(match.group(2))
    return "center" if left and right else "right" if right else "left" if left else ""


class OpenTable:
    """State of one streamed table."""

    def __init__(self, rules: HtmlRules, md: MarkdownIt, header: str, delimiter: str) -> None:
        self._rules = rules
        self._md = md
        self._header = split_row(header)
        self._align = [_alignment(cell) for cell in split_row(delimiter)]
        self._align += [""] * (len(self._header) - len(self._align))
        self._widths: list[int] | None = None  # percent, fixed by the first group
        self._first = True

    @staticmethod
    def starts(header: str, delimiter: str) -> bool:
        """Whether two complete lines open a table this class can follow."""
        cells = split_row(delimiter)
        return "|" in header and len(cells) == len(split_row(header)) and all(
            _DELIMITER_CELL.match(cell) for cell in cells)  # fmt: skip

    def step(self, tail: str, *, final: bool) -> FenceStep:
        """Take the text after the last committed row; commit full groups of rows."""
        lines = tail.split("\n")
        complete, partial = lines[:-1], lines[-1]
        rows: list[str] = []
        ended = False
        for line in complete:
            if not line.strip() or "|" not in line:
                ended = True
                break
            rows.append(line)
        if not ended and final and partial.strip() and "|" in partial:
            rows.append(partial)
        used = sum(len(line) + 1 for line in rows[: len(complete)])
        if ended or final:
            pieces = [self._piece(rows)] if rows or self._first else []
            return FenceStep(min(used, len(tail)) if ended else len(tail), pieces, "", True)
        n_full = len(rows) // PIECE_ROWS * PIECE_ROWS
        step = FenceStep(sum(len(line) + 1 for line in rows[:n_full]))
        if n_full:
            step.committed.append(self._piece(rows[:n_full]))
        rest = rows[n_full:]
        step.open_html = self._piece(rest, commit=False) if rest or self._first else ""
        return step

    def _piece(self, rows: list[str], *, commit: bool = True) -> str:
        cells = [split_row(row) for row in rows]
        widths = self._widths or self._measure(cells)
        if commit:
            self._widths = widths
        head = self._row(self._header, "th", widths) if self._first else ""
        if commit:
            self._first = False
        body = "".join(self._row(row, "td", widths) for row in cells)
        return self._rules.table_open_tag(full_width=True).rstrip("\n") + head + body + "</table>"

    def _measure(self, rows: list[list[str]]) -> list[int]:
        n = len(self._header)
        longest = [len(cell) for cell in self._header]
        for row in rows:
            for i, cell in enumerate(row[:n]):
                longest[i] = max(longest[i], len(cell))
        weights = [min(40, max(3, length)) for length in longest]
        return [max(1, round(100 * w / sum(weights))) for w in weights]

    def _row(self, cells: list[str], tag: str, widths: list[int]) -> str:
        n = len(self._header)
        cells = (cells + [""] * n)[:n]  # GFM: missing cells are empty, extra ones dropped
        out = []
        for text, align, width in zip(cells, self._align, widths, strict=True):
            env: dict[str, Any] = {}
            inline = self._md.renderInline(text, env) if text else ""
            out.append(self._rules.cell_tag(tag, align, width) + inline + f"</{tag}>")
        return "<tr>" + "".join(out) + "</tr>"
