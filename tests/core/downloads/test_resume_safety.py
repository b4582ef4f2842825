"""A resume never gives up the bytes already downloaded for a reply that is not the file:
a captive portal's sign-in page (hotel Wi-Fi), or a server that ignores Range and sends
something shorter than the file."""

from __future__ import annotations

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry

from desktop.core.downloads.fetch import Downloader, DownloadError, DownloadOptions, part_paths
from desktop.core.downloads.sources import Endpoints, plan_sources
from desktop.core.models.catalog import parse_catalog

FAST = DownloadOptions(connect_timeout=1.0, read_timeout=0.5, retries=1, backoff=0.01,
                       backoff_max=0.02, chunk_size=64 * 1024)  # fmt: skip
KEPT = 300_000


def entry_for(model, **changes):
    return parse_catalog({"schema_version": 1, "models": [catalog_entry(model, **changes)]})[0]


@pytest.fixture
def hubs(tiny_model):
    with LoopbackHub() as ms, LoopbackHub() as hf:
        ms.add(REPO, FILE, tiny_model)
        hf.add(REPO, FILE, tiny_model)
        yield ms, hf


def resume(entry, tmp_path, ms, hf, tiny_model):
    """Leave a verified-looking part of KEPT bytes, then run the download; returns
    (error, notices, part path)."""
    models = tmp_path / "models"
    models.mkdir(exist_ok=True)
    _final, part, sidecar = part_paths(models, entry)
    part.write_bytes(tiny_model.read_bytes()[:KEPT])
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    notices: list[str] = []
    sources = plan_sources(entry, "auto", Endpoints.resolve(ms.url, hf.url, hf.url))
    downloader = Downloader(entry, models, sources, FAST, notice=notices.append)
    with pytest.raises(DownloadError) as caught:
        downloader.run()
    return caught.value, notices, part


def test_captive_portal_page_keeps_the_part_and_says_what_happened(tiny_model, tmp_path, hubs):
    ms, hf = hubs
    ms.faults.portal = hf.faults.portal = True
    error, notices, part = resume(entry_for(tiny_model), tmp_path, ms, hf, tiny_model)
    assert part.read_bytes() == tiny_model.read_bytes()[:KEPT]  # not one byte lost
    assert error.reason == "failed"
    assert "web page (text/html)" in str(error) and "sign-in" in str(error)
    assert not any("starting from the beginning" in n for n in notices)


def test_portal_on_the_first_source_fails_over_and_the_resume_completes(tiny_model, tmp_path,
                                                                         hubs):  # fmt: skip
    ms, hf = hubs
    ms.faults.portal = True
    models = tmp_path / "models"
    models.mkdir()
    entry = entry_for(tiny_model)
    _final, part, sidecar = part_paths(models, entry)
    part.write_bytes(tiny_model.read_bytes()[:KEPT])
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    sources = plan_sources(entry, "auto", Endpoints.resolve(ms.url, hf.url, hf.url))
    result = Downloader(entry, models, sources, FAST).run()
    assert result.path.read_bytes() == tiny_model.read_bytes()
    assert hf.bytes_served == tiny_model.stat().st_size - KEPT  # resumed, not restarted


def test_whole_file_reply_of_the_wrong_length_does_not_truncate_the_part(tiny_model, tmp_path,
                                                                          hubs):  # fmt: skip
    ms, hf = hubs
    for hub in hubs:
        hub.faults.ignore_range, hub.faults.short = True, 200_000
    entry = entry_for(tiny_model)
    error, notices, part = resume(entry, tmp_path, ms, hf, tiny_model)
    assert part.read_bytes() == tiny_model.read_bytes()[:KEPT]
    assert "not the whole file" in str(error) or "200,000" in str(error)
    assert not any("starting from the beginning" in n for n in notices)


def test_portal_length_is_not_taken_for_the_file_size(tiny_model, tmp_path, hubs):
    # Without a pinned size, the portal page's Content-Length (from HEAD) must not shrink the
    # expected size below the part and so restart it.
    ms, hf = hubs
    ms.faults.portal = hf.faults.portal = True
    entry = entry_for(tiny_model, size=None, approx_size=450_000)
    error, _notices, part = resume(entry, tmp_path, ms, hf, tiny_model)
    assert part.read_bytes() == tiny_model.read_bytes()[:KEPT]
    assert "web page" in str(error)
