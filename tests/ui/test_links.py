"""Links in answers: web pages open after a truthful question, anything else is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.ui import links


@pytest.fixture
def shell(monkeypatch, qtbot):
    """Records what reaches the shell and which dialogs were shown (answering them)."""
    record = {"opened": [], "dialogs": [], "answer": QMessageBox.StandardButton.Open}

    def exec_box(box):
        labels = {label.objectName(): label for label in box.findChildren(QLabel)}
        record["dialogs"].append((type(box).__name__, box.text(), box.informativeText(), labels))
        return record["answer"]

    monkeypatch.setattr(QMessageBox, "exec", exec_box)

    def open_url(url):
        record["opened"].append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return record


@pytest.mark.parametrize(
    "address",
    [
        "C:\\Windows\\System32\\cmd.exe",
        "setup.exe",
        "file:///C:/Users/Public/setup.exe",
        "search-ms:query=invoice&crumb=location:\\\\evil.example\\share",
        "ms-settings:privacy",
        "ms-msdt:/id PCWDiagnostic",
        "javascript:alert(1)",
        "mailto:someone@example.org",
        "https:///no-host",
        "\\\\server\\share\\payload.lnk",
    ],
)
def test_anything_but_a_web_page_is_refused_with_a_message(shell, address):
    assert links.open_link(None, QUrl(address)) is False
    assert shell["opened"] == []
    [(kind, text, _info, _labels)] = shell["dialogs"]
    assert kind == "LinkRefusal" and "only web links" in text


@pytest.mark.parametrize("address", ["https://example.org/a?b=1", "HTTP://Example.org/"])
def test_web_pages_open_only_after_the_user_agrees(shell, address):
    url = QUrl(address)
    shell["answer"] = QMessageBox.StandardButton.Cancel
    assert links.open_link(None, url) is False and shell["opened"] == []
    shell["answer"] = QMessageBox.StandardButton.Open
    assert links.open_link(None, url) is True and shell["opened"] == [url]
    kind, text, info, _labels = shell["dialogs"][-1]
    assert kind == "LinkConfirmation" and "web page" in text and "example.org" in info.lower()


def test_dialog_texts_are_plain_text(shell):
    links.open_link(None, QUrl("https://example.org/<b>bold</b>"))
    links.open_link(None, QUrl("<img src=x>.exe"))
    for _kind, _text, _info, labels in shell["dialogs"]:
        for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            assert labels[name].textFormat() == labels[name].textFormat().PlainText, name
