"""What does ThinkDesk cost on top of bare llama-cpp-python? Prints tables, asserts nothing.

    .venv/bin/python bench/engine_overhead.py [--tokens N] [--repeats R] [--threads T] [--quick]

Contenders, all in one process on one model file with the same threads, prompt and sampling,
interleaved per repeat (the order rotates) so drift hits all of them alike:

* bare:   ``Llama.create_completion(prompt_tokens, stream=True)``
* engine: ``desktop.core.engines.local.Engine.stream_chat``
* window: the real app stack offscreen (Services + MainWindow), question typed into the
  composer and sent, answer streamed through the inference thread into the chat view.
* bare #2 (control): a second bare instance; its ratio to bare is the noise floor.

Then: the window fed the sample R1 outputs at a high rate (rendering cost of real markdown
answers), and an 8-turn conversation on the engine (follow-up TTFT, i.e. KV-cache reuse).
The model has random weights (it thinks forever and never answers), but its shape and
quantization are those of DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M, so the compute is realistic.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _measure import (
    DEFAULT_CACHE_DIR,
    ThreadRunner,
    ensure_model,
    log,
    machine_facts,
    median,
    rate,
    table,
)
from _window import WindowDriver, replay_messages

SEED = 1234
TEMPERATURE, TOP_P = 0.6, 0.95
# A teacher's question of typical length. Each repeat puts a different letter in front, so
# every prompt differs from the one before it at its first content token: each contender then
# reuses exactly the same two cached tokens (BOS, <｜User｜>) and evaluates the rest afresh.
# That is how the comparison stays fair without reaching into the app's private engine.
QUESTION = (
    "A cage holds chickens and rabbits: 35 heads and 94 legs in all. How many chickens and "
    "how many rabbits are there? Explain each step so that a class of twelve-year-olds can "
    "follow it, then check the result."
)
FOLLOW_UPS = [f"Turn {k}: suppose there are {k + 2} more rabbits. What changes?" for k in range(8)]
STALL_TARGET_MS, DECODE_TARGET, FOLLOW_UP_TARGET = 50.0, 0.98, 1.3
CONTROL = "bare #2 (control)"


@dataclass
class Run:
    ttft_s: float
    decode_tps: float
    tokens: int
    text: str
    extra: dict[str, float] = field(default_factory=dict)


def timed(pieces: Callable[[], Iterable[Any]], count: Callable[[int], int]) -> Run:
    """TTFT = first non-empty piece; decode = (tokens - 1) / (last piece - first piece)."""
    started = time.perf_counter()
    first = last = 0.0
    parts: list[str] = []
    for piece in pieces():
        text = piece if isinstance(piece, str) else piece["choices"][0]["text"]
        if text:
            last = time.perf_counter()
            first = first or last
            parts.append(text)
    tokens = count(len(parts))
    return Run(first - started, rate(tokens - 1, last - first), tokens, "".join(parts))


def run_bare(llm, tokens: list[int], n: int) -> Run:
    # Same sampler chain as the engine: top_k 40, min_p 0 (create_completion's default is
    # 0.05), no repeat penalty. With the same seed both must print the same text.
    def stream():
        return llm.create_completion(
            tokens, max_tokens=n, stream=True, temperature=TEMPERATURE, top_p=TOP_P,
            top_k=40, min_p=0.0, repeat_penalty=1.0, seed=SEED,
        )  # fmt: skip

    return timed(stream, lambda pieces: pieces)  # one chunk per token (the model emits ASCII)


def run_engine(engine, history: list, n: int) -> Run:
    from desktop.core.engines.local import GenerationParams

    params = GenerationParams(max_tokens=n, temperature=TEMPERATURE, top_p=TOP_P, seed=SEED)
    holder: list = []

    def stream():
        holder.append(engine.stream_chat(history, params))
        return holder[0]

    run = timed(stream, lambda _pieces: holder[0].metrics.generated_tokens)
    m = holder[0].metrics
    run.extra = {"evaluated": m.prompt_tokens_evaluated, "prompt": m.prompt_tokens}
    return run


def run_window(driver: WindowDriver, question: str, n: int) -> Run:
    """Figures from the metrics dict that message_finished carries (timed in the worker)."""
    result = driver.ask(question, n)
    m = result["metrics"]
    run = Run(m["ttft_s"], m["decode_tokens_per_s"], m["generated_tokens"], result["text"])
    run.extra = {**result["stall"], "e2e_ttft_s": result["e2e_ttft_s"]}
    return run


def follow_up(engine, n: int) -> list[Run]:
    """Eight turns; each answer goes back into the history as the assistant turn.

    The random model only ever "thinks", so its text is put after ``</think>`` and counts as
    the answer: the history then grows by an answer per turn, as in a real chat. Its tokens
    are mostly "tok12345"-style fillers that re-tokenize at about one token per character, so
    the text is cut to as many characters as tokens were generated: the answer then costs
    about as many prompt tokens as a real answer of that length would.
    """
    from desktop.core.engines.prompt import ChatMessage

    history: list[ChatMessage] = []
    runs = []
    for k, question in enumerate(FOLLOW_UPS, 1):
        history.append(ChatMessage("user", question))
        run = run_engine(engine, history, n)
        answer = run.text.strip()[: run.tokens]
        history.append(ChatMessage("assistant", "</think>\n\n" + answer))
        log(f"  follow-up turn {k}: TTFT {run.ttft_s:.2f} s, {run.extra['evaluated']} evaluated")
        runs.append(run)
    return runs


def status(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(args, model: Path, prompt_len: int, runs: dict[str, list[Run]], replays, turns,
           window_model: str, facts: list[tuple[str, str]]) -> None:  # fmt: skip
    print("ThinkDesk engine overhead benchmark")
    for fact, value in facts:
        print(f"{fact + ':':31} {value}")
    size = model.stat().st_size
    shape = "tiny test shape" if args.quick else "DeepSeek-R1-Distill-Qwen-1.5B shape"
    print(f"\nmodel: {model} ({size / 1e9:.3f} GB, {shape}, Q4_K_M, random weights)")
    print(
        f"N = {args.tokens} generated tokens per run, repeats = {args.repeats}, threads = "
        f"{args.threads}, n_ctx 4096, n_batch 512, prompt {prompt_len} tokens, temperature "
        f"{TEMPERATURE}, top_p {TOP_P}, top_k 40, min_p 0, seed {SEED}"
    )
    print(f"contenders interleaved per repeat, order rotated: {', '.join(runs)}; medians")
    print("each contender runs llama.cpp on a long-lived thread of its own (window: the app's")
    print("inference QThread); bare/engine timed by the caller, window from its metrics dict")
    print(f"window model {window_model}\n")

    bare = runs["bare"]
    base_tps = median([r.decode_tps for r in bare])
    base_ttft = median([r.ttft_s for r in bare])
    rows = []
    for name, rs in runs.items():
        tps, ttft = median([r.decode_tps for r in rs]), median([r.ttft_s for r in rs])
        # Paired: each run against the bare run of the same repeat (minutes apart at most),
        # which cancels most of the drift between repeats; the verdict uses this one.
        paired = median([r.decode_tps / b.decode_tps for r, b in zip(rs, bare, strict=True)])
        judged = name in ("engine", "window")
        target = f">= {DECODE_TARGET}" if judged else ("noise floor" if name == CONTROL else "")
        verdict = status(paired >= DECODE_TARGET) if judged else ""
        same = "yes" if rs[0].text.strip() == bare[0].text.strip() else "NO"
        rows.append([name, f"{tps:.2f}", f"{tps / base_tps:.3f}", f"{paired:.3f}", target,
                     verdict, f"{ttft:.3f}", f"{ttft / base_ttft:.3f}", same])  # fmt: skip
    print(table(["contender", "decode tok/s", "ratio to bare", "paired ratio", "target", "",
                 "TTFT s", "ratio", "same text as bare"], rows))  # fmt: skip
    print("\nper repeat, decode tok/s | TTFT s:")
    for name, rs in runs.items():
        print(f"  {name:17} " + "  ".join(f"{r.decode_tps:6.2f} | {r.ttft_s:6.3f}" for r in rs))
    win = runs["window"]
    e2e = median([r.extra["e2e_ttft_s"] for r in win])
    print(f"  window TTFT seen on the GUI thread (send -> first text shown): {e2e:.3f} s")

    print("\nGUI thread responsiveness. Method: a probe thread posts an event to the GUI thread")
    print("every 2 ms and times how long it waits to be handled (as input would). Longest =")
    print("longest wait; GUI CPU % = the GUI thread's CPU time / elapsed.")
    rows = []
    stall_rows: list[tuple[str, list[dict[str, float]]]] = [
        (f"window, live generation (worst of {len(win)})", [r.extra for r in win]),
        *[(label, [stall]) for label, stall, _per_message in replays],
    ]
    for label, stalls in stall_rows:
        worst = max(s["longest_ms"] for s in stalls)
        rows.append([label, f"{worst:.1f}", f"{sum(s['over_frame'] for s in stalls):.0f}",
                     f"{median([s['cpu_pct'] for s in stalls]):.1f}",
                     f"<= {STALL_TARGET_MS:.0f}", status(worst <= STALL_TARGET_MS)])  # fmt: skip
    print(table(["pass", "longest stall ms", "stalls > 16.7 ms", "GUI CPU %", "target", ""], rows))
    print(f"replay: {args.replay_rate:.0f} pieces/s of 1-6 characters, emitted from a thread")
    print("through InferenceService.token; longest stall per message:")
    for _label, _stall, per_message in replays:
        print("  " + ", ".join(f"{sample} {ms:.0f} ms" for sample, ms in per_message))

    print(f"\nFollow-up TTFT (engine, 8 turns, {turns[0].tokens} tokens per answer):")
    rows = [[str(k), str(r.extra["prompt"]), str(r.extra["evaluated"]), f"{r.ttft_s:.3f}"]
            for k, r in enumerate(turns, 1)]  # fmt: skip
    print(table(["turn", "prompt tokens", "evaluated", "TTFT s"], rows))
    ratio = turns[7].ttft_s / turns[1].ttft_s
    print(f"turn-8 / turn-2 TTFT = {ratio:.2f} (target <= {FOLLOW_UP_TARGET}) "
          f"{status(ratio <= FOLLOW_UP_TARGET)}")  # fmt: skip
    evaluated = turns[7].extra["evaluated"] / turns[1].extra["evaluated"]
    print(
        f"turn-8 / turn-2 prompt tokens evaluated = {evaluated:.2f} (drift-free: without KV "
        f"reuse it would be {turns[7].extra['prompt'] / turns[1].extra['prompt']:.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, help="generated tokens per run (128; quick 32)")
    parser.add_argument("--repeats", type=int, help="runs per contender (5; quick 2)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="tiny model: a fast smoke run")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--replay-rate", type=float, default=200.0, help="pieces per second")
    parser.add_argument(
        "--no-control", dest="control", action="store_false",
        help="skip the second bare instance that shows the noise floor",
    )  # fmt: skip
    args = parser.parse_args()
    args.tokens = args.tokens or (32 if args.quick else 128)
    args.repeats = args.repeats or (2 if args.quick else 5)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wall = time.perf_counter()
    facts = machine_facts()
    model = ensure_model(args.cache_dir, quick=args.quick, threads=args.threads)

    from llama_cpp import Llama
    from PySide6.QtWidgets import QApplication

    from desktop.core.engines.local import Engine, EngineConfig
    from desktop.core.engines.prompt import ChatMessage
    from desktop.services.gc_on_gui_thread import GuiThreadCollector

    app = QApplication.instance() or QApplication(sys.argv[:1])
    GuiThreadCollector(app)  # as desktop.app.run_gui does
    t = args.threads
    log("loading bare Llama, Engine and the app stack ...")
    # Each contender gets a long-lived thread of its own, like the app's inference QThread;
    # its llama.cpp objects are created, used and freed there.
    bare_thread, engine_thread = ThreadRunner("bare"), ThreadRunner("engine")
    control_thread = ThreadRunner("control")

    def load_bare() -> Llama:
        return Llama(str(model), n_ctx=4096, n_threads=t, n_threads_batch=t, n_batch=512,
                     verbose=False)  # fmt: skip

    bare = bare_thread.call(load_bare)
    control = control_thread.call(load_bare) if args.control else None
    engine = engine_thread.call(
        lambda: Engine(EngineConfig(model, n_ctx=4096, n_threads=t, n_threads_batch=t))
    )
    tmp = tempfile.TemporaryDirectory(prefix="thinkdesk-bench-")
    driver = WindowDriver(app, Path(tmp.name), model, threads=t, seed=SEED)
    try:
        log(f"  window stack ready (check + load + warm-up {driver.open():.1f} s)")
        loaded = driver.services.session.model
        window_model = (
            f"loaded by ModelSession: {loaded.threads} threads, n_ctx {loaded.n_ctx}, "
            f"check + load + warm-up {loaded.load_s:.1f} s"
            if loaded is not None
            else "?"
        )
        questions = [f"{chr(65 + r % 26)}. {QUESTION}" for r in range(args.repeats + 1)]
        prompts = [engine.tokenize_prompt(engine.render_prompt([ChatMessage("user", q)]))
                   for q in questions]  # fmt: skip
        contenders: dict[str, Callable[[int, int], Run]] = {
            "bare": lambda i, n: bare_thread.call(lambda: run_bare(bare, prompts[i], n)),
            "engine": lambda i, n: engine_thread.call(
                lambda: run_engine(engine, [ChatMessage("user", questions[i])], n)
            ),
            "window": lambda i, n: run_window(driver, questions[i], n),
        }
        if control is not None:
            contenders[CONTROL] = lambda i, n: control_thread.call(
                lambda: run_bare(control, prompts[i], n)
            )
        log("warm-up (8 tokens each, not counted) ...")
        for run in contenders.values():
            run(args.repeats, 8)
        runs: dict[str, list[Run]] = {name: [] for name in contenders}
        names = list(contenders)
        for r in range(args.repeats):
            # Interleaved, and the order rotates per repeat so that no contender always runs
            # first or last.
            for name in names[r % len(names) :] + names[: r % len(names)]:
                result = contenders[name](r, args.tokens)
                runs[name].append(result)
                log(f"repeat {r + 1}/{args.repeats} {name:17}: {result.decode_tps:.2f} tok/s, "
                    f"TTFT {result.ttft_s:.2f} s, {result.tokens} tokens")  # fmt: skip
        log(f"replaying sample outputs into the window at {args.replay_rate:.0f} pieces/s ...")
        replays = [
            (label, *driver.replay(messages, args.replay_rate))
            for label, messages in replay_messages(args.quick)
        ]
        log("follow-up conversation on the engine ...")
        turns = engine_thread.call(lambda: follow_up(engine, min(64, args.tokens)))
    finally:
        driver.close()
        engine_thread.call(engine.close)
        bare_thread.call(bare.close)
        if control is not None:
            control_thread.call(control.close)
        for runner in (engine_thread, bare_thread, control_thread):
            runner.close()
        tmp.cleanup()
    report(args, model, len(prompts[0]), runs, replays, turns, window_model, facts)
    print(f"\nwall time of this run: {time.perf_counter() - wall:.0f} s; load average (1 min) "
          f"at the end: {os.getloadavg()[0]:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
