"""Tiny GGUFs of chat models that are not R1 distills, for tests of the model-family rules.

Same qwen2 body as :mod:`desktop.core.models.synthetic_gguf` (llama.cpp runs it), with the
special tokens and chat template of another family: Gemma's ``<start_of_turn>`` turns, whose
markers are control tokens, plus two user-defined tokens that do not start with ``<``.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.models.synthetic_gguf import write_r1_gguf

GEMMA_CONTROL = ("<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>", "<pad>")
GEMMA_USER_DEFINED = ("[multimodal]", "<unused0>")

#: A Gemma-style chat template (turns named user/model, no system role, no thinking).
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}{% set role = 'model' %}"
    "{% else %}{% set role = message['role'] %}{% endif %}"
    "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}"
)

#: A Qwen3-style hybrid template: thinking is switched off by ``enable_thinking=false``.
HYBRID_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' "
    "+ message['content'] + '<|im_end|>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
    "{% if enable_thinking is defined and enable_thinking is false %}"
    "{{ '<think>\\n\\n</think>\\n\\n' }}{% endif %}{% endif %}"
)


def write_gemma_style_gguf(
    path: str | os.PathLike[str], *, chat_template: str | None = GEMMA_TEMPLATE
) -> Path:
    """A tiny runnable GGUF with Gemma's turn markers and template (None: no template)."""
    return write_r1_gguf(
        path,
        name="ThinkDesk synthetic Gemma-style chat",
        chat_template=chat_template,
        specials=(GEMMA_CONTROL, GEMMA_USER_DEFINED, "<bos>", "<eos>"),
    )


def write_plain_gguf(path: str | os.PathLike[str]) -> Path:
    """A tiny GGUF with no chat template and no turn markers llama.cpp could recognise."""
    return write_r1_gguf(
        path,
        name="ThinkDesk synthetic template-less",
        chat_template=None,
        specials=(("<s>", "</s>"), (), "<s>", "</s>"),
    )
