"""Choosing and installing the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from desktop.ui.i18n import choose_language


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("zh_TW", "zh_TW"), ("zh_HK", "zh_TW"),
     ("zh_MO", "zh_TW"), ("en_US", "en"), ("de_DE", "en")],
)  # fmt: skip
def test_system_language_maps_to_a_translation(qapp, system, expected):
    assert choose_language("system", QLocale(system)) == expected


def test_explicit_setting_wins(qapp):
    assert choose_language("zh_TW", QLocale("en_US")) == "zh_TW"
    assert choose_language("en", QLocale("zh_CN")) == "en"
