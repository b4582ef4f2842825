"""Markdown → QTextDocument HTML (desktop.core.render.markdown_render): no Qt needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.core.engines.think import split_output
from desktop.core.render.markdown_render import (
    COPY_SCHEME,
    RenderStyle,
    StreamingMarkdown,
    highlight_code,
    render_markdown,
)

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "r1_outputs.jsonl"


def load_answers() -> list[tuple[str, str]]:
    if not SAMPLES.exists():  # the shared samples live next to the checkout
        pytest.skip("shared samples not available")
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    return [(row["id"], split_output(row["output"])[1]) for row in rows]


class MathLog:
    """A math_html callback that records what it was asked to typeset."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, latex: str, display: bool) -> str:
        self.calls.append((latex, display))
        return f'<img src="m:{len(self.calls)}">'


def highlighted(html: str) -> bool:
    """Whether a code box holds Pygments-coloured spans."""
    return any('<span style="color' in part for part in html.split("<pre")[1:])


def formulas(text: str) -> list[tuple[str, bool]]:
    log = MathLog()
    render_markdown(text, math_html=log)
    return log.calls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inline $x^2$ here.", [("x^2", False)]),
        ("Inline \\(a+b\\) here.", [("a+b", False)]),
        ("$$x = \\frac{1}{2}$$", [("x = \\frac{1}{2}", True)]),
        (
            "$$\n\\begin{cases} a \\\\ b \\end{cases}\n$$",
            [("\\begin{cases} a \\\\ b \\end{cases}", True)],
        ),
        ("\\[\nn^2 - 1 = 8m,\n\\]", [("n^2 - 1 = 8m,", True)]),
        ("so:\n\\[ 2x + 4y = 94 \\]\nnext", [("2x + 4y = 94", True)]),  # interrupts a paragraph
        ("so:\n$$\nx\n$$", [("x", True)]),
        ("mid \\[x\\] line", [("x", True)]),
        ("鸡 \\(\\boxed{23}\\) 只", [("\\boxed{23}", False)]),
        ("$$\\boxed{\\text{Friday}}$$", [("\\boxed{\\text{Friday}}", True)]),
        ("**Answer:** \\boxed{\\frac{1}{2}} done", [("\\boxed{\\frac{1}{2}}", False)]),
        ("$100 \\bmod 7 = 2$", [("100 \\bmod 7 = 2", False)]),
    ],
)
def test_every_math_delimiter_style(text: str, expected: list[tuple[str, bool]]) -> None:
    assert formulas(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It costs $5 and $10.",  # currency, not math
        "Code `$x$` and `\\(y\\)` stays code.",
        "```\n$x$ \\(y\\) \\boxed{1}\n```",
        "Unclosed $x^2 and \\(y and \\boxed{z",
        "Escaped \\$x\\$.",
    ],
)
def test_text_that_is_not_math(text: str) -> None:
    assert formulas(text) == []


def test_display_math_is_centered_and_failures_show_the_source() -> None:
    assert render_markdown("$$x$$", math_html=lambda *_: "<img>") == '<p align="center"><img></p>'
    html = render_markdown(
        "Bad: $\\frac{1}{$ end", RenderStyle(mono_family="Mono"), lambda *_: None
    )
    assert "font-family: 'Mono'" in html
    assert "$\\frac{1}{$" in html


IMG = '<img src="m:1">'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("so $$x=2$$ holds", f'<p>so</p>\n<p align="center">{IMG}</p>\n<p>holds</p>'),
        ("mid \\[x\\] line", f'<p>mid</p>\n<p align="center">{IMG}</p>\n<p>line</p>'),
        # R1's "Solve: $$..$$" + newline + "Then": no empty line left by the line breaks.
        ("Solve: $$x$$\nThen", f'<p>Solve:</p>\n<p align="center">{IMG}</p>\n<p>Then</p>'),
        # The punctuation ending the sentence stays with its formula, as in LaTeX.
        ("所以 \\[x\\]。\n于是", f'<p>所以</p>\n<p align="center">{IMG}。</p>\n<p>于是</p>'),
        ("$$x$$ first", f'<p align="center">{IMG}</p>\n<p>first</p>'),
        ("last $$x$$.", f'<p>last</p>\n<p align="center">{IMG}.</p>'),
        ("> quote $$x$$ more", f'<p>quote</p>\n<p align="center">{IMG}</p>\n<p>more</p>'),
    ],
)
def test_display_math_in_a_paragraph_gets_its_own_centred_line(text: str, expected: str) -> None:
    log = MathLog()
    assert expected in render_markdown(text, math_html=log)
    assert [display for _, display in log.calls] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Inline $x$ stays in the line",
        "# Heading $$x$$ stays",  # a heading, a table cell or emphasis cannot hold a block
        "| a |\n|---|\n| $$x$$ y |",
        "**bold $$x$$** and",
    ],
)
def test_math_that_stays_in_its_line(text: str) -> None:
    html = render_markdown(text, math_html=MathLog())
    assert '<p align="center">' not in html and IMG in html


def test_display_math_in_a_paragraph_streams_as_one_block() -> None:
    answer = "Solve $$\\begin{cases} x+y=35 \\\\ 2x+4y=94 \\end{cases}$$\nThen subtract.\n\nDone.\n"
    renderer = StreamingMarkdown(math_html=lambda *_: IMG)
    closed = answer.index("$$\n") + 2
    for end in range(len(answer)):
        update = renderer.update(answer[:end])
        # An unclosed "$$" stays text: no display line until the formula is complete.
        assert ('<p align="center">' in renderer.html()) == (end >= closed), answer[:end]
        # The paragraph is committed whole, once the next block has begun.
        assert all("Then" in piece for piece in update.committed)
    renderer.update(answer, final=True)
    assert renderer.html() == render_markdown(answer, math_html=lambda *_: IMG)
    assert renderer.html().count('<p align="center">') == 1


def in_paragraph(answer: str) -> str:
    """``answer`` with each display formula written inside its paragraph, as R1 often does."""
    return re.sub(r"\n\n(\$\$|\\\[)\n(.*?)\n(\$\$|\\\])\n\n", r" \1\2\3 ", answer, flags=re.S)


def test_r1_display_math_inside_paragraphs_is_centred_like_on_its_own() -> None:
    for sample_id, answer in load_answers():
        inside = in_paragraph(answer)
        if inside == answer:
            continue
        assert formulas(inside) == formulas(answer), sample_id
        html = render_markdown(inside, math_html=MathLog())
        centred = html.count('<p align="center">')
        assert centred == sum(display for _, display in formulas(answer)), sample_id


def test_python_code_is_highlighted_with_a_copy_link() -> None:
    renderer = StreamingMarkdown()
    renderer.update("Intro\n\n```python\ndef f(x):\n    return x  # id\n```\n", final=True)
    html = renderer.html()
    assert highlighted(html)
    assert "python" in html
    keys = re.findall(rf'href="{COPY_SCHEME}:([^"]+)"', html)
    assert len(keys) == 1
    assert renderer.code_source(keys[0]) == "def f(x):\n    return x  # id"
    assert ">Copy</a>" in html


def test_code_highlighting_follows_the_theme_and_unknown_languages_stay_plain() -> None:
    assert highlight_code("x = 1", "python", dark=False) != highlight_code(
        "x = 1", "python", dark=True
    )
    assert highlight_code("<b> & x", "no-such-language") == "&lt;b&gt; &amp; x"
    html = render_markdown("```\nplain <code>\n```", RenderStyle(copy_label="复制"))
    assert "plain &lt;code&gt;" in html
    assert ">复制</a>" in html


def test_tables_strikethrough_and_raw_html() -> None:
    html = render_markdown(
        "| a | b |\n|:--|--:|\n| `x` | **y** |\n\n~~old~~ <think>kept</think> ![pic](http://p/x.png)"
    )
    assert "<table" in html and "<th" in html and "<td" in html
    assert 'align="left"' in html and 'align="right"' in html
    assert "<strong>y</strong>" in html
    assert "<s>old</s>" in html
    assert "&lt;think&gt;kept&lt;/think&gt;" in html
    assert "<img" not in html  # pictures are never fetched, only linked
    assert '<a href="http://p/x.png">[pic]</a>' in html


def test_single_newlines_are_line_breaks() -> None:
    assert "<br" in render_markdown("first line\nsecond line")


def test_every_prefix_of_every_sample_renders_safely() -> None:
    for sample_id, answer in load_answers():
        complete = {latex for latex, _ in formulas(answer)}
        log = MathLog()
        renderer = StreamingMarkdown(math_html=log)
        for end in range(len(answer) + 1):
            prefix, typeset_before = answer[:end], len(log.calls)
            renderer.update(prefix)
            html = renderer.html()
            # A formula is typeset only once it is complete: never a truncated one.
            assert {latex for latex, _ in log.calls[typeset_before:]} <= complete, prefix
            fence = prefix.find("```")
            if fence >= 0:  # an open fence: a plain box, no colours until it closes
                closed = prefix.find("\n```\n", fence + 3) >= 0
                # The header (with its copy link) is committed once the opening line is done.
                assert (COPY_SCHEME in html) == ("\n" in prefix[fence:]), (sample_id, prefix)
                assert highlighted(html) == closed, (sample_id, prefix)
        assert renderer.update(answer, final=True).open_html == ""


def test_streaming_matches_one_shot_rendering() -> None:
    def math_html(latex: str, display: bool) -> str:
        return f'<img alt="{latex}" class="{display}">'

    for _, answer in load_answers():
        renderer = StreamingMarkdown(math_html=math_html)
        for end in range(0, len(answer), 3):
            renderer.update(answer[:end])
        renderer.update(answer, final=True)
        assert renderer.html() == render_markdown(answer, math_html=math_html)


def test_half_written_constructs_while_streaming() -> None:
    log = MathLog()
    renderer = StreamingMarkdown(math_html=log)
    renderer.update("Let $x^")
    assert log.calls == [] and "$x^" in renderer.html()
    renderer.update("Let $x^2$ and\n\n\\[\n\\frac{a}{b}")
    assert log.calls == [("x^2", False)]
    renderer.update("Let $x^2$ and\n\n\\[\n\\frac{a}{b}\n\\]\n")
    assert ("\\frac{a}{b}", True) in log.calls

    renderer = StreamingMarkdown()
    renderer.update("```python\nprint(1)\n``")
    assert "print(1)" in renderer.html() and not highlighted(renderer.html())
    renderer.update("```python\nprint(1)\n```")  # the closing line may still grow
    assert not highlighted(renderer.html())
    renderer.update("```python\nprint(1)\n```\n")
    assert highlighted(renderer.html())
    assert renderer.code_source("0.0") == "print(1)"


def test_an_answer_cut_off_inside_a_fence_is_still_code_when_final() -> None:
    renderer = StreamingMarkdown()
    renderer.update("```python\nx = 1", final=True)
    assert COPY_SCHEME in renderer.html()


def test_work_per_update_stays_flat_as_the_answer_grows() -> None:
    answer = "".join(
        f"Paragraph {i} says $x_{{{i}}} = {i}$ and some more words to read.\n\n"
        + (f"```python\nprint({i})\n```\n\n" if i % 20 == 0 else "")
        for i in range(200)
    )
    renderer = StreamingMarkdown(math_html=MathLog())
    per_update: list[int] = []
    for end in range(0, len(answer) + 5, 5):
        before = renderer.blocks_rendered
        update = renderer.update(answer[:end])
        per_update.append(renderer.blocks_rendered - before)
        assert len(update.committed) <= 2
    assert max(per_update) <= 2
    # Flat: the last hundred updates do no more work than the first hundred.
    assert sum(per_update[-100:]) <= sum(per_update[:100]) + 5
    # Every block is rendered about once while open, plus once more when it is committed.
    assert renderer.blocks_rendered <= len(per_update) + 2 * 210


def test_committed_blocks_are_appended_and_never_sent_again() -> None:
    renderer = StreamingMarkdown()
    first = renderer.update("One.\n\nTw")
    # "Tw" could still become anything ("Two" or a list item "- ..."): nothing is final yet.
    assert first.reset and first.committed == () and first.open_html == "<p>One.</p><p>Tw</p>"
    second = renderer.update("One.\n\nTwo.\n")
    assert not second.reset and second.committed == ("<p>One.</p>",)
    assert second.open_html == "<p>Two.</p>"
    third = renderer.update("One.\n\nTwo.\n\nThree.\n")
    assert third.committed == ("<p>Two.</p>",) and third.open_html == "<p>Three.</p>"
    last = renderer.update("One.\n\nTwo.\n\nThree.\n", final=True)
    assert last.committed == ("<p>Three.</p>",) and last.open_html == ""


def test_text_that_does_not_extend_the_stream_starts_over() -> None:
    renderer = StreamingMarkdown()
    renderer.update("Alpha.\n\nBeta.\n\nGa")
    update = renderer.update("Something else entirely.")
    assert update.reset
    assert renderer.html() == "<p>Something else entirely.</p>"


def test_a_new_style_re_renders_everything_once() -> None:
    renderer = StreamingMarkdown(RenderStyle(code_background="#111111"))
    renderer.update("```\nx\n```\n\nafter", final=True)
    renderer.set_style(RenderStyle(code_background="#222222"))
    update = renderer.update("```\nx\n```\n\nafter", final=True)
    assert update.reset and "#222222" in "".join(update.committed)


def test_windows_line_endings() -> None:
    assert render_markdown("a\r\n\r\nb") == render_markdown("a\n\nb")
