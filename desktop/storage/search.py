"""Finding conversations by words in their titles and messages.

With FTS5's trigram tokenizer, words of three or more characters are looked up in the index
and match anywhere inside a word, which is what Chinese text needs (the default tokenizer
treats a whole Chinese sentence as one word). Shorter words, and every word when FTS5 is
missing, fall back to ``LIKE`` scans.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_TAGS = re.compile(r"</?think>")


@dataclass(frozen=True)
class SearchHit:
    """A conversation that matches a search, with the matching text around the first hit."""

    conversation_id: int
    snippet: str


def snippet_around(text: str, terms: Sequence[str], before: int = 30, after: int = 70) -> str:
    """The text around the first occurrence of any term, on one line, with ellipses."""
    flat = " ".join(_TAGS.sub(" ", text).split())
    folded = flat.casefold()
    found = [i for i in (folded.find(t.casefold()) for t in terms) if i >= 0]
    start = min(found) if found else 0
    lo, hi = max(0, start - before), min(len(flat), start + after)
    return ("…" if lo else "") + flat[lo:hi] + ("…" if hi < len(flat) else "")


def search_conversations(
    conn: sqlite3.Connection, query: str, order: Sequence[int], full_text: bool
) -> list[SearchHit]:
    """Hits for ``query`` among the conversation ids in ``order``, in that order.

    A conversation matches when its title, or one of its messages, contains every word.
    """
    terms = query.split()
    if not terms:
        return []
    hits: dict[int, str] = {}
    spelled = [s for t in terms for s in _spellings(t)]
    # A matching message says more than the title the sidebar already shows: it wins.
    for conversation_id, text in _matching(conn, "message", terms, full_text):
        hits.setdefault(conversation_id, snippet_around(text, spelled))
    for conversation_id, title in _matching(conn, "title", terms, full_text):
        hits.setdefault(conversation_id, title)
    return [SearchHit(cid, hits[cid]) for cid in order if cid in hits]


def _spellings(term: str) -> list[str]:
    """``term`` with its accents composed and decomposed: "é" typed is one code point, the
    same letter pasted from a PDF is often "e" and a combining accent."""
    return list(dict.fromkeys(unicodedata.normalize(f, term) for f in ("NFC", "NFD")))


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _matching(
    conn: sqlite3.Connection, source: str, terms: list[str], full_text: bool
) -> list[tuple[int, str]]:
    if source == "title":
        sql = "SELECT c.id, c.title FROM conversations c WHERE c.deleted_at IS NULL"
        column, fts, key = "c.title", "conversation_fts", "c.id"
    else:
        sql = (
            "SELECT m.conversation_id, m.content FROM messages m"
            " JOIN conversations c ON c.id = m.conversation_id"
            " WHERE c.deleted_at IS NULL AND m.status != 'streaming'"
        )
        column = "replace(replace(m.content, '</think>', ' '), '<think>', ' ')"
        fts, key = "message_fts", "m.id"
    params: list[str] = []
    # Trigrams need 3 characters; shorter words (common in Chinese) are scanned with LIKE.
    indexed = [t for t in terms if full_text and min(map(len, _spellings(t))) >= 3]
    if indexed:
        sql += f" AND {key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"
        groups = (" OR ".join(_quoted(s) for s in _spellings(t)) for t in indexed)
        params.append(" AND ".join(f"({group})" for group in groups))
    for term in terms:
        if term not in indexed:
            spellings = _spellings(term)
            likes = " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in spellings)
            sql += f" AND ({likes})"
            params += [_like(s) for s in spellings]
    return [(row[0], row[1]) for row in conn.execute(f"{sql} ORDER BY {key}", params)]
