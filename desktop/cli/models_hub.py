"""``thinkdesk models search QUERY`` and the hub half of ``thinkdesk models download
REPO:FILE``: find GGUF files on ModelScope, an HF mirror or huggingface.co, and download one
through the same resumable, verified transfer as a catalog model.

Exit codes: 0 ok, 1 nothing found / the hubs failed / offline, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.models_manage import EXIT_FAILED, EXIT_OK, GB, _explicit, _setting, _settings

SOURCES = ("auto", "modelscope", "hf-mirror", "hf")


def register(models: argparse._SubParsersAction) -> None:
    help = "search ModelScope and Hugging Face for GGUF models"
    p = models.add_parser("search", help=help, description=help[0].upper() + help[1:] + ".")
    p.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    p.add_argument("query", nargs="+", metavar="QUERY", help="words to search for, e.g. R1 14B")
    p.add_argument("--source", choices=SOURCES,
                   help="which hub to search (default: the setting, normally auto)")  # fmt: skip
    p.add_argument("--modelscope-endpoint", metavar="URL")
    p.add_argument("--hf-endpoint", metavar="URL", help="the Hugging Face hub or mirror to use")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="repositories (default 10)")
    p.add_argument("--fit", action="store_true",
                   help="read each repository's GGUF header from the hub (a few MB) to estimate "
                        "the memory of models the catalog does not know")  # fmt: skip
    p.add_argument("--timeout", type=float, default=25.0, metavar="SECONDS",
                   help="give up on a hub after this long (default 25)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=run_search)


def _hubs(args: argparse.Namespace, settings: Any) -> list[Any]:
    from desktop.core.downloads.hub_search import plan_hubs
    from desktop.core.downloads.sources import Endpoints

    hf = getattr(args, "hf_endpoint", None)
    endpoints = Endpoints.resolve(
        getattr(args, "modelscope_endpoint", None)
        or _explicit(settings, "network/modelscope_endpoint"),
        hf or _explicit(settings, "network/hf_mirror_endpoint"),
        hf or _explicit(settings, "network/hf_endpoint"),
    )
    return plan_hubs(args.source or _setting(settings, "network/source", "auto"), endpoints)


def _offline(settings: Any) -> str | None:
    from desktop.core.downloads.hub_search import OFFLINE

    return str(OFFLINE) if _setting(settings, "network/offline", False) else None


def _gb(n: int | None) -> str:
    return "?" if n is None else f"{n / GB:.2f} GB"


def run_search(args: argparse.Namespace) -> int:
    from desktop.cli import data_dir_arg
    from desktop.core.downloads.hub_fit import catalog_shape, file_fit, hub_entry, repo_shape
    from desktop.core.downloads.hub_search import HubError, SearchOptions, search
    from desktop.core.downloads.transfer import Control, make_session
    from desktop.core.models.catalog import load_catalog
    from desktop.core.system.paths import DataDir

    data = DataDir(data_dir_arg(args))
    settings = _settings(data)
    refusal = _offline(settings)
    if refusal:
        print(f"thinkdesk: {refusal}", file=sys.stderr)
        return EXIT_FAILED
    options = SearchOptions(limit=max(1, args.limit), list_files=max(1, args.limit),
                            deadline=args.timeout)  # fmt: skip
    query = " ".join(args.query)
    try:
        result = search(query, _hubs(args, settings), data.root / "hub", options,
                        notice=lambda m: print(m, file=sys.stderr))  # fmt: skip
    except (HubError, ValueError) as err:
        print(f"thinkdesk: {err}", file=sys.stderr)
        return EXIT_FAILED
    catalog = load_catalog()
    budget = getattr(settings, "memory_budget_bytes", lambda: None)()
    repos = []
    with make_session(Control(), "ThinkDesk") as session:
        for repo in result.repos:
            shape = catalog_shape(repo.repo, catalog)
            if shape is None and args.fit and repo.files:
                shape = repo_shape(result.hub, repo, session, options.timeout)
            files = []
            for f in repo.files or ():
                fit = file_fit(hub_entry(result.hub, repo, f, shape), budget=budget)
                files.append({
                    "path": f.path, "quantization": f.quantization, "size": f.size,
                    "sha256": f.sha256, "split": f.split_part is not None, "fit": fit.verdict,
                    "memory_bytes": fit.need, "download": f"{repo.repo}:{f.path}",
                })  # fmt: skip
            repos.append({"repo": repo.repo, "license": repo.license, "downloads": repo.downloads,
                          "files": files if repo.files is not None else None})  # fmt: skip
    if args.json:
        out = {"query": query, "hub": result.hub.kind, "hub_name": str(result.hub.name),
               "notices": [str(n) for n in result.notices], "repos": repos}  # fmt: skip
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not repos:
        print(f"{result.hub.name} has no GGUF models matching {query!r}.")
        return EXIT_FAILED
    print(f"From {result.hub.name}:")
    for repo in repos:
        licence = f"  licence {repo['license']}" if repo["license"] else ""
        print(f"\n{repo['repo']}{licence}  ({repo['downloads']:,} downloads)")
        if repo["files"] is None:
            print("    (files not listed; search again or open it in the app)")
        for f in repo["files"] or []:
            sha = "sha256" if f["sha256"] else "no hash"
            print(f"    {f['path']:56} {f['quantization']:10} {_gb(f['size']):>9}  "
                  f"{f['fit']:8} {sha}")  # fmt: skip
    print("\nDownload one with: thinkdesk models download REPO:FILE")
    return EXIT_OK


def hub_entry_for(args: argparse.Namespace, data: Any) -> tuple[Any, str]:
    """(catalog entry, "") for ``args.model_id`` = REPO:FILE on a hub, or (None, problem)."""
    from desktop.core.downloads import hub_partials
    from desktop.core.downloads.hub_fit import catalog_shape, hub_entry, repo_shape
    from desktop.core.downloads.hub_search import HubError, SearchOptions, find_file
    from desktop.core.downloads.transfer import Control, make_session
    from desktop.core.models.catalog import load_catalog

    settings = _settings(data)
    refusal = _offline(settings)
    if refusal:
        return None, refusal
    options = SearchOptions()
    try:
        hub, repo, file = find_file(args.model_id, _hubs(args, settings), data.root / "hub",
                                    options)  # fmt: skip
    except (HubError, ValueError) as err:
        return None, str(err)
    if file.split_part is not None:
        return None, f"{file.path} is one part of a split model; split models cannot be " \
                     "downloaded yet, choose a single-file quantization"  # fmt: skip
    shape = catalog_shape(repo.repo, load_catalog())
    if shape is None:
        with make_session(Control(), "ThinkDesk") as session:
            shape = repo_shape(hub, repo, session, options.timeout, prefer=file)
    if not file.sha256:
        note = (f"{hub.name} gives no sha256 for {file.path}: it will be test-loaded after "
                "the download and marked as coming from an unverified source.")  # fmt: skip
        print(note, file=sys.stderr)
    entry = hub_entry(hub, repo, file, shape)
    hub_partials.remember(data.models, entry)  # the app offers to resume it if interrupted
    return entry, ""


def record_download(entry: Any, result: Any, data: Any, registry: Any) -> int:
    """Probe and register a downloaded hub file; print its path."""
    from desktop.core.downloads import hub_partials
    from desktop.core.downloads.hub_fit import record_hub_download
    from desktop.core.models.catalog import load_catalog
    from desktop.core.models.model_check import ModelCheckError, VerdictCache

    hub_partials.forget(data.models, entry)
    try:
        model = record_hub_download(entry, result, registry, load_catalog(),
                                    VerdictCache(data.model_checks_file))  # fmt: skip
    except ModelCheckError as err:
        print(f"thinkdesk: {err} The downloaded file was deleted.", file=sys.stderr)
        return EXIT_FAILED
    how = (f"verified sha256 {result.sha256[:16]}…" if entry.sha256
           else "test-loaded; unverified source (the hub gave no sha256)")  # fmt: skip
    print(f"Downloaded from {result.source_name}, {how}.", file=sys.stderr)
    print(registry.path_of(model))
    return EXIT_OK
