"""``thinkdesk models search`` and ``thinkdesk models download REPO:FILE`` as real
subprocesses, against a loopback hub that answers the hub libraries' requests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from loopback_search import SearchHub

R1 = "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF"
FILE = "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf"


def thinkdesk(*args: str) -> subprocess.CompletedProcess:
    # The suite's HF_HUB_OFFLINE guard is lifted for this child only: it is pointed at loopback.
    env = {**os.environ, "HF_HUB_OFFLINE": "0"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, timeout=120, env=env)  # fmt: skip


@pytest.fixture
def hub(tiny_model):
    with SearchHub() as hub:
        hub.add_repo(R1, license="mit", downloads=10)
        hub.add_repo("bartowski/Qwen3-14B-GGUF", license="apache-2.0", downloads=900)
        hub.add(R1, FILE, tiny_model)
        yield hub


def at(hub: SearchHub, data, *args: str) -> tuple[str, ...]:
    return ("--data-dir", str(data), "models", *args, "--modelscope-endpoint", hub.url,
            "--hf-endpoint", hub.url)  # fmt: skip


@pytest.mark.parametrize("source", ["modelscope", "hf"])
def test_search_json_lists_files_with_size_hash_and_fit(hub, tmp_path, tiny_model, source):
    done = thinkdesk(*at(hub, tmp_path, "search", "14b", "--json", "--source", source, "--fit"))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["hub"] == source
    assert [r["repo"] for r in out["repos"]][:2] == [R1, "bartowski/Qwen3-14B-GGUF"]
    (file,) = out["repos"][0]["files"]
    assert file["size"] == tiny_model.stat().st_size and len(file["sha256"]) == 64
    assert file["download"] == f"{R1}:{FILE}" and file["quantization"] == "Q4_K_M"
    assert file["fit"] == "good"  # --fit read the tiny model's header from the hub
    table = thinkdesk(*at(hub, tmp_path, "search", "deepseek", "--source", source))
    assert table.returncode == 0 and FILE in table.stdout and "licence mit" in table.stdout


def test_search_refuses_when_working_offline(hub, tmp_path):
    tmp_path.joinpath("settings.ini").write_text("[network]\noffline=true\n", encoding="utf-8")
    done = thinkdesk(*at(hub, tmp_path, "search", "r1"))
    assert done.returncode == 1 and "work offline" in done.stderr
    assert hub.api_requests == [] and hub.requests == []
    done = thinkdesk(*at(hub, tmp_path, "download", f"{R1}:{FILE}"))
    assert done.returncode == 1 and "offline" in done.stderr and hub.requests == []


def test_search_reports_every_failing_hub(hub, tmp_path):
    hub.search_faults.always = 500
    done = thinkdesk(*at(hub, tmp_path, "search", "r1", "--timeout", "3"))
    assert done.returncode == 1
    assert "No hub could be searched" in done.stderr and "ModelScope" in done.stderr


@pytest.mark.parametrize("hashes", [True, False])
def test_download_repo_file_verifies_probes_and_installs(hub, tmp_path, tiny_model, hashes):
    hub.search_faults.no_hashes = not hashes
    done = thinkdesk(*at(hub, tmp_path, "download", f"{R1}:{FILE}", "--source", "hf"))
    assert done.returncode == 0, done.stderr
    installed = tmp_path / "models" / FILE
    assert done.stdout.strip() == str(installed)
    assert installed.read_bytes() == tiny_model.read_bytes()
    registry = json.loads((tmp_path / "installed_models.json").read_text(encoding="utf-8"))
    (model,) = registry["models"]
    assert model["source"] == "hf" and model["catalog_id"] is None
    assert model["unverified_source"] is (not hashes) and model["verified"] is hashes
    assert ("unverified source" in done.stderr) is (not hashes)


def test_download_refuses_a_wrong_file_from_the_hub(hub, tmp_path, tiny_model):
    hub.faults.corrupt = True  # the bytes do not match the sha256 the hub's listing gives
    done = thinkdesk(*at(hub, tmp_path, "download", f"{R1}:{FILE}", "--source", "modelscope",
                         "--retries", "0", "--backoff", "0.01"))  # fmt: skip
    assert done.returncode == 1 and "sha256" in done.stderr
    assert not (tmp_path / "models" / FILE).exists()


def test_download_of_an_unknown_hub_file_says_so(hub, tmp_path):
    done = thinkdesk(*at(hub, tmp_path, "download", f"{R1}:nope-Q4_K_M.gguf", "--source", "hf"))
    assert done.returncode == 1 and "has no file nope-Q4_K_M.gguf" in done.stderr
