"""The "Find models" service: searches off the GUI thread, the results cache, listing a
repository with its memory fit, offline refusal, and a chosen file going through the download
manager's queue, verification, probe and install."""

from __future__ import annotations

import pytest
from loopback_search import FakeSettings, SearchHub, fast_download_options, hub_libraries_online

from desktop.core.downloads.hub_search import SearchOptions
from desktop.core.system.paths import DataDir
from desktop.services.downloads import DownloadManager, JobState
from desktop.services.hub_search import HubSearchService

R1 = "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF"
OTHER = "someone/DeepSeek-R1-Distill-Llama-8B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf"


@pytest.fixture
def hub(tiny_model):
    with SearchHub() as hub, hub_libraries_online():
        hub.add_repo(R1, license="mit", downloads=10)
        hub.add_repo(OTHER, license="llama3.1", downloads=5)
        hub.add(R1, FILE, tiny_model)
        hub.add(OTHER, "DeepSeek-R1-Distill-Llama-8B-Q8_0.gguf", tiny_model)
        yield hub


@pytest.fixture
def service(hub, tmp_path, qtbot):
    settings = FakeSettings(**{"network/source": "hf", "network/hf_endpoint": hub.url,
                               "network/hf_mirror_endpoint": hub.url,
                               "network/modelscope_endpoint": hub.url})  # fmt: skip
    manager = DownloadManager(DataDir(tmp_path / "data"), settings, options=fast_download_options())
    service = HubSearchService.of(manager)
    service.options = SearchOptions(list_files=1, deadline=5.0, timeout=(2.0, 2.0))
    yield service
    assert manager.shutdown(5000)


def test_search_runs_off_the_gui_thread_and_is_cached(service, hub, qtbot):
    assert HubSearchService.of(service._downloads) is service  # one per download manager
    with qtbot.waitSignal(service.results_changed, timeout=10_000) as shown:
        service.search("distill")
    result = shown.args[0]
    assert [r.repo for r in result.repos] == [R1, OTHER]
    assert result.repos[0].files is not None and result.repos[1].files is None  # list_files=1
    asked = len(hub.api_requests)
    with qtbot.waitSignal(service.results_changed, timeout=1000) as again:
        service.search("Distill ")
    assert again.args[0] is result and len(hub.api_requests) == asked  # from the cache


def test_listing_a_repo_gives_files_and_a_memory_fit(service, qtbot):
    with qtbot.waitSignal(service.results_changed, timeout=10_000):
        service.search("distill")
    repo = service.result.repos[1]
    with qtbot.waitSignal(
        service.repo_changed,
        timeout=10_000,
        check_params_cb=lambda rid: rid == OTHER and OTHER in service._shapes,
    ):
        service.list_repo(OTHER)  # fmt: skip
    repo = service.result.repos[1]
    (file,) = repo.files
    fit = service.fit(repo, file)
    assert fit is not None and fit.verdict == "good"  # from the tiny model's header


def test_offline_refuses_without_a_request(service, hub, qtbot):
    service._downloads._settings.values["network/offline"] = True
    with qtbot.waitSignal(service.search_failed, timeout=1000) as failed:
        service.search("distill")
    assert "work offline" in failed.args[0] and hub.api_requests == []


def test_a_failing_hub_reports_why(service, hub, qtbot):
    hub.search_faults.always = 404
    with qtbot.waitSignal(service.search_failed, timeout=10_000) as failed:
        service.search("distill")
    assert "404" in failed.args[0]


@pytest.mark.parametrize("hashes", [True, False])
def test_a_chosen_file_downloads_through_the_queue(service, hub, qtbot, tiny_model, hashes):
    hub.search_faults.no_hashes = not hashes
    with qtbot.waitSignal(service.results_changed, timeout=10_000):
        service.search("qwen-14b")
    repo = service.result.repos[0]
    manager = service._downloads
    with qtbot.waitSignal(manager.model_installed, timeout=30_000) as installed:
        job_id = service.download(repo, repo.files[0])
    model = installed.args[0]
    assert model.source == "hf" and model.unverified_source is (not hashes)
    assert manager.registry.path_of(model).read_bytes() == tiny_model.read_bytes()
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.DONE)
    assert ("Unverified source" in manager.job(job_id).message) is (not hashes)


def test_a_paused_hub_download_is_offered_again_after_a_restart(service, hub, qtbot, tmp_path,
                                                                  tiny_model):  # fmt: skip
    hub.faults.hold_at = 100_000
    with qtbot.waitSignal(service.results_changed, timeout=10_000):
        service.search("qwen-14b")
    repo = service.result.repos[0]
    manager = service._downloads
    job_id = service.download(repo, repo.files[0])
    assert hub.held.wait(10)
    part = tmp_path / "data" / "models" / (FILE + ".part")
    qtbot.waitUntil(lambda: part.exists() and part.stat().st_size >= 64 * 1024, timeout=10_000)
    manager.pause(job_id)
    hub.release()
    qtbot.waitUntil(lambda: not manager.job(job_id).running, timeout=10_000)
    settings = manager._settings
    assert manager.shutdown(5000)
    again = DownloadManager(DataDir(tmp_path / "data"), settings, options=fast_download_options())
    try:
        job = again.job(job_id)
        assert job is not None and job.state == JobState.PAUSED and job.entry.origin == "hub"
        with qtbot.waitSignal(again.model_installed, timeout=30_000) as installed:
            again.resume(job_id)
        assert installed.args[0].sha256 == repo.files[0].sha256
        ranges = [r for _, _, r in hub.requests if r.startswith("bytes=")]
        assert ranges and int(ranges[-1][6:].split("-")[0]) > 0  # resumed, not started over
        assert installed.args[0].size == tiny_model.stat().st_size
        assert not list((tmp_path / "data" / "models").glob("*.hub.json"))
    finally:
        assert again.shutdown(5000)
