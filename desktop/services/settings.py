"""The one settings service: a defaults table, typed access, and ``changed`` only on real change.

Stored as an INI file inside the data folder (QSettings), so a portable install carries its
settings with it and tests get a fresh file under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

SCHEMA_VERSION = 1

#: key -> (type, default). Every setting the app reads is listed here.
DEFAULTS: dict[str, tuple[type, Any]] = {
    "model/path": (str, ""),
    "performance/threads": (int, 0),  # 0: physical cores
    "performance/context_length": (int, 4096),
    "performance/use_mlock": (bool, False),
    "generation/temperature": (float, 0.6),
    "generation/top_p": (float, 0.95),
    "generation/max_tokens": (int, 8192),
    "generation/seed": (int, -1),  # -1: a new seed per answer
    "generation/instructions": (str, ""),
}


class Settings(QObject):
    """Typed settings backed by an INI file."""

    changed = Signal(str, object)  # key, new value

    def __init__(self, file: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._store = QSettings(str(file), QSettings.Format.IniFormat)
        if self._store.value("schema_version") is None:
            self._store.setValue("schema_version", SCHEMA_VERSION)

    def value(self, key: str) -> Any:
        """The stored value of ``key`` converted to its type, or its default."""
        kind, default = DEFAULTS[key]
        raw = self._store.value(key)
        if raw is None:
            return default
        try:
            if kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            return kind(raw)
        except (TypeError, ValueError):
            return default  # a hand-edited, unreadable value falls back rather than crashing

    def set_value(self, key: str, value: Any) -> None:
        """Store ``value`` (must have the key's type); emit ``changed`` if it differs."""
        kind, _default = DEFAULTS[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"{key} takes a {kind.__name__}, not {value!r}")
        if self.value(key) == value and self._store.contains(key):
            return
        self._store.setValue(key, value)
        self._store.sync()
        self.changed.emit(key, value)
