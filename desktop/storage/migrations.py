"""Opening the history file: integrity check, schema steps, search index, damage recovery.

``MIGRATIONS[i]`` turns a version ``i`` database into version ``i + 1``; the version lives in
``PRAGMA user_version``. Each step runs in its own transaction together with the version bump,
so a failed step leaves the file exactly as it was.

The full-text index is not a numbered step: whether FTS5 with the trigram tokenizer exists
depends on the SQLite library the app runs with, not on the file, so :func:`ensure_search_index`
checks it at every open and builds, rebuilds or unhooks the index to match.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.system.i18n import QT_TRANSLATE_NOOP

Migration = Callable[[sqlite3.Connection], None]


class SchemaTooNewError(Exception):
    """The file was written by a newer ThinkDesk; this version must not touch it."""


def _v1_initial(conn: sqlite3.Connection) -> None:
    # executescript() would COMMIT first and break the all-or-nothing step: one statement each.
    for statement in (
        """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL,
            updated REAL NOT NULL,
            pinned INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            content TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'complete',
            error TEXT,
            metrics TEXT,
            created REAL NOT NULL,
            updated REAL NOT NULL)""",
        "CREATE INDEX messages_by_conversation ON messages(conversation_id, id)",
    ):
        conn.execute(statement)


def _v2_undo_and_branches(conn: sqlite3.Connection) -> None:
    for statement in (
        "ALTER TABLE conversations ADD COLUMN deleted_at REAL",
        # The end of the branch being shown; walking parent_id up from it gives the thread.
        "ALTER TABLE conversations ADD COLUMN leaf_id INTEGER"
        " REFERENCES messages(id) ON DELETE SET NULL",
        "ALTER TABLE messages ADD COLUMN parent_id INTEGER"
        " REFERENCES messages(id) ON DELETE SET NULL",
        "ALTER TABLE messages ADD COLUMN thinking_seconds REAL",
        "CREATE INDEX messages_by_parent ON messages(parent_id)",
        "CREATE INDEX messages_by_status ON messages(status)",
        # v1 conversations were straight lines: each message follows the one before it.
        """UPDATE messages SET parent_id = (
               SELECT MAX(p.id) FROM messages p
               WHERE p.conversation_id = messages.conversation_id AND p.id < messages.id)""",
        """UPDATE conversations SET leaf_id = (
               SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id)""",
    ):
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_v1_initial, _v2_undo_and_branches)
CURRENT_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The ``user_version`` of the open database (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> tuple[int, int]:
    """Apply the missing steps in order; return (version before, version after).

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the explicit
    transactions here are the only ones. Raises :class:`SchemaTooNewError` for a file from a
    newer version, and re-raises whatever a failing step raised after rolling it back.
    """
    before = schema_version(conn)
    if before > len(migrations):
        raise SchemaTooNewError(
            f"the file has schema version {before}; this ThinkDesk knows up to {len(migrations)}"
        )
    for version in range(before, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return before, len(migrations)


# -- full-text search ------------------------------------------------------------------------

_SEARCH_TABLES = ("message_fts", "conversation_fts")
# The think tags are left out of the index, or searching "think" would find every answer.
_BODY = "replace(replace({0}.content, '</think>', ' '), '<think>', ' ')"
# Rows still streaming are left out of the index: they change every second and a crash turns
# them into "interrupted" (an UPDATE), which indexes them then.
_SEARCH_TRIGGERS = {
    "messages_fts_insert": """
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
        WHEN new.status != 'streaming' BEGIN
            INSERT INTO message_fts(rowid, body) VALUES (new.id, {new});
        END""",
    "messages_fts_update": """
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages BEGIN
            DELETE FROM message_fts WHERE rowid = old.id;
            INSERT INTO message_fts(rowid, body)
                SELECT new.id, {new} WHERE new.status != 'streaming';
        END""",
    "messages_fts_delete": """
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            DELETE FROM message_fts WHERE rowid = old.id;
        END""",
    "conversations_fts_insert": """
        CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
            INSERT INTO conversation_fts(rowid, title) VALUES (new.id, new.title);
        END""",
    "conversations_fts_update": """
        CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
            DELETE FROM conversation_fts WHERE rowid = old.id;
            INSERT INTO conversation_fts(rowid, title) VALUES (new.id, new.title);
        END""",
    "conversations_fts_delete": """
        CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
            DELETE FROM conversation_fts WHERE rowid = old.id;
        END""",
}


def trigram_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite >= 3.34).

    The default unicode61 tokenizer treats a run of Chinese characters as one word, so a search
    for a word inside a sentence finds nothing; trigrams find any substring of 3+ characters.
    """
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.fts_probe")
    return True


def ensure_search_index(conn: sqlite3.Connection) -> bool:
    """Make the search index match this SQLite library; True if full-text search is usable.

    With FTS5: create the tables and triggers if missing and fill them (a migrated file, or one
    last used by a SQLite without FTS5). Without: drop the triggers, because every write to a
    table with a trigger on a missing module would fail; the stale index is rebuilt next time.
    """
    existing = {
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    if not trigram_available(conn):
        for name in _SEARCH_TRIGGERS:
            if name in existing:
                conn.execute(f"DROP TRIGGER {name}")
        return False
    if existing.issuperset(_SEARCH_TRIGGERS):
        return True
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in _SEARCH_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("CREATE VIRTUAL TABLE message_fts USING fts5(body, tokenize='trigram')")
        conn.execute("CREATE VIRTUAL TABLE conversation_fts USING fts5(title, tokenize='trigram')")
        for name, sql in _SEARCH_TRIGGERS.items():
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute(sql.replace("{new}", _BODY.format("new")))
        conn.execute(
            "INSERT INTO message_fts(rowid, body)"
            f" SELECT id, {_BODY.format('messages')} FROM messages WHERE status != 'streaming'"
        )
        conn.execute(
            "INSERT INTO conversation_fts(rowid, title) SELECT id, title FROM conversations"
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return True


# -- opening ---------------------------------------------------------------------------------

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)


@dataclass
class OpenedDatabase:
    """A ready connection, and what the user must be told about how it was obtained."""

    conn: sqlite3.Connection
    notice: str | None = None  # a sentence for the user, or None if all went normally
    moved_aside: Path | None = None  # where a damaged file went
    persistent: bool = True  # False: an in-memory stand-in, nothing is saved


def _prepare(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # Before anything writes: switching to WAL already rewrites the header of a newer file.
    if schema_version(conn) > CURRENT_VERSION:
        raise SchemaTooNewError(f"schema version {schema_version(conn)} > {CURRENT_VERSION}")
    conn.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL survives a killed process; only an OS crash may lose the last commit.
    conn.execute("PRAGMA synchronous = NORMAL")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")
    migrate(conn)


def connect(target: str) -> sqlite3.Connection:
    """Open, check and migrate one database file (autocommit mode, WAL, foreign keys)."""
    conn = sqlite3.connect(target, isolation_level=None, timeout=5.0)
    try:
        _prepare(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def is_corruption(err: sqlite3.DatabaseError) -> bool:
    """Whether ``err`` says the file is damaged or not a database at all."""
    code = getattr(err, "sqlite_errorcode", None)  # Python >= 3.11
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    text = str(err).lower()
    return "malformed" in text or "not a database" in text


def open_database(path: Path, clock: Callable[[], float] = time.time) -> OpenedDatabase:
    """Open ``path``; a damaged file is moved aside and a new one started, never dropped.

    When the file cannot be used at all (unwritable folder, newer schema), the history runs in
    memory for this session and the notice says that chats will not be saved.
    """
    cannot_open = QT_TRANSLATE_NOOP(
        "History", "The chat history at {path} cannot be opened ({err})."
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
    except (OSError, sqlite3.Error) as err:
        return _in_memory(cannot_open.format(path=str(path), err=str(err)), path)
    try:
        _prepare(conn)
        return OpenedDatabase(conn)
    except SchemaTooNewError:
        conn.close()
        return _in_memory(
            QT_TRANSLATE_NOOP(
                "History",
                "The chat history was saved by a newer version of ThinkDesk, so this version "
                "leaves it untouched.",
            )
        )
    except sqlite3.DatabaseError as err:
        if not is_corruption(err):
            conn.close()  # e.g. a read-only folder or disk: its chats can still be read
            return _in_memory(cannot_open.format(path=str(path), err=str(err)), path)
    try:
        # Copied while still open: closing the last connection may checkpoint or delete the
        # WAL, and the WAL can hold the newest messages.
        moved = preserve_copy(path, clock)
    except OSError as err:
        conn.close()
        msg = QT_TRANSLATE_NOOP(
            "History",
            "The chat history at {path} is damaged and could not be copied aside ({err}).",
        )
        return _in_memory(msg.format(path=str(path), err=str(err)))
    conn.close()
    try:
        for name in (str(path), str(path) + "-wal", str(path) + "-shm"):
            Path(name).unlink(missing_ok=True)
        conn = connect(str(path))
    except (OSError, sqlite3.DatabaseError) as err:
        msg = QT_TRANSLATE_NOOP(
            "History",
            "The chat history at {path} is damaged and could not be replaced ({err}); a copy was "
            "saved as {moved}.",
        )
        return _in_memory(msg.format(path=str(path), err=str(err), moved=str(moved)))
    notice = QT_TRANSLATE_NOOP(
        "History",
        "The chat history file was damaged; it was moved to {moved} and a new one was started.",
    )
    return OpenedDatabase(conn, notice.format(moved=str(moved)), moved)


def preserve_copy(path: Path, clock: Callable[[], float] = time.time) -> Path:
    """Copy a damaged file (and its journal files) to ``<stem>-damaged-<time><suffix>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    target = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}-damaged-{stamp}-{n}{path.suffix}")
    shutil.copy2(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            shutil.copy2(side, Path(str(target) + suffix))
    return target


def _in_memory(problem: str, readable: Path | None = None) -> OpenedDatabase:
    """A stand-in in memory; it starts as a copy of ``readable`` when that file can be read,
    so the saved chats of a read-only folder are still there to read."""
    copy = _read_only_copy(readable) if readable is not None else None
    if copy is not None:
        notice = QT_TRANSLATE_NOOP(
            "History", "{problem} Your saved chats can be read, but chats in this session will "
            "not be saved.",
        )  # fmt: skip
        return OpenedDatabase(copy, notice.format(problem=problem), None, persistent=False)
    notice = QT_TRANSLATE_NOOP("History", "{problem} Chats in this session will not be saved.")
    return OpenedDatabase(
        connect(":memory:"), notice.format(problem=problem), None, persistent=False
    )


def _read_only_copy(path: Path) -> sqlite3.Connection | None:
    """``path`` copied into memory without writing to it, or None if it cannot be read."""
    if not path.is_file():
        return None
    uri = path.resolve().as_uri()
    # "mode=ro" still needs the WAL index beside the file; "immutable" reads a folder where
    # it cannot be made (after a clean close the file holds every commit).
    for flags in ("mode=ro", "immutable=1"):
        memory = sqlite3.connect(":memory:", isolation_level=None, timeout=5.0)
        try:
            source = sqlite3.connect(f"{uri}?{flags}", uri=True, timeout=5.0)
            try:
                source.backup(memory)
            finally:
                source.close()
            _prepare(memory)
            return memory
        except (sqlite3.Error, SchemaTooNewError):
            memory.close()
    return None
