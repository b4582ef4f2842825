"""The whole app as start-up wires it (real services, offscreen window) for the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.app import Services
from desktop.core.system.paths import DataDir
from desktop.ui.main_window import MainWindow


@pytest.fixture
def app_parts(qtbot, tmp_path):
    """Services and the main window, shown, with no model open; small and quick settings."""
    services = Services.create(DataDir(tmp_path / "data"))
    services.settings.set_value("performance/threads", 2)
    services.settings.set_value("performance/context_length", 1024)
    services.settings.set_value("generation/max_tokens", 24)
    window = MainWindow(
        services.session,
        services.chat,
        services.history,
        settings=services.settings,
        downloads=services.downloads,
    )
    qtbot.addWidget(window)
    window.show()
    yield services, window
    assert services.shutdown(5000)


@pytest.fixture
def open_model(app_parts, qtbot) -> Callable[[Path], None]:
    """Opens a model file in ``app_parts`` and waits until the session has it."""
    services, _window = app_parts

    def open_and_wait(path: Path) -> None:
        with qtbot.waitSignal(services.session.model_changed, timeout=60_000,
                              check_params_cb=lambda m: m is not None):  # fmt: skip
            services.session.open(path)

    return open_and_wait


@pytest.fixture
def ready(app_parts, open_model, tiny_model):
    """``app_parts`` with the tiny R1 model open."""
    open_model(tiny_model)
    return app_parts
