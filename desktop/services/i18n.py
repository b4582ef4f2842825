"""Translate messages from the Qt-free layers where they cross into Qt.

See desktop.core.system.i18n.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.system.i18n import UserMessage, message_of


def translate_message(message: object) -> str:
    """``message`` (a UserMessage, an exception raised with one, or anything else) in the UI
    language; objects without a template come back as ``str(message)``.

    Safe on any thread: QCoreApplication.translate is thread-safe.
    """
    if isinstance(message, BaseException):
        message = message_of(message)
    if not isinstance(message, UserMessage):
        return str(message)
    text = QCoreApplication.translate(message.context, message.template)
    if not message.params:
        return text
    params = {key: _translated(value) for key, value in message.params.items()}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(message)  # a broken translation must not hide the message itself


def _translated(value: object) -> object:
    if isinstance(value, UserMessage):
        return translate_message(value)
    if isinstance(value, (list, tuple)):
        return " ".join(translate_message(v) for v in value)
    return value
