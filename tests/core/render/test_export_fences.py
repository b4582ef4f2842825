"""A reply stopped in the middle of a code block must not swallow the rest of an export."""

from __future__ import annotations

from markdown_it import MarkdownIt

from desktop.core.render.export import to_html, to_markdown
from tests.core.render.test_export import WHEN, Msg

# Stopped while the model was writing code: the fence never closed.
STOPPED_IN_CODE = [
    Msg("user", "Write a palindrome checker"),
    Msg("assistant", "Plan it.</think>Here:\n\n```python\ndef is_pal(s):\n", status="stopped"),
    Msg("user", "And in ~~~ JavaScript?"),
    Msg("assistant", "Easy.</think>Use `split`."),
]


def _headings(markdown: str) -> list[str]:
    tokens = MarkdownIt().parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_an_unclosed_code_block_ends_with_its_message_in_markdown():
    text = to_markdown("Palindromes", STOPPED_IN_CODE, exported_at=WHEN)
    # Every speaker's heading is still a heading, not a line of code.
    assert _headings(text) == ["Palindromes", "You", "Assistant", "You", "Assistant"]
    assert "def is_pal(s):" in text


def test_an_unclosed_fence_in_a_question_ends_with_the_question():
    messages = [
        Msg("user", "Why does this fail?\n~~~~\nprint(1"),
        Msg("assistant", "No idea.</think>Hm."),
    ]
    text = to_markdown("Fences", messages, exported_at=WHEN)
    assert _headings(text) == ["Fences", "You", "Assistant"]


def test_a_closed_fence_is_left_alone():
    messages = [Msg("user", "q"), Msg("assistant", "t</think>```\ncode\n```\n\nDone.")]
    text = to_markdown("Closed", messages, exported_at=WHEN)
    assert "```\ncode\n```\n\nDone." in text
    assert _headings(text) == ["Closed", "You", "Assistant"]


def test_the_html_export_keeps_the_later_messages_too():
    page = to_html("Palindromes", STOPPED_IN_CODE, exported_at=WHEN)
    assert "Use `split`." in page or "Use <code>split</code>." in page
    assert page.count("def is_pal") == 1
