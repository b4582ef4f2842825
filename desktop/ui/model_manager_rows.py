"""Pieces of the model manager: human-readable sizes and times, and one download's row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.downloads.fetch import Progress
from desktop.core.models.catalog import CatalogEntry
from desktop.core.models.installed import InstalledModel, Registry
from desktop.services.downloads import Job, JobState
from desktop.services.i18n import translate_message
from desktop.ui.plain_text import plain_label, plain_tooltip

FIT_COLOURS = {"good": "#1a7f37", "tight": "#9a6700", "too_big": "#b42318"}


def total_ram() -> int:
    import psutil

    return int(psutil.virtual_memory().total)


def item(text: str, tip: str = "", align_right: bool = False) -> QTableWidgetItem:
    """A read-only table cell."""
    cell = QTableWidgetItem(text)
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        cell.setToolTip(plain_tooltip(tip))  # file paths and catalog text, as written
    if align_right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


def make_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


#: The module's own words; pyside6-lupdate reads the bare ``translate("Context", "text")``.
translate = QCoreApplication.translate


def format_size(n: int | None, approx: bool = False) -> str:
    """ "1.04 GB", "430 MB", "12 KB" (binary units, labelled as Windows labels them)."""
    if n is None:
        return translate("ModelManager", "unknown")
    prefix = "~" if approx else ""
    if n >= 1024**3:
        return prefix + translate("ModelManager", "%1 GB").replace("%1", f"{n / 1024**3:.2f}")
    if n >= 1024**2:
        return prefix + translate("ModelManager", "%1 MB").replace("%1", f"{n / 1024**2:.0f}")
    return prefix + translate("ModelManager", "%1 KB").replace("%1", f"{max(n, 1) / 1024:.0f}")


def format_speed(bytes_per_s: float) -> str:
    if bytes_per_s >= 1024**2:
        return translate("ModelManager", "%1 MB/s").replace("%1", f"{bytes_per_s / 1024**2:.1f}")
    return translate("ModelManager", "%1 KB/s").replace("%1", f"{bytes_per_s / 1024:.0f}")


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return translate("ModelManager", "less than a minute left")
    if seconds < 3600:
        return translate("ModelManager", "%1 min left").replace("%1", str(round(seconds / 60)))
    hours, minutes = divmod(round(seconds / 60), 60)
    return (
        translate("ModelManager", "%1 h %2 min left")
        .replace("%1", str(hours))
        .replace("%2", str(minutes))
    )


def progress_text(p: Progress) -> str:
    """ "512 MB of 1.04 GB · 49% · 12.3 MB/s · 3 min left · ModelScope (…)"."""
    if p.phase == "checking":
        return translate("ModelManager", "Checking the part downloaded earlier… %1").replace(
            "%1", format_size(p.done)
        )
    if p.phase == "hashing":
        return (
            translate("ModelManager", "Computing the checksum… %1 of %2")
            .replace("%1", format_size(p.done))
            .replace("%2", format_size(p.total))
        )
    parts = [
        translate("ModelManager", "%1 of %2")
        .replace("%1", format_size(p.done))
        .replace("%2", format_size(p.total))
    ]
    if p.total:
        parts.append(f"{100 * p.done / p.total:.0f}%")
    if p.speed > 0:
        parts.append(format_speed(p.speed))
    if p.eta is not None and p.phase in ("downloading", "copying"):
        parts.append(format_eta(p.eta))
    if p.source:
        parts.append(translate_message(p.source))
    return " · ".join(parts)


class DownloadRow(QWidget):
    """One job: its name, a progress bar, what is happening, and pause/resume/cancel."""

    pause_clicked = Signal(str)
    resume_clicked = Signal(str)
    cancel_clicked = Signal(str)
    dismiss_clicked = Signal(str)

    def __init__(self, job: Job, parent: QWidget | None = None):
        super().__init__(parent)
        self.job_id = job.id
        # Server notices, error texts and imported file names are shown as written.
        self.title = plain_label(QLabel(job.label, self))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status = plain_label(QLabel(self))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = plain_label(QLabel(self))
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.dismiss_button = QPushButton(self.tr("Clear"), self)
        self.pause_button.clicked.connect(self._toggle)
        self.cancel_button.clicked.connect(lambda: self.cancel_clicked.emit(self.job_id))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_clicked.emit(self.job_id))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.pause_button, self.cancel_button, self.dismiss_button):
            buttons.addWidget(button)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.status, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.bar, 1, 0, 1, 2)
        grid.addLayout(buttons, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.note, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 2)
        self.update_job(job)

    def _toggle(self) -> None:
        if self.pause_button.property("resume"):
            self.resume_clicked.emit(self.job_id)
        else:
            self.pause_clicked.emit(self.job_id)

    def show_notice(self, message: str, colour: str = "#9a6700") -> None:
        """A second, full-width line: a failover or retry notice, or the final message."""
        self.note.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setText(message)
        self.note.setVisible(bool(message))

    def update_job(self, job: Job) -> None:
        """Show ``job``'s state, message and last progress."""
        state, p = job.state, job.progress
        if state == JobState.DONE:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        elif p is not None and p.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(p.done, p.total) / p.total))
        else:  # not a busy bar: a thin busy bar is drawn full, which reads as "done"
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        texts = {
            JobState.QUEUED: self.tr("Waiting…"),
            JobState.VERIFYING: self.tr("Verifying the checksum…"),
            JobState.PAUSED: self.tr("Paused"),
            JobState.CANCELLED: self.tr("Cancelled"),
            JobState.DONE: self.tr("Done"),
            JobState.FAILED: self.tr("Failed"),
        }
        if state == JobState.DOWNLOADING and p is not None:
            text = progress_text(p)
        elif state == JobState.PAUSED and p is not None and p.total:
            text = (
                self.tr("Paused at %1 of %2")
                .replace("%1", format_size(p.done))
                .replace("%2", format_size(p.total))
            )
        else:
            text = texts.get(state, self.tr("Starting…"))
        self.status.setText(text)
        failed = state == JobState.FAILED
        self.status.setStyleSheet("color: #b42318;" if failed else "")
        if failed:
            self.show_notice(job.message, "#b42318")
        elif state == JobState.DONE:
            self.show_notice(job.message, "")
        elif state == JobState.CANCELLED:
            self.show_notice("")
        active = state in (JobState.QUEUED, JobState.DOWNLOADING, JobState.VERIFYING)
        resumable = job.kind == "download" and state in (JobState.PAUSED, JobState.FAILED)
        self.pause_button.setVisible(job.kind == "download" and (active or resumable))
        self.pause_button.setEnabled(state != JobState.VERIFYING)
        self.pause_button.setText(self.tr("Resume") if resumable else self.tr("Pause"))
        if failed and resumable:
            self.pause_button.setText(self.tr("Retry"))
        self.pause_button.setProperty("resume", resumable)
        self.cancel_button.setVisible(active or resumable)
        self.dismiss_button.setVisible(
            state in (JobState.DONE, JobState.CANCELLED) or (failed and job.kind == "import")
        )


def source_label(kind: str) -> str:
    names = {
        "modelscope": "ModelScope",
        "hf-mirror": translate("ModelManager", "HF mirror"),
        "hf": "Hugging Face",
        "direct": translate("ModelManager", "Mirror"),
        "import": translate("ModelManager", "Imported"),
    }
    return names.get(kind, kind)


def verified_cell(verified: bool) -> QTableWidgetItem:
    """ "Yes" for a catalog checksum match; an import outside the catalog was still checked
    ("No" sounded like a failed check)."""
    if verified:
        return item(
            translate("ModelManager", "Yes"),
            translate("ModelManager", "Matches the catalog's sha256 checksum."),
        )
    return item(
        translate("ModelManager", "Checked (not in the catalog)"),
        translate(
            "ModelManager",
            "Not a catalog file, so there is no published checksum to compare. ThinkDesk "
            "checked its structure and test-loaded it before adding it.",
        ),
    )


def fill_installed(
    t: QTableWidget,
    models: list[InstalledModel],
    registry: Registry,
    default: InstalledModel | None,
) -> None:
    """Put ``models`` in the installed table, one row each."""
    t.setRowCount(len(models))
    for r, m in enumerate(models):
        path = registry.path_of(m)
        size = path.stat().st_size if path.is_file() else None
        name = (
            m.name if size is not None else m.name + translate("ModelManager", "  (file missing)")
        )
        cells = [
            item(name, str(path)),
            item(m.quantization or "—"),
            item(format_size(size), align_right=True),
            item(f"{m.context_length:,}" if m.context_length else "—", align_right=True),
            item(
                source_label(m.source),
                translate("ModelManager", "Used where it is") if m.in_place else "",
            ),
            verified_cell(m.verified),
            item("✓" if default is not None and m.id == default.id else ""),
        ]
        for c, cell in enumerate(cells):
            t.setItem(r, c, cell)


def droppable(urls: list[QUrl]) -> bool:
    """Whether a drag carries something to import: a .gguf file or a folder."""
    return any(u.isLocalFile() and (u.toLocalFile().lower().endswith(".gguf")
                                    or Path(u.toLocalFile()).is_dir()) for u in urls)  # fmt: skip


def delete_question(model: InstalledModel, path: Path) -> str:
    """The confirmation asked before a model is removed: in-place files are only forgotten."""
    if model.in_place:
        text = translate(
            "ModelManager", "Remove %1 from ThinkDesk? The file stays where it is:\n%2"
        )
    else:
        text = translate(
            "ModelManager", "Delete %1? Its file (%3) will be deleted from this PC:\n%2"
        )
    text = text.replace("%1", model.label).replace("%2", str(path))
    return text.replace("%3", format_size(model.size))


def banner_text(
    catalog_error: str, offline: bool, first_run_pick: CatalogEntry | None, ram: int
) -> str:
    """What the manager says above everything: a broken extra catalog, offline mode, or the
    first-run recommendation."""
    messages = []
    if catalog_error:
        messages.append(
            translate("ModelManager", "The extra catalog could not be read: %1").replace(
                "%1", catalog_error
            )
        )
    if offline:
        messages.append(
            translate(
                "ModelManager",
                "ThinkDesk is set to work offline, so downloads are off. Import a model file "
                "instead (for example from a USB stick).",
            )
        )
    elif first_run_pick is not None:
        text = translate(
            "ModelManager",
            "No model is installed yet. For this PC (%1 of memory) we recommend %2: select it "
            "and press Download.",
        )
        messages.append(text.replace("%1", format_size(ram)).replace("%2", first_run_pick.label))
    return "\n".join(messages)


def catalog_status(job: Job | None, installed: bool, partial: int) -> str:
    """The Status cell of a catalog row."""
    state = job.state if job is not None else None
    if state == JobState.QUEUED:
        return translate("ModelManager", "Queued")
    if state in (JobState.DOWNLOADING, JobState.VERIFYING):
        return translate("ModelManager", "Downloading…")
    if installed:
        return translate("ModelManager", "Installed")
    if state == JobState.FAILED:
        return translate("ModelManager", "Failed")
    if partial:
        return (
            translate("ModelManager", "Paused")
            if job is not None
            else translate("ModelManager", "Partly downloaded")
        )
    return ""
