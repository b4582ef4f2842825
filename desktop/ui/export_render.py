"""Answers in exports as the chat shows them: Markdown, highlighted code and typeset math.

For a PDF or a printout the formula images are handed to the QTextDocument as resources; for
an HTML file they are embedded as PNG data URIs, so the file stands alone (and offline).
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QFont, QImage

from desktop.core.render.markdown_render import RenderStyle, render_markdown
from desktop.ui.math_images import MathImageCache

#: Formulas are typeset at this pixel ratio so they stay sharp on paper.
PRINT_PIXEL_RATIO = 3.0


def _png_data_uri(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def answer_renderer(
    font: QFont, *, embed_images: bool
) -> tuple[Callable[[str], str], dict[str, QImage]]:
    """A ``render_answer`` for :func:`desktop.core.render.export.to_html`, and the formula images it
    used (by URL, for :func:`desktop.ui.export_pdf.build_document`; empty when embedded)."""
    cache = MathImageCache()
    images: dict[str, QImage] = {}

    def math_html(latex: str, display: bool) -> str | None:
        entry = cache.formula(latex, display=display, font=font, color=QColor("#000000"),
                              device_pixel_ratio=PRINT_PIXEL_RATIO)  # fmt: skip
        if entry is None:
            return None  # shown as LaTeX source, as in the chat
        if not embed_images:
            images[entry.url] = entry.image
            return entry.html()
        return entry.html().replace(f'src="{entry.url}"', f'src="{_png_data_uri(entry.image)}"')

    style = RenderStyle(copy_label="")  # no copy links on paper
    return (lambda text: render_markdown(text, style, math_html)), images
