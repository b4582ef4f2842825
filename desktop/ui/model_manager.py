"""The model manager: the catalog with a fit verdict for this PC, downloads with progress,
the installed models, imports (button or drag-and-drop) and "Find more models…" (find_models).
Widgets only: everything happens in :class:`~desktop.services.downloads.DownloadManager`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.downloads.fetch import partial_size
from desktop.core.models.advice import Advice, advise, recommended_entries
from desktop.core.models.catalog import CatalogEntry, Fit, fit_entry
from desktop.core.models.installed import InstalledModel
from desktop.core.system.hardware import HardwareFacts, collect
from desktop.services.downloads import DownloadManager
from desktop.services.i18n import translate_message
from desktop.services.session import ModelSession
from desktop.ui.find_models import FindModelsButton
from desktop.ui.import_check import Checked, ask_copy, check_paths
from desktop.ui.model_manager_cells import catalog_cells
from desktop.ui.model_manager_rows import (
    DownloadRow,
    banner_text,
    catalog_status,
    delete_question,
    droppable,
    fill_installed,
    item,
    make_table,
    total_ram,
)
from desktop.ui.plain_text import plain_label, plain_question, plain_warning
from desktop.ui.source_names import source_choices


class ModelManagerWidget(QWidget):
    """Catalog, downloads and installed models on one page."""

    model_chosen = Signal(str)  # path of the model the user wants to open now
    default_changed = Signal(str)  # path of the new default model

    def __init__(self, manager: DownloadManager, parent: QWidget | None = None,
                 ram: int | None = None, session: ModelSession | None = None,
                 facts: HardwareFacts | None = None):  # fmt: skip
        super().__init__(parent)
        self.manager = manager
        self.ram = ram if ram is not None else total_ram()
        self.facts = facts if facts is not None else collect()  # cores and SIMD: the speed
        self.session = session  # a model open from anywhere means "none installed" is wrong
        self._rows: dict[str, DownloadRow] = {}
        self._entries: list[CatalogEntry] = list(manager.catalog)
        self._installed: list[InstalledModel] = []
        self.setAcceptDrops(True)

        self.banner = plain_label(QLabel(self))  # may quote the admin's broken catalog
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(
            "background: palette(alternate-base); border: 1px solid palette(mid); padding: 6px;"
        )

        get = QGroupBox(self.tr("Download a model"), self)
        self.catalog_table = make_table(get, [
            self.tr("Model"), self.tr("Quantization"), self.tr("Size"), self.tr("Memory use"),
            self.tr("Licence"), self.tr("Sources"), self.tr("This PC"), self.tr("Status"),
        ])  # fmt: skip
        self.source_combo = QComboBox(get)
        self.source_combo.setAccessibleName(self.tr("Download source"))
        for label, key in source_choices():
            self.source_combo.addItem(label, key)
        current = manager.setting("network/source", "auto")
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(current)))
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self.download_button = QPushButton(self.tr("Download"), get)
        self.download_button.setDefault(True)
        self.download_button.clicked.connect(self._download_selected)
        self.catalog_table.itemSelectionChanged.connect(self._update_buttons)
        self.catalog_table.doubleClicked.connect(lambda _index: self._download_selected())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Download from:"), get))
        row.addWidget(self.source_combo)
        row.addStretch(1)
        row.addWidget(FindModelsButton(manager, get))
        row.addWidget(self.download_button)
        box = QVBoxLayout(get)
        box.addWidget(self.catalog_table)
        box.addLayout(row)

        self.downloads_box = QGroupBox(self.tr("Downloads and imports"), self)
        self.downloads_layout = QVBoxLayout(self.downloads_box)
        self.downloads_layout.setContentsMargins(4, 4, 4, 4)
        self.downloads_layout.setSpacing(0)
        self.downloads_box.setVisible(False)

        have = QGroupBox(self.tr("Installed models"), self)
        self.installed_table = make_table(have, [
            self.tr("Model"), self.tr("Quantization"), self.tr("Size on disk"),
            self.tr("Context"), self.tr("Source"), self.tr("Verified"), self.tr("Default"),
        ])  # fmt: skip
        self.installed_table.itemSelectionChanged.connect(self._update_buttons)
        self.installed_table.doubleClicked.connect(lambda _index: self._use_selected())
        self.use_button = QPushButton(self.tr("Use this model"), have)
        self.default_button = QPushButton(self.tr("Set as default"), have)
        self.folder_button = QPushButton(self.tr("Open folder"), have)
        self.delete_button = QPushButton(self.tr("Delete…"), have)
        self.import_button = QPushButton(self.tr("Import…"), have)
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("Model files…"), self._import_files)
        menu.addAction(self.tr("A folder (e.g. a USB stick)…"), self._import_folder)
        self.import_button.setMenu(menu)
        self.use_button.clicked.connect(self._use_selected)
        self.default_button.clicked.connect(self._default_selected)
        self.folder_button.clicked.connect(self._open_folder)
        self.delete_button.clicked.connect(self._delete_selected)
        hint = QLabel(self.tr("Tip: drop .gguf files or a folder here to import them."), have)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        for button in (self.import_button, self.folder_button, self.delete_button,
                       self.default_button, self.use_button):  # fmt: skip
            buttons.addWidget(button)
        box = QVBoxLayout(have)
        box.addWidget(self.installed_table)
        box.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(get, 3)
        layout.addWidget(self.downloads_box)
        layout.addWidget(have, 2)

        manager.job_added.connect(self._on_job_added)
        manager.state_changed.connect(self._on_state)
        manager.progress.connect(self._on_progress)
        manager.notice.connect(self._on_notice)
        manager.installed_changed.connect(self.refresh)
        if session is not None:
            session.model_changed.connect(self._show_banner)
        for job in manager.jobs():
            self._on_job_added(job.id)
        self.refresh()

    # -- filling ----------------------------------------------------------------------------
    def fit(self, entry: CatalogEntry) -> Fit:
        return fit_entry(entry, self.ram, self.manager.memory_budget())

    def advice(self, entry: CatalogEntry) -> Advice:
        """Memory fit and expected speed together: the one verdict the table shows."""
        return advise(entry, self.ram, self.manager.memory_budget(), self.facts)

    def recommended(self) -> list[CatalogEntry]:
        """The catalog models suggested for this PC, best first."""
        return recommended_entries(self.manager.catalog, self.ram, self.facts)

    @Slot()
    def refresh(self) -> None:
        """Re-read the installed models and the catalog status."""
        self._installed = self.manager.installed()
        default = self.manager.registry.default()
        installed_ids = {m.catalog_id for m in self._installed}
        recommended = {e.id for e in self.recommended()}
        selected = self._selected_entry()
        t = self.catalog_table
        t.setRowCount(len(self._entries))
        for r, e in enumerate(self._entries):
            status = self._status(e, e.id in installed_ids)
            for c, cell in enumerate(catalog_cells(self.advice(e), e.id in recommended, status)):
                t.setItem(r, c, cell)
        if selected is not None:
            t.selectRow(self._entries.index(selected))
        elif not self._installed and self.recommended():
            t.selectRow(self._entries.index(self.recommended()[0]))  # first run: preselect
        t = self.installed_table
        fill_installed(t, self._installed, self.manager.registry, default)
        if self._installed and not t.selectedItems():
            t.selectRow(0)
        self._update_buttons()
        self._show_banner()

    def _status(self, entry: CatalogEntry, installed: bool) -> str:
        partial = partial_size(self.manager.data.models, entry)
        return catalog_status(self.manager.job(entry.id), installed, partial)

    @Slot()
    def _show_banner(self, *_model: object) -> None:
        recommended = self.recommended()
        has_one = self._installed or (self.session is not None and self.session.model)
        text = banner_text(self.manager.catalog_error, self.manager.offline(),
                           None if has_one or not recommended else recommended[0],
                           self.ram)  # fmt: skip
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _selected_entry(self) -> CatalogEntry | None:
        rows = {i.row() for i in self.catalog_table.selectedItems()}
        return self._entries[min(rows)] if rows and min(rows) < len(self._entries) else None

    def _selected_model(self) -> InstalledModel | None:
        rows = {i.row() for i in self.installed_table.selectedItems()}
        return self._installed[min(rows)] if rows and min(rows) < len(self._installed) else None

    @Slot()
    def _update_buttons(self) -> None:
        entry, model = self._selected_entry(), self._selected_model()
        have = {m.catalog_id for m in self._installed if self.manager.registry.path_of(m).exists()}
        job = self.manager.job(entry.id) if entry is not None else None
        busy = job is not None and job.state.value in ("queued", "downloading", "verifying")
        self.download_button.setEnabled(
            entry is not None and entry.id not in have and not busy and not self.manager.offline()
        )
        for button in (self.use_button, self.default_button, self.folder_button,
                       self.delete_button):  # fmt: skip
            button.setEnabled(model is not None)

    # -- actions ----------------------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        return plain_question(self, title, text)  # names from model files, shown as written

    def warn(self, title: str, text: str) -> None:
        """Say what went wrong (tests replace this)."""
        plain_warning(self, title, text)

    @Slot(int)
    def _source_changed(self, _index: int) -> None:
        self.manager.set_source(self.source_combo.currentData())

    @Slot()
    def _download_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None:
            return
        fit, force = self.fit(entry), False
        if fit.verdict == "too_big":
            ask = self.tr("Download it anyway (for another PC)?")
            why = translate_message(fit.message)
            if not self.confirm(self.tr("Model too big for this PC"), f"{why}\n\n{ask}"):
                return
            force = True
        self.manager.download(entry, force=force)

    def import_paths(self, paths: list[str], copy: bool | None = None) -> None:
        """Import files or folders; unless ``copy`` is given, check their headers first, then
        ask whether to copy them."""
        if paths and copy is None:
            copy = self.ask_copy(check_paths(paths))
        if paths and copy is not None:
            self.manager.import_paths([Path(p) for p in paths], copy)

    def ask_copy(self, checked: Checked) -> bool | None:
        """Copy into the models folder (True), use in place (False) or cancel (None)."""
        return ask_copy(self, checked)

    @Slot()
    def _import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import model files"), "",
                                                self.tr("GGUF models (*.gguf)"))  # fmt: skip
        self.import_paths(files)

    @Slot()
    def _import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every model in a folder"))
        if folder:
            self.import_paths([folder])

    def _selected_path(self) -> Path | None:
        model = self._selected_model()
        return None if model is None else self.manager.registry.path_of(model)

    @Slot()
    def _use_selected(self) -> None:
        if (path := self._selected_path()) is not None:
            self.model_chosen.emit(str(path))

    @Slot()
    def _default_selected(self) -> None:
        if (path := self._selected_path()) is not None:
            self.manager.set_default(self._selected_model().id)
            self.default_changed.emit(str(path))

    @Slot()
    def _open_folder(self) -> None:
        if (path := self._selected_path()) is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    @Slot()
    def _delete_selected(self) -> None:
        model = self._selected_model()
        if model is None:
            return
        text = delete_question(model, self.manager.registry.path_of(model))
        if not self.confirm(self.tr("Delete model"), text):
            return
        if problem := self.manager.remove_model(model.id):
            self.warn(self.tr("Delete model"), problem)

    # -- downloads --------------------------------------------------------------------------
    @Slot(str)
    def _on_job_added(self, job_id: str) -> None:
        job = self.manager.job(job_id)
        if job is None:
            return
        old = self._rows.pop(job_id, None)
        if old is not None:
            old.deleteLater()
        row = DownloadRow(job, self.downloads_box)
        row.pause_clicked.connect(self.manager.pause)
        row.resume_clicked.connect(self.manager.resume)
        row.cancel_clicked.connect(self.manager.cancel)
        row.dismiss_clicked.connect(self._dismiss)
        self.downloads_layout.addWidget(row)
        self._rows[job_id] = row
        self.downloads_box.setVisible(True)

    @Slot(str, str, str)
    def _on_state(self, job_id: str, _state: str, _message: str) -> None:
        job, row = self.manager.job(job_id), self._rows.get(job_id)
        if job is not None and row is not None:
            row.update_job(job)
        if job is not None and job.entry is not None and job.entry in self._entries:
            r = self._entries.index(job.entry)
            installed = any(m.catalog_id == job.entry.id for m in self._installed)
            self.catalog_table.setItem(r, 7, item(self._status(job.entry, installed)))
            self._update_buttons()

    @Slot(str, object)
    def _on_progress(self, job_id: str, _progress: object) -> None:
        job, row = self.manager.job(job_id), self._rows.get(job_id)
        if job is not None and row is not None:
            row.update_job(job)

    @Slot(str, str)
    def _on_notice(self, job_id: str, message: str) -> None:
        row = self._rows.get(job_id)
        if row is not None:
            row.show_notice(message)

    @Slot(str)
    def _dismiss(self, job_id: str) -> None:
        self.manager.dismiss(job_id)
        row = self._rows.pop(job_id, None)
        if row is not None:
            row.deleteLater()
        self.downloads_box.setVisible(bool(self._rows))

    # -- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if droppable(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.import_paths(paths)


class ModelManagerDialog(QDialog):
    """The model manager in its own window (Models… in the menu, or at first run)."""

    model_chosen = Signal(str)
    default_changed = Signal(str)

    def __init__(self, manager: DownloadManager, parent: QWidget | None = None,
                 ram: int | None = None, session: ModelSession | None = None,
                 facts: HardwareFacts | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.page = ModelManagerWidget(manager, self, ram, session, facts)
        self.page.model_chosen.connect(self.model_chosen)
        self.page.model_chosen.connect(self.accept)
        self.page.default_changed.connect(self.default_changed)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(close)
        self.resize(1000, 720)
