"""Saved conversations in the main window: the sidebar, loading a chat back, exporting one.

Widgets only: the HistoryService stores, the ChatController continues a loaded conversation,
and this class shows saved threads in the ChatView the way they were streamed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop.core.engines.think import split_output
from desktop.core.system.atomic_file import write_text_atomically
from desktop.core.system.filenames import safe_file_stem
from desktop.services.chat import ChatController
from desktop.services.history import HistoryService, to_turns
from desktop.services.i18n import translate_message
from desktop.storage.history import StoredMessage
from desktop.ui.chat_view import ChatView
from desktop.ui.conversation_list import ConversationList
from desktop.ui.export_done import show_exported
from desktop.ui.export_pdf import print_document, write_pdf
from desktop.ui.export_render import answer_renderer
from desktop.ui.metrics_text import format_metrics
from desktop.ui.plain_text import plain_warning


class HistoryPanel(QObject):
    """Connects the sidebar, the history service, the chat and the view."""

    thread_shown = Signal()  # the view now shows a saved (or a new, empty) conversation
    shown_deleted = Signal()  # the conversation on screen was deleted: show a new chat

    def __init__(
        self,
        history: HistoryService,
        chat: ChatController,
        view: ChatView,
        window: QWidget,
    ):
        super().__init__(window)
        self._history = history
        self._chat = chat
        self._view = view
        self._window = window
        self.sidebar = ConversationList(history, window)
        self.sidebar.setMinimumWidth(220)
        self.sidebar.conversation_selected.connect(self.load_conversation)
        self.sidebar.export_requested.connect(self.export_conversation)
        view.action_requested.connect(self.on_message_action)
        # The conversation on screen; unlike history.current_id it outlives its deletion, so
        # the deletion can be told apart from "New chat".
        self._shown_id: int | None = None
        self._deleted_from_view: int | None = None  # reopened if its deletion is undone
        history.current_changed.connect(self._on_current_changed)
        history.conversation_deleted.connect(self._on_conversation_deleted)
        history.conversation_restored.connect(self._on_conversation_restored)
        # A regenerated answer or edited question becomes "2/2" once its reply is saved.
        chat.message_finished.connect(self._show_branches)
        chat.message_failed.connect(self._show_branches)

    @Slot()
    def new_conversation(self) -> None:
        """Start an empty chat; the next question creates the saved conversation."""
        self._chat.clear()
        self._history.new_conversation()
        self._shown_id = None
        self._view.clear()
        self.thread_shown.emit()

    @Slot(object)
    def _on_current_changed(self, conversation_id: object) -> None:
        if isinstance(conversation_id, int):  # None: a new chat, or the shown one was deleted
            self._shown_id = conversation_id
            self._deleted_from_view = None

    @Slot(int, str)
    def _on_conversation_deleted(self, conversation_id: int, _title: str) -> None:
        # Its messages must not stay on screen: the next question would be saved as a new
        # chat while the model still got the deleted turns as context.
        if conversation_id == self._shown_id:
            self._deleted_from_view = conversation_id
            self.shown_deleted.emit()

    @Slot(int)
    def _on_conversation_restored(self, conversation_id: int) -> None:
        # Undo puts it back on screen, unless something new was started there meanwhile.
        untouched = self._history.current_id is None and not self._chat.turns
        if conversation_id == self._deleted_from_view and untouched and not self._chat.busy:
            self.load_conversation(conversation_id)

    @Slot(int)
    def load_conversation(self, conversation_id: int) -> None:
        if conversation_id == self._history.current_id and self._view.message_count():
            return
        thread = self._history.open_conversation(conversation_id)
        self._chat.load_turns(to_turns(thread))
        self.show_thread(thread)

    def show_thread(self, thread: list[StoredMessage]) -> None:
        """Show saved messages as they were, including stopped and interrupted answers."""
        self._view.clear()
        for message in thread:
            if message.role == "user":
                self._view.add_user_message(message.content)
                continue
            view = self._view.begin_assistant_message()
            thinking, answer = split_output(message.content)
            view.append_thinking(thinking)
            view.append_answer(answer)
            if message.thinking_seconds is not None:
                view.set_thought_seconds(message.thinking_seconds)
            # Stored as a translatable message: shown in today's language, not the old one's.
            error = translate_message(message.error) if message.status == "failed" else None
            if message.status == "interrupted":
                error = self.tr("Interrupted: ThinkDesk closed before this answer was finished.")
            view.finish(
                stopped=message.status == "stopped",
                error=error,
                status=format_metrics(message.metrics) or None,
            )
        self._show_branches()
        self.thread_shown.emit()

    @Slot()
    def _show_branches(self, *_args: object) -> None:
        """Put "‹ 2/3 ›" under each shown message that has other versions."""
        if self._history.current_id is None:
            return
        for index, message in enumerate(self._history.thread()):
            self._view.set_branch(index, message.branch_index, message.branch_count)

    # -- per-message actions -----------------------------------------------------------------
    @Slot(str, int)
    def on_message_action(self, action: str, index: int) -> None:
        """Copy, regenerate, edit or delete the message shown at ``index``."""
        thread = self._history.thread() if self._history.current_id is not None else []
        message = thread[index] if index < len(thread) else None
        if action in ("copy", "copy_reasoning"):
            self._copy(index, message, with_reasoning=action == "copy_reasoning")
            return
        if message is None:
            return
        if self._chat.busy:
            QMessageBox.information(
                self._window,
                self.tr("Please wait"),
                self.tr("Stop the answer being written, or let it finish, first."),
            )
            return
        if action in ("branch_previous", "branch_next"):
            self._switch_branch(message, -1 if action == "branch_previous" else 1)
        elif action == "regenerate":
            turns = self._history.prepare_regenerate(message.id)
            if turns is None:  # the history refused the change (the user is told why)
                return
            self._chat.load_turns(turns)
            self.show_thread(self._history.thread())
            self._chat.resend()
        elif action == "edit":
            self._edit(message)
        elif action == "delete":
            confirm = QMessageBox.question(
                self._window,
                self.tr("Delete message"),
                self.tr("Delete this message? The rest of the conversation stays."),
            )
            if confirm == QMessageBox.StandardButton.Yes and self._history.delete_message(
                message.id
            ):
                thread = self._history.thread()
                self._chat.load_turns(to_turns(thread))
                self.show_thread(thread)

    def _copy(self, index: int, message: StoredMessage | None, *, with_reasoning: bool) -> None:
        if message is not None:
            text = self._history.copy_text(message.id, with_reasoning=with_reasoning)
        else:  # not saved (yet): take it from what is shown
            widget = self._view.message(index)
            text = widget.text() if hasattr(widget, "text") else widget.answer_text()
        if text.strip():  # nothing to copy must not wipe what the user copied before
            QGuiApplication.clipboard().setText(text)

    def _switch_branch(self, message: StoredMessage, step: int) -> None:
        siblings = self._history.store.sibling_ids(message.id)
        index = siblings.index(message.id) + step if message.id in siblings else -1
        if 0 <= index < len(siblings):
            thread = self._history.switch_branch(siblings[index])
            if thread is None:
                return
            self._chat.load_turns(to_turns(thread))
            self.show_thread(thread)

    def _edit(self, message: StoredMessage) -> None:
        text, accepted = QInputDialog.getMultiLineText(
            self._window,
            self.tr("Edit question"),
            self.tr("Change your question. The replies after it are replaced; the earlier "
                    "version is kept: ‹ › under the question switches between them."),
            message.content,
        )  # fmt: skip
        if not accepted or not text.strip() or text == message.content:
            return
        turns = self._history.prepare_edit(message.id)
        if turns is None:
            return
        self._chat.load_turns(turns)
        self.show_thread(self._history.thread())
        self._chat.send(text)

    @Slot()
    def export_current(self) -> None:
        if self._history.current_id is None:
            QMessageBox.information(
                self._window, self.tr("Export"), self.tr("There is no saved conversation yet.")
            )
            return
        self.export_conversation(self._history.current_id)

    @Slot(int)
    def export_conversation(self, conversation_id: int) -> None:
        """Ask where and how, then write Markdown, HTML or PDF (or print)."""
        markdown, html, pdf = (
            self.tr("Markdown (*.md)"),
            self.tr("Web page (*.html)"),
            "PDF (*.pdf)",
        )
        conversation = self._history.store.conversation(conversation_id)
        title = conversation.title if conversation is not None else ""
        stem = safe_file_stem(title, self.tr("conversation"))
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export conversation"),
            str(Path.home() / f"{stem}.md"),
            ";;".join((markdown, html, pdf)),
        )
        if not path:
            return
        include = False  # a chat model's replies have no reasoning: nothing to ask about
        if self.has_reasoning(conversation_id):
            reasoning = QMessageBox.question(
                self._window,
                self.tr("Export conversation"),
                self.tr("Include the model's reasoning (thinking) in the export?"),
            )
            include = reasoning == QMessageBox.StandardButton.Yes
        written = self.write_export(conversation_id, Path(path), chosen, include)
        if written is not None:
            show_exported(self._window, written)

    def has_reasoning(self, conversation_id: int) -> bool:
        """Whether any reply shown in the conversation has reasoning (thinking text)."""
        return any(
            message.role == "assistant" and split_output(message.content)[0].strip()
            for message in self._history.thread(conversation_id)
        )

    def write_export(
        self, conversation_id: int, path: Path, kind: str, reasoning: bool
    ) -> Path | None:
        """Write the conversation to ``path`` as Markdown, HTML or PDF (by suffix, else by the
        file type chosen in the dialog, ``kind``); returns the file written, None on failure."""
        if not path.suffix:
            chosen = next((ext for ext in (".pdf", ".html", ".md") if f"*{ext}" in kind), ".md")
            path = path.with_suffix(chosen)
        suffix = path.suffix.lower()
        try:
            if suffix == ".pdf":
                render, images = answer_renderer(self._window.font(), embed_images=False)
                html = self._history.export_text(
                    conversation_id, "html", include_reasoning=reasoning, collapsible=False,
                    render_answer=render,
                )  # fmt: skip
                write_pdf(path, html=html, title=path.stem, images=images)
            elif suffix in (".html", ".htm"):
                render, _images = answer_renderer(self._window.font(), embed_images=True)
                html = self._history.export_text(
                    conversation_id, "html", include_reasoning=reasoning, render_answer=render
                )
                write_text_atomically(path, html)
            else:  # Markdown keeps the LaTeX: Markdown viewers with math show it
                text = self._history.export_text(
                    conversation_id, "markdown", include_reasoning=reasoning
                )
                write_text_atomically(path, text)
        except OSError as err:  # the file there before, if any, is left as it was
            plain_warning(
                self._window,
                self.tr("Export failed"),
                self.tr("Could not write {0}: {1}").format(path, err.strerror or err),
            )
            return None
        return path

    @Slot()
    def print_current(self) -> None:
        if self._history.current_id is None:
            return
        render, images = answer_renderer(self._window.font(), embed_images=False)
        html = self._history.export_text(
            self._history.current_id, "html", include_reasoning=False, collapsible=False,
            render_answer=render,
        )  # fmt: skip
        print_document(self._window, html=html, images=images)
