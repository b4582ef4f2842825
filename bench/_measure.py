"""Helpers for bench/engine_overhead.py: the cached benchmark model, machine facts, statistics
and a monitor of the GUI thread's busy intervals."""

from __future__ import annotations

import bisect
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


PROBE_GAP_S = 0.002
#: A probe still waiting after this long looks at what the GUI thread is running.
STALL_LOOK_S = 0.025
"""Pause between two probes: a stall is under-measured by at most this much."""


class BusyMonitor:
    """How long input would wait for the GUI thread, measured from outside that thread.

    A probe thread posts an event to the GUI thread, waits until the GUI thread has handled it,
    pauses :data:`PROBE_GAP_S` and posts the next. A probe's latency, from when it was due to
    when it was handled, is how long an input event arriving at that moment would have waited;
    the longest latency is the longest stall. The GUI thread's CPU time comes from its thread
    CPU clock, which other threads can read.

    Qt's ``awake``/``aboutToBlock`` signals, used before, cannot measure this: the Unix event
    dispatcher activates timers after ``aboutToBlock`` and before the next ``awake``, so the
    work of every timer (each throttled render) counted as idle time.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QObject

        assert QCoreApplication.instance() is not None, "create the QApplication first"
        self._post = QCoreApplication.postEvent
        self._event = QEvent
        self._type = QEvent.Type(QEvent.registerEventType())
        self._gui_ident = threading.get_ident()
        self._gui_clock = time.pthread_getcpuclockid(self._gui_ident)
        # (when handled, GUI CPU then): a C queue, as cheap as it gets for the GUI thread
        self._answers: queue.SimpleQueue[tuple[float, float]] = queue.SimpleQueue()
        answer, now, cpu = self._answers.put, time.perf_counter, time.thread_time
        probe_type = self._type

        class _Probe(QObject):
            def event(self, event: QEvent) -> bool:
                if event.type() == probe_type:
                    answer((now(), cpu()))
                    return True
                return super().event(event)

        self._probe = _Probe()
        self.due: list[float] = []  # when each probe was due
        self.latency: list[float] = []  # seconds until the GUI thread handled it
        self.cpu: list[float] = []  # GUI-thread CPU seconds meanwhile
        self.doing: dict[int, str] = {}  # probe index: the GUI thread's Python code in a stall
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = self._stopped = 0.0
        self._cpu_started = 0.0
        self.probe_cost = 0.0  # see calibrate()

    def calibrate(self, seconds: float = 2.0) -> float:
        """GUI-thread CPU seconds one probe costs, measured with the GUI thread idle.

        Kept in ``probe_cost``: at about 400 probes a second they take ~2% of the GUI thread,
        which would otherwise be counted as the app's own work.
        """
        from PySide6.QtCore import QEventLoop, QTimer

        self.start()
        loop = QEventLoop()
        QTimer.singleShot(int(1000 * seconds), loop.quit)
        loop.exec()
        result = self.stop()
        self.probe_cost = result["cpu_pct"] / 100 * result["elapsed_s"] / max(1, self.count)
        return self.probe_cost

    def probes_between(self, t0: float, t1: float) -> int:
        """Probes due in [t0, t1)."""
        return bisect.bisect_left(self.due, t1) - bisect.bisect_left(self.due, t0)

    def gui_cpu(self) -> float:
        """CPU seconds the GUI thread has used so far (callable from any thread)."""
        return time.clock_gettime(self._gui_clock)

    def _run(self) -> None:
        due = time.perf_counter()
        while not self._stop.is_set():
            cpu = self.gui_cpu()
            self._post(self._probe, self._event(self._type))
            timeout = STALL_LOOK_S
            while True:
                try:
                    handled_at, handled_cpu = self._answers.get(timeout=timeout)
                    break
                except queue.Empty:
                    if self._stop.is_set():
                        return
                    if timeout == STALL_LOOK_S:
                        self.doing[len(self.latency)] = self._gui_code()
                    timeout = 0.05
            self.due.append(due)
            self.latency.append(max(0.0, handled_at - due))
            self.cpu.append(max(0.0, handled_cpu - cpu))
            due = handled_at + PROBE_GAP_S
            time.sleep(max(0.0, due - time.perf_counter()))

    def _gui_code(self) -> str:
        """The innermost frames of the GUI thread's Python stack (native Qt work shows as the
        Python call that entered it), e.g. ``_render < _on_render_due``."""
        frame = sys._current_frames().get(self._gui_ident)
        names = []
        while frame is not None and len(names) < 3:
            names.append(f"{frame.f_code.co_name}:{frame.f_lineno}")
            frame = frame.f_back
        return " < ".join(names)

    @property
    def count(self) -> int:
        """Probes answered so far (an index for :meth:`longest_since`)."""
        return len(self.latency)

    def longest_since(self, index: int) -> float:
        """Longest probe latency (ms) after ``count`` was ``index``."""
        return 1000 * max(self.latency[index:], default=0.0)

    def start(self) -> None:
        self.due.clear()
        self.latency.clear()
        self.cpu.clear()
        self.doing.clear()
        self._stop.clear()
        self._started = time.perf_counter()
        self._cpu_started = self.gui_cpu()
        self._thread = threading.Thread(target=self._run, name="busy-probe", daemon=True)
        self._thread.start()

    def stop(self) -> dict[str, float]:
        """Stop watching: longest stall (ms) and its GUI CPU (ms), GUI CPU share (%), stalls
        over a frame at 60 Hz, probes answered, seconds watched."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._stopped = time.perf_counter()
        elapsed = self._stopped - self._started
        worst = max(range(len(self.latency)), key=self.latency.__getitem__, default=None)
        return {
            "longest_ms": 1000 * self.latency[worst] if worst is not None else 0.0,
            "longest_cpu_ms": 1000 * self.cpu[worst] if worst is not None else 0.0,
            "over_frame": float(sum(1 for wait in self.latency if wait > FRAME_S)),
            "cpu_pct": 100 * (self.gui_cpu() - self._cpu_started) / elapsed if elapsed else 0.0,
            "intervals": float(len(self.latency)),
            "elapsed_s": elapsed,
        }

    def close(self) -> None:
        if self._thread is not None:
            self.stop()
        self._probe.deleteLater()
