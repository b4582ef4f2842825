"""The download manager: queued, resumable model downloads and imports on worker threads.

Downloads run one at a time on the "downloads" QThread (one file at a time uses the line best)
and imports on the "imports" QThread, so a USB-stick import does not wait behind a download and
neither blocks chatting. Pause and cancel reach a busy worker through the job's
:class:`~desktop.core.downloads.fetch.Control` (a flag plus socket shutdown), never a queued slot.
Quitting pauses everything: the ``.part`` files stay and the next start offers to resume them.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.downloads import hub_partials
from desktop.core.downloads.fetch import (
    Control,
    DownloadOptions,
    Progress,
    discard_idle_partial,
    partial_size,
)
from desktop.core.downloads.sources import (
    DEFAULT_HF,
    DEFAULT_HF_MIRROR,
    DEFAULT_MODELSCOPE,
    Endpoints,
    Source,
    plan_sources,
)
from desktop.core.models.catalog import Catalog, CatalogEntry, CatalogError, load_catalog
from desktop.core.models.installed import InstalledModel, Registry
from desktop.core.system.paths import DataDir
from desktop.services.download_jobs import (
    ACTIVE,
    DownloadWorker,
    Job,
    JobState,
    offline_message,
)
from desktop.services.i18n import translate_message

__all__ = ["ACTIVE", "DownloadManager", "Job", "JobState"]


class DownloadManager(QObject):
    """GUI-thread front of the download and import workers, and of the installed registry."""

    job_added = Signal(str)  # job id (read it with job())
    state_changed = Signal(str, str, str)  # job id, JobState value, message for the user
    progress = Signal(str, object)  # job id, desktop.core.downloads.fetch.Progress
    notice = Signal(str, str)  # job id, e.g. "ModelScope failed: …; trying HF mirror instead"
    model_installed = Signal(object)  # InstalledModel
    installed_changed = Signal()  # models added, removed or the default changed

    _start_download = Signal(object, int)
    _start_import = Signal(object, int)

    def __init__(
        self,
        data: DataDir,
        settings: Any = None,
        catalog: Catalog | None = None,
        options: DownloadOptions | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.data = data
        self._settings = settings
        self.catalog_error = ""
        if catalog is None:
            catalog = self._load_catalog()
        self.catalog = catalog
        self.registry = Registry(data)
        self._options = options or DownloadOptions()
        self._jobs: dict[str, Job] = {}
        self._import_ids = itertools.count(1)
        self._threads: list[QThread] = []
        self._workers: list[DownloadWorker] = []
        for name, signal in (("downloads", self._start_download), ("imports", self._start_import)):
            thread = QThread()
            thread.setObjectName(name)
            worker = DownloadWorker(data, self.catalog)
            worker.moveToThread(thread)
            signal.connect(worker.run)
            worker.started.connect(self._on_started)
            worker.progress.connect(self._on_progress)
            worker.notice.connect(self._on_notice)
            worker.finished.connect(self._on_finished)
            thread.start()
            self._threads.append(thread)
            self._workers.append(worker)
        self._restore_partials()

    # -- configuration ----------------------------------------------------------------------
    def setting(self, key: str, default: Any) -> Any:
        """A setting's value, or ``default`` without settings or before the key exists."""
        if self._settings is None:
            return default
        try:
            return self._settings.value(key)
        except KeyError:
            return default

    def _load_catalog(self) -> Catalog:
        extra = self.setting("models/extra_catalog", "")
        try:
            return load_catalog([extra] if extra else [])
        except CatalogError as err:
            # The admin's file is broken; the bundled one is not.
            self.catalog_error = translate_message(err)
            return load_catalog()

    def memory_budget(self) -> int | None:
        """The memory the user allows a model (Settings), or None for the automatic share."""
        if self._settings is not None and hasattr(self._settings, "memory_budget_bytes"):
            return self._settings.memory_budget_bytes()
        return None

    def _effective_options(self) -> DownloadOptions:
        return replace(self._options, memory_budget=self.memory_budget())

    def set_source(self, choice: str) -> None:
        """Remember where downloads come from ("auto", "modelscope", "hf-mirror" or "hf")."""
        if self._settings is not None:
            self._settings.set_value("network/source", choice)

    def offline(self) -> bool:
        return bool(self.setting("network/offline", False))

    def sources_for(self, entry: CatalogEntry) -> list[Source]:
        """The sources to try for ``entry`` under the current network settings."""

        def explicit(key: str, default: str) -> str | None:
            value = str(self.setting(key, "") or "")
            return value if value and value.rstrip("/") != default else None  # env may override

        endpoints = Endpoints.resolve(
            explicit("network/modelscope_endpoint", DEFAULT_MODELSCOPE),
            explicit("network/hf_mirror_endpoint", DEFAULT_HF_MIRROR),
            explicit("network/hf_endpoint", DEFAULT_HF),
        )
        choice = str(self.setting("network/source", "auto"))
        return plan_sources(entry, choice if choice else "auto", endpoints)

    # -- jobs -------------------------------------------------------------------------------
    def jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def job(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def download(self, entry: CatalogEntry | str, force: bool = False) -> str:
        """Queue a download of ``entry`` (or resume its paused job); returns the job id.

        ``force`` skips the memory check (a model fetched for another PC)."""
        if isinstance(entry, str):
            found = self.catalog.get(entry)
            if found is None:
                raise KeyError(entry)
            entry = found
        job = self._jobs.get(entry.id)
        if job is not None and job.state in (*ACTIVE, JobState.PAUSED):
            if job.state == JobState.PAUSED:
                self.resume(job.id)
            return job.id
        job = Job(entry.id, "download", entry.label, entry=entry, force=force)
        self._add(job)
        self._queue(job)
        return job.id

    def import_paths(self, paths: list[str | Path], copy: bool) -> list[str]:
        """Queue imports of files or folders (a folder imports every .gguf inside)."""
        ids = []
        for path in paths:
            path = Path(path)
            job = Job(f"import-{next(self._import_ids)}", "import", path.name or str(path),
                      path=path, copy=copy)  # fmt: skip
            self._add(job)
            self._queue(job)
            ids.append(job.id)
        return ids

    def pause(self, job_id: str) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.kind != "download" or job.state not in ACTIVE:
            return
        job.control.pause()
        self._set_state(job, JobState.PAUSED, self.tr("Paused."))

    def resume(self, job_id: str) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state not in (JobState.PAUSED, JobState.FAILED):
            return
        self._queue(job)

    def cancel(self, job_id: str) -> None:
        """Stop a job; a download's partial file is deleted."""
        job = self._jobs.get(job_id)
        if job is None or job.state in (JobState.DONE, JobState.CANCELLED):
            return
        job.control.cancel()
        if not job.running and job.entry is not None:
            discard_idle_partial(self.data.models, job.entry)  # not one another process writes
        self._set_state(job, JobState.CANCELLED, self.tr("Cancelled."))

    def dismiss(self, job_id: str) -> None:
        """Forget a finished job (done, failed or cancelled)."""
        job = self._jobs.get(job_id)
        if job is not None and job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
            del self._jobs[job_id]

    def _add(self, job: Job) -> None:
        self._jobs[job.id] = job
        self.job_added.emit(job.id)

    def _queue(self, job: Job) -> None:
        if job.kind == "download":
            assert job.entry is not None
            if self.offline():
                self._set_state(job, JobState.FAILED, offline_message())
                return
            try:
                job.sources = self.sources_for(job.entry)
            except ValueError as err:
                self._set_state(job, JobState.FAILED, translate_message(err))
                return
        job.options = self._effective_options()
        if job.force:
            job.options = replace(job.options, check_memory=False)
        job.control = Control()
        job.token += 1
        self._set_state(job, JobState.QUEUED, self.tr("Waiting…"))
        signal = self._start_download if job.kind == "download" else self._start_import
        signal.emit(job, job.token)

    def _restore_partials(self) -> None:
        """Offer to resume downloads a previous session left as ``.part`` files."""
        for entry in [*self.catalog, *hub_partials.remembered(self.data.models)]:
            done = partial_size(self.data.models, entry)
            if done and entry.id not in self._jobs:
                message = self.tr("Paused; resume to continue where it stopped.")
                job = Job(entry.id, "download", entry.label, entry=entry, state=JobState.PAUSED,
                          message=message)  # fmt: skip
                job.progress = Progress(done, entry.expected_size, 0.0, None, "")
                self._jobs[job.id] = job

    def _set_state(self, job: Job, state: JobState, message: str) -> None:
        job.state, job.message = state, message
        self.state_changed.emit(job.id, state.value, message)

    # -- worker reports ---------------------------------------------------------------------
    def _current(self, job_id: str, token: int) -> Job | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.token == token else None

    @Slot(str, int)
    def _on_started(self, job_id: str, token: int) -> None:
        job = self._current(job_id, token)
        if job is not None:
            job.running = True
            if job.state == JobState.QUEUED:
                self._set_state(job, JobState.DOWNLOADING, "")

    @Slot(str, int, object)
    def _on_progress(self, job_id: str, token: int, progress: Progress) -> None:
        job = self._current(job_id, token)
        if job is None or job.state not in ACTIVE:
            return
        job.progress = progress
        if progress.phase == "verifying" and job.state != JobState.VERIFYING:
            self._set_state(job, JobState.VERIFYING, self.tr("Verifying…"))
        self.progress.emit(job_id, progress)

    @Slot(str, int, str)
    def _on_notice(self, job_id: str, token: int, message: str) -> None:
        if self._current(job_id, token) is not None:
            self.notice.emit(job_id, message)

    @Slot(str, int, str, str, object)
    def _on_finished(self, job_id: str, token: int, state: str, message: str, models) -> None:
        for model in models:
            self.model_installed.emit(model)
        if models:
            self.installed_changed.emit()
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.running = False
        if job.token != token and state != JobState.DONE.value:
            return  # a run that was paused and has been queued again since
        if job.control.mode == "cancel" and state != JobState.DONE.value:
            if job.entry is not None:
                discard_idle_partial(self.data.models, job.entry)  # cancelled as it was pausing
            state, message = JobState.CANCELLED.value, self.tr("Cancelled.")
        self._set_state(job, JobState(state), message)

    # -- installed models -------------------------------------------------------------------
    def installed(self) -> list[InstalledModel]:
        return self.registry.models()

    def remove_model(self, model_id: str, delete_file: bool = True) -> str:
        """Unregister a model and delete the copy ThinkDesk made (never a referenced file).

        Returns "" when done, else why the file could not be deleted (it is in use by another
        program, or its folder is read-only); the model then stays registered, so nothing is
        lost and the user can try again."""
        try:
            self.registry.remove(model_id, delete_file)
        except OSError as err:
            message = self.tr(
                "%1 could not be deleted (%2). Close any other program that uses it and try "
                "again; the model stays in the list."
            )
            return message.replace("%1", err.filename or model_id).replace(
                "%2", err.strerror or str(err)
            )
        self.installed_changed.emit()
        return ""

    def set_default(self, model_id: str) -> None:
        self.registry.set_default(model_id)
        self.installed_changed.emit()

    # -- shutdown ---------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Pause downloads (their ``.part`` files stay), stop imports, end both threads.
        True if they ended within ``timeout_ms``."""
        for job in self._jobs.values():
            if job.state in ACTIVE or job.running:
                job.control.pause()
        for thread in self._threads:
            thread.quit()
        return all(thread.wait(timeout_ms) for thread in self._threads)

    def is_running(self) -> bool:
        return any(thread.isRunning() for thread in self._threads)
