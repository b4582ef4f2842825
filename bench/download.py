"""Download throughput against curl, and how much a kill at 50% costs.

    .venv/bin/python bench/download.py [--size-mb 1024] [--runs 3]

Serves a file of random bytes (kept in ~/.cache/thinkdesk-bench, outside the repository) from
the tests' loopback hub (sendfile, ModelScope protocol) running in its own process, then
downloads it with ThinkDesk's downloader (Range, sha256 while downloading, fsync, atomic
rename) and with curl, alternately, and prints the median rates and their ratio (target
>= 0.9). Then it starts ``python -m desktop models download``, SIGKILLs it once half the file
is on disk, runs it again and reports the bytes served twice (target < 1% of the file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from loopback_hub import REPO, LoopbackHub, catalog_entry, write_catalog  # noqa: E402

from desktop.core.downloads.fetch import Downloader, DownloadOptions  # noqa: E402
from desktop.core.downloads.sources import Endpoints, plan_sources  # noqa: E402
from desktop.core.models.catalog import parse_catalog  # noqa: E402

CACHE = Path.home() / ".cache" / "thinkdesk-bench"
MiB = 1024**2
NAME = "bench-download.gguf"


def payload(size: int) -> tuple[Path, str]:
    """The random test file and its sha256 (made once, then reused)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path, stamp = CACHE / f"random-{size}.bin", CACHE / f"random-{size}.sha256"
    if not (path.exists() and path.stat().st_size == size and stamp.exists()):
        digest = hashlib.sha256()
        with open(path, "wb") as fh:
            for _ in range(size // MiB):
                block = os.urandom(MiB)
                fh.write(block)
                digest.update(block)
        stamp.write_text(digest.hexdigest())
    return path, stamp.read_text().strip()


def serve(path: str, sha: str) -> int:
    """Child mode: serve ``path`` until stdin closes (a server in the client's process would
    compete with it for the GIL, which curl never has to)."""
    with LoopbackHub() as hub:
        hub.add(REPO, NAME, Path(path), sha)
        print(hub.url, flush=True)
        sys.stdin.read()
    return 0


def stats(url: str, reset: bool = False) -> dict:
    with urllib.request.urlopen(f"{url}/_hub/{'reset' if reset else 'stats'}") as response:
        return json.loads(response.read())


def thinkdesk_run(entry, url: str, out: Path) -> tuple[float, float, float]:
    """(rate to the installed file, rate to the last byte hashed, before fsync and rename,
    CPU seconds)."""
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # start each run with the page cache's dirty pages written out
    sources = plan_sources(entry, "modelscope", Endpoints.resolve(url))
    options = DownloadOptions(check_memory=False, disk_margin=0)
    marks: list[float] = []

    def progress(p) -> None:
        if p.phase == "verifying" and not marks:
            marks.append(time.perf_counter())

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = Downloader(entry, out, sources, options, progress=progress).run()
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    assert result.sha256 == entry.sha256
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return entry.size / elapsed, entry.size / (marks[0] - started), cpu


def curl_run(url: str, out: Path, size: int) -> tuple[float, float]:
    """(rate, CPU seconds)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    os.sync()
    started = time.perf_counter()
    child = subprocess.Popen(["curl", "-sS", "-o", str(out / NAME), url])
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    assert status == 0 and (out / NAME).stat().st_size == size
    return size / elapsed, usage.ru_utime + usage.ru_stime


def kill_and_resume(catalog: Path, url: str, size: int, work: Path) -> tuple[int, int]:
    """(bytes on disk when killed, bytes served in both runs)."""
    data = work / "killed"
    shutil.rmtree(data, ignore_errors=True)
    args = [sys.executable, "-m", "desktop", "--data-dir", str(data), "models", "download",
            "bench", "--catalog", str(catalog), "--source", "modelscope",
            "--modelscope-endpoint", url, "--force"]  # fmt: skip
    part = data / "models" / (NAME + ".part")
    stats(url, reset=True)
    child = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (part.exists() and part.stat().st_size >= size // 2):
        if child.poll() is not None:
            raise SystemExit("the download ended before it could be killed")
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait()
    on_disk = part.stat().st_size
    while stats(url)["active"]:
        time.sleep(0.01)
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return on_disk, stats(url)["bytes_served"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", nargs=2, metavar=("PATH", "SHA256"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(*args.serve)
    if shutil.which("curl") is None:
        raise SystemExit("curl is needed (apt-get install -y curl)")
    size = args.size_mb * MiB
    path, sha = payload(size)
    work = CACHE / "work"
    fields = catalog_entry(path, id="bench", file=NAME, size=size, sha256=sha)
    entry = parse_catalog({"schema_version": 1, "models": [fields]})[0]
    catalog = write_catalog(CACHE / "bench-catalog.json", fields)
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(path), sha],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        url = server.stdout.readline().strip()
        file_url = plan_sources(entry, "modelscope", Endpoints.resolve(url))[0].url
        ours, transfer, theirs, our_cpu, their_cpu = [], [], [], [], []
        for _ in range(args.runs):
            rate, cpu = curl_run(file_url, work / "curl", size)
            theirs.append(rate)
            their_cpu.append(cpu)
            total, moved, cpu = thinkdesk_run(entry, url, work / "thinkdesk")
            ours.append(total)
            transfer.append(moved)
            our_cpu.append(cpu)
        on_disk, served = kill_and_resume(catalog, url, size, work)
    finally:
        server.stdin.close()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    mine, curl = statistics.median(ours), statistics.median(theirs)
    again = served - size

    def line(label: str, rates: list[float]) -> None:
        runs = ", ".join(f"{r / MiB:.0f}" for r in rates)
        print(f"{label:<44}{statistics.median(rates) / MiB:>8.0f}   {runs}")

    print(f"Download of {size / MiB:,.0f} MiB from a loopback server, median of {args.runs} runs")
    print(f"{'client':<44}{'MiB/s':>8}   runs")
    line("curl -o FILE (no checksum, no fsync)", theirs)
    line("ThinkDesk, to the last byte hashed", transfer)
    line("ThinkDesk, installed (+ fsync, rename)", ours)
    print(f"ratio ThinkDesk installed / curl: {mine / curl:.2f}   (target >= 0.9)")
    gib = size / 1024**3
    print(
        f"CPU seconds per GiB (load-independent): curl {statistics.median(their_cpu) / gib:.2f}, "
        f"ThinkDesk {statistics.median(our_cpu) / gib:.2f} (sha256 is the difference); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"killed at {on_disk / size:.1%} on disk; bytes served in both runs {served:,}; "
        f"re-downloaded {again:,} bytes = {again / size:.3%} of the file   (target < 1%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
