"""A saved conversation as Markdown or HTML, with its labels in the UI language."""

from __future__ import annotations

from typing import Any

from desktop.core.render import export
from desktop.services.i18n import translate_message
from desktop.storage.history import HistoryStore, StoredMessage


def clipboard_text(message: StoredMessage | None, *, with_reasoning: bool = False) -> str:
    """A message for the clipboard: the answer alone, or reasoning and answer under
    headings; a question as it was typed."""
    if message is None:
        return ""
    if message.role == "user":
        return message.content
    if with_reasoning:
        return export.text_with_reasoning(message.content)
    return export.answer_text(message.content)


def export_conversation(
    store: HistoryStore,
    conversation_id: int,
    fmt: str,
    *,
    include_reasoning: bool = False,
    labels: export.ExportLabels | None = None,
    **options: Any,
) -> str:
    """The conversation's shown branch as ``"markdown"`` or ``"html"``.

    ``options`` go to the renderer, e.g. ``collapsible=False`` for HTML meant for printing.
    """
    conversation = store.conversation(conversation_id)
    if conversation is None:
        raise ValueError(f"no conversation {conversation_id}")
    render = {"markdown": export.to_markdown, "html": export.to_html}[fmt]
    if labels is None:  # the defaults, in the UI language
        defaults = export.ExportLabels()
        labels = export.ExportLabels(
            **{name: translate_message(value) for name, value in vars(defaults).items()}
        )
    return render(
        conversation.title,
        store.thread(conversation_id),
        include_reasoning=include_reasoning,
        labels=labels,
        **options,
    )
