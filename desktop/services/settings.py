"""The one settings service: a defaults table, typed access, validation, and ``changed`` only on
real change.

Stored as an INI file inside the data folder (QSettings), so a portable install carries its
settings with it and tests get a fresh file under ``tmp_path``. Keys are stable: other parts
of the app (and users' files) depend on them; rename one only with a migration below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QSettings, Signal

from desktop.core.models.memory_fit import GiB
from desktop.core.system.load_progress import PLAUSIBLE_BYTES_PER_S, blend_rate

SCHEMA_VERSION = 2

#: key -> (type, default). Every setting the app reads is listed here, with what it means.
DEFAULTS: dict[str, tuple[type, Any]] = {
    "model/path": (str, ""),  # the last model that loaded; reopened at start
    # -- performance: changing threads, context or mlock reloads the model between answers
    "performance/threads": (int, 0),  # generation threads; 0: physical cores
    "performance/threads_batch": (int, 0),  # prompt-processing threads; 0: same as threads
    "performance/memory_budget_gb": (float, 0.0),  # GB the model may use; 0: a safe share
    "performance/context_auto": (bool, True),  # pick the context from the budget
    "performance/context_length": (int, 4096),  # tokens, used when context_auto is off
    "performance/use_mlock": (bool, False),  # lock the model in RAM (never swapped out)
    # -- generation (R1 model card: temperature 0.6, top_p 0.95, no system prompt)
    "generation/temperature": (float, 0.6),
    "generation/top_p": (float, 0.95),
    "generation/max_tokens": (int, 8192),  # per answer, thinking included
    "generation/repeat_penalty": (float, 1.0),  # 1.0: off
    "generation/seed": (int, -1),  # -1: a new seed per answer
    "generation/instructions": (str, ""),  # folded into the first user message
    "generation/thinking_display": (str, "expanded"),  # expanded | collapsed | hidden
    "generation/thinking_budget": (int, 0),  # thinking tokens before "wrap up"; 0: no limit
    # -- chat
    "chat/send_key": (str, "enter"),  # enter | ctrl_enter: which key sends the question
    # -- models: an IT admin's extra catalog (same JSON schema as the bundled one)
    "models/extra_catalog": (str, ""),
    # -- appearance
    "appearance/language": (str, "system"),  # system | en | zh_CN | zh_TW
    "appearance/font_size": (int, 0),  # points; 0: the system's size
    "appearance/theme": (str, "system"),  # system | light | dark
    # -- network: read by the download manager
    "network/source": (str, "auto"),  # auto | modelscope | hf-mirror | hf
    "network/modelscope_endpoint": (str, "https://www.modelscope.cn"),
    "network/hf_mirror_endpoint": (str, "https://hf-mirror.com"),
    "network/hf_endpoint": (str, "https://huggingface.co"),
    "network/offline": (bool, False),  # block every network path in the app
    # -- sharing: serve the loaded model over the OpenAI API (desktop/services/sharing.py)
    "sharing/enabled": (bool, False),
    "sharing/network": (bool, False),  # listen on every address, not only this PC's
    "sharing/port": (int, 8080),
    "sharing/api_key": (str, ""),  # empty: no key asked (refused for the network w/o consent)
    # -- engine: who answers: this computer (a GGUF file) or an OpenAI-compatible server.
    # The server's API key is kept in the OS credential store, never here.
    "engine/kind": (str, "local"),  # local | remote
    "engine/server_url": (str, ""),  # e.g. http://gpu-box:8080
    "engine/server_model": (str, ""),  # "": the first model the server lists
    # -- measured, not chosen (no field in the pane): how fast this PC opened models, for the
    # loading panel's expected time. Per machine: a portable copy measures afresh elsewhere.
    "measured/load_bytes_per_s": (float, 0.0),  # smoothed over completed loads; 0: unknown
    "measured/load_machine": (str, ""),  # which PC measured it (a hash, see machine_key)
}

#: Kept by the app rather than chosen by the user: no field in the settings pane, and
#: "Restore defaults" leaves them alone.
APP_KEPT_KEYS = frozenset({"model/path", "measured/load_bytes_per_s", "measured/load_machine"})

#: Settings changes that need the model loaded again.
RELOAD_KEYS = frozenset(
    {
        "performance/threads",
        "performance/threads_batch",
        "performance/memory_budget_gb",
        "performance/context_auto",
        "performance/context_length",
        "performance/use_mlock",
    }
)

CHOICES: dict[str, tuple[str, ...]] = {
    "generation/thinking_display": ("expanded", "collapsed", "hidden"),
    "chat/send_key": ("enter", "ctrl_enter"),
    "appearance/language": ("system", "en", "zh_CN", "zh_TW"),
    "appearance/theme": ("system", "light", "dark"),
    "network/source": ("auto", "modelscope", "hf-mirror", "hf"),
    "engine/kind": ("local", "remote"),
}
URL_KEYS = ("network/modelscope_endpoint", "network/hf_mirror_endpoint", "network/hf_endpoint")
MAX_INSTRUCTIONS = 4000


def logical_cores() -> int:
    """Logical CPUs (psutil); the upper bound for thread settings."""
    import os

    try:
        import psutil

        return int(psutil.cpu_count(logical=True) or os.cpu_count() or 1)
    except Exception:  # psutil can fail in sandboxes
        return os.cpu_count() or 1


def physical_cores() -> int:
    """Physical cores (psutil): the default thread count."""
    try:
        import psutil

        return int(psutil.cpu_count(logical=False) or logical_cores())
    except Exception:  # psutil can fail in sandboxes
        return logical_cores()


def machine_key() -> str:
    """A short name for this computer: a hash of its machine id (the raw id is meant to stay
    private), else of its host name."""
    from PySide6.QtCore import QSysInfo

    raw = bytes(QSysInfo.machineUniqueId().data()) or QSysInfo.machineHostName().encode()
    return hashlib.sha256(b"thinkdesk-load-rate\0" + raw).hexdigest()[:16]


def total_ram_gb() -> float:
    try:
        import psutil

        return psutil.virtual_memory().total / GiB
    except Exception:  # unknown RAM must not block a setting
        return 1024.0


@dataclass(frozen=True)
class Range:
    """Inclusive numeric bounds; ``special`` values (0 meaning "auto") are allowed too."""

    low: float
    high: float | Callable[[], float]
    special: tuple[float, ...] = ()

    def upper(self) -> float:
        return self.high() if callable(self.high) else self.high


RANGES: dict[str, Range] = {
    "performance/threads": Range(1, logical_cores, special=(0,)),
    "performance/threads_batch": Range(1, logical_cores, special=(0,)),
    "performance/memory_budget_gb": Range(0.5, total_ram_gb, special=(0.0,)),
    "performance/context_length": Range(512, 131072),
    "generation/temperature": Range(0.0, 2.0),
    "generation/top_p": Range(0.01, 1.0),
    "generation/max_tokens": Range(1, 1_000_000),
    "generation/repeat_penalty": Range(1.0, 2.0),
    "generation/seed": Range(-1, 2**31 - 1),
    "generation/thinking_budget": Range(64, 1_000_000, special=(0,)),
    "appearance/font_size": Range(6, 72, special=(0,)),
    "sharing/port": Range(1024, 65535),
    "measured/load_bytes_per_s": Range(*PLAUSIBLE_BYTES_PER_S, special=(0.0,)),
}


class SettingsError(ValueError):
    """A value that cannot be stored; ``str()`` says why, for the user."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def check_url(text: str) -> str | None:
    """Why ``text`` is not a usable http(s) endpoint, or None."""
    if not text or text != text.strip() or any(c.isspace() for c in text):
        return "an address without spaces is needed"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        return "it must look like https://example.com"
    try:
        _port = parts.port
    except ValueError:
        return "its port number is not valid"
    return None


def validate(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be stored under ``key`` (a sentence), or None if it can."""
    kind, _default = DEFAULTS[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        return f"{key} takes a {kind.__name__}, not {value!r}."
    if key in RANGES:
        rule = RANGES[key]
        if value not in rule.special and not rule.low <= value <= rule.upper():
            return f"{key} must be between {rule.low:g} and {rule.upper():g}, not {value:g}."
    if key in CHOICES and value not in CHOICES[key]:
        return f"{key} must be one of {', '.join(CHOICES[key])}, not {value!r}."
    if key == "engine/server_url" and value and (problem := check_url(value)):
        return f"{value!r} is not a valid address: {problem}."
    if key in URL_KEYS and (problem := check_url(value)):
        return f"{value!r} is not a valid address: {problem}."
    if key == "generation/instructions" and len(value) > MAX_INSTRUCTIONS:
        return f"Custom instructions are limited to {MAX_INSTRUCTIONS:,} characters."
    return None


def _migrate_1_to_2(store: QSettings) -> None:
    # Version 1 had no "Auto" context: someone who had set a length keeps it as a fixed value.
    if store.contains("performance/context_length"):
        store.setValue("performance/context_auto", False)


#: from_version -> function upgrading a store from that version to the next.
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {1: _migrate_1_to_2}


class Settings(QObject):
    """Typed, validated settings backed by an INI file."""

    changed = Signal(str, object)  # key, new value

    def __init__(self, file: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._store = QSettings(str(file), QSettings.Format.IniFormat)
        self._migrate()

    def _migrate(self) -> None:
        raw = self._store.value("schema_version")
        if raw is None:  # a new file
            self._store.setValue("schema_version", SCHEMA_VERSION)
            return
        try:
            version = int(raw)
        except (TypeError, ValueError):
            version = 1
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self._store)
            version += 1
            self._store.setValue("schema_version", version)
        self._store.sync()

    @property
    def schema_version(self) -> int:
        return int(self._store.value("schema_version"))

    # -- generic access --------------------------------------------------------------------
    def value(self, key: str) -> Any:
        """The stored value of ``key`` converted to its type, or its default.

        A hand-edited value that is unreadable or out of range also gives the default.
        """
        kind, default = DEFAULTS[key]
        raw = self._store.value(key)
        if raw is None:
            return default
        try:
            if kind is bool:
                value = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            else:
                value = kind(raw)
        except (TypeError, ValueError):
            return default
        return default if validate(key, value) else value

    def default(self, key: str) -> Any:
        return DEFAULTS[key][1]

    def validate(self, key: str, value: Any) -> str | None:
        """Why ``value`` cannot be stored under ``key``, or None."""
        return validate(key, value)

    def set_value(self, key: str, value: Any) -> None:
        """Store ``value``; emit ``changed`` if it differs from what was there.

        Raises TypeError for a value of the wrong type and SettingsError (a ValueError) for
        one out of range, not among the choices, or not a valid address.
        """
        self.set_values({key: value})

    def set_values(self, values: Mapping[str, Any]) -> list[str]:
        """Validate every value first, then store them all (or none); returns the changed keys
        after emitting ``changed`` for each."""
        clean: dict[str, Any] = {}
        for key, value in values.items():
            kind, _default = DEFAULTS[key]
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise TypeError(f"{key} takes a {kind.__name__}, not {value!r}")
            problem = validate(key, value)
            if problem:
                raise SettingsError(key, problem)
            clean[key] = value
        changed = []
        for key, value in clean.items():
            if self.value(key) == value:
                continue  # not a change, so neither written nor signalled
            self._store.setValue(key, value)
            changed.append(key)
        if changed:
            self._store.sync()
        for key in changed:
            self.changed.emit(key, clean[key])
        return changed

    def reset_to_defaults(self, keys: Iterable[str] | None = None) -> list[str]:
        """Forget the stored values of ``keys`` (default: everything the user chooses, not the
        model path nor measurements); emit ``changed`` for those whose value changes. Returns
        those keys."""
        keys = list(keys) if keys is not None else [k for k in DEFAULTS if k not in APP_KEPT_KEYS]
        before = {key: self.value(key) for key in keys}
        for key in keys:
            self._store.remove(key)
        self._store.sync()
        changed = [key for key in keys if before[key] != self.value(key)]
        for key in changed:
            self.changed.emit(key, self.value(key))
        return changed

    # -- typed accessors -------------------------------------------------------------------
    def threads(self) -> int:
        """Generation threads, "auto" resolved to the physical cores."""
        return self.value("performance/threads") or physical_cores()

    def threads_batch(self) -> int:
        """Prompt-processing threads, "auto" resolved to the generation threads."""
        return self.value("performance/threads_batch") or self.threads()

    def memory_budget_bytes(self) -> int | None:
        """The budget the user set, in bytes; None when it is automatic."""
        gb = self.value("performance/memory_budget_gb")
        return int(gb * GiB) if gb > 0 else None

    def context_length(self) -> int | None:
        """The fixed context length; None when the context is picked automatically."""
        if self.value("performance/context_auto"):
            return None
        return self.value("performance/context_length")

    def offline(self) -> bool:
        """True when every network path must stay closed."""
        return bool(self.value("network/offline"))

    def load_rate(self) -> float | None:
        """Bytes per second this PC opened models at (smoothed over earlier completed loads),
        or None if it was never measured here."""
        if self.value("measured/load_machine") != machine_key():
            return None  # measured on another PC (a portable copy), or never
        return self.value("measured/load_bytes_per_s") or None

    def record_load(self, size: int, seconds: float) -> float | None:
        """Fold a completed load of ``size`` bytes in ``seconds`` into the stored rate; returns
        the rate now stored, or None when this load told nothing (the figure stays)."""
        rate = blend_rate(self.load_rate(), size, seconds)
        if rate is None:
            return None
        rate = float(round(rate))  # whole bytes per second: no noise digits in the file
        self.set_values({"measured/load_bytes_per_s": rate, "measured/load_machine": machine_key()})
        return rate
