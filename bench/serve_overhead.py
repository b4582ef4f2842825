"""What does `thinkdesk serve` cost against answering in-process? Prints tables, asserts nothing.

    .venv/bin/python bench/serve_overhead.py [--tokens N] [--repeats R] [--threads T] [--quick]

Contenders, on one model loaded once, on the server's own engine thread, interleaved per
repeat (the order rotates) so drift hits all of them alike:

* bare:   ``Llama.create_completion`` on the same llama.cpp context (no ThinkDesk code);
* engine: ``Engine.stream_chat``, the in-process path the app uses;
* server: the OpenAI-compatible API on loopback, read as SSE by a plain HTTP client, i.e.
  engine + think splitting + JSON chunks + HTTP.
Decode rate = (tokens - 1) / (last piece - first piece); goal: server / engine >= 0.97.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import requests
from _measure import DEFAULT_CACHE_DIR, ensure_model, log, machine_facts, median, rate, table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from serving_helpers import serving

from desktop.core.engines.local import Engine, EngineConfig, GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.serving.api import ServerConfig

SEED, TEMPERATURE, TOP_P = 1234, 0.6, 0.95
QUESTION = "A cage holds chickens and rabbits: 35 heads and 94 legs. How many of each?"
TARGET = 0.97


def timed(pieces) -> tuple[float, float, int]:
    """(ttft s, decode tok/s, pieces) of an iterable of text pieces."""
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    for text in pieces:
        if text:
            last = time.perf_counter()
            first = first or last
            count += 1
    return first - started, rate(count - 1, last - first), count


def bare(engine: Engine, question: str, n: int) -> tuple[float, float, int]:
    llm = engine._llm
    tokens = engine.tokenize_prompt(engine.render_prompt([ChatMessage("user", question)]))
    stream = llm.create_completion(tokens, max_tokens=n, stream=True, temperature=TEMPERATURE,
                                   top_p=TOP_P, top_k=40, min_p=0.0, repeat_penalty=1.0,
                                   seed=SEED)  # fmt: skip
    return timed(chunk["choices"][0]["text"] for chunk in stream)


def in_process(engine: Engine, question: str, n: int) -> tuple[float, float, int]:
    params = GenerationParams(max_tokens=n, temperature=TEMPERATURE, top_p=TOP_P, seed=SEED)
    return timed(engine.stream_chat([ChatMessage("user", question)], params))


def through_server(base: str, question: str, n: int) -> tuple[float, float, int]:
    body = {"messages": [{"role": "user", "content": question}], "max_tokens": n,
            "temperature": TEMPERATURE, "top_p": TOP_P, "seed": SEED, "stream": True}  # fmt: skip

    def pieces():
        with requests.post(f"{base}/v1/chat/completions", json=body, stream=True) as reply:
            for line in reply.iter_lines():
                if not line.startswith(b"data: {"):
                    continue
                choices = json.loads(line[6:])["choices"]
                delta = choices[0]["delta"] if choices else {}
                yield delta.get("reasoning_content") or delta.get("content") or ""

    return timed(pieces())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="tiny model, a smoke run")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    args = parser.parse_args()
    model = ensure_model(args.cache_dir, quick=args.quick, threads=args.threads)
    config = EngineConfig(model, n_ctx=2048, n_threads=args.threads, use_mmap=False)
    runs: dict[str, list[tuple[float, float, int]]] = {"bare": [], "engine": [], "server": []}
    with serving(lambda: Engine(config), ServerConfig(model_id=model.stem)) as (base, host):
        for r in range(args.repeats):
            order = list(runs)[r % 3 :] + list(runs)[: r % 3]
            for i, name in enumerate(order):
                # Every prompt differs from the one before at its first word: each contender
                # evaluates its question afresh (no KV-cache reuse from the previous one).
                question = f"{chr(65 + (3 * r + i) % 26)}. {QUESTION}"
                if name == "server":
                    result = through_server(base, question, args.tokens)
                else:
                    job = bare if name == "bare" else in_process
                    result = host.submit(
                        lambda engine, job=job, q=question: job(engine, q, args.tokens)
                    ).result()
                runs[name].append(result)
                log(f"repeat {r + 1} {name}: {result[1]:.2f} tok/s, ttft {result[0]:.3f} s")
    print()
    print(
        table(
            ["fact", "value"],
            [
                *machine_facts(),
                ("model", model.name),
                ("tokens", args.tokens),
                ("repeats", args.repeats),
            ],
        )
    )
    print()
    engine_tps = median([r[1] for r in runs["engine"]])
    bare_tps = median([r[1] for r in runs["bare"]])
    rows = []
    for name, results in runs.items():
        tps, ttft = median([r[1] for r in results]), median([r[0] for r in results])
        rows.append((name, f"{tps:.2f}", f"{tps / bare_tps:.3f}", f"{tps / engine_tps:.3f}",
                     f"{ttft * 1000:.1f}"))  # fmt: skip
    print(table(["contender", "decode tok/s", "vs bare", "vs engine", "TTFT ms"], rows))
    server_ratio = median([r[1] for r in runs["server"]]) / engine_tps
    print(f"\nserver/engine decode ratio {server_ratio:.3f} "
          f"(goal >= {TARGET}): {'PASS' if server_ratio >= TARGET else 'MISS'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
