"""``thinkdesk models list|download|import|remove|verify|default``: the model manager for
scripts, support staff and machines without a screen.

Progress goes to stderr, results to stdout. ``download`` exits 0 only when the verified file
is installed, 1 with the reason otherwise, and 130 on Ctrl+C (the ``.part`` is kept and the
next run resumes it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.arguments import positive_float

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
GB = 1024**3


def _url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"must start with http:// or https://, not {text}")
    return text


def register(models: argparse._SubParsersAction) -> None:
    def add(name: str, help: str) -> argparse.ArgumentParser:
        parser = models.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        parser.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
        parser.add_argument(
            "--catalog", type=Path, action="append", default=[], metavar="FILE",
            help="an extra catalog file (same JSON schema; repeatable)",
        )  # fmt: skip
        return parser

    p = add("list", "list the catalog and the installed models")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=run_list)

    p = add("download", "download a catalog model, resuming and verifying it")
    p.add_argument("model_id", metavar="ID",
                   help="a catalog id (see `thinkdesk models list`) or REPO:FILE from "
                        "`thinkdesk models search`")  # fmt: skip
    p.add_argument("--source", choices=("auto", "modelscope", "hf-mirror", "hf"),
                   help="where to download from (default: the setting, normally auto)")  # fmt: skip
    p.add_argument("--modelscope-endpoint", type=_url, metavar="URL")
    p.add_argument("--hf-endpoint", type=_url, metavar="URL",
                   help="the Hugging Face hub or mirror to use (like HF_ENDPOINT)")  # fmt: skip
    p.add_argument("--timeout", type=positive_float, metavar="SECONDS",
                   help="give up on a stalled connection after this long (default 30)")  # fmt: skip
    p.add_argument("--retries", type=int, metavar="N", help="retries per source (default 3)")
    p.add_argument("--backoff", type=positive_float, help=argparse.SUPPRESS)
    p.add_argument("--force", action="store_true",
                   help="download even if the model may not fit this PC's memory")  # fmt: skip
    p.set_defaults(run=run_download)

    p = add("import", "import a .gguf file, or every .gguf in a folder")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--in-place", action="store_true",
                   help="use the file where it is instead of copying it")  # fmt: skip
    p.set_defaults(run=run_import)

    p = add("remove", "remove an installed model (or a partial download)")
    p.add_argument("model_id", metavar="ID")
    p.add_argument("--keep-file", action="store_true", help="unregister only")
    p.set_defaults(run=run_remove)

    p = add("verify", "check installed files against their sha256")
    p.add_argument("model_id", metavar="ID", nargs="?")
    p.set_defaults(run=run_verify)

    p = add("default", "choose the model opened at start")
    p.add_argument("model_id", metavar="ID")
    p.set_defaults(run=run_default)


def _context(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """(DataDir, Catalog, Registry); raises CatalogError for a bad --catalog file."""
    from desktop.cli import data_dir_arg
    from desktop.core.models.catalog import load_catalog
    from desktop.core.models.installed import Registry
    from desktop.core.system.paths import DataDir

    data = DataDir(data_dir_arg(args))
    catalog = load_catalog(args.catalog)
    return data, catalog, Registry(data)


def _fail(message: str) -> int:
    print(f"thinkdesk: {message}", file=sys.stderr)
    return EXIT_FAILED


def _settings(data: Any) -> Any:
    """The app's settings (network keys); None if Qt is unavailable."""
    try:
        from desktop.services.settings import Settings
    except ImportError:
        return None
    return Settings(data.settings_file)


def _setting(settings: Any, key: str, default: Any) -> Any:
    try:
        return default if settings is None else settings.value(key)
    except KeyError:
        return default


def _size(n: int | None, approx: bool = False) -> str:
    return "?" if n is None else f"{'~' if approx else ''}{n / GB:.2f} GB"


def run_list(args: argparse.Namespace) -> int:
    from desktop.core.downloads.fetch import partial_size
    from desktop.core.models.catalog import CatalogError, fit_entry

    try:
        data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    installed = registry.models()
    default = registry.default()
    by_id = {m.id: m for m in installed}
    rows = []
    for entry in catalog:
        fit = fit_entry(entry)
        rows.append({
            "id": entry.id, "name": entry.name, "quantization": entry.quantization,
            "file": entry.file, "size": entry.size, "approx_size": entry.approx_size,
            "sha256": entry.sha256, "recommended_ram_gb": entry.recommended_ram_gb,
            "license": entry.license, "fit": fit.verdict, "installed": entry.id in by_id,
            "partial_bytes": partial_size(data.models, entry),
        })  # fmt: skip
    if args.json:
        out = {
            "catalog": rows,
            "installed": [{**asdict(m), "path": str(registry.path_of(m))} for m in installed],
            "default": default.id if default else None,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{'ID':24} {'MODEL':34} {'SIZE':>9} {'RAM':>5}  {'FIT':8} STATUS")
    for row in rows:
        status = "installed" if row["installed"] else ""
        if row["partial_bytes"]:
            status = f"partial ({_size(row['partial_bytes'])})"
        size = _size(row["size"] or row["approx_size"], row["size"] is None)
        name = f"{row['name'].replace('DeepSeek-R1-Distill-', 'R1-')} {row['quantization']}"
        print(f"{row['id']:24} {name:34} {size:>9} {row['recommended_ram_gb']:>3.0f}GB  "
              f"{row['fit']:8} {status}")  # fmt: skip
    if installed:
        print("\nInstalled:")
        for m in installed:
            mark = "*" if default and m.id == default.id else " "
            flags = ("verified" if m.verified else "unverified") + (
                ", in place" if m.in_place else "")  # fmt: skip
            print(f"{mark} {m.id:22} {m.label:40} {_size(m.size):>9}  {m.source} ({flags})")
            print(f"    {registry.path_of(m)}")
    return EXIT_OK


class _ProgressLine:
    """Progress on stderr: one rewritten line on a terminal, a line every few seconds else."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, p: Any) -> None:
        now = time.monotonic()
        final = p.total is not None and p.done >= p.total
        if not final and now - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = now
        pct = f"{100 * p.done / p.total:5.1f}%" if p.total else "   ?  "
        speed = f"{p.speed / 1024**2:6.1f} MB/s" if p.speed else ""
        eta = f"ETA {int(p.eta) // 60}:{int(p.eta) % 60:02d}" if p.eta is not None else ""
        text = f"{p.phase:11} {pct} {_size(p.done)} of {_size(p.total)}  {speed} {eta}  {p.source}"
        sys.stderr.write(f"\r{text:100}" if self.tty else text + "\n")
        sys.stderr.flush()

    def notice(self, message: str) -> None:
        sys.stderr.write(("\n" if self.tty else "") + message + "\n")
        sys.stderr.flush()


def run_download(args: argparse.Namespace) -> int:
    from desktop.core.downloads.fetch import Downloader, DownloadError, DownloadOptions
    from desktop.core.downloads.sources import Endpoints, plan_sources
    from desktop.core.models.catalog import CatalogError
    from desktop.core.models.installed import from_download

    try:
        data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    entry = catalog.get(args.model_id)
    if entry is None and ":" in args.model_id:  # REPO:FILE from `thinkdesk models search`
        from desktop.cli.models_hub import hub_entry_for

        entry, problem = hub_entry_for(args, data)
        if entry is None:
            return _fail(problem)
    if entry is None:
        return _fail(f"no catalog model is called {args.model_id!r}; see `thinkdesk models list`")
    settings = _settings(data)
    if _setting(settings, "network/offline", False):
        return _fail("ThinkDesk is set to work offline (Settings > Network), so nothing was "
                     "downloaded.")  # fmt: skip
    hf = args.hf_endpoint
    endpoints = Endpoints.resolve(
        args.modelscope_endpoint or _explicit(settings, "network/modelscope_endpoint"),
        hf or _explicit(settings, "network/hf_mirror_endpoint"),
        hf or _explicit(settings, "network/hf_endpoint"),
    )
    sources = plan_sources(entry, args.source or _setting(settings, "network/source", "auto"),
                           endpoints)  # fmt: skip
    budget = getattr(settings, "memory_budget_bytes", lambda: None)()
    options = DownloadOptions(check_memory=not args.force, memory_budget=budget)
    if args.timeout:
        options = _replace(options, read_timeout=args.timeout,
                           connect_timeout=min(args.timeout, options.connect_timeout))  # fmt: skip
    if args.retries is not None:
        options = _replace(options, retries=max(0, args.retries))
    if args.backoff:
        options = _replace(options, backoff=args.backoff, backoff_max=args.backoff * 8)
    line = _ProgressLine()
    print(f"Downloading {entry.label} ({entry.file})", file=sys.stderr)
    try:
        data.ensure()
        downloader = Downloader(entry, data.models, sources, options, progress=line,
                                notice=line.notice)  # fmt: skip
        result = downloader.run()
    except KeyboardInterrupt:
        line.notice("Interrupted; the partial download was kept and will resume next time.")
        return EXIT_INTERRUPTED
    except DownloadError as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(f"cannot write to {data.models}: {err.strerror or err}")
    if entry.origin == "hub":
        from desktop.cli.models_hub import record_download

        return record_download(entry, result, data, registry)
    model = registry.add(from_download(entry, result.path, result.sha256, result.source))
    line.notice(f"Verified sha256 {result.sha256[:16]}… from {result.source_name}.")
    print(registry.path_of(model))
    return EXIT_OK


def _explicit(settings: Any, key: str) -> str | None:
    from desktop.core.downloads.sources import DEFAULT_HF, DEFAULT_HF_MIRROR, DEFAULT_MODELSCOPE

    value = str(_setting(settings, key, "") or "").rstrip("/")
    defaults = (DEFAULT_MODELSCOPE, DEFAULT_HF_MIRROR, DEFAULT_HF)
    return value if value and value not in defaults else None  # env vars may override defaults


def _replace(options: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(options, **changes)


def run_import(args: argparse.Namespace) -> int:
    from desktop.core.models.catalog import CatalogError
    from desktop.core.models.importing import ModelImportError, find_gguf_files, import_model
    from desktop.core.models.model_check import VerdictCache

    try:
        data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    files = find_gguf_files(args.path)
    if not files or not files[0].exists():
        return _fail(f"no .gguf model files were found at {args.path}")
    data.ensure()
    verdicts = VerdictCache(data.model_checks_file)
    failed = 0
    for file in files:
        last = [0.0]

        def progress(phase: str, done: int, total: int, name: str = file.name,
                     last: list[float] = last) -> None:  # fmt: skip
            if time.monotonic() - last[0] > 2 or done == total:
                last[0] = time.monotonic()
                pct = f" {100 * done / total:.0f}%" if total else ""
                print(f"{name}: {phase}{pct}", file=sys.stderr)

        try:
            model = import_model(file, registry, catalog, copy=not args.in_place,
                                 verdicts=verdicts, progress=progress)  # fmt: skip
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except ModelImportError as err:
            failed += 1
            print(f"thinkdesk: {file}: {err}", file=sys.stderr)
            continue
        kind = "recognised and verified" if model.verified else "checked (not in the catalog)"
        print(f"{model.id}\t{registry.path_of(model)}\t{kind}")
    return EXIT_FAILED if failed else EXIT_OK


def _find_installed(registry: Any, catalog: Any, key: str) -> Any:
    model = registry.get(key)
    if model is None:
        entry = catalog.get(key)
        model = registry.get(entry.id) if entry else None
    return model


def run_remove(args: argparse.Namespace) -> int:
    from desktop.core.downloads.fetch import discard_idle_partial, partial_size
    from desktop.core.models.catalog import CatalogError

    try:
        data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    model = _find_installed(registry, catalog, args.model_id)
    entry = catalog.get(args.model_id)
    if model is None:
        if entry is not None and partial_size(data.models, entry):
            if not discard_idle_partial(data.models, entry):
                return _fail(f"{entry.id} is being downloaded right now (by the app or another "
                             "command); stop it there first")  # fmt: skip
            print(f"Removed the partial download of {entry.id}.")
            return EXIT_OK
        return _fail(f"no installed model is called {args.model_id!r}")
    try:
        registry.remove(model.id, delete_file=not args.keep_file)
    except OSError as err:  # in use by another program, or a read-only folder: still listed
        return _fail(f"{err.filename or model.id} could not be deleted ({err.strerror or err})")
    kept = args.keep_file or model.in_place
    print(f"Removed {model.id}" + (f" (the file stays at {model.path})" if kept else "") + ".")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from desktop.core.models.catalog import CatalogError

    try:
        _data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    if args.model_id:
        model = _find_installed(registry, catalog, args.model_id)
        if model is None:
            return _fail(f"no installed model is called {args.model_id!r}")
        models = [model]
    else:
        models = registry.models()
        if not models:
            print("No models are installed.")
            return EXIT_OK
    bad = 0
    for model in models:
        entry = catalog.get(model.catalog_id) if model.catalog_id else None
        try:
            report = registry.verify(model, entry.sha256 if entry else None)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        bad += not report.ok
        print(f"{'ok    ' if report.ok else 'FAILED'} {model.id}: {report.message}")
    return EXIT_FAILED if bad else EXIT_OK


def run_default(args: argparse.Namespace) -> int:
    from desktop.core.models.catalog import CatalogError

    try:
        _data, catalog, registry = _context(args)
    except CatalogError as err:
        return _fail(str(err))
    model = _find_installed(registry, catalog, args.model_id)
    if model is None:
        return _fail(f"no installed model is called {args.model_id!r}")
    registry.set_default(model.id)
    print(f"{model.id} will open at start.")
    return EXIT_OK
