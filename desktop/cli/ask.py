"""``thinkdesk ask``: answer one question in the terminal.

The answer streams to stdout and the thinking to stderr, prefix-free, so each can be piped.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.arguments import non_negative_float, positive_int
from desktop.cli.ask_remote import register_options, run_remote

if TYPE_CHECKING:
    from desktop.core.engines.base import ChatEngine
    from desktop.core.engines.local import Engine, GenerationParams
    from desktop.core.engines.prompt import ChatMessage

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def register(commands: argparse._SubParsersAction) -> None:
    ask = commands.add_parser(
        "ask",
        help="answer one question in the terminal",
        description="Stream the answer to stdout and the model's thinking to stderr.",
    )
    ask.add_argument("question", help="the question, or - to read it from standard input")
    ask.add_argument("--model", type=Path, dest="ask_model", metavar="PATH")
    ask.add_argument("--threads", type=positive_int, help="CPU threads (default: physical cores)")
    ask.add_argument("--ctx", type=positive_int, default=4096, help="context length in tokens")
    ask.add_argument("--max-tokens", type=positive_int, default=8192)
    ask.add_argument("--temperature", type=non_negative_float, default=0.6)
    ask.add_argument("--seed", type=int)
    ask.add_argument("--stats", action="store_true", help="print metrics as JSON on stderr")
    ask.add_argument(
        "--show-prompt",
        action="store_true",
        help="print the exact prompt (text and tokens) as JSON on stdout and do not answer",
    )
    ask.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    register_options(ask)
    ask.set_defaults(run=run)


class _Streams:
    """Answer to stdout, thinking to stderr, each flushed as it streams."""

    def __init__(self) -> None:
        self.ends_with_newline = {"answer": True, "thinking": True}

    def write(self, kind: str, text: str) -> None:
        stream = sys.stdout if kind == "answer" else sys.stderr
        stream.write(text)
        stream.flush()
        self.ends_with_newline[kind] = text.endswith("\n")

    def finish_lines(self) -> None:
        for kind, ended in self.ends_with_newline.items():
            if not ended:
                self.write(kind, "\n")


def run(args: argparse.Namespace) -> int:
    from desktop.core.engines.local import EngineConfig, EngineError, GenerationParams
    from desktop.core.engines.prompt import ChatMessage
    from desktop.core.models.loading import open_model
    from desktop.core.models.model_check import ModelCheckError, VerdictCache
    from desktop.core.system.paths import DataDir

    question = sys.stdin.read() if args.question == "-" else args.question
    if not question.strip():
        print("thinkdesk ask: the question is empty", file=sys.stderr)
        return EXIT_USAGE
    if (args.ask_model is None) == (args.server is None):
        print("thinkdesk ask: give either --model PATH or --server URL", file=sys.stderr)
        return EXIT_USAGE
    if args.server is not None:
        return run_remote(args, question)
    data = DataDir(args.sub_data_dir or args.data_dir)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        try:
            data.ensure()
            verdicts = VerdictCache(data.model_checks_file)
        except OSError:
            verdicts = VerdictCache(None)  # an unwritable data folder must not block a question
        try:
            config = EngineConfig(
                model_path=args.ask_model,
                n_ctx=args.ctx,
                n_threads=args.threads,
                vocab_only=args.show_prompt,  # the prompt needs the tokenizer only
            )
            opened = open_model(config, verdicts, cancel=stop)
            if opened is None:
                return EXIT_INTERRUPTED
            engine = opened.engine
        except (ModelCheckError, EngineError) as err:
            if stop.is_set():
                return EXIT_INTERRUPTED
            print(f"thinkdesk: cannot open the model: {err}", file=sys.stderr)
            return EXIT_MODEL
        params = GenerationParams(
            max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed
        )
        if args.show_prompt:
            return _show_prompt(engine, [ChatMessage("user", question)], params)
        try:
            return stream_answer(engine, question, params, stop, stats=args.stats)
        finally:
            engine.close()
    finally:
        signal.signal(signal.SIGINT, previous)


def stream_answer(
    engine: ChatEngine, question: str, params: GenerationParams, stop: threading.Event,
    *, stats: bool,
) -> int:  # fmt: skip
    """Stream the answer to ``question``: thinking to stderr, answer to stdout, each flushed.

    What arrived before a failure stays printed. Returns the exit code: 0, 1 when the answer
    failed, 3 when a server became unavailable, 130 when interrupted.
    """
    from desktop.core.engines.local import UNAVAILABLE, EngineError
    from desktop.core.engines.prompt import ChatMessage
    from desktop.core.engines.remote_reasoning import is_unmarked_reply
    from desktop.core.engines.think import CLOSE_TAG, ThinkSplitter, strip_thinking

    splitter, streams = ThinkSplitter(getattr(engine, "reasoning", True)), _Streams()
    raw: list[str] = []
    try:
        generation = engine.stream_chat([ChatMessage("user", question)], params, stop)
        for piece in generation:
            raw.append(piece)
            for segment in splitter.feed(piece):
                streams.write(segment.kind, segment.text)
    except EngineError as err:
        failure: EngineError | None = err
    else:
        failure = None
    for segment in splitter.flush():
        streams.write(segment.kind, segment.text)
    output = "".join(raw)
    if getattr(engine, "reasoning_guessed", False) and output.strip() and is_unmarked_reply(output):
        # A server's model that may not think never marked a thinking: it was the answer.
        streams.write("answer", strip_thinking(CLOSE_TAG + output))
    streams.finish_lines()
    if failure is not None:
        print(f"thinkdesk: {failure}", file=sys.stderr)
        return EXIT_MODEL if failure.kind == UNAVAILABLE else EXIT_FAILED
    if stats and generation.metrics is not None:
        print(json.dumps(generation.metrics.to_dict()), file=sys.stderr)
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK


def _show_prompt(engine: Engine, history: list[ChatMessage], params: GenerationParams) -> int:
    """Print the prompt ``engine`` would evaluate, as one JSON object, and free the engine."""
    from desktop.core.engines.local import EngineError

    try:
        described = engine.describe_prompt(history, params)
    except EngineError as err:
        print(f"thinkdesk: {err}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        engine.close()
    print(json.dumps(described, ensure_ascii=False))
    return EXIT_OK
