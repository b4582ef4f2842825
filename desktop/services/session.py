"""Which model is open: builds the engine configuration from settings, checks that it fits the
memory budget, tracks load state, and reloads when performance settings change.

A reload never interrupts an answer: it waits until no request is outstanding on the inference
service (counted from its own signals), then re-opens the same file with the new
EngineConfig. Several settings changed together (the settings pane's OK) cause one reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core.engines.local import EngineConfig
from desktop.core.engines.remote_config import RemoteConfig
from desktop.core.models.gguf_inspect import GGUFError, inspect_gguf
from desktop.core.models.memory_fit import (
    FitVerdict,
    ModelFacts,
    available_ram_bytes,
    default_budget_bytes,
    fit,
    total_ram_bytes,
)
from desktop.services.i18n import translate_message
from desktop.services.inference import InferenceService, LoadedModel
from desktop.services.settings import RELOAD_KEYS, Settings

#: The budget when RAM cannot be measured: the fit then only picks the context.
_UNKNOWN = 1 << 62


class ModelState(str, Enum):
    EMPTY = "empty"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class LoadPlan:
    """How a model would be loaded now: the config and, if the header was readable, the fit."""

    config: EngineConfig
    facts: ModelFacts | None
    verdict: FitVerdict | None

    @property
    def refused(self) -> bool:
        return self.verdict is not None and not self.verdict.fits


class ModelSession(QObject):
    """Opens models on the inference thread and remembers the last one that worked."""

    state_changed = Signal(str, str)  # ModelState value, detail for the user
    model_changed = Signal(object)  # LoadedModel or None
    notice = Signal(str)  # something the user should know (context reduced, reload refused)
    # Why a file was not opened while the model that is open stays open (memory check).
    open_refused = Signal(str)
    load_phase_changed = Signal(str)  # while LOADING: "checking" (the file) or "loading"

    def __init__(self, inference: InferenceService, settings: Settings, parent=None):
        super().__init__(parent)
        self._inference = inference
        self._settings = settings
        self._state = ModelState.EMPTY
        self._model: LoadedModel | None = None
        self._requested: Path | None = None
        self._plan: LoadPlan | None = None  # of the load in flight or the loaded model
        self._load_id: int | None = None  # the load whose outcome counts; older ones are stale
        self._loaded_plan: LoadPlan | None = None
        self._outstanding: set[int] = set()
        self._reload_wanted = False
        # The model the worker released to make room for the load in flight: named if that
        # load fails or is cancelled, so the window never implies it is still there.
        self._closed_name: str | None = None
        self._facts_cache: dict[tuple[str, int, int], ModelFacts | None] = {}
        inference.model_loaded.connect(self._on_loaded)
        inference.model_load_failed.connect(self._on_load_failed)
        inference.load_phase_changed.connect(self._on_load_phase_changed)
        inference.generate_requested.connect(self._on_generate_requested)
        inference.finished.connect(self._on_request_done)
        inference.failed.connect(self._on_request_failed)
        inference.notice.connect(self.notice)
        settings.changed.connect(self._on_setting_changed)

    @property
    def state(self) -> ModelState:
        return self._state

    @property
    def model(self) -> LoadedModel | None:
        return self._model

    @property
    def verdict(self) -> FitVerdict | None:
        """The memory fit of the loaded model (None if its header could not be read)."""
        return self._loaded_plan.verdict if self._loaded_plan else None

    def model_facts(self) -> ModelFacts | None:
        """Shape facts of the loaded model, for the settings pane's memory breakdown."""
        return self._loaded_plan.facts if self._loaded_plan else None

    # -- planning --------------------------------------------------------------------------
    def auto_budget_bytes(self) -> int | None:
        """The automatic memory budget: a safe share of available RAM, counting the memory of
        the loaded model as available (a reload frees it first). None if RAM is unknown."""
        available = available_ram_bytes()
        if available <= 0:
            return None  # psutil could not tell; refusing every model would be worse
        verdict = self.verdict
        held = verdict.estimate.total if verdict is not None and self._model is not None else 0
        return default_budget_bytes(available + held, total_ram_bytes() or None)

    def budget_bytes(self) -> int | None:
        """The memory budget in force: the user's, else the automatic one (None: unknown)."""
        return self._settings.memory_budget_bytes() or self.auto_budget_bytes()

    def plan(self, path: str | Path) -> LoadPlan:
        """The EngineConfig for ``path`` under the current settings, and its memory fit."""
        path = Path(path).expanduser()
        s = self._settings
        requested = s.context_length()
        facts = self._facts_of(path)
        budget = self.budget_bytes()
        verdict = (
            fit(facts, budget if budget is not None else _UNKNOWN, requested) if facts else None
        )
        n_ctx = verdict.n_ctx if verdict else (requested or s.value("performance/context_length"))
        config = EngineConfig(
            model_path=path,
            n_ctx=n_ctx,
            n_threads=s.value("performance/threads") or None,
            n_threads_batch=s.value("performance/threads_batch") or None,
            use_mlock=s.value("performance/use_mlock"),
            # No memory map: llama.cpp copies most weights into repacked CPU buffers, and the
            # mapped file pages stay resident beside them. Measured on the 1.5B-shape Q4_K_M:
            # 1233 MiB resident instead of 1819 (what the memory budget estimates), the same
            # decode speed, loading ~2 s slower. With mlock a map would pin both copies.
            use_mmap=False,
        )
        return LoadPlan(config, facts, verdict)

    def _facts_of(self, path: Path) -> ModelFacts | None:
        """The file's shape, read once per file version (a big header takes ~0.3 s)."""
        try:
            stat = path.stat()
        except OSError:
            return None  # the worker's check will say the file is missing
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self._facts_cache:
            try:
                facts = ModelFacts.from_gguf_info(inspect_gguf(path, check_vocab=False))
            except (GGUFError, ValueError):
                facts = None  # the worker's full check will report what is wrong with the file
            self._facts_cache = {key: facts}  # only the latest file matters
        return self._facts_cache[key]

    def engine_config(self, path: str | Path) -> EngineConfig:
        """How ``path`` would be loaded now (context from the budget when it is Auto)."""
        return self.plan(path).config

    # -- opening ---------------------------------------------------------------------------
    def open(self, path: str | Path) -> None:
        """Check and load ``path``; the outcome arrives as state_changed.

        A model that does not fit the memory budget even at the smallest usable context is
        refused here, before llama.cpp allocates anything. A model that is open then stays
        open (``open_refused`` says why); with none open the state is FAILED with the numbers.
        """
        requested = Path(path).expanduser()
        # Planned while the open model still counts as available memory: a load frees it first.
        plan = self.plan(requested)
        open_model = self._model if self._state == ModelState.READY else None
        # A server's model is not kept: the user chose this computer, so it must stop answering.
        if open_model is not None and not open_model.origin:
            # Nothing was unloaded yet: keep the model that works rather than leave none.
            why = translate_message(plan.verdict.message) if plan.refused else None
            if why is None and plan.facts is None:
                why = _header_problem(requested)  # empty, not a GGUF, truncated, missing...
            if why is not None:
                self.open_refused.emit(
                    self.tr("{0} was not opened. {1} {2} stays open.").format(
                        requested.name, why, open_model.name
                    )
                )
                return
        self._requested = requested
        self._note_closed()
        self._model = None
        self._loaded_plan = None
        self._reload_wanted = False
        self.model_changed.emit(None)
        if plan.refused:
            assert plan.verdict is not None
            self._load_id = None  # a load still in flight must not report its model now
            self._inference.cancel_load()
            # Whatever the worker still holds (the model released for the load in flight, or
            # one arriving late) is freed: memory must not stay taken by a model not shown.
            self._inference.release_model()
            self._plan = None
            self._set_state(
                ModelState.FAILED, self._with_closed(translate_message(plan.verdict.message))
            )
            return
        self._start_load(plan)

    def _note_closed(self) -> None:
        """Remember the model a new load releases (a load in flight already released it)."""
        if self._model is not None:
            self._closed_name = self._model.name
        elif self._state != ModelState.LOADING:
            self._closed_name = None

    def _with_closed(self, detail: str) -> str:
        """``detail``, and that the model open before was closed (once: then forgotten)."""
        name, self._closed_name = self._closed_name, None
        if name is None:
            return detail
        closed = self.tr("{0} was closed first and is not open any more.").format(name)
        return f"{detail}\n\n{closed}" if detail else closed

    def connect(self, config: RemoteConfig) -> None:
        """Answer with a model on a server from now on; the outcome arrives as state_changed
        (READY once the server lists the model)."""
        self._requested = None
        self._note_closed()
        self._model = None
        self._loaded_plan = self._plan = None
        self._reload_wanted = False
        self.model_changed.emit(None)
        self._set_state(ModelState.LOADING, config.origin)
        self._load_id = self._inference.load(config)

    def forget(self) -> None:
        """No model answers any more (a server was chosen away with no local model to open).

        A load or connection still in flight is abandoned (its model is freed on arrival) and
        the engine is freed, so nothing keeps answering behind the window's back."""
        self._load_id = None
        self._inference.cancel_load()
        self._inference.release_model()
        self._requested = None
        self._closed_name = None
        self._model = None
        self._loaded_plan = self._plan = None
        self.model_changed.emit(None)
        self._set_state(ModelState.EMPTY, "")

    @property
    def loading_path(self) -> Path | None:
        """The file being opened while the state is LOADING."""
        return self._requested if self._state == ModelState.LOADING else None

    def cancel_load(self) -> None:
        """Give up opening the file now; the user can carry on at once (state EMPTY).

        A crash check is stopped at once. llama.cpp cannot be interrupted while it reads the
        weights, so that load finishes in the background and its model is freed on arrival.
        """
        if self._state != ModelState.LOADING:
            return
        self._inference.cancel_load()
        self._load_id = None
        self._plan = None
        self._reload_wanted = False
        self._set_state(ModelState.EMPTY, self._with_closed(""))

    @Slot(str)
    def _on_load_phase_changed(self, phase: str) -> None:
        if self._state == ModelState.LOADING:
            self.load_phase_changed.emit(phase)

    def _start_load(self, plan: LoadPlan) -> None:
        self._plan = plan
        self._set_state(ModelState.LOADING, plan.config.model_path.name)
        self._load_id = self._inference.load(plan.config)

    def _set_state(self, state: ModelState, detail: str) -> None:
        self._state = state
        self.state_changed.emit(state.value, detail)

    @Slot(int, object)
    def _on_loaded(self, load_id: int, model: LoadedModel) -> None:
        if load_id != self._load_id:
            # Superseded: the worker frees that model when it starts the newer load. Cancelled
            # with none after it: nothing else will, so free it now.
            if self._load_id is None and self._state != ModelState.LOADING:
                self._inference.release_model()
            return
        self._load_id = None
        self._closed_name = None
        self._model = model
        self._loaded_plan = self._plan
        if not model.origin:  # a server's model is not a file to reopen at start
            self._settings.set_value("model/path", str(model.path))
            self._record_load_rate(model)
        self.model_changed.emit(model)
        self._set_state(ModelState.READY, model.name)
        verdict = self.verdict
        if verdict is not None and verdict.reduced:
            self.notice.emit(translate_message(verdict.message))
        self._schedule_reload_check()

    def load_rate(self) -> float | None:
        """Bytes per second this PC opened models at, from earlier completed loads (also
        before this start), or None: the loading panel's expected time starts from it."""
        return self._settings.load_rate()

    def _record_load_rate(self, model: LoadedModel) -> None:
        # Only here, on a load that completed and counts: a cancelled or failed load says
        # nothing about how long a load takes. Load and warm-up: the part the rate predicts
        # (the panel adds the check's time as it passes).
        try:
            size = model.path.stat().st_size
        except OSError:
            return
        self._settings.record_load(size, model.load_s)

    @Slot(int, str)
    def _on_load_failed(self, load_id: int, message: str) -> None:
        if load_id != self._load_id:
            return  # an earlier load, cancelled because another was opened
        self._load_id = None
        self._loaded_plan = None
        self._set_state(ModelState.FAILED, self._with_closed(message))

    # -- reload on settings change ---------------------------------------------------------
    @Slot(str, object)
    def _on_setting_changed(self, key: str, _value: object) -> None:
        if key in RELOAD_KEYS and (self._model is not None or self._state == ModelState.LOADING):
            self._reload_wanted = True
            self._schedule_reload_check()

    @Slot(int, object, object, object)
    def _on_generate_requested(self, request_id: int, *_request: object) -> None:
        self._outstanding.add(request_id)

    @Slot(int, bool, object)
    def _on_request_done(self, request_id: int, _stopped: bool, _metrics: object) -> None:
        self._outstanding.discard(request_id)
        self._schedule_reload_check()

    @Slot(int, object)
    def _on_request_failed(self, request_id: int, _message: object) -> None:
        self._on_request_done(request_id, False, None)

    @property
    def reload_pending(self) -> bool:
        """A settings change waits for the current answer to end before reloading."""
        return self._reload_wanted

    def _schedule_reload_check(self) -> None:
        # Deferred so a batch of settings (the pane's OK) and the chat's own reaction to
        # "finished" are all handled before the reload starts.
        if self._reload_wanted:
            QTimer.singleShot(0, self._reload_if_due)

    @Slot()
    def _reload_if_due(self) -> None:
        if not self._reload_wanted or self._outstanding or self._state == ModelState.LOADING:
            return  # retried when the answer ends or the load in flight completes
        model = self._model
        self._reload_wanted = False
        if model is None or model.origin:  # a server's settings are its own
            return
        plan = self.plan(model.path)
        if self._loaded_plan is not None and plan.config == self._loaded_plan.config:
            return
        if not Path(model.path).is_file():  # deleted, or its USB stick pulled: keep what works
            gone = self.tr("{0} is not there any more, so the new settings cannot be applied.")
            notice = self.tr("{0} The model stays loaded as it was.")
            self.notice.emit(notice.format(gone.format(Path(model.path).name)))
            return
        if plan.refused:
            assert plan.verdict is not None
            message = translate_message(plan.verdict.message)
            self.notice.emit(self.tr("{0} The model stays loaded as it was.").format(message))
            return
        self._closed_name = model.name  # the worker frees it before loading the new configuration
        self._model = None
        self.model_changed.emit(None)
        self._start_load(plan)


def _header_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a model, in the user's language, or None if its header is sound."""
    try:
        inspect_gguf(path)
    except GGUFError as err:
        return translate_message(err)
    return None
