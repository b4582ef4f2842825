"""The history on the GUI thread: saves every question and answer as the chat produces them.

It listens to :class:`~desktop.services.chat.ChatController`. The assistant row is written
when the answer starts (status ``streaming``), its text at most every ``checkpoint_ms`` while
it streams, and the outcome at the end: a process killed mid-answer loses at most about a
second of text, and the next start marks the row ``interrupted``. What a failed write (a full
disk) missed is written at the next question once writing works again.

The service is the one owner of the :class:`~desktop.storage.history.HistoryStore`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core.engines.prompt import ChatMessage
from desktop.core.engines.think import CLOSE_TAG, split_output
from desktop.services.chat import ChatController
from desktop.services.history_catch_up import save_missing_turns, to_turns
from desktop.services.history_export import clipboard_text, export_conversation
from desktop.services.i18n import translate_message
from desktop.storage.history import (
    Conversation,
    HistoryStore,
    SearchHit,
    StoredMessage,
    title_from_question,
)

CHECKPOINT_MS = 1000
UNDO_MS = 6000
"""How long a deleted conversation can be brought back (the sidebar's bar shows ~5 s of it)."""


@dataclass
class _Stream:
    """An answer being saved; its text lives in the ChatController, the one copy of it."""

    message_id: int
    conversation_id: int
    started: float = field(default_factory=time.monotonic)
    answer_at: float | None = None
    dirty: bool = False

    def thinking_seconds(self) -> float:
        return (self.answer_at or time.monotonic()) - self.started


class HistoryService(QObject):
    """Saves the chat as it happens and offers the operations on saved conversations."""

    conversations_changed = Signal()  # the sidebar list should be reloaded
    current_changed = Signal(object)  # the open conversation id, or None for a new chat
    conversation_deleted = Signal(int, str)  # id, title: offer "Undo" for UNDO_MS
    conversation_restored = Signal(int)  # id: a deletion was undone
    storage_failed = Signal(str)  # a write failed; a sentence for the user
    storage_recovered = Signal()  # the live chat is saved again (what it missed included)

    def __init__(
        self,
        store: HistoryStore,
        *,
        checkpoint_ms: int = CHECKPOINT_MS,
        undo_ms: int = UNDO_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._chat: ChatController | None = None
        self._current: int | None = None
        self._streams: dict[int, _Stream] = {}
        self._failing = False  # saving the live chat failed, the user was told: an outage
        self._behind = False  # the chat holds turns that the file lacks
        self._undo_ms = undo_ms
        self._purge_at: dict[int, float] = {}
        self._checkpoint = QTimer(self)
        self._checkpoint.setSingleShot(True)
        self._checkpoint.setInterval(checkpoint_ms)
        self._checkpoint.timeout.connect(self.checkpoint)
        self._purge_timer = QTimer(self)
        self._purge_timer.setSingleShot(True)
        self._purge_timer.timeout.connect(self._purge_expired)

    @classmethod
    def open(cls, path: str | Path, **kwargs) -> HistoryService:
        """A service over the history file at ``path`` (created if missing)."""
        return cls(HistoryStore(path), **kwargs)

    @property
    def store(self) -> HistoryStore:
        """The storage object (GUI thread only)."""
        return self._store

    @property
    def notice(self) -> str | None:
        """What the user must be told about opening the file (damaged, not saved), or None."""
        notice = self._store.notice
        return translate_message(notice) if notice is not None else None

    @property
    def current_id(self) -> int | None:
        """The conversation new messages go to; None until the first question of a new chat."""
        return self._current

    def attach(self, chat: ChatController) -> None:
        """Save what ``chat`` says and answers from now on."""
        self._chat = chat
        chat.question_added.connect(self._on_question)
        chat.message_started.connect(self._on_started)
        chat.thinking_received.connect(self._on_thinking)
        chat.answer_received.connect(self._on_answer)
        chat.message_finished.connect(self._on_finished)
        chat.message_failed.connect(self._on_failed)

    # -- conversations ----------------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        """Conversations to list: pinned first, then the most recently updated."""
        return self._store.conversations()

    def search(self, query: str) -> list[SearchHit]:
        """Conversations matching every word of ``query``, with a snippet each."""
        return self._store.search(query)

    def new_conversation(self) -> None:
        """The next question starts a new conversation (created only once it is asked)."""
        self._set_current(None)

    def open_conversation(self, conversation_id: int) -> list[StoredMessage]:
        """Make ``conversation_id`` current and return its thread to show."""
        self._set_current(conversation_id)
        return self._store.thread(conversation_id)

    def thread(self, conversation_id: int | None = None) -> list[StoredMessage]:
        """The messages of the branch shown (default: the current conversation)."""
        cid = self._current if conversation_id is None else conversation_id
        return [] if cid is None else self._store.thread(cid)

    def rename(self, conversation_id: int, title: str) -> None:
        """Rename; an empty title is ignored."""
        if title.strip() and self._changed(self._store.rename, conversation_id, title):
            self.conversations_changed.emit()

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """Pin or unpin."""
        if self._changed(self._store.set_pinned, conversation_id, pinned):
            self.conversations_changed.emit()

    def delete_conversation(self, conversation_id: int) -> None:
        """Hide the conversation now and erase it after UNDO_MS unless undone."""
        conversation = self._store.conversation(conversation_id)
        if conversation is None or conversation.deleted_at is not None:
            return
        if not self._changed(self._store.soft_delete, conversation_id):
            return
        self._purge_at[conversation_id] = time.monotonic() + self._undo_ms / 1000
        if not self._purge_timer.isActive():
            self._purge_timer.start(self._undo_ms)
        if self._current == conversation_id:
            self._set_current(None)
        self.conversations_changed.emit()
        self.conversation_deleted.emit(conversation_id, conversation.title)

    def undo_delete(self, conversation_id: int) -> bool:
        """Bring back a deleted conversation if it has not been erased yet."""
        if self._purge_at.pop(conversation_id, None) is None:
            return False
        if not self._changed(self._store.restore, conversation_id):
            return False  # it stays deleted; the next start erases it
        self.conversations_changed.emit()
        self.conversation_restored.emit(conversation_id)
        return True

    @Slot()
    def _purge_expired(self) -> None:
        now = time.monotonic()
        for cid, deadline in list(self._purge_at.items()):
            if deadline <= now + 0.01:
                del self._purge_at[cid]
                self._changed(self._store.purge, cid)  # else erased at the next start
        if self._purge_at:
            wait = min(self._purge_at.values()) - now
            self._purge_timer.start(max(1, int(wait * 1000)))

    def _set_current(self, conversation_id: int | None) -> None:
        if conversation_id != self._current:
            self._current = conversation_id
            self.current_changed.emit(conversation_id)

    # -- messages ---------------------------------------------------------------------------

    def copy_text(self, message_id: int, *, with_reasoning: bool = False) -> str:
        """Text for the clipboard: the answer alone, or reasoning and answer under headings."""
        return clipboard_text(self._store.message(message_id), with_reasoning=with_reasoning)

    def prepare_regenerate(self, message_id: int) -> list[ChatMessage] | None:
        """Turns for asking again: the old answer stays as an earlier branch.

        Returns the turns up to and including the question; the next answer started by the
        chat is saved as a sibling of ``message_id``. None if the history cannot be written
        (the user is told): an answer that could not be saved must not be asked for.
        """
        message = self._require(message_id, "assistant")
        if not self._changed(self._store.set_leaf, message.conversation_id, message.parent_id):
            return None
        self._set_current(message.conversation_id)
        return to_turns(self._store.thread(message.conversation_id))

    def prepare_edit(self, message_id: int) -> list[ChatMessage] | None:
        """Turns before an edited question; the edited text, sent next, starts a new branch.

        The original question and the replies after it stay reachable as an earlier branch.
        None if the history cannot be written (the user is told).
        """
        message = self._require(message_id, "user")
        if not self._changed(self._store.set_leaf, message.conversation_id, message.parent_id):
            return None
        self._set_current(message.conversation_id)
        return to_turns(self._store.thread(message.conversation_id))

    def switch_branch(self, message_id: int) -> list[StoredMessage] | None:
        """Show the branch through ``message_id`` (e.g. an earlier answer); the new thread,
        or None if the history cannot be written (the user is told)."""
        message = self._require(message_id, None)
        if not self._changed(self._store.switch_branch, message_id):
            return None
        return self._store.thread(message.conversation_id)

    def delete_message(self, message_id: int) -> bool:
        """Delete one message; replies to it move up so nothing else disappears. False if
        the history cannot be written (the user is told)."""
        return self._changed(self._store.delete_message, message_id)

    def _require(self, message_id: int, role: str | None) -> StoredMessage:
        message = self._store.message(message_id)
        if message is None or (role is not None and message.role != role):
            raise ValueError(f"message {message_id} does not exist or is not a {role} message")
        return message

    def export_text(self, conversation_id: int, fmt: str, **options: Any) -> str:
        """The conversation's shown branch as ``"markdown"`` or ``"html"`` (``options``: see
        :func:`~desktop.services.history_export.export_conversation`)."""
        return export_conversation(self._store, conversation_id, fmt, **options)

    # -- saving the live chat ---------------------------------------------------------------

    @contextmanager
    def _saving(self) -> Iterator[None]:
        # A full disk must not take the chat down with it; the user is told, once per outage
        # (a dismissed notice must not return with each failing checkpoint of a long answer).
        try:
            yield
        except sqlite3.Error as err:
            if not self._failing:
                self.storage_failed.emit(
                    self.tr(
                        "This chat is not being saved to the history ({0}). Free up disk space "
                        "or make the data folder writable; until then, copy what you want to keep."
                    ).format(err)
                )
            self._failing = self._behind = True
        else:  # the outage ends once what it missed is written too
            if self._failing and not self._behind:
                self._failing = False
                self.storage_recovered.emit()

    def _changed(self, write: Callable[..., object], *args: object) -> bool:
        """Run one write the user asked for (rename, delete, ...); False if it failed, in
        which case the user is told and nothing on screen may pretend it happened."""
        try:
            write(*args)
        except sqlite3.Error as err:
            self.storage_failed.emit(
                self.tr("The change could not be saved to the history ({0}).").format(err)
            )
            return False
        return True

    @Slot(str)
    def _on_question(self, text: str) -> None:
        with self._saving():
            self._catch_up(1)  # all but this question, added next
            if self._current is None:
                self._set_current(self._store.create_conversation(title_from_question(text)))
            assert self._current is not None
            self._store.add_message(self._current, "user", text)
            self.conversations_changed.emit()

    @Slot(int)
    def _on_started(self, request_id: int) -> None:
        with self._saving():
            self._catch_up(0)  # e.g. the question, if only its save failed
            if self._current is None:  # an answer without a question (regenerate in a new chat)
                self._set_current(self._store.create_conversation())
            assert self._current is not None
            message_id = self._store.add_message(self._current, "assistant", status="streaming")
            self._streams[request_id] = _Stream(message_id, self._current)

    def _catch_up(self, skip_last: int) -> None:
        """Write the chat's turns (less the last ``skip_last``) that failed saves missed."""
        if self._behind and self._chat is not None:
            missing = self._chat.turns[: len(self._chat.turns) - skip_last]
            self._set_current(save_missing_turns(self._store, self._current, missing))
            self._behind = False

    @Slot(int, str)
    def _on_thinking(self, request_id: int, _text: str) -> None:
        stream = self._streams.get(request_id)
        if stream is not None:
            self._mark_dirty(stream)

    @Slot(int, str)
    def _on_answer(self, request_id: int, _text: str) -> None:
        stream = self._streams.get(request_id)
        if stream is not None:
            if stream.answer_at is None:
                stream.answer_at = time.monotonic()
            self._mark_dirty(stream)

    def _mark_dirty(self, stream: _Stream) -> None:
        stream.dirty = True
        # Not restarted per piece: a steady stream must still be saved every interval.
        if not self._checkpoint.isActive():
            self._checkpoint.start()

    @Slot()
    def checkpoint(self) -> None:
        """Write the text streamed so far (runs on a timer; call it to force a save)."""
        dirty = [(rid, stream) for rid, stream in self._streams.items() if stream.dirty]
        if not dirty:  # writing nothing proves nothing: an outage is not over (see _saving)
            return
        with self._saving():
            for request_id, stream in dirty:
                self._store.update_message(stream.message_id, content=self._streamed(request_id))
                stream.dirty = False

    def _streamed(self, request_id: int) -> str:
        """The answer so far, as thinking + ``</think>`` + answer (the final save keeps the
        output exactly as streamed)."""
        output = self._chat.streamed_output(request_id) if self._chat is not None else None
        thinking, answer = split_output(output or "")
        return thinking + CLOSE_TAG + answer if answer else thinking

    def _final_raw(self) -> str:
        # The controller appends the finished answer, exactly as streamed, before it reports
        # "finished" or "failed".
        turns = self._chat.turns if self._chat is not None else []
        return turns[-1].content if turns and turns[-1].role == "assistant" else ""

    @Slot(int, bool, object)
    def _on_finished(self, request_id: int, stopped: bool, metrics: object) -> None:
        stream = self._streams.pop(request_id, None)
        if stream is None:
            return
        with self._saving():
            self._store.update_message(
                stream.message_id,
                content=self._final_raw(),
                status="stopped" if stopped else "complete",
                metrics=metrics if isinstance(metrics, dict) else {},
                thinking_seconds=stream.thinking_seconds(),
            )

    @Slot(int, object)
    def _on_failed(self, request_id: int, message: object) -> None:
        stream = self._streams.pop(request_id, None)
        if stream is None:
            return
        with self._saving():
            self._store.update_message(
                stream.message_id,
                content=self._final_raw(),
                status="failed",
                error=message if isinstance(message, str) else str(message),
                thinking_seconds=stream.thinking_seconds(),
            )

    def close(self) -> None:
        """Save what is streaming (as interrupted), erase pending deletions, close the file."""
        self._checkpoint.stop()
        self._purge_timer.stop()
        with self._saving():
            for request_id, stream in self._streams.items():
                self._store.update_message(
                    stream.message_id, content=self._streamed(request_id), status="interrupted"
                )
            self._streams.clear()
            for cid in list(self._purge_at):
                self._store.purge(cid)
            self._purge_at.clear()
        self._store.close()
