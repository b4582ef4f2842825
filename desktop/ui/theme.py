"""Light and dark themes and the font size, applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#2a2b2e",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2e31",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.ToolTipBase: "#2d2e31",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#3b78e7",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Mid: "#5f6368",
    QPalette.ColorRole.Dark: "#111214",
    QPalette.ColorRole.Light: "#3c4043",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


class ContrastStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons that stay visible on a dark palette.

    Fusion outlines an empty box in the window colour darkened, which on a dark window is
    nearly black on nearly black; this draws a light outline over it.
    """

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        palette = option.palette
        if element not in self._INDICATORS or palette.window().color().lightness() >= 128:
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        colour = QColor(
            palette.color(QPalette.ColorRole.Text if enabled else QPalette.ColorRole.Mid)
        )
        colour.setAlphaF(0.75 if enabled else 0.9)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()


class Appearance:
    """Remembers the platform's own look so "system" can return to it after a change."""

    def __init__(self, app: QApplication):
        self._app = app
        self._system_style = app.style().name()
        self._system_palette = QPalette(app.palette())
        self._system_font = QFont(app.font())

    def apply(self, theme: str, font_size: int) -> None:
        """``theme`` is "system", "light" or "dark"; ``font_size`` in points, 0 for the system's."""
        app = self._app
        if theme == "system":
            app.setStyle(self._system_style)
            app.setPalette(self._system_palette)
            scheme = QGuiApplication.styleHints().colorScheme()
            if scheme.name == "Dark" and self._system_palette.window().color().lightness() > 128:
                app.setPalette(dark_palette())  # the platform says dark but its style does not
        else:
            # Fusion draws the palette faithfully on every platform; kept referenced because
            # the application does not own a style made in Python.
            self._style = ContrastStyle("Fusion")
            app.setStyle(self._style)
            app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
        font = QFont(self._system_font)
        if font_size > 0:
            font.setPointSize(font_size)
        app.setFont(font)
