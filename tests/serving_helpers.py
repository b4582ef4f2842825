"""Run the OpenAI-compatible API in-process on a loopback port, for the serving tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn

from desktop.core.engines.local import Engine
from desktop.core.serving.api import ServerConfig, create_app
from desktop.core.serving.host import EngineThread


@contextmanager
def serving(load: Callable[[], Engine], config: ServerConfig, max_pending: int = 8,
            wait_loaded: bool = True) -> Iterator[tuple[str, EngineThread]]:  # fmt: skip
    """Yield (base URL, host) of a server on 127.0.0.1; stop it and free the engine after."""
    host = EngineThread(load, max_pending=max_pending)
    server = uvicorn.Server(uvicorn.Config(create_app(host, config), host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    host.start()
    thread.start()
    try:
        for _ in range(400):
            if server.started:
                break
            threading.Event().wait(0.025)
        assert server.started, "the test server did not start"
        if wait_loaded:
            assert host.loaded.wait(60)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}", host
    finally:
        server.should_exit = True
        thread.join(15)
        host.close(timeout=30)
