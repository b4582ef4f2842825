"""Save as PDF through Qt's own text layout."""

from __future__ import annotations

import pytest

from desktop.core.render.export import to_html, to_markdown
from desktop.ui.export_pdf import build_document, write_pdf


class Msg:
    def __init__(self, role: str, content: str) -> None:
        self.role, self.content = role, content
        self.status, self.error, self.thinking_seconds = "complete", None, 3.0


MESSAGES = [
    Msg("user", "鸡兔同笼 <script>alert(1)</script>"),
    Msg(
        "assistant",
        "设鸡有 \\(x\\) 只</think>\n\n答案：鸡 \\(\\boxed{23}\\) 只\n\n" + "长文本。" * 900,
    ),
]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_pdf_file_is_written(qapp, tmp_path, fmt):
    render = to_html if fmt == "html" else to_markdown
    kwargs = {"collapsible": False} if fmt == "html" else {}
    text = render("鸡兔同笼", MESSAGES, include_reasoning=True, **kwargs)
    path = write_pdf(tmp_path / "chat.pdf", title="鸡兔同笼", **{fmt: text})
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 2  # long: several pages


def test_html_document_keeps_latex_and_tags_as_text(qapp):
    page = to_html("t", MESSAGES[:2], include_reasoning=True, collapsible=False)
    text = build_document(html=page).toPlainText()
    assert "<script>alert(1)</script>" in text
    assert "\\(\\boxed{23}\\)" in text and "设鸡有 \\(x\\) 只" in text


def test_exactly_one_source_is_required(qapp, tmp_path):
    with pytest.raises(ValueError):
        build_document()
    with pytest.raises(ValueError):
        build_document(markdown="a", html="b")


def test_an_unwritable_target_raises(qapp, tmp_path):
    with pytest.raises(OSError):
        write_pdf(tmp_path / "missing-folder" / "chat.pdf", html="<p>x</p>")


def test_a_failed_export_is_noticed_and_keeps_the_earlier_file(qapp, tmp_path, monkeypatch):
    from PySide6.QtGui import QPdfWriter

    from desktop.ui import export_pdf

    target = tmp_path / "chat.pdf"
    target.write_bytes(b"%PDF-1.4 the export of last week")
    # A writer that cannot open its file writes nothing (as on a full or read-only disk).
    unopenable = str(tmp_path / "no-such-folder" / "x.pdf")
    monkeypatch.setattr(export_pdf, "QPdfWriter", lambda _name: QPdfWriter(unopenable))
    with pytest.raises(OSError):
        write_pdf(target, html="<p>new</p>")  # the stale file must not pass for the new one
    assert target.read_bytes() == b"%PDF-1.4 the export of last week"
    assert [p.name for p in tmp_path.iterdir()] == ["chat.pdf"]
