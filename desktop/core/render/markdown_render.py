"""Markdown answers to the HTML subset QTextDocument understands, block by block, stream-safe.

No Qt here. The HTML itself (code boxes, tables, math images via a callback) comes from
:mod:`desktop.core.render.markdown_html`, the math syntax from
:mod:`desktop.core.render.markdown_math`.

:class:`StreamingMarkdown` is the streaming entry point. The answer is split into top-level
blocks (paragraph, fence, math block, table, list ...). A block is *committed* once the first
line of a later block is complete: its HTML is cached and never rendered again. Each update
re-parses only the uncommitted tail and renders only the blocks whose source changed, so the
work per update stays flat however long the answer grows (``blocks_rendered`` counts it).
Half-written constructs never render as what they will become: an unclosed ``$``/``\\(``/``\\[``
stays text, and an unclosed code fence is shown as a plain "open" code box (no highlighting, no
copy link) until its closing fence line is complete (or the stream ends).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from desktop.core.render.formula_watch import FormulaWatch
from desktop.core.render.markdown_html import (
    COPY_SCHEME,
    HtmlRules,
    MathHtml,
    RenderStyle,
    highlight_code,
    make_parser,
)
from desktop.core.render.markdown_math import formulas
from desktop.core.render.stream_fence import OpenFence
from desktop.core.render.stream_table import PIECE_ROWS, OpenTable

__all__ = [
    "COPY_SCHEME",
    "BlockUpdate",
    "MathHtml",
    "RenderStyle",
    "StreamingMarkdown",
    "highlight_code",
    "render_markdown",
]

LIST_ITEMS = 16
"""Finished items of a long open list are committed in groups of this many."""
_CLOSING_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")


@dataclass(frozen=True)
class BlockUpdate:
    """What changed since the previous :meth:`StreamingMarkdown.update`.

    If ``reset``, ``committed`` holds *every* committed block and the display must start over;
    otherwise ``committed`` holds the blocks committed by this update, to append after the
    earlier ones, and the previous ``open_html`` is to be replaced by this one.
    """

    reset: bool
    committed: tuple[str, ...]
    open_html: str


@dataclass
class _Block:
    start: int  # first line, relative to the parsed tail
    tokens: list[Token]


def _top_level_blocks(tokens: list[Token]) -> list[_Block]:
    blocks: list[_Block] = []
    for token in tokens:
        opens = token.level == 0 and token.nesting >= 0
        if not blocks or (opens and token.map is not None and _is_closed_group(blocks[-1].tokens)):
            # Without a line map there is no safe place to cut: it joins the block before.
            blocks.append(_Block(token.map[0] if token.map else 0, [token]))
        else:
            blocks[-1].tokens.append(token)
    return blocks


def _to_follow(
    blocks: list[_Block], n_commit: int, complete_lines: int, lines: list[str]
) -> str | None:
    """ "fence" or "table" if the one open block is a top-level fence whose opening line is
    complete, or a table whose header and delimiter rows are; else None."""
    if n_commit != len(blocks) - 1:
        return None
    block = blocks[-1]
    first = block.tokens[0]
    complete = complete_lines - block.start  # complete lines in the block
    if len(block.tokens) == 1 and first.type == "fence" and complete >= 1:
        return "fence" if OpenFence.opens(lines[block.start]) else None
    if first.type == "table_open" and complete >= 2 + PIECE_ROWS:  # short ones stay whole
        header, delimiter = lines[block.start], lines[block.start + 1]
        return "table" if OpenTable.starts(header, delimiter) else None
    return None


def _is_closed_group(tokens: list[Token]) -> bool:
    last = tokens[-1]
    return last.level == 0 and last.nesting <= 0


class StreamingMarkdown:
    """Incremental renderer for one growing answer (see the module docstring).

    ``blocks_rendered`` counts block renders (cache misses) since creation: tests assert on it
    to keep the per-update work flat. Not thread-safe; one instance per message view.
    """

    def __init__(
        self,
        style: RenderStyle | None = None,
        math_html: MathHtml | None = None,
        *,
        parser: Callable[[], MarkdownIt] = make_parser,
    ):
        self._md = parser()
        self._math_html = math_html
        self._set_renderer(style or RenderStyle())
        self.blocks_rendered = 0
        self._clear()

    def _set_renderer(self, style: RenderStyle) -> None:
        self._renderer = HtmlRules(style, self._math_html)
        self._renderer.install(self._md)

    def _clear(self) -> None:
        self._text = ""
        self._stable_end = 0  # offset where the uncommitted tail starts
        self._committed: list[str] = []
        self._open_html = ""
        self._memo: dict[tuple[int, str, bool], str] = {}
        self._codes: dict[str, str] = {}
        # A streamed fence or table whose lines are committed as they complete.
        self._follow: OpenFence | OpenTable | None = None
        self._reset_pending = True

    def set_style(self, style: RenderStyle, math_html: MathHtml | None = None) -> None:
        """Use new colours/fonts; the next :meth:`update` renders everything again (a reset)."""
        self._math_html = math_html
        self._set_renderer(style)
        text = self._text
        self._clear()
        self._text = text

    @property
    def style(self) -> RenderStyle:
        """The style blocks are currently rendered with."""
        return self._renderer.style

    def update(self, text: str, *, final: bool = False) -> BlockUpdate:
        """Render ``text`` (the whole answer so far); ``final`` when the stream has ended.

        Text that does not extend the previously committed part restarts from scratch.
        """
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text[: self._stable_end] != self._text[: self._stable_end]:
            self._clear()
        reset, self._reset_pending = self._reset_pending, False
        self._text = text
        new: list[str] = []
        while True:  # each pass commits something, so this ends
            if self._follow is not None:
                open_html = self._follow_block(text, final, new)
                if open_html is not None:
                    break
            open_html = self._parse_tail(text, final, new)
            if open_html is not None:
                break
        self._committed.extend(new)
        self._open_html = open_html
        return BlockUpdate(reset, tuple(self._committed) if reset else tuple(new), open_html)

    def _parse_tail(self, text: str, final: bool, new: list[str]) -> str | None:
        """Parse the uncommitted tail, commit finished blocks into ``new``; the open HTML, or
        None when an open fence or table was found (followed line by line from now on)."""
        tail = text[self._stable_end :]
        env: dict[str, Any] = {}
        blocks = _top_level_blocks(self._md.parse(tail, env))
        line_starts = [0, *(m.end() for m in re.finditer("\n", tail))]
        complete_lines = len(line_starts) - 1  # lines followed by a newline
        # Block i is done once block i+1's first line is complete (or the stream has ended).
        done_starts = sum(1 for b in blocks[1:] if b.start < complete_lines)
        n_commit = len(blocks) if final else done_starts
        lines = tail.split("\n")
        follow = None if final else _to_follow(blocks, n_commit, complete_lines, lines)

        def source(i: int) -> str:
            begin = line_starts[blocks[i].start] if i else 0
            end = line_starts[blocks[i + 1].start] if i + 1 < len(blocks) else len(tail)
            return tail[begin:end]

        memo: dict[tuple[int, str, bool], str] = {}
        rendered: list[str] = []
        for i, block in enumerate(blocks[:n_commit] if follow else blocks):
            key = (len(self._committed) + len(new) + i, source(i), final)
            block_html = self._memo.get(key)
            if block_html is None:
                open_fences = self._open_fences(block.tokens, lines, complete_lines, final)
                block_html = self._render_block(block.tokens, key[0], open_fences)
            memo[key] = block_html
            rendered.append(block_html)
        new.extend(rendered[:n_commit])
        first_open = len(self._committed) + len(new)
        self._memo = {k: v for k, v in memo.items() if k[0] >= first_open}
        # Up to the first uncommitted block, or a followed one: blank lines before it belong
        # to neither (a table after a closed fence starts one line into the tail).
        if n_commit or follow is not None:
            self._stable_end += (
                line_starts[blocks[n_commit].start] if n_commit < len(blocks) else len(tail)
            )
        if follow is None:
            if not final and self._commit_list_items(blocks, n_commit, line_starts, new):
                return None
            return "".join(rendered[n_commit:])
        # From here on the block's lines are committed as they complete (stream_fence/_table).
        start = blocks[n_commit].start
        if follow == "fence":
            self._follow = OpenFence(self._renderer, lines[start], f"{first_open}.0")
            new.append(self._follow.header_html())
            self._stable_end += len(lines[start]) + 1
        else:
            self._follow = OpenTable(self._renderer, self._md, lines[start], lines[start + 1])
            self._stable_end += len(lines[start]) + len(lines[start + 1]) + 2
        return None

    def _commit_list_items(
        self, blocks: list[_Block], n_commit: int, line_starts: list[int], new: list[str]
    ) -> bool:
        """Commit the finished items of a long open list, a group of LIST_ITEMS at a time.

        The items are rendered as a list of their own (an ordered one keeps its numbers: the
        next part starts with its own "17."), so a list of hundreds of items is not rendered
        again whole on every update.
        """
        if n_commit != len(blocks) - 1:
            return False
        tokens = blocks[-1].tokens
        if tokens[0].type not in ("bullet_list_open", "ordered_list_open"):
            return False
        items = [i for i, t in enumerate(tokens) if t.type == "list_item_open" and t.level == 1]
        done = (len(items) - 1) // LIST_ITEMS * LIST_ITEMS  # the last item may still grow
        if not done or tokens[-1].type != tokens[0].type.replace("_open", "_close"):
            return False
        cut = items[done]
        if tokens[cut].map is None:
            return False
        index = len(self._committed) + len(new)
        new.append(self._render_block([*tokens[:cut], tokens[-1]], index, set()))
        # The stable end is already at the list's first line (earlier blocks are committed).
        self._stable_end += line_starts[tokens[cut].map[0]] - line_starts[blocks[-1].start]
        return True

    def _follow_block(self, text: str, final: bool, new: list[str]) -> str | None:
        """Advance the followed block; its open HTML, or None once it has ended."""
        follow = self._follow
        assert follow is not None
        step = follow.step(text[self._stable_end :], final=final)
        self._stable_end += step.consumed
        new.extend(step.committed)
        if isinstance(follow, OpenFence):
            self._codes[follow.key] = follow.code
        if not step.closed:
            return step.open_html
        self._follow = None
        return None

    def html(self) -> str:
        """The full HTML of the answer as of the last update."""
        return "".join(self._committed) + self._open_html

    def code_source(self, key: str) -> str | None:
        """Source of the code block behind a ``thinkdesk-copy:<key>`` link, if known."""
        return self._codes.get(key)

    def formulas(self, text: str) -> list[tuple[str, bool]]:
        """The (LaTeX, display) formulas rendering ``text`` would ask ``math_html`` for."""
        return formulas(self._md, text)

    def formula_watch(self) -> FormulaWatch:
        """A :class:`FormulaWatch` that parses pieces as this renderer does."""
        return FormulaWatch(self._md)

    def _render_block(self, tokens: list[Token], index: int, open_fences: set[int]) -> str:
        self.blocks_rendered += 1
        env: dict[str, Any] = {"block": index, "open_fences": open_fences, "codes": self._codes}
        # Stripped: Qt turns a newline after the last closing tag into a trailing space.
        return self._md.renderer.render(tokens, self._md.options, env).strip()

    @staticmethod
    def _open_fences(
        tokens: list[Token], lines: list[str], complete_lines: int, final: bool
    ) -> set[int]:
        """Fences whose closing line is missing (or still being written).

        Once the stream has ended there are none: an answer cut off inside a fence still gets
        its highlighted box and copy link, as CommonMark closes it at the end of the text.
        """
        found: set[int] = set()
        if final:
            return found
        for token in tokens:
            if token.type != "fence" or token.map is None:
                continue
            first, end = token.map
            last = end - 1
            match = _CLOSING_FENCE.match(lines[last]) if last > first else None
            closed = (
                match is not None
                and match.group(1)[0] == token.markup[0]
                and len(match.group(1)) >= len(token.markup)
                and last < complete_lines
            )
            if not closed:
                found.add(id(token))
        return found


def render_markdown(
    text: str, style: RenderStyle | None = None, math_html: MathHtml | None = None
) -> str:
    """One-shot HTML for a complete Markdown text (e.g. an answer loaded from history)."""
    renderer = StreamingMarkdown(style, math_html)
    renderer.update(text, final=True)
    return renderer.html()
