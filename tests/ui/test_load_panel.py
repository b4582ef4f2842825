"""Opening a model shows its phase, the time and a Cancel that works (14.1)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from desktop.app import Services
from desktop.core.models import model_check
from desktop.core.system.paths import DataDir
from desktop.services.session import ModelState
from desktop.ui.load_panel import LoadPanel
from desktop.ui.main_window import MainWindow


def test_panel_names_the_phase_and_the_times(qtbot):
    panel = LoadPanel()
    qtbot.addWidget(panel)
    panel.start("model.gguf", 4_683_073_248)
    assert "model.gguf" in panel.title.text()
    assert "separate process" in panel.phase_label.text()
    assert "elapsed" in panel.time_label.text() and "about" in panel.time_label.text()
    panel.set_phase("loading")
    assert "4.36 GB" in panel.phase_label.text()
    with qtbot.waitSignal(panel.cancel_requested):
        panel.cancel_button.click()


@pytest.fixture
def window(qtbot, tmp_path):
    services = Services.create(DataDir(tmp_path / "data"))
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    yield services, window
    assert services.shutdown(5000)


def test_cancel_during_the_check_returns_to_the_empty_state(window, qtbot, model_copy,
                                                            monkeypatch):  # fmt: skip
    services, win = window
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)
    services.session.open(model_copy)
    assert win.stack.currentWidget() is win.load_panel
    qtbot.waitUntil(lambda: "separate process" in win.load_panel.phase_label.text())
    qtbot.mouseClick(win.load_panel.cancel_button, Qt.MouseButton.LeftButton)
    assert services.session.state == ModelState.EMPTY
    assert win.stack.currentWidget() is win.empty_state
    assert win.open_action.isEnabled()


def test_ready_reports_the_whole_time(window, qtbot, model_copy):
    services, win = window
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(model_copy)
    model = services.session.model
    assert f"{model.open_s:.1f} s" in win.statusBar().currentMessage()
    assert model.open_s > model.load_s  # the check is counted
