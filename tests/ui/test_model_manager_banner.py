"""The model manager's first-run banner ("No model is installed yet…") goes away as soon as
a model is installed or open, while the dialog is showing (issue 14, item 2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal

from desktop.core.downloads.fetch import DownloadOptions
from desktop.core.models.catalog import GB, load_catalog
from desktop.core.system.paths import DataDir
from desktop.services.downloads import DownloadManager
from desktop.ui.model_manager import ModelManagerDialog

FAST = DownloadOptions(connect_timeout=1.0, read_timeout=1.0, retries=1, backoff=0.01)


class FakeSettings:
    def __init__(self):
        self.values = {"network/source": "auto", "network/offline": False}

    def value(self, key):
        return self.values[key]

    def set_value(self, key, value):
        self.values[key] = value


class FakeSession(QObject):
    """Just what the manager reads from ModelSession: the open model and its change signal."""

    model_changed = Signal(object)

    def __init__(self):
        super().__init__()
        self.model = None

    def open_one(self, model: object) -> None:
        self.model = model
        self.model_changed.emit(model)


@pytest.fixture
def manager(tmp_path):
    manager = DownloadManager(DataDir(tmp_path / "d"), FakeSettings(), load_catalog(), FAST)
    yield manager
    assert manager.shutdown(5000)


def dialog_for(qtbot, manager, session=None) -> ModelManagerDialog:
    dialog = ModelManagerDialog(manager, ram=8 * GB, session=session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_banner_goes_away_after_an_import(qtbot, manager, model_copy):
    dialog = dialog_for(qtbot, manager)
    assert "No model is installed yet" in dialog.page.banner.text()
    with qtbot.waitSignal(manager.installed_changed, timeout=60_000):
        dialog.page.import_paths([str(model_copy)], copy=False)
    assert not dialog.page.banner.isVisible()


def test_banner_is_not_shown_while_a_model_is_open(qtbot, manager):
    session = FakeSession()
    dialog = dialog_for(qtbot, manager, session)
    assert dialog.page.banner.isVisible()
    session.open_one(object())  # e.g. File > Open of a file that was never installed
    assert not dialog.page.banner.isVisible()
    assert not dialog_for(qtbot, manager, session).page.banner.isVisible()


def test_this_pc_column_says_too_slow_where_the_recommendation_does(qtbot, manager):
    from desktop.core.system.hardware import HardwareFacts, recommend

    slow_pc = HardwareFacts("CPU", "x86_64", "OS", physical_cores=2, logical_cores=4,
                            llama_features={"AVX2": True}, total_ram=16 * GB)  # fmt: skip
    assert recommend(slow_pc).reason_code == "slow_cpu"
    dialog = ModelManagerDialog(manager, ram=16 * GB, facts=slow_pc)
    qtbot.addWidget(dialog)
    table = dialog.page.catalog_table
    rows = {e.id: r for r, e in enumerate(dialog.page._entries)}
    q6 = rows["r1-qwen-7b-q6_k"]
    assert table.item(q6, 6).text() == "Too slow here"
    assert "too slow" in table.item(q6, 6).toolTip()
    assert not table.item(rows["r1-qwen-7b-q4_k_m"], 0).text().startswith("★")
    memory = table.item(rows["r1-qwen-1.5b-q6_k"], 3)
    assert memory.text() in memory.toolTip() and memory.text() in table.item(
        rows["r1-qwen-1.5b-q6_k"], 6).toolTip()  # fmt: skip
