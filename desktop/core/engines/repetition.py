"""Notice when a model's thinking has fallen into a loop.

R1 distills sometimes repeat the same sentence or paragraph ("Wait, let me check again. ...")
until the token limit. A loop shows as the end of the text being the same span several times
in a row; we look for that every few dozen characters over a bounded window, so the cost per
token stays flat however long the thinking grows.

A run of one short unit (``3333…`` in 0.333…, a ``-----`` or ``|---|---|`` rule, ``1, 1, 1``) is
the end of the text repeating too, but honest output has such runs of a few dozen characters.
They count as a loop only once the run is ``run_floor`` characters long.
"""

from __future__ import annotations


class RepetitionDetector:
    """Feed streamed text; ``looping`` turns True once the tail repeats ``repeats`` times."""

    def __init__(
        self,
        min_span: int = 16,
        max_span: int = 800,
        repeats: int = 3,
        check_every: int = 32,
        run_floor: int = 512,
    ):
        self.min_span = min_span
        self.run_floor = run_floor
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

    def _short_unit_run(self) -> int:
        """Length of the longest tail of the window made of one unit shorter than
        ``min_span`` repeated (0 if the last characters repeat no such unit)."""
        window, longest = self._window, 0
        last = len(window) - 1
        for unit in range(1, self.min_span):
            i = last - unit
            while i >= 0 and window[i] == window[i + unit]:
                i -= 1
            longest = max(longest, last - i)
        return longest

    def _check(self) -> None:
        window = self._window
        longest = min(self.max_span, len(window) // self.repeats)
        if longest < self.min_span:
            return
        short_run = self._short_unit_run()
        for span in range(self.min_span, longest + 1):
            tail = window[-span:]
            if not tail.strip():
                continue
            if span * self.repeats <= short_run and short_run < self.run_floor:
                continue  # a digit run or a rule line of honest length, not a loop
            # The last span must equal each of the `repeats - 1` spans right before it.
            end = len(window)
            if all(window.endswith(tail, 0, end - k * span) for k in range(1, self.repeats)):
                self.looping = True
                self.span = tail
                return

    def reset(self) -> None:
        """Forget everything seen so far (e.g. after the user chose to keep thinking)."""
        self._window, self._unchecked, self.looping, self.span = "", 0, False, ""
