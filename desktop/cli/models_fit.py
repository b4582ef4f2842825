"""``thinkdesk models fit ID|PATH``: will this model fit in memory, and at which context?

Exit codes: 0 fits, 4 does not fit, 2 usage error or unknown model id, 3 unreadable model file.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from desktop.cli.arguments import positive_int

EXIT_FITS, EXIT_USAGE, EXIT_MODEL, EXIT_NO_FIT = 0, 2, 3, 4
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``4G``, ``6.5GB``, ``4096M``, ``4`` (a bare number is GB) -> bytes."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size like 4G or 4096M: {text!r}")
    number, unit = float(match.group(1)), (match.group(2) or "g").lower()
    value = int(number * (1 << (10 * "bkmgt".index(unit))))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than zero: {text!r}")
    return value


def register(models: argparse._SubParsersAction) -> None:
    parser = models.add_parser(
        "fit",
        help="estimate a model's memory use and check it against a budget",
        description="Estimate weights + KV cache + compute buffers + overhead, pick the "
        "largest context that fits the memory budget, or say why the model cannot fit.",
    )
    parser.add_argument("model", metavar="ID|PATH", help="a catalog id or a GGUF file")
    parser.add_argument(
        "--memory-budget", type=parse_size, metavar="SIZE",
        help="e.g. 4G or 4096M (default: 80%% of the RAM available now, leaving 1 GB free)",
    )  # fmt: skip
    parser.add_argument("--ctx", type=positive_int, help="context length (default: Auto)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(run=run)


def _catalog_facts(model_id: str) -> Any:
    """ModelFacts for a catalog id, or None if there is no such entry (or no catalog)."""
    from desktop.core.models.catalog import load_catalog, model_facts

    try:
        entry = load_catalog().get(model_id)
    except (OSError, ValueError):
        return None
    if entry is None or entry.expected_size is None:
        return None
    return model_facts(entry)


def run(args: argparse.Namespace) -> int:
    import sys

    from desktop.core.models.gguf_inspect import GGUFError, inspect_gguf
    from desktop.core.models.memory_fit import ModelFacts, default_budget_bytes, fit, gb

    path = Path(args.model).expanduser()
    if path.exists() or args.model.lower().endswith(".gguf"):
        try:
            facts = ModelFacts.from_gguf_info(inspect_gguf(path, check_vocab=False))
        except (GGUFError, ValueError) as err:
            print(f"thinkdesk: cannot read the model: {err}", file=sys.stderr)
            return EXIT_MODEL
    else:
        facts = _catalog_facts(args.model)
        if facts is None:
            print(f"thinkdesk: unknown model id {args.model!r}", file=sys.stderr)
            return EXIT_USAGE
    auto = args.memory_budget is None
    budget = default_budget_bytes() if auto else args.memory_budget
    verdict = fit(facts, budget, args.ctx)
    if args.json:
        print(json.dumps({"model": facts.name, "auto_budget": auto, **verdict.to_dict()}, indent=2))
        return EXIT_FITS if verdict.fits else EXIT_NO_FIT
    est = verdict.estimate
    asked = f"{args.ctx:,}" if args.ctx else "Auto"
    rows = [
        ("Model", facts.name),
        ("Context", f"{est.n_ctx:,} tokens (asked: {asked})"),
        ("Weights", gb(est.weights)),
        ("KV cache", gb(est.kv_cache)),
        ("Compute", gb(est.compute)),
        ("Overhead", gb(est.overhead)),
        ("Total", gb(est.total)),
        ("Budget", gb(budget) + (" (auto: a safe share of available RAM)" if auto else "")),
        ("Verdict", "fits" if verdict.fits else "does not fit"),
    ]
    for label, value in rows:
        print(f"{label + ':':<10} {value}")
    print(verdict.message)
    return EXIT_FITS if verdict.fits else EXIT_NO_FIT
