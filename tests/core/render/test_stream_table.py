"""A long streamed table is committed a group of rows at a time (stream_table)."""

from __future__ import annotations

import html
import re

from desktop.core.render.markdown_render import StreamingMarkdown
from desktop.core.render.stream_table import PIECE_ROWS, split_row

ROWS = 100
TABLE = "| n | square | note |\n|---:|:---:|---|\n" + "".join(
    f"| {n} | ${n}^2$ | `r{n}` \\| x |\n" for n in range(ROWS)
)


def cells(markup: str) -> list[str]:
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", markup)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in found]


def test_rows_are_committed_in_groups_and_only_the_last_group_is_redone():
    renderer = StreamingMarkdown(math_html=lambda latex, _d: f"[{latex}]")
    answer = f"Before.\n\n{TABLE}\nAfter.\n"
    open_rows = []
    for end in range(0, len(answer) + 4, 4):
        update = renderer.update(answer[:end])
        open_rows.append(update.open_html.count("<tr>"))
    renderer.update(answer, final=True)
    assert max(open_rows) <= PIECE_ROWS + 2  # never the whole table again
    markup = renderer.html()
    assert markup.count("<table") >= ROWS // PIECE_ROWS  # one table per group of rows
    assert markup.count("<th") == 3  # the header once, in the first group
    values = cells(markup)
    assert values[:3] == ["n", "square", "note"]
    assert values[3:6] == ["0", "[0^2]", "r0 | x"]  # inline Markdown and math in cells
    assert values[-3:] == [f"{ROWS - 1}", f"[{ROWS - 1}^2]", f"r{ROWS - 1} | x"]
    assert len(values) == 3 * (ROWS + 1)
    assert 'align="right"' in markup and 'align="center"' in markup
    assert markup.endswith("<p>After.</p>")


def test_a_short_table_stays_one_table():
    renderer = StreamingMarkdown()
    short = "| a | b |\n|---|---|\n| 1 | 2 |\n\nnext\n"
    for end in range(len(short) + 1):
        renderer.update(short[:end])
    renderer.update(short, final=True)
    assert renderer.html().count("<table") == 1


def test_a_stream_cut_off_inside_a_long_table_keeps_every_row():
    renderer = StreamingMarkdown()
    cut = TABLE[: TABLE.index("| 60 |") + 4]  # "| 60" without the rest of its row
    for end in range(0, len(cut), 9):
        renderer.update(cut[:end])
    update = renderer.update(cut, final=True)
    assert update.open_html == ""
    assert cells(renderer.html())[-3:] == ["60", "", ""]


def test_split_row():
    assert split_row("| a | b \\| c |") == ["a", "b | c"]
    assert split_row("a | b") == ["a", "b"]


def test_a_long_list_is_committed_a_group_of_items_at_a_time():
    from desktop.core.render.markdown_render import LIST_ITEMS

    answer = (
        "Steps:\n\n" + "".join(f"{n}. Step **{n}** done.\n" for n in range(1, 101)) + "\nEnd.\n"
    )
    renderer = StreamingMarkdown()
    open_items = []
    for end in range(0, len(answer) + 5, 5):
        open_items.append(renderer.update(answer[:end]).open_html.count("<li"))
    renderer.update(answer, final=True)
    assert max(open_items) <= LIST_ITEMS + 1
    markup = renderer.html()
    assert markup.count("<li") == 100 and markup.count("<ol") >= 100 // LIST_ITEMS
    starts = [int(n) for n in re.findall(r'<ol start="(\d+)"', markup)]
    assert starts[:2] == [LIST_ITEMS + 1, 2 * LIST_ITEMS + 1]  # numbering carries on
    assert visible(markup).count("Step 100 done.") == 1 and markup.endswith("<p>End.</p>")


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_a_long_table_right_after_a_code_block_streams_as_a_table():
    """The fence consumed its closing line; the blank line after it began the tail, and the
    table was taken over one line off: its rows came out as a paragraph of pipes."""
    renderer = StreamingMarkdown(math_html=lambda latex, _d: f"[{latex}]")
    answer = f"```python\nprint(1)\n```\n\n{TABLE}\nAfter.\n"
    open_rows = []
    for end in range(0, len(answer) + 3, 3):
        open_rows.append(renderer.update(answer[:end]).open_html.count("<tr>"))
    renderer.update(answer, final=True)
    markup = renderer.html()
    assert max(open_rows) <= PIECE_ROWS + 2
    assert cells(markup)[:2] == ["python", "Copy"]  # the code box's header
    assert len(cells(markup)) == 2 + 3 * (ROWS + 1)
    assert "| 1 |" not in html.unescape(re.sub(r"<[^>]+>", "", markup))
    assert markup.endswith("<p>After.</p>")
