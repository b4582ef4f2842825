"""The model manager widget, offscreen: first-run recommendation, a download with progress and
pause, the installed list (default, open folder, delete with confirmation) and imports."""

from __future__ import annotations

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent

from desktop.core.downloads.fetch import DownloadOptions
from desktop.core.models.catalog import GB, Catalog, load_catalog, parse_catalog
from desktop.core.system.hardware import HardwareFacts
from desktop.core.system.paths import DataDir
from desktop.services.downloads import DownloadManager, JobState
from desktop.ui.model_manager import ModelManagerDialog, ModelManagerWidget
from desktop.ui.model_manager_rows import format_eta, format_size

FAST = DownloadOptions(connect_timeout=1.0, read_timeout=1.0, retries=1, backoff=0.01)


class FakeSettings:
    def __init__(self, **values):
        self.values = {"network/source": "auto", "network/offline": False, **values}

    def value(self, key):
        return self.values[key]

    def set_value(self, key, value):
        self.values[key] = value


@pytest.fixture
def hub(tiny_model):
    with LoopbackHub() as hub:
        hub.add(REPO, FILE, tiny_model)
        yield hub


@pytest.fixture
def manager(tmp_path, tiny_model, hub):
    entries = list(load_catalog()) + parse_catalog(
        {"schema_version": 1, "models": [catalog_entry(tiny_model)]}
    )
    settings = FakeSettings(**{"network/modelscope_endpoint": hub.url,
                               "network/hf_mirror_endpoint": hub.url})  # fmt: skip
    manager = DownloadManager(DataDir(tmp_path / "data"), settings, Catalog(entries), FAST)
    yield manager
    assert manager.shutdown(5000)


#: An 8-core AVX2 office PC: every model is quick enough, so the verdicts are about memory.
FAST_PC = HardwareFacts("Test CPU", "x86_64", "TestOS", physical_cores=8, logical_cores=16,
                        llama_features={"AVX2": True})  # fmt: skip


def page(qtbot, manager, ram_gb=8.0, facts=FAST_PC) -> ModelManagerWidget:
    widget = ModelManagerWidget(manager, ram=int(ram_gb * GB), facts=facts)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def row_of(widget, entry_id):
    return next(i for i, e in enumerate(widget._entries) if e.id == entry_id)


def test_formatting():
    assert format_size(1117320576) == "1.04 GB" and format_size(450208) == "440 KB"
    assert format_size(None) == "unknown" and format_size(5 * 1024**3, approx=True) == "~5.00 GB"
    assert format_eta(30) == "less than a minute left" and format_eta(7500) == "2 h 5 min left"


@pytest.mark.parametrize(("ram_gb", "starred"), [(8, 1), (16, 2)])
def test_first_run_preselects_the_recommended_model(qtbot, manager, ram_gb, starred):
    widget = page(qtbot, manager, ram_gb)
    assert widget._selected_entry().id == "r1-qwen-1.5b-q4_k_m"
    names = [widget.catalog_table.item(r, 0).text() for r in range(len(widget._entries))]
    assert sum(n.startswith("★") for n in names) == starred
    assert widget.banner.isVisible() and "recommend" in widget.banner.text()
    assert widget.download_button.isEnabled()
    verdict = widget.catalog_table.item(row_of(widget, "r1-qwen-7b-q6_k"), 6)
    assert verdict.text() == ("Tight" if ram_gb == 8 else "Good fit")
    assert "GB" in verdict.toolTip()


def test_download_shows_progress_then_installs(qtbot, manager, hub):
    hub.faults.throttle = 300_000  # a visible download: about 1.5 s
    widget = page(qtbot, manager)
    widget.catalog_table.selectRow(row_of(widget, "tiny-r1"))
    widget.download_button.click()
    row = widget._rows["tiny-r1"]
    assert widget.downloads_box.isVisible()
    qtbot.waitUntil(lambda: " of " in row.status.text() and "%" in row.status.text(), timeout=5000)
    assert "ModelScope" in row.status.text() and row.pause_button.isVisible()
    qtbot.waitUntil(lambda: widget.installed_table.rowCount() == 1, timeout=10_000)
    assert widget.installed_table.item(0, 0).text() == "Tiny R1 (test)"
    assert widget.installed_table.item(0, 5).text() == "Yes"
    assert widget.installed_table.item(0, 6).text() == "✓"
    assert widget.catalog_table.item(row_of(widget, "tiny-r1"), 7).text() == "Installed"
    qtbot.waitUntil(lambda: row.dismiss_button.isVisible())
    row.dismiss_button.click()
    assert "tiny-r1" not in widget._rows


def test_pause_and_resume_buttons(qtbot, manager, hub):
    hub.faults.hold_at = 100_000
    widget = page(qtbot, manager)
    manager.download("tiny-r1")
    row = widget._rows["tiny-r1"]
    job = manager.job("tiny-r1")
    qtbot.waitUntil(lambda: job.running and job.progress is not None, timeout=5000)
    row.pause_button.click()
    assert job.state == JobState.PAUSED and row.pause_button.text() == "Resume"
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    hub.release()
    row.pause_button.click()
    qtbot.waitUntil(lambda: job.state == JobState.DONE, timeout=10_000)


def test_installed_actions(qtbot, manager, model_copy, monkeypatch):
    widget = page(qtbot, manager)
    with qtbot.waitSignal(manager.installed_changed, timeout=60_000):
        widget.import_paths([str(model_copy)], copy=False)
    assert widget.installed_table.rowCount() == 1
    assert widget.installed_table.item(0, 5).text() == "Yes"  # recognised by its sha256
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    widget.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(model_copy.parent))]
    with qtbot.waitSignal(widget.model_chosen) as chosen:
        widget.use_button.click()
    assert chosen.args == [str(model_copy)]
    with qtbot.waitSignal(widget.default_changed):
        widget.default_button.click()
    questions = []
    monkeypatch.setattr(widget, "confirm", lambda title, text: questions.append(text) or False)
    widget.delete_button.click()
    assert widget.installed_table.rowCount() == 1 and "stays where it is" in questions[0]
    monkeypatch.setattr(widget, "confirm", lambda title, text: True)
    widget.delete_button.click()
    assert widget.installed_table.rowCount() == 0 and model_copy.exists()


def test_drop_a_folder_to_import(qtbot, manager, model_copy, monkeypatch):
    widget = page(qtbot, manager)
    asked = []
    monkeypatch.setattr(widget, "ask_copy", lambda checked: asked.append(checked) or True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(model_copy.parent))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(manager.installed_changed, timeout=60_000):
        widget.dropEvent(drop)
    model = manager.installed()[0]
    assert manager.registry.path_of(model).parent == manager.data.models  # copied
    assert asked[0].files == [model_copy]  # checked before the question


def test_offline_disables_downloads(qtbot, tmp_path):
    settings = FakeSettings(**{"network/offline": True})
    manager = DownloadManager(DataDir(tmp_path / "d"), settings, load_catalog(), FAST)
    try:
        dialog = ModelManagerDialog(manager, ram=8 * GB)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.page.download_button.isEnabled()
        assert "offline" in dialog.page.banner.text()
    finally:
        assert manager.shutdown(5000)


def test_a_model_file_that_cannot_be_deleted_says_why_and_stays_listed(
    qtbot, manager, tiny_model, monkeypatch, undeletable
):
    widget = page(qtbot, manager)
    with qtbot.waitSignal(manager.installed_changed, timeout=60_000):
        widget.import_paths([str(tiny_model)], copy=True)
    path = manager.registry.path_of(manager.installed()[0])
    undeletable(path)
    warnings = []
    monkeypatch.setattr(widget, "confirm", lambda title, text: True)
    monkeypatch.setattr(widget, "warn", lambda title, text: warnings.append(text))
    widget.delete_button.click()  # raised out of the slot before: no message, nothing done
    assert len(warnings) == 1 and str(path) in warnings[0] and "try again" in warnings[0]
    assert path.exists() and widget.installed_table.rowCount() == 1
    assert [m.id for m in manager.installed()] == ["tiny-r1"]
