"""What the chat said while the history could not be written is added once it can be."""

from __future__ import annotations

from desktop.core.engines.prompt import ChatMessage
from desktop.services.history_catch_up import save_missing_turns
from desktop.storage.history import HistoryStore

TURNS = [
    ChatMessage("user", "q1"),
    ChatMessage("assistant", "t1</think>a1"),
    ChatMessage("user", "q2"),
    ChatMessage("assistant", "t2</think>a2, the whole answer"),
]


def _saved(store: HistoryStore, cid: int) -> list[tuple[str, str]]:
    return [(m.role, m.content) for m in store.thread(cid)]


def test_an_answer_cut_short_by_a_full_disk_gets_its_whole_text(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("q1")
    store.add_message(cid, "user", "q1")
    store.add_message(cid, "assistant", "t1</think>a1")
    store.add_message(cid, "user", "q2")
    store.add_message(cid, "assistant", "t2</think>a2, the wh", status="streaming")
    assert save_missing_turns(store, cid, TURNS) == cid
    assert _saved(store, cid) == [(t.role, t.content) for t in TURNS]
    assert store.thread(cid)[-1].status == "complete"
    store.close()


def test_nothing_is_written_when_the_file_and_the_chat_differ(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("q1")
    store.add_message(cid, "user", "another question")
    assert save_missing_turns(store, cid, TURNS) == cid
    assert _saved(store, cid) == [("user", "another question")]
    store.close()


def test_a_saved_chat_is_left_as_it_is_and_nothing_new_starts_without_turns(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("q1")
    for turn in TURNS:
        store.add_message(cid, turn.role, turn.content)
    assert save_missing_turns(store, cid, TURNS) == cid
    assert len(store.thread(cid)) == 4
    assert save_missing_turns(store, None, []) is None
    assert len(store.conversations()) == 1
    store.close()
