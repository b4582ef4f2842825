"""What generated text may contain by the time it enters the app.

A model with random or damaged weights can sample any byte token: NUL, ESC (whose sequences
repaint or retitle a terminal), backspace, carriage return, C1 codes such as CSI (0x9B, which
some terminals also obey). None of them belongs in an answer: they corrupt the terminal of
``thinkdesk ask``, vanish or show as boxes in the chat view, and NUL cuts strings short in
SQLite's C API. :class:`~desktop.core.engines.generation.Generation` applies this once to every
piece any engine streams, so the view, the terminal and the history all receive clean text.
"""

from __future__ import annotations

import re

__all__ = ["clean_generated"]

# C0 controls except tab (0x09) and newline (0x0A), DEL, and the C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_generated(text: str) -> str:
    """``text`` without control characters; tabs and newlines stay."""
    return _CONTROL.sub("", text)
