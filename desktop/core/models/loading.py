"""The one way a model is opened, by the app's inference worker and by ``thinkdesk ask`` alike.

Both used to load differently: the CLI with llama.cpp's memory map (8.2 GB peak resident on
the 7B shape at an 8K context against a 5.33 GB estimate), the app without it. Everything about
how a file becomes an :class:`Engine` lives here so the two cannot drift apart again: the file
is checked first (header inspection, then a test-load in a child process, remembered per file
version), then loaded with the :class:`EngineConfig` defaults (no memory map).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.engines.local import Engine, EngineConfig
from desktop.core.models.gguf_inspect import GGUFError, GGUFInfo, inspect_gguf
from desktop.core.models.model_check import ModelCheckError, VerdictCache, check_model
from desktop.core.system.i18n import message_of


@dataclass
class OpenedModel:
    """A loaded engine and the header facts of its file."""

    engine: Engine
    info: GGUFInfo
    check_s: float = 0.0  # the file check before loading (inspection and crash check)

    @property
    def name(self) -> str:
        return self.info.name or Path(self.engine.config.model_path).stem

    @property
    def reasoning(self) -> bool:
        """Whether the model thinks before answering (shown in a thinking pane)."""
        return self.engine.reasoning


def open_model(
    config: EngineConfig,
    verdicts: VerdictCache | None = None,
    cancel: threading.Event | None = None,
    phase: Callable[[str], None] | None = None,
) -> OpenedModel | None:
    """Check ``config.model_path`` and load it; None if ``cancel`` was set meanwhile.

    ``phase`` hears "checking", then "loading" (the window shows which one takes the time).

    A vocab-only load (tokenizer and template, no weights) is not test-loaded in a child:
    the header inspection already refuses the files whose vocabulary would abort llama.cpp,
    and the child would have to read the whole file. Raises ModelCheckError or EngineError
    with a message for the user.
    """
    started = time.perf_counter()
    if phase is not None:
        phase("checking")
    if config.vocab_only:
        try:
            info = inspect_gguf(Path(config.model_path).expanduser())
        except GGUFError as err:
            raise ModelCheckError(message_of(err), err.reason) from err
    else:
        info = check_model(config.model_path, verdicts, cancel=cancel)
    check_s = time.perf_counter() - started
    if cancel is not None and cancel.is_set():
        return None
    if phase is not None:
        phase("loading")
    return OpenedModel(Engine(config), info, check_s)
