"""The classroom follows a streaming answer through ClassroomFeed: batched, incremental."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.ui.classroom import ClassroomView
from desktop.ui.classroom_feed import ClassroomFeed


class FakeChat(QObject):
    """The ChatController signals the feed listens to, and its current exchange."""

    message_started = Signal(int)
    thinking_received = Signal(int, str)
    answer_received = Signal(int, str)
    message_finished = Signal(int, bool, object)
    message_failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.exchange = ("How many?", "", False)
        self.exchange_calls = 0

    def current_exchange(self) -> tuple[str, str, bool]:
        self.exchange_calls += 1
        return self.exchange


def fed_classroom(
    qtbot, output: str = "", *, width: int = 0
) -> tuple[FakeChat, ClassroomView, ClassroomFeed]:
    """A classroom shown and fed from a stand-in chat whose latest exchange has ``output``."""
    chat = FakeChat()
    chat.exchange = ("How many?", output, False)
    view = ClassroomView()
    qtbot.addWidget(view)
    if width:
        view.resize(width, 800)
    feed = ClassroomFeed(chat, view)
    feed.show_latest()
    view.show()
    return chat, view, feed


def test_pieces_are_batched_and_the_output_is_not_rebuilt_per_token(qtbot, monkeypatch):
    chat, view, _feed = fed_classroom(qtbot)
    appended: list[tuple[str, str]] = []
    original = view.append_output

    def spy(thinking: str, answer: str, *, complete: bool) -> None:
        appended.append((thinking, answer))
        original(thinking, answer, complete=complete)

    monkeypatch.setattr(view, "append_output", spy)
    thinking = "".join(f"Step {k} says \\(x_{k}\\).\n\n" for k in range(40))
    for i in range(0, len(thinking), 3):
        chat.thinking_received.emit(1, thinking[i : i + 3])
    qtbot.waitUntil(lambda: view.step_count == 40)
    assert len(appended) < 10  # one hand-over per render tick, not one per piece
    chat.answer_received.emit(1, "**42**")
    chat.message_finished.emit(1, False, {})
    assert view.step_count == 40 and "".join(a for _t, a in appended) == "**42**"
    assert chat.exchange_calls == 1  # the whole output was fetched once, when shown
    view.toggle_answer()
    assert "42" in view.answer_view.toPlainText()


def test_a_new_question_starts_the_presentation_over(qtbot):
    chat = FakeChat()
    view = ClassroomView()
    qtbot.addWidget(view)
    feed = ClassroomFeed(chat, view)
    chat.exchange = ("First?", "a\n\nb\n</think>\n\nc", True)
    feed.show_latest()
    view.show()
    view.reveal_next()
    chat.exchange = ("Second?", "", False)
    chat.message_started.emit(2)
    assert view.question_label.text() == "Second?" and view.revealed == 0
    assert view.step_count == 0


def test_incremental_steps_match_a_whole_split(qtbot):
    view = ClassroomView()
    qtbot.addWidget(view)
    thinking = "One.\n\n  \n\nTwo\nstill two.\n\n\nThree."
    for i in range(len(thinking)):
        view.append_output(thinking[i], "", complete=False)
    assert view._steps == ["One.", "Two\nstill two."]
    view.append_output("", "Answer", complete=False)
    assert view._steps == ["One.", "Two\nstill two.", "Three."]


def test_formulas_of_a_shown_answer_are_typeset_in_the_background_as_they_arrive(qtbot):
    from desktop.ui.math_images import shared_math_cache

    cache = shared_math_cache()
    nonce = id(qtbot)  # formulas no other test has put in the shared cache
    chat, view, _feed = fed_classroom(qtbot, "One step.\n</think>\n\nSo:\n\n", width=1280)
    view.toggle_answer()
    assert view.answer_visible
    answer = "".join(f"Case {k}: \\(n = {nonce + k}\\) so $$n^2 = {k}$$\n\n" for k in range(3))
    renders, served = cache.renders, cache.served_ahead
    for i in range(0, len(answer), 4):
        chat.answer_received.emit(1, answer[i : i + 4])
        qtbot.waitUntil(lambda: cache.typesetting_ahead == 0, timeout=10_000)
    chat.message_finished.emit(1, False, {})
    assert f"n = {nonce + 2}" in view.answer_view.plain_text()
    typeset = cache.renders - renders
    assert typeset == 2 * 3 and cache.served_ahead - served == typeset
