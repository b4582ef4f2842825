"""Downloads against loopback hubs speaking the ModelScope and HF protocols, with the faults of
a flaky office network and a bad mirror. Every test ends with the verified file installed or a
clear error and nothing installed."""

from __future__ import annotations

import threading
import time
from collections import namedtuple

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry
from loopback_search import hub_libraries_online

from desktop.core.downloads import transfer
from desktop.core.downloads.fetch import (
    Control,
    Downloader,
    DownloadError,
    DownloadOptions,
    part_paths,
)
from desktop.core.downloads.sources import Endpoints, plan_sources
from desktop.core.models.catalog import parse_catalog

FAST = DownloadOptions(connect_timeout=1.0, read_timeout=0.5, retries=2, backoff=0.01,
                       backoff_max=0.05, chunk_size=64 * 1024)  # fmt: skip
Run = namedtuple("Run", "result error notices progress models")


def entry_for(model, **changes):
    return parse_catalog({"schema_version": 1, "models": [catalog_entry(model, **changes)]})[0]


@pytest.fixture(autouse=True)
def _libraries_reach_loopback():
    """Every source here is a loopback hub: the hub libraries may ask it for file facts."""
    with hub_libraries_online():
        yield


@pytest.fixture
def hubs(tiny_model):
    with LoopbackHub() as ms, LoopbackHub() as hf:
        ms.add(REPO, FILE, tiny_model)
        hf.add(REPO, FILE, tiny_model)
        yield ms, hf


def fetch(entry, tmp_path, ms, hf, choice="auto", options=FAST, control=None) -> Run:
    models = tmp_path / "models"
    notices, progress = [], []
    sources = plan_sources(entry, choice, Endpoints.resolve(ms.url, hf.url, hf.url))
    downloader = Downloader(entry, models, sources, options, progress=progress.append,
                            notice=notices.append, control=control)  # fmt: skip
    try:
        return Run(downloader.run(), None, notices, progress, models)
    except DownloadError as err:
        return Run(None, err, notices, progress, models)


def assert_installed(run, tiny_model, kind):
    assert run.error is None, run.error
    assert run.result.source == kind
    assert run.result.path.read_bytes() == tiny_model.read_bytes()
    assert sorted(p.name for p in run.models.iterdir()) == [FILE]  # no .part, no sidecar


def assert_nothing_installed(run):
    assert run.result is None and run.error is not None
    assert not any(run.models.iterdir()), list(run.models.iterdir())


def test_modelscope_download_reports_progress(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    size = tiny_model.stat().st_size
    assert ms.bytes_served == size and hf.bytes_served == 0
    assert any("/repo/files?" in path for _, path, _ in ms.requests)  # the listing
    last = [p for p in run.progress if p.phase == "downloading"][-1]
    assert (last.done, last.total) == (size, size) and last.source.startswith("ModelScope")
    assert run.progress[-1].phase == "verifying"


def test_hf_mirror_uses_head_facts_and_redirect(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf, choice="hf-mirror")
    assert_installed(run, tiny_model, "hf-mirror")
    methods = [(m, p.split("?")[0]) for m, p, _ in hf.requests]
    assert ("HEAD", f"/{REPO}/resolve/main/{FILE}") in methods
    assert any(p.startswith("/lfs/") for m, p in methods if m == "GET")  # followed the 302


def test_approximate_size_is_taken_from_the_tree_api(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    hf.faults.no_linked = True
    entry = entry_for(tiny_model, size=None, approx_size=500_000)
    run = fetch(entry, tmp_path, ms, hf, choice="hf")
    assert_installed(run, tiny_model, "hf")
    assert any("/tree/main" in p for _, p, _ in hf.requests)


def test_dropped_connection_resumes_with_range(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.drop_at = 200_000
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert ("bytes=200000-") in [r for _, _, r in ms.requests]
    assert ms.bytes_served == tiny_model.stat().st_size  # nothing fetched twice
    assert any("broke off after 200,000 bytes" in n for n in run.notices)


def test_server_errors_are_retried_with_backoff(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.statuses = [503, 500]
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert sum("answered 50" in n for n in run.notices) == 2


def test_persistent_5xx_and_404_fail_over_and_say_so(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.statuses = [503] * 10
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "hf-mirror")
    assert any("Trying HF mirror" in n for n in run.notices)
    ms.faults.statuses, ms.faults.not_found = [], True
    run = fetch(entry_for(tiny_model), tmp_path / "again", ms, hf)
    assert_installed(run, tiny_model, "hf-mirror")
    assert any("does not have the file (404)" in n for n in run.notices)


def test_tls_error_fails_over_at_once(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    entry = entry_for(tiny_model)
    sources = plan_sources(entry, "auto", Endpoints.resolve(ms.url.replace("http:", "https:"),
                                                           hf.url))  # fmt: skip
    notices = []
    result = Downloader(entry, tmp_path, sources, FAST, notice=notices.append).run()
    assert result.source == "hf-mirror"
    assert "secure connection" in notices[0] and "Trying HF mirror" in notices[0]


def test_stall_longer_than_read_timeout_is_noticed(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.stall_at, ms.faults.stall_s = 100_000, 5.0
    started = time.monotonic()
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert time.monotonic() - started < 3.0
    assert any("no data arrived for 0.5 s" in n for n in run.notices)


def test_wrong_bytes_are_deleted_and_never_installed(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.corrupt = hf.faults.corrupt = True
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_nothing_installed(run)
    assert run.error.reason == "failed" and "sha256 does not match" in str(run.error)


def test_tampered_source_fails_over_to_a_good_one(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.corrupt = True
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "hf-mirror")


def test_source_announcing_another_version_is_skipped(tiny_model, tmp_path, hubs, models_dir):
    ms, hf = hubs
    other = models_dir / "other.gguf"
    data = tiny_model.read_bytes()
    other.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    ms.add(REPO, FILE, other)  # same name, different bytes: listing reports another sha256
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "hf-mirror")
    assert ms.bytes_served == 0 and "different version" in run.notices[0]


def test_server_ignoring_range_restarts_from_zero(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.drop_at, ms.faults.ignore_range = 150_000, True
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert ms.bytes_served == 150_000 + tiny_model.stat().st_size
    assert any("cannot resume" in n for n in run.notices)


def test_short_file_is_refused(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.short = 300_000
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf, choice="modelscope")
    assert_nothing_installed(run)
    assert "300,000 bytes" in str(run.error)


def test_short_file_without_pinned_size_fails_verification(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    hf.faults.short, hf.faults.no_facts = 300_000, True  # no size from HEAD or the tree API
    entry = entry_for(tiny_model, size=None, approx_size=450_000)
    run = fetch(entry, tmp_path, ms, hf, choice="hf")
    assert_nothing_installed(run)
    assert "failed verification" in str(run.error)


def test_resumes_a_part_left_by_an_earlier_run(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    entry = entry_for(tiny_model)
    models = tmp_path / "models"
    models.mkdir()
    _final, part, sidecar = part_paths(models, entry)
    part.write_bytes(tiny_model.read_bytes()[:300_000])
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    run = fetch(entry, tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert ms.bytes_served == tiny_model.stat().st_size - 300_000
    assert any(p.phase == "checking" for p in run.progress) or True  # fast disks skip reports


def test_part_of_another_file_or_damaged_is_not_trusted(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    entry = entry_for(tiny_model)
    models = tmp_path / "models"
    models.mkdir()
    _final, part, sidecar = part_paths(models, entry)
    part.write_bytes(b"x" * 300_000)  # no sidecar: from who knows where
    run = fetch(entry, tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert ms.bytes_served == tiny_model.stat().st_size
    # A damaged part with the right sidecar: verification fails, one fresh try succeeds.
    run.result.path.unlink()
    part.write_bytes(b"x" * 300_000)
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    ms.reset_counters()
    run = fetch(entry, tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert any("downloading again from the start" in n for n in run.notices)


def test_file_already_in_place_is_verified_without_network(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    models = tmp_path / "models"
    models.mkdir()
    (models / FILE).write_bytes(tiny_model.read_bytes())
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert run.result.source == "existing" and ms.requests == [] and hf.requests == []


def test_pause_is_prompt_even_on_a_stalled_server_and_keeps_the_part(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.hold_at = 200_000
    control = Control()
    options = DownloadOptions(read_timeout=30, backoff=0.01)  # the stall alone would take 30 s
    runs: list[Run] = []
    thread = threading.Thread(target=lambda: runs.append(fetch(
        entry_for(tiny_model), tmp_path, ms, hf, options=options, control=control)))  # fmt: skip
    thread.start()
    assert ms.held.wait(10)
    part = part_paths(tmp_path / "models", entry_for(tiny_model))[1]
    deadline = time.monotonic() + 10
    while not (part.exists() and part.stat().st_size == 200_000):  # all that was sent arrived
        assert time.monotonic() < deadline
        time.sleep(0.01)
    started = time.monotonic()
    control.pause()
    thread.join(5)
    assert time.monotonic() - started < 2.0
    (run,) = runs
    assert run.error.reason == "paused"
    assert part.stat().st_size == 200_000 and part.with_suffix(".part.json").is_file()
    ms.release()
    assert ms.wait_idle()
    ms.reset_counters()
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert_installed(run, tiny_model, "modelscope")
    assert ms.bytes_served == tiny_model.stat().st_size - 200_000


def test_cancel_deletes_the_part(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.hold_at = 100_000
    control = Control()
    runs: list[Run] = []
    thread = threading.Thread(target=lambda: runs.append(fetch(
        entry_for(tiny_model), tmp_path, ms, hf, control=control)))  # fmt: skip
    thread.start()
    assert ms.held.wait(10)
    control.cancel()
    thread.join(5)
    assert runs[0].error.reason == "cancelled"
    assert_nothing_installed(runs[0])


def test_refuses_without_disk_space_or_memory(tiny_model, tmp_path, hubs, monkeypatch):
    ms, hf = hubs
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf,
                options=DownloadOptions(memory_budget=1024))  # fmt: skip
    assert run.error.reason == "memory" and "GB" in str(run.error)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(transfer.shutil, "disk_usage", lambda path: usage(10, 10, 1000))
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert run.error.reason == "disk_space" and "free" in str(run.error)
    assert ms.requests == []


def test_every_source_down_gives_one_clear_error(tiny_model, tmp_path):
    entry = entry_for(tiny_model)
    with LoopbackHub() as dead:
        url = dead.url
    sources = plan_sources(entry, "auto", Endpoints.resolve(url, url, url))
    with pytest.raises(DownloadError) as err:
        Downloader(entry, tmp_path, sources, FAST).run()
    # Refused, not "broke off after 0 bytes"; and the way out when there is no internet.
    assert err.value.reason == "unreachable" and "connection refused" in str(err.value)
    assert "broke off" not in str(err.value)
    assert "work offline" in str(err.value) and "USB stick" in str(err.value)
    assert not any(tmp_path.glob("*.gguf*"))
    with pytest.raises(DownloadError, match="No download source"):
        Downloader(entry, tmp_path, [], FAST).run()


def test_an_unknown_host_is_told_apart_from_a_broken_connection(tiny_model, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    import socket

    def no_dns(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)  # no real lookup leaves this PC
    entry = entry_for(tiny_model)
    url = "http://thinkdesk-no-such-host.invalid"
    sources = plan_sources(entry, "modelscope", Endpoints.resolve(url, url, url))
    with pytest.raises(DownloadError) as err:
        Downloader(entry, tmp_path, sources, FAST).run()
    assert err.value.reason == "unreachable" and "looked up" in str(err.value)


def test_one_source_reached_is_not_called_unreachable(tiny_model, tmp_path, hubs):
    ms, _hf = hubs
    ms.faults.not_found = True  # reached, but without the file
    with LoopbackHub() as dead:
        url = dead.url
    sources = plan_sources(entry_for(tiny_model), "auto", Endpoints.resolve(ms.url, url, url))
    with pytest.raises(DownloadError) as err:
        Downloader(entry_for(tiny_model), tmp_path, sources, FAST).run()
    assert err.value.reason == "failed" and "USB" not in str(err.value)


def test_disk_full_mid_download_keeps_the_part_and_says_so(tiny_model, tmp_path, hubs, monkeypatch):
    ms, hf = hubs

    def full(self, resp, hasher, source):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Downloader, "_stream", full)
    run = fetch(entry_for(tiny_model), tmp_path, ms, hf)
    assert run.error.reason == "disk" and "No space left on device" in str(run.error)
    assert not (run.models / FILE).exists()
