"""One assistant reply in the chat: a collapsible, timed thinking section above the answer.

Child widgets carry object names so tests and style sheets can find them without reaching into
private attributes: ``thinkingToggle``, ``thinkingBody``, ``thinkingNote``, ``answerView``,
``errorLine`` and ``footerLine`` (the "Stopped" marker and the status text).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.ui.answer_view import AnswerView
from desktop.ui.message_widgets import mix, muted_color, scaled_font
from desktop.ui.render_turns import FormulaHold, render_turns
from desktop.ui.thinking_view import ThinkingView

__all__ = ["RENDER_INTERVAL_MS", "AssistantMessageView"]

RENDER_INTERVAL_MS = 33
"""Minimum gap between two re-renders of a streaming message (~30 fps)."""
_Role = QPalette.ColorRole


class AssistantMessageView(QFrame):
    """One assistant reply: a collapsible thinking section above a Markdown answer.

    Appending is cheap (text is buffered); a single-shot timer re-renders at most every
    :data:`RENDER_INTERVAL_MS`. ``render_count`` counts actual re-renders. Text appended after
    :meth:`finish` is ignored. ``clock`` exists so tests can control elapsed times.
    """

    link_activated = Signal(QUrl)
    """A link in the answer was clicked. Links are never opened automatically."""
    finished = Signal()
    """The message is complete (finish() was called): actions on it make sense now."""

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Assistant message"))
        self.render_count = 0
        self._clock = clock
        self._started_at = clock()
        self._thinking_done_at: float | None = None  # first answer text, else finish()
        self._finished = False
        self._pending_thinking: list[str] = []  # received, not yet in the thinking view
        self._answer_chunks: list[str] = []
        self._answer_dirty = False
        self._hold = FormulaHold()
        self._has_thinking = False  # any non-blank thinking text
        self._has_answer = False  # any non-blank answer text
        self._expanded = True
        self._thinking_hidden = False
        self._progress = ""
        self._stopped = False
        self._error: str | None = None
        self._status: str | None = None

        self._toggle = QToolButton(self)
        self._toggle.setObjectName("thinkingToggle")
        self._toggle.setAutoRaise(True)
        self._toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self._toggle.setIconSize(QSize(10, 10))  # a small arrow that lines up with the text edge
        self._toggle.clicked.connect(self._on_toggle_clicked)

        self._thinking_body = ThinkingView(self)
        self._thinking_body.link_activated.connect(self.link_activated)
        self._thinking_body.setObjectName("thinkingBody")

        self._note = self._make_label("thinkingNote")
        self._answer_view = AnswerView(self)
        self._answer_view.setObjectName("answerView")
        self._answer_view.link_activated.connect(self.link_activated)
        self._error_line = self._make_label("errorLine")
        self._error_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._footer = self._make_label("footerLine")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self._toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._thinking_body)
        layout.addWidget(self._note)
        layout.addWidget(self._answer_view)
        layout.addWidget(self._error_line)
        layout.addWidget(self._footer)

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._on_render_due)
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._update_header)
        self._elapsed_timer.start()

        self._apply_theme()
        self._update_header()
        self._sync_visibility()

    # -- public API ---------------------------------------------------------------------------

    def append_thinking(self, text: str) -> None:
        """Buffer a piece of the model's reasoning; it is displayed on the next render tick."""
        if self._finished or not text:
            return
        self._pending_thinking.append(text)
        self._thinking_body.text_arriving(text)
        if not self._has_thinking and text.strip():
            self._has_thinking = True
            self._sync_visibility()
        self._schedule_render()

    def append_answer(self, text: str) -> None:
        """Buffer a piece of the answer; the first non-blank piece collapses the thinking."""
        if self._finished or not text:
            return
        self._answer_chunks.append(text)
        self._answer_dirty = True
        self._answer_view.text_arriving(text)
        if not self._has_answer and text.strip():
            self._has_answer = True
            self._thinking_done_at = self._clock()
            self._elapsed_timer.stop()
            self._update_header()
            self.set_thinking_expanded(False)
        self._schedule_render()

    def finish(
        self, *, stopped: bool = False, error: str | None = None, status: str | None = None
    ) -> None:
        """End streaming: render now, freeze the timer and show the outcome under the message.

        ``error`` is shown as an error line (never as answer text); ``status`` (e.g. speed
        figures) as a small muted line. Without any answer the thinking stays open.
        """
        self._render_timer.stop()
        render_turns().cancel(self)
        self._elapsed_timer.stop()
        if self._thinking_done_at is None:
            self._thinking_done_at = self._clock()
        self._finished = True
        self._stopped, self._error, self._status = stopped, error, status
        # The last block is committed only now (e.g. a code fence closed without a newline).
        self._answer_dirty = bool(self._answer_chunks)
        self._render()
        self._thinking_body.finish()
        if self._has_thinking and not self._has_answer:
            self.set_thinking_expanded(True)  # it is all there is to read
        self._update_header()
        if error is not None:
            self._error_line.setText(self.tr("Error: {message}").format(message=error))
        parts = ([self.tr("Stopped")] if stopped else []) + ([status] if status else [])
        self._footer.setText(" · ".join(parts))
        if not self._has_answer:
            self._note.setText(
                self.tr("The model did not finish thinking; no answer was given.")
                if self._has_thinking
                else self.tr("The model returned an empty response.")
            )
        self._sync_visibility()
        self.finished.emit()

    def set_thinking_display(self, mode: str) -> None:
        """The user's default: "expanded" (live, folds when the answer starts), "collapsed"
        (only the header, reopenable) or "hidden" (no thinking section at all)."""
        self._thinking_hidden = mode == "hidden"
        self.set_thinking_expanded(mode == "expanded")

    def set_progress(self, tokens: int, tokens_per_s: float) -> None:
        """Live thinking statistics for the header: tokens so far and speed."""
        self._progress = self.tr("{n} tokens · {rate:.1f} tokens/s").format(
            n=tokens, rate=tokens_per_s
        )
        self._update_header()

    def set_thought_seconds(self, seconds: float) -> None:
        """For a message loaded from history: how long the model thought back then."""
        self._thinking_done_at = self._started_at + max(0.0, seconds)
        self._update_header()

    @property
    def thinking_expanded(self) -> bool:
        """Whether the thinking body is open (it may still be hidden if there is no text)."""
        return self._expanded

    def set_thinking_expanded(self, expanded: bool) -> None:
        """Open or close the thinking body, as the header button does."""
        self._expanded = expanded
        self._sync_visibility()

    def thinking_text(self) -> str:
        """All thinking text received so far, including text not yet rendered."""
        return self._thinking_body.text() + "".join(self._pending_thinking)

    def has_thinking(self) -> bool:
        """Whether the reply has any reasoning (non-blank thinking text); a chat model's reply,
        or an R1 reply that skipped its thinking, has none."""
        return self._has_thinking

    def answer_text(self) -> str:
        """All answer text (Markdown source) received so far, including text not yet rendered."""
        # Kept as one string: joining thousands of token-sized pieces on every render tick
        # cost time in proportion to the answer's length.
        if len(self._answer_chunks) > 1:
            self._answer_chunks = ["".join(self._answer_chunks)]
        return self._answer_chunks[0] if self._answer_chunks else ""

    def is_finished(self) -> bool:
        """Whether :meth:`finish` has been called."""
        return self._finished

    def answer_document(self) -> QTextDocument:
        """The rendered answer (read-only use: export, copy, tests)."""
        return self._answer_view.document()

    def answer_plain_text(self) -> str:
        """The rendered answer as plain text, formulas as their LaTeX source."""
        return self._answer_view.plain_text()

    @property
    def blocks_rendered(self) -> int:
        """Answer blocks rendered so far; per update this stays flat as the answer grows."""
        return self._answer_view.blocks_rendered

    # -- internals ----------------------------------------------------------------------------

    def _make_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # error texts may contain "<...>"
        label.setWordWrap(True)
        return label

    def _on_toggle_clicked(self) -> None:
        self.set_thinking_expanded(not self._expanded)

    def _schedule_render(self) -> None:
        # Never restart a running timer: a steady stream must still render every tick.
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _on_render_due(self) -> None:
        if self._hold.holds(self._answer_view.typesetting or self._thinking_body.typesetting):
            self._render_timer.start()
            return
        render_turns().run(self, self._render)  # never in the same turn as another view's

    def _render(self) -> None:
        rendered = False
        if self._pending_thinking:
            self._thinking_body.append_text("".join(self._pending_thinking))
            self._pending_thinking.clear()
            rendered = True
        if self._answer_dirty:
            self._answer_dirty = False
            self._answer_view.set_markdown(self.answer_text(), final=self._finished)
            rendered = True
        if rendered:
            self.render_count += 1

    def _update_header(self) -> None:
        if self._thinking_done_at is None:
            seconds = int(self._clock() - self._started_at)
            text = self.tr("Thinking… {duration}").format(duration=self._format_seconds(seconds))
            if self._progress:
                text += " · " + self._progress
        else:
            seconds = round(self._thinking_done_at - self._started_at)
            text = self.tr("Thought for {duration}").format(duration=self._format_seconds(seconds))
        self._toggle.setText(text)

    def _format_seconds(self, seconds: int) -> str:
        if seconds < 60:
            return self.tr("{s} s").format(s=seconds)
        return self.tr("{m} min {s} s").format(m=seconds // 60, s=seconds % 60)

    def _sync_visibility(self) -> None:
        thinking_pending = not self._finished and not self._has_answer
        shown = not self._thinking_hidden
        self._toggle.setVisible(shown and (self._has_thinking or thinking_pending))
        self._toggle.setArrowType(
            Qt.ArrowType.DownArrow if self._expanded else Qt.ArrowType.RightArrow
        )
        self._thinking_body.setVisible(shown and self._has_thinking and self._expanded)
        no_answer_note = self._finished and not self._has_answer
        self._note.setVisible(no_answer_note and not self._stopped and self._error is None)
        self._answer_view.setVisible(self._has_answer)
        self._error_line.setVisible(self._error is not None)
        self._footer.setVisible(bool(self._footer.text()))

    def _apply_theme(self) -> None:
        palette = self.palette()
        base, text = palette.color(_Role.Base), palette.color(_Role.Text)
        muted = muted_color(palette)
        small = scaled_font(self.font(), 0.9)
        for widget in (self._toggle, self._note, self._footer, self._thinking_body):
            widget.setFont(small)
        for widget in (self._note, self._footer):
            pal = widget.palette()
            # Both roles: inside the chat view the labels sit on Base and so draw with Text.
            for role in (_Role.WindowText, _Role.Text):
                pal.setColor(role, muted)
            widget.setPalette(pal)
        # Flat and flush with the text below it; the arrow alone says "click me". (Its colour is
        # set here too: a style sheet would restore an outdated palette on the next restyle.)
        self._toggle.setStyleSheet(
            "QToolButton#thinkingToggle {"
            f" border: none; padding: 2px 0px; color: {muted.name()}; }}"
            f" QToolButton#thinkingToggle:hover {{ color: {text.name()}; }}"
        )
        self._thinking_body.setStyleSheet(
            "QTextBrowser#thinkingBody {"
            f" background: {mix(base, text, 0.045).name()}; color: {muted.name()};"
            f" border: none; border-left: 3px solid {mix(base, text, 0.22).name()}; }}"
        )
        dark = base.lightnessF() < 0.5
        error = QColor("#ff8a80") if dark else QColor("#b3261e")
        self._error_line.setStyleSheet(
            "QLabel#errorLine {"
            f" color: {error.name()}; background: {mix(base, error, 0.10).name()};"
            f" border-left: 3px solid {error.name()}; padding: 6px 10px; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Colours are derived from the palette, so follow light/dark switches at runtime.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._apply_theme()
