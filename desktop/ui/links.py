"""Asking before a link from an answer goes to the browser.

Answers are model output: a link in one may point anywhere, and opening it is the one thing
that takes an offline app online. So clicking never opens it directly; the main window asks
with :func:`confirm_open_link` first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["LinkConfirmation", "confirm_open_link"]


class LinkConfirmation(QMessageBox):
    """ "Open this link in your browser?" with the full address shown; Cancel is the default."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Open link"))
        self.setText(self.tr("Open this link in your browser?"))
        # The whole address, readable but not shortened: the user judges it. "<" and ">" stay
        # encoded so the informative text (auto-detected as rich text by Qt) cannot hold tags.
        address = url.toDisplayString().replace("<", "%3C").replace(">", "%3E")
        self.setInformativeText(
            self.tr(
                "{url}\n\nThinkDesk works offline; the page will load from the internet."
            ).format(url=address)
        )
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.setEscapeButton(QMessageBox.StandardButton.Cancel)


def confirm_open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Ask whether to open ``url`` in the browser; True only if the user chose Open."""
    box = LinkConfirmation(url, parent)
    try:
        return box.exec() == QMessageBox.StandardButton.Open
    finally:
        box.deleteLater()
