"""Classroom mode: a full-screen presentation of one question for a projector.

Large type, high contrast, the question on top, the reasoning revealed one paragraph at a time
(Space, Right, Page Down or a click; Left, Backspace or Page Up goes back) and the answer kept
hidden until the teacher reveals it (A, or Space after the last step). It follows an answer
that is still streaming: new paragraphs become available steps as they arrive.

Formulas at twice the size take 3-20 ms each to typeset; the next few steps, and the hidden
answer once the last steps are near, are typeset in the background
(``AnswerView.typeset_ahead``) so that revealing them does not stall the window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.engines.think import split_output
from desktop.ui.answer_view import AnswerView
from desktop.ui.message_widgets import scaled_font

#: How much larger than the app's font the classroom text is (readable from the back row).
FONT_SCALE = 2.0
#: How many steps past the last revealed one have their formulas typeset in the background.
STEPS_AHEAD = 4
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def reasoning_steps(thinking: str, *, complete: bool) -> list[str]:
    """The thinking as paragraphs; while it streams, the last (unfinished) one is held back."""
    parts = [p.strip() for p in _PARAGRAPH_BREAK.split(thinking)]
    if not complete and parts:
        parts = parts[:-1]
    return [p for p in parts if p]


def high_contrast_palette(base: QPalette) -> QPalette:
    """Black on white, or white on black when the app is dark: projectors wash out greys."""
    dark = base.color(QPalette.ColorRole.Window).lightness() < 128
    background, text = (QColor("#000000"), QColor("#ffffff")) if dark else (
        QColor("#ffffff"), QColor("#000000"))  # fmt: skip
    palette = QPalette(base)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, background)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, text)
    return palette


class ClassroomView(QWidget):
    """Presents one exchange step by step. Esc or F11 asks to leave (``close_requested``)."""

    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ThinkDesk — Classroom"))
        self.setPalette(high_contrast_palette(self.palette()))
        self.setAutoFillBackground(True)
        self.setFont(scaled_font(self.font(), FONT_SCALE))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Classroom presentation"))

        self.question_label = QLabel(self)
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setFont(scaled_font(self.font(), 1.15))
        bold = self.question_label.font()
        bold.setBold(True)
        self.question_label.setFont(bold)
        self.progress_label = QLabel(self)
        self.hint_label = QLabel(
            self.tr("Space: next step   ←: back   A: show answer   Esc: leave"), self
        )
        self.hint_label.setFont(scaled_font(self.font(), 0.8))  # readable from the back row
        self.hint_label.setContentsMargins(0, 8, 0, 20)  # clear of the screen's bottom edge
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(18)
        self.answer_title = QLabel(self.tr("Answer"), self)
        self.answer_title.setFont(bold)
        self.answer_view = self._presentation_view()

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        layout.addWidget(self.question_label)
        layout.addWidget(self.progress_label)
        layout.addLayout(self.steps_box)
        layout.addWidget(self.answer_title)
        layout.addWidget(self.answer_view)
        layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.hint_label, 0, Qt.AlignmentFlag.AlignHCenter)
        # Clicks anywhere advance, also on the text: the views let the mouse through.
        self.scroll.viewport().installEventFilter(self)

        self._steps: list[str] = []
        self._done_steps: list[str] = []  # paragraphs of the thinking closed by a blank line
        self._tail_start = 0  # where the thinking's unfinished paragraph starts
        self._thinking = ""
        self._step_views: list[AnswerView] = []
        self._steps_ahead = 0  # steps handed to typeset_ahead
        self._answer = ""
        self._answer_ahead = 0  # how much of the hidden answer was handed to typeset_ahead
        self._complete = False
        self.revealed = 0
        self.answer_visible = False
        self.show_exchange("", "", complete=True)

    # -- content ---------------------------------------------------------------------------
    def show_exchange(self, question: str, output: str, *, complete: bool) -> None:
        """Present ``question`` and the raw ``output`` (thinking + answer) from the start."""
        self.question_label.setText(question)
        for view in self._step_views:
            view.deleteLater()
        self._step_views.clear()
        self.revealed = 0
        self.answer_visible = False
        self.update_output(output, complete=complete)

    def update_output(self, output: str, *, complete: bool) -> None:
        """Replace the output shown so far; revealed steps stay as they are."""
        thinking, answer = split_output(output)
        self._thinking, self._answer = "", ""
        self._done_steps, self._tail_start = [], 0
        self._steps_ahead = self._answer_ahead = 0
        self.append_output(thinking, answer, complete=complete)

    def append_output(self, thinking: str, answer: str, *, complete: bool) -> None:
        """More streamed text, already split into thinking and answer.

        Only the unfinished paragraph is split again, so an update costs the same at the end
        of a long thinking as at its start.
        """
        self._thinking += thinking
        self._answer += answer
        self._complete = complete
        tail = self._thinking[self._tail_start :]
        breaks = list(_PARAGRAPH_BREAK.finditer(tail))
        if breaks:
            last_break = breaks[-1]
            finished = tail[: last_break.start()]
            self._done_steps += [p.strip() for p in _PARAGRAPH_BREAK.split(finished) if p.strip()]
            self._tail_start += last_break.end()
        # Once the answer has started the thinking is finished, so its last paragraph counts.
        rest = self._thinking[self._tail_start :].strip()
        closing = [rest] if rest and (complete or self._answer) else []
        self._steps = self._done_steps + closing
        self._refresh()

    def answer_arriving(self, piece: str) -> None:
        """A streamed piece of the answer, ahead of the :meth:`append_output` that brings it:
        while the answer is shown, the formulas it completes are typeset in the background."""
        if self.answer_visible:
            self.answer_view.text_arriving(piece)

    @property
    def step_count(self) -> int:
        return len(self._steps)

    # -- revealing -------------------------------------------------------------------------
    def reveal_next(self) -> None:
        """Show the next reasoning step, or the answer after the last step."""
        if self.revealed < len(self._steps):
            self.revealed += 1
        elif self._answer:
            self.answer_visible = True
        self._refresh()
        self._scroll_to_latest()

    def reveal_previous(self) -> None:
        if self.answer_visible:
            self.answer_visible = False
        elif self.revealed > 0:
            self.revealed -= 1
        self._refresh()

    def toggle_answer(self) -> None:
        self.answer_visible = bool(self._answer) and not self.answer_visible
        self._refresh()
        self._scroll_to_latest()

    def _refresh(self) -> None:
        while len(self._step_views) < self.revealed:
            view = self._presentation_view()
            # A revealed step is a finished paragraph: it is rendered once, never again.
            view.set_markdown(self._steps[len(self._step_views)], final=True)
            self.steps_box.addWidget(view)
            self._step_views.append(view)
        while len(self._step_views) > self.revealed:
            self._step_views.pop().deleteLater()
        self.answer_title.setVisible(self.answer_visible)
        self.answer_view.setVisible(self.answer_visible)
        if self.answer_visible:
            self.answer_view.set_markdown(self._answer, final=self._complete)
        self._typeset_ahead()
        more = "" if self._complete else self.tr(" (the model is still thinking…)")
        if not self._steps and not self._answer:
            self.progress_label.setText(self.tr("Waiting for the model's reasoning…"))
        else:
            self.progress_label.setText(
                self.tr("Step {0} of {1}").format(self.revealed, len(self._steps)) + more
            )

    def _typeset_ahead(self) -> None:
        # Step views and the answer view share one font and palette, so one view can prepare
        # formulas for all of them.
        until = min(len(self._steps), self.revealed + STEPS_AHEAD)
        for step in self._steps[max(self._steps_ahead, self.revealed) : until]:
            self.answer_view.typeset_ahead(step)
        self._steps_ahead = max(self._steps_ahead, until)
        # The answer once it is near (a teacher also jumps to it with A, but seldom mid-way):
        # typesetting it early would compete with the chat window's own, which needs the same
        # typesetter, and hold up the GUI thread's.
        near = len(self._steps) - self.revealed < STEPS_AHEAD
        if near and not self.answer_visible:  # finished paragraphs: a formula may be half-written
            finished = (
                len(self._answer)
                if self._complete
                else self._answer.rfind("\n\n", self._answer_ahead)
            )
            if finished > self._answer_ahead:
                self.answer_view.typeset_ahead(self._answer[self._answer_ahead : finished])
                self._answer_ahead = finished

    def _presentation_view(self) -> AnswerView:
        view = AnswerView(self)
        view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return view

    def _scroll_to_latest(self) -> None:
        target = self.answer_view if self.answer_visible else (
            self._step_views[-1] if self._step_views else None)  # fmt: skip
        if target is not None:
            self.scroll.ensureWidgetVisible(target, 0, 48)

    # -- input -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
            self.reveal_next()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.reveal_previous()
        elif key == Qt.Key.Key_A:
            self.toggle_answer()
        elif key == Qt.Key.Key_Home:
            self.revealed, self.answer_visible = 0, False
            self._refresh()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close_requested.emit()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self.reveal_next()
                return True
            if event.button() == Qt.MouseButton.RightButton:
                self.reveal_previous()
                return True
        return super().eventFilter(watched, event)
