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
        if middle <= t1:
            return gc.collect(0)
        if old <= t2:
            return gc.collect(1)
        return gc.collect(2)

    def stop(self) -> None:
        """Hand collection back to Python (automatic, in any thread)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
