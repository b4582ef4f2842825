"""Turn a conversation into the exact prompt text an R1 distill expects.

Rules from the model card and DESIGN.md: the chat template comes from the GGUF; history sent
back carries answers only (never earlier thinking); there is no system prompt, so user-set
instructions are folded into the first user message; and text the user typed must never turn
into a control or think token when the rendered prompt is tokenized with special parsing on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.core.engines import r1_format as r1
from desktop.core.engines.think import strip_thinking
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

Role = Literal["user", "assistant"]

# "<" followed by a bar (ASCII or full-width, as in <|im_start|> and <｜User｜>) or a think tag:
# every special-token spelling in the Qwen/R1 vocabularies starts like this.
_MARKER_START = re.compile(r"<(?=[|｜]|/?think>)")
# A zero-width space keeps the text looking identical while splitting the token's spelling.
_BREAK = "<\u200b"


class PromptError(Exception):
    """The chat template could not be rendered; str() is a sentence for the user."""


@dataclass(frozen=True)
class ChatMessage:
    """One turn of a conversation as the user saw it (assistant turns may include thinking)."""

    role: Role
    content: str


def neutralize_markers(text: str) -> str:
    """Break every special-token spelling in ``text`` so it tokenizes as plain text."""
    return _MARKER_START.sub(_BREAK, text)


def prepare_messages(
    history: Sequence[ChatMessage],
    instructions: str | None = None,
    neutralize: Callable[[str], str] = neutralize_markers,
) -> list[dict[str, str]]:
    """Messages for the chat template: answers only, markers neutralised, instructions folded.

    Instructions go in front of the first user message because the R1 model card advises
    against a system prompt. ``neutralize`` breaks special-token spellings; the engine passes
    one that knows every special token of the loaded vocabulary.
    """
    prepared: list[dict[str, str]] = []
    folded = not (instructions and instructions.strip())
    for message in history:
        content = message.content
        if message.role == "assistant":
            content = strip_thinking(content)
        elif not folded:
            content = f"{instructions.strip()}\n\n{content}"  # type: ignore[union-attr]
            folded = True
        prepared.append({"role": message.role, "content": neutralize(content)})
    return prepared


def _raise_exception(message: str) -> None:
    raise TemplateError(message)


def _strftime_now(fmt: str) -> str:
    return datetime.now().strftime(fmt)


class ChatTemplate:
    """A compiled chat template (Hugging Face Jinja dialect, sandboxed)."""

    def __init__(self, source: str, *, bos_token: str = r1.BOS, eos_token: str = r1.EOS):
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        env.globals.update(raise_exception=_raise_exception, strftime_now=_strftime_now)
        try:
            self._template = env.from_string(source)
        except TemplateError as err:
            msg = QT_TRANSLATE_NOOP("Engine", "The model's chat template is broken: {error}")
            raise PromptError(msg.format(error=str(err))) from err
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token

    def render(
        self,
        messages: list[dict[str, str]],
        *,
        add_generation_prompt: bool = True,
        variables: dict[str, object] | None = None,
    ) -> str:
        """Render prepared messages to prompt text (``variables``: e.g. enable_thinking)."""
        try:
            return self._template.render(
                messages=messages,
                add_generation_prompt=add_generation_prompt,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
                **(variables or {}),
            )
        except TemplateError as err:
            msg = QT_TRANSLATE_NOOP("Engine", "The model's chat template failed: {error}")
            raise PromptError(msg.format(error=str(err))) from err


def ends_inside_thinking(prompt: str) -> bool:
    """True when the template already opened the thinking block for the model."""
    return prompt.rstrip().endswith(r1.THINK_OPEN)
