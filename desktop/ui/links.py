"""Opening a link from an answer: web pages only, and only after asking.

Answers are model output: a link in one may point anywhere. ``QDesktopServices.openUrl`` hands
any scheme to the shell, so a Windows path, ``setup.exe``, ``file:``, ``search-ms:`` or an
``ms-*:`` handler would run a program or open a system dialog. Only ``http`` and ``https``
addresses with a host are offered, and only after :class:`LinkConfirmation` (whose words are
true for exactly those); everything else is refused with :class:`LinkRefusal`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["LinkConfirmation", "LinkRefusal", "confirm_open_link", "is_web_link", "open_link"]

WEB_SCHEMES = ("http", "https")


def is_web_link(url: QUrl) -> bool:
    """True for an absolute ``http``/``https`` address with a host: a page in the browser."""
    return url.isValid() and url.scheme().lower() in WEB_SCHEMES and bool(url.host())


def _shown(url: QUrl | str) -> str:
    # The whole address, readable but not shortened: the user judges it.
    text = url.toDisplayString() if isinstance(url, QUrl) else url
    return text if len(text) <= 2000 else text[:1999] + "…"


class LinkConfirmation(QMessageBox):
    """ "Open this web page in your browser?" with the full address; Cancel is the default."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the address is model output
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Open link"))
        self.setText(self.tr("Open this web page in your browser?"))
        self.setInformativeText(
            self.tr(
                "{url}\n\nThinkDesk works offline; the page will load from the internet."
            ).format(url=_shown(url))
        )
        self.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.setEscapeButton(QMessageBox.StandardButton.Cancel)


class LinkRefusal(QMessageBox):
    """Says that a link which is not a web page was not opened, and why."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Link not opened"))
        self.setText(
            self.tr(
                "ThinkDesk opens only web links (http and https). This link could start a "
                "program or open a file on this computer, so it was not opened."
            )
        )
        self.setInformativeText(_shown(url.toString()) or "—")
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


def confirm_open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Ask whether to open the web page ``url``; True only if the user chose Open."""
    box = LinkConfirmation(url, parent)
    try:
        return box.exec() == QMessageBox.StandardButton.Open
    finally:
        box.deleteLater()


def refuse_link(parent: QWidget | None, url: QUrl) -> None:
    """Tell the user that ``url`` was not opened."""
    box = LinkRefusal(url, parent)
    try:
        box.exec()
    finally:
        box.deleteLater()


def open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Open a web link in the browser after the user agreed; refuse any other link with a
    message. True if the browser was asked to open it."""
    if not is_web_link(url):
        refuse_link(parent, url)
        return False
    if not confirm_open_link(parent, url):
        return False
    return QDesktopServices.openUrl(url)
