"""Saving what was said while the history could not be written (a full disk, a read-only
folder), once it can be written again, so an outage does not leave holes in a saved chat."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.engines.prompt import ChatMessage
from desktop.storage.history import HistoryStore, StoredMessage, title_from_question


def to_turns(messages: Sequence[StoredMessage]) -> list[ChatMessage]:
    """Stored messages as the turns :class:`ChatController` keeps (raw assistant output)."""
    return [ChatMessage(m.role, m.content) for m in messages]


def save_missing_turns(
    store: HistoryStore, conversation_id: int | None, turns: Sequence[ChatMessage]
) -> int | None:
    """Append to the conversation the ``turns`` (the chat's, in order) that it lacks.

    Returns the conversation's id, a new one if ``conversation_id`` is None and there is
    something to save. Turns are matched from the start; an answer the file holds only in
    part (cut short when the disk filled) takes the chat's full text. If the file and the
    chat differ otherwise, nothing is written: guessing could put a turn in the wrong place.
    """
    stored = store.thread(conversation_id) if conversation_id is not None else []
    common = 0
    while common < min(len(stored), len(turns)) and (
        (stored[common].role, stored[common].content) == (turns[common].role, turns[common].content)
    ):
        common += 1
    if common < len(stored):
        last = stored[-1]
        cut_short = last.role == "assistant" and last.status in ("streaming", "interrupted")
        completes_it = (
            common == len(stored) - 1 and common < len(turns) and turns[common].role == "assistant"
        )
        if not (cut_short and completes_it):
            return conversation_id
        store.update_message(last.id, content=turns[common].content, status="complete")
        common += 1
    if common == len(turns):
        return conversation_id
    if conversation_id is None:
        question = next((t.content for t in turns if t.role == "user"), "")
        conversation_id = store.create_conversation(title_from_question(question))
    for turn in turns[common:]:
        store.add_message(conversation_id, turn.role, turn.content)
    return conversation_id
