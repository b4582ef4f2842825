"""A streamed code fence is committed a few lines at a time (desktop.core.render.stream_fence)."""

from __future__ import annotations

import html
import re

from desktop.core.render.markdown_render import StreamingMarkdown, render_markdown
from desktop.core.render.stream_fence import PIECE_LINES

CODE = "\n".join(
    f"def f{k}(x):\n    return x + {k}\n" if k % 3 else f"# part {k}" for k in range(300)
)


def stream(text: str, step: int = 7) -> tuple[StreamingMarkdown, list[int]]:
    renderer = StreamingMarkdown()
    open_sizes = []
    for end in range(0, len(text) + step, step):
        update = renderer.update(text[:end])
        open_sizes.append(len(update.open_html))
    renderer.update(text, final=True)
    return renderer, open_sizes


def visible_text(markup: str) -> str:
    # Each piece is a block of its own in the document: a line break between pieces.
    text = html.unescape(re.sub(r"<[^>]+>", "", markup.replace("</pre>", "\n")))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def test_the_open_part_of_a_long_fence_stays_small() -> None:
    answer = f"Intro.\n\n```python\n{CODE}\n```\n\nAfter the code.\n"
    renderer, open_sizes = stream(answer)
    # Never more than a piece's worth of lines is re-rendered per update, however long it gets.
    longest_line = max(len(line) for line in CODE.split("\n"))
    assert max(open_sizes) < 600 + 2 * PIECE_LINES * (longest_line + 1)
    assert renderer.code_source("1.0") == CODE
    text = visible_text(renderer.html())
    assert text.index("Intro.") < text.index("def f1(x)") < text.index("def f299(x)")
    assert text.index("def f299(x)") < text.index("After the code.")
    assert text.count("return x + 298") == 1


def test_streamed_fence_shows_the_same_text_as_a_one_shot_render() -> None:
    answer = f"```python\n{CODE}\n```\n"
    renderer, _ = stream(answer, step=5)
    one_shot = render_markdown(answer)
    assert visible_text(renderer.html()) == visible_text(one_shot)


def test_closing_fence_must_match_the_opening() -> None:
    answer = "~~~~\nx\n~~~\n```\ny\n~~~~~\n\nafter\n"
    renderer, _ = stream(answer, step=3)
    text = visible_text(renderer.html())
    assert "~~~" in text and "```" in text  # both were code lines, not closings
    assert "<p>after</p>" in renderer.html()
    assert renderer.code_source("0.0") == "x\n~~~\n```\ny"


def test_indented_fence_loses_its_indentation_and_a_cut_off_fence_is_kept() -> None:
    renderer = StreamingMarkdown()
    renderer.update("  ```\n  a\n    b\n c\n")
    update = renderer.update("  ```\n  a\n    b\n c\nd", final=True)
    assert update.open_html == ""
    assert renderer.code_source("0.0") == "a\n  b\nc\nd"


def test_a_fence_after_a_closed_fence_starts_at_its_first_line() -> None:
    answer = "```python\nprint(1)\n```\n\n```js\nlet a = 1;\n```\n\n\n```\nplain\n```\nDone.\n"
    renderer, _ = stream(answer, step=3)
    keys = re.findall(r'href="thinkdesk-copy:([^"]+)"', renderer.html())
    assert [renderer.code_source(key) for key in keys] == [
        "print(1)",
        "let a = 1;",  # was "\nlet a = 1;": the blank line before it became code
        "plain",
    ]
    assert visible_text(renderer.html()) == visible_text(render_markdown(answer))
