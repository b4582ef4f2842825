"""``thinkdesk hardware``: what this PC offers llama.cpp, and which model it should run."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

EXIT_OK = 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "hardware",
        help="show CPU, SIMD, RAM and disk facts and the recommended model",
        description="Report the hardware facts that decide which model runs well here.",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.system.hardware import collect, format_report, recommend
    from desktop.core.system.paths import DataDir

    data = DataDir(getattr(args, "sub_data_dir", None) or args.data_dir)
    facts = collect(data.models)
    rec = recommend(facts)
    if args.json:
        print(json.dumps({"hardware": facts.to_dict(), "recommendation": rec.to_dict()}, indent=2))
    else:
        print(format_report(facts, rec))
    return EXIT_OK
