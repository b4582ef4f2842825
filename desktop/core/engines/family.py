"""Which kind of chat model a GGUF holds, and so how to prompt it and show its output.

Decided once per loaded model from its chat template and vocabulary:

* ``r1``: a DeepSeek-R1 distill (its template speaks ``<｜User｜>``/``<｜Assistant｜>``). It
  always reasons; the answer must start inside ``<think>`` (the model card asks for it, and the
  January-2025 template of the published files does not open it), so the engine appends
  ``<think>\\n`` when the rendered prompt does not already end inside the thinking.
* ``hybrid``: Qwen3-style templates with an ``enable_thinking`` switch. Rendered with thinking
  on; the model opens ``<think>`` itself.
* ``reasoning``: another template that knows think tags (QwQ, Qwen3 "Thinking" releases).
* ``chat``: everything else (Gemma, Llama, Mistral, Phi, Qwen2.5 Instruct, ...): no thinking,
  the whole reply is the answer.

Never is the R1 template used for a model that is not an R1 distill. A GGUF without a chat
template gets the R1 template only if its vocabulary has the R1 role markers, else llama.cpp's
built-in template for its family, else it is refused.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from desktop.core.engines import r1_format as r1
from desktop.core.engines.prompt import ChatTemplate
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

FamilyKind = Literal["r1", "hybrid", "reasoning", "chat"]

# Vocabulary spellings that identify a family's turn format -> llama.cpp built-in template
# name (see llama_chat_builtin_templates()). Checked in order.
_BUILTIN_BY_MARKER: tuple[tuple[str, str], ...] = (
    ("<start_of_turn>", "gemma"),
    ("<|eot_id|>", "llama3"),
    ("<|im_start|>", "chatml"),
    ("<|assistant|>", "phi3"),
    ("[INST]", "mistral-v7"),
)
# Architectures whose llama.cpp template is known even when the vocabulary does not say.
_BUILTIN_BY_ARCH = {
    "gemma": "gemma",
    "gemma2": "gemma",
    "gemma3": "gemma",
    "qwen2": "chatml",
    "qwen3": "chatml",
    "phi3": "phi3",
}


class FamilyError(Exception):
    """The model cannot be prompted; str() is a sentence for the user."""


@dataclass(frozen=True)
class ModelFamily:
    """How to prompt a model and whether its output has a thinking part."""

    kind: FamilyKind
    # Jinja chat template source, or None when ``builtin`` names llama.cpp's own template.
    template: str | None
    builtin: str | None = None

    @property
    def reasoning(self) -> bool:
        """True if the model writes thinking before its answer (thinking pane, budget, wrap-up)."""
        return self.kind != "chat"

    @property
    def opens_thinking(self) -> bool:
        """True if the prompt must end inside ``<think>`` (added when the template does not)."""
        return self.kind == "r1"

    def template_variables(self) -> dict[str, object]:
        """Extra variables for rendering the template (thinking on for hybrid templates)."""
        return {"enable_thinking": True} if self.kind == "hybrid" else {}


def _is_r1_template(source: str) -> bool:
    return r1.ASSISTANT in source and r1.USER in source


def detect_family(
    template: str | None,
    token_texts: Collection[str],
    architecture: str = "",
    builtin_names: Collection[str] = (),
) -> ModelFamily:
    """The family of a model from its chat template, special-token spellings and architecture.

    ``builtin_names`` are the template names this llama.cpp knows; a template-less model is
    only given one of those. Raises FamilyError when no template can be found.
    """
    if template and template.strip():
        if _is_r1_template(template):
            return ModelFamily("r1", template)
        if "enable_thinking" in template:
            return ModelFamily("hybrid", template)
        if r1.THINK_OPEN in template or r1.THINK_CLOSE in template:
            return ModelFamily("reasoning", template)
        return ModelFamily("chat", template)
    texts = set(token_texts)
    if r1.ASSISTANT in texts and r1.USER in texts:
        return ModelFamily("r1", r1.R1_CHAT_TEMPLATE)
    name = next((n for marker, n in _BUILTIN_BY_MARKER if marker in texts), None)
    name = name or _BUILTIN_BY_ARCH.get(architecture)
    if name is not None and name in builtin_names:
        return ModelFamily("chat", None, builtin=name)
    msg = QT_TRANSLATE_NOOP(
        "Engine",
        "This model file has no chat template, and ThinkDesk does not know how to talk to "
        "'{architecture}' models without one. Use a GGUF that includes its chat template.",
    )
    raise FamilyError(msg.format(architecture=architecture or "?"))


class BuiltinTemplate:
    """llama.cpp's own chat template for a family, by name (``llama_chat_apply_template``).

    Renders like :class:`~desktop.core.engines.prompt.ChatTemplate` does, for GGUFs that carry
    no template of their own.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.source = name

    def render(
        self,
        messages: list[dict[str, str]],
        *,
        add_generation_prompt: bool = True,
        variables: dict[str, object] | None = None,
    ) -> str:
        """The prompt text for prepared ``messages`` (``variables`` are ignored)."""
        import ctypes

        from llama_cpp import llama_cpp

        keep = [(m["role"].encode(), m["content"].encode("utf-8")) for m in messages]
        chat = (llama_cpp.llama_chat_message * len(keep))(
            *(llama_cpp.llama_chat_message(role=role, content=content) for role, content in keep)
        )
        size = 2 * sum(len(c) for _r, c in keep) + 1024
        for _ in range(2):
            buf = ctypes.create_string_buffer(size)
            n = llama_cpp.llama_chat_apply_template(
                self.name.encode(), chat, len(keep), add_generation_prompt, buf, size
            )
            if n < 0:
                msg = QT_TRANSLATE_NOOP("Engine", "The model's chat template failed: {error}")
                raise FamilyError(msg.format(error=self.name))
            if n <= size:
                return buf.raw[:n].decode("utf-8", "replace")
            size = n + 1
        raise FamilyError(self.name)  # pragma: no cover - the second buffer always fits


def builtin_template_names() -> list[str]:
    """The chat template names this llama.cpp build knows."""
    import ctypes

    from llama_cpp import llama_cpp

    count = llama_cpp.llama_chat_builtin_templates(None, 0)
    names = (ctypes.c_char_p * count)()
    llama_cpp.llama_chat_builtin_templates(names, count)
    return [n.decode() for n in names if n]


def template_of(
    family: ModelFamily, bos_token: str, eos_token: str
) -> ChatTemplate | BuiltinTemplate:
    """The renderer for ``family``'s prompts."""
    if family.template is None:
        assert family.builtin is not None
        return BuiltinTemplate(family.builtin)
    return ChatTemplate(family.template, bos_token=bos_token, eos_token=eos_token)


def family_of(metadata: dict[str, str], token_texts: Collection[str]) -> ModelFamily:
    """The family of a loaded model from its GGUF metadata and special-token spellings."""
    return detect_family(
        metadata.get("tokenizer.chat_template"),
        token_texts,
        metadata.get("general.architecture", ""),
        builtin_template_names(),
    )
