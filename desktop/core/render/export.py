"""A conversation as a Markdown or HTML document, and a message as text for the clipboard.

Assistant messages arrive as raw model output (thinking, ``</think>``, answer); the reasoning
is included only when the user asks for it. Math stays LaTeX source in both formats: the
reader's Markdown tool renders it, and in HTML it is at least exact and copyable. Every piece
of text in the HTML is escaped, so a model that writes ``<script>`` exports harmless text.

Qt-free; labels default to English and the UI passes translated ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desktop.core.engines.think import split_output
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "ExportLabels",
    "ExportMessage",
    "answer_text",
    "text_with_reasoning",
    "to_html",
    "to_markdown",
]


class ExportMessage(Protocol):
    """What export needs of a message (the stored history message has all of it)."""

    @property
    def role(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def error(self) -> str | None: ...
    @property
    def thinking_seconds(self) -> float | None: ...


@dataclass(frozen=True)
class ExportLabels:
    """Words used in exported documents; ``{seconds}`` / ``{error}`` / ``{date}`` are filled."""

    you: str = QT_TRANSLATE_NOOP("Export", "You")
    assistant: str = QT_TRANSLATE_NOOP("Export", "Assistant")
    reasoning: str = QT_TRANSLATE_NOOP("Export", "Reasoning")
    thought_for: str = QT_TRANSLATE_NOOP("Export", "Reasoning · thought for {seconds} s")
    answer: str = QT_TRANSLATE_NOOP("Export", "Answer")
    no_answer: str = QT_TRANSLATE_NOOP("Export", "(No answer: the model did not finish thinking.)")
    empty: str = QT_TRANSLATE_NOOP("Export", "(No answer: the model returned an empty response.)")
    stopped: str = QT_TRANSLATE_NOOP("Export", "Stopped before the answer was finished.")
    interrupted: str = QT_TRANSLATE_NOOP(
        "Export", "Interrupted: the app closed before the answer was finished."
    )
    failed: str = QT_TRANSLATE_NOOP("Export", "Failed: {error}")
    exported: str = QT_TRANSLATE_NOOP("Export", "Exported from ThinkDesk on {date}")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def close_fences(text: str) -> str:
    """``text`` with a code block it leaves open closed at its end.

    A reply stopped while the model wrote code ends inside a fence; pasted into one Markdown
    file, that fence would turn every later heading and message into code."""
    fence = ""
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match is None:
            continue
        mark = match.group(1)
        if not fence:
            fence = mark
        elif mark[0] == fence[0] and len(mark) >= len(fence) and not line[match.end() :].strip():
            fence = ""
    return f"{text.rstrip()}\n{fence}" if fence else text


_CSS = """
body { font-family: system-ui, "Segoe UI", "Microsoft YaHei", "PingFang SC", sans-serif;
       max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.55; color: #1d1d1f; }
h1 { font-size: 1.6em; } h2 { font-size: 1em; color: #555; margin: 1.6em 0 .4em; }
.meta, .status { color: #666; font-size: .9em; }
.user .text { background: #f1f3f6; border-radius: 8px; padding: .6em .9em; }
.text p, .reasoning, .reasoning p { white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: .4em 0 .8em; } summary { color: #555; cursor: pointer; }
.reasoning { color: #555; border-left: 3px solid #ccc; padding-left: .8em; font-size: .95em; }
pre { background: #f5f5f5; padding: .7em; border-radius: 6px; white-space: pre-wrap; }
.status.failed { color: #b3261e; }
"""


def answer_text(raw: str) -> str:
    """Just the answer of a raw assistant output (empty if it never finished thinking)."""
    return split_output(raw)[1].strip()


def text_with_reasoning(raw: str, labels: ExportLabels | None = None) -> str:
    """Reasoning and answer as plain text under their own headings, for the clipboard.

    A reply without reasoning (a chat model's) is just its answer: no headings promising any."""
    labels = labels or ExportLabels()
    thinking, answer = (part.strip() for part in split_output(raw))
    if not thinking:
        return answer
    answer_part = f"{labels.answer}:\n{answer}" if answer else labels.no_answer
    return f"{labels.reasoning}:\n{thinking}\n\n{answer_part}"


def _no_answer(thinking: str, labels: ExportLabels) -> str:
    """Why a complete reply has no answer: it thought to the end, or said nothing at all."""
    return labels.no_answer if thinking else labels.empty


def _status_line(message: ExportMessage, labels: ExportLabels) -> str:
    if message.status == "stopped":
        return labels.stopped
    if message.status in ("interrupted", "streaming"):
        return labels.interrupted
    if message.status == "failed":
        return labels.failed.format(error=message.error or "?")
    return ""


def _reasoning_label(message: ExportMessage, labels: ExportLabels) -> str:
    if message.thinking_seconds is None:
        return labels.reasoning
    return labels.thought_for.format(seconds=round(message.thinking_seconds))


def _date(exported_at: datetime | None) -> str:
    return (exported_at or datetime.now()).strftime("%Y-%m-%d %H:%M")


def to_markdown(
    title: str,
    messages: Sequence[ExportMessage],
    *,
    include_reasoning: bool = False,
    labels: ExportLabels | None = None,
    exported_at: datetime | None = None,
) -> str:
    """The conversation as Markdown: a heading per speaker, reasoning as a quote block."""
    labels = labels or ExportLabels()
    out = [f"# {title}", "", f"_{labels.exported.format(date=_date(exported_at))}_", ""]
    for message in messages:
        if message.role == "user":
            out += [f"## {labels.you}", "", close_fences(message.content.strip()), ""]
            continue
        thinking, answer = (part.strip() for part in split_output(message.content))
        out += [f"## {labels.assistant}", ""]
        if include_reasoning and thinking:
            out.append(f"> **{_reasoning_label(message, labels)}**")
            out.append(">")
            out += [f"> {line}".rstrip() for line in thinking.splitlines()]
            out.append("")
        if answer:
            out += [close_fences(answer), ""]
        elif message.status == "complete":
            out += [f"_{_no_answer(thinking, labels)}_", ""]
        status = _status_line(message, labels)
        if status:
            out += [f"_{status}_", ""]
    return "\n".join(out).rstrip() + "\n"


def _answer_html(text: str) -> str:
    """Paragraphs and fenced code blocks; everything else stays literal (escaped) text."""
    blocks: list[str] = []
    paragraph: list[str] = []
    code: list[str] | None = None
    fence = ""

    def end_paragraph() -> None:
        body = "\n".join(paragraph).strip("\n")
        if body:
            blocks.append(f"<p>{html.escape(body)}</p>")
        paragraph.clear()

    for line in text.splitlines():
        match = _FENCE.match(line)
        if code is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                blocks.append(f"<pre><code>{html.escape(chr(10).join(code))}</code></pre>")
                code = None
            else:
                code.append(line)
        elif match:
            end_paragraph()
            code, fence = [], match.group(1)
        elif line.strip():
            paragraph.append(line)
        else:
            end_paragraph()
    if code is not None:  # an answer cut off inside a code block
        blocks.append(f"<pre><code>{html.escape(chr(10).join(code))}</code></pre>")
    end_paragraph()
    return "\n".join(blocks)


def to_html(
    title: str,
    messages: Sequence[ExportMessage],
    *,
    include_reasoning: bool = False,
    labels: ExportLabels | None = None,
    exported_at: datetime | None = None,
    lang: str = "en",
    collapsible: bool = True,
    render_answer: Callable[[str], str] | None = None,
) -> str:
    """A standalone HTML page; reasoning goes in a collapsed ``<details>`` block.

    ``collapsible=False`` puts reasoning in a quote block instead, for renderers without
    ``<details>`` (Qt's rich text, when printing). ``render_answer`` turns an answer's Markdown
    into HTML and must escape it itself; the default keeps paragraphs and code blocks and
    shows everything else literally.
    """
    labels = labels or ExportLabels()
    render_answer = render_answer or _answer_html
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(labels.exported.format(date=_date(exported_at)))}</p>',
    ]
    for message in messages:
        if message.role == "user":
            out.append(
                f'<section class="message user"><h2>{esc(labels.you)}</h2>'
                f'<div class="text"><p>{esc(message.content.strip())}</p></div></section>'
            )
            continue
        thinking, answer = (part.strip() for part in split_output(message.content))
        out.append(f'<section class="message assistant"><h2>{esc(labels.assistant)}</h2>')
        if include_reasoning and thinking:
            label, body = esc(_reasoning_label(message, labels)), esc(thinking)
            if collapsible:
                out.append(
                    f"<details><summary>{label}</summary>"
                    f'<div class="reasoning">{body}</div></details>'
                )
            else:
                out.append(
                    f'<blockquote class="reasoning"><p><b>{label}</b></p><p>{body}</p></blockquote>'
                )
        if answer:
            out.append(f'<div class="text">{render_answer(answer)}</div>')
        elif message.status == "complete":
            out.append(f'<p class="status">{esc(_no_answer(thinking, labels))}</p>')
        status = _status_line(message, labels)
        if status:
            css = "status failed" if message.status == "failed" else "status"
            out.append(f'<p class="{css}">{esc(status)}</p>')
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
