"""The history store on real SQLite files: conversations, branches, search, damage recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.storage.history import HistoryStore, title_from_question
from desktop.storage.migrations import CURRENT_VERSION


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        self.now += 1.0  # every call a second later: orderings are deterministic
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(path: Path):
    store = HistoryStore(path, clock=Clock())
    yield store
    store.close()


def add_exchange(store: HistoryStore, cid: int, question: str, answer: str) -> tuple[int, int]:
    return store.add_message(cid, "user", question), store.add_message(cid, "assistant", answer)


def test_new_file_is_wal_with_foreign_keys_and_current_schema(store, path):
    assert path.is_file() and store.notice is None and store.persistent
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert store.search_mode == "fts5-trigram"


def test_pinned_first_then_most_recently_updated(store):
    a, b, c = (store.create_conversation(t) for t in ("a", "b", "c"))
    store.add_message(a, "user", "bump a")  # a is now the most recent
    assert [x.title for x in store.conversations()] == ["a", "c", "b"]
    store.set_pinned(b, True)
    assert [x.title for x in store.conversations()] == ["b", "a", "c"]
    assert store.conversations()[0].pinned
    store.rename(c, "  renamed  ")
    assert store.conversation(c).title == "renamed"


def test_soft_delete_hides_restore_brings_back_purge_erases(store):
    cid = store.create_conversation("doomed")
    add_exchange(store, cid, "q", "a</think>b")
    store.soft_delete(cid)
    assert store.conversations() == [] and store.search("doomed") == []
    store.restore(cid)
    assert [c.id for c in store.conversations()] == [cid]
    store.soft_delete(cid)
    assert store.purge(cid)
    assert store.conversation(cid) is None
    assert store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0


def test_deletions_left_pending_at_quit_are_purged_on_next_open(path):
    store = HistoryStore(path)
    keep, gone = store.create_conversation("keep"), store.create_conversation("gone")
    store.soft_delete(gone)
    store.close()
    store = HistoryStore(path)
    assert [c.id for c in store.conversations()] == [keep] and store.conversation(gone) is None
    store.close()


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("  \n\n  What is   2+2?\nSecond line", "What is 2+2?"),
        ("short", "short"),
        (
            "Please explain the difference between a list and a tuple in Python with examples",
            "Please explain the difference between a list and a tuple in…",
        ),
        ("x" * 100, "x" * 59 + "…"),
    ],
)
def test_titles_from_the_first_line_cut_between_words(question, title):
    assert title_from_question(question) == title


def test_titles_of_cjk_text_count_wide_characters_double():
    question = "一个笼子里有鸡和兔子共35只，脚共94只，问各有多少？请详细地写出解题步骤并验证答案。"
    title = title_from_question(question)
    assert title.endswith("…") and question.startswith(title[:-1])
    width = sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "，？" else 1 for ch in title[:-1])
    assert 50 <= width <= 59
    assert title_from_question("鸡兔同笼") == "鸡兔同笼"


def test_titles_never_split_a_combining_mark_from_its_letter():
    question = "e\u0301" * 80  # "é" as e + combining acute accent
    title = title_from_question(question)
    assert not title[:-1].endswith("e") and title.endswith("…")


def test_thread_walks_the_branch_being_shown(store):
    cid = store.create_conversation("t")
    q1, a1 = add_exchange(store, cid, "q1", "t</think>a1")
    q2, a2 = add_exchange(store, cid, "q2", "t</think>a2")
    assert [m.id for m in store.thread(cid)] == [q1, a1, q2, a2]
    assert store.thread(cid)[1].parent_id == q1


def test_regenerate_keeps_the_old_answer_as_a_sibling(store):
    cid = store.create_conversation("t")
    q1, a1 = add_exchange(store, cid, "q1", "old</think>answer")
    store.set_leaf(cid, q1)
    a2 = store.add_message(cid, "assistant", "new</think>answer")
    thread = store.thread(cid)
    assert [m.id for m in thread] == [q1, a2]
    assert (thread[1].branch_index, thread[1].branch_count) == (1, 2)
    assert store.sibling_ids(a2) == [a1, a2]
    store.switch_branch(a1)
    assert [m.id for m in store.thread(cid)] == [q1, a1]


def test_edit_and_resend_branches_off_and_keeps_later_turns_reachable(store):
    cid = store.create_conversation("t")
    q1, a1 = add_exchange(store, cid, "first", "t</think>one")
    q2, a2 = add_exchange(store, cid, "second", "t</think>two")
    q3, a3 = add_exchange(store, cid, "third", "t</think>three")
    store.set_leaf(cid, a1)  # edit q2: the new question follows q2's parent
    q2b, a2b = add_exchange(store, cid, "second, edited", "t</think>two again")
    thread = store.thread(cid)
    assert [m.id for m in thread] == [q1, a1, q2b, a2b]
    assert (thread[2].branch_index, thread[2].branch_count) == (1, 2)
    store.switch_branch(q2)  # back to the original: down to its latest reply
    assert [m.id for m in store.thread(cid)] == [q1, a1, q2, a2, q3, a3]


def test_editing_the_first_question_starts_a_second_root(store):
    cid = store.create_conversation("t")
    q1, _ = add_exchange(store, cid, "first", "t</think>one")
    store.set_leaf(cid, None)
    q1b, a1b = add_exchange(store, cid, "first, edited", "t</think>uno")
    assert [m.id for m in store.thread(cid)] == [q1b, a1b]
    assert store.sibling_ids(q1b) == [q1, q1b]


def test_deleting_a_message_reparents_its_replies(store):
    cid = store.create_conversation("t")
    q1, a1 = add_exchange(store, cid, "q1", "a1")
    q2, a2 = add_exchange(store, cid, "q2", "a2")
    store.delete_message(a1)
    assert [m.id for m in store.thread(cid)] == [q1, q2, a2]
    store.delete_message(a2)  # the leaf: the thread now ends at its parent
    assert [m.id for m in store.thread(cid)] == [q1, q2]


def test_update_message_keeps_metrics_as_json_and_rejects_unknown_status(store):
    cid = store.create_conversation("t")
    mid = store.add_message(cid, "assistant", status="streaming")
    store.update_message(mid, content="x", status="stopped", metrics={"tok/s": 12.5, "n": 3})
    message = store.message(mid)
    assert (message.content, message.status, message.metrics) == (
        "x",
        "stopped",
        {"tok/s": 12.5, "n": 3},
    )
    with pytest.raises(ValueError):
        store.update_message(mid, status="done")


def test_streaming_rows_become_interrupted_on_the_next_open(path):
    store = HistoryStore(path)
    cid = store.create_conversation("t")
    mid = store.add_message(cid, "assistant", "half an ans", status="streaming")
    store.close()
    store = HistoryStore(path)
    assert store.interrupted_on_open == 1
    message = store.message(mid)
    assert (message.status, message.content) == ("interrupted", "half an ans")
    assert store.search("an ans")  # indexed once no longer streaming
    store.close()


@pytest.fixture
def searchable(store):
    zh = store.create_conversation("鸡兔同笼")
    add_exchange(
        store, zh, "一个笼子里有鸡和兔子共35只，脚共94只", "设鸡有x只</think>答案：鸡23只，兔12只"
    )
    en = store.create_conversation("Weekday puzzle")
    add_exchange(
        store, en, "If today is Wednesday, what day is it in 100 days?", "mod 7</think>Friday"
    )
    other = store.create_conversation("Percent_literal 100%")
    add_exchange(store, other, "no match here", "nothing</think>at all")
    return store, zh, en, other


def test_search_finds_messages_case_insensitively_with_a_snippet(searchable):
    store, _zh, en, _other = searchable
    hits = store.search("wednesday")
    assert [h.conversation_id for h in hits] == [en]
    assert "Wednesday" in hits[0].snippet
    assert [h.conversation_id for h in store.search("friday")] == [en]  # the answer part too


def test_search_finds_chinese_substrings_of_any_length(searchable):
    store, zh, _en, _other = searchable
    assert [h.conversation_id for h in store.search("兔子共")] == [zh]  # trigram index
    assert [h.conversation_id for h in store.search("笼子")] == [zh]  # two characters: LIKE
    assert [h.conversation_id for h in store.search("兔")] == [zh]
    assert "鸡23只" in store.search("答案")[0].snippet


def test_search_needs_every_word_and_matches_titles(searchable):
    store, _zh, en, other = searchable
    assert [h.conversation_id for h in store.search("weekday puzzle")] == [en]
    assert store.search("wednesday 笼子") == []
    assert [h.conversation_id for h in store.search("100%")] == [other]  # % is literal
    assert [h.conversation_id for h in store.search("t_l")] == [other]  # _ is literal
    assert store.search("   ") == []
    assert store.search('"') == [] and store.search("AND OR NOT") == []


def test_like_fallback_gives_the_same_answers(path):
    store = HistoryStore(path, use_fts=False)
    assert store.search_mode == "like"
    cid = store.create_conversation("鸡兔同笼")
    add_exchange(store, cid, "一个笼子里有鸡和兔子", "x</think>Friday")
    assert [h.conversation_id for h in store.search("兔子")] == [cid]
    assert [h.conversation_id for h in store.search("FRIDAY")] == [cid]
    store.close()


def test_index_is_rebuilt_for_a_file_last_used_without_fts(path):
    store = HistoryStore(path)
    cid = store.create_conversation("t")
    store.add_message(cid, "user", "remember the trigram")
    # What a SQLite without FTS5 leaves behind: no triggers, and writes the index never saw.
    for (name,) in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger'"
    ).fetchall():
        store.conn.execute(f"DROP TRIGGER {name}")
    store.add_message(cid, "user", "unseen words appear")
    store.close()
    store = HistoryStore(path)
    assert [h.conversation_id for h in store.search("unseen words")] == [cid]
    store.close()


def test_garbage_file_is_moved_aside_and_a_new_history_started(path):
    garbage = b"this is not a database at all\n" * 200
    path.write_bytes(garbage)
    Path(str(path) + "-wal").write_bytes(b"stale journal")
    store = HistoryStore(path)
    assert store.persistent and store.moved_aside is not None
    assert store.moved_aside.read_bytes() == garbage  # kept, byte for byte
    assert store.moved_aside.name.startswith("history-damaged-")
    assert Path(str(store.moved_aside) + "-wal").read_bytes() == b"stale journal"
    assert store.notice == (
        f"The chat history file was damaged; it was moved to {store.moved_aside} "
        "and a new one was started."
    )
    assert store.conversations() == []
    store.create_conversation("works again")
    store.close()
    assert HistoryStore(path).notice is None


def test_malformed_pages_are_detected_at_open(path):
    store = HistoryStore(path)
    cid = store.create_conversation("t")
    for i in range(300):
        store.add_message(cid, "user", f"message {i} " + "x" * 200)
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = b"\xa5" * (3 * page)  # trash b-tree pages, keep the header
    path.write_bytes(bytes(data))
    store = HistoryStore(path)
    assert store.moved_aside is not None and store.moved_aside.exists()
    assert store.conversations() == []
    store.close()


def test_history_from_a_newer_version_is_left_untouched(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    store = HistoryStore(path)
    assert not store.persistent and "newer version" in store.notice
    store.create_conversation("in memory only")
    store.close()
    assert path.read_bytes() == before


def test_another_thread_cannot_use_the_store(store):
    import threading

    errors: list[BaseException] = []

    def worker() -> None:
        try:
            store.conversations()
        except BaseException as err:
            errors.append(err)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)


def test_an_unusable_location_falls_back_to_memory_and_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = HistoryStore(blocker / "history.sqlite3")
    assert not store.persistent and "will not be saved" in store.notice
    cid = store.create_conversation("still usable")
    assert [c.id for c in store.conversations()] == [cid]
    store.close()


@pytest.mark.parametrize("use_fts", [True, False])
def test_the_think_tags_are_not_searchable(path, use_fts):
    store = HistoryStore(path, use_fts=use_fts)
    cid = store.create_conversation("t")
    store.add_message(cid, "assistant", "<think>\nreasoning</think>\n\nanswer")
    assert store.search("think") == [] and store.search("/th") == []
    assert [h.conversation_id for h in store.search("reasoning answer")] == [cid]
    store.close()
