"""Hardware facts: parsing llama.cpp's system info and /proc/cpuinfo, the recommendation."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.core.system import hardware as hw
from desktop.core.system.hardware import GiB, HardwareFacts

X86_INFO = (
    b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | "
    b"AVX512 = 0 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | "
)
ARM_INFO = "CPU : NEON = 1 | ARM_FMA = 1 | FP16_VA = 1 | DOTPROD = 1 | LLAMAFILE = 1 | "
X86_CPUINFO = """processor\t: 0
model name\t: Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz
flags\t\t: fpu vme sse sse2 avx f16c fma avx2 bmi2
"""
ARM_CPUINFO = "processor\t: 0\nFeatures\t: fp asimd evtstrm aes crc32 asimddp\n"


def facts(**changes) -> HardwareFacts:
    base = HardwareFacts(
        cpu_model="Test CPU",
        machine="x86_64",
        os="TestOS 1",
        physical_cores=4,
        logical_cores=8,
        llama_features=hw.parse_system_info(X86_INFO),
        total_ram=8 * GiB,
        available_ram=5 * GiB,
    )
    return dataclasses.replace(base, **changes)


def test_system_info_is_parsed_into_flags():
    x86 = hw.parse_system_info(X86_INFO)
    assert x86["AVX2"] and x86["FMA"] and x86["F16C"] and not x86["AVX512"]
    assert hw.parse_system_info(ARM_INFO)["NEON"]
    assert hw.parse_system_info("") == {}


def test_cpuinfo_flags():
    x86 = hw.cpuinfo_flags(X86_CPUINFO)
    assert x86["AVX2"] and x86["FMA"] and not x86["AVX512"]
    arm = hw.cpuinfo_flags(ARM_CPUINFO)
    assert arm["NEON"] and arm["DOTPROD"]
    assert hw.cpuinfo_flags("processor : 0\n") == {}


def test_simd_prefers_what_llama_cpp_uses_and_knows_arm():
    assert facts().simd() == {"AVX": True, "AVX2": True, "AVX512": False, "FMA": True, "F16C": True}
    arm = facts(machine="aarch64", llama_features=hw.parse_system_info(ARM_INFO))
    assert arm.is_arm and arm.simd()["NEON"]
    # Without llama.cpp's report the CPU flags still answer.
    assert facts(llama_features={}, cpu_flags={"AVX2": True}).simd()["AVX2"]


@pytest.mark.parametrize(
    ("ram_gb", "cores", "features", "size", "code"),
    [
        (8, 4, X86_INFO, "1.5B", "small_ram"),
        (10.5, 6, X86_INFO, "1.5B", "small_ram"),
        (16, 8, X86_INFO, "7B", "enough_ram"),
        (15.6, 4, X86_INFO, "7B", "enough_ram"),  # a "16 GB" PC reports a little less
        (32, 1, b"CPU : SSE3 = 1 | AVX = 1 | ", "1.5B", "slow_cpu"),
    ],
)
def test_recommendation(ram_gb, cores, features, size, code):
    machine = facts(
        total_ram=int(ram_gb * GiB),
        physical_cores=cores,
        llama_features=hw.parse_system_info(features),
    )
    rec = hw.recommend(machine)
    assert rec.model.endswith(size) and rec.quantization == "Q4_K_M"
    assert rec.reason_code == code and rec.catalog_id == f"r1-qwen-{size.lower()}-q4_k_m"
    low, high = rec.tokens_per_s
    assert 0 < low <= high
    assert rec.speed_class in ("fast", "comfortable", "usable", "slow")


def test_a_cpu_without_avx2_is_slower_and_says_so():
    fast = hw.recommend(facts())
    slow = hw.recommend(facts(llama_features=hw.parse_system_info(b"CPU : AVX = 1 |")))
    assert slow.lacks_avx2 and "AVX2" in slow.reason
    assert slow.tokens_per_s[1] < fast.tokens_per_s[1]


def test_mlock_warning_only_when_the_limit_is_too_small():
    assert hw.mlock_warning(2 * GiB, limit=None) is None
    assert hw.mlock_warning(2 * GiB, limit=4 * GiB) is None
    warning = hw.mlock_warning(2 * GiB, limit=8 << 20)
    assert warning and "8 MB" in warning and "ulimit" in warning


def test_collect_reads_this_machine(tmp_path):
    here = hw.collect(tmp_path / "not-yet" / "models")
    assert here.physical_cores >= 1 and here.logical_cores >= here.physical_cores
    assert here.total_ram > 0 and 0 < here.available_ram <= here.total_ram
    assert here.disk_free and here.disk_free > 0  # measured on the nearest existing folder
    assert here.llama_system_info  # llama.cpp is installed in the test environment
    payload = json.loads(json.dumps(here.to_dict()))
    assert set(payload["simd"]) == set(here.relevant_features)


def test_report_names_the_facts_and_the_recommendation():
    text = hw.format_report(facts(models_dir="/m", disk_free=50 * GiB, memlock_limit=8 << 20))
    for needle in ("Test CPU", "4 physical, 8 logical", "AVX2 yes", "8.0 GB total", "50.0 GB free",
                   "8 MB", "1.5B Q4_K_M", "tokens per second"):  # fmt: skip
        assert needle in text
