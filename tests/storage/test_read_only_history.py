"""A history file that can be read but not written (a read-only data folder or disk): the
saved chats stay readable, and the user is told new ones will not be saved.

As root, permissions do not stop writes, so the folder is a small tmpfs mounted read-only; the
test is skipped where mounting is not allowed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.storage.history import HistoryStore


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def read_only_history(tmp_path: Path) -> Iterator[Path]:
    """A history with two saved chats in a folder that then becomes read-only."""
    folder = tmp_path / "data"
    folder.mkdir()
    as_root = os.geteuid() == 0
    if as_root and not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)):
        pytest.skip("a read-only folder needs a mount here (running as root)")
    path = folder / "history.sqlite3"
    try:
        store = HistoryStore(path)
        for title, question, answer in (
            ("Chickens and rabbits", "35 heads, 94 feet?", "Think.</think>23 and 12"),
            ("鸡兔同笼", "有多少只？", "想一想</think>鸡 23 只"),
        ):
            cid = store.create_conversation(title)
            store.add_message(cid, "user", question)
            store.add_message(cid, "assistant", answer)
        store.close()
        if as_root:
            assert _mount("-o", "remount,ro", str(folder))
        else:
            path.chmod(0o444)
            folder.chmod(0o555)
        yield path
    finally:
        if as_root:
            subprocess.run(["umount", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)


def test_saved_chats_stay_readable_when_the_folder_is_read_only(read_only_history):
    before = read_only_history.read_bytes()
    store = HistoryStore(read_only_history)
    try:
        assert not store.persistent
        assert store.notice is not None and "will not be saved" in store.notice
        assert "can be read" in store.notice
        titles = sorted(c.title for c in store.conversations())
        assert titles == ["Chickens and rabbits", "鸡兔同笼"]
        chat = next(c for c in store.conversations() if c.title == "鸡兔同笼")
        assert [m.content for m in store.thread(chat.id)] == [
            "有多少只？",
            "想一想</think>鸡 23 只",
        ]
        assert [h.conversation_id for h in store.search("23")] != []
        # This session's chats live in memory, next to the old ones.
        cid = store.create_conversation("new")
        store.add_message(cid, "user", "still usable")
        assert len(store.conversations()) == 3
    finally:
        store.close()
    assert read_only_history.read_bytes() == before
