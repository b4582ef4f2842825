"""``thinkdesk hardware`` and ``thinkdesk models fit``: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.cli.models_fit import parse_size
from desktop.core.models.gguf_inspect import inspect_gguf
from desktop.core.models.memory_fit import CONTEXT_FLOOR, GiB, ModelFacts, estimate


def thinkdesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120
    )


def test_hardware_json_through_the_real_command(tmp_path):
    done = thinkdesk("--data-dir", str(tmp_path / "portable"), "hardware", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    facts, rec = report["hardware"], report["recommendation"]
    assert facts["physical_cores"] >= 1 and facts["logical_cores"] >= facts["physical_cores"]
    assert facts["total_ram"] >= facts["available_ram"] > 0
    assert facts["models_dir"].endswith("models") and facts["disk_free"] > 0
    assert facts["llama_system_info"] and isinstance(facts["simd"], dict)
    assert rec["quantization"] == "Q4_K_M" and rec["model"].startswith("DeepSeek-R1")
    assert rec["speed_class"] in ("fast", "comfortable", "usable", "slow")


def test_hardware_text_report(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "hardware"]) == 0
    out = capsys.readouterr().out
    assert "Cores:" in out and "Recommended:" in out and "tokens per second" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4G", 4 * GiB), ("6.5GB", int(6.5 * GiB)), ("4096M", 4 * GiB), ("4", 4 * GiB),
     ("2gib", 2 * GiB)],
)  # fmt: skip
def test_sizes(text, expected):
    assert parse_size(text) == expected


@pytest.fixture(scope="module")
def tiny_least(tiny_model) -> int:
    """Bytes the tiny model needs at the smallest usable context."""
    return estimate(ModelFacts.from_gguf_info(inspect_gguf(tiny_model)), CONTEXT_FLOOR).total


def test_fit_exits_0_when_it_fits(capsys, tiny_model):
    assert main(["models", "fit", str(tiny_model), "--memory-budget", "4G"]) == 0
    out = capsys.readouterr().out
    for needle in ("Weights:", "KV cache:", "Compute:", "Overhead:", "Total:", "fits"):
        assert needle in out


def test_fit_exits_4_when_it_does_not_fit(capsys, tiny_model, tiny_least):
    budget = f"{(tiny_least - 4096) / (1 << 20):.2f}M"
    assert main(["models", "fit", str(tiny_model), "--memory-budget", budget, "--json"]) == 4
    result = json.loads(capsys.readouterr().out)
    assert result["fits"] is False and result["n_ctx"] == CONTEXT_FLOOR
    assert result["estimate"]["total"] == tiny_least and "does not fit" in result["message"]


def test_fit_shrinks_the_context_and_honours_ctx(capsys, tiny_model, tiny_least):
    budget = f"{(tiny_least + 4096) / (1 << 20):.2f}M"
    assert main(["models", "fit", str(tiny_model), "--memory-budget", budget, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_ctx"] == CONTEXT_FLOOR
    assert main(["models", "fit", str(tiny_model), "--ctx", "1024", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_ctx"] == 1024


def test_fit_exit_4_through_the_real_command(tiny_model):
    done = thinkdesk("models", "fit", str(tiny_model), "--memory-budget", "1M")
    assert done.returncode == 4 and "does not fit" in done.stdout


def test_fit_by_catalog_id(capsys):
    catalog = pytest.importorskip("desktop.core.models.catalog")
    if not hasattr(catalog, "load_catalog"):
        pytest.skip("the catalog has no lookup yet")
    assert main(["models", "fit", "r1-qwen-7b-q4_k_m", "--memory-budget", "4G"]) == 4
    assert "1.5B model" in capsys.readouterr().out
    assert main(["models", "fit", "r1-qwen-1.5b-q4_k_m", "--memory-budget", "4G"]) == 0


def test_fit_errors(capsys, tmp_path, bad_magic_model):
    assert main(["models", "fit", "no-such-model-id"]) == 2
    assert "unknown model id" in capsys.readouterr().err
    assert main(["models", "fit", str(bad_magic_model)]) == 3
    assert main(["models", "fit", str(tmp_path / "absent.gguf")]) == 3
    with pytest.raises(SystemExit) as usage:
        main(["models", "fit", "x", "--memory-budget", "lots"])
    assert usage.value.code == 2
