"""Building blocks of the chat view: self-sizing text views, the user's bubble, colour helpers.

The rendered answer (Markdown, code, math) lives in :mod:`desktop.ui.answer_view`.

Widgets only: nothing here knows about models or engines. Colours are derived from the palette
(never hard-coded against one theme) so light and dark themes both work.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

USER_BUBBLE_MAX_FRACTION = 0.75

_Role = QPalette.ColorRole


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Return ``a`` blended towards ``b`` by ``t`` (0 gives ``a``, 1 gives ``b``)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def scaled_font(font: QFont, factor: float) -> QFont:
    """A copy of ``font`` with its size multiplied by ``factor``."""
    # Only the size changes: the family must stay the platform default so CJK fallback works.
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


def muted_color(palette: QPalette) -> QColor:
    """Secondary text colour: text faded towards the background, readable in light and dark."""
    return mix(palette.color(_Role.Text), palette.color(_Role.Base), 0.42)


class DocumentView(QTextBrowser):
    """Read-only text view whose height follows its document, so only the chat view scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOpenExternalLinks(False)
        # Otherwise QTextBrowser "navigates" to a clicked link in place and wipes the message.
        self.setOpenLinks(False)
        # Long URLs and identifiers must wrap rather than overflow: there is no horizontal scroll.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        flags = Qt.TextInteractionFlag
        self.setTextInteractionFlags(
            flags.TextSelectableByMouse
            | flags.TextSelectableByKeyboard
            | flags.LinksAccessibleByMouse
            | flags.LinksAccessibleByKeyboard
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Messages are documents to read, not editors: no caret, and not a stop in the Tab chain
        # (a long conversation would swallow the Tab key). Click, then Shift+arrows still select.
        self.setCursorWidth(0)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.viewport().setAutoFillBackground(False)  # sit on whatever the parent paints
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._sync_height)
        self._sync_height()

    def _sync_height(self, *_: object) -> None:
        if self.isHidden() and self.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            # A hidden widget that is resized gets its resize event when shown, with no old
            # size: QTextEdit takes that for a new width and lays out the whole document again
            # (40 ms for a folded 16,000-token thinking that kept streaming). Sync when shown.
            return
        height = math.ceil(self.document().size().height()) + 2 * self.frameWidth()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_height()

    def minimumSizeHint(self) -> QSize:
        # Text wraps anywhere, so any width works; QAbstractScrollArea's default is too wide.
        return QSize(2 * self.frameWidth() + 8, self.height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Nothing to scroll in here; let the chat view scroll instead.
        event.ignore()


class PlainTextView(DocumentView):
    """Literal (never interpreted) text that prefers its natural width, like a label."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setPlainText(text)
        self._natural_width = self._measure()

    def _measure(self) -> int:
        probe = QTextDocument()
        probe.setDocumentMargin(0)
        probe.setDefaultFont(self.font())
        probe.setPlainText(self.toPlainText())
        return math.ceil(probe.idealWidth()) + 2 * self.frameWidth() + 2

    def sizeHint(self) -> QSize:
        return QSize(self._natural_width, self.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._natural_width = self._measure()
            self.updateGeometry()


class Bubble(QFrame):
    """Rounded, tinted background for the user's message."""

    RADIUS = 12

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(_Role.Base)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(mix(base, palette.color(_Role.Highlight), 0.30))
        painter.setBrush(mix(base, palette.color(_Role.Highlight), 0.13))
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), self.RADIUS, self.RADIUS)


class UserMessageView(QWidget):
    """A user message: a right-aligned bubble showing the text literally (no Markdown)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Your message"))
        self._bubble = Bubble(self)
        self._text_view = PlainTextView(text, self._bubble)
        self._text_view.setObjectName("userText")
        bubble_layout = QVBoxLayout(self._bubble)
        bubble_layout.setContentsMargins(14, 10, 14, 10)
        bubble_layout.addWidget(self._text_view)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self._bubble)

    def text(self) -> str:
        """The message text exactly as given."""
        return self._text_view.toPlainText()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._bubble.setMaximumWidth(max(1, int(event.size().width() * USER_BUBBLE_MAX_FRACTION)))
