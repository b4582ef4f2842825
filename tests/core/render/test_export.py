"""Markdown and HTML export, and the clipboard texts: reasoning on request, HTML escaped."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass
from datetime import datetime

import pytest

from desktop.core.render.export import (
    ExportLabels,
    answer_text,
    text_with_reasoning,
    to_html,
    to_markdown,
)

WHEN = datetime(2025, 3, 1, 9, 30)


@dataclass(frozen=True)
class Msg:
    role: str
    content: str
    status: str = "complete"
    error: str | None = None
    thinking_seconds: float | None = None


CONVERSATION = [
    Msg("user", "一个笼子里有鸡和兔子共35只，脚共94只，问各有多少？"),
    Msg(
        "assistant",
        "设鸡有 \\(x\\) 只。\n\\[ x + y = 35 \\]\n</think>\n\n"
        "解得 $y = 12$，$x = 23$。\n\n**答案：** 鸡 \\(\\boxed{23}\\) 只",
        thinking_seconds=12.4,
    ),
    Msg("user", "Now show <script>alert('x')</script> & explain"),
    Msg(
        "assistant",
        "Hmm <script>bad()</script>\n</think>\n\nHere:\n\n```html\n<script>alert(1)</script>\n```\n"
        "Done & dusted.",
        status="stopped",
    ),
]


def test_markdown_without_reasoning_has_answers_and_latex_untouched():
    text = to_markdown("鸡兔同笼", CONVERSATION, exported_at=WHEN)
    assert text.startswith("# 鸡兔同笼\n\n_Exported from ThinkDesk on 2025-03-01 09:30_\n")
    assert "## You\n\n一个笼子里有鸡和兔子共35只" in text
    assert "解得 $y = 12$，$x = 23$。\n\n**答案：** 鸡 \\(\\boxed{23}\\) 只" in text
    assert "设鸡有" not in text and "</think>" not in text and "Reasoning" not in text
    assert "_Stopped before the answer was finished._" in text


def test_markdown_with_reasoning_quotes_it_above_the_answer():
    text = to_markdown("t", CONVERSATION, include_reasoning=True, exported_at=WHEN)
    block = (
        "> **Reasoning · thought for 12 s**\n>\n> 设鸡有 \\(x\\) 只。\n> \\[ x + y = 35 \\]\n\n解得"
    )
    assert block in text
    assert "> **Reasoning**\n>\n> Hmm <script>bad()</script>" in text  # no seconds known


def test_markdown_marks_interrupted_failed_and_unfinished_thinking():
    messages = [
        Msg("assistant", "only thinking, no close tag"),
        Msg("assistant", "cut off</think>half", status="interrupted"),
        Msg("assistant", "", status="failed", error="Out of memory"),
    ]
    text = to_markdown("t", messages, exported_at=WHEN)
    assert "_(No answer: the model did not finish thinking.)_" in text
    assert "half\n\n_Interrupted: the app closed before the answer was finished._" in text
    assert "_Failed: Out of memory_" in text


def test_labels_can_be_translated():
    labels = ExportLabels(you="你", assistant="助手", exported="导出于 {date}")
    text = to_markdown("t", CONVERSATION[:2], labels=labels, exported_at=WHEN)
    assert "## 你" in text and "## 助手" in text and "_导出于 2025-03-01 09:30_" in text


class TagCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(page)
    return collector


@pytest.mark.parametrize("include_reasoning", [False, True])
def test_html_escapes_everything_the_model_or_user_wrote(include_reasoning):
    page = to_html(
        "<script>t</script>", CONVERSATION, include_reasoning=include_reasoning, exported_at=WHEN
    )
    parsed = parse(page)
    assert "script" not in parsed.tags  # no element was injected, anywhere
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Now show &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; explain" in page
    assert "<title>&lt;script&gt;t&lt;/script&gt;</title>" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_html_reasoning_only_on_request_and_in_a_details_block():
    without = to_html("t", CONVERSATION, exported_at=WHEN)
    assert "<details>" not in without and "设鸡有" not in without
    page = to_html("t", CONVERSATION, include_reasoning=True, exported_at=WHEN)
    assert page.count("<details>") == 2
    assert (
        "<details><summary>Reasoning · thought for 12 s</summary>"
        '<div class="reasoning">设鸡有 \\(x\\) 只。\n\\[ x + y = 35 \\]</div></details>'
    ) in page


def test_html_answer_keeps_paragraphs_code_blocks_and_latex():
    page = to_html("t", CONVERSATION, exported_at=WHEN)
    assert "<p>解得 $y = 12$，$x = 23$。</p>" in page
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>" in page
    assert "<p>Done &amp; dusted.</p>" in page
    assert '<p class="status">Stopped before the answer was finished.</p>' in page
    unclosed = to_html("t", [Msg("assistant", "x</think>```\ncode never closed")])
    assert "<pre><code>code never closed</code></pre>" in unclosed


def test_clipboard_texts():
    raw = "<think>\nStep one.\nStep two.\n</think>\n\nThe answer is **42**."
    assert answer_text(raw) == "The answer is **42**."
    assert text_with_reasoning(raw) == (
        "Reasoning:\nStep one.\nStep two.\n\nAnswer:\nThe answer is **42**."
    )
    assert answer_text("all thinking") == ""
    assert text_with_reasoning("all thinking") == (
        "Reasoning:\nall thinking\n\n(No answer: the model did not finish thinking.)"
    )
    # A chat model's reply (stored behind an empty thinking) has no reasoning to add.
    assert text_with_reasoning("</think>Hello there!") == "Hello there!"


@pytest.mark.parametrize("render", [to_markdown, to_html])
def test_a_reply_without_reasoning_exports_without_any(render):
    chat = [Msg("user", "Hi"), Msg("assistant", "</think>Hello!", thinking_seconds=0.8),
            Msg("user", "And?"), Msg("assistant", "</think>", thinking_seconds=0.2)]  # fmt: skip
    text = render("t", chat, include_reasoning=True, exported_at=WHEN)
    assert "Hello!" in text and "(No answer: the model returned an empty response.)" in text
    assert "reasoning" not in text.split("</style>")[-1].lower()
    assert "thought for" not in text and "did not finish thinking" not in text


def test_html_for_printing_quotes_reasoning_and_accepts_an_answer_renderer():
    page = to_html(
        "t",
        CONVERSATION[:2],
        include_reasoning=True,
        collapsible=False,
        render_answer=lambda md: "<p>RENDERED</p>",
        exported_at=WHEN,
    )
    assert "<details>" not in page
    assert '<blockquote class="reasoning"><p><b>Reasoning · thought for 12 s</b></p>' in page
    assert '<div class="text"><p>RENDERED</p></div>' in page
