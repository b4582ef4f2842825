"""Streaming renders take turns: input is handled between any two of them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from desktop.ui.assistant_message import AssistantMessageView
from desktop.ui.render_turns import RenderTurns, render_turns
from tests.ui.test_classroom_feed import fed_classroom


class InputStandIn(QObject):
    """Counts posted events it has handled, as the window would handle a key press.

    Two renders that see the same count ran with no event handled in between: a key pressed
    during the first would have waited for both.
    """

    def __init__(self) -> None:
        super().__init__()
        self.handled = 0
        self._type = QEvent.Type(QEvent.registerEventType())

    def press(self) -> None:
        QCoreApplication.postEvent(self, QEvent(self._type))

    def event(self, event: QEvent) -> bool:
        if event.type() == self._type:
            self.handled += 1
            return True
        return super().event(event)


def test_the_first_render_of_a_turn_runs_at_once(qtbot):
    turns = RenderTurns()
    ran: list[str] = []
    turns.run(QObject(), lambda: ran.append("chat"))
    assert ran == ["chat"] and turns.waiting == 0


def test_a_second_render_in_the_same_turn_waits_until_input_was_handled(qtbot):
    turns = RenderTurns()
    chat, classroom = QObject(), QObject()
    key = InputStandIn()
    seen: list[tuple[str, int]] = []

    def render(name: str) -> None:
        seen.append((name, key.handled))
        key.press()  # a key pressed while this view renders

    def both_due() -> None:  # both throttle timers expired in the same turn
        turns.run(chat, lambda: render("chat"))
        turns.run(classroom, lambda: render("classroom"))
        assert [name for name, _ in seen] == ["chat"]

    due = QTimer()  # views render from their throttle timers, so start from one too
    due.setSingleShot(True)
    due.timeout.connect(both_due)
    due.start(0)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [("chat", 0), ("classroom", 1)]
    qtbot.waitUntil(lambda: key.handled == 2)


def test_an_owner_has_one_render_waiting_and_a_cancelled_or_deleted_one_is_dropped(qtbot):
    turns = RenderTurns()
    first, again, gone, cancelled = QObject(), QObject(), QObject(), QObject()
    ran: list[str] = []
    turns.run(first, lambda: ran.append("first"))
    turns.run(again, lambda: ran.append("again 1"))
    turns.run(again, lambda: ran.append("again 2"))
    turns.run(gone, lambda: ran.append("gone"))
    turns.run(cancelled, lambda: ran.append("cancelled"))
    assert turns.waiting == 3
    turns.cancel(cancelled)
    gone.deleteLater()
    qtbot.waitUntil(lambda: turns.waiting == 0)
    qtbot.wait(50)
    assert ran == ["first", "again 1"]


def test_the_chat_and_the_classroom_never_render_in_the_same_turn(qtbot, monkeypatch):
    chat, classroom, feed = fed_classroom(qtbot)
    message = AssistantMessageView()
    qtbot.addWidget(message)
    message.show()
    chat.thinking_received.connect(lambda _id, text: message.append_thinking(text))
    key = InputStandIn()
    renders: list[tuple[str, int]] = []

    def spy(name: str, original):
        def render(*args, **kwargs):
            renders.append((name, key.handled))
            key.press()
            return original(*args, **kwargs)

        return render

    monkeypatch.setattr(message, "_render", spy("chat", message._render))
    monkeypatch.setattr(classroom, "append_output", spy("classroom", classroom.append_output))
    # Equal intervals, started by the same token: both timers expire together every tick.
    feed._timer.setInterval(message._render_timer.interval())
    text = "".join(f"Step {k}: \\(x_{k} = {k}\\).\n\n" for k in range(30))
    for i in range(0, len(text), 4):
        chat.thinking_received.emit(1, text[i : i + 4])
        qtbot.wait(8)
    qtbot.waitUntil(lambda: render_turns().waiting == 0 and not feed._timer.isActive())
    assert {name for name, _ in renders} == {"chat", "classroom"}
    turns_seen = [handled for _name, handled in renders]
    assert len(turns_seen) == len(set(turns_seen)), renders
