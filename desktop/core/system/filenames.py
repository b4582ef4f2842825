"""File names made from user text (a chat's title) that every platform accepts.

Windows is the strictest: no ``<>:"/\\|?*`` or control characters, no trailing dot or space,
and no device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9), even with an extension.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{device}{n}" for device in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
#: Characters kept: long enough to recognise the chat, short enough for deep folders.
MAX_STEM = 80


def safe_file_stem(text: str, fallback: str = "conversation") -> str:
    """``text`` as a file name without its extension, safe on Windows, macOS and Linux."""
    stem = " ".join(_FORBIDDEN.sub(" ", text).split())  # one space for any run of blanks
    stem = stem[:MAX_STEM].rstrip(". ").lstrip(" ")
    if not stem.strip("."):
        return fallback
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    return stem
