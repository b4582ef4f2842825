"""Tests for desktop.core.system.llama_info: what llama.cpp build runs, and which CPU variant."""

from __future__ import annotations

from pathlib import Path

import llama_cpp
import pytest

from desktop.core.system import llama_info
from desktop.core.system.llama_info import (
    available_variants,
    ensure_backends_loaded,
    llama_build_info,
    parse_system_info,
    summary,
)

CPU_LINE = "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | AVX512 = 0 | LLAMAFILE = 1 | OPENMP = 1 | "


def test_parse_system_info_splits_backends_and_features():
    text = "CUDA : ARCHS = 890 | USE_GRAPHS = 1 | " + CPU_LINE
    parsed = parse_system_info(text)
    assert parsed["CUDA"] == {"ARCHS": "890", "USE_GRAPHS": "1"}
    assert parsed["CPU"]["AVX2"] == "1"
    assert parsed["CPU"]["AVX512"] == "0"


def test_parse_system_info_tolerates_junk():
    assert parse_system_info("") == {}
    assert parse_system_info("no features here | | ") == {}
    assert parse_system_info("AVX = 1 |") == {"": {"AVX": "1"}}


def test_available_variants_lists_shipped_cpu_backends_in_capability_order(tmp_path: Path):
    for name in (
        "libggml-cpu-haswell.so", "libggml-cpu-x64.so", "ggml-cpu-skylakex.dll",
        "libggml-cpu-sse42.so", "libggml-cpu.so", "libggml-base.so", "libggml-cpu-haswell.so.0",
    ):  # fmt: skip
        (tmp_path / name).write_bytes(b"")
    assert available_variants(tmp_path) == ["x64", "sse42", "haswell", "skylakex"]


def test_available_variants_of_a_missing_folder_is_empty(tmp_path: Path):
    assert available_variants(tmp_path / "nowhere") == []


def test_backends_load_once_and_stay_loaded():
    first = ensure_backends_loaded()
    assert first >= 1
    assert ensure_backends_loaded() == first
    assert "CPU" in llama_info.registered_backends()


def test_build_info_describes_the_running_llama_cpp():
    info = llama_build_info()
    assert "error" not in info, info.get("error")
    assert info["llama_cpp_python"] == llama_cpp.__version__
    assert info["system_info"].startswith("CPU")
    assert info["features"]["CPU"], "the CPU backend reports its instruction sets"
    assert "CPU" in info["backends"]
    assert Path(info["lib_dir"]).is_dir()
    if info["portable"]:
        assert info["cpu_variant"] in info["variants"]
        assert info["cpu_variant_label"]
    else:
        assert info["variants"] == []
        assert info["cpu_variant"] == "built-in"


def test_a_portable_build_reports_the_variant_it_mapped(monkeypatch: pytest.MonkeyPatch):
    lib = Path(llama_cpp.__file__).parent / "lib"
    monkeypatch.setattr(llama_info, "available_variants", lambda _dir=None: ["x64", "haswell"])
    monkeypatch.setattr(
        llama_info, "loaded_variant_path", lambda _dir=None: lib / "libggml-cpu-haswell.so"
    )
    info = llama_build_info()
    assert info["portable"] is True
    assert info["cpu_variant"] == "haswell"
    assert info["cpu_variant_label"] == "AVX2"
    assert "CPU variant haswell (AVX2)" in summary(info)
    assert "2 variants shipped" in summary(info)


def test_loaded_variant_is_read_from_the_process_memory_map():
    # This process has not mapped any ggml-cpu-<variant> library unless the build is portable.
    path = llama_info.loaded_variant_path()
    if llama_build_info()["portable"]:
        assert path is not None and path.is_file()
    else:
        assert path is None


def test_missing_llama_cpp_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch):
    def broken() -> int:
        raise OSError("libllama.so: cannot open shared object file")

    monkeypatch.setattr(llama_info, "ensure_backends_loaded", broken)
    info = llama_build_info()
    assert "libllama.so" in info["error"]
    assert "error: OSError" in summary(info)
