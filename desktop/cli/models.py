"""``thinkdesk models ...``: the model catalog, downloads, imports and memory fit.

The group is assembled from modules that each add their own sub-subcommands, so the catalog
and download commands and the memory-fit command can grow independently.
"""

from __future__ import annotations

import argparse
import importlib

#: Modules with register(models_subparsers); imported lazily so `thinkdesk ask` stays fast.
PARTS = ("desktop.cli.models_fit", "desktop.cli.models_manage", "desktop.cli.models_hub")


def register(commands: argparse._SubParsersAction) -> None:
    models = commands.add_parser("models", help="list, download, import and check models")
    sub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    for name in PARTS:
        importlib.import_module(name).register(sub)
