"""Server-sent events, as the OpenAI-compatible chat APIs stream them.

Only what those servers use: ``data:`` lines (joined when an event has several), blank lines
ending an event, ``:`` comment lines as keep-alives, and other fields ignored. Bytes arrive in
arbitrary pieces, so the decoder is incremental; a line split inside a UTF-8 character is fine
because decoding happens per complete line.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["DONE", "MalformedEvent", "SSEDecoder", "parse_event"]

#: The data of the event that ends an OpenAI-style stream.
DONE = "[DONE]"


class MalformedEvent(ValueError):
    """An event whose data is not the JSON object the API promises."""


class SSEDecoder:
    """Feed bytes, get the data of each complete event."""

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self.comments = 0  # keep-alive lines seen (": ping")

    def feed(self, chunk: bytes) -> list[str]:
        """The data strings of the events completed by ``chunk``, in order."""
        self._buffer += chunk
        events: list[str] = []
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                return events
            raw, self._buffer = self._buffer[:end], self._buffer[end + 1 :]
            line = raw.rstrip(b"\r").decode("utf-8", errors="replace")
            if not line:
                if self._data:
                    events.append("\n".join(self._data))
                    self._data = []
            elif line.startswith(":"):
                self.comments += 1
            else:
                field, _, value = line.partition(":")
                if field == "data":
                    self._data.append(value[1:] if value.startswith(" ") else value)

    def flush(self) -> list[str]:
        """At end of stream: an event whose blank line never came still counts."""
        events = self.feed(b"\n\n") if self._buffer else []
        if self._data:
            events.append("\n".join(self._data))
            self._data = []
        return events


def parse_event(data: str) -> dict[str, Any]:
    """The JSON object of one event; MalformedEvent says what was wrong with it."""
    try:
        value = json.loads(data)
    except ValueError as err:
        shown = data if len(data) <= 80 else data[:77] + "…"
        raise MalformedEvent(f"not JSON: {shown!r}") from err
    if not isinstance(value, dict):
        raise MalformedEvent(f"not a JSON object: {data[:80]!r}")
    return value
