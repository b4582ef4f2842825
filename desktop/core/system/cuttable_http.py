"""HTTP sessions whose sockets another thread can shut down.

A worker blocked in a socket read (a stalled download, a server thinking before its first
byte) does not see a stop flag. Every connection a session made here opens reports its socket;
shutting those sockets down makes the blocked read return at once, and tells the server the
client went away (llama-server, vLLM and Ollama then stop generating).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

__all__ = ["SocketCutter", "cuttable_session", "sealed_when_set"]

#: How often a watcher looks at the event that seals a cutter.
WATCH_INTERVAL_S = 0.02


class SocketCutter:
    """The sockets of one session, and a way to shut them all down from any thread."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._sealed = False

    def track(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.add(sock)
            sealed = self._sealed
        if sealed:  # connected while (or after) it was sealed: it must not read either
            _shut(sock)

    def cut(self) -> None:
        """Shut every tracked socket down: a read blocked on one returns immediately."""
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def seal(self) -> None:
        """Cut now and for good: a socket tracked later is shut down as soon as it connects."""
        with self._lock:
            self._sealed = True
        self.cut()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def sealed_when_set(event: threading.Event | None, cutter: SocketCutter) -> Iterator[None]:
    """While the block runs, seal ``cutter`` as soon as ``event`` is set (e.g. the user's
    Cancel, set from another thread): a request the block is blocked in returns at once."""
    if event is None:
        yield
        return
    lock, running = threading.Lock(), [True]

    def watch() -> None:
        while True:
            fired = event.wait(WATCH_INTERVAL_S)
            with lock:  # never seal after the block ended: the cutter may live on
                if not running[0]:
                    return
                if fired:
                    cutter.seal()
                    return

    threading.Thread(target=watch, name="cut-on-cancel", daemon=True).start()
    try:
        yield
    finally:
        with lock:
            running[0] = False


def cuttable_session(track: Callable[[socket.socket], None]) -> requests.Session:
    """A requests session whose connections, direct or through a proxy, report their sockets
    to ``track`` as they connect."""
    import requests
    from requests.adapters import HTTPAdapter

    def tracked(pool_classes: dict) -> dict:
        out = {}
        for scheme, pool_cls in pool_classes.items():
            base = pool_cls.ConnectionCls

            def connect(self, _base=base) -> None:
                _base.connect(self)
                track(self.sock)

            conn = type(f"Tracked{base.__name__}", (base,), {"connect": connect})
            out[scheme] = type(f"Tracked{pool_cls.__name__}", (pool_cls,), {"ConnectionCls": conn})
        return out

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = tracked(
                self.poolmanager.pool_classes_by_scheme
            )

        def proxy_manager_for(self, proxy, **kwargs):  # office proxies (HTTPS_PROXY) too
            manager = super().proxy_manager_for(proxy, **kwargs)
            # The adapter caches its proxy managers: wrap each one once.
            if not getattr(manager, "_thinkdesk_tracked", False):
                manager.pool_classes_by_scheme = tracked(manager.pool_classes_by_scheme)
                manager._thinkdesk_tracked = True
            return manager

    session = requests.Session()
    for prefix in ("http://", "https://"):
        session.mount(prefix, Adapter())
    return session
