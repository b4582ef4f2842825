"""Start-up and shutdown: build the services, wire them to the window, tear down in order."""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.models.model_check import VerdictCache
from desktop.core.system.credentials import CredentialStore
from desktop.core.system.paths import DataDir
from desktop.services.chat import ChatController
from desktop.services.downloads import DownloadManager
from desktop.services.engine_choice import EngineChoice
from desktop.services.gc_on_gui_thread import GuiThreadCollector
from desktop.services.history import HistoryService
from desktop.services.inference import InferenceService
from desktop.services.instance import SingleInstance
from desktop.services.quit_signals import QuitOnSignals
from desktop.services.session import ModelSession
from desktop.services.settings import Settings
from desktop.services.sharing import SharingService


@dataclass
class Services:
    """Every long-lived service, created once per process."""

    data: DataDir
    settings: Settings
    inference: InferenceService
    session: ModelSession
    chat: ChatController
    history: HistoryService
    downloads: DownloadManager
    sharing: SharingService
    engine: EngineChoice

    @classmethod
    def create(cls, data: DataDir) -> Services:
        data.ensure()
        settings = Settings(data.settings_file)
        inference = InferenceService(VerdictCache(data.model_checks_file))
        session = ModelSession(inference, settings)
        chat = ChatController(inference, settings, session)
        history = HistoryService.open(data.history_file)
        history.attach(chat)
        downloads = DownloadManager(data, settings)
        sharing = SharingService(inference, settings, session)
        engine = EngineChoice(session, settings, CredentialStore())
        return cls(data, settings, inference, session, chat, history, downloads, sharing, engine)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the answer, end the inference thread, free the model: before Python's teardown
        so llama.cpp is never used after its memory is gone."""
        self.chat.stop()
        self.sharing.stop()  # first: its requests run on the inference thread
        ended = self.inference.shutdown(timeout_ms)
        ended = self.downloads.shutdown(timeout_ms) and ended  # keeps .part files to resume
        # Deliver the worker's last "finished" so a stopped answer is saved as stopped.
        QCoreApplication.sendPostedEvents()
        self.history.close()
        return ended


def remembered_model(services: Services) -> Path | None:
    """The model to open at start: the last one that loaded, else the default installed one.

    With neither on disk, the last one if it lived outside the models folder (a USB stick not
    plugged in, a folder moved): opening it makes the window say it was not found, where
    starting like a first run would leave the user wondering where their model went."""
    remembered = services.settings.value("model/path")
    last = Path(remembered) if remembered else None
    if last is not None and last.is_file():
        return last
    default = services.downloads.registry.default()
    if default is not None:
        path = services.downloads.registry.path_of(default)
        if path.is_file():
            return path
    if last is not None and last.parent.resolve() != services.data.models.resolve():
        return last
    return None


def settle_after_first_paint() -> None:
    """Ready the window for its first answer, then set aside the objects start-up made.

    Warming up parses the math font and compiles the Markdown rules. Then ``gc.freeze()``:
    start-up leaves about 100,000 objects (modules, Qt wrappers, the math font) that live
    until quit, and every full garbage collection scanned them all: 25-30 ms on a quiet
    2-core PC, 90 ms under load, a visible stall in the middle of a streaming answer.
    """
    from desktop.ui.answer_view import warm_up_rendering

    warm_up_rendering()
    gc.freeze()


def run_gui(data: DataDir, model_path: Path | None = None, server: str | None = None) -> int:
    """Show the main window until the user quits; returns the exit code.

    ``server`` (``--server URL``) starts connected to that OpenAI-compatible server."""
    from desktop.ui.about_dialog import app_icon
    from desktop.ui.i18n import choose_language, install_translators
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings_sharing import show_sharing_problem

    app = QApplication.instance() or QApplication(sys.argv[:1])
    quit_signals = QuitOnSignals(app)  # first: Ctrl+C in the terminal quits from now on
    GuiThreadCollector(app)  # before any worker thread starts (see gc_on_gui_thread)
    app.setApplicationName("ThinkDesk")
    app.setOrganizationName("ThinkDesk")
    app.setWindowIcon(app_icon())
    data.ensure()
    language = choose_language(Settings(data.settings_file).value("appearance/language"))
    app.translators = install_translators(app, language)  # kept alive with the app
    instance = SingleInstance(data.root, app)
    if not instance.acquire():
        if instance.activate_running():
            print(f"ThinkDesk already runs with {data.root}: showed its window.", file=sys.stderr)
            return 0
        if not instance.acquire():  # else the other copy has quit meanwhile: carry on
            return _report_unresponsive_copy(data)
    services = Services.create(data)
    window = MainWindow(
        services.session,
        services.chat,
        services.history,
        settings=services.settings,
        models_dir=data.models,
        downloads=services.downloads,
        engine=services.engine,
    )
    instance.activation_requested.connect(window.bring_forward)
    quit_signals.quit_requested.connect(window.close)
    quit_signals.quit_requested.connect(app.quit)
    window.show()
    QTimer.singleShot(200, settle_after_first_paint)  # before the first answer
    if services.history.notice:
        title = QCoreApplication.translate("MainWindow", "Chat history")
        QMessageBox.warning(window, title, services.history.notice)
    services.sharing.failed.connect(partial(show_sharing_problem, window))
    services.sharing.apply()  # share again if the user left sharing on
    start_with = model_path or remembered_model(services)
    if server:
        services.engine.use_server(server)
    elif model_path is None and services.engine.start():
        pass  # the settings name a server: answers come from there
    elif start_with is not None:
        if model_path is not None:
            services.settings.set_value("engine/kind", "local")
        services.session.open(start_with)
    elif not services.downloads.installed():
        window.open_model_manager()  # first run: pick, download or import a model
    code = 0 if quit_signals.requested else app.exec()
    ended = services.shutdown()
    instance.release()
    if not ended:
        # Loading a model without mmap cannot be interrupted, and Python's teardown would
        # destroy the QThread still inside llama.cpp (abort, exit status 134). What must last
        # is saved (the history is closed, settings are written as they change): leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _report_unresponsive_copy(data: DataDir) -> int:
    """Another ThinkDesk holds this data folder but did not answer: say so and leave without
    opening the history (two owners would undo each other's work)."""
    title = QCoreApplication.translate("MainWindow", "ThinkDesk is already running")
    text = QCoreApplication.translate(
        "MainWindow",
        "Another ThinkDesk window is using the data folder {0}, but it does not respond. "
        "Close it (or end it in the task manager), then start ThinkDesk again.",
    ).format(data.root)
    QMessageBox.warning(None, title, text)
    return 1
