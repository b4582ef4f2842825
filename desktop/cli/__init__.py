"""The ``thinkdesk`` command: the desktop app, and subcommands for scripts and support staff.

Each subcommand lives in its own module with ``register(subparsers)`` and ``run(args)``.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 model could not be opened, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import __version__
from desktop.cli import ask, hardware, models, serve
from desktop.cli.ask_remote import check_server_url

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

#: Subcommand modules, each with register(subparsers) and run(args) -> int.
COMMANDS = [ask, models, hardware, serve]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thinkdesk", description="Offline chat with DeepSeek-R1 distilled models."
    )
    parser.add_argument("--version", action="version", version=f"ThinkDesk {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep all state (settings, checks) in DIR")
    parser.add_argument("--model", type=Path, help="open this GGUF file at start")
    parser.add_argument(
        "--server", metavar="URL", help="answer with an OpenAI-compatible server's model"
    )
    parser.add_argument("--probe-model", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation works, then exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def data_dir_arg(args: argparse.Namespace) -> Path | None:
    """``--data-dir`` given before or after the subcommand."""
    return getattr(args, "sub_data_dir", None) or args.data_dir


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.probe_model is not None:
        from desktop.core.models.probe import main as probe_main

        return probe_main([str(args.probe_model)])
    if args.self_test:
        from desktop.selftest import main as self_test

        return self_test()
    if args.command is not None:
        return args.run(args)
    from desktop.app import run_gui
    from desktop.core.system.paths import DataDir

    if args.server is not None and (problem := check_server_url(args.server)):
        print(f"thinkdesk: --server {args.server!r}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    return run_gui(DataDir(args.data_dir), args.model, server=args.server)
