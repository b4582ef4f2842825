"""One engine on one thread, shared by queued jobs (the serving side of DESIGN's threading rule).

llama.cpp contexts must be created, used and freed on one thread, and one model answers one
request at a time. :class:`EngineThread` loads the engine on its own thread and then runs
submitted jobs there in order. The queue is bounded so a flood of requests is refused at once
(HTTP 429) instead of piling up behind an answer that takes minutes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from desktop.core.engines.local import Engine

Job = Callable[[Engine], Any]


class QueueFull(Exception):
    """Too many requests are already waiting for the engine."""


class PendingLimit:
    """Counts requests queued or running for one engine and refuses past ``limit``."""

    def __init__(self, limit: int):
        self._limit = limit
        self._count = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        """Count one more request; raises QueueFull when ``limit`` are already pending."""
        with self._lock:
            if self._count >= self._limit:
                raise QueueFull(f"{self._count} requests are already waiting")
            self._count += 1

    def leave(self, _future: object = None) -> None:
        """One request ended (usable as a Future's done callback)."""
        with self._lock:
            self._count -= 1


class EngineHost(Protocol):
    """Where jobs that need the loaded engine run, one at a time, in submission order."""

    def submit(self, job: Job) -> Future:
        """Queue ``job``; raises QueueFull when the queue is full."""
        ...

    @property
    def state(self) -> str:
        """ "loading", "ready" or "failed"."""
        ...

    @property
    def error(self) -> str | None:
        """Why loading failed, for the health endpoint."""
        ...


class EngineThread:
    """Loads an engine with ``load`` on a thread of its own, then runs jobs there in order."""

    def __init__(self, load: Callable[[], Engine], max_pending: int = 8):
        self._load = load
        self._pending = PendingLimit(max_pending)
        self._jobs: queue.Queue[tuple[Job, Future] | None] = queue.Queue()
        self._state = "loading"
        self._error: str | None = None
        self.loaded = threading.Event()  # set once loading ended, either way
        self._thread = threading.Thread(target=self._run, name="thinkdesk-engine", daemon=True)

    @property
    def state(self) -> str:
        return self._state

    @property
    def error(self) -> str | None:
        return self._error

    def start(self) -> None:
        self._thread.start()

    def submit(self, job: Job) -> Future:
        if self._state != "ready":
            raise QueueFull("the model is not loaded")
        self._pending.enter()
        future: Future = Future()
        future.add_done_callback(self._pending.leave)
        self._jobs.put((job, future))
        return future

    def close(self, timeout: float | None = None) -> None:
        """Finish the running job, drop the rest, free the engine on its own thread."""
        self._jobs.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            engine = self._load()
        except Exception as err:  # reported on /health and by the CLI, never raised in a thread
            self._error, self._state = str(err), "failed"
            self.loaded.set()
            return
        self._state = "ready"
        self.loaded.set()
        try:
            while (item := self._jobs.get()) is not None:
                job, future = item
                try:
                    if future.set_running_or_notify_cancel():
                        future.set_result(job(engine))
                except BaseException as err:  # a job's failure belongs to its request
                    future.set_exception(err)
        finally:
            self._state = "failed"
            self._error = "the server is shutting down"
            while True:  # nobody will run what is still queued
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[1].cancel()
            engine.close()
