"""Folding and unfolding a long thinking never makes Qt lay the whole of it out again.

A width change (or a resize Qt reports with no old size) makes a QTextEdit lay out its whole
document: 40 ms for a 16,000-token thinking, on every unfold while it streamed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from test_chat_view import body as thinking_body
from test_chat_view import shown_view

from desktop.ui.chat_view import AssistantMessageView, ChatView


class ResizeLog(QObject):
    """Records the resize events a widget receives: (old size, new size)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.seen: list[tuple[tuple[int, int], tuple[int, int]]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.seen.append((event.oldSize().toTuple(), event.size().toTuple()))
        return False


def streaming_view(qtbot) -> tuple[ChatView, AssistantMessageView]:
    view = shown_view(qtbot, 600, 400)
    view.add_user_message("Why?")
    return view, view.begin_assistant_message()


def test_a_folded_thinking_that_grows_is_not_resized_until_shown(qtbot) -> None:
    _view, message = streaming_view(qtbot)
    message.append_thinking("First thoughts.\n\n")
    qtbot.wait(80)
    body = thinking_body(message)
    message.set_thinking_expanded(False)
    log = ResizeLog(body)
    for i in range(30):
        message.append_thinking(f"More thinking, paragraph {i}.\n\n")
    qtbot.wait(120)  # rendered while folded
    message.set_thinking_expanded(True)
    qtbot.wait(20)
    # Shown at the height of everything that arrived, by a resize Qt knows the old size of:
    # one with no old size would have made QTextEdit lay the whole thinking out again.
    assert log.seen and all(old != (-1, -1) for old, _new in log.seen)
    assert body.height() >= body.document().size().height() > 30 * body.fontMetrics().height()


def test_message_width_stays_when_the_conversation_outgrows_the_window(qtbot) -> None:
    view, message = streaming_view(qtbot)
    message.append_thinking("Short.")
    qtbot.wait(80)
    body = thinking_body(message)
    width = body.width()
    assert view.verticalScrollBar().maximum() == 0  # nothing to scroll yet
    log = ResizeLog(body)
    message.append_thinking("".join(f"\n\nLine {i} of a long thought." for i in range(60)))
    qtbot.wait(120)
    assert view.verticalScrollBar().maximum() > 0
    # Only its height changed: a scroll bar that appeared now would narrow every message.
    assert body.width() == width
    assert all(old[0] == new[0] for old, new in log.seen)
    message.set_thinking_expanded(False)
    qtbot.wait(20)
    message.set_thinking_expanded(True)
    qtbot.wait(20)
    assert body.width() == width
