"""Inspection plus the child-process probe, and the remembered verdicts."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from desktop.core.models import model_check
from desktop.core.models.model_check import ModelCheckError, VerdictCache, check_model, run_probe


def test_good_model_passes_and_verdict_is_remembered(model_copy, tmp_path, monkeypatch):
    verdicts = VerdictCache(tmp_path / "checks.json")
    info = check_model(model_copy, verdicts)
    assert info.architecture == "qwen2"

    def no_probe(*_a, **_k):
        raise AssertionError("probed again although the verdict was cached")

    monkeypatch.setattr(model_check, "run_probe", no_probe)
    check_model(model_copy, verdicts)


def test_changed_file_is_probed_again(model_copy, tmp_path, monkeypatch):
    verdicts = VerdictCache(tmp_path / "checks.json")
    check_model(model_copy, verdicts)
    stat = model_copy.stat()
    os.utime(model_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    calls = []
    monkeypatch.setattr(model_check, "run_probe", lambda *a, **k: calls.append(a))
    check_model(model_copy, verdicts)
    assert calls


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [("truncated_model", "tensor_out_of_bounds"), ("bad_magic_model", "bad_magic"),
     ("duplicate_tokens_model", "duplicate_tokens")],
)  # fmt: skip
def test_bad_files_are_refused_before_any_load(request, fixture, reason, monkeypatch):
    path = request.getfixturevalue(fixture)
    monkeypatch.setattr(model_check, "run_probe", lambda *a, **k: pytest.fail("probed"))
    with pytest.raises(ModelCheckError) as caught:
        check_model(path)
    assert caught.value.reason == reason
    assert path.name in str(caught.value)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ModelCheckError) as caught:
        check_model(tmp_path / "nowhere.gguf")
    assert caught.value.reason == "missing"


def test_probe_survives_llama_cpp_aborting_the_process(duplicate_tokens_model):
    """llama.cpp SIGABRTs on duplicate vocabulary; only the child dies."""
    with pytest.raises(ModelCheckError) as caught:
        run_probe(duplicate_tokens_model)
    assert "crashed" in str(caught.value)
    assert caught.value.reason == "probe_failed"


def test_failed_probe_verdict_is_remembered(model_copy, tmp_path, monkeypatch):
    verdicts = VerdictCache(tmp_path / "checks.json")

    def failing(*_a, **_k):
        raise ModelCheckError("llama.cpp could not load 'copy.gguf'", "probe_failed")

    monkeypatch.setattr(model_check, "run_probe", failing)
    with pytest.raises(ModelCheckError):
        check_model(model_copy, verdicts)
    monkeypatch.setattr(model_check, "run_probe", lambda *a, **k: None)
    with pytest.raises(ModelCheckError, match="could not load"):
        check_model(model_copy, verdicts)


def test_cancel_kills_a_slow_probe(tiny_model, monkeypatch):
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(ModelCheckError) as caught:
        run_probe(tiny_model, cancel=cancel)
    assert caught.value.reason == "cancelled"
    assert time.monotonic() - started < 10


def test_slow_probe_times_out_without_a_verdict(tiny_model, monkeypatch):
    slow = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(model_check, "probe_command", lambda _path: slow)
    with pytest.raises(ModelCheckError) as caught:
        run_probe(tiny_model, timeout=0.5)
    assert caught.value.reason == "probe_timeout"


def test_corrupt_verdict_file_is_ignored(model_copy, tmp_path):
    checks = tmp_path / "checks.json"
    checks.write_text("{not json", encoding="utf-8")
    check_model(model_copy, VerdictCache(checks))
    assert VerdictCache(checks).get(model_copy) == {"ok": True, "message": ""}


def test_verdicts_from_two_threads_are_all_kept(tmp_path, monkeypatch):
    # The import thread and the inference thread each hold a cache of the same file.
    files = []
    for i in range(8):
        path = tmp_path / f"model-{i}.gguf"
        path.write_bytes(b"GGUF" + bytes([i]))
        files.append(path)
    load = VerdictCache._load

    def slow_load(self):
        data = load(self)
        time.sleep(0.01)  # a slow disk: the other thread writes meanwhile
        return data

    monkeypatch.setattr(VerdictCache, "_load", slow_load)
    caches = [VerdictCache(tmp_path / "checks.json"), VerdictCache(tmp_path / "checks.json")]

    def put(n: int) -> None:
        for path in files[n::2]:
            caches[n].put(path, True, "")

    threads = [threading.Thread(target=put, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    fresh = VerdictCache(tmp_path / "checks.json")
    assert all(fresh.get(path) == {"ok": True, "message": ""} for path in files)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
