"""What does the remote engine cost on top of a bare SSE client? Prints tables, asserts nothing.

    .venv/bin/python bench/remote_overhead.py [--tokens N] [--repeats R] [--no-llama-server]

Servers, all on loopback and started here:

* stand-in, paced: our OpenAI-compatible stand-in (tests/openai_standin.py) streaming one
  token every 4 ms (250 tokens/s, a fast GPU server), reasoning in ``reasoning_content``;
* stand-in, unpaced: the same as fast as it can (what the client costs per token);
* llama-cpp-python's own server (``python -m llama_cpp.server``) with the tiny R1 model.

Contenders, interleaved per repeat (the order rotates) against the same server:

* bare:   requests + read1 + a minimal SSE split + json.loads: the least a client must do;
* engine: ``RemoteEngine.stream_chat`` (what ``thinkdesk ask --server`` runs);
* app:    the inference thread and ChatController (Qt event loop): send -> first thinking
  shown on the GUI thread; tokens/s as the message shows it (the engine's metrics).

Goals: tokens/s the app shows >= 0.98 x bare; extra time to first token <= 20 ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from openai_standin import StandIn  # noqa: E402

from desktop.core.engines.generation import GenerationParams  # noqa: E402
from desktop.core.engines.prompt import ChatMessage  # noqa: E402
from desktop.core.engines.remote import RemoteConfig, RemoteEngine  # noqa: E402

RATE_GOAL, TTFT_GOAL_MS = 0.98, 20.0
SEED = 1234  # one seed for every contender: the same tokens, so the same work for the server
QUESTION = "A cage holds chickens and rabbits: 35 heads and 94 legs. How many of each?"


def bare(url: str, model: str, tokens: int) -> tuple[float, float, int]:
    """(ttft s, tokens/s, tokens) read with nothing but requests and json."""
    body = {"model": model, "messages": [{"role": "user", "content": QUESTION}], "stream": True,
            "max_tokens": tokens, "temperature": 0.6, "top_p": 0.95, "seed": SEED}  # fmt: skip
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    buffer = b""
    with requests.post(url + "/v1/chat/completions", json=body, stream=True, timeout=60) as r:
        while chunk := r.raw.read1(65536):
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if not line.startswith(b"data: ") or line.startswith(b"data: [DONE]"):
                    continue
                choices = json.loads(line[6:]).get("choices") or [{}]
                delta = choices[0].get("delta") or {}
                if delta.get("content") or delta.get("reasoning_content") or delta.get("reasoning"):
                    last = time.perf_counter()
                    first = first or last
                    count += 1
    rate = (count - 1) / (last - first) if count > 1 and last > first else 0.0
    return first - started, rate, count


def engine_run(engine: RemoteEngine, tokens: int) -> tuple[float, float, int]:
    started = time.perf_counter()
    generation = engine.stream_chat(
        [ChatMessage("user", QUESTION)], GenerationParams(max_tokens=tokens, seed=SEED)
    )
    first = 0.0
    count = 0
    for _piece in generation:
        first = first or time.perf_counter()
        count += 1
    return first - started, generation.metrics.decode_tokens_per_s, count


class App:
    """The inference thread and the chat controller, as the window uses them."""

    def __init__(self, url: str, tokens: int):
        from PySide6.QtCore import QCoreApplication

        from desktop.core.models.model_check import VerdictCache
        from desktop.services.chat import ChatController
        from desktop.services.inference import InferenceService
        from desktop.services.session import ModelSession
        from desktop.services.settings import Settings

        self.qt = QCoreApplication.instance() or QCoreApplication([])
        folder = Path(tempfile.mkdtemp())
        self.settings = Settings(folder / "settings.ini")
        self.settings.set_values({"generation/max_tokens": tokens, "generation/seed": SEED})
        self.inference = InferenceService(VerdictCache(None))
        self.session = ModelSession(self.inference, self.settings)
        self.chat = ChatController(self.inference, self.settings, self.session)
        self.session.connect(RemoteConfig(url))
        self._wait(lambda: self.session.model is not None, 30)
        self.first = 0.0
        self.metrics: dict = {}
        self.chat.thinking_received.connect(self._on_text)
        self.chat.answer_received.connect(self._on_text)
        self.chat.message_finished.connect(self._on_finished)

    def _on_text(self, _rid: int, _text: str) -> None:
        self.first = self.first or time.perf_counter()

    def _on_finished(self, _rid: int, _stopped: bool, metrics: object) -> None:
        self.metrics = dict(metrics) if isinstance(metrics, dict) else {}

    def _wait(self, done, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            self.qt.processEvents()
            time.sleep(0.0005)

    def run(self, tokens: int) -> tuple[float, float, int]:
        self.chat.clear()
        self.first, self.metrics = 0.0, {}
        started = time.perf_counter()
        self.chat.send(QUESTION)
        self._wait(lambda: bool(self.metrics), 120)
        m = self.metrics
        return (
            self.first - started,
            float(m.get("decode_tokens_per_s", 0.0)),
            int(m.get("generated_tokens", 0)),
        )

    def close(self) -> None:
        self.inference.shutdown(5000)


def measure(
    name: str, url: str, model: str, tokens: int, repeats: int, stress: bool = False
) -> list[list[str]]:
    """Rows for one server; ``stress`` rows (an unpaced server) show the per-token cost only:
    no server streams tens of thousands of tokens a second, so the goals do not apply."""
    engine = RemoteEngine(RemoteConfig(url, model=model))
    app = App(url, tokens)
    runs: dict[str, list[tuple[float, float, int]]] = {"bare": [], "engine": [], "app": []}
    order = list(runs)
    bare(url, model, 8)  # warm the server and the connection pools
    for repeat in range(repeats):
        for who in order[repeat % 3 :] + order[: repeat % 3]:
            if who == "bare":
                runs[who].append(bare(url, model, tokens))
            elif who == "engine":
                runs[who].append(engine_run(engine, tokens))
            else:
                runs[who].append(app.run(tokens))
    app.close()
    engine.close()
    return rows_of(name, runs, stress)


def measure_together(name: str, url: str, tokens: int, repeats: int) -> list[list[str]]:
    """The three contenders at the same time against a paced server: the machine's load then
    hits them alike, so the ratios show what the client costs even on a busy PC."""
    import threading

    engine = RemoteEngine(RemoteConfig(url, model="r1-32b"))
    app = App(url, tokens)
    runs: dict[str, list[tuple[float, float, int]]] = {"bare": [], "engine": [], "app": []}
    for _ in range(repeats):
        out: dict[str, tuple[float, float, int]] = {}

        def into(who: str, run, *args, out=out) -> None:
            out[who] = run(*args)

        workers = [
            threading.Thread(target=into, args=("bare", bare, url, "r1-32b", tokens)),
            threading.Thread(target=into, args=("engine", engine_run, engine, tokens)),
        ]
        for worker in workers:
            worker.start()
        out["app"] = app.run(tokens)
        for worker in workers:
            worker.join()
        for who, result in out.items():
            runs[who].append(result)
    app.close()
    engine.close()
    return rows_of(name, runs, stress=False)


def rows_of(name: str, runs: dict, stress: bool) -> list[list[str]]:
    base_ttft = median(r[0] for r in runs["bare"])
    base_rate = median(r[1] for r in runs["bare"])
    rows = []
    for who, results in runs.items():
        ttft, rate = median(r[0] for r in results), median(r[1] for r in results)
        extra = (ttft - base_ttft) * 1000
        ratio = rate / base_rate if base_rate else 0.0
        verdict = "" if who == "bare" else "stress" if stress else (
            "ok" if ratio >= RATE_GOAL and extra <= TTFT_GOAL_MS else "MISSED")  # fmt: skip
        rows.append([f"{name}: {who}", f"{results[0][2]}", f"{ttft * 1000:.1f}",
                     f"{extra:+.1f}", f"{rate:.1f}", f"{ratio:.3f}", verdict])  # fmt: skip
    return rows


def table(headers: list[str], rows: list[list[str]]) -> str:
    cells = [headers, *rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                       enumerate(zip(row, widths, strict=True))) for row in cells]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tokens", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-llama-server", action="store_true")
    args = parser.parse_args()
    rows: list[list[str]] = []
    for name, delay in (("stand-in 250 tok/s", 0.004), ("stand-in unpaced", 0.0)):
        with StandIn("reasoning_content") as server:
            server.faults.endless, server.faults.delay_s = True, delay
            print(f"measuring {name}…", file=sys.stderr)
            rows += measure(name, server.url, "r1-32b", args.tokens, args.repeats, delay == 0)
    with StandIn("reasoning_content") as server:
        server.faults.endless, server.faults.delay_s = True, 0.004
        print("measuring all three at once…", file=sys.stderr)
        rows += measure_together("together, 250 tok/s", server.url, args.tokens, args.repeats)
    if not args.no_llama_server:
        from llama_server import LlamaServer, server_available

        from desktop.core.models.synthetic_gguf import write_r1_gguf

        if server_available():
            print("measuring llama_cpp.server…", file=sys.stderr)
            model = write_r1_gguf(Path(tempfile.mkdtemp()) / "tiny-r1.gguf")
            with LlamaServer(model, alias="tiny-r1") as server:
                rows += measure(
                    "llama_cpp.server", server.url, "tiny-r1", args.tokens, args.repeats
                )
    print(table(["contender", "tokens", "TTFT ms", "extra ms", "tokens/s", "x bare", "goal"], rows))
    print(f"\ngoals: tokens/s >= {RATE_GOAL} x bare, extra TTFT <= {TTFT_GOAL_MS:g} ms; "
          f"medians of {args.repeats} interleaved runs of {args.tokens} tokens")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
