"""At most one streaming render per event-loop turn, so input is handled between renders.

The chat message and the classroom each re-render on their own throttle timer. When both
timers expire together, Qt runs both callbacks in the same turn of the event loop and the
window cannot react to a key or a click until both are done: on a growing table that was
about 14 ms for the chat plus 25 ms for the classroom's larger copy, one 39 ms stall. A view
asks :func:`render_turns` to run its render instead of running it itself: the first render
of a turn runs at once (no added latency), a second one is put off to a later turn.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

__all__ = ["HOLD_TICKS", "FormulaHold", "RenderTurns", "render_turns"]

HOLD_TICKS = 3
"""Render ticks a streaming view may let pass while formulas it is about to show are typeset
in the background: rendering at once would wait for them on the GUI thread (the window frozen)."""


class FormulaHold:
    """Counts the ticks a view has let pass for its formulas, at most :data:`HOLD_TICKS`."""

    def __init__(self) -> None:
        self._held = 0

    def holds(self, typesetting: bool) -> bool:
        """Whether to let this tick pass (then restart the throttle timer) instead of rendering."""
        if typesetting and self._held < HOLD_TICKS:
            self._held += 1
            return True
        self._held = 0
        return False


class RenderTurns(QObject):
    """Runs renders one per event-loop turn, in the order they were asked for.

    Each owner has at most one render waiting; asking again while it waits changes nothing
    (the render reads its view's latest text when it runs). A render whose owner has been
    deleted by then is dropped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: dict[int, tuple[QObject, Callable[[], None]]] = {}
        self._turn_taken = False
        # Zero-interval: fires in the next turn, after Qt has polled for input again.
        self._next_turn = QTimer(self)
        self._next_turn.setSingleShot(True)
        self._next_turn.setInterval(0)
        self._next_turn.timeout.connect(self._on_next_turn)

    @property
    def waiting(self) -> int:
        """Renders put off to a later turn and not run yet."""
        return len(self._waiting)

    def run(self, owner: QObject, render: Callable[[], None]) -> None:
        """Run ``render`` now if no render ran in this turn yet; otherwise in a later one."""
        if not self._turn_taken and not self._waiting:
            self._take_turn()
            render()
        else:
            self._waiting.setdefault(id(owner), (owner, render))
            if not self._next_turn.isActive():
                self._next_turn.start()

    def cancel(self, owner: QObject) -> None:
        """Forget ``owner``'s waiting render (it rendered by other means, or is going away)."""
        self._waiting.pop(id(owner), None)

    def _take_turn(self) -> None:
        self._turn_taken = True
        self._next_turn.start()

    @Slot()
    def _on_next_turn(self) -> None:
        self._turn_taken = False
        while self._waiting:
            owner, render = self._waiting.pop(next(iter(self._waiting)))
            if shiboken6.isValid(owner):
                self._take_turn()
                render()
                return


_shared: RenderTurns | None = None


def render_turns() -> RenderTurns:
    """The application's one :class:`RenderTurns` (call it on the GUI thread only)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared):
        _shared = RenderTurns(QCoreApplication.instance())  # deleted with the application
    return _shared
