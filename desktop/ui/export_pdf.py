"""Print a conversation, or save it as PDF, with Qt's own text layout (no browser needed).

Feed it :func:`desktop.core.render.export.to_html` with ``collapsible=False`` (Qt's rich text has no
``<details>``) and, for answers as the chat shows them, ``render_answer`` from
:mod:`desktop.ui.export_render` with the formula ``images`` it returns.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from desktop.core.system.atomic_file import replaced_atomically

__all__ = ["build_document", "print_document", "write_pdf"]

# Raw HTML in a message is shown literally: a model that writes <script> prints that text.
_MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


def build_document(
    *,
    markdown: str | None = None,
    html: str | None = None,
    images: dict[str, QImage] | None = None,
) -> QTextDocument:
    """A printable document from exported HTML or Markdown (``images``: formulas by URL)."""
    if (markdown is None) == (html is None):
        raise ValueError("pass exactly one of markdown= or html=")
    document = QTextDocument()
    document.setDocumentMargin(0)
    for url, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    if markdown is not None:
        document.setMarkdown(markdown, _MARKDOWN_FEATURES)
    else:
        document.setHtml(html or "")
    return document


def write_pdf(
    path: str | Path,
    *,
    markdown: str | None = None,
    html: str | None = None,
    title: str = "",
    images: dict[str, QImage] | None = None,
) -> Path:
    """Write an A4 PDF of the exported conversation to ``path``; returns the path.

    Raises OSError if the file could not be written (Qt only reports that by leaving it empty).
    """
    path = Path(path)
    document = build_document(markdown=markdown, html=html, images=images)
    # Written beside the target and renamed over it: an earlier export stays whole if this
    # one fails, and the check below sees only what this writer produced.
    with replaced_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        writer.setTitle(title)
        writer.setCreator("ThinkDesk")
        document.print_(writer)
        del writer  # the file is finished when the writer goes away
        if temp.stat().st_size == 0:
            raise OSError(f"The PDF could not be written to {path}.")
    return path


def print_document(
    parent: QWidget,
    *,
    markdown: str | None = None,
    html: str | None = None,
    title: str = "",
    images: dict[str, QImage] | None = None,
) -> bool:
    """Show the system print dialog and print; False if the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or "ThinkDesk")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    build_document(markdown=markdown, html=html, images=images).print_(printer)
    return True
