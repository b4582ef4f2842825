"""Download and import jobs, and the worker that runs them on a QThread.

The worker reports through signals carrying the job id and a run token; the manager drops
reports of a run that was paused and queued again since (see downloads.DownloadManager).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.downloads import hub_partials
from desktop.core.downloads.fetch import (
    Control,
    Downloader,
    DownloadError,
    DownloadOptions,
    Progress,
)
from desktop.core.downloads.hub_fit import HUB_ORIGIN, record_hub_download
from desktop.core.downloads.sources import Source
from desktop.core.downloads.transfer import Meter
from desktop.core.models.catalog import Catalog, CatalogEntry
from desktop.core.models.importing import ModelImportError, find_gguf_files, import_model
from desktop.core.models.installed import InstalledModel, Registry, from_download
from desktop.core.models.model_check import ModelCheckError, VerdictCache
from desktop.core.system.paths import DataDir
from desktop.services.i18n import translate_message


class JobState(str, Enum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"  # also: an import hashing, checking or copying
    PAUSED = "paused"
    VERIFYING = "verifying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobState.QUEUED, JobState.DOWNLOADING, JobState.VERIFYING)


def offline_message() -> str:
    return QCoreApplication.translate(
        "DownloadManager",
        "ThinkDesk is set to work offline, so nothing was downloaded. Turn off "
        '"Never connect to the network" in Settings > Network, or import a model file instead.',
    )


@dataclass
class Job:
    """One download or import, as the GUI thread sees it."""

    id: str
    kind: str  # "download" or "import"
    label: str
    entry: CatalogEntry | None = None
    path: Path | None = None
    copy: bool = True
    state: JobState = JobState.QUEUED
    message: str = ""
    progress: Progress | None = None
    control: Control = field(default_factory=Control)
    token: int = 0
    running: bool = False
    sources: list[Source] = field(default_factory=list)
    options: DownloadOptions = field(default_factory=DownloadOptions)
    force: bool = False  # skip the memory check


class DownloadWorker(QObject):
    """Runs jobs on its thread; reports through signals and never touches the GUI."""

    started = Signal(str, int)
    progress = Signal(str, int, object)  # job id, token, Progress
    notice = Signal(str, int, str)
    finished = Signal(str, int, str, str, object)  # id, token, JobState value, message, models

    def __init__(self, data: DataDir, catalog: Catalog):
        super().__init__()
        self._data, self._catalog = data, catalog
        self._registry = Registry(data)

    @Slot(object, int)
    def run(self, job: Job, token: int) -> None:
        if token != job.token or job.control.stop.is_set():
            return  # paused or cancelled while queued, or queued again since
        self.started.emit(job.id, token)
        try:
            if job.kind == "download":
                state, message, models = self._download(job, token)
            else:
                state, message, models = self._import(job, token)
        except Exception as err:  # the worker must outlive any surprise
            state, message, models = (
                JobState.FAILED,
                self.tr("Unexpected error: %1").replace("%1", str(err)),
                [],
            )
        self.finished.emit(job.id, token, state.value, message, models)

    def _download(self, job: Job, token: int) -> tuple[JobState, str, list[InstalledModel]]:
        assert job.entry is not None
        downloader = Downloader(
            job.entry, self._data.models, job.sources, job.options,
            progress=lambda p: self.progress.emit(job.id, token, p),
            notice=lambda m: self.notice.emit(job.id, token, translate_message(m)),
            control=job.control,
        )  # fmt: skip
        try:
            result = downloader.run()
        except DownloadError as err:
            state = {"paused": JobState.PAUSED, "cancelled": JobState.CANCELLED}
            return state.get(err.reason, JobState.FAILED), translate_message(err), []
        if job.entry.origin == HUB_ORIGIN:
            return self._install_hub_file(job, result)
        model = self._registry.add(
            from_download(job.entry, result.path, result.sha256, result.source)
        )
        return (
            JobState.DONE,
            self.tr("Downloaded and verified from %1.").replace(
                "%1", translate_message(result.source_name)
            ),
            [model],
        )

    def _install_hub_file(self, job: Job, result) -> tuple[JobState, str, list[InstalledModel]]:
        """A file found on a hub: test-load it (unless the catalog pins its hash), register."""
        assert job.entry is not None
        verdicts = VerdictCache(self._data.model_checks_file)
        try:
            model = record_hub_download(job.entry, result, self._registry, self._catalog,
                                        verdicts, cancel=job.control.stop)  # fmt: skip
        except ModelCheckError as err:
            hub_partials.forget(self._data.models, job.entry)
            message = self.tr("%1 The downloaded file was deleted.")
            return JobState.FAILED, message.replace("%1", translate_message(err)), []
        hub_partials.forget(self._data.models, job.entry)
        source = translate_message(result.source_name)
        if model.unverified_source:
            message = self.tr("Downloaded from %1 and test-loaded. Unverified source: the hub "
                              "gave no sha256 to check the file against.")  # fmt: skip
        else:
            message = self.tr("Downloaded and verified from %1.")
        return JobState.DONE, message.replace("%1", source), [model]

    def _import(self, job: Job, token: int) -> tuple[JobState, str, list[InstalledModel]]:
        assert job.path is not None
        files = find_gguf_files(job.path)
        if not files:
            return (
                JobState.FAILED,
                self.tr("No .gguf model files were found in %1.").replace("%1", str(job.path)),
                [],
            )
        verdicts = VerdictCache(self._data.model_checks_file)
        models: list[InstalledModel] = []
        problems: list[str] = []
        for file in files:
            meter = Meter()

            def report(
                phase: str, done: int, total: int, name: str = file.name, meter: Meter = meter
            ) -> None:
                if meter.due() or done == total:
                    speed = meter.speed(done)
                    eta = (total - done) / speed if speed > 0 and total else None
                    self.progress.emit(
                        job.id, token, Progress(done, total, speed, eta, name, phase)
                    )

            try:
                models.append(import_model(
                    file, self._registry, self._catalog, copy=job.copy, verdicts=verdicts,
                    progress=report, stop=job.control.stop,
                ))  # fmt: skip
            except ModelImportError as err:
                if job.control.stop.is_set():
                    return JobState.CANCELLED, self.tr("The import was cancelled."), models
                problem = translate_message(err)
                problems.append(problem if len(files) == 1 else f"{file.name}: {problem}")
        if not models:
            return JobState.FAILED, " ".join(problems), []
        names = ", ".join(m.label for m in models)
        message = self.tr("Imported %1.").replace("%1", names)
        if problems:
            message += " " + self.tr("Not imported: %1").replace("%1", " ".join(problems))
        return JobState.DONE, message, models
