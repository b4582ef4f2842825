"""Python's cyclic garbage collector, run on the GUI thread only, between events.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold
is crossed: the inference worker inside a signal emit, a download worker, the typesetting
thread. If that collection frees a Qt object (a window dropped by Python in a reference
cycle, with its widgets), the C++ objects are destroyed on that thread while the GUI thread
may be using them: a use-after-free that crashes the GUI thread somewhere unrelated. The UI
suite crashed so about one run in two under load, always in the GUI thread (entering a slot,
or in QApplication::setStyle re-polishing a widget whose memory was already freed).

So automatic collection is switched off and this object collects from a QTimer on the GUI
thread, generation by generation as the counts pass Python's own thresholds, as pyqtgraph's
GarbageCollector does for the same reason.

A full collection visits every object the app keeps (25-40 ms once hundreds of messages and
their renderers exist): a visible hitch in a streaming answer. Python itself runs one only when
the objects that reached the oldest generation since the last one number a quarter of those it
kept then, so the total work stays linear in the objects made; this collector keeps that rule
(a full collection on every tenth middle one, as the bare thresholds say, was far more often).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: Often enough that garbage never piles up for long; a young-generation pass is cheap.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owns garbage collection while it lives: create it on the GUI thread, once."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = len(gc.get_objects(generation=2))  # kept by the last full pass
        self._promoted = 0  # objects moved into the oldest generation since then
        self._middle = 0  # objects in the middle generation (survivors of young passes)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns the number
        of unreachable objects found."""
        young, middle, old = gc.get_count()
        t0, t1, t2 = self._thresholds
        if young <= t0:
            return 0
        # The young count is the objects made (less those freed) since the last pass: the
        # young generation's size. What a pass does not find unreachable moves up one.
        if middle <= t1:
            found = gc.collect(0)
            self._middle += max(0, young - found)
            return found
        if old <= t2 or self._promoted <= self._long_lived // 4:
            found = gc.collect(1)
            self._promoted += max(0, young + self._middle - found)
            self._middle = 0
            return found
        found = gc.collect(2)
        self._long_lived = len(gc.get_objects(generation=2))
        self._promoted = self._middle = 0
        return found

    def stop(self) -> None:
        """Hand collection back to Python (automatic, in any thread)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
