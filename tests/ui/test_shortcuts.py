"""Ctrl+, opens the settings on every platform, and the menu shows it (issue 14, item 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def test_ctrl_comma_opens_the_settings(app_parts, qtbot, monkeypatch):
    import desktop.ui.settings_dialog as settings_dialog

    _services, window = app_parts
    action = window.settings_action
    assert action.shortcut() == QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma)
    # What the menu shows next to "Settings…" (it was empty on Windows).
    assert action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) == "Ctrl+,"
    opened = []
    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", lambda self: opened.append(1))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == [1]
