"""The settings pane: one dialog, four groups, validated through the settings service.

Nothing is stored until OK or Apply, and then only if every field is valid; an invalid field is
named in a message at the bottom and focused, and nothing is written. "Restore defaults" fills
the fields with the defaults (OK or Apply stores them; Cancel keeps what was there).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models.memory_fit import (
    ModelFacts,
    available_ram_bytes,
    default_budget_bytes,
)
from desktop.core.models.memory_fit import total_ram_bytes as _total_ram
from desktop.core.system.credentials import CredentialStore
from desktop.core.system.hardware import (
    HardwareFacts,
    memlock_limit_bytes,
)
from desktop.services.settings import Settings, SettingsError, physical_cores
from desktop.ui.plain_text import plain_label
from desktop.ui.settings_engine import EnginePage
from desktop.ui.settings_pages import (
    AppearancePage,
    GenerationPage,
    NetworkPage,
    SettingsPage,
)
from desktop.ui.settings_performance import PerformancePage
from desktop.ui.settings_sharing import SharingPage


class SettingsDialog(QDialog):
    """Edit every setting. ``hardware`` (optional) supplies cores, RAM and the mlock limit;
    ``model_facts`` (the open model's shape) enables the live memory breakdown;
    ``auto_budget_bytes`` is what "Auto" means now (ModelSession.auto_budget_bytes())."""

    def __init__(
        self,
        settings: Settings,
        hardware: HardwareFacts | None = None,
        model_facts: ModelFacts | None = None,
        auto_budget_bytes: int | None = None,
        parent: QWidget | None = None,
        credentials: CredentialStore | None = None,
    ):
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        if hardware is not None:
            cores, total, available = (
                hardware.physical_cores,
                hardware.total_ram,
                hardware.available_ram,
            )
            memlock = hardware.memlock_limit
        else:
            cores, total, available = physical_cores(), _total_ram(), available_ram_bytes()
            memlock = memlock_limit_bytes()
        if auto_budget_bytes is None:
            auto_budget_bytes = default_budget_bytes(available)

        self.performance = PerformancePage(
            cores, total, available, auto_budget_bytes, model_facts, memlock
        )
        self.generation = GenerationPage()
        self.appearance = AppearancePage()
        self.network = NetworkPage()
        self.sharing = SharingPage()
        self.tabs = QTabWidget(self)
        self.pages: list[SettingsPage] = [
            self.performance,
            self.generation,
            self.appearance,
            self.network,
            self.sharing,
        ]
        titles = [self.tr("Performance"), self.tr("Generation"), self.tr("Appearance")]
        titles.append(self.tr("Network"))
        titles.append(self.tr("Sharing"))
        # Settings > Engine: this computer or a server (its key in the credential store).
        self.engine = EnginePage(credentials or CredentialStore(), self.network.offline.isChecked)
        self.pages.append(self.engine)
        titles.append(self.tr("Engine"))
        for page, title in zip(self.pages, titles, strict=True):
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, title)
        #: setting key -> its editor, across all pages (what tests and callers drive).
        self.fields: dict[str, QWidget] = {}
        for page in self.pages:
            self.fields.update(page.fields)

        self.error_label = plain_label(QLabel(self))  # may quote what was typed
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(
            buttons.Ok | buttons.Cancel | buttons.Apply | buttons.RestoreDefaults, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(buttons.Apply).clicked.connect(self.apply)
        self.buttons.button(buttons.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.buttons.button(buttons.RestoreDefaults).setText(self.tr("Reset to defaults"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.load(settings.value)
        self.resize(640, 640)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # once laid out, grow so that no tab hides its last rows
            self._fitted = True
            QTimer.singleShot(0, self._fit_height)

    @Slot()
    def _fit_height(self) -> None:
        self.resize(self.width(), self.fitting_height())

    def fitting_height(self, available: int | None = None) -> int:
        """A height at which no tab needs its scroll bar, within ``available`` (the screen's
        free height); never below the current height. Chinese fonts are taller: at 640 the
        Generation tab cut its last hint off in zh_CN."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry().height() - 40 if screen else self.height()
        viewport = self.tabs.currentWidget().viewport()
        needed = max(page.heightForWidth(viewport.width()) if page.hasHeightForWidth()
                     else page.minimumSizeHint().height() for page in self.pages)  # fmt: skip
        wanted = self.height() + max(0, needed - viewport.height())
        return max(self.height(), min(wanted, available))

    def load(self, get) -> None:
        """Fill every field from ``get(key)`` (stored values, or the defaults)."""
        for page in self.pages:
            page.load(get)
        self.performance.refresh()
        self.network.refresh()
        self.sharing.refresh()
        self.error_label.hide()

    def values(self) -> dict[str, Any]:
        """What the fields hold, by setting key."""
        out: dict[str, Any] = {}
        for page in self.pages:
            out.update(page.values())
        return out

    def problem(self) -> tuple[str, str] | None:
        """The first invalid field as (key, message for the user), or None."""
        for key, value in self.values().items():
            message = self._settings.validate(key, value)
            if message:
                return key, self._explain(key, value)
        return None

    def _explain(self, key: str, value: Any) -> str:
        label = self._label_of(key)
        if key.endswith("_endpoint") or key == "engine/server_url":
            return self.tr("{0}: “{1}” is not a web address like https://example.com.").format(
                label, value
            )
        if key == "performance/memory_budget_gb":
            return self.tr("{0}: use Auto or at least 0.5 GB, up to the installed RAM.").format(
                label
            )
        if key == "appearance/font_size":
            return self.tr("{0}: use the system size or 6 to 72 points.").format(label)
        return self.tr("{0}: this value is not allowed.").format(label)

    def _label_of(self, key: str) -> str:
        editor = self.fields[key]
        for page in self.pages:
            label = page.form.labelForField(editor.parentWidget())
            if isinstance(label, QLabel):
                return label.text()
        return key

    @Slot()
    def apply(self) -> bool:
        """Validate every field, then store them all; False (nothing stored) if one is
        invalid, with the reason shown and that field focused."""
        found = self.problem()
        if found is None and not self.sharing.confirm():
            return False
        if found is None:
            try:
                self._settings.set_values(self.values())
                self.engine.store_key()
            except SettingsError as err:  # the range moved under us (e.g. RAM reported less)
                found = (err.key, self._explain(err.key, None))
        if found is not None:
            key, message = found
            self.error_label.setText(message)
            self.error_label.show()
            self._focus(key)
            return False
        self.error_label.hide()
        return True

    def _focus(self, key: str) -> None:
        editor = self.fields[key]
        for index, page in enumerate(self.pages):
            if key in page.fields:
                self.tabs.setCurrentIndex(index)
        editor.setFocus()

    @Slot()
    def restore_defaults(self) -> None:
        self.load(self._settings.default)

    def accept(self) -> None:
        if self.apply():
            super().accept()
