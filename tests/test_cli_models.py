"""``thinkdesk models ...`` through real subprocesses against a loopback hub: list, download
(failover, failure, Ctrl+C, SIGKILL and resume), import, verify, remove."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from loopback_hub import FILE, REPO, LoopbackHub, catalog_entry, write_catalog


def thinkdesk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, timeout=120, **kwargs)  # fmt: skip


@pytest.fixture
def hub(tiny_model):
    with LoopbackHub() as hub:
        hub.add(REPO, FILE, tiny_model)
        yield hub


@pytest.fixture
def catalog(tmp_path, tiny_model):
    return write_catalog(tmp_path / "catalog.json", catalog_entry(tiny_model))


@pytest.fixture
def data(tmp_path):
    return tmp_path / "portable"


def download_args(data, catalog, hub, *extra):
    return ("--data-dir", str(data), "models", "download", "tiny-r1", "--catalog", str(catalog),
            "--modelscope-endpoint", hub.url, "--hf-endpoint", hub.url, "--timeout", "1",
            "--backoff", "0.01", *extra)  # fmt: skip


def test_list_json_shows_catalog_fit_and_installed(data, catalog):
    done = thinkdesk("models", "list", "--json", "--data-dir", str(data), "--catalog", str(catalog))
    assert done.returncode == 0, done.stderr
    listing = json.loads(done.stdout)
    ids = [row["id"] for row in listing["catalog"]]
    assert ids[0] == "r1-qwen-1.5b-q4_k_m" and ids[-1] == "tiny-r1" and len(ids) == 8
    assert {row["fit"] for row in listing["catalog"]} <= {"good", "tight", "too_big"}
    assert listing["installed"] == [] and listing["default"] is None
    table = thinkdesk("models", "list", "--data-dir", str(data))
    assert table.returncode == 0 and "r1-qwen-7b-q4_k_m" in table.stdout


def test_download_fails_over_verifies_and_installs(data, catalog, hub, tiny_model):
    with LoopbackHub() as missing:  # ModelScope answers 404, the HF mirror has the file
        missing.faults.not_found = True
        args = list(download_args(data, catalog, hub))
        args[args.index("--modelscope-endpoint") + 1] = missing.url
        done = thinkdesk(*args)
    assert done.returncode == 0, done.stderr
    installed = data / "models" / FILE
    assert done.stdout.strip() == str(installed)
    assert installed.read_bytes() == tiny_model.read_bytes()
    assert "Trying HF mirror" in done.stderr and "Verified sha256" in done.stderr
    listing = json.loads(thinkdesk("--data-dir", str(data), "models", "list", "--json",
                                   "--catalog", str(catalog)).stdout)  # fmt: skip
    assert listing["default"] == "tiny-r1" and listing["installed"][0]["source"] == "hf-mirror"
    assert thinkdesk("--data-dir", str(data), "models", "verify").returncode == 0


def test_failed_download_exits_1_with_the_reason_and_installs_nothing(data, catalog, hub):
    hub.faults.corrupt = True
    done = thinkdesk(*download_args(data, catalog, hub, "--source", "modelscope"))
    assert done.returncode == 1
    assert "sha256 does not match" in done.stderr
    assert not (data / "models").exists() or not any((data / "models").iterdir())


def test_killed_download_resumes_and_redownloads_little(data, catalog, hub, tiny_model):
    size = tiny_model.stat().st_size
    hold = size * 93 // 100
    hub.faults.hold_at = hold
    part = data / "models" / (FILE + ".part")
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", *download_args(data, catalog, hub)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (part.exists() and part.stat().st_size == hold):
            assert time.monotonic() < deadline and child.poll() is None, "no progress"
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert not (data / "models" / FILE).exists()
    hub.release()
    assert hub.wait_idle()
    hub.reset_counters()
    done = thinkdesk(*download_args(data, catalog, hub))
    assert done.returncode == 0, done.stderr
    assert (data / "models" / FILE).read_bytes() == tiny_model.read_bytes()
    assert hub.bytes_served == size - hold < size // 10  # only the missing tail
    assert f"bytes={hold}-" in [r for _, _, r in hub.requests]


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_exits_130_and_keeps_the_part(data, catalog, hub):
    hub.faults.hold_at = 100_000
    child = subprocess.Popen([sys.executable, "-m", "desktop",
                              *download_args(data, catalog, hub, "--timeout", "20")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        part = data / "models" / (FILE + ".part")
        deadline = time.monotonic() + 30
        while not (part.exists() and part.stat().st_size == 100_000):
            assert time.monotonic() < deadline and child.poll() is None, "no progress"
            time.sleep(0.02)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=10)
    finally:
        child.kill()
    assert child.returncode == 130, err
    assert "partial download was kept" in err
    assert (data / "models" / (FILE + ".part")).stat().st_size == 100_000


def test_offline_setting_refuses_every_download(data, catalog, hub):
    data.mkdir()
    (data / "settings.ini").write_text("[network]\noffline=true\n", encoding="utf-8")
    done = thinkdesk(*download_args(data, catalog, hub))
    assert done.returncode == 1 and "offline" in done.stderr and hub.requests == []


def test_bad_catalog_and_unknown_id_are_clear_errors(data, tmp_path, hub):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "models": [{"id": "x"}]}))
    done = thinkdesk("models", "list", "--catalog", str(bad), "--data-dir", str(data))
    assert done.returncode == 1
    assert "bad.json: model #1: the field 'name' is missing" in done.stderr
    done = thinkdesk("models", "download", "nope", "--data-dir", str(data))
    assert done.returncode == 1 and "no catalog model is called 'nope'" in done.stderr


def test_import_verify_remove(data, catalog, model_copy, bad_magic_model):
    done = thinkdesk("--data-dir", str(data), "models", "import", str(model_copy), "--in-place",
                     "--catalog", str(catalog))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tiny-r1\t") and "recognised and verified" in done.stdout
    bad = thinkdesk("--data-dir", str(data), "models", "import", str(bad_magic_model))
    assert bad.returncode == 1 and "not a GGUF model file" in bad.stderr
    raw = bytearray(model_copy.read_bytes())
    raw[5000] ^= 0xFF
    model_copy.write_bytes(bytes(raw))
    verify = thinkdesk("--data-dir", str(data), "models", "verify", "tiny-r1")
    assert verify.returncode == 1 and "FAILED tiny-r1" in verify.stdout
    removed = thinkdesk("--data-dir", str(data), "models", "remove", "tiny-r1")
    assert removed.returncode == 0 and "stays" in removed.stdout
    assert model_copy.exists()
    assert thinkdesk("--data-dir", str(data), "models", "remove", "tiny-r1").returncode == 1


def test_remove_of_a_file_that_cannot_be_deleted_fails_cleanly(data, catalog, model_copy,
                                                               undeletable):  # fmt: skip
    done = thinkdesk("--data-dir", str(data), "models", "import", str(model_copy),
                     "--catalog", str(catalog))  # fmt: skip
    assert done.returncode == 0, done.stderr
    copied = next((data / "models").glob("*.gguf"))
    undeletable(copied)
    removed = thinkdesk("--data-dir", str(data), "models", "remove", "tiny-r1")
    assert removed.returncode == 1 and "could not be deleted" in removed.stderr
    assert "Traceback" not in removed.stderr and copied.exists()
    listed = thinkdesk("--data-dir", str(data), "models", "list", "--catalog", str(catalog))
    assert "tiny-r1" in listed.stdout
