"""Which model is open: builds the engine configuration from settings and tracks load state."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.engine import EngineConfig
from desktop.services.inference import InferenceService, LoadedModel
from desktop.services.settings import Settings


class ModelState(str, Enum):
    EMPTY = "empty"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class ModelSession(QObject):
    """Opens models on the inference thread and remembers the last one that worked."""

    state_changed = Signal(str, str)  # ModelState value, detail for the user
    model_changed = Signal(object)  # LoadedModel or None

    def __init__(self, inference: InferenceService, settings: Settings, parent=None):
        super().__init__(parent)
        self._inference = inference
        self._settings = settings
        self._state = ModelState.EMPTY
        self._model: LoadedModel | None = None
        self._requested: Path | None = None
        inference.model_loaded.connect(self._on_loaded)
        inference.model_load_failed.connect(self._on_load_failed)

    @property
    def state(self) -> ModelState:
        return self._state

    @property
    def model(self) -> LoadedModel | None:
        return self._model

    def engine_config(self, path: Path) -> EngineConfig:
        s = self._settings
        return EngineConfig(
            model_path=path,
            n_ctx=s.value("performance/context_length"),
            n_threads=s.value("performance/threads") or None,
            use_mlock=s.value("performance/use_mlock"),
        )

    def open(self, path: str | Path) -> None:
        """Check and load ``path``; the outcome arrives as state_changed."""
        self._requested = Path(path).expanduser()
        self._model = None
        self.model_changed.emit(None)
        self._set_state(ModelState.LOADING, self._requested.name)
        self._inference.load(self.engine_config(self._requested))

    def _set_state(self, state: ModelState, detail: str) -> None:
        self._state = state
        self.state_changed.emit(state.value, detail)

    @Slot(object)
    def _on_loaded(self, model: LoadedModel) -> None:
        self._model = model
        self._settings.set_value("model/path", str(model.path))
        self.model_changed.emit(model)
        self._set_state(ModelState.READY, model.name)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self._set_state(ModelState.FAILED, message)
