"""Every control is reachable by keyboard and has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop.app import Services
from desktop.core.system.paths import DataDir
from desktop.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListView)


def spoken_name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return (widget.accessibleName() or (text if isinstance(text, str) else "")).strip()


def unreachable_or_unnamed(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        name = spoken_name(widget) or widget.toolTip()
        label = f"{type(widget).__name__}({widget.objectName() or name!r})"
        if not name and not isinstance(widget, QPlainTextEdit | QLineEdit):
            problems.append(f"{label} has no accessible name")
        if isinstance(widget, QLineEdit | QPlainTextEdit) and not (
            name or widget.placeholderText()
        ):
            problems.append(f"{label} has neither a name nor a placeholder")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            problems.append(f"{label} cannot take keyboard focus")
    return problems


@pytest.fixture
def window(qtbot, tmp_path):
    services = Services.create(DataDir(tmp_path / "data"))
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings, downloads=services.downloads)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    yield window
    assert services.shutdown(5000)


def test_main_window_controls_are_named_and_reachable(window):
    assert unreachable_or_unnamed(window) == []


def test_menus_have_keyboard_accelerators(window):
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()


def test_shortcuts_exist(window):
    shortcuts = {a.shortcut().toString() for a in window.findChildren(type(window.stop_action))}
    for key in ("Ctrl+N", "Ctrl+O", "Esc", "F11", "Ctrl+E", "Ctrl+M"):
        assert key in shortcuts, key


def test_the_check_sees_the_controls(window):
    seen = [w for w in window.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(window)]  # fmt: skip
    assert len(seen) >= 5  # composer, buttons, sidebar search and list…
    nameless = QPushButton(window)  # a button with no text at all: must be reported
    nameless.show()
    assert any("no accessible name" in p for p in unreachable_or_unnamed(window))
    nameless.deleteLater()


def test_dialogs_are_named_and_reachable(window, qtbot):
    from desktop.ui.classroom import ClassroomView
    from desktop.ui.model_manager import ModelManagerDialog
    from desktop.ui.settings_dialog import SettingsDialog

    dialogs = [
        SettingsDialog(window._settings, parent=window),
        ModelManagerDialog(window._downloads, window),
        ClassroomView(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unreachable_or_unnamed(dialog) == [], type(dialog).__name__
