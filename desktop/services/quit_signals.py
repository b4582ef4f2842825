"""Ctrl+C (SIGINT) and SIGTERM quit the desktop app cleanly, like Ctrl+Q.

Python runs a signal handler between two bytecodes, that is inside whatever slot runs next, and
its default SIGINT handler raises KeyboardInterrupt there: it aborted a "New chat" click, and
during an answer it hit the token handler, where a token was lost. Qt's event loop, waiting in
C++, does not even notice the signal until some Python code runs. So the Python handler here
does nothing at all; Python's C handler writes the signal's number to a socket the event loop
watches, and ``quit_requested`` is emitted from the event loop, between events.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot

QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class QuitOnSignals(QObject):
    """Turns SIGINT, SIGTERM (and SIGHUP: the terminal closed) into ``quit_requested``.

    Create it on the main thread, once, before the event loop starts; it stays installed until
    the process ends, so a second Ctrl+C cannot break into the orderly shutdown either.
    """

    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.requested = False  # also true for a signal that came before the event loop ran
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for signum in QUIT_SIGNALS:
            signal.signal(signum, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        """Runs inside whatever Python code is running: must not raise or touch Qt."""
        self.requested = True

    @Slot()
    def _on_wakeup(self) -> None:
        try:
            woken = self._reader.recv(64)
        except OSError:  # nothing to read after all (spurious wake-up)
            return
        if woken:
            self.requested = True
            self.quit_requested.emit()
