"""Formulas typeset to images for the answer view (desktop.ui.math_images)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage

from desktop.ui.math_images import MATH_SCHEME, MathImageCache


@pytest.fixture
def font(qapp) -> QFont:
    font = QFont(qapp.font())
    font.setPointSizeF(12)
    return font


def inked(image: QImage) -> list[QColor]:
    """Colours of the clearly drawn pixels (not the transparent background or edges)."""
    step = max(1, image.width() // 60)
    return [
        colour
        for x in range(0, image.width(), step)
        for y in range(image.height())
        if (colour := image.pixelColor(x, y)).alpha() > 200
    ]


@pytest.mark.parametrize(
    "latex",
    [
        r"\frac{a}{b}",
        r"\sqrt{x^2 + 1}",
        r"\begin{cases} x + y = 35 \\ 2x + 4y = 94 \end{cases}",
        r"\boxed{23}",
        r"23 \times 2 + 12 \times 4",
        r"100 \bmod 7 = 2",
        r"\boxed{\text{Friday}}",
    ],
)
def test_the_constructs_r1_writes_are_typeset(font: QFont, latex: str) -> None:
    cache = MathImageCache()
    image = cache.formula(latex, display=True, font=font, color=QColor("black"))
    assert image is not None
    assert image.url.startswith(f"{MATH_SCHEME}:")
    assert image.width > 4 and image.height > 4
    assert inked(image.image)  # something was drawn
    assert f'src="{image.url}"' in image.html()


def test_the_same_formula_is_typeset_once(font: QFont) -> None:
    cache = MathImageCache()
    first = cache.formula("x^2 + y^2", display=False, font=font, color=QColor("black"))
    again = cache.formula("x^2 + y^2", display=False, font=font, color=QColor("black"))
    assert first is again
    assert cache.renders == 1
    assert cache.lookup(first.url) is first
    cache.formula("x^2 + y^2", display=False, font=font, color=QColor("white"))
    cache.formula("x^2 + y^2", display=True, font=font, color=QColor("black"))
    assert cache.renders == 3  # colour and style are part of the key


def test_the_formula_is_drawn_in_the_requested_colour(font: QFont) -> None:
    cache = MathImageCache()
    image = cache.formula(r"\boxed{x + 1}", display=True, font=font, color=QColor("#ff2020"))
    pixels = inked(image.image)
    assert pixels
    assert all(p.red() > 200 and p.green() < 90 and p.blue() < 90 for p in pixels)


def test_images_are_drawn_at_the_device_pixel_ratio(font: QFont) -> None:
    cache = MathImageCache()
    normal = cache.formula("a+b", display=True, font=font, color=QColor("black"))
    sharp = cache.formula(
        "a+b", display=True, font=font, color=QColor("black"), device_pixel_ratio=2
    )
    assert (sharp.width, sharp.height) == (normal.width, normal.height)  # same logical size
    assert sharp.image.width() >= 2 * normal.width - 1
    assert sharp.image.devicePixelRatio() == 2


def test_inline_formulas_are_padded_to_the_font_descent(font: QFont) -> None:
    # Qt puts a "vertical-align: bottom" image on the line's bottom, the font's descent below
    # the baseline: an "x" (no depth) gets that much room underneath, so it sits on the line.
    cache = MathImageCache()
    inline = cache.formula("x", display=False, font=font, color=QColor("black"))
    display = cache.formula("x", display=True, font=font, color=QColor("black"))
    descent = QFontMetricsF(font).descent()
    assert inline.height >= display.height + descent - 2
    assert "vertical-align: bottom" in inline.html()
    assert "vertical-align" not in display.html()
    bottom_rows = {
        inline.image.pixelColor(x, y).alpha()
        for x in range(inline.image.width())
        for y in range(inline.image.height() - int(descent) + 1, inline.image.height())
    }
    assert bottom_rows == {0}  # the padding is transparent


@pytest.mark.parametrize("latex", [r"\frac{", r"x^", r"\text{鸡兔同笼}", r"\mathbin{\mathrm{mod}}"])
def test_formulas_that_cannot_be_typeset_fail_once_without_raising(font: QFont, latex: str) -> None:
    cache = MathImageCache()
    assert cache.formula(latex, display=False, font=font, color=QColor("black")) is None
    assert cache.formula(latex, display=False, font=font, color=QColor("black")) is None
    assert (cache.renders, cache.failures) == (1, 1)  # a failure is remembered too


def test_least_recently_used_formulas_are_dropped(font: QFont) -> None:
    cache = MathImageCache(max_entries=2)
    a = cache.formula("a", display=True, font=font, color=QColor("black"))
    cache.formula("b", display=True, font=font, color=QColor("black"))
    cache.formula("a", display=True, font=font, color=QColor("black"))  # a is fresh again
    cache.formula("c", display=True, font=font, color=QColor("black"))
    assert len(cache) == 2
    assert cache.lookup(a.url) is a
    assert cache.formula("b", display=True, font=font, color=QColor("black")) is not None
    assert cache.renders == 4


def test_warm_up_rendering_runs_off_screen(qtbot):
    from desktop.ui.answer_view import warm_up_rendering

    warm_up_rendering()  # must not raise or show anything


def _settled(cache: MathImageCache, qtbot) -> None:
    qtbot.waitUntil(lambda: cache.typesetting_ahead == 0, timeout=10_000)


def test_a_prepared_formula_is_typeset_in_the_background_and_looks_the_same(
    font: QFont, qtbot
) -> None:
    ahead, here = MathImageCache(), MathImageCache()
    latex = r"\begin{cases} x + y = 35 \\ 2x + 4y = 94 \end{cases}"
    ahead.prepare(latex, display=True, font=font, color=QColor("navy"))
    ahead.prepare(latex, display=True, font=font, color=QColor("navy"))  # once is enough
    _settled(ahead, qtbot)
    prepared = ahead.formula(latex, display=True, font=font, color=QColor("navy"))
    direct = here.formula(latex, display=True, font=font, color=QColor("navy"))
    assert (ahead.renders, ahead.served_ahead) == (1, 1)
    assert here.served_ahead == 0
    assert prepared is not None and direct is not None
    assert (prepared.width, prepared.height) == (direct.width, direct.height)
    assert prepared.image == direct.image


def test_preparing_does_not_change_what_is_shown_when_asked_early_or_in_any_order(
    font: QFont, qtbot
) -> None:
    cache, reference = MathImageCache(), MathImageCache()
    formulas = [f"\\frac{{{k}}}{{{k + 1}}} + \\sqrt{{{k}}}" for k in range(12)]
    for latex in formulas:
        cache.prepare(latex, display=False, font=font, color=QColor("black"))
    # Asked at once, last first: most are still queued (typeset on the spot), some are being
    # written or done (waited for); every one comes out right.
    for latex in reversed(formulas):
        shown = cache.formula(latex, display=False, font=font, color=QColor("black"))
        expected = reference.formula(latex, display=False, font=font, color=QColor("black"))
        assert shown is not None and expected is not None
        assert shown.image == expected.image
    assert cache.renders == len(formulas)
    assert cache.typesetting_ahead == 0  # nothing left to do in the background


def test_a_broken_prepared_formula_fails_once(font: QFont, qtbot) -> None:
    cache = MathImageCache()
    cache.prepare(r"\frac{1}{", display=True, font=font, color=QColor("black"))
    _settled(cache, qtbot)
    assert cache.formula(r"\frac{1}{", display=True, font=font, color=QColor("black")) is None
    assert cache.formula(r"\frac{1}{", display=True, font=font, color=QColor("black")) is None
    assert (cache.renders, cache.failures, cache.served_ahead) == (1, 1, 1)
