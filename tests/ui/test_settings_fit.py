"""The settings dialog grows so no tab hides its last hint (issue 14, item 14: the zh_CN
Generation tab cut its last hint off at the fixed 640 px)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from test_settings_dialog import HARDWARE, settings  # noqa: F401  (the fixture)

from desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture
def big_font():
    app = QApplication.instance()
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSize(13)  # taller text, like CJK fonts: the Generation tab no longer fits
    app.setFont(font)
    yield
    app.setFont(before)


def overflow(dialog: SettingsDialog) -> int:
    viewport = dialog.tabs.currentWidget().viewport()
    return max(page.heightForWidth(viewport.width()) for page in dialog.pages) - viewport.height()


def test_the_dialog_grows_until_every_tab_fits(qtbot, settings, big_font):  # noqa: F811
    dialog = SettingsDialog(settings, HARDWARE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._fitted)
    dialog.resize(640, 640)
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget().viewport().height() < 600)
    assert overflow(dialog) > 0  # at the old fixed size a tab hides rows
    assert dialog.fitting_height(available=600) == 640  # never smaller than it is
    dialog.resize(640, dialog.fitting_height(available=5000))
    qtbot.waitUntil(lambda: overflow(dialog) <= 0)
