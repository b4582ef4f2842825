"""Search finds text however its accents were encoded: "é" typed on Windows is one code
point, the same letter pasted from a PDF or a Mac is often "e" plus a combining accent."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.storage.history import HistoryStore

NFC = unicodedata.normalize("NFC", "Tiếng Việt café résumé")
NFD = unicodedata.normalize("NFD", NFC)


@pytest.mark.parametrize("use_fts", [True, False])
@pytest.mark.parametrize(("stored", "typed"), [(NFD, NFC), (NFC, NFD)])
def test_accented_words_match_in_either_encoding(tmp_path, use_fts, stored, typed):
    assert stored != typed
    store = HistoryStore(tmp_path / "h.sqlite3", use_fts=use_fts)
    cid = store.create_conversation("notes")
    store.add_message(cid, "user", "Translate: " + stored)
    for word in typed.split():
        hits = store.search(word)
        assert [h.conversation_id for h in hits] == [cid], word
    assert [h.conversation_id for h in store.search(typed)] == [cid]
    store.close()


def test_titles_match_in_either_encoding(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation(NFD)
    assert [h.conversation_id for h in store.search("café")] == [cid]
    store.close()


def test_the_snippet_shows_the_match_in_either_encoding(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("notes")
    store.add_message(cid, "user", "x " * 80 + NFD)
    (hit,) = store.search("résumé")
    assert hit.snippet.endswith(NFD.split()[-1]) and hit.snippet.startswith("…")
    store.close()


def test_a_short_word_that_composes_below_three_letters_is_still_found(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("notes")
    store.add_message(cid, "user", "un café")
    assert [h.conversation_id for h in store.search(unicodedata.normalize("NFD", "fé"))] == [cid]
    store.close()
