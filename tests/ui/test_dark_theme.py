"""Dark theme: custom buttons follow a theme switch, check boxes stay visible; classroom key
hints are big enough for a projector (issue 14, item 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QCheckBox

from desktop.ui.classroom import ClassroomView
from desktop.ui.message_actions import ASSISTANT_ACTIONS, MessageActions
from desktop.ui.starter import StarterPanel
from desktop.ui.theme import Appearance


@pytest.fixture
def appearance():
    appearance = Appearance(QApplication.instance())
    yield appearance
    appearance.apply("system", 0)  # the QApplication outlives this test


def lightness_at(widget, point: QPoint) -> int:
    return widget.grab().toImage().pixelColor(point).lightness()


def test_buttons_made_before_the_switch_turn_dark(qtbot, appearance):
    appearance.apply("light", 0)
    starter, actions = StarterPanel(), MessageActions(ASSISTANT_ACTIONS)
    for widget in (starter, actions):
        qtbot.addWidget(widget)
        widget.show()
    button = starter.buttons[0]
    padding = QPoint(4, button.height() // 2)  # left of the text, inside the border
    assert lightness_at(button, padding) > 200
    appearance.apply("dark", 0)
    qtbot.waitUntil(lambda: lightness_at(button, padding) < 80)
    # The hover colour is derived from the dark palette now, not the light one it began with.
    assert "hover { color: #e8eaed" in actions.buttons["copy"].styleSheet()


def test_check_boxes_keep_a_visible_outline_in_dark(qtbot, appearance):
    appearance.apply("dark", 0)
    box = QCheckBox("Never connect to the network")
    qtbot.addWidget(box)
    box.show()
    image = box.grab().toImage()
    side = image.height()  # the indicator sits in the square at the left
    brightest = max(image.pixelColor(x, y).lightness() for x in range(side) for y in range(side))
    assert brightest > 140  # the empty box's outline, against a window of lightness ~34


def test_classroom_key_hints_are_readable_from_the_back(qtbot):
    view = ClassroomView()
    qtbot.addWidget(view)
    base = QFont().pointSizeF()
    assert view.hint_label.font().pointSizeF() >= 1.5 * base
