"""One writer per part file: downloads and imports, in one process or two."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry

from desktop.core.downloads.fetch import (
    Downloader,
    DownloadError,
    DownloadOptions,
    discard_idle_partial,
    part_paths,
)
from desktop.core.downloads.sources import Endpoints, plan_sources
from desktop.core.models.catalog import Catalog, parse_catalog
from desktop.core.models.importing import ModelImportError, import_model
from desktop.core.models.installed import Registry
from desktop.core.system.part_lock import PartBusy, PartLock
from desktop.core.system.paths import DataDir

ROOT = Path(__file__).resolve().parents[3]
HOLDER = """
import sys, time
from pathlib import Path
from desktop.core.system.part_lock import PartLock
lock = PartLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


def entry_for(model):
    return parse_catalog({"schema_version": 1, "models": [catalog_entry(model)]})[0]


def test_a_second_owner_is_refused_until_the_first_lets_go(tmp_path):
    part = tmp_path / "model.gguf.part"
    first = PartLock(part)
    first.acquire()
    with pytest.raises(PartBusy):
        PartLock(part).acquire()  # another thread of this process counts as another owner
    first.release()
    assert not (tmp_path / "model.gguf.part.lock").exists()
    with PartLock(part) as again:
        assert again.held


def test_the_lock_works_across_processes_and_dies_with_its_owner(tmp_path):
    part = tmp_path / "model.gguf.part"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(part)], stdout=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT)  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(PartBusy):
            PartLock(part).acquire()
    finally:
        child.kill()  # no clean-up runs: the operating system drops the lock
        child.wait(10)
    with PartLock(part) as lock:
        assert lock.held


@pytest.fixture
def hub(tiny_model):
    with LoopbackHub() as hub:
        hub.add(REPO, FILE, tiny_model)
        yield hub


def test_a_second_download_of_the_same_file_gets_a_clear_message(tiny_model, tmp_path, hub):
    entry = entry_for(tiny_model)
    models = tmp_path / "models"
    models.mkdir()
    _final, part, sidecar = part_paths(models, entry)
    part.write_bytes(tiny_model.read_bytes()[:100_000])
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    sources = plan_sources(entry, "modelscope", Endpoints.resolve(hub.url, hub.url, hub.url))
    with PartLock(part):  # the first download (the GUI, say) is writing it
        with pytest.raises(DownloadError) as caught:
            Downloader(entry, models, sources, DownloadOptions(check_memory=False)).run()
        assert caught.value.reason == "busy"
        assert "already being downloaded or imported" in str(caught.value)
        assert not discard_idle_partial(models, entry)  # "cancel" elsewhere leaves it alone
    assert part.read_bytes() == tiny_model.read_bytes()[:100_000] and hub.requests == []
    result = Downloader(entry, models, sources, DownloadOptions(check_memory=False)).run()
    assert result.path.read_bytes() == tiny_model.read_bytes()


def test_an_import_never_touches_the_part_of_a_download(tiny_model, tmp_path):
    data = DataDir(tmp_path / "data").ensure()
    entry = entry_for(tiny_model)
    catalog = Catalog([entry])
    _final, part, sidecar = part_paths(data.models, entry)
    part.write_bytes(b"downloaded so far")
    sidecar.write_text(f'{{"sha256": "{entry.sha256}"}}')
    # Being downloaded now: the import says so and writes nothing.
    with PartLock(part), pytest.raises(ModelImportError, match="being downloaded or imported"):
        import_model(tiny_model, Registry(data), catalog, copy=True)
    assert part.read_bytes() == b"downloaded so far"
    # A paused download's part is not the import's to overwrite or delete.
    registry = Registry(data)
    model = import_model(tiny_model, registry, catalog, copy=True)
    assert registry.path_of(model).read_bytes() == tiny_model.read_bytes()
    assert part.read_bytes() == b"downloaded so far"
