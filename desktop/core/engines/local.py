"""The llama.cpp engine: load a GGUF, stream an R1 chat answer, stop on request, measure.

One ``Engine`` is used from one thread at a time (the inference worker's). It keeps the
llama.cpp context between answers so a follow-up question only evaluates the new tokens: the
next prompt shares its prefix with what the cache holds up to where the last answer's thinking
began (history carries answers only).
"""

from __future__ import annotations

import codecs
import os
import random
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.engines import r1_format as r1
from desktop.core.engines.family import FamilyError, family_of, template_of
from desktop.core.engines.generation import (
    FinishReason,
    Generation,
    GenerationMetrics,
    GenerationParams,
    RequestControl,
)
from desktop.core.engines.prompt import (
    ChatMessage,
    PromptError,
    ends_inside_thinking,
    prepare_messages,
)
from desktop.core.engines.tokens import Vocabulary
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, message_of

__all__ = [
    "ContextOverflow", "Engine", "EngineConfig", "EngineError", "Generation",
    "GenerationMetrics", "GenerationParams", "RequestControl",
]  # fmt: skip

# llama_decode's return code when the abort callback asked it to stop.
_DECODE_ABORTED = "llama_decode returned 2"


#: When old turns must go, keep the prompt to this share of its budget, so the next turns fit
#: behind the same first message (and reuse the KV cache) for a while.
TRIM_LOW_WATER = 0.6


UNAVAILABLE, FAILED = "unavailable", "failed"  # EngineError.kind: the CLI exits 3, or 1


class EngineError(Exception):
    """Loading or generation failed; str() is a sentence for the user."""

    kind = FAILED  # a server engine may say UNAVAILABLE


class ContextOverflow(EngineError):
    """The question alone does not fit the context: ``tokens`` of ``n_ctx``."""

    def __init__(self, message: str, tokens: int, n_ctx: int):
        super().__init__(message)
        self.tokens, self.n_ctx = tokens, n_ctx


def default_threads() -> int:
    """Physical cores: llama.cpp decode is memory-bound and gains nothing from SMT siblings."""
    try:
        import psutil

        physical = psutil.cpu_count(logical=False)
    except Exception:  # psutil can fail in sandboxes; the logical count is a fine fallback
        physical = None
    return max(1, physical or os.cpu_count() or 1)


@dataclass(frozen=True)
class EngineConfig:
    """How to load a model. Changing any field means reloading."""

    model_path: Path
    n_ctx: int = 4096
    n_threads: int | None = None
    n_threads_batch: int | None = None
    n_batch: int = 512
    # No memory map, wherever a model is loaded from (app, CLI, self-test): llama.cpp copies
    # most weights into repacked CPU buffers and mapped file pages would stay resident beside
    # them, so resident memory would exceed the memory-fit estimate (see bench/memory_fit.py).
    use_mmap: bool = False
    use_mlock: bool = False
    #: Tokenizer and template only (no weights, no generation): for --show-prompt and tests.
    vocab_only: bool = False


class Engine:
    """A loaded model and its context. Create, use and close it on one thread."""

    def __init__(self, config: EngineConfig):
        from llama_cpp import Llama, llama_cpp

        from desktop.core.system.llama_info import ensure_backends_loaded

        ensure_backends_loaded()  # a portable (all-CPU-variants) build registers none itself
        self.config = config
        self._lib = llama_cpp
        threads = config.n_threads or default_threads()
        started = time.perf_counter()
        try:
            self._llm = Llama(
                model_path=str(config.model_path),
                n_ctx=config.n_ctx,
                n_threads=threads,
                n_threads_batch=config.n_threads_batch or threads,
                n_batch=config.n_batch,
                n_ubatch=config.n_batch,
                n_gpu_layers=0,
                use_mmap=config.use_mmap,
                use_mlock=config.use_mlock,
                vocab_only=config.vocab_only,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as err:
            msg = QT_TRANSLATE_NOOP("Engine", "llama.cpp could not load '{name}': {error}")
            raise EngineError(
                msg.format(name=Path(config.model_path).name, error=str(err))
            ) from err
        self.load_seconds = time.perf_counter() - started
        self.threads = threads
        model = self._llm._model
        self._bos_text = model.token_get_text(self._llm.token_bos())
        self._eos_text = model.token_get_text(self._llm.token_eos())
        self.vocab = Vocabulary(model.vocab)
        try:
            self.family = family_of(self._llm.metadata, self.vocab.special_tokens.values())
            self.template = template_of(self.family, self._bos_text, self._eos_text)
        except (FamilyError, PromptError) as err:
            self._llm.close()
            raise EngineError(message_of(err)) from err
        self._trim_anchor: ChatMessage | None = None  # first message kept after trimming
        self._add_bos = self._llm.metadata.get("tokenizer.ggml.add_bos_token", "true") == "true"
        self._think_ids = tuple(self._single_token(tag) for tag in (r1.THINK_OPEN, r1.THINK_CLOSE))
        # The abort callback only runs while a prompt is evaluated: it is a Python call per graph
        # node, and during decode the per-token check already gives one-token stop latency.
        self._abort_event: threading.Event | None = None
        self._abort_cb = llama_cpp.ggml_abort_callback(self._should_abort)
        self._no_abort_cb = llama_cpp.ggml_abort_callback()

    # -- facts -----------------------------------------------------------------------------
    @property
    def reasoning(self) -> bool:
        """True if this model thinks before answering (see engines/family.py)."""
        return self.family.reasoning

    @property
    def n_ctx(self) -> int:
        return self._llm.n_ctx()

    @property
    def cached_tokens(self) -> int:
        """Tokens currently held in the KV cache."""
        return self._llm.n_tokens

    def _single_token(self, text: str) -> int | None:
        ids = self._llm.tokenize(text.encode(), add_bos=False, special=True)
        return ids[0] if len(ids) == 1 else None

    def metadata(self) -> dict[str, str]:
        return dict(self._llm.metadata)

    # -- prompting -------------------------------------------------------------------------
    def render_prompt(self, history: Sequence[ChatMessage], instructions: str | None = None) -> str:
        """The full prompt text for answering the last user message of ``history``.

        An R1 distill's answer starts inside the thinking, as its model card asks, also with
        the January-2025 template whose generation prompt stops at the assistant marker.
        """
        messages = prepare_messages(history, instructions, self.vocab.neutralize)
        prompt = self.template.render(messages, variables=self.family.template_variables())
        if self.family.opens_thinking and not ends_inside_thinking(prompt):
            prompt += f"{r1.THINK_OPEN}\n"
        return prompt

    def describe_prompt(
        self, history: Sequence[ChatMessage], params: GenerationParams | None = None
    ) -> dict[str, object]:
        """The exact prompt for ``history`` as text and tokens, without generating."""
        params = params or GenerationParams()
        prompt = self.render_prompt(history, params.instructions)
        tokens = self.tokenize_prompt(prompt)
        think_open = self._think_ids[0]
        return {
            "text": prompt,
            "tokens": [info.to_dict() for info in self.vocab.describe(tokens)],
            "starts_in_thinking": think_open is not None and think_open in tokens[-3:],
        }

    def tokenize_prompt(self, prompt: str) -> list[int]:
        """Tokenize rendered template text: special parsing on, BOS only if not yet there."""
        add_bos = self._add_bos and not prompt.startswith(self._bos_text)
        return self._llm.tokenize(prompt.encode("utf-8"), add_bos=add_bos, special=True)

    def _fit_history(
        self, history: Sequence[ChatMessage], params: GenerationParams
    ) -> tuple[list[int], int]:
        """Prompt tokens for a recent part of ``history`` that leaves room to answer.

        Drops the oldest turns first; returns the tokens and how many messages were dropped.
        When it must drop, it drops down to a low-water mark and remembers where it started,
        so the next few turns begin at the same message: their prompts then share a prefix
        with the KV cache instead of re-evaluating the whole conversation every turn.
        """
        budget = self.n_ctx - min(params.max_tokens, self.n_ctx // 2)
        starts = [i for i, message in enumerate(history) if message.role == "user"]
        anchored = [i for i in starts if history[i] == self._trim_anchor]
        first = anchored[0] if anchored else 0
        tokens: list[int] = []
        for start in (i for i in starts if i >= first):
            tokens = self.tokenize_prompt(self.render_prompt(history[start:], params.instructions))
            # The start we had can stay while it fits; a new start leaves headroom.
            limit = budget if start == first else int(budget * TRIM_LOW_WATER)
            if len(tokens) <= limit or (start == starts[-1] and len(tokens) <= budget):
                self._trim_anchor = history[start] if start > 0 else None
                return tokens, start
        msg = QT_TRANSLATE_NOOP(
            "Engine",
            "The question is too long for the model's context ({tokens} tokens of {n_ctx}). "
            "Shorten it or raise the context length in Settings.",
        )
        text = msg.format(tokens=len(tokens), n_ctx=self.n_ctx)
        raise ContextOverflow(text, len(tokens), self.n_ctx)

    # -- generation ------------------------------------------------------------------------
    def stream_chat(
        self,
        history: Sequence[ChatMessage],
        params: GenerationParams | None = None,
        stop: threading.Event | RequestControl | None = None,
    ) -> Generation:
        """Stream the answer to the last user message of ``history`` (thinking included).

        Yields one piece per generated token (empty while a multi-byte character is still
        incomplete), so consumers can count tokens. Raises EngineError before streaming
        starts if the prompt cannot be built. ``stop`` (an Event, or a RequestControl that
        can also wrap up the thinking) ends the stream within one token, or within one graph
        node while the prompt is being evaluated.
        """
        params = params or GenerationParams()
        if not isinstance(stop, RequestControl):
            stop = RequestControl(stop or threading.Event())
        if not history or history[-1].role != "user":
            raise EngineError(QT_TRANSLATE_NOOP("Engine", "There is no question to answer."))
        try:
            tokens, _dropped = self._fit_history(history, params)
        except PromptError as err:
            raise EngineError(message_of(err)) from err
        generation = Generation(iter(()))
        generation._pieces = self._stream(tokens, params, stop, generation)
        return generation

    def _should_abort(self, _data: object) -> bool:
        event = self._abort_event
        return event is not None and event.is_set()

    def _set_abort(self, event: threading.Event | None) -> None:
        self._abort_event = event
        callback = self._abort_cb if event is not None else self._no_abort_cb
        # An unfinished stream may be finalised by the garbage collector after the context it
        # ran on was freed: llama.cpp would dereference a NULL context (a segfault seen in CI).
        if (ctx := getattr(getattr(self._llm, "_ctx", None), "ctx", None)) is not None:
            self._lib.llama_set_abort_callback(ctx, callback, None)

    def _wrap_up_tokens(self) -> list[int]:
        """``\n</think>\n\n``: how the R1 distills end their own thinking."""
        return self._llm.tokenize(f"\n{r1.THINK_CLOSE}\n\n".encode(), add_bos=False, special=True)

    def _sampling(self, tokens: list[int], params: GenerationParams) -> Iterator[int]:
        return self._llm.generate(
            tokens,
            top_k=params.top_k,
            top_p=params.top_p,
            min_p=params.min_p,
            temp=params.temperature,
            repeat_penalty=params.repeat_penalty,
        )

    def _stream(
        self,
        tokens: list[int],
        params: GenerationParams,
        control: RequestControl,
        generation: Generation,
    ) -> Iterator[str]:
        llm, stop = self._llm, control.stop
        reused = _common_prefix(llm._input_ids.tolist(), tokens)
        # generate() re-evaluates one token when the whole prompt is cached, to refresh logits.
        evaluated = len(tokens) - min(reused, len(tokens) - 1)
        llm.set_seed(params.seed if params.seed is not None else random.getrandbits(31))
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        vocab = llm._model.vocab
        think_open, think_close = self._think_ids
        # The R1 template opens the thinking itself: the prompt ends with "<think>" and a newline.
        in_thinking = think_open in tokens[-3:]
        started = time.perf_counter()
        first_at = last_at = started
        generated = thinking = 0
        wrapped = False
        reason: FinishReason = "length"
        context = list(tokens)  # what the KV cache will hold, to restart sampling after a wrap-up
        self._set_abort(stop)
        stream = self._sampling(tokens, params)
        try:
            if stop.is_set():
                reason = "stopped"
                return
            while True:
                token = next(stream, None)
                if token is None:
                    break
                last_at = time.perf_counter()
                if generated == 0:
                    first_at = last_at
                    self._set_abort(None)
                if self._lib.llama_vocab_is_eog(vocab, token):
                    reason = "stop"
                    break
                generated += 1
                context.append(token)
                if token == think_open:
                    in_thinking = True
                elif token == think_close:
                    in_thinking = False
                elif in_thinking:
                    thinking += 1
                yield decoder.decode(self.vocab.piece(token))  # never truncated
                if stop.is_set():
                    reason = "stopped"
                    break
                if generated >= params.max_tokens:
                    break
                if llm.n_tokens + 8 >= self.n_ctx:
                    reason = "context_full"
                    break
                budget_spent = (
                    params.thinking_budget is not None and thinking >= params.thinking_budget
                )
                if in_thinking and (control.wrap_up.is_set() or budget_spent):
                    # Restart sampling after the closing tag; the prefix match in generate()
                    # evaluates only the tag and the token sampled just before it.
                    stream.close()
                    in_thinking, wrapped = False, True
                    context += self._wrap_up_tokens()
                    yield decoder.decode(b"", final=True) + f"\n{r1.THINK_CLOSE}\n\n"
                    stream = self._sampling(context, params)
        except RuntimeError as err:
            if _DECODE_ABORTED not in str(err) or not stop.is_set():
                msg = QT_TRANSLATE_NOOP("Engine", "llama.cpp failed while generating: {error}")
                raise EngineError(msg.format(error=str(err))) from err
            reason = "stopped"
        finally:
            stream.close()
            self._set_abort(None)
            tail = decoder.decode(b"", final=True)
            ended = time.perf_counter()
            generation.metrics = GenerationMetrics(
                prompt_tokens=len(tokens),
                prompt_tokens_evaluated=evaluated,
                generated_tokens=generated,
                ttft_s=(first_at - started) if generated else 0.0,
                decode_tokens_per_s=_rate(generated - 1, last_at - first_at),
                prompt_tokens_per_s=_rate(evaluated, first_at - started) if generated else 0.0,
                total_s=ended - started,
                finish_reason=reason,
                load_s=self.load_seconds,
                thinking_tokens=thinking,
                wrapped_up=wrapped,
            )
        if tail:
            yield tail

    def close(self) -> None:
        """Free the model and context (call on the thread that used them)."""
        llm, self._llm = getattr(self, "_llm", None), None
        if llm is not None:
            llm.close()


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _rate(count: int, seconds: float) -> float:
    return count / seconds if count > 0 and seconds > 0 else 0.0
