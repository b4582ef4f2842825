"""Showing text that came from outside (a download server, llama.cpp, a model file, the
system) exactly as written.

A QLabel or QMessageBox guesses whether its text is rich text (``Qt::mightBeRichText``): a
server's error page, a GGUF's name or a path with ``<b>`` or ``<img src=...>`` in it would be
rendered as HTML, and an ``<a href>`` would even become a link. These helpers fix the format
to plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

__all__ = ["plain_label", "plain_question", "plain_tooltip", "plain_warning"]


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written (a tooltip has no plain-text switch: the text
    is escaped inside a paragraph that keeps its line breaks)."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # before the text: it applies as it is set
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    return box


def plain_warning(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning with ``text`` shown literally."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    try:
        box.exec()
    finally:
        box.deleteLater()


def plain_question(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question with ``text`` shown literally; True for Yes."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Yes | buttons.No)
    try:
        return box.exec() == buttons.Yes
    finally:
        box.deleteLater()
