"""``thinkdesk ask --server URL``: the same question and output, answered by a server.

Exit codes as for a local model: 0 ok, 1 the answer failed (a dropped stream too), 2 usage,
3 the server or its model is unavailable (unreachable, refused, unknown model, busy, loading),
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from urllib.parse import urlsplit

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

#: Where the API key comes from when --api-key is not given (keeps it out of shell history).
API_KEY_ENV = "THINKDESK_API_KEY"


def check_server_url(url: str) -> str | None:
    """Why ``url`` cannot be a server address, or None (the CLI stays free of Qt)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        return "it must look like http://gpu-box:8080"
    try:
        _port = parts.port
    except ValueError:
        return "its port number is not valid"
    return None


def register_options(ask: argparse.ArgumentParser) -> None:
    """The remote options of ``thinkdesk ask``."""
    ask.add_argument(
        "--server", metavar="URL", help="ask an OpenAI-compatible server (llama-server, vLLM, "
        "Ollama) instead of a local model, e.g. http://gpu-box:8080",
    )  # fmt: skip
    ask.add_argument(
        "--remote-model", metavar="NAME", help="the server's model (default: the first it lists)"
    )
    ask.add_argument("--api-key", help=f"the server's API key (default: ${API_KEY_ENV})")


def run_remote(args: argparse.Namespace, question: str) -> int:
    """Answer ``question`` with the server's model, streaming like a local answer."""
    from desktop.cli.ask import stream_answer
    from desktop.core.engines.generation import GenerationParams
    from desktop.core.engines.remote import RemoteConfig, RemoteEngine
    from desktop.core.engines.remote_http import RemoteError

    if problem := check_server_url(args.server):
        print(f"thinkdesk ask: --server {args.server!r}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    key = args.api_key if args.api_key is not None else os.environ.get(API_KEY_ENV, "")
    config = RemoteConfig(args.server, model=args.remote_model or "", api_key=key)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        try:
            engine = RemoteEngine(config, notice=_note, cancel=stop)
        except RemoteError as err:
            if stop.is_set():
                return EXIT_INTERRUPTED
            print(f"thinkdesk: the server cannot answer: {err}", file=sys.stderr)
            return EXIT_UNAVAILABLE
        if stop.is_set():
            return EXIT_INTERRUPTED
        params = GenerationParams(
            max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed
        )
        try:
            return stream_answer(engine, question, params, stop, stats=args.stats)
        finally:
            engine.close()
    finally:
        signal.signal(signal.SIGINT, previous)


def _note(message: str) -> None:
    print(f"thinkdesk: {message}", file=sys.stderr)
