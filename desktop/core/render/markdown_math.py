"""LaTeX math syntax for markdown-it: every delimiter style DeepSeek-R1 writes.

* ``$..$`` inline and ``$$..$$`` display, by mdit-py-plugins' dollarmath (Pandoc's rules: no
  space inside the delimiters, no digit right after the closing ``$``, so "$5 and $10" stays
  text). Its block rule is re-registered so ``$$`` may interrupt a paragraph.
* ``\\(..\\)`` inline and ``\\[..\\]`` display (own lines *or* inside a paragraph), and a bare
  ``\\boxed{..}`` outside any delimiters, by the rules below. mdit-py-plugins' texmath does
  brackets too, but its block tokens carry no line map (needed to split the answer into
  blocks), it cannot match ``\\[..\\]`` inside a paragraph, and the rule cannot interrupt one,
  which R1 does all the time ("所以：\\n\\[ 2x + 4y = 94 \\]").

Every rule needs the closing delimiter: half-written math is never a math token. Token types:
``math_inline`` (inline style) and ``math_inline_double`` / ``math_block`` (display style).

Display math inside a paragraph ("so $$x=2$$ holds", "所以 \\[x=2\\] 。") is a display formula
all the same: a core rule cuts the paragraph around it, so it becomes a ``math_block`` between
the text before and the text after (punctuation right after it stays on its line, as in LaTeX,
in ``meta["after"]``). Only the first of the new tokens keeps the paragraph's line map, so a
streamed answer still treats the paragraph as one block. Elsewhere (headings, table cells,
inside emphasis or links) it stays a ``math_inline_double`` token: those cannot hold a block.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_block_dollar

__all__ = ["MATH_TOKENS", "formula_of", "formulas", "use_math"]

MATH_TOKENS = ("math_inline", "math_inline_double", "math_block", "math_block_label")
_INTERRUPTS = {"alt": ["paragraph", "reference", "blockquote", "list"]}
_BOXED = "\\boxed{"
_BREAKS = ("softbreak", "hardbreak")
# Punctuation that closes the sentence a display formula ends: it stays on the formula's line.
_TRAILING_PUNCTUATION = re.compile(r"[ \t]*([.,;:!?\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001]+)")
BlockRule = Callable[[StateBlock, int, int, bool], bool]


def use_math(md: MarkdownIt) -> None:
    """Add all math rules to ``md``."""
    dollarmath_plugin(
        md,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        allow_blank_lines=False,  # LaTeX forbids them; also keeps a stray "$$" from eating text
        double_inline=True,
    )
    dollar_block = _probe_safe(math_block_dollar(False, None, False))
    md.block.ruler.at("math_block", dollar_block, _INTERRUPTS)
    md.inline.ruler.before("escape", "math_bracket_inline", _bracket_inline)
    md.inline.ruler.before("escape", "math_boxed", _boxed_inline)
    md.block.ruler.before("fence", "math_bracket_block", _bracket_block, _INTERRUPTS)
    md.core.ruler.after("text_join", "math_display_lines", _display_on_own_lines)


def formula_of(token: Token) -> tuple[str, bool]:
    """A math token's formula as it is typeset: (LaTeX source, display style)."""
    return token.content.strip(), token.type != "math_inline"


def formulas(md: MarkdownIt, text: str) -> list[tuple[str, bool]]:
    """Every formula ``md`` finds in ``text``, in order, as :func:`formula_of` gives them.

    For typesetting ahead of need: the same parser as the view's finds the same formulas.
    """
    found: list[tuple[str, bool]] = []
    for token in md.parse(text):
        for inner in (token, *(token.children or ())):
            if inner.type in MATH_TOKENS and inner.content.strip():
                found.append(formula_of(inner))
    return found


def _probe_safe(rule: BlockRule) -> BlockRule:
    """``rule`` made to honour ``silent`` (dollarmath's pushes tokens even when probing)."""

    def probe(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not silent:
            return rule(state, start_line, end_line, False)
        tokens, line = len(state.tokens), state.line
        matched = rule(state, start_line, end_line, False)
        del state.tokens[tokens:]
        state.line = line
        return matched

    return probe


def matching_brace(text: str, open_index: int, limit: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_index`` (before ``limit``), else -1."""
    depth = 0
    i = open_index
    while i < limit:
        char = text[i]
        if char == "\\":
            i += 2  # \{ and \} do not count
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _bracket_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src.startswith("\\(", pos):
        close, kind = "\\)", "math_inline"
    elif src.startswith("\\[", pos):
        close, kind = "\\]", "math_inline_double"
    else:
        return False
    end = src.find(close, pos + 2, state.posMax)
    if end < 0 or not src[pos + 2 : end].strip():
        return False
    if not silent:
        token = state.push(kind, "math", 0)
        token.content = src[pos + 2 : end]
        token.markup = src[pos : pos + 2]
    state.pos = end + 2
    return True


def _boxed_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith(_BOXED, pos):
        return False
    end = matching_brace(src, pos + len(_BOXED) - 1, state.posMax)
    if end < 0:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[pos : end + 1]
        token.markup = ""
    state.pos = end + 1
    return True


def _bracket_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False  # an indented code block
    src = state.src
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not src.startswith("\\[", begin):
        return False
    line, search_from = start_line, begin + 2
    while True:
        line_end = state.eMarks[line]
        close = src.find("\\]", search_from, line_end)
        if close >= 0:
            if src[close + 2 : line_end].strip():
                return False  # text after "\]": a paragraph that starts with math
            break
        line += 1
        if line >= end_line or state.sCount[line] < state.blkIndent:
            return False
        search_from = state.bMarks[line] + state.tShift[line]
        if search_from >= state.eMarks[line]:
            return False  # a blank line: not math (and a stream that has not closed it yet)
    if silent:
        return True
    parts = [
        src[state.bMarks[n] + state.tShift[n] : state.eMarks[n]] for n in range(start_line, line)
    ]
    parts.append(src[state.bMarks[line] + state.tShift[line] : close])
    content = "\n".join(parts)[2:] if line > start_line else src[begin + 2 : close]
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "\\["
    token.map = [start_line, line + 1]
    state.line = line + 1
    return True


def _display_on_own_lines(state: StateCore) -> None:
    """Cut every paragraph around its top-level display formulas (see the module docstring)."""
    tokens = state.tokens
    i = 1
    while i < len(tokens) - 1:
        inline = tokens[i]
        if (
            inline.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and tokens[i + 1].type == "paragraph_close"
            and any(_is_display(child) for child in inline.children or ())
        ):
            pieces = _cut_paragraph(tokens[i - 1], inline, tokens[i + 1])
            tokens[i - 1 : i + 2] = pieces
            i += len(pieces) - 1
        i += 1


def _is_display(child: Token) -> bool:
    # Level 0: not inside emphasis or a link, whose closing tag would land in another paragraph.
    return child.type == "math_inline_double" and child.level == 0


def _cut_paragraph(opening: Token, inline: Token, closing: Token) -> list[Token]:
    """The paragraph as paragraphs and ``math_block`` tokens; the first keeps its line map."""
    pieces: list[Token] = []
    run: list[Token] = []
    children = list(inline.children or ())
    for k, child in enumerate(children):
        if not _is_display(child):
            run.append(child)
            continue
        pieces += _paragraph(opening, inline, closing, run)
        run = []
        block = Token("math_block", "math", 0, level=opening.level, block=True)
        block.content, block.markup = child.content, child.markup
        after = children[k + 1] if k + 1 < len(children) else None
        if after is not None and after.type == "text":
            match = _TRAILING_PUNCTUATION.match(after.content)
            if match is not None:
                block.meta = {"after": match.group(1)}
                after.content = after.content[match.end() :]
        pieces.append(block)
    pieces += _paragraph(opening, inline, closing, run)
    # Without a map the later pieces join the first in the streamed answer's block split.
    first = 3 if pieces[0].type == "paragraph_open" else 1
    for piece in pieces[first:]:
        piece.map = None
    pieces[0].map = opening.map
    return pieces


def _paragraph(opening: Token, inline: Token, closing: Token, run: list[Token]) -> list[Token]:
    """A paragraph of ``run`` without the line breaks and spaces next to a cut; [] if empty."""
    start, end = 0, len(run)
    while start < end and _blank(run[start]):
        start += 1
    while end > start and _blank(run[end - 1]):
        end -= 1
    run = run[start:end]
    if not run:
        return []
    if run[0].type == "text":
        run[0].content = run[0].content.lstrip()
    if run[-1].type == "text":
        run[-1].content = run[-1].content.rstrip()
    text = inline.copy(children=run, content="".join(child.content for child in run))
    return [opening.copy(), text, closing.copy()]


def _blank(child: Token) -> bool:
    return child.type in _BREAKS or (child.type == "text" and not child.content.strip())
