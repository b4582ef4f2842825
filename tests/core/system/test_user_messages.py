"""Translatable messages from the Qt-free layers: English as str, template kept for the UI."""

from __future__ import annotations

import json
import pickle

from desktop.core.models.gguf_inspect import GGUFError, inspect_gguf
from desktop.core.models.memory_fit import ModelFacts, estimate, refusal_message
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, UserMessage, message_of


def test_a_message_is_its_english_text():
    msg = QT_TRANSLATE_NOOP("Ctx", "{name} needs {n:,} bytes").format(name="m.gguf", n=12345)
    assert msg == "m.gguf needs 12,345 bytes"
    assert isinstance(msg, str) and f"[{msg}]" == "[m.gguf needs 12,345 bytes]"
    assert (msg.context, msg.template) == ("Ctx", "{name} needs {n:,} bytes")
    assert msg.params == {"name": "m.gguf", "n": 12345}


def test_a_marker_without_fields_is_the_text_itself():
    msg = QT_TRANSLATE_NOOP("Ctx", "Plain words.")
    assert msg == "Plain words." and msg.params == {}


def test_nested_messages_and_lists_read_as_english():
    inner = QT_TRANSLATE_NOOP("Ctx", "the {what}").format(what="header")
    outer = QT_TRANSLATE_NOOP("Ctx", "Reading {part} failed. {more}").format(
        part=inner, more=[QT_TRANSLATE_NOOP("Ctx", "One."), QT_TRANSLATE_NOOP("Ctx", "Two.")]
    )
    assert outer == "Reading the header failed. One. Two."
    assert outer.params["part"].template == "the {what}"


def test_named_fields_only():
    try:
        QT_TRANSLATE_NOOP("Ctx", "{0}").format(1)
    except TypeError:
        return
    raise AssertionError("positional fields must be refused")


def test_messages_survive_json_and_pickle():
    inner = QT_TRANSLATE_NOOP("Ctx", "the {what}").format(what="header")
    msg = QT_TRANSLATE_NOOP("Ctx", "Reading {part} took {s:.1f} s").format(part=inner, s=1.25)
    back = UserMessage.from_dict(json.loads(json.dumps(msg.to_dict())))
    assert back == msg and back.params["part"].context == "Ctx"
    assert pickle.loads(pickle.dumps(msg)).template == msg.template
    assert UserMessage.from_dict({"nonsense": 1}) is None
    assert UserMessage.from_dict({"template": "{missing}", "params": {"x": 1}}) is None


def test_message_of_keeps_the_template_of_an_exception():
    msg = QT_TRANSLATE_NOOP("Ctx", "Broken {x}.").format(x=1)
    assert message_of(ValueError(msg)) is msg
    assert message_of(ValueError("plain")) == "plain"
    assert message_of(KeyError("a", "b")) == str(KeyError("a", "b"))


def test_gguf_errors_carry_translatable_messages(bad_magic_model, truncated_model):
    for path in (bad_magic_model, truncated_model):
        try:
            inspect_gguf(path)
        except GGUFError as err:
            msg = message_of(err)
            assert isinstance(msg, UserMessage) and msg.context == "GGUFError"
            assert str(err) == msg and path.name in str(err)
        else:
            raise AssertionError(f"{path} was accepted")


def test_the_refusal_lists_the_choices_as_nested_messages():
    facts = ModelFacts(weights_bytes=8 << 30, n_layer=28, n_head_kv=4, head_dim=128,
                       name="Big", quantization="Q8_0")  # fmt: skip
    msg = refusal_message(facts, estimate(facts, 2048), 1 << 30)
    assert "a smaller quantization (Q4_K_M), or the 1.5B model, or a bigger memory" in msg
    assert isinstance(msg, UserMessage) and isinstance(msg.params["choices"], UserMessage)
