"""Putting rendered HTML into a streaming view's QTextDocument so that each edit stays local.

Two Qt behaviours make a naive ``insertHtml`` cost more the longer the answer grows:

- Qt's HTML import inserts every ``<img>`` as a floating-capable image and gives it a
  :class:`QTextFrame` of its own. Inserting or removing such an image marks the document's frames
  dirty, and the next edit's end re-scans *every* fragment of the document for frames. The
  open tail of a streaming answer is removed and inserted again on every render, so one formula
  in the unfinished paragraph made each render walk the whole reasoning. Formulas are therefore
  inserted as plain inline images (:meth:`QTextCursor.insertImage` without a position), which
  have no frame: the HTML carries a placeholder character where each formula goes.
- Inserted HTML merges its first block into the document's last one; see :func:`append_html`.
"""

from __future__ import annotations

import html
import re

from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
)

from desktop.ui.math_images import FORMULA_TAG, MATH_SCHEME

__all__ = ["append_html", "close_row_group_gaps", "set_html"]

# Inserted before each appended piece of HTML. Without it the piece's first block would merge
# into the document's last block and take over *its* format (a paragraph after a heading turns
# into a heading). The empty span + <br> makes the merged part a lone U+2028, deleted after.
_SEPARATOR = "<span></span><br>"
_LINE_SEPARATOR = "\u2028"
_PRIVATE_USE = range(0xE000, 0xF900)
_FIND = QTextDocument.FindFlag.FindCaseSensitively


def set_html(doc: QTextDocument, content: str) -> None:
    """Replace ``doc``'s content with the HTML ``content``, formulas inserted without frames."""
    placeholder, formulas, content = _take_formulas(content)
    doc.setHtml(content)
    if formulas:
        _put_formulas(doc, 0, placeholder, formulas)


def append_html(cursor: QTextCursor, content: str) -> None:
    """Append the HTML ``content`` at the end of ``cursor``'s document as blocks of their own."""
    if not content:
        return
    placeholder, formulas, content = _take_formulas(content)
    doc: QTextDocument = cursor.document()
    end = doc.characterCount() - 1
    cursor.setPosition(end)
    cursor.insertHtml(_SEPARATOR + content)
    cursor.setPosition(end)
    cursor.setPosition(end + 1, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() == _LINE_SEPARATOR:
        cursor.removeSelectedText()
    if formulas:
        _put_formulas(doc, end, placeholder, formulas)


def _take_formulas(content: str) -> tuple[str, list[re.Match[str]], str]:
    """Swap each formula ``<img>`` for a character the HTML does not otherwise contain."""
    if f'<img src="{MATH_SCHEME}:' not in content:
        return "", [], content
    # Model text may contain any character, so the placeholder is one this HTML lacks.
    placeholder = next(chr(code) for code in _PRIVATE_USE if chr(code) not in content)
    formulas = list(FORMULA_TAG.finditer(content))
    return placeholder, formulas, FORMULA_TAG.sub(placeholder, content)


def _put_formulas(
    doc: QTextDocument, start: int, placeholder: str, formulas: list[re.Match[str]]
) -> None:
    at = start
    for formula in formulas:
        found = doc.find(placeholder, at, _FIND)
        if found.isNull():  # cannot happen: each tag left one placeholder
            return
        image = QTextImageFormat()
        image.merge(found.charFormat())  # keeps the surrounding text's format (a link, bold)
        url, width, height, alt, inline = formula.groups()
        image.setName(url)
        image.setProperty(QTextFormat.Property.ImageAltText, html.unescape(alt))
        image.setWidth(int(width))
        image.setHeight(int(height))
        if inline:  # bottom on the line's bottom: see math_images on baseline alignment
            image.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBottom)
        found.insertImage(image)
        at = found.position()


def close_row_group_gaps(doc: QTextDocument, start: int) -> None:
    """Make the empty lines Qt keeps between a table and a streamed row group zero-high.

    A long streamed table arrives as a stack of tables, one per group of rows (see
    stream_table); without this an empty line would separate every group. A row group is a
    full-width bordered table (code box headers have no border, answer tables no width).
    """
    tiny = QTextCharFormat()
    tiny.setFontPointSize(1)
    block = doc.findBlock(start)
    while block.isValid():
        after = block.next()
        if block.text() or not after.isValid() or QTextCursor(block).currentTable() is not None:
            block = after
            continue
        before = block.previous()
        table = QTextCursor(after).currentTable()
        if before.isValid() and QTextCursor(before).currentTable() and table is not None:
            fmt = table.format()
            if fmt.border() > 0 and fmt.width().type() == QTextLength.Type.PercentageLength:
                cursor = QTextCursor(block)
                gap = cursor.blockFormat()
                gap.setTopMargin(0)
                gap.setBottomMargin(0)
                gap.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
                cursor.setBlockFormat(gap)
                cursor.setBlockCharFormat(tiny)
        block = after
