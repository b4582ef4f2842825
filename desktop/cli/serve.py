"""``thinkdesk serve``: share one model with other programs over the OpenAI API.

A colleague's ThinkDesk, an editor plugin or a script then uses this PC's model, with the R1
handling the app applies (template, thinking in ``reasoning_content``, answers-only history).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
import threading
from pathlib import Path

from desktop.cli.arguments import positive_int

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="share a model on the network (OpenAI-compatible API)",
        description="Serve one model through an OpenAI-compatible API: /v1/chat/completions, "
        "/v1/models and /health. The API key comes from --api-key or THINKDESK_API_KEY.",
    )
    serve.add_argument("--model", required=True, dest="serve_model", metavar="PATH|CATALOG_ID")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                       "this PC only; 0.0.0.0 for the whole network)")  # fmt: skip
    serve.add_argument("--port", type=int, default=8080, help="port (0: any free port)")
    serve.add_argument("--api-key", help="require this key (Authorization: Bearer KEY)")
    serve.add_argument("--ctx", type=positive_int, default=4096, help="context length in tokens")
    serve.add_argument("--threads", type=positive_int, help="CPU threads (default: physical cores)")
    serve.add_argument(
        "--queue", type=positive_int, default=8,
        help="requests that may wait for the model before answering 429 (default 8)",
    )  # fmt: skip
    serve.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    serve.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this PC."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_model(key: str, data_dir: Path | None) -> Path | None:
    """A GGUF path as given, or the installed file of a catalog id; None if neither."""
    path = Path(key).expanduser()
    if path.is_file():
        return path
    from desktop.core.models.catalog import CatalogError, load_catalog
    from desktop.core.models.installed import Registry
    from desktop.core.system.paths import DataDir

    data = DataDir(data_dir)
    registry = Registry(data)
    model = registry.get(key)
    if model is None:
        try:
            entry = load_catalog().get(key)
        except CatalogError:
            entry = None
        model = registry.get(entry.id) if entry else None
    return registry.path_of(model) if model is not None else None


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from desktop.core.engines.local import Engine, EngineConfig
    from desktop.core.models.loading import open_model
    from desktop.core.models.model_check import VerdictCache
    from desktop.core.serving.api import ServerConfig, create_app
    from desktop.core.serving.host import EngineThread
    from desktop.core.system.paths import DataDir

    data_dir = getattr(args, "sub_data_dir", None) or args.data_dir
    path = resolve_model(args.serve_model, data_dir)
    if path is None:
        print(f"thinkdesk serve: no such file or installed model: {args.serve_model}",
              file=sys.stderr)  # fmt: skip
        return EXIT_MODEL
    api_key = args.api_key or os.environ.get("THINKDESK_API_KEY") or None
    if not is_loopback(args.host) and not api_key:
        print(f"thinkdesk serve: warning: listening on {args.host} without an API key: anyone "
              "on the network can use this model (set --api-key or THINKDESK_API_KEY)",
              file=sys.stderr)  # fmt: skip

    def load() -> Engine:
        data = DataDir(data_dir)
        try:
            data.ensure()
            verdicts = VerdictCache(data.model_checks_file)
        except OSError:
            verdicts = VerdictCache(None)
        config = EngineConfig(model_path=path, n_ctx=args.ctx, n_threads=args.threads)
        opened = open_model(config, verdicts)  # as the app and `ask` load: checked, no mmap
        assert opened is not None  # nothing cancels this load
        return opened.engine

    host = EngineThread(load, max_pending=args.queue)
    stem = path.name.removesuffix(".gguf")
    api_config = ServerConfig(model_id=stem, aliases=(args.serve_model,), api_key=api_key)
    app = create_app(host, api_config)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port,
                                           log_level="warning", lifespan="off"))  # fmt: skip
    outcome = {"code": EXIT_OK}
    stopping = threading.Event()  # Ctrl+C or SIGTERM: the normal way to stop, at any moment

    def announce() -> None:
        host.loaded.wait()
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if stopping.is_set():
            return
        if host.state != "ready":
            print(f"thinkdesk serve: cannot open the model: {host.error}", file=sys.stderr)
            outcome["code"] = EXIT_MODEL
            server.should_exit = True
            return
        if server.started:
            port = server.servers[0].sockets[0].getsockname()[1]
            shown = f"[{args.host}]" if ":" in args.host else args.host
            print(f"Serving on http://{shown}:{port}/v1", file=sys.stderr, flush=True)

    host.start()
    threading.Thread(target=announce, name="thinkdesk-announce", daemon=True).start()

    # uvicorn shuts down gracefully on Ctrl+C or SIGTERM, then raises the signal again for the
    # handler that was there before. Ours asks the server to stop: that also covers a signal
    # arriving before uvicorn installs its own (while the model loads), which a do-nothing
    # handler swallowed, and it keeps the normal way to stop quiet.
    def stop_serving(*_: object) -> None:
        stopping.set()
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop_serving) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()
    finally:
        host.close(timeout=30)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping.is_set():
        return EXIT_OK
    if not server.started and outcome["code"] == EXIT_OK:
        return EXIT_FAILED  # could not bind (uvicorn has said why)
    return outcome["code"]
