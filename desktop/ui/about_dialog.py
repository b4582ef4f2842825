"""Help > About: the version, the llama.cpp build in use, and every shipped licence."""

from __future__ import annotations

import importlib.metadata
import json
import platform
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.system.paths import resources_dir
from desktop.services.i18n import translate_message
from desktop.ui.plain_text import plain_label

_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
_FILE_ROLE = Qt.ItemDataRole.UserRole


def app_icon() -> QIcon:
    """ThinkDesk's icon at every size we ship (for windows, the taskbar and dialogs)."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in _ICON_SIZES:
        path = folder / f"thinkdesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def load_components(folder: Path | None = None) -> list[dict[str, Any]]:
    """The entries of resources/licenses/components.json (empty if it is missing)."""
    folder = folder or resources_dir() / "licenses"
    try:
        data = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [c for c in data.get("components", []) if isinstance(c, dict)]


def installed_version(component: dict[str, Any]) -> str:
    """The version actually running, falling back to the one recorded when licences were
    collected (a bundle may not carry every package's metadata)."""
    name = component.get("name", "")
    if name == "Python":
        return platform.python_version()
    if name.startswith("Qt"):
        return qVersion()
    if name == "SQLite":
        return sqlite3.sqlite_version
    dist = component.get("distribution")
    if dist:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    return str(component.get("version") or "")


class AboutDialog(QDialog):
    """Version, llama.cpp build and licences. ``build_info`` overrides the llama.cpp facts
    (tests); by default they come from :func:`desktop.core.system.llama_info.llama_build_info`."""

    def __init__(self, parent: QWidget | None = None, *, build_info: dict | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About ThinkDesk"))
        self.setWindowIcon(app_icon())
        self._licenses = resources_dir() / "licenses"
        if build_info is None:
            from desktop.core.system.llama_info import llama_build_info

            build_info = llama_build_info()
        self.build_info = build_info

        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        tabs = QTabWidget(self)
        tabs.setObjectName("aboutTabs")
        tabs.addTab(self._licences_tab(), self.tr("Licences"))
        tabs.addTab(self._engine_tab(), self.tr("llama.cpp"))
        layout.addWidget(tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy details"), self)
        copy.setObjectName("copyDetails")
        copy.setToolTip(self.tr("Copy the version and llama.cpp build for a support request"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 600)

    # -- header ----------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        logo = QLabel(self)
        logo.setPixmap(self._logo(72))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(logo)
        text = QVBoxLayout()
        title = QLabel("ThinkDesk", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        text.addWidget(title)
        version = QLabel(self.tr("Version %1").replace("%1", __version__), self)
        version.setObjectName("aboutVersion")
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(version)
        blurb = QLabel(
            self.tr(
                "Offline chat with DeepSeek-R1 distilled reasoning models, on your computer's "
                "processor. Nothing leaves this computer unless you ask for a download."
            ),
            self,
        )
        blurb.setWordWrap(True)
        text.addWidget(blurb)
        engine = plain_label(QLabel(self._engine_line(), self))
        engine.setObjectName("aboutEngine")
        engine.setWordWrap(True)
        engine.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(engine)
        row.addLayout(text, 1)
        return row

    def _logo(self, size: int) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = app_icon().pixmap(QSize(size, size), ratio)
        return pixmap

    def _engine_line(self) -> str:
        info = self.build_info
        version = info.get("llama_cpp_python") or self.tr("not installed")
        variant = info.get("cpu_variant")
        if not variant:
            return self.tr("llama-cpp-python %1").replace("%1", str(version))
        return (
            self.tr("llama-cpp-python %1 · CPU backend: %2")
            .replace("%1", str(version))
            .replace("%2", self._variant_text())
        )

    def _variant_text(self) -> str:
        """ "haswell (AVX2)", or "built-in (compiled for one CPU type)" in the UI language."""
        info = self.build_info
        variant = str(info.get("cpu_variant") or self.tr("unknown"))
        if variant == "built-in":
            variant = self.tr("built-in")
        label = translate_message(info.get("cpu_variant_label") or "")
        return f"{variant} ({label})" if label else variant

    # -- licences --------------------------------------------------------------------------
    def _licences_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        tree = QTreeWidget(splitter)
        tree.setObjectName("licenceTree")
        tree.setColumnCount(3)
        tree.setHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        groups = {
            "runtime": self.tr("Runtime and libraries"),
            "library": self.tr("Python packages"),
            "font": self.tr("Fonts"),
            "model": self.tr("Models (not included; downloaded or imported by you)"),
        }
        parents: dict[str, QTreeWidgetItem] = {}
        for component in load_components(self._licenses):
            kind = component.get("kind", "library")
            if kind not in parents:
                parents[kind] = QTreeWidgetItem([groups.get(kind, kind)])
                parents[kind].setFlags(Qt.ItemFlag.ItemIsEnabled)
            row = QTreeWidgetItem(
                [
                    str(component.get("name", "")),
                    installed_version(component),
                    str(component.get("license", "")),
                ]
            )
            row.setData(0, _FILE_ROLE, component.get("file", ""))
            parents[kind].addChild(row)
        tree.addTopLevelItems([parents[k] for k in groups if k in parents])
        for group in parents.values():
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
        tree.expandAll()
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree = tree

        self.licence_text = QPlainTextEdit(splitter)
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setReadOnly(True)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setPlaceholderText(self.tr("Select a component to read its licence."))
        tree.currentItemChanged.connect(self._show_licence)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        first = parents.get("runtime") or (parents and next(iter(parents.values())))
        if first and first.childCount():
            tree.setCurrentItem(first.child(0))
        return splitter

    def _show_licence(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        file = item.data(0, _FILE_ROLE) if item is not None else None
        if not file:
            self.licence_text.clear()
            return
        try:
            text = (self._licenses / str(file)).read_text(encoding="utf-8")
        except OSError:
            text = self.tr("The licence text %1 is missing from this installation.").replace(
                "%1", str(file)
            )
        self.licence_text.setPlainText(text)

    # -- llama.cpp -------------------------------------------------------------------------
    def _engine_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        info = self.build_info
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse

        def add(label: str, value: str, name: str = "") -> None:
            field = plain_label(QLabel(value or "—", page))  # llama.cpp's own words
            field.setWordWrap(True)
            field.setTextInteractionFlags(selectable)
            if name:
                field.setObjectName(name)
            form.addRow(label, field)

        add(self.tr("llama-cpp-python:"), str(info.get("llama_cpp_python") or ""))
        add(self.tr("CPU backend in use:"), self._variant_text(), "cpuVariant")
        if info.get("portable"):
            shipped = ", ".join(info.get("variants", []))
            add(self.tr("CPU backends shipped:"), shipped)
            note = self.tr("The fastest backend this processor supports is chosen at start-up.")
        else:
            note = self.tr("This build has one CPU backend, built for a particular processor.")
        add(self.tr("Backends:"), ", ".join(info.get("backends", [])))
        features = info.get("features", {}).get("CPU", {})
        on = [name for name, value in features.items() if value not in ("0", "")]
        add(self.tr("CPU features used:"), " · ".join(on), "cpuFeatures")
        if info.get("error"):
            add(self.tr("Problem:"), str(info["error"]))
        hint = QLabel(note, page)
        hint.setWordWrap(True)
        form.addRow(hint)
        return page

    # -- actions ---------------------------------------------------------------------------
    def details_text(self) -> str:
        """Plain-text facts for a support request (not translated: support reads them)."""
        info = self.build_info
        lines = [
            f"ThinkDesk {__version__}",
            f"Python {platform.python_version()}, Qt {qVersion()}, "
            f"{platform.system()} {platform.release()} {platform.machine()}",
            f"llama-cpp-python {info.get('llama_cpp_python')}, "
            f"CPU backend {info.get('cpu_variant')} {info.get('cpu_variant_label') or ''}".rstrip(),
            f"llama.cpp: {info.get('system_info', '')}",
        ]
        return "\n".join(lines)

    def copy_details(self) -> None:
        """Put :meth:`details_text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.details_text())
