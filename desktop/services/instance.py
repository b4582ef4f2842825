"""One running app per data folder.

Two copies over the same folder would share one history file: the second one's start marks
the first one's streaming answer "interrupted", and its quit purges the first one's pending
deletions. So the app holds a lock file in the data folder while it runs, and listens on a
local socket; a second start finds the lock, asks the first copy to bring its window forward,
and leaves without opening anything. The command-line tools do not take the lock: they may
still read.
"""

from __future__ import annotations

import getpass
import hashlib
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "thinkdesk.lock"
_ACTIVATE = b"activate\n"
_ANSWER = b"ok\n"


def server_name(root: Path) -> str:
    """The local socket name for the data folder ``root``: short (Unix socket paths are
    limited to ~100 bytes) and distinct per user and folder."""
    key = f"{getpass.getuser()}|{Path(root).resolve()}".encode()
    return "thinkdesk-" + hashlib.sha256(key).hexdigest()[:20]


class SingleInstance(QObject):
    """The lock on a data folder, and the socket a second start knocks on."""

    activation_requested = Signal()  # a second start wants this copy's window in front

    def __init__(self, root: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = QLockFile(str(Path(root) / LOCK_NAME))
        # Held for as long as the app runs, so never "stale" by age; a lock whose process has
        # died (a crash, a kill) is still recognised as stale and taken over.
        self._lock.setStaleLockTime(0)
        self._name = server_name(root)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the folder for this process; False if another running copy holds it."""
        if not self._lock.tryLock(0):
            # Only a lock held by a live copy refuses; a folder that cannot hold a lock file
            # at all (read-only, odd file system) is better run unguarded than not at all.
            return self._lock.error() != QLockFile.LockError.LockFailedError
        QLocalServer.removeServer(self._name)  # a socket file left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        # Without the socket the lock still protects the history; only "bring forward" is lost.
        server.listen(self._name)
        self._server = server
        return True

    def release(self) -> None:
        """Give the folder up (also done when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def activate_running(self, timeout_ms: int = 5000) -> bool:
        """Ask the copy that holds the folder to show its window; True if it answered.

        Retries for ``timeout_ms``: the other copy may have taken the lock a moment ago and
        not be listening yet.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self._name)
            if socket.waitForConnected(500):
                socket.write(_ACTIVATE)
                socket.waitForBytesWritten(1000)  # may already read the answer
                if not socket.bytesAvailable():
                    socket.waitForReadyRead(timeout_ms)
                answered = bool(socket.readAll().data())
                socket.abort()
                return answered
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)  # before the GUI exists: nothing else to do meanwhile

    @Slot()
    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            # Any knock counts: the only request there is. Answer so the caller can tell a
            # live copy from a hung one; the caller hangs up (closing here first could throw
            # the answer away before the caller has read it).
            socket.disconnected.connect(socket.deleteLater)
            socket.write(_ANSWER)
            socket.flush()
            self.activation_requested.emit()
