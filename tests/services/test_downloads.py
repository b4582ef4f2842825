"""The download manager: queued downloads and imports on worker threads, pause/resume/cancel,
failover notices, offline mode, and a shutdown that keeps the partial file for next time."""

from __future__ import annotations

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry

from desktop.core.downloads.fetch import DownloadOptions, part_paths, partial_size
from desktop.core.models.catalog import Catalog, parse_catalog
from desktop.core.system.paths import DataDir
from desktop.services.downloads import DownloadManager, JobState

FAST = DownloadOptions(connect_timeout=1.0, read_timeout=0.5, retries=1, backoff=0.01,
                       backoff_max=0.02, chunk_size=32 * 1024)  # fmt: skip


class FakeSettings:
    """The keys the manager reads, as the settings service stores them."""

    def __init__(self, **values):
        self.values = {"network/source": "auto", "network/offline": False, **values}

    def value(self, key):
        if key not in self.values:
            raise KeyError(key)
        return self.values[key]

    def set_value(self, key, value):
        self.values[key] = value


@pytest.fixture
def hubs(tiny_model):
    with LoopbackHub() as ms, LoopbackHub() as hf:
        ms.add(REPO, FILE, tiny_model)
        hf.add(REPO, FILE, tiny_model)
        yield ms, hf


@pytest.fixture
def make_manager(tmp_path, tiny_model, hubs, qtbot):
    ms, hf = hubs
    managers = []

    def make(**settings):
        values = {"network/modelscope_endpoint": ms.url, "network/hf_mirror_endpoint": hf.url,
                  "network/hf_endpoint": hf.url, **settings}  # fmt: skip
        catalog = Catalog(parse_catalog({"schema_version": 1,
                                         "models": [catalog_entry(tiny_model)]}))  # fmt: skip
        manager = DownloadManager(DataDir(tmp_path / "data"), FakeSettings(**values), catalog,
                                  FAST)  # fmt: skip
        managers.append(manager)
        return manager

    yield make
    for manager in managers:
        assert manager.shutdown(5000)


def test_download_runs_on_a_worker_and_installs(make_manager, qtbot, tiny_model, hubs):
    manager = make_manager()
    seen, progress = [], []
    manager.state_changed.connect(lambda jid, state, msg: seen.append(state))
    manager.progress.connect(lambda jid, p: progress.append(p))
    with qtbot.waitSignal(manager.model_installed, timeout=10_000) as installed:
        job_id = manager.download("tiny-r1")
    model = installed.args[0]
    assert model.id == "tiny-r1" and model.verified and model.source == "modelscope"
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.DONE)
    assert seen[0] == "queued" and "downloading" in seen and seen[-1] == "done"
    assert progress and progress[-1].total == tiny_model.stat().st_size
    assert manager.registry.default().id == "tiny-r1"
    assert manager.registry.path_of(model).read_bytes() == tiny_model.read_bytes()
    assert "ModelScope" in manager.job(job_id).message


def test_failover_notice_reaches_the_gui_thread(make_manager, qtbot, hubs):
    ms, _hf = hubs
    ms.faults.not_found = True
    manager = make_manager()
    with qtbot.waitSignal(manager.notice, timeout=10_000) as notice:
        job_id = manager.download("tiny-r1")
    assert notice.args[0] == job_id and "Trying HF mirror" in notice.args[1]
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.DONE, timeout=10_000)
    assert manager.installed()[0].source == "hf-mirror"


def test_pause_resume_and_cancel(make_manager, qtbot, hubs, tmp_path):
    ms, _hf = hubs
    ms.faults.hold_at = 100_000
    manager = make_manager()
    job_id = manager.download("tiny-r1")
    job = manager.job(job_id)
    entry = job.entry
    qtbot.waitUntil(lambda: partial_size(manager.data.models, entry) == 100_000, timeout=5000)
    assert job.running and job.state == JobState.DOWNLOADING
    manager.pause(job_id)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert job.state == JobState.PAUSED
    ms.release()
    with qtbot.waitSignal(manager.model_installed, timeout=10_000):
        manager.resume(job_id)
    qtbot.waitUntil(lambda: job.state == JobState.DONE)
    # Cancel deletes the partial file, also of a paused download.
    manager.remove_model("tiny-r1")
    ms.faults.hold_at = 50_000
    ms.released.clear()
    job_id = manager.download("tiny-r1")
    qtbot.waitUntil(lambda: partial_size(manager.data.models, entry) >= 50_000, timeout=5000)
    manager.cancel(job_id)
    qtbot.waitUntil(lambda: not manager.job(job_id).running, timeout=5000)
    assert manager.job(job_id).state == JobState.CANCELLED
    assert not any(manager.data.models.iterdir())
    ms.release()


def test_offline_refuses_with_a_clear_message(make_manager, qtbot, hubs):
    ms, hf = hubs
    manager = make_manager(**{"network/offline": True})
    job_id = manager.download("tiny-r1")
    job = manager.job(job_id)
    assert job.state == JobState.FAILED and "offline" in job.message
    assert ms.requests == [] and hf.requests == []


def test_shutdown_mid_download_keeps_the_part_and_restart_offers_resume(make_manager, qtbot, hubs):
    ms, _hf = hubs
    ms.faults.hold_at = 120_000
    manager = make_manager()
    job_id = manager.download("tiny-r1")
    assert ms.held.wait(10)
    entry = manager.job(job_id).entry
    qtbot.waitUntil(lambda: partial_size(manager.data.models, entry) == 120_000, timeout=5000)
    assert manager.shutdown(3000)
    assert not manager.is_running()
    _final, part, sidecar = part_paths(manager.data.models, entry)
    assert part.stat().st_size == 120_000 and sidecar.exists()
    ms.release()
    again = make_manager()
    restored = again.job("tiny-r1")
    assert restored.state == JobState.PAUSED and restored.progress.done == 120_000
    assert ms.wait_idle()
    ms.reset_counters()
    with qtbot.waitSignal(again.model_installed, timeout=10_000):
        again.resume("tiny-r1")
    assert ms.bytes_served == entry.size - 120_000


def test_import_job_copies_and_recognises(make_manager, qtbot, model_copy):
    manager = make_manager()
    with qtbot.waitSignal(manager.model_installed, timeout=60_000) as installed:
        (job_id,) = manager.import_paths([model_copy.parent], copy=True)
    model = installed.args[0]
    assert model.verified and model.id == "tiny-r1"
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.DONE)
    assert "Imported" in manager.job(job_id).message


def test_import_of_a_bad_file_fails_with_the_reason(make_manager, qtbot, bad_magic_model):
    manager = make_manager()
    (job_id,) = manager.import_paths([bad_magic_model], copy=False)
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.FAILED, timeout=10_000)
    assert "not a GGUF model file" in manager.job(job_id).message
    assert manager.installed() == []


def test_an_import_into_a_read_only_data_folder_says_so_for_each_file(
    make_manager, qtbot, tiny_model, tmp_path, read_only
):
    manager = make_manager()
    stick = tmp_path / "stick"
    stick.mkdir()
    for name in ("a.gguf", "b.gguf"):
        (stick / name).write_bytes(tiny_model.read_bytes() + name.encode())  # two files
    manager.data.ensure()
    read_only(manager.data.models)
    read_only(manager.data.root)
    (job_id,) = manager.import_paths([stick], copy=False)
    qtbot.waitUntil(lambda: manager.job(job_id).state == JobState.FAILED, timeout=60_000)
    message = manager.job(job_id).message
    assert "Unexpected error" not in message
    assert message.count("could not be written") == 2 and "a.gguf" in message
