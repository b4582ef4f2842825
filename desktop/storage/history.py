"""The chat history: one SQLite file in the data folder, owned by one object on one thread.

Assistant messages store the raw model output (thinking, ``</think>``, answer) so nothing the
model wrote is lost; splitting it is the reader's job. Messages form a tree through
``parent_id``: regenerating an answer or editing a question adds a sibling instead of
overwriting, and ``conversations.leaf_id`` marks the end of the branch being shown.

The connection refuses use from other threads (sqlite3's ``check_same_thread``), which keeps
the inference worker honest. A damaged file is moved aside and replaced, never patched over;
:attr:`HistoryStore.notice` then says where it went.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from desktop.core.system.i18n import from_stored, to_stored
from desktop.storage.migrations import ensure_search_index, open_database
from desktop.storage.search import SearchHit, search_conversations

Role = Literal["user", "assistant"]
Status = Literal["complete", "streaming", "stopped", "interrupted", "failed"]
STATUSES: tuple[str, ...] = ("complete", "streaming", "stopped", "interrupted", "failed")
TITLE_WIDTH = 60
"""Title length in columns; a CJK character takes two, like on screen."""

_MESSAGE_COLUMNS = (
    "id, conversation_id, role, content, status, error, metrics, created, updated,"
    " thinking_seconds, parent_id"
)
_CONVERSATION_COLUMNS = "id, title, created, updated, pinned, deleted_at, leaf_id"


@dataclass(frozen=True)
class Conversation:
    """One conversation as listed in the sidebar."""

    id: int
    title: str
    created: float
    updated: float
    pinned: bool
    deleted_at: float | None
    leaf_id: int | None


@dataclass(frozen=True)
class StoredMessage:
    """One message; ``branch_index`` / ``branch_count`` place it among its siblings."""

    id: int
    conversation_id: int
    role: Role
    content: str
    status: Status
    error: str | None
    metrics: dict[str, Any]
    created: float
    updated: float
    thinking_seconds: float | None
    parent_id: int | None
    branch_index: int = 0
    branch_count: int = 1


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def title_from_question(text: str, width: int = TITLE_WIDTH) -> str:
    """A title from the first line of a question: at most ``width`` columns, cut between words.

    Text without spaces (Chinese, Japanese) is cut between characters; a combining mark or
    joiner is never separated from the character before it.
    """
    line = next((s for s in (" ".join(raw.split()) for raw in text.splitlines()) if s), "")
    if sum(map(_width, line)) <= width:
        return line
    used, cut = 0, 0
    for cut, ch in enumerate(line):  # noqa: B007 - the index where the width ran out
        used += _width(ch)
        if used > width - 1:  # keep a column for the ellipsis
            break
    while cut > 0 and (unicodedata.combining(line[cut]) or line[cut] in "\u200d\ufe0f"):
        cut -= 1
    head = line[:cut]
    if line[cut] != " " and _width(head[-1:] or " ") == 1:
        space = head.rfind(" ")
        if space > len(head) // 2:  # a boundary not too far back; else cut the long word
            head = head[:space]
    return head.rstrip(" ,.;:，。、；：") + "…"


class HistoryStore:
    """All reads and writes of the history file. Not thread-safe by design: one owner.

    After construction, :attr:`notice` is a sentence for the user if the file could not be
    used as it was (moved aside as damaged, unwritable, from a newer version), else None.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        use_fts: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        opened = open_database(self.path, clock)
        self.conn = opened.conn
        self.notice, self.moved_aside, self.persistent = (
            opened.notice,
            opened.moved_aside,
            opened.persistent,
        )
        self.full_text = use_fts and ensure_search_index(self.conn)
        # An answer still "streaming" in a file being opened was cut off by a crash or kill.
        now = clock()
        self.interrupted_on_open = self.conn.execute(
            "UPDATE messages SET status='interrupted', updated=? WHERE status='streaming'", (now,)
        ).rowcount
        self.purge_deleted()  # deletions whose undo window was cut short by a quit

    @property
    def search_mode(self) -> str:
        """``"fts5-trigram"`` (indexed, finds Chinese substrings) or ``"like"`` (full scan)."""
        return "fts5-trigram" if self.full_text else "like"

    def close(self) -> None:
        """Close the file (checkpointing the WAL); the store cannot be used afterwards."""
        self.conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- conversations ----------------------------------------------------------------------

    def create_conversation(self, title: str = "") -> int:
        """A new, empty conversation; returns its id."""
        now = self._clock()
        cur = self.conn.execute(
            "INSERT INTO conversations(title, created, updated) VALUES (?, ?, ?)",
            (title, now, now),
        )
        return int(cur.lastrowid)

    def conversation(self, conversation_id: int) -> Conversation | None:
        """One conversation (also a soft-deleted one), or None if it does not exist."""
        row = self.conn.execute(
            f"SELECT {_CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return _conversation(row) if row else None

    def conversations(self) -> list[Conversation]:
        """Conversations not deleted: pinned first, then the most recently updated."""
        rows = self.conn.execute(
            f"SELECT {_CONVERSATION_COLUMNS} FROM conversations WHERE deleted_at IS NULL"
            " ORDER BY pinned DESC, updated DESC, id DESC"
        )
        return [_conversation(row) for row in rows]

    def rename(self, conversation_id: int, title: str) -> None:
        """Set the title (surrounding whitespace removed)."""
        self.conn.execute(
            "UPDATE conversations SET title = ? WHERE id = ?", (title.strip(), conversation_id)
        )

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """Pin (listed first) or unpin a conversation."""
        self.conn.execute(
            "UPDATE conversations SET pinned = ? WHERE id = ?", (int(pinned), conversation_id)
        )

    def soft_delete(self, conversation_id: int) -> None:
        """Hide a conversation until :meth:`restore` or :meth:`purge_deleted`."""
        self.conn.execute(
            "UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (self._clock(), conversation_id),
        )

    def restore(self, conversation_id: int) -> None:
        """Undo :meth:`soft_delete`."""
        self.conn.execute(
            "UPDATE conversations SET deleted_at = NULL WHERE id = ?", (conversation_id,)
        )

    def purge(self, conversation_id: int) -> bool:
        """Erase one soft-deleted conversation and its messages now; False if not deleted."""
        with self._transaction() as conn:
            return (
                conn.execute(
                    "DELETE FROM conversations WHERE id = ? AND deleted_at IS NOT NULL",
                    (conversation_id,),
                ).rowcount
                > 0
            )

    def purge_deleted(self, deleted_before: float | None = None) -> int:
        """Erase soft-deleted conversations (those deleted before a time, or all); the count."""
        limit = float("inf") if deleted_before is None else deleted_before
        with self._transaction() as conn:
            return conn.execute(
                "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                (limit,),
            ).rowcount

    # -- messages ---------------------------------------------------------------------------

    def add_message(
        self, conversation_id: int, role: Role, content: str = "", *, status: Status = "complete"
    ) -> int:
        """Append a message after the conversation's current leaf; it becomes the new leaf."""
        now = self._clock()
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT INTO messages(conversation_id, role, content, status, created, updated,"
                " parent_id) VALUES (?, ?, ?, ?, ?, ?,"
                " (SELECT leaf_id FROM conversations WHERE id = ?))",
                (conversation_id, role, content, status, now, now, conversation_id),
            )
            message_id = int(cur.lastrowid)
            conn.execute(
                "UPDATE conversations SET leaf_id = ?, updated = ? WHERE id = ?",
                (message_id, now, conversation_id),
            )
        return message_id

    def update_message(
        self,
        message_id: int,
        *,
        content: str | None = None,
        status: Status | None = None,
        error: str | None = None,
        metrics: dict[str, Any] | None = None,
        thinking_seconds: float | None = None,
    ) -> None:
        """Change the given fields of a message (None leaves a field as it is)."""
        fields: dict[str, Any] = {"updated": self._clock()}
        if content is not None:
            fields["content"] = content
        if status is not None:
            if status not in STATUSES:
                raise ValueError(f"unknown message status {status!r}")
            fields["status"] = status
        if error is not None:  # a UserMessage is stored translatable (shown translated later)
            fields["error"] = to_stored(error)
        if metrics is not None:
            fields["metrics"] = json.dumps(metrics, ensure_ascii=False, default=str)
        if thinking_seconds is not None:
            fields["thinking_seconds"] = thinking_seconds
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.conn.execute(
            f"UPDATE messages SET {assignments} WHERE id = ?", (*fields.values(), message_id)
        )

    def message(self, message_id: int) -> StoredMessage | None:
        """One message (branch fields left at their defaults), or None."""
        row = self.conn.execute(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        return _message(row) if row else None

    def thread(self, conversation_id: int) -> list[StoredMessage]:
        """The branch being shown, oldest first, with each message's place among its siblings."""
        leaf = self.conn.execute(
            "SELECT leaf_id FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        rows = self.conn.execute(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id",
            (conversation_id,),
        ).fetchall()
        by_id = {row[0]: row for row in rows}
        children: dict[int | None, list[int]] = {}
        for row in rows:
            children.setdefault(row[10], []).append(row[0])
        chain: list[StoredMessage] = []
        current = leaf[0] if leaf else None
        while current is not None and current in by_id:
            row = by_id[current]
            siblings = children[row[10]]
            chain.append(_message(row, siblings.index(current), len(siblings)))
            current = row[10]
        return chain[::-1]

    def set_leaf(self, conversation_id: int, message_id: int | None) -> None:
        """Make the thread end at ``message_id`` (None: before the first message)."""
        self.conn.execute(
            "UPDATE conversations SET leaf_id = ? WHERE id = ?", (message_id, conversation_id)
        )

    def switch_branch(self, message_id: int) -> None:
        """Show the branch through ``message_id``, down to its most recent descendant."""
        current = message_id
        while True:
            child = self.conn.execute(
                "SELECT MAX(id) FROM messages WHERE parent_id = ?", (current,)
            ).fetchone()[0]
            if child is None:
                break
            current = child
        self.conn.execute(
            "UPDATE conversations SET leaf_id = ?"
            " WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)",
            (current, message_id),
        )

    def sibling_ids(self, message_id: int) -> list[int]:
        """Ids of the message and its alternatives (same parent), oldest first."""
        rows = self.conn.execute(
            "SELECT s.id FROM messages m JOIN messages s ON s.conversation_id = m.conversation_id"
            " AND s.parent_id IS m.parent_id WHERE m.id = ? ORDER BY s.id",
            (message_id,),
        )
        return [row[0] for row in rows]

    def delete_message(self, message_id: int) -> None:
        """Remove one message; its replies move up to its parent so nothing else is lost."""
        message = self.message(message_id)
        if message is None:
            return
        with self._transaction() as conn:
            conn.execute(
                "UPDATE messages SET parent_id = ? WHERE parent_id = ?",
                (message.parent_id, message_id),
            )
            conn.execute(
                "UPDATE conversations SET leaf_id = ? WHERE leaf_id = ?",
                (message.parent_id, message_id),
            )
            conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Conversations whose title or one message contains every word of ``query``.

        Case-insensitive for Latin letters; Chinese text matches as a substring. Ordered like
        :meth:`conversations`, each with a snippet of the first matching message (or the title).
        """
        order = [c.id for c in self.conversations()]
        return search_conversations(self.conn, query, order, self.full_text)[:limit]


def _conversation(row: tuple) -> Conversation:
    return Conversation(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6])


def _message(row: tuple, branch_index: int = 0, branch_count: int = 1) -> StoredMessage:
    try:
        metrics = json.loads(row[6]) if row[6] else {}
    except ValueError:
        metrics = {}
    row = (*row[:5], from_stored(row[5]), *row[6:])
    return StoredMessage(*row[:6], metrics, *row[7:], branch_index, branch_count)  # type: ignore[arg-type]
