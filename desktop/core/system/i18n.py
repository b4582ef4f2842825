"""Translatable messages from the Qt-free layers.

``core`` and ``storage`` cannot call Qt's translator, yet their errors reach the user. So they
build a :class:`UserMessage`: a ``str`` whose value is the English sentence (logs, the command
line and tests read it unchanged) and which remembers its untranslated template, the
translation context and the values filled in. The services translate it at the boundary
(``desktop.services.i18n.translate_message``) with ``QCoreApplication.translate``.

Write every message as ``QT_TRANSLATE_NOOP("Context", "English with {named} fields")``, then
``.format(named=...)``: pyside6-lupdate extracts exactly that spelling (two string literals, no
other arguments, no f-string), so the template lands in the .ts files for translators.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["QT_TRANSLATE_NOOP", "UserMessage", "from_stored", "message_of", "to_stored"]

#: Marks a message stored as JSON (template and values), so it is translated when shown.
_STORED = "\x1euser-message:"


class UserMessage(str):
    """An English sentence for the user that can still be translated.

    ``template`` is the English source with ``{named}`` fields, ``context`` its translation
    context and ``params`` the field values. A value may itself be a UserMessage (translated
    too) or a list of them (joined with a space).
    """

    context: str
    template: str
    params: dict[str, Any]

    def __new__(cls, context: str, template: str, params: dict[str, Any] | None = None):
        params = dict(params or {})
        text = (
            template.format(**{k: _english(v) for k, v in params.items()}) if params else template
        )
        self = super().__new__(cls, text)
        self.context, self.template, self.params = context, template, params
        return self

    def format(self, *args: object, **params: object) -> UserMessage:  # type: ignore[override]
        """The same message with its ``{named}`` fields filled (named fields only)."""
        if args:
            raise TypeError("UserMessage templates use named fields only")
        return UserMessage(self.context, self.template, {**self.params, **params})

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (nested messages included) for caches that outlive a session."""
        return {"context": self.context, "template": self.template,
                "params": {k: _to_json(v) for k, v in self.params.items()}}  # fmt: skip

    @classmethod
    def from_dict(cls, data: object) -> UserMessage | None:
        """The message :meth:`to_dict` stored, or None if ``data`` is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("template"), str):
            return None
        params = data.get("params") if isinstance(data.get("params"), dict) else {}
        try:
            return cls(str(data.get("context", "")), data["template"],
                       {k: _from_json(v) for k, v in params.items()})  # fmt: skip
        except (KeyError, IndexError, ValueError, TypeError):
            return None  # a cache from another version: the caller falls back to plain text

    def __reduce__(self) -> tuple[object, ...]:
        return (UserMessage, (self.context, self.template, self.params))


def QT_TRANSLATE_NOOP(context: str, text: str) -> UserMessage:  # lupdate's spelling
    """Mark ``text`` for translation in ``context``; returns it as a :class:`UserMessage`."""
    return UserMessage(context, text)


def message_of(err: BaseException) -> str:
    """The message an exception was raised with: its UserMessage if it has one, else str()."""
    first = err.args[0] if len(err.args) == 1 else None
    return first if isinstance(first, UserMessage) else str(err)


def to_stored(message: str) -> str:
    """``message`` for a database column: a UserMessage keeps its template and values (so
    it can be shown in whatever language the UI has later), anything else stays as text."""
    if isinstance(message, UserMessage):
        return _STORED + json.dumps(message.to_dict(), ensure_ascii=False)
    return message


def from_stored(text: str | None) -> str | None:
    """The message :func:`to_stored` wrote: a UserMessage again, or the plain text."""
    if text is None or not text.startswith(_STORED):
        return text
    try:
        data = json.loads(text[len(_STORED) :])
    except ValueError:
        return text
    message = UserMessage.from_dict(data)
    return message if message is not None else text


def _english(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return value


def _to_json(value: object) -> object:
    if isinstance(value, UserMessage):
        return {"$message": value.to_dict()}
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: object) -> object:
    if isinstance(value, dict) and "$message" in value:
        return UserMessage.from_dict(value["$message"]) or ""
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return value
