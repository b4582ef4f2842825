"""Export suggests the chat's title as a file name that Windows accepts (issue 14, item 9)."""

from __future__ import annotations

import pytest

from desktop.core.system.filenames import MAX_STEM, safe_file_stem


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("鸡兔同笼: 35 heads, 94 feet?", "鸡兔同笼 35 heads, 94 feet"),
        ('a/b\\c|d"e<f>g*h', "a b c d e f g h"),
        ("line one\nline two\t", "line one line two"),
        ("ends with dots...", "ends with dots"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("Console output", "Console output"),  # only the exact device names
        ("???", "conversation"),
        ("", "conversation"),
        ("...", "conversation"),
    ],
)
def test_safe_file_stem(title, stem):
    assert safe_file_stem(title) == stem


def test_long_titles_are_shortened():
    assert len(safe_file_stem("x" * 500)) == MAX_STEM
