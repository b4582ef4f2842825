"""A full disk or a read-only history while chatting: nothing is lost silently.

The failures are real SQLite errors: ``PRAGMA max_page_count`` makes the file "full" exactly
as a full disk does (SQLITE_FULL), ``PRAGMA query_only`` makes it refuse writes like a
read-only data folder (SQLITE_READONLY).
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox


def _fill_disk(services) -> None:
    conn = services.history.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _make_read_only(services) -> None:
    services.history.store.conn.execute("PRAGMA query_only = ON")


def _ask(services, qtbot, window, text: str) -> None:
    with qtbot.waitSignal(services.chat.busy_changed, timeout=30_000,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        window._on_send_requested(text)


def _ask_directly(services, qtbot, text: str) -> None:
    """Past the long-question guard: the reply may fail, the save is what is tested."""
    with qtbot.waitSignal(services.chat.busy_changed, timeout=30_000,
                          check_params_cb=lambda busy: not busy):  # fmt: skip
        assert services.chat.send(text)


def _pad_history(services, qtbot, window) -> None:
    """A saved exchange, so the next one is a continuation."""
    _ask(services, qtbot, window, "First question")


def test_a_full_disk_while_chatting_leaves_a_lasting_readable_notice(ready, qtbot):
    services, window = ready
    _pad_history(services, qtbot, window)
    _fill_disk(services)
    failures: list[str] = []
    services.history.storage_failed.connect(failures.append)
    # Longer than a page of the file: it cannot fit in space left free inside the file.
    _ask_directly(services, qtbot, "Second question " + "y" * 9000)
    assert failures, "the failed save was not reported"
    banner = window.storage_banner
    # Not a status-bar line that the metrics squeeze to a few letters and that goes in 10 s.
    qtbot.wait(50)
    assert banner.isVisible()
    text = banner.message.text()
    assert "database or disk is full" in text
    assert "not" in text and "saved" in text
    assert banner.message.wordWrap()
    window.statusBar().clearMessage()
    assert banner.isVisible()
    banner.dismiss_button.click()
    assert not banner.isVisible()


def test_the_notice_stays_hidden_while_saving_works(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "A question")
    assert not window.storage_banner.isVisible()


def test_a_data_folder_turned_read_only_mid_chat_is_reported(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "First question")
    _make_read_only(services)
    _ask(services, qtbot, window, "Second question")
    assert window.storage_banner.isVisible()
    assert "readonly" in window.storage_banner.message.text()


def test_renaming_pinning_and_deleting_on_a_read_only_history_tell_the_user(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "A question")
    cid = services.history.current_id
    _make_read_only(services)
    failures: list[str] = []
    services.history.storage_failed.connect(failures.append)
    # Each of these raised sqlite3.OperationalError into a Qt slot: a traceback on stderr,
    # nothing on screen, and the sidebar out of step with the file.
    services.history.rename(cid, "New title")
    services.history.set_pinned(cid, True)
    services.history.delete_conversation(cid)
    assert len(failures) == 3
    assert all("readonly" in f or "read-only" in f for f in failures)
    assert window.storage_banner.isVisible()
    # The deletion did not happen: no "Undo" offered for it, and the chat is still listed.
    assert [c.id for c in services.history.conversations()] == [cid]
    assert services.history.current_id == cid


def test_regenerate_and_edit_on_a_read_only_history_are_refused_with_a_reason(
    ready, qtbot, monkeypatch
):
    services, window = ready
    _ask(services, qtbot, window, "A question")
    _make_read_only(services)
    panel = window.history_panel
    failures: list[str] = []
    services.history.storage_failed.connect(failures.append)
    before = services.chat.turns
    panel.on_message_action("regenerate", 1)
    assert not services.chat.busy  # nothing asked that could not be saved
    assert services.chat.turns == before
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Edited", True))
    )
    panel.on_message_action("edit", 0)
    assert not services.chat.busy
    assert services.chat.turns == before
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    panel.on_message_action("delete", 1)
    assert services.chat.turns == before
    assert len(failures) == 3
    assert window.chat_view.message_count() == 2


def test_a_dismissed_notice_stays_dismissed_until_saving_worked_again(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "First question")
    banner = window.storage_banner
    _make_read_only(services)
    _ask(services, qtbot, window, "Second question")
    assert banner.isVisible()
    banner.dismiss_button.click()
    # Every later write of the same outage (each question, each checkpoint of a long answer)
    # fails again; the notice must not pop back up each second after the user closed it.
    _ask(services, qtbot, window, "Third question")
    services.history.checkpoint()
    assert not banner.isVisible()
    services.history.store.conn.execute("PRAGMA query_only = OFF")
    _ask(services, qtbot, window, "Fourth question")  # saved: the outage is over
    assert not banner.isVisible()
    _make_read_only(services)
    _ask(services, qtbot, window, "Fifth question")  # a new outage is told again
    assert banner.isVisible()


def _writable_again(services) -> None:
    services.history.store.conn.execute("PRAGMA query_only = OFF")


def _saved(services) -> list[tuple[str, str]]:
    return [(m.role, m.content) for m in services.history.thread()]


def _in_chat(services) -> list[tuple[str, str]]:
    return [(t.role, t.content) for t in services.chat.turns]


def test_what_was_said_during_an_outage_is_saved_once_there_is_room_again(ready, qtbot):
    services, window = ready
    _ask(services, qtbot, window, "First question")
    _make_read_only(services)
    _ask(services, qtbot, window, "Second question")
    assert len(_saved(services)) == 2
    assert window.storage_banner.isVisible()
    _writable_again(services)
    _ask(services, qtbot, window, "Third question")
    assert not window.storage_banner.isVisible()  # saved again: the notice is not left stale
    # The second exchange is in the file too, in its place, not only the third.
    assert _saved(services) == _in_chat(services)
    assert [role for role, _ in _saved(services)] == ["user", "assistant"] * 3


def test_a_chat_started_during_an_outage_is_saved_whole_afterwards(ready, qtbot):
    services, window = ready
    _make_read_only(services)
    _ask(services, qtbot, window, "Asked while nothing could be saved")
    assert services.history.conversations() == []
    _writable_again(services)
    _ask(services, qtbot, window, "Asked after")
    (conversation,) = services.history.conversations()
    assert conversation.title == "Asked while nothing could be saved"
    assert _saved(services) == _in_chat(services)
    assert len(_saved(services)) == 4


def test_an_answer_whose_saving_failed_midway_is_completed_later(ready, qtbot):
    services, window = ready

    # The disk fills while the answer streams: its row exists, its text never gets written.
    def disk_fills(_request_id: int) -> None:
        _make_read_only(services)

    services.chat.message_started.connect(disk_fills)
    _ask(services, qtbot, window, "First question")
    assert _saved(services)[-1] == ("assistant", "")
    services.history.checkpoint()  # the checkpoint timer firing after the answer ended
    _writable_again(services)
    services.chat.message_started.disconnect(disk_fills)
    _ask(services, qtbot, window, "Second question")
    assert _saved(services) == _in_chat(services)
    assert all(m.status == "complete" for m in services.history.thread())
