"""LaTeX formulas as images for QTextDocument: ziamath (pure Python) → SVG → QSvgRenderer.

Formulas are cached by (source, display, size, colour, device pixel ratio, descent), so a
streaming answer that re-renders its last block never typesets the same formula twice. Images
are drawn at the device pixel ratio (crisp on HiDPI) and carry their logical size.

Typesetting ahead: ziamath (the costly part, 3-20 ms a formula) is pure Python and touches no
Qt object, so :meth:`MathImageCache.prepare` has a background thread write a formula's SVG
before it is needed (e.g. the classroom's next step); the GUI thread later only draws it
(under a millisecond). The thread holds the GIL while it works, but Python hands the GIL back
every few milliseconds, so the GUI thread is slowed a little rather than stalled.

Inline alignment: QTextDocument cannot place an inline image by its own baseline. With
``vertical-align: bottom`` Qt puts the image's bottom on the line's bottom, i.e. the font's
descent below the baseline, so each inline formula is padded underneath to exactly that
descent and its baseline lands on the text's. Only formulas deeper than the font's descent
(tall fractions) sit a little high. Display formulas need no padding.
"""

from __future__ import annotations

import functools
import html
import math
import queue
import re
import threading
import warnings
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

__all__ = ["FORMULA_TAG", "MATH_SCHEME", "MathImage", "MathImageCache", "shared_math_cache"]

MATH_SCHEME = "thinkdesk-math"
"""Image resources ``thinkdesk-math:<n>`` in answer documents are formulas from the cache."""
FORMULA_TAG = re.compile(
    rf'<img src="({MATH_SCHEME}:\d+)" width="(\d+)" height="(\d+)" alt="([^"]*)"'
    r'( style="vertical-align: bottom")?>'
)
"""Matches what :meth:`MathImage.html` writes: groups url, width, height, alt (HTML-escaped)
and the inline alignment (empty for a display formula). Keep the two in step."""

# latex2mathml sets \bmod with no space around "mod" ("100mod7"); a binary-operator look instead.
_BMOD = re.compile(r"\\bmod(?![A-Za-z])")
_BMOD_REPLACEMENT = r"\\;\\mathrm{mod}\\;"
_STIX_X_HEIGHT_EM = 0.47  # x-height of ziamath's STIX Two Math, in em
_MAX_SCALE = 1.3


class MathImage(NamedTuple):
    """One typeset formula: the image (at device pixel ratio) and its logical size in px."""

    url: str
    image: QImage
    width: int
    height: int
    latex: str
    display: bool

    def html(self) -> str:
        """An ``<img>`` tag showing the formula, aligned as the module docstring explains
        (:data:`FORMULA_TAG` matches it)."""
        align = "" if self.display else ' style="vertical-align: bottom"'
        return (
            f'<img src="{self.url}" width="{self.width}" height="{self.height}"'
            f' alt="{html.escape(self.latex)}"{align}>'
        )


class MathImageCache:
    """Typesets formulas on demand and remembers them (least recently used are dropped).

    ``renders`` counts typesetting runs (cache misses), ``failures`` the formulas that could
    not be typeset (cached too: a broken formula is not retried on every streaming update),
    ``served_ahead`` the misses whose typesetting :meth:`prepare` had already done.
    """

    def __init__(self, max_entries: int = 1024) -> None:
        self._max_entries = max_entries
        self._by_key: OrderedDict[tuple[str, bool, _Look], MathImage | None] = OrderedDict()
        self._by_url: dict[str, MathImage] = {}
        self._ahead: OrderedDict[tuple[str, bool, _Look], Future[str | None]] = OrderedDict()
        self._next_id = 0
        self.renders = 0
        self.failures = 0
        self.served_ahead = 0

    def formula(
        self,
        latex: str,
        *,
        display: bool,
        font: QFont,
        color: QColor,
        device_pixel_ratio: float = 1.0,
    ) -> MathImage | None:
        """The formula ``latex`` typeset to match ``font`` in ``color``; None if it fails."""
        look = _Look.of(font, color, device_pixel_ratio)
        key = (latex, display, look)
        if key in self._by_key:
            self._by_key.move_to_end(key)
            return self._by_key[key]
        self.renders += 1
        svg = self._svg(key)
        rendered = _draw(svg, look.dpr, 0.0 if display else look.descent) if svg else None
        entry: MathImage | None = None
        if rendered is None:
            self.failures += 1
        else:
            image, width, height = rendered
            url = f"{MATH_SCHEME}:{self._next_id}"
            self._next_id += 1
            entry = MathImage(url, image, width, height, latex, display)
            self._by_url[url] = entry
        self._by_key[key] = entry
        if len(self._by_key) > self._max_entries:
            _, dropped = self._by_key.popitem(last=False)
            if dropped is not None:
                self._by_url.pop(dropped.url, None)
        return entry

    def prepare(
        self,
        latex: str,
        *,
        display: bool,
        font: QFont,
        color: QColor,
        device_pixel_ratio: float = 1.0,
    ) -> Future[str | None] | None:
        """Start typesetting ``latex`` in the background, so :meth:`formula` with the same
        arguments later costs only the drawing. Cheap and idempotent; a formula that is asked
        for before its turn comes is typeset on the spot instead.

        Returns the background job (done once the formula can be drawn without waiting), or
        None if the formula is typeset already.
        """
        look = _Look.of(font, color, device_pixel_ratio)
        key = (latex, display, look)
        if key in self._by_key:
            return None
        if key in self._ahead:
            return self._ahead[key]
        job = self._ahead[key] = _background().submit(latex, display, look.size, look.ink)
        if len(self._ahead) > self._max_entries:  # prepared but never shown: give up on it
            _, forgotten = self._ahead.popitem(last=False)
            forgotten.cancel()
        return job

    def _svg(self, key: tuple[str, bool, _Look]) -> str | None:
        future = self._ahead.pop(key, None)
        if future is not None and not future.cancel():
            self.served_ahead += 1
            return future.result()  # done, or being written now: sooner than starting over
        latex, display, look = key
        return _svg(latex, display, look.size, look.ink)  # not prepared, or not its turn yet

    @property
    def typesetting_ahead(self) -> int:
        """Prepared formulas the background has not finished yet."""
        return sum(not future.done() for future in self._ahead.values())

    def lookup(self, url: QUrl | str) -> MathImage | None:
        """The cached formula behind an image URL (None if unknown or evicted)."""
        return self._by_url.get(url.toString() if isinstance(url, QUrl) else url)

    def __len__(self) -> int:
        return len(self._by_key)


@functools.cache
def shared_math_cache() -> MathImageCache:
    """The process-wide cache all answer views share (the same formula recurs across turns)."""
    return MathImageCache()


class _Look(NamedTuple):
    """How a formula must look to sit in a line of text: part of its cache key."""

    size: float  # ziamath's font size, px
    ink: str  # colour, #rrggbb
    alpha: int
    dpr: float
    descent: float  # the text font's, px

    @classmethod
    def of(cls, font: QFont, color: QColor, device_pixel_ratio: float) -> _Look:
        metrics = QFontMetricsF(font)
        em = float(QFontInfo(font).pixelSize())
        # Match the text's x-height: STIX's is small next to typical UI fonts.
        scale = min(max(metrics.xHeight() / (_STIX_X_HEIGHT_EM * em), 1.0), _MAX_SCALE)
        return cls(
            size=round(em * scale, 1),
            ink=color.name(),
            alpha=color.alpha(),
            dpr=round(max(device_pixel_ratio, 1.0), 2),
            descent=round(metrics.descent(), 2),
        )


class _Background:
    """One daemon thread writing formulas' SVG in the order they were asked for.

    A daemon: a quit never waits for formulas nobody will see.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[str | None], tuple[Any, ...]]] = (
            queue.SimpleQueue()
        )
        # ziamath's modules are imported here, on the GUI thread, never on the typesetting one:
        # PySide6 replaces __import__, and a first import on that thread while the GUI thread
        # collected garbage crashed the process (5 of 12 test runs).
        with _ZIAMATH_LOCK:
            _math_font()
        self._thread = threading.Thread(target=self._run, name="thinkdesk-math", daemon=True)
        self._thread.start()

    def submit(self, latex: str, display: bool, size: float, color: str) -> Future[str | None]:
        future: Future[str | None] = Future()
        self._jobs.put((future, (latex, display, size, color)))
        return future

    def _run(self) -> None:
        while True:
            future, args = self._jobs.get()
            if future.set_running_or_notify_cancel():
                future.set_result(_svg(*args))  # _svg never raises


@functools.cache
def _background() -> _Background:
    """The one typesetting thread, started on first use."""
    return _Background()


def _draw(svg: str, dpr: float, descent: float) -> tuple[QImage, int, int] | None:
    """The SVG drawn at ``dpr``, padded below to ``descent``: (image, logical width, height)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    box = renderer.viewBoxF()
    if not renderer.isValid() or box.width() <= 0 or box.height() <= 0:
        return None
    above = -box.y()  # SVG y grows downwards; the formula's baseline is y = 0
    below = box.y() + box.height()
    pad_below = max(descent - below, 0.0)
    width = math.ceil(box.width())
    height = math.ceil(above + below + pad_below)
    image = QImage(
        max(1, math.ceil(width * dpr)),
        max(1, math.ceil(height * dpr)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(dpr, dpr)
    # The padding goes at the bottom; the extra (ceil) fraction at the top keeps the baseline.
    top = height - (above + below + pad_below)
    renderer.render(painter, QRectF(0, top, box.width(), box.height()))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image, width, height


def _svg(latex: str, display: bool, size: float, color: str) -> str | None:
    """The formula as SVG (None if it cannot be typeset); safe on any thread."""
    with _ZIAMATH_LOCK:  # ziamath keeps module state (its config, font caches)
        try:
            ziamath = _ziamath()
            math_font = _math_font()
            if any(ord(ch) > 127 and math_font.glyphindex(ch) == 0 for ch in latex):
                return None  # e.g. Chinese in \text{}: STIX has no glyph, it would draw boxes
            latex = _BMOD.sub(_BMOD_REPLACEMENT, latex)
            return ziamath.Latex(latex, size=size, color=color, inline=not display).svg()
        except Exception:  # ziamath/latex2mathml raise many types on malformed input: show source
            return None


_ZIAMATH_LOCK = threading.Lock()
_font: Any = None


def _ziamath() -> Any:
    # Imported on first use: loading its math font takes ~0.3 s.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # its pkg_resources use; not ours
        import ziamath

        # SVG 1.1 (xlink:href, no <symbol>): QtSvg draws SVG 2 <symbol>/<use> as nothing.
        ziamath.config.svg2 = False
        return ziamath


def _math_font() -> Any:
    global _font
    if _font is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            _font = _ziamath().Latex("x").font
    return _font
