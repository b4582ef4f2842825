"""The "Find models" service: hub searches, file listings and header reads off the GUI thread,
a results cache, and handing a chosen file to the download manager's queue.

One service per download manager (:meth:`HubSearchService.of`), so its cache outlives the
dialog: reopening it shows the last results at once. Network work runs on short-lived daemon
threads (each call is bounded by a deadline in core, so none outlives its purpose by long);
they report through a relay's signals to @Slot methods here, on the GUI thread.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.downloads import hub_partials
from desktop.core.downloads.hub_clients import HubError, HubFile, HubRepo
from desktop.core.downloads.hub_fit import (
    FileFit,
    catalog_shape,
    file_fit,
    hub_entry,
    repo_shape,
)
from desktop.core.downloads.hub_search import (
    OFFLINE,
    Hub,
    SearchCache,
    SearchOptions,
    SearchResult,
    list_files,
    plan_hubs,
    search,
)
from desktop.core.downloads.sources import (
    DEFAULT_HF,
    DEFAULT_HF_MIRROR,
    DEFAULT_MODELSCOPE,
    Endpoints,
)
from desktop.core.models.catalog import ShapeFacts
from desktop.services.i18n import translate_message


def _emit(signal: Any, *args: object) -> None:
    """Emit from a worker thread; the relay may be gone if the app closed meanwhile."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class _Relay(QObject):
    """Carries a worker thread's results to the GUI thread (queued connections)."""

    found = Signal(int, object)  # token, SearchResult
    failed = Signal(int, str)  # token, message
    notice = Signal(int, str)
    listed = Signal(object, object)  # Hub, HubRepo (files listed)
    list_failed = Signal(str, str)  # repo id, message
    shape_read = Signal(str, object)  # repo id, ShapeFacts or None


class HubSearchService(QObject):
    """GUI-thread front of hub searches; see the module docstring."""

    searching = Signal(str)  # the query being searched
    results_changed = Signal(object)  # SearchResult (also when it came from the cache)
    search_failed = Signal(str)  # why, for the user
    notice = Signal(str)  # e.g. "ModelScope: it answered 503." before failing over
    repo_changed = Signal(str)  # repo id whose files or memory fit became known
    download_queued = Signal(str)  # job id in the download manager

    def __init__(self, downloads: Any, options: SearchOptions | None = None,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent if parent is not None else downloads)
        self._downloads = downloads
        self.options = options or SearchOptions()
        self.cache = SearchCache()
        self.result: SearchResult | None = None
        self._shapes: dict[str, ShapeFacts | None] = {}
        self._listing: set[str] = set()
        self._tokens = itertools.count(1)
        self._token = 0
        self._relay = _Relay(self)
        self._relay.found.connect(self._on_found)
        self._relay.failed.connect(self._on_failed)
        self._relay.notice.connect(self._on_notice)
        self._relay.listed.connect(self._on_listed)
        self._relay.list_failed.connect(self._on_list_failed)
        self._relay.shape_read.connect(self._on_shape_read)

    @classmethod
    def of(cls, downloads: Any) -> HubSearchService:
        """The one service of ``downloads`` (created on first use)."""
        found = downloads.findChild(cls)
        return found if found is not None else cls(downloads)

    # -- configuration ----------------------------------------------------------------------
    def hubs(self) -> list[Hub]:
        """The hubs to ask under the current source setting."""
        setting = self._downloads.setting

        def explicit(key: str, default: str) -> str | None:
            value = str(setting(key, "") or "")
            return value if value and value.rstrip("/") != default else None

        endpoints = Endpoints.resolve(
            explicit("network/modelscope_endpoint", DEFAULT_MODELSCOPE),
            explicit("network/hf_mirror_endpoint", DEFAULT_HF_MIRROR),
            explicit("network/hf_endpoint", DEFAULT_HF),
        )
        return plan_hubs(str(setting("network/source", "auto") or "auto"), endpoints)

    def _config_dir(self):
        return self._downloads.data.root / "hub"

    def _run(self, target: Callable[[], None], name: str) -> None:
        threading.Thread(target=target, name=name, daemon=True).start()

    # -- commands ---------------------------------------------------------------------------
    def search(self, query: str) -> None:
        """Search the hubs (or answer from the cache); results arrive as results_changed."""
        if self._downloads.offline():
            self.search_failed.emit(translate_message(OFFLINE))
            return
        try:
            hubs = self.hubs()
        except ValueError as err:
            self.search_failed.emit(translate_message(err))
            return
        cached = self.cache.get(query, hubs)
        self._token = token = next(self._tokens)
        if cached is not None:
            self._show(cached)
            return
        self.searching.emit(query)
        relay, options, folder = self._relay, self.options, self._config_dir()

        def work() -> None:
            try:
                found = search(
                    query,
                    hubs,
                    folder,
                    options,
                    notice=lambda m: _emit(relay.notice, token, translate_message(m)),
                )
            except HubError as err:
                _emit(relay.failed, token, translate_message(err))
                return
            _emit(relay.found, token, (found, hubs))

        self._run(work, "hub-search")

    def list_repo(self, repo_id: str) -> None:
        """List ``repo_id``'s files if not yet listed, and read its shape for the memory fit."""
        result = self.result
        repo = next((r for r in result.repos if r.repo == repo_id), None) if result else None
        if result is None or repo is None or repo_id in self._listing:
            return
        if repo.files is not None and repo_id in self._shapes:
            return
        self._listing.add(repo_id)
        relay, options, folder, hub = self._relay, self.options, self._config_dir(), result.hub
        catalog = self._downloads.catalog

        def work() -> None:
            listed = repo
            if listed.files is None:
                try:
                    listed = replace(repo, files=list_files(hub, repo, folder, options))
                except HubError as err:
                    _emit(relay.list_failed, repo_id, translate_message(err))
                    return
                _emit(relay.listed, hub, listed)
            shape = catalog_shape(repo_id, catalog)
            if shape is None and listed.files:
                from desktop.core.downloads.transfer import Control, make_session

                try:
                    with make_session(Control(), "ThinkDesk") as session:
                        shape = repo_shape(hub, listed, session, options.timeout)
                except Exception:  # a surprise must not leave the fit "checking" for ever
                    shape = None
            _emit(relay.shape_read, repo_id, shape)

        self._run(work, "hub-files")

    def fit(self, repo: HubRepo, file: HubFile) -> FileFit | None:
        """The memory fit of ``file`` (None until the repository's shape has been looked up)."""
        if self.result is None or repo.repo not in self._shapes:
            return None
        entry = hub_entry(self.result.hub, repo, file, self._shapes[repo.repo])
        return file_fit(entry, budget=self._downloads.memory_budget())

    def download(self, repo: HubRepo, file: HubFile) -> str:
        """Queue ``file`` in the download manager; returns the job id."""
        assert self.result is not None
        entry = hub_entry(self.result.hub, repo, file, self._shapes.get(repo.repo))
        hub_partials.remember(self._downloads.data.models, entry)  # resumable after a restart
        job_id = self._downloads.download(entry, force=not entry.shape.n_layer)
        self.download_queued.emit(job_id)
        return job_id

    # -- worker reports ---------------------------------------------------------------------
    def _show(self, result: SearchResult) -> None:
        self.result = result
        catalog = self._downloads.catalog
        for repo in result.repos:
            shape = catalog_shape(repo.repo, catalog)
            if shape is not None:
                self._shapes.setdefault(repo.repo, shape)
        self.results_changed.emit(result)

    @Slot(int, object)
    def _on_found(self, token: int, found: tuple[SearchResult, list[Hub]]) -> None:
        result, hubs = found
        self.cache.put(result, hubs)
        if token == self._token:
            self._show(result)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self.search_failed.emit(message)

    @Slot(int, str)
    def _on_notice(self, token: int, message: str) -> None:
        if token == self._token:
            self.notice.emit(message)

    @Slot(object, object)
    def _on_listed(self, hub: Hub, repo: HubRepo) -> None:
        result = self.result
        if result is None or result.hub != hub:
            return
        self.result = replace(result, repos=tuple(repo if r.repo == repo.repo else r
                                                  for r in result.repos))  # fmt: skip
        with contextlib.suppress(ValueError):
            self.cache.update_repo(result.query, self.hubs(), repo)
        self.repo_changed.emit(repo.repo)

    @Slot(str, str)
    def _on_list_failed(self, repo_id: str, message: str) -> None:
        self._listing.discard(repo_id)
        self.notice.emit(f"{repo_id}: {message}")

    @Slot(str, object)
    def _on_shape_read(self, repo_id: str, shape: ShapeFacts | None) -> None:
        self._listing.discard(repo_id)
        self._shapes[repo_id] = shape
        self.repo_changed.emit(repo_id)
