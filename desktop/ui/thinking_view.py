"""The model's reasoning, shown like the rest of the conversation but visibly secondary.

It grows with its text (no box with a scrollbar of its own: the chat view scrolls and follows
the stream), wraps long unbroken runs, and typesets the LaTeX R1 writes while it thinks, through
the same formula cache as the answer. Only paragraphs, line breaks and math are interpreted
(:func:`~desktop.core.render.markdown_html.make_thinking_parser`); the rest stays as written.
Streaming is incremental like the answer's: finished paragraphs are committed once.
"""

from __future__ import annotations

from desktop.core.render.markdown_html import make_thinking_parser
from desktop.ui.answer_view import AnswerView

__all__ = ["ThinkingView"]

_MARGIN = 8


class ThinkingView(AnswerView):
    """Read-only reasoning text; its colours come from its palette (muted by the message)."""

    markdown_parser = staticmethod(make_thinking_parser)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._chunks: list[str] = []
        self.document().setDocumentMargin(_MARGIN)  # the tinted band needs some air

    def append_text(self, text: str) -> None:
        """Add streamed reasoning; only the unfinished paragraph is rendered again."""
        self._chunks.append(text)
        self.set_markdown(self.text())

    def finish(self) -> None:
        """Nothing more will come: commit the last paragraph."""
        self.set_markdown(self.text(), final=True)

    def text(self) -> str:
        """The reasoning as received."""
        # Kept as one string: joining every piece again per render grew with the reasoning.
        if len(self._chunks) > 1:
            self._chunks = ["".join(self._chunks)]
        return self._chunks[0] if self._chunks else ""
