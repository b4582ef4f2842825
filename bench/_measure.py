"""Helpers for bench/engine_overhead.py: the cached benchmark model, machine facts, statistics
and a monitor of the GUI thread's busy intervals."""

from __future__ import annotations

import ctypes
import os
import platform
import queue
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DEFAULT_CACHE_DIR = Path.home() / ".cache" / "thinkdesk-bench"
FRAME_S = 1 / 60  # a busy interval longer than this costs a frame at 60 Hz


def log(message: str) -> None:
    """Progress goes to stderr so stdout holds only the tables."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _quiet_llama_log() -> None:
    """Show only llama.cpp's errors (quantizing logs one line per tensor otherwise)."""
    import llama_cpp

    global _LOG_CALLBACK

    @llama_cpp.llama_log_callback
    def errors_only(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        if level == 3:  # GGML_LOG_LEVEL_ERROR
            print(text.decode("utf-8", errors="replace"), end="", file=sys.stderr, flush=True)

    _LOG_CALLBACK = errors_only  # ctypes callbacks must outlive their registration
    llama_cpp.llama_log_set(errors_only, ctypes.c_void_p(0))


_LOG_CALLBACK: object = None


def ensure_model(cache_dir: Path, *, quick: bool, threads: int) -> Path:
    """The benchmark GGUF: random weights, R1-Distill-Qwen-1.5B shape, Q4_K_M (built once).

    The ~3.5 GB F16 intermediate is deleted after quantizing; the result is reused later.
    """
    import llama_cpp

    from desktop.core.models.synthetic_gguf import R1_1_5B, TINY, write_r1_gguf

    repo = Path(__file__).resolve().parents[1]
    cache_dir = cache_dir.expanduser().resolve()
    if cache_dir == repo or repo in cache_dir.parents:
        raise SystemExit(f"--cache-dir must be outside the repository ({repo})")
    cache_dir.mkdir(parents=True, exist_ok=True)
    name = "tiny-shape-q4_k_m.gguf" if quick else "r1-1.5b-shape-q4_k_m.gguf"
    target = cache_dir / name
    if target.is_file():
        log(f"using cached model {target}")
        return target
    f16 = cache_dir / (name + ".f16.tmp")
    part = cache_dir / (name + ".part")
    try:
        log(f"writing random-weight F16 GGUF ({'tiny' if quick else 'R1 1.5B'} shape) ...")
        started = time.perf_counter()
        write_r1_gguf(f16, TINY if quick else R1_1_5B, f16=True)
        log(f"  {f16.stat().st_size / 1e9:.2f} GB in {time.perf_counter() - started:.0f} s")
        log(f"quantizing to Q4_K_M with {threads} threads ...")
        started = time.perf_counter()
        llama_cpp.llama_backend_init()
        _quiet_llama_log()
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
        params.nthread = threads
        code = llama_cpp.llama_model_quantize(
            str(f16).encode(), str(part).encode(), ctypes.byref(params)
        )
        if code != 0:
            raise SystemExit(f"llama_model_quantize failed with code {code}")
        os.replace(part, target)
        log(f"  {target.stat().st_size / 1e9:.2f} GB in {time.perf_counter() - started:.0f} s")
    finally:
        f16.unlink(missing_ok=True)
        part.unlink(missing_ok=True)
    return target


def machine_facts() -> list[tuple[str, str]]:
    import llama_cpp
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = llama_cpp.llama_print_system_info().decode(errors="replace").strip(" |")
    return [
        ("CPU", cpu),
        ("cores", f"{psutil.cpu_count(logical=False)} physical, {os.cpu_count()} logical"),
        ("RAM", f"{psutil.virtual_memory().total / 2**30:.1f} GiB"),
        ("load average (1 min) at start", f"{os.getloadavg()[0]:.2f}"),
        ("Python / platform", f"{platform.python_version()} / {platform.platform()}"),
        ("llama-cpp-python", llama_cpp.__version__),
        ("llama.cpp system info", info),
    ]


class ThreadRunner:
    """A long-lived thread that runs one contender's calls, as the app's inference QThread does.

    Every contender runs llama.cpp on a thread of its own that lives for the whole benchmark
    (never on the main thread): on this machine the main thread decoded several times slower
    than other threads in some runs, so every contender must sit in the same situation.
    """

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, box = job
            try:
                box.put((True, fn()))
            except BaseException as err:  # handed to the caller
                box.put((False, err))

    def call(self, fn: Callable[[], T]) -> T:
        box: queue.Queue = queue.Queue(maxsize=1)
        self._jobs.put((fn, box))
        ok, value = box.get()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rate(count: int, seconds: float) -> float:
    return count / seconds if count > 0 and seconds > 0 else 0.0


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [row[0].ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


class BusyMonitor:
    """Times every busy interval of the GUI thread's event loop.

    The dispatcher emits ``awake`` when the thread wakes up to process events and
    ``aboutToBlock`` just before it sleeps again; the span between them is time in which the
    thread could not react to input or paint. The longest span is the longest stall; the sum of
    spans over the watched time is the busy fraction.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QAbstractEventDispatcher

        dispatcher = QAbstractEventDispatcher.instance()
        assert dispatcher is not None, "create the QApplication first"
        self._dispatcher = dispatcher
        self._awake_at: float | None = None
        self._busy: list[float] = []
        self._started = 0.0
        self._stopped = 0.0
        self._active = False
        dispatcher.awake.connect(self._on_awake)
        dispatcher.aboutToBlock.connect(self._on_block)

    def _on_awake(self) -> None:
        if self._active and self._awake_at is None:
            self._awake_at = time.perf_counter()

    def _on_block(self) -> None:
        if self._active and self._awake_at is not None:
            self._busy.append(time.perf_counter() - self._awake_at)
            self._awake_at = None

    @property
    def count(self) -> int:
        """Busy intervals recorded so far (an index for :meth:`longest_since`)."""
        return len(self._busy)

    def longest_since(self, index: int) -> float:
        """Longest busy interval (ms) recorded after ``count`` was ``index``."""
        return 1000 * max(self._busy[index:], default=0.0)

    def start(self) -> None:
        self._busy.clear()
        self._awake_at = time.perf_counter()  # we are running now, so the thread is busy
        self._started = time.perf_counter()
        self._active = True

    def stop(self) -> dict[str, float]:
        """Stop watching; returns longest stall (ms), busy share (%), intervals over a frame."""
        self._active = False
        self._stopped = time.perf_counter()
        if self._awake_at is not None:
            self._busy.append(self._stopped - self._awake_at)
            self._awake_at = None
        elapsed = self._stopped - self._started
        return {
            "longest_ms": 1000 * max(self._busy, default=0.0),
            "over_frame": float(sum(1 for busy in self._busy if busy > FRAME_S)),
            "busy_pct": 100 * sum(self._busy) / elapsed if elapsed > 0 else 0.0,
            "intervals": float(len(self._busy)),
            "elapsed_s": elapsed,
        }

    def close(self) -> None:
        self._dispatcher.awake.disconnect(self._on_awake)
        self._dispatcher.aboutToBlock.disconnect(self._on_block)
