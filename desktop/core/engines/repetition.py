"""Notice when a model's thinking has fallen into a loop.

R1 distills sometimes repeat the same sentence or paragraph ("Wait, let me check again. ...")
until the token limit. A loop shows as the end of the text being the same span several times
in a row; we look for that every few dozen characters over a bounded window, so the cost per
token stays flat however long the thinking grows.
"""

from __future__ import annotations


class RepetitionDetector:
    """Feed streamed text; ``looping`` turns True once the tail repeats ``repeats`` times."""

    def __init__(
        self, min_span: int = 16, max_span: int = 800, repeats: int = 3, check_every: int = 32
    ):
        self.min_span = min_span
        self.max_span = max_span
        self.repeats = repeats
        self.check_every = check_every
        self._window = ""
        self._unchecked = 0
        self.looping = False
        self.span = ""  # the repeated text, for telling the user what repeats

    def feed(self, text: str) -> bool:
        """Add streamed text; return True when a loop is (or was already) detected."""
        if self.looping or not text:
            return self.looping
        keep = self.max_span * self.repeats
        self._window = (self._window + text)[-keep:]
        self._unchecked += len(text)
        if self._unchecked >= self.check_every:
            self._unchecked = 0
            self._check()
        return self.looping

    def _check(self) -> None:
        window = self._window
        longest = min(self.max_span, len(window) // self.repeats)
        for span in range(self.min_span, longest + 1):
            tail = window[-span:]
            if not tail.strip():
                continue
            # The last span must equal each of the `repeats - 1` spans right before it.
            end = len(window)
            if all(window.endswith(tail, 0, end - k * span) for k in range(1, self.repeats)):
                self.looping = True
                self.span = tail
                return

    def reset(self) -> None:
        """Forget everything seen so far (e.g. after the user chose to keep thinking)."""
        self._window, self._unchecked, self.looping, self.span = "", 0, False, ""
