"""Start-up and shutdown: build the services, wire them to the window, tear down in order."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.core.model_check import VerdictCache
from desktop.core.paths import DataDir
from desktop.services.chat import ChatController
from desktop.services.inference import InferenceService
from desktop.services.session import ModelSession
from desktop.services.settings import Settings


@dataclass
class Services:
    """Every long-lived service, created once per process."""

    data: DataDir
    settings: Settings
    inference: InferenceService
    session: ModelSession
    chat: ChatController

    @classmethod
    def create(cls, data: DataDir) -> Services:
        data.ensure()
        settings = Settings(data.settings_file)
        inference = InferenceService(VerdictCache(data.model_checks_file))
        session = ModelSession(inference, settings)
        chat = ChatController(inference, settings)
        return cls(data, settings, inference, session, chat)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the answer, end the inference thread, free the model: before Python's teardown
        so llama.cpp is never used after its memory is gone."""
        self.chat.stop()
        return self.inference.shutdown(timeout_ms)


def run_gui(data: DataDir, model_path: Path | None = None) -> int:
    """Show the main window until the user quits; returns the exit code."""
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ThinkDesk")
    app.setOrganizationName("ThinkDesk")
    services = Services.create(data)
    window = MainWindow(services.session, services.chat)
    window.show()
    remembered = services.settings.value("model/path")
    start_with = model_path or (Path(remembered) if remembered else None)
    if start_with is not None and (model_path is not None or start_with.is_file()):
        services.session.open(start_with)
    code = app.exec()
    services.shutdown()
    return code
