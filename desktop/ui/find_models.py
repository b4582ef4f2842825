"""Find more models: search ModelScope and the HF mirror / Hugging Face (per the download
source setting, with failover) for GGUF repositories, see each file's quantization, size,
memory fit on this PC and licence, and download one through the model manager's queue.

Widgets only: searching, listing and header reads happen in
:class:`~desktop.services.hub_search.HubSearchService`, off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.downloads.hub_clients import HubFile, HubRepo
from desktop.core.downloads.hub_search import SearchResult, is_r1_distill
from desktop.services.downloads import DownloadManager
from desktop.services.hub_search import HubSearchService
from desktop.services.i18n import translate_message
from desktop.ui.model_manager_rows import FIT_COLOURS, format_size, item, make_table

#: What the search box suggests on first use: the models ThinkDesk is made for.
FIRST_QUERY = "DeepSeek-R1-Distill"


class FindModelsDialog(QDialog):
    """Search the hubs and download a GGUF file from the results."""

    def __init__(self, manager: DownloadManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find more models"))
        self.manager = manager
        self.service = HubSearchService.of(manager)
        self._repos: list[HubRepo] = []
        self._files: list[HubFile] = []

        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Search for a model, e.g. R1 14B or Qwen3 8B"))
        self.query.setAccessibleName(self.tr("Search for"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self._search)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.clicked.connect(self._search)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)

        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.repo_table = make_table(self, [self.tr("Repository"), self.tr("Licence"),
                                            self.tr("Downloads")])  # fmt: skip
        self.repo_table.itemSelectionChanged.connect(self._repo_selected)
        self.file_table = make_table(self, [
            self.tr("File"), self.tr("Quantization"), self.tr("Size"), self.tr("This PC"),
            self.tr("Checked by"),
        ])  # fmt: skip
        self.file_table.itemSelectionChanged.connect(self._update_buttons)
        self.file_table.doubleClicked.connect(self._on_file_activated)
        split = QSplitter(self)
        split.addWidget(self.repo_table)
        split.addWidget(self.file_table)
        split.setSizes([470, 630])

        self.download_button = QPushButton(self.tr("Download"), self)
        self.download_button.clicked.connect(self._download)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        hint = QLabel(self.tr("Downloads appear in the model manager, verified like the "
                              "catalog's."), self)  # fmt: skip
        hint.setEnabled(False)
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.download_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.resize(1100, 600)

        service = self.service
        service.searching.connect(self._on_searching)
        service.results_changed.connect(self._on_results)
        service.search_failed.connect(self._on_failed)
        service.notice.connect(self._on_notice)
        service.repo_changed.connect(self._on_repo_changed)
        if service.result is not None:  # reopening: the last results at once
            self.query.setText(service.result.query)
            self._on_results(service.result)
        else:
            self.query.setText(FIRST_QUERY)
            self._say_offline_or_hint()
        self._update_buttons()

    # -- helpers ----------------------------------------------------------------------------
    def _say_offline_or_hint(self) -> None:
        if self.manager.offline():
            self.status.setText(self.tr(
                "ThinkDesk is set to work offline, so it cannot search. Turn off "
                '"Never connect to the network" in Settings > Network, or import a model file '
                "instead."))  # fmt: skip
        else:
            self.status.setText(self.tr(
                "Press Enter to search ModelScope and Hugging Face for GGUF models. "
                "DeepSeek-R1 distills are listed first."))  # fmt: skip

    def _selected_repo(self) -> HubRepo | None:
        rows = {i.row() for i in self.repo_table.selectedItems()}
        return self._repos[min(rows)] if rows and min(rows) < len(self._repos) else None

    def _selected_file(self) -> HubFile | None:
        rows = {i.row() for i in self.file_table.selectedItems()}
        return self._files[min(rows)] if rows and min(rows) < len(self._files) else None

    def _fill_repos(self, result: SearchResult) -> None:
        keep = self._selected_repo()
        self._repos = list(result.repos)
        t = self.repo_table
        t.blockSignals(True)
        t.setRowCount(len(self._repos))
        for r, repo in enumerate(self._repos):
            name = item(("★ " if is_r1_distill(repo.repo) else "") + repo.repo, repo.repo)
            t.setItem(r, 0, name)
            t.setItem(r, 1, item(repo.license or self.tr("not stated")))
            t.setItem(r, 2, item(f"{repo.downloads:,}", align_right=True))
        t.blockSignals(False)
        names = [r.repo for r in self._repos]
        if keep is not None and keep.repo in names:
            t.selectRow(names.index(keep.repo))
        elif self._repos:
            t.selectRow(0)
        else:
            self._fill_files(None)

    def _fill_files(self, repo: HubRepo | None) -> None:
        keep = self._selected_file()
        self._files = list(repo.files or ()) if repo is not None else []
        t = self.file_table
        t.blockSignals(True)
        t.setRowCount(len(self._files))
        verdicts = {"good": self.tr("Good fit"), "tight": self.tr("Tight"),
                    "too_big": self.tr("Too big"), "unknown": self.tr("Unknown")}  # fmt: skip
        for r, f in enumerate(self._files):
            fit = self.service.fit(repo, f) if repo is not None else None
            if f.split_part is not None:
                fit_cell = item(self.tr("Split model"), self.tr(
                    "This model is split into several files; ThinkDesk cannot download split "
                    "models yet. Choose a single-file quantization."))  # fmt: skip
            elif fit is None:
                fit_cell = item(self.tr("Checking…"))
            else:
                fit_cell = item(verdicts[fit.verdict], translate_message(fit.message))
                fit_cell.setForeground(QColor(FIT_COLOURS.get(fit.verdict, "#6e7781")))
            if f.sha256:
                hashed = item(
                    self.tr("sha256"),
                    self.tr("The hub gives the file's sha256; the download is checked against it."),
                )
            else:
                hashed = item(self.tr("Test load only"), self.tr(
                    "The hub gives no sha256: after the download the file is test-loaded and "
                    "marked as coming from an unverified source."))  # fmt: skip
            cells = [item(f.path), item(f.quantization or "?"),
                     item(format_size(f.size), align_right=True), fit_cell, hashed]  # fmt: skip
            for c, cell in enumerate(cells):
                t.setItem(r, c, cell)
        t.blockSignals(False)
        paths = [f.path for f in self._files]
        if keep is not None and keep.path in paths:
            t.selectRow(paths.index(keep.path))
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        file, offline = self._selected_file(), self.manager.offline()
        self.search_button.setEnabled(not offline)
        self.download_button.setEnabled(
            file is not None and file.split_part is None and not offline)  # fmt: skip

    # -- actions ----------------------------------------------------------------------------
    @Slot()
    def _search(self) -> None:
        self.service.search(self.query.text())

    @Slot()
    def _repo_selected(self) -> None:
        repo = self._selected_repo()
        self._fill_files(repo)
        if repo is not None:
            self.service.list_repo(repo.repo)

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_file_activated(self) -> None:
        self._download()

    @Slot()
    def _download(self) -> None:
        repo, file = self._selected_repo(), self._selected_file()
        if repo is None or file is None or file.split_part is not None:
            return
        fit = self.service.fit(repo, file)
        if fit is not None and fit.verdict == "too_big":
            ask = self.tr("Download it anyway (for another PC)?")
            if not self.confirm(self.tr("Model too big for this PC"),
                                f"{translate_message(fit.message)}\n\n{ask}"):  # fmt: skip
                return
        self.service.download(repo, file)
        self.status.setText(self.tr("%1 is downloading; follow it in the model manager.")
                            .replace("%1", file.name))  # fmt: skip

    # -- service reports --------------------------------------------------------------------
    @Slot(str)
    def _on_searching(self, query: str) -> None:
        self.status.setText(self.tr("Searching for “%1”…").replace("%1", query))
        self.search_button.setEnabled(False)

    @Slot(object)
    def _on_results(self, result: SearchResult) -> None:
        self._fill_repos(result)
        if result.repos:  # no %n plural: the Chinese translations have one form anyway
            text = self.tr("Repositories with GGUF files from %1: %2.")
        else:
            text = self.tr("%1 has no GGUF models matching this search.")
        hub = translate_message(result.hub.name)
        text = text.replace("%1", hub).replace("%2", str(len(result.repos)))
        notices = " ".join(translate_message(n) for n in result.notices)
        self.status.setText(f"{text} {notices}".strip())
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self._update_buttons()

    @Slot(str)
    def _on_notice(self, message: str) -> None:
        self.status.setText(message)

    @Slot(str)
    def _on_repo_changed(self, repo_id: str) -> None:
        result = self.service.result
        if result is None:
            return
        self._repos = list(result.repos)
        repo = self._selected_repo()
        if repo is not None and repo.repo == repo_id:
            self._fill_files(repo)


class FindModelsButton(QPushButton):
    """The model manager's "Find more models…" button; opens one dialog and reuses it."""

    def __init__(self, manager: DownloadManager, parent: QWidget | None = None):
        super().__init__(self.tr("Find more models…"), parent)
        self.manager = manager
        self.dialog: FindModelsDialog | None = None
        self.setToolTip(self.tr("Search ModelScope and Hugging Face for other sizes and "
                                "quantizations (Q5_K_M, Q8_0, 14B, 32B, Qwen3 …)."))  # fmt: skip
        self.clicked.connect(self._open)

    @Slot()
    def _open(self) -> None:
        if self.dialog is None:
            self.dialog = FindModelsDialog(self.manager, self.window())
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
