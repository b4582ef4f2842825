"""Schema steps: a v1 file (written by the v1 step alone) is brought up to date intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.storage.history import HistoryStore
from desktop.storage.migrations import CURRENT_VERSION, MIGRATIONS, migrate, schema_version


def write_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == (0, 1)
    conn.execute(
        "INSERT INTO conversations(id, title, created, updated, pinned)"
        " VALUES (1, '鸡兔同笼', 10, 20, 1), (2, 'Weekday', 11, 30, 0)"
    )
    rows = [
        (1, 1, "user", "一个笼子里有鸡和兔子", "complete", 10),
        (2, 1, "assistant", "设鸡有x只</think>鸡23只", "complete", 11),
        (3, 2, "user", "If today is Wednesday?", "complete", 12),
        (4, 1, "user", "再算一次", "complete", 13),
        (5, 1, "assistant", "partial thinking", "streaming", 14),
    ]
    conn.executemany(
        "INSERT INTO messages(id, conversation_id, role, content, status, created, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*r, r[-1]) for r in rows],
    )
    conn.close()


def test_v1_file_migrates_to_current_with_threads_and_search(tmp_path):
    path = tmp_path / "history.sqlite3"
    write_v1(path)
    store = HistoryStore(path)
    assert schema_version(store.conn) == CURRENT_VERSION > 1
    assert [c.title for c in store.conversations()] == ["鸡兔同笼", "Weekday"]  # pinned first
    thread = store.thread(1)
    assert [m.id for m in thread] == [1, 2, 4, 5]  # v1 order became parent links
    assert [m.parent_id for m in thread] == [None, 1, 2, 4]
    assert thread[-1].status == "interrupted" and thread[-1].content == "partial thinking"
    assert [m.id for m in store.thread(2)] == [3]
    assert [h.conversation_id for h in store.search("wednesday")] == [2]
    assert [h.conversation_id for h in store.search("鸡和兔")] == [1]
    # The new columns work on migrated rows.
    store.soft_delete(2)
    store.update_message(2, thinking_seconds=3.5)
    assert store.message(2).thinking_seconds == 3.5
    store.close()


def test_a_failing_step_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "history.sqlite3"
    write_v1(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE conversations ADD COLUMN half_done INTEGER")
        raise RuntimeError("step failed midway")

    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError):
        migrate(conn, (*MIGRATIONS[:1], broken))
    assert schema_version(conn) == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(conversations)")}
    assert "half_done" not in columns
    conn.close()


def test_migrating_an_up_to_date_file_does_nothing(tmp_path):
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    assert migrate(conn) == (0, CURRENT_VERSION)
    assert migrate(conn) == (CURRENT_VERSION, CURRENT_VERSION)
    conn.close()
