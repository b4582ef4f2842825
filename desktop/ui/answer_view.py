"""The rendered answer: Markdown, highlighted code with copy links and typeset math.

:class:`AnswerView` feeds the growing answer to :class:`~desktop.core.render.markdown_render.
StreamingMarkdown` and edits its document in place: committed blocks are appended once and
never touched again, only the open tail is replaced. So neither the HTML work nor Qt's parse
and layout grow with the answer (a whole-document ``setHtml`` per tick would re-layout every
earlier paragraph 30 times a second on a CPU that is also running the model).
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QEvent, QMimeData, QUrl, Signal
from PySide6.QtGui import (
    QCursor,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.render.markdown_html import ROW_GROUP_START, make_parser
from desktop.core.render.markdown_render import (
    COPY_SCHEME,
    BlockUpdate,
    RenderStyle,
    StreamingMarkdown,
)
from desktop.ui.document_html import append_html, close_row_group_gaps, set_html
from desktop.ui.math_images import MATH_SCHEME, MathImageCache, shared_math_cache
from desktop.ui.message_widgets import DocumentView, mix, muted_color

__all__ = ["AnswerView"]

_Role = QPalette.ColorRole
# A new screen scale needs sharper (or smaller) formula images; the event exists since Qt 6.6.
_THEME_EVENTS = {QEvent.Type.PaletteChange, QEvent.Type.FontChange} | {
    getattr(QEvent.Type, "DevicePixelRatioChange", QEvent.Type.FontChange)
}


class AnswerView(DocumentView):
    """Read-only answer document, updated incrementally while the answer streams in.

    Links are never followed: ``thinkdesk-copy:`` links copy their code block to the
    clipboard, every other link is reported through :attr:`link_activated`.
    """

    link_activated = Signal(QUrl)
    """A link (other than a code block's copy link) was clicked."""
    markdown_parser = staticmethod(make_parser)
    """Which Markdown dialect the view renders (subclasses show other kinds of text)."""
    code_copied = Signal(str)
    """A code block's source was put on the clipboard."""

    def __init__(
        self, parent: QWidget | None = None, *, math_cache: MathImageCache | None = None
    ) -> None:
        super().__init__(parent)
        self._math_cache = math_cache if math_cache is not None else shared_math_cache()
        self._renderer = StreamingMarkdown(
            self._render_style(), self._math_html, parser=self.markdown_parser
        )
        self._rendered_theme = self._theme_key()
        self._formula_watch = self._renderer.formula_watch()
        self._in_flight: list[Future[str | None]] = []
        self._markdown = ""
        self._final = False
        self._stable_end: int | None = None  # end of the committed part of the document
        self._open_html: str | None = None  # the open part as last inserted
        self._stable_block = QTextBlockFormat()  # format of the committed part's last block
        self._stable_chars = QTextCharFormat()
        self.anchorClicked.connect(self._on_anchor_clicked)

    @property
    def blocks_rendered(self) -> int:
        """Markdown blocks rendered so far (cache misses): the work streaming has cost."""
        return self._renderer.blocks_rendered

    @property
    def math_cache(self) -> MathImageCache:
        """Where this view's formulas are typeset and kept."""
        return self._math_cache

    def set_markdown(self, text: str, *, final: bool = False) -> None:
        """Show ``text`` (the whole answer so far); ``final`` once nothing more will come."""
        self._markdown, self._final = text, final
        self._apply(self._renderer.update(text, final=final))

    def typeset_ahead(self, text: str) -> None:
        """Have ``text``'s formulas typeset in the background, as this view would show them.

        Showing ``text`` later, in this view or one with the same font and palette, then
        costs only drawing them: for text that is known before it is shown (the classroom's
        next steps) and would otherwise typeset on the GUI thread at the moment it appears.
        """
        self._prepare(self._renderer.formulas(text))

    def text_arriving(self, piece: str) -> None:
        """``piece`` extends the text the next :meth:`set_markdown` will show (a streamed
        token): the formulas it completes are typeset in the background until that render."""
        self._in_flight += self._prepare(self._formula_watch.feed(piece))

    @property
    def typesetting(self) -> bool:
        """Whether formulas that arrived through :meth:`text_arriving` are still being typeset
        (rendering now would wait for them)."""
        self._in_flight = [job for job in self._in_flight if not job.done()]
        return bool(self._in_flight)

    def refresh(self) -> None:
        """Render everything again, e.g. after a palette or font change."""
        self._renderer.set_style(self._render_style(), self._math_html)
        self._rendered_theme = self._theme_key()
        self.set_markdown(self._markdown, final=self._final)

    def code_source(self, key: str) -> str | None:
        """The source of the code block behind a ``thinkdesk-copy:<key>`` link."""
        return self._renderer.code_source(key)

    def plain_text(self, start: int = 0, end: int | None = None) -> str:
        """Text of the document between two positions, formulas as their LaTeX source."""
        doc = self.document()
        end = doc.characterCount() - 1 if end is None else end
        lines: list[str] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() <= end:
            parts: list[str] = []
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                first = max(start, fragment.position())
                last = min(end, fragment.position() + fragment.length())
                if first < last:
                    fmt = fragment.charFormat()
                    entry = self._math_cache.lookup(fmt.toImageFormat().name())
                    if fmt.isImageFormat() and entry is not None:
                        delimiter = "$$" if entry.display else "$"
                        parts.append(f"{delimiter}{entry.latex}{delimiter}")
                    else:
                        offset = first - fragment.position()
                        parts.append(fragment.text()[offset : offset + last - first])
                it += 1
            # U+2028 is a <br> inside a paragraph.
            lines.append("".join(parts).replace("\u2028", "\n").replace("\xa0", " "))
            block = block.next()
        return "\n".join(lines)

    # -- Qt overrides -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Colours, formula size and ink follow the palette/font (light/dark switch at runtime).
        # Qt also sends these when nothing visible changed: only a real change re-renders.
        if event.type() in _THEME_EVENTS:
            renderer = getattr(self, "_renderer", None)  # None while still being constructed
            if renderer is not None and self._theme_key() != self._rendered_theme:
                self.refresh()

    def loadResource(self, kind: int, name: QUrl) -> object:
        # Only our formulas: an answer must never make the app read files or go online.
        if name.scheme() == MATH_SCHEME:
            entry = self._math_cache.lookup(name)
            if entry is not None:
                return entry.image
        return None

    def createMimeDataFromSelection(self) -> QMimeData:
        # Plain text only, with formulas as LaTeX: the HTML would point at images that exist
        # only inside this app.
        cursor = self.textCursor()
        data = QMimeData()
        data.setText(self.plain_text(cursor.selectionStart(), cursor.selectionEnd()))
        return data

    # -- internals ----------------------------------------------------------------------------

    def _render_style(self) -> RenderStyle:
        palette = self.palette()
        base, text = palette.color(_Role.Base), palette.color(_Role.Text)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return RenderStyle(
            text=text.name(),
            muted=muted_color(palette).name(),
            code_background=mix(base, text, 0.06).name(),
            code_header=mix(base, text, 0.11).name(),
            border=mix(base, text, 0.20).name(),
            mono_family=fixed.family(),
            dark=base.lightnessF() < 0.5,
            copy_label=self.tr("Copy"),
        )

    def _theme_key(self) -> tuple[object, ...]:
        text = self.palette().color(_Role.Text).name()
        return (self._render_style(), text, self.font().key(), self.devicePixelRatioF())

    def _prepare(self, found: list[tuple[str, bool]]) -> list[Future[str | None]]:
        if not found:  # most pieces: no Qt call, whose GIL hand-off can wait on the typesetter
            return []
        color = self.palette().color(_Role.Text)
        jobs = (
            self._math_cache.prepare(
                latex,
                display=display,
                font=self.font(),
                color=color,
                device_pixel_ratio=self.devicePixelRatioF(),
            )
            for latex, display in found
        )
        return [job for job in jobs if job is not None]

    def _math_html(self, latex: str, display: bool) -> str | None:
        entry = self._math_cache.formula(
            latex,
            display=display,
            font=self.font(),
            color=self.palette().color(_Role.Text),
            device_pixel_ratio=self.devicePixelRatioF(),
        )
        return entry.html() if entry is not None else None

    def _apply(self, update: BlockUpdate) -> None:
        shown_open, self._open_html = self._open_html, update.open_html
        if not (update.reset or update.committed) and update.open_html == shown_open:
            # Nothing changed (a streamed table shows complete rows only): no edit at all.
            # Re-inserting a table, a Qt frame, makes Qt re-scan the whole document.
            return
        doc = self.document()
        if update.reset or self._stable_end is None:
            if not update.committed:
                set_html(doc, update.open_html)
                self._stable_end = None
                return
            set_html(doc, "".join(update.committed))
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            self._mark_stable(cursor)
            append_html(cursor, update.open_html)
            cursor.endEditBlock()
            close_row_group_gaps(doc, 0)
            return
        edit_start = self._stable_end
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one relayout for the whole edit
        cursor.setPosition(self._stable_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        # Joining the last committed block with the removed one can leave it with the removed
        # block's format when it is empty (a rule "---" would become a heading): restore it.
        cursor.setBlockFormat(self._stable_block)
        cursor.setBlockCharFormat(self._stable_chars)
        if update.committed:
            append_html(cursor, "".join(update.committed))
            self._mark_stable(cursor)
        append_html(cursor, update.open_html)
        cursor.endEditBlock()
        if ROW_GROUP_START in update.open_html or any(
            ROW_GROUP_START in piece for piece in update.committed
        ):
            close_row_group_gaps(doc, edit_start)

    def _mark_stable(self, cursor: QTextCursor) -> None:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._stable_end = cursor.position()
        self._stable_block = cursor.blockFormat()
        self._stable_chars = cursor.blockCharFormat()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != COPY_SCHEME:
            self.link_activated.emit(url)
            return
        source = self._renderer.code_source(url.path())
        if source is None:
            return
        QGuiApplication.clipboard().setText(source)
        QToolTip.showText(QCursor.pos(), self.tr("Copied"), self)
        self.code_copied.emit(source)


def warm_up_rendering() -> None:
    """Render a small answer once, off screen, so the first real one does not pay for it.

    The first formula parses the math font and the first Markdown compiles its rules: tens of
    milliseconds on a slow PC, which would otherwise land in the middle of a streaming answer.
    """
    view = AnswerView()
    view.set_markdown(
        "**Warm** `up`: $\\frac{1}{2} + \\sqrt{x^2}$\n\n$$\\boxed{42}$$\n\n"
        "```python\nprint('ready')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        final=True,
    )
    view.deleteLater()
