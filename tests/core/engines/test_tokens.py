"""Breaking special-token spellings in typed text, whatever the vocabulary holds."""

from __future__ import annotations

from desktop.core.engines.tokens import Vocabulary

ZW = "\u200b"


class _Spellings(Vocabulary):
    """A Vocabulary over given special-token spellings (no llama.cpp needed)."""

    def __init__(self, spellings: list[str]) -> None:
        self.__dict__["special_tokens"] = dict(enumerate(spellings))


def test_every_spelling_is_broken_and_plain_text_is_kept():
    vocab = _Spellings([f"<unused{i}>" for i in range(3000)] + ["[multimodal]", "</s>", "   "])
    text = "a < b <unused12> [multimodal]</s> <unused99999> <table>   <|im_start|> <think>"
    assert vocab.neutralize(text) == (
        f"a < b <{ZW}unused12> [{ZW}multimodal]<{ZW}/s> <unused99999> <table>   "
        f"<{ZW}|im_start|> <{ZW}think>"
    )
    assert vocab.neutralize(text).replace(ZW, "") == text  # reads the same


def test_the_longest_spelling_wins():
    vocab = _Spellings(["<a>", "<a><b>"])
    assert vocab.neutralize("<a><b>") == f"<{ZW}a><b>"
