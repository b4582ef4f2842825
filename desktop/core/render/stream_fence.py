"""A long code fence that is still being streamed, committed a few lines at a time (no Qt).

Re-rendering an open fence on every update made a 2,000-line program cost O(lines) per token:
markdown-it re-parsed it, and the view re-inserted it. Instead, once a top-level fence's opening
line is complete, :class:`OpenFence` takes over that part of the text: complete code lines are
committed in pieces (highlighted, appended once and never touched again) and only the last few
lines stay "open". The box is the header piece plus body pieces
(:meth:`~desktop.core.render.markdown_html.HtmlRules.code_header` / ``code_body``).

Pieces are highlighted one at a time, so a construct spanning a cut (a long multi-line
string) may be coloured as if it started there; cuts are placed before a top-level line or
after a blank one when possible, where that rarely happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.render.markdown_html import HtmlRules

__all__ = ["PIECE_LINES", "FenceStep", "OpenFence"]

PIECE_LINES = 24
"""Complete lines gathered before a piece is committed (and the most left open)."""
_OPENING = re.compile(r"^( {0,3})(`{3,}|~{3,})([^\n]*)$")


@dataclass
class FenceStep:
    """What one update of an open fence produced."""

    consumed: int  # characters of the text now committed
    committed: list[str] = field(default_factory=list)  # HTML pieces to append
    open_html: str = ""  # the uncommitted lines (shown plain)
    closed: bool = False  # the fence ended: normal parsing resumes after ``consumed``


class OpenFence:
    """State of one streamed fence. ``code`` is its source so far (for the copy link)."""

    def __init__(self, rules: HtmlRules, opening: str, key: str) -> None:
        match = _OPENING.match(opening)
        if match is None:
            raise ValueError("not a fence opening line")
        self._rules = rules
        self.indent = len(match.group(1))
        self.marker = match.group(2)
        info = match.group(3).strip()
        self.language = info.split(maxsplit=1)[0] if info else ""
        self.key = key
        self.code = ""
        self._closing = re.compile(
            rf"^ {{0,3}}{re.escape(self.marker[0])}{{{len(self.marker)},}}[ \t]*$"
        )

    @staticmethod
    def opens(line: str) -> bool:
        """Whether ``line`` opens a fence that :class:`OpenFence` can follow."""
        match = _OPENING.match(line)
        return match is not None and not (match.group(2)[0] == "`" and "`" in match.group(3))

    def header_html(self) -> str:
        """The box's header, with the copy link (it copies what has arrived so far)."""
        return self._rules.code_header(self.language, self.key)

    def step(self, tail: str, *, final: bool) -> FenceStep:
        """Take the text after the last committed line; commit what is complete."""
        lines = tail.split("\n")
        complete, partial = lines[:-1], lines[-1]
        code: list[str] = []
        closed = False
        for line in complete:
            if self._closing.match(line):
                closed = True
                break
            code.append(self._dedent(line))
        if closed or final:
            if not closed and partial and not self._closing.match(partial):
                code.append(self._dedent(partial))
            consumed = sum(len(line) + 1 for line in complete[: len(code) + 1]) if closed else len(
                tail)  # fmt: skip
            pieces = [self._piece(code, last=True)] if code or not self.code else []
            return FenceStep(min(consumed, len(tail)), pieces, "", True)
        cut = self._cut(code)
        step = FenceStep(sum(len(line) + 1 for line in complete[:cut]))
        if cut:
            step.committed.append(self._piece(code[:cut], last=False))
        rest = "\n".join([*code[cut:], *([self._dedent(partial)] if partial else [])])
        step.open_html = self._rules.code_body(rest, "", last=True)
        return step

    def _cut(self, code: list[str]) -> int:
        """How many complete lines to commit now (0 while fewer than PIECE_LINES)."""
        if len(code) < PIECE_LINES:
            return 0
        for i in range(len(code) - 1, PIECE_LINES // 2, -1):
            line = code[i]
            if not line.strip() or not line[0].isspace():
                return i if line.strip() else i + 1  # before a top-level line / after a blank
        return len(code)

    def _piece(self, lines: list[str], *, last: bool) -> str:
        text = "\n".join(lines)
        self.code = f"{self.code}\n{text}" if self.code else text
        if lines and not lines[-1] and not last:  # it would vanish from the <pre>
            text += " "
        return self._rules.code_body(text, self.language, last=last)

    def _dedent(self, line: str) -> str:
        # CommonMark: up to the opening fence's indentation is removed from each line.
        spaces = len(line) - len(line.lstrip(" "))
        return line[min(spaces, self.indent) :]
