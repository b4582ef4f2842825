"""``thinkdesk --self-test``: check that this installation works, for IT staff and CI.

Loads Qt and shows a window, checks SQLite's FTS5, the bundled resources and llama.cpp's
build, writes a tiny synthetic model into a temporary folder, test-loads it in a child
process the way the app does, and generates a few tokens. Prints one line per check and exits
0 when all pass, 1 otherwise. It works on a temporary data folder, never the user's, and
refuses any network connection while it runs. THINKDESK_SELFTEST_TRACEBACK=1 prints the
traceback of a failing check to stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop import __version__

WINDOW_TIMEOUT_S = 10.0


@dataclass
class CheckResult:
    """One line of the report."""

    name: str
    ok: bool
    seconds: float
    detail: str


class SelfTest:
    """Runs the checks in order; later checks use what earlier ones set up."""

    def __init__(self, workdir: Path, out: TextIO):
        self.workdir = workdir
        self.out = out
        self.results: list[CheckResult] = []
        self.model: Path | None = None
        self.app = None

    def run_check(self, name: str, check: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as err:  # a failing check is a report line, not a crash
            detail, ok = f"{type(err).__name__}: {err}", False
            if os.environ.get("THINKDESK_SELFTEST_TRACEBACK"):
                traceback.print_exc()
        result = CheckResult(name, ok, time.perf_counter() - started, detail)
        self.results.append(result)
        status = "OK" if ok else "FAIL"
        print(f"{status:<4}  {name:<13} {result.seconds:6.2f} s  {detail}", file=self.out)
        self.out.flush()
        return ok

    # -- checks ----------------------------------------------------------------------------
    def check_qt(self) -> str:
        if _headless():
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        return f"PySide6 {pyside_version}, Qt {qVersion()}, platform {self.app.platformName()}"

    def check_app_modules(self) -> str:
        import desktop.app
        import desktop.ui.main_window  # noqa: F401  (a missing module in a bundle shows here)

        return f"{len([m for m in sys.modules if m.startswith('desktop.')])} modules imported"

    def check_window(self) -> str:
        from PySide6.QtWidgets import QApplication

        from desktop.ui.about_dialog import AboutDialog

        shown_at = time.perf_counter()
        dialog = AboutDialog()
        dialog.show()
        deadline = shown_at + WINDOW_TIMEOUT_S
        handle = dialog.windowHandle()
        while not (handle is not None and handle.isExposed()):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no window was shown within {WINDOW_TIMEOUT_S:.0f} s")
            QApplication.processEvents()
            time.sleep(0.01)
            handle = dialog.windowHandle()
        took = time.perf_counter() - shown_at
        since_start = _seconds_since_process_start()
        dialog.close()
        dialog.deleteLater()
        QApplication.processEvents()
        detail = f"About window visible in {took:.2f} s"
        if since_start is not None:
            detail += f", {since_start:.2f} s after the process started"
        return detail

    def check_rendering(self) -> str:
        from PySide6.QtGui import QColor, QFont

        from desktop.core.render.markdown_render import render_markdown
        from desktop.ui.math_images import shared_math_cache

        html = render_markdown("**Proof**: by `pow`.\n\n```python\nprint(a ** 2 + b ** 2)\n```\n")
        if "<strong>Proof</strong>" not in html or "print" not in html:
            raise RuntimeError("Markdown rendering produced unexpected HTML")
        # Typesetting loads ziamath's math font and latex2mathml's symbol table: data files a
        # bundle must carry.
        image = shared_math_cache().formula(
            r"\frac{a^2+b^2}{c^2}=1", display=True, font=QFont(), color=QColor("black")
        )
        if image is None:
            raise RuntimeError("the formula typesetter (ziamath) failed")
        return f"Markdown, code highlighting, a {image.width}x{image.height} px formula"

    def check_sqlite(self) -> str:
        import sqlite3

        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
            db.executemany("INSERT INTO t(x) VALUES (?)", [("勾股定理 proof",), ("other",)])
            hits = db.execute("SELECT x FROM t WHERE t MATCH 'proof'").fetchall()
        if len(hits) != 1:
            raise RuntimeError(f"FTS5 search found {len(hits)} rows instead of 1")
        return f"SQLite {sqlite3.sqlite_version} with FTS5"

    def check_resources(self) -> str:
        from desktop.core.system.paths import resources_dir

        root = resources_dir()
        catalog = json.loads((root / "catalog.json").read_text(encoding="utf-8"))
        licenses = json.loads((root / "licenses" / "components.json").read_text(encoding="utf-8"))
        icon = root / "icons" / "thinkdesk.png"
        if not icon.is_file():
            raise FileNotFoundError(icon)
        return (
            f"{len(catalog.get('models', []))} catalog models, "
            f"{len(licenses['components'])} licences, in {root}"
        )

    def check_llama(self) -> str:
        from desktop.core.system.llama_info import ensure_backends_loaded, llama_build_info, summary

        if ensure_backends_loaded() < 1:
            raise RuntimeError("llama.cpp has no CPU backend (none of its CPU variants loaded)")
        info = llama_build_info()
        if info.get("error"):
            raise RuntimeError(info["error"])
        return summary(info)

    def check_model(self) -> str:
        from desktop.core.models.model_check import VerdictCache, check_model
        from desktop.core.models.synthetic_gguf import write_r1_gguf

        self.model = write_r1_gguf(self.workdir / "self-test-r1.gguf")
        info = check_model(self.model, VerdictCache(None))
        size_kb = self.model.stat().st_size // 1024
        return f"synthetic {info.architecture} model ({size_kb} KB) test-loaded in a child process"

    def check_generation(self) -> str:
        from desktop.core.engines.local import Engine, EngineConfig, GenerationParams
        from desktop.core.engines.prompt import ChatMessage

        if self.model is None:
            raise RuntimeError("skipped: there is no checked model")
        # One thread: on a busy machine OpenMP threads spinning for a core cost seconds.
        engine = Engine(EngineConfig(self.model, n_ctx=512, n_threads=1, n_batch=64))
        try:
            params = GenerationParams(max_tokens=8, seed=42)
            generation = engine.stream_chat([ChatMessage("user", "Say hello.")], params)
            text = generation.text()
            metrics = generation.metrics
        finally:
            engine.close()
        if metrics is None or metrics.generated_tokens < 1:
            raise RuntimeError("llama.cpp produced no tokens")
        threads = f"{engine.threads} thread" + ("s" if engine.threads != 1 else "")
        return (
            f"{metrics.generated_tokens} tokens ({len(text)} characters) in "
            f"{metrics.total_s * 1000:.0f} ms on {threads}"
        )


def _headless() -> bool:
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _seconds_since_process_start() -> float | None:
    try:
        import psutil

        return max(0.0, time.time() - psutil.Process().create_time())
    except Exception:  # psutil can be refused in sandboxes; the figure is optional
        return None


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Refuse internet connections from this process (local sockets stay allowed)."""
    original = socket.socket.connect, socket.socket.connect_ex
    internet = (socket.AF_INET, socket.AF_INET6)

    def guarded(method):
        def call(sock: socket.socket, *args, **kwargs):
            if sock.family in internet:
                raise OSError("the self-test does not use the network")
            return method(sock, *args, **kwargs)

        return call

    socket.socket.connect = guarded(original[0])  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded(original[1])  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = original  # type: ignore[method-assign]


@contextlib.contextmanager
def _private_data_dir(root: Path) -> Iterator[None]:
    from desktop.core.system.paths import DATA_DIR_ENV

    saved = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(root / "data")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = saved


def _header(out: TextIO) -> None:
    kind = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"ThinkDesk {__version__} self-test", file=out)
    print(
        f"  Python {platform.python_version()} ({kind}), {platform.system()} "
        f"{platform.release()} {platform.machine()}, {os.cpu_count()} logical CPUs",
        file=out,
    )


def run(out: TextIO | None = None) -> int:
    """Run every check, print the report to ``out``; return 0 if all passed, else 1."""
    report = out or sys.stdout
    log_file = None
    if report is None:  # a windowed Windows build started without redirection has no stdout
        log_file = open(  # noqa: SIM115
            Path(tempfile.gettempdir()) / "thinkdesk-self-test.txt", "w", encoding="utf-8"
        )
        report = log_file
    started = time.perf_counter()
    try:
        _header(report)
        with (
            tempfile.TemporaryDirectory(prefix="thinkdesk-selftest-") as tmp,
            _private_data_dir(Path(tmp)),
            no_network(),
        ):
            test = SelfTest(Path(tmp), report)
            if test.run_check("Qt", test.check_qt):
                test.run_check("app modules", test.check_app_modules)
                test.run_check("window", test.check_window)
                test.run_check("rendering", test.check_rendering)
            test.run_check("SQLite FTS5", test.check_sqlite)
            test.run_check("resources", test.check_resources)
            test.run_check("llama.cpp", test.check_llama)
            if test.run_check("model check", test.check_model):
                test.run_check("generation", test.check_generation)
        info = _llama_line()
        if info:
            print(f"  llama.cpp: {info}", file=report)
        failed = [r.name for r in test.results if not r.ok]
        total = time.perf_counter() - started
        if failed:
            print(f"Self-test FAILED ({', '.join(failed)}) in {total:.1f} s", file=report)
        else:
            print(f"Self-test passed: {len(test.results)} checks in {total:.1f} s", file=report)
        report.flush()
        return 1 if failed else 0
    finally:
        if log_file is not None:
            log_file.close()


def _llama_line() -> str:
    try:
        from desktop.core.system.llama_info import llama_build_info

        return llama_build_info().get("system_info", "")
    except Exception:  # already reported as a failed check
        return ""


def main() -> int:
    """Entry point for ``thinkdesk --self-test``."""
    return run()
