"""Opening a model shows its phase, the time and a Cancel that works (14.1)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.app import Services
from desktop.core.engines.local import GenerationParams
from desktop.core.engines.prompt import ChatMessage
from desktop.core.models import model_check
from desktop.core.models.model_check import VerdictCache
from desktop.core.models.synthetic_gguf import ModelShape, write_r1_gguf
from desktop.core.system.load_progress import MIN_MEASURED_SIZE
from desktop.core.system.paths import DataDir
from desktop.services.session import ModelState
from desktop.services.settings import Settings
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


# -- Esc cancels a load, like the Cancel button ---------------------------------------------
def _activate(qtbot, widget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _slow_check(monkeypatch) -> None:
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)


def test_esc_cancels_the_load_in_the_check(window, qtbot, model_copy, monkeypatch):
    services, win = window
    _slow_check(monkeypatch)
    cancels: list[bool] = []
    win.load_panel.cancel_requested.connect(lambda: cancels.append(True))
    services.session.open(model_copy)
    qtbot.waitUntil(lambda: "separate process" in win.load_panel.phase_label.text())
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert cancels == [True]  # the Cancel button's path
    assert services.session.state == ModelState.EMPTY
    assert win.stack.currentWidget() is win.empty_state and win.open_action.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_Escape)  # nothing loads now: nothing happens
    assert cancels == [True] and services.session.state == ModelState.EMPTY


def test_esc_leaves_other_windows_dialogs_alone(window, qtbot, model_copy, monkeypatch):
    services, win = window
    _slow_check(monkeypatch)
    dialog = QDialog(win)  # e.g. the model manager, open beside the window
    dialog.setModal(False)
    dialog.show()
    services.session.open(model_copy)
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert services.session.state == ModelState.EMPTY
    assert dialog.isVisible()  # Esc in the window did not close it
    services.session.open(model_copy)
    _activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc in the dialog is the dialog's
    assert not dialog.isVisible()
    assert services.session.state == ModelState.LOADING  # and did not cancel the load
    services.session.cancel_load()


def test_esc_while_no_model_loads_does_not_touch_the_session(window, qtbot):
    services, win = window
    states: list[str] = []
    services.session.state_changed.connect(lambda state, _detail: states.append(state))
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert states == [] and win.stack.currentWidget() is win.empty_state


# -- the expected time is remembered across restarts ----------------------------------------
@pytest.fixture(scope="module")
def big_model(tmp_path_factory) -> Path:
    """A runnable model big enough (~50 MB) that its load rate counts (MIN_MEASURED_SIZE)."""
    shape = ModelShape(n_layer=2, n_embd=512, n_head=4, n_head_kv=2, n_ff=4096)
    path = write_r1_gguf(tmp_path_factory.mktemp("big") / "big-r1.gguf", shape)
    assert path.stat().st_size >= MIN_MEASURED_SIZE
    return path


def _services(qtbot, data: DataDir, model: Path, *, trust: bool = True
              ) -> tuple[Services, MainWindow]:  # fmt: skip
    services = Services.create(data)
    if trust:
        VerdictCache(data.model_checks_file).put(model, True, "")  # checked in an earlier run
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    return services, window


def _open_and_wait(qtbot, services: Services, model: Path) -> None:
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        services.session.open(model)


def test_a_completed_load_sets_the_first_expectation_after_a_restart(qtbot, tmp_path,
                                                                     big_model):  # fmt: skip
    data = DataDir(tmp_path / "portable")
    services, _win = _services(qtbot, data, big_model)
    assert services.session.load_rate() is None  # a first start: nothing measured yet
    _open_and_wait(qtbot, services, big_model)
    rate = services.session.load_rate()
    model = services.session.model
    assert rate == pytest.approx(big_model.stat().st_size / model.load_s, rel=1e-6)
    assert services.shutdown(5000)

    services, win = _services(qtbot, data, big_model)  # the next start, same data folder
    assert services.session.load_rate() == rate
    services.session.open(big_model)
    assert win.stack.currentWidget() is win.load_panel
    expected = win.load_panel.expected_total()
    assert expected == pytest.approx(big_model.stat().st_size / rate, abs=0.2)
    with qtbot.waitSignal(services.session.model_changed, timeout=60_000, check_params_cb=bool):
        pass
    # A second completed load is folded in, half and half.
    second = big_model.stat().st_size / services.session.model.load_s
    assert services.session.load_rate() == pytest.approx((rate + second) / 2, rel=1e-6)
    assert services.shutdown(5000)


def test_the_panel_shows_the_time_measured_on_a_slow_pc(qtbot, tmp_path, big_model,
                                                        monkeypatch):  # fmt: skip
    data = DataDir(tmp_path / "slow-pc")
    Settings(data.ensure().settings_file).record_load(1_000_000_000, 500.0)  # 2 MB/s, stored
    services, win = _services(qtbot, data, big_model, trust=False)
    _slow_check(monkeypatch)  # it stays in the check while we look
    services.session.open(big_model)
    expected = round(big_model.stat().st_size / 2e6)
    assert f"about {expected} s" in win.load_panel.time_label.text()
    services.session.cancel_load()
    assert services.shutdown(5000)


def test_a_cancelled_load_leaves_the_stored_rate_alone(qtbot, tmp_path, big_model):
    data = DataDir(tmp_path / "cancel")
    Settings(data.ensure().settings_file).record_load(1_000_000_000, 5.0)  # 200 MB/s
    services, win = _services(qtbot, data, big_model)
    phases: list[str] = []
    services.session.load_phase_changed.connect(phases.append)
    services.session.open(big_model)
    qtbot.waitUntil(lambda: "loading" in phases, timeout=60_000)
    _activate(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Escape)  # cancelled while llama.cpp reads the file
    assert services.session.state == ModelState.EMPTY
    # The worker is free once the abandoned load has finished and been freed.
    failures: list[object] = []
    services.inference.failed.connect(lambda _rid, message: failures.append(message))
    services.inference.generate([ChatMessage("user", "Hi")], GenerationParams(max_tokens=2))
    qtbot.waitUntil(lambda: bool(failures), timeout=60_000)
    assert services.session.load_rate() == 200e6
    assert Settings(data.settings_file).load_rate() == 200e6
    assert services.shutdown(5000)
