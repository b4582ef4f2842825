"""The "Find more models" dialog: opened from the model manager, search results R1-first with
files, sizes, memory fit and licence, a download through the manager's queue, instant reopening
from the cache, and refusal when working offline."""

from __future__ import annotations

import pytest
from loopback_search import FakeSettings, SearchHub, fast_download_options, hub_libraries_online

from desktop.core.downloads.hub_search import SearchOptions
from desktop.core.system.paths import DataDir
from desktop.services.downloads import DownloadManager, JobState
from desktop.services.hub_search import HubSearchService
from desktop.ui.find_models import FindModelsButton, FindModelsDialog
from desktop.ui.model_manager import ModelManagerWidget

R1 = "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF"
QWEN = "bartowski/Qwen3-14B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf"


@pytest.fixture
def hub(tiny_model):
    with SearchHub() as hub, hub_libraries_online():
        hub.add_repo(QWEN, license="apache-2.0", downloads=900)
        hub.add_repo(R1, license="mit", downloads=10)
        hub.add(R1, FILE, tiny_model)
        hub.add(QWEN, "Qwen3-14B-Q8_0.gguf", tiny_model)
        yield hub


@pytest.fixture
def manager(hub, tmp_path):
    settings = FakeSettings(**{"network/source": "hf-mirror", "network/hf_mirror_endpoint": hub.url,
                               "network/modelscope_endpoint": hub.url})  # fmt: skip
    manager = DownloadManager(DataDir(tmp_path / "data"), settings, options=fast_download_options())
    HubSearchService.of(manager).options = SearchOptions(deadline=5.0, timeout=(2.0, 2.0))
    yield manager
    assert manager.shutdown(5000)


def search(dialog: FindModelsDialog, qtbot, query: str = "14b") -> None:
    dialog.query.setText(query)
    with qtbot.waitSignal(dialog.service.results_changed, timeout=10_000):
        dialog.search_button.click()


def test_opened_from_the_model_manager_and_reused(manager, qtbot):
    page = ModelManagerWidget(manager, ram=16 * 1024**3)
    qtbot.addWidget(page)
    (button,) = page.findChildren(FindModelsButton)
    button.click()
    first = button.dialog
    assert isinstance(first, FindModelsDialog) and first.isVisible()
    first.close()
    button.click()
    assert button.dialog is first and first.isVisible()
    first.close()


def test_results_r1_first_with_files_fit_and_licence(manager, hub, qtbot):
    dialog = FindModelsDialog(manager)
    qtbot.addWidget(dialog)
    search(dialog, qtbot)
    t = dialog.repo_table
    assert t.rowCount() == 2
    assert t.item(0, 0).text() == f"★ {R1}" and t.item(0, 1).text() == "mit"
    assert t.item(1, 0).text() == QWEN and t.item(1, 1).text() == "apache-2.0"
    assert "HF mirror" in dialog.status.text()
    f = dialog.file_table
    assert f.item(0, 0).text() == FILE and f.item(0, 1).text() == "Q4_K_M"
    assert f.item(0, 4).text() == "sha256"
    t.selectRow(1)  # the Qwen repository: not in the catalog, so its header is read
    qtbot.waitUntil(lambda: f.rowCount() == 1 and f.item(0, 3).text() == "Good fit", timeout=10_000)
    assert "Fits this PC" in f.item(0, 3).toolTip()


def test_download_goes_through_the_managers_queue(manager, qtbot, tiny_model):
    dialog = FindModelsDialog(manager)
    qtbot.addWidget(dialog)
    search(dialog, qtbot)
    dialog.file_table.selectRow(0)
    assert dialog.download_button.isEnabled()
    with qtbot.waitSignal(manager.model_installed, timeout=30_000) as installed:
        dialog.download_button.click()
    assert FILE in dialog.status.text()
    model = installed.args[0]
    assert manager.registry.path_of(model).read_bytes() == tiny_model.read_bytes()
    (job,) = manager.jobs()
    qtbot.waitUntil(lambda: job.state == JobState.DONE)


def test_reopening_shows_the_last_results_at_once(manager, hub, qtbot):
    first = FindModelsDialog(manager)
    qtbot.addWidget(first)
    search(first, qtbot)
    asked = len(hub.api_requests)
    again = FindModelsDialog(manager)
    qtbot.addWidget(again)
    assert again.repo_table.rowCount() == 2 and again.query.text() == "14b"
    assert len(hub.api_requests) == asked


def test_offline_says_so_and_does_not_search(manager, hub, qtbot):
    manager._settings.values["network/offline"] = True
    dialog = FindModelsDialog(manager)
    qtbot.addWidget(dialog)
    assert "work offline" in dialog.status.text()
    assert not dialog.search_button.isEnabled() and not dialog.download_button.isEnabled()
    dialog.query.returnPressed.emit()
    qtbot.wait(100)
    assert hub.api_requests == [] and "work offline" in dialog.status.text()
