"""Searching ModelScope and Hugging Face through their own libraries, against a loopback hub
that answers the libraries' real requests (tests/loopback_search.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from loopback_hub import sha256_of
from loopback_search import SearchHub, hub_libraries_online

from desktop.core.downloads.hub_clients import HubError, quantization_of, with_deadline
from desktop.core.downloads.hub_search import (
    SearchCache,
    SearchOptions,
    find_file,
    plan_hubs,
    rank,
    search,
)
from desktop.core.downloads.sources import Endpoints

R1_REPO = "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF"
QWEN_REPO = "bartowski/Qwen3-14B-GGUF"
FAST = SearchOptions(deadline=4.0, timeout=(2.0, 2.0))


@pytest.fixture
def hub(tmp_path: Path):
    blob = tmp_path / "blob.gguf"
    blob.write_bytes(b"GGUF" + bytes(range(256)) * 40)
    with SearchHub() as hub, hub_libraries_online():
        hub.add_repo(QWEN_REPO, license="apache-2.0", downloads=900)  # more popular
        hub.add_repo(R1_REPO, license="mit", downloads=10)
        hub.add_repo("someone/notes-14b", downloads=5)  # no GGUF files
        for quant in ("Q8_0", "Q4_K_M", "Q6_K"):
            hub.add(R1_REPO, f"DeepSeek-R1-Distill-Qwen-14B-{quant}.gguf", blob)
        hub.add(R1_REPO, "README.md", blob)
        hub.add(QWEN_REPO, "Qwen3-14B-IQ4_XS.gguf", blob)
        hub.add(QWEN_REPO, "mmproj-Qwen3-14B-F16.gguf", blob)
        yield hub


def endpoints(hub: SearchHub) -> Endpoints:
    return Endpoints(hub.url, hub.url, hub.url)


@pytest.mark.parametrize("choice", ["modelscope", "hf-mirror", "hf"])
def test_search_finds_gguf_repos_r1_distills_first(hub, tmp_path, choice):
    result = search("14b", plan_hubs(choice, endpoints(hub)), tmp_path, FAST)
    assert result.hub.kind == choice
    assert [r.repo for r in result.repos[:2]] == [R1_REPO, QWEN_REPO]
    r1 = result.repos[0]
    assert r1.license.lower() == "mit"
    assert r1.files is not None
    assert [f.quantization for f in r1.files] == ["Q8_0", "Q4_K_M", "Q6_K"] or {
        f.quantization for f in r1.files} == {"Q8_0", "Q4_K_M", "Q6_K"}  # fmt: skip
    blob = hub.files[(R1_REPO, "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf")]
    q4 = next(f for f in r1.files if f.quantization == "Q4_K_M")
    assert (q4.size, q4.sha256) == (blob.size, blob.sha256)
    qwen = result.repos[1]
    assert qwen.files is not None and [f.name for f in qwen.files] == ["Qwen3-14B-IQ4_XS.gguf"]
    # The requests were the libraries' own, not hand-built ones.
    paths = [p for _, p in hub.api_requests]
    if choice == "modelscope":
        assert any(p.startswith("/openapi/v1/models?") and "search=14b" in p for p in paths)
        assert any(p.startswith(f"/api/v1/models/{R1_REPO}/repo/files?") for p in paths)
    else:
        assert any(p.startswith("/api/models?") and "filter=gguf" in p for p in paths)
        assert any(p.startswith(f"/api/models/{R1_REPO}/tree/main") for p in paths)


def test_auto_fails_over_from_a_failing_modelscope(hub, tmp_path):
    hub.search_faults.statuses = [503]  # ModelScope's search fails (it does not retry here)
    notices: list[str] = []
    mirror = Endpoints(hub.url, hub.url, "http://127.0.0.1:9")
    result = search("14b", plan_hubs("auto", mirror), tmp_path, FAST, notice=notices.append)
    assert result.hub.kind == "hf-mirror"
    assert result.repos[0].repo == R1_REPO
    assert len(notices) == 1 and "ModelScope" in notices[0] and "503" in notices[0]


def test_a_stalled_hub_is_given_up_within_the_deadline(hub, tmp_path):
    hub.search_faults.stall_s = 3.0
    options = SearchOptions(deadline=0.8, timeout=(5.0, 5.0))
    started = time.monotonic()
    with pytest.raises(HubError) as caught:
        search("14b", plan_hubs("hf", endpoints(hub)), tmp_path, options)
    assert time.monotonic() - started < 2.5
    assert "did not answer within 0.8 s" in str(caught.value)


def test_no_network_is_refused_quickly_naming_every_hub(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with hub_libraries_online():
        started = time.monotonic()
        with pytest.raises(HubError) as caught:
            search("r1", plan_hubs("auto", Endpoints(dead, dead, dead)), tmp_path,
                   SearchOptions(deadline=3.0, timeout=(1.0, 1.0)))  # fmt: skip
    assert time.monotonic() - started < 10
    text = str(caught.value)
    assert "No hub could be searched" in text and "ModelScope" in text and "HF mirror" in text


@pytest.mark.parametrize("choice", ["modelscope", "hf"])
def test_a_hub_without_hashes_gives_files_without_sha256(hub, tmp_path, choice):
    hub.search_faults.no_hashes = True
    result = search("deepseek", plan_hubs(choice, endpoints(hub)), tmp_path, FAST)
    files = result.repos[0].files
    assert files and all(f.sha256 is None and f.size for f in files)


def test_find_file_by_repo_and_name(hub, tmp_path):
    spec = f"{R1_REPO}:DeepSeek-R1-Distill-Qwen-14B-Q6_K.gguf"
    found_hub, repo, file = find_file(spec, plan_hubs("hf", endpoints(hub)), tmp_path, FAST)
    assert (found_hub.kind, repo.repo, file.quantization) == ("hf", R1_REPO, "Q6_K")
    with pytest.raises(HubError, match="has no file"):
        find_file(f"{R1_REPO}:nope.gguf", plan_hubs("hf", endpoints(hub)), tmp_path, FAST)
    with pytest.raises(HubError, match="is not REPO:FILE"):
        find_file("just-a-name.gguf", plan_hubs("hf", endpoints(hub)), tmp_path, FAST)


def test_empty_query_is_refused_without_a_request(tmp_path):
    with pytest.raises(HubError, match="Type what to search for"):
        search("  ", plan_hubs("hf", Endpoints("http://127.0.0.1:9")), tmp_path, FAST)


def test_cache_keeps_results_for_a_while(hub, tmp_path):
    hubs = plan_hubs("hf", endpoints(hub))
    cache = SearchCache(ttl=60)
    assert cache.get("14B", hubs) is None
    result = search("14b", hubs, tmp_path, FAST)
    cache.put(result, hubs)
    assert cache.get(" 14B ", hubs) is result
    assert cache.get("14b", plan_hubs("modelscope", endpoints(hub))) is None
    cache.ttl = 0
    time.sleep(0.01)
    assert cache.get("14b", hubs) is None


@pytest.mark.parametrize(
    ("name", "quant"),
    [
        ("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "Q4_K_M"),
        ("Qwen3-8B-UD-Q4_K_XL.gguf", "UD-Q4_K_XL"),
        ("DeepSeek-R1-0528-Qwen3-8B-IQ4_XS.gguf", "IQ4_XS"),
        ("sub/Qwen3-32B-Q8_0-00001-of-00002.gguf", "Q8_0"),
        ("model-bf16.gguf", "BF16"),
        ("model.gguf", ""),
    ],
)
def test_quantization_from_file_names(name, quant):
    assert quantization_of(name) == quant


def test_rank_puts_r1_distills_first_then_downloads():
    from desktop.core.downloads.hub_clients import HubRepo

    repos = [HubRepo("a/Qwen3-8B-GGUF", downloads=50), HubRepo("b/DeepSeek-R1-GGUF", downloads=90),
             HubRepo("c/DeepSeek-R1-0528-Qwen3-8B-GGUF", downloads=1),
             HubRepo("d/DeepSeek-R1-Distill-Qwen-7B-GGUF", downloads=5)]  # fmt: skip
    assert [r.repo[0] for r in rank(repos)] == ["d", "c", "b", "a"]


def test_deadline_returns_values_and_reraises_errors():
    assert with_deadline(lambda: 42, 1.0, "t") == 42
    with pytest.raises(KeyError):
        with_deadline(lambda: {}["x"], 1.0, "t")


def test_importing_the_search_code_does_not_import_the_hub_libraries():
    code = ("import sys, desktop.core.downloads.hub_search, desktop.core.downloads.hub_fit; "
            "print([m for m in ('huggingface_hub', 'modelscope_hub', 'modelscope', 'httpx2') "
            "if m in sys.modules])")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_header_shape_read_from_the_hub(tiny_model, tmp_path):
    from desktop.core.downloads.hub_fit import header_shape
    from desktop.core.downloads.hub_search import Hub
    from desktop.core.downloads.transfer import Control, make_session
    from desktop.core.models.gguf_inspect import inspect_gguf

    info = inspect_gguf(tiny_model)
    with SearchHub() as hub, hub_libraries_online():
        hub.add("t/tiny-GGUF", "tiny-F32.gguf", tiny_model)
        for kind in ("modelscope", "hf"):
            from desktop.core.downloads.hub_clients import HubFile

            f = HubFile("t/tiny-GGUF", "main", "tiny-F32.gguf", tiny_model.stat().st_size,
                        sha256_of(tiny_model), "F32")  # fmt: skip
            with make_session(Control(), "test") as session:
                shape = header_shape(Hub(kind, hub.url), f, session, (2.0, 2.0))
            assert (shape.n_layer, shape.n_head_kv, shape.head_dim) == (
                info.n_layer, info.n_head_kv, info.head_dim)  # fmt: skip
        byte_requests = [r for _, path, r in hub.requests if "/lfs/" in path or "FilePath" in path]
        assert byte_requests and all(r.startswith("bytes=0-") for r in byte_requests)


def test_hf_endpoint_points_the_mirror_at_another_server(hub, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hub.url)  # as users in China set it for hf-mirror.com
    hubs = plan_hubs("hf-mirror", Endpoints.resolve())
    assert hubs[0].endpoint == hub.url
    result = search("14b", hubs, tmp_path, FAST)
    assert result.repos[0].repo == R1_REPO and result.hub.kind == "hf-mirror"


def test_hub_partials_keep_the_entry_of_an_unfinished_download(tmp_path):
    from desktop.core.downloads import hub_partials
    from desktop.core.downloads.hub_clients import HubFile, HubRepo
    from desktop.core.downloads.hub_fit import hub_entry
    from desktop.core.downloads.hub_search import Hub

    file = HubFile(R1_REPO, "main", "x-Q4_K_M.gguf", 1234, "a" * 64, "Q4_K_M")
    entry = hub_entry(Hub("hf", "http://127.0.0.1:9"), HubRepo(R1_REPO, "mit"), file, None)
    hub_partials.remember(tmp_path, entry)
    assert hub_partials.remembered(tmp_path) == []  # no .part: nothing to resume, note dropped
    assert not list(tmp_path.glob("*.hub.json"))
    hub_partials.remember(tmp_path, entry)
    (tmp_path / "x-Q4_K_M.gguf.part").write_bytes(b"GGUF")
    (back,) = hub_partials.remembered(tmp_path)
    assert back == entry and back.origin == "hub" and back.hf.repo == R1_REPO
    (tmp_path / "evil.gguf.hub.json").write_text('{"file": "../x.gguf"}', encoding="utf-8")
    (tmp_path / "bad.gguf.hub.json").write_text("not json", encoding="utf-8")
    assert hub_partials.remembered(tmp_path) == [entry]
    assert sorted(p.name for p in tmp_path.glob("*.hub.json")) == ["x-Q4_K_M.gguf.hub.json"]
