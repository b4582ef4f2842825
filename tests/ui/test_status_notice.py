"""A notice in the status bar (e.g. "the context was reduced to fit in memory") is shown in
full: the model name and speed labels beside it used to squeeze it to a few words."""

from __future__ import annotations

NOTICE = (
    "The context was reduced from 8,192 to 4,096 tokens so that DeepSeek-R1-Distill-Qwen-7B "
    "fits the 6.0 GB memory budget (about 5.8 GB needed)."
)


def _room_for_message(window) -> int:
    bar = window.statusBar()
    taken = sum(
        label.width() + 6 for label in (window.model_label, window.metrics_label)
        if label.isVisible()
    )  # fmt: skip
    return bar.width() - taken


def test_a_session_notice_gets_the_whole_status_bar(ready, qtbot):
    services, window = ready
    window.resize(1200, 700)
    window.metrics_label.setText("0.4 s to first token · 12.3 tokens/s · 512 tokens")
    qtbot.wait(50)
    services.session.notice.emit(NOTICE)
    qtbot.wait(50)
    assert window.statusBar().currentMessage() == NOTICE
    needed = window.statusBar().fontMetrics().horizontalAdvance(NOTICE)
    assert _room_for_message(window) >= needed


def test_the_labels_come_back_when_the_notice_goes(ready, qtbot):
    services, window = ready
    services.session.notice.emit(NOTICE)
    qtbot.wait(20)
    window.statusBar().clearMessage()  # what the 15 s timeout does
    qtbot.wait(20)
    assert window.model_label.isVisible()
    services.session.notice.emit(NOTICE)
    window.statusBar().showMessage("Loading something…")  # replaced by another message
    qtbot.wait(20)
    assert window.model_label.isVisible()
