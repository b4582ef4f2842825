"""Markdown tokens to the HTML subset QTextDocument understands (no Qt here).

The UI passes in colours/fonts (:class:`RenderStyle`) and a ``math_html`` callback that turns
one formula into an ``<img>`` (or ``None`` when it cannot be typeset; the source is then shown
in a monospace span). Code blocks become a tinted box with a header holding the language and a
``thinkdesk-copy:<key>`` link; their source is recorded under that key in the render ``env``.
Dialect: CommonMark + tables + strikethrough + math (:mod:`desktop.core.render.markdown_math`),
single newlines kept as line breaks (chat output is not hard-wrapped prose), raw HTML shown
literally (``<think>`` must not vanish as an unknown tag), pictures offered as links (never
fetched).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from desktop.core.render.markdown_math import MATH_TOKENS, formula_of, use_math

__all__ = [
    "COPY_SCHEME",
    "HtmlRules",
    "MathHtml",
    "RenderStyle",
    "highlight_code",
    "make_parser",
    "make_thinking_parser",
]

ROW_GROUP_START = '<table width="100%" border="1"'
"""How a streamed table's row group (and nothing else) starts: the view stacks them tightly."""
COPY_SCHEME = "thinkdesk-copy"
"""Links ``thinkdesk-copy:<key>`` in a code box header mean "copy code block <key>"."""

MathHtml = Callable[[str, bool], "str | None"]
"""``(latex, display) -> HTML`` for one formula, or ``None`` if it cannot be typeset."""

_TEXT_ALIGN = re.compile(r"text-align:\s*(left|right|center)")
_MAX_CACHED_LEXERS = 32
_lexers: dict[str, Any] = {}
_formatters: dict[bool, HtmlFormatter] = {}


@dataclass(frozen=True)
class RenderStyle:
    """Colours (``#rrggbb``), the monospace family and labels the HTML uses.

    The UI derives it from its palette and fonts; the defaults suit a light theme.
    """

    text: str = "#1f1f1f"
    muted: str = "#707070"
    code_background: str = "#f4f4f4"
    code_header: str = "#e8e8e8"
    border: str = "#cfcfcf"
    mono_family: str = "monospace"
    dark: bool = False
    copy_label: str = "Copy"


def highlight_code(code: str, language: str, *, dark: bool = False) -> str:
    """``code`` as HTML spans with inline Pygments colours (no wrapper element).

    Unknown languages come back escaped but uncoloured; the language is never guessed (slow,
    and wrong often enough to look broken).
    """
    lexer = _lexer(language)
    if lexer is None:
        return html.escape(code, quote=False)
    formatter = _formatters.get(dark)
    if formatter is None:
        style = "github-dark" if dark else "default"
        formatter = _formatters[dark] = HtmlFormatter(nowrap=True, noclasses=True, style=style)
    return highlight(code, lexer, formatter)


def _lexer(language: str) -> Any:
    name = language.lower()
    if not name:
        return None
    if name not in _lexers:
        if len(_lexers) >= _MAX_CACHED_LEXERS:
            _lexers.clear()
        try:
            # stripnl would drop leading blank lines the model wrote on purpose.
            _lexers[name] = get_lexer_by_name(name, stripnl=False, ensurenl=False)
        except ClassNotFound:
            _lexers[name] = None
    return _lexers[name]


class HtmlRules:
    """markdown-it render rules producing QTextDocument-friendly HTML for one style."""

    def __init__(self, style: RenderStyle, math_html: MathHtml | None) -> None:
        self.style = style
        self.math_html = math_html
        family = style.mono_family.replace("'", "")
        self.mono = f"font-family: '{family}'"

    def install(self, md: MarkdownIt) -> None:
        """Make ``md`` render with these rules (replacing any installed before)."""
        rules: dict[str, Callable[..., str]] = {
            "fence": self._fence,
            "code_block": self._code_block,
            "code_inline": self._code_inline,
            "table_open": self._table_open,
            "th_open": self._cell_open,
            "td_open": self._cell_open,
            "image": self._image,
            "blockquote_open": self._blockquote_open,
        }
        for name in MATH_TOKENS:
            rules[name] = self._math
        # Assigned directly: add_render_rule() would bind the renderer as a first argument.
        md.renderer.rules.update(rules)

    # Render rules: (tokens, idx, options, env) -> html
    def _math(self, tokens: Sequence[Token], idx: int, _o: Any, _env: Any) -> str:
        token = tokens[idx]
        latex, display = formula_of(token)
        rendered = self.math_html(latex, display) if self.math_html and latex else None
        if rendered is None:
            source = f"{token.markup}{token.content}{_closing(token.markup)}"
            rendered = (
                f'<span style="{self.mono}; color: {self.style.muted}">'
                f"{html.escape(source, quote=False)}</span>"
            )
        if token.block:
            # Punctuation that ended the sentence around a formula cut out of a paragraph.
            after = html.escape(str(token.meta.get("after", "")), quote=False)
            return f'<p align="center">{rendered}{after}</p>\n'
        return rendered

    def _fence(self, tokens: Sequence[Token], idx: int, _o: Any, env: Any) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        is_open = id(token) in env.get("open_fences", ())
        return self._code_box(token.content, language, env, is_open=is_open)

    def _code_block(self, tokens: Sequence[Token], idx: int, _o: Any, env: Any) -> str:
        return self._code_box(tokens[idx].content, "", env, is_open=False)

    def _code_box(self, code: str, language: str, env: Any, *, is_open: bool) -> str:
        code = code[:-1] if code.endswith("\n") else code
        if is_open:
            return self.code_header(language, None) + self.code_body(code, "", last=True)
        key = f"{env.get('block', 0)}.{env.get('fence', 0)}"
        env["fence"] = env.get("fence", 0) + 1
        env.setdefault("codes", {})[key] = code
        return self.code_header(language, key) + self.code_body(code, language, last=True)

    def code_header(self, language: str, copy_key: str | None) -> str:
        """The code box's header: the language and, once the code is known, a copy link.

        The box is this header followed by :meth:`code_body` pieces, not one table: a streamed
        code block then grows by appending lines instead of re-inserting a growing table.
        """
        st = self.style
        copy = ""
        if copy_key is not None:
            copy = (
                f'<a href="{COPY_SCHEME}:{copy_key}" style="text-decoration: none">'
                f"{html.escape(st.copy_label)}</a>"
            )
        label = html.escape(language, quote=False) or "&nbsp;"
        # No borders: Qt would draw the table's border around every cell, header ones included.
        cell = f'style="padding: 4px 10px; background-color: {st.code_header}"'
        return (
            '<table width="100%" border="0" cellspacing="0" cellpadding="0"'
            ' style="margin-top: 6px; margin-bottom: 0px">'
            f'<tr><td {cell}><span style="color: {st.muted}">{label}</span></td>'
            f'<td align="right" {cell}>{copy}</td></tr></table>'
        )

    def code_body(self, code: str, language: str, *, last: bool) -> str:
        """Lines of a code box, highlighted if ``language`` is given (else shown as typed).

        Block background with a left margin: the tint fills the whole width, the text is
        indented like the header's label. Only the ``last`` piece closes the box with a gap.
        """
        st = self.style
        body = highlight_code(code, language, dark=st.dark).rstrip("\n") if language else (
            html.escape(code, quote=False))  # fmt: skip
        bottom = 6 if last else 0
        return (
            f'<pre style="{self.mono}; white-space: pre-wrap; margin-top: 0px;'
            f" margin-bottom: {bottom}px; margin-left: 10px;"
            f' background-color: {st.code_background}">{body or "&nbsp;"}</pre>'
        )

    def _code_inline(self, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        text = html.escape(tokens[idx].content, quote=False)
        shade = f"background-color: {self.style.code_background}"
        return f'<span style="{self.mono}; {shade}">{text}</span>'

    def _table_open(self, *_: Any) -> str:
        return self.table_open_tag()

    def table_open_tag(self, *, full_width: bool = False) -> str:
        """A table's opening tag; ``full_width`` for streamed row groups that must line up."""
        st = self.style
        width = ' width="100%"' if full_width else ""
        margins = "margin-top: 0px; margin-bottom: 0px" if full_width else (
            "margin-top: 6px; margin-bottom: 6px")  # fmt: skip
        return (
            f'<table{width} border="1" cellspacing="0" cellpadding="6" style="border-collapse:'
            f' collapse; border-color: {st.border}; border-style: solid; {margins}">\n'
        )

    def _cell_open(self, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        token = tokens[idx]
        match = _TEXT_ALIGN.search(str(token.attrGet("style") or ""))
        return self.cell_tag(token.tag, match.group(1) if match else "")

    def cell_tag(self, tag: str, align: str, width: int | None = None) -> str:
        """``<th>`` (shaded) or ``<td>`` with its alignment and, if given, width in percent."""
        attrs = f' align="{align}"' if align else ""
        attrs += f' width="{width}%"' if width else ""
        shade = f' style="background-color: {self.style.code_header}"' if tag == "th" else ""
        return f"<{tag}{attrs}{shade}>"

    def _blockquote_open(self, *_: Any) -> str:
        # Qt indents a quote but draws no bar; the muted colour says "quoted" instead.
        return f'<blockquote style="color: {self.style.muted}">\n'

    def _image(self, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        # Offline app: never fetch a remote picture; offer it as a (confirmed) link instead.
        token = tokens[idx]
        alt = html.escape(token.content or str(token.attrGet("src") or ""), quote=False)
        src = html.escape(str(token.attrGet("src") or ""))
        return f'<a href="{src}">[{alt}]</a>'


def _closing(markup: str) -> str:
    return {"\\(": "\\)", "\\[": "\\]"}.get(markup, markup)


def make_thinking_parser() -> MarkdownIt:
    """A parser for the model's reasoning: paragraphs, line breaks and math, nothing else.

    Thinking is drafted prose, not Markdown meant for display: ``*``, ``#``, ``1.`` and
    backslashes stay exactly as the model wrote them; only its LaTeX is typeset.
    """
    md = MarkdownIt("zero", {"html": False, "breaks": True})
    md.enable(["newline"])
    use_math(md)
    return md


def make_parser() -> MarkdownIt:
    """A markdown-it parser for model answers (see the module docstring for the dialect)."""
    md = MarkdownIt("commonmark", {"html": False, "breaks": True})
    md.enable(["table", "strikethrough"])
    use_math(md)
    return md
