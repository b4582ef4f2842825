"""What this PC offers a CPU-only llama.cpp: cores, SIMD, RAM, disk, and what to run on it.

Everything here is read-only and cheap (no benchmark): /proc/cpuinfo or the registry, psutil,
and ``llama_cpp.llama_print_system_info()``, which names the instruction sets the loaded
llama.cpp build actually uses (that, not the CPU alone, decides the speed).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

GiB = 1 << 30

#: Instruction sets that matter to llama.cpp's CPU kernels, per architecture family.
X86_FEATURES = ("AVX", "AVX2", "AVX512", "FMA", "F16C")
ARM_FEATURES = ("NEON", "ARM_FMA", "DOTPROD")
#: /proc/cpuinfo flag for each feature (x86 "flags", ARM "Features").
_CPUINFO_FLAGS = {
    "AVX": "avx", "AVX2": "avx2", "AVX512": "avx512f", "FMA": "fma", "F16C": "f16c",
    "NEON": "asimd", "ARM_FMA": "asimd", "DOTPROD": "asimddp",
}  # fmt: skip


@dataclass(frozen=True)
class HardwareFacts:
    """A snapshot of the machine. Sizes in bytes; 0 or None when unknown."""

    cpu_model: str
    machine: str
    os: str
    physical_cores: int
    logical_cores: int
    llama_features: dict[str, bool] = field(default_factory=dict)
    cpu_flags: dict[str, bool] = field(default_factory=dict)
    llama_system_info: str = ""
    total_ram: int = 0
    available_ram: int = 0
    models_dir: str | None = None
    disk_free: int | None = None
    memlock_limit: int | None = None  # None: no limit (or the OS has none)

    @property
    def is_arm(self) -> bool:
        return self.machine.lower() in ("arm64", "aarch64") or self.machine.lower().startswith(
            "arm"
        )

    @property
    def relevant_features(self) -> tuple[str, ...]:
        return ARM_FEATURES if self.is_arm else X86_FEATURES

    def simd(self) -> dict[str, bool]:
        """Each relevant instruction set: used by llama.cpp, else seen in the CPU flags."""
        return {
            name: self.llama_features.get(name, self.cpu_flags.get(name, False))
            for name in self.relevant_features
        }

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "simd": self.simd()}


@dataclass(frozen=True)
class Recommendation:
    """Which model this PC should run, and how fast to expect it to be."""

    model: str
    quantization: str
    catalog_id: str
    speed_class: str  # "fast", "comfortable", "usable" or "slow"
    tokens_per_s: tuple[float, float]
    reason: str
    #: Why, as a code the UI words in its own language: "small_ram", "enough_ram", "slow_cpu".
    reason_code: str = "small_ram"
    lacks_avx2: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def parse_system_info(text: str | bytes) -> dict[str, bool]:
    """``"CPU : SSE3 = 1 | AVX = 1 | ..."`` -> ``{"SSE3": True, "AVX": True, ...}``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    features: dict[str, bool] = {}
    for part in text.replace("\n", "|").split("|"):
        name, sep, value = part.rpartition("=")
        name = name.rsplit(":", 1)[-1].strip()
        if sep and name and value.strip().isdigit():
            features[name] = value.strip() != "0"
    return features


def llama_system_info() -> str:
    """What llama.cpp reports about its build and this CPU ("" if it cannot be loaded)."""
    try:
        import llama_cpp

        info = llama_cpp.llama_print_system_info()
    except Exception:  # a broken llama.cpp install must not break the hardware report
        return ""
    return info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)


def cpuinfo_flags(text: str | None = None) -> dict[str, bool]:
    """Relevant features from /proc/cpuinfo (Linux); {} where that file does not exist."""
    if text is None:
        try:
            text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return {}
    flags: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() in ("flags", "features"):
            flags.update(value.split())
            break  # every core lists the same flags
    if not flags:
        return {}
    return {name: flag in flags for name, flag in _CPUINFO_FLAGS.items()}


def cpu_model_name() -> str:
    """The marketing name of the CPU, e.g. "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz"."""
    try:
        if sys.platform.startswith("linux"):
            for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Hardware", "Model") and value.strip():
                    return value.strip()
        elif sys.platform == "win32":
            import winreg

            key = r"HARDWARE\DESCRIPTION\System\CentralProcessor\0"
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key) as handle:
                return str(winreg.QueryValueEx(handle, "ProcessorNameString")[0]).strip()
        elif sys.platform == "darwin":
            out = subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"],
                capture_output=True, text=True, timeout=5, check=False,
            )  # fmt: skip
            if out.stdout.strip():
                return out.stdout.strip()
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def memlock_limit_bytes() -> int | None:
    """How much memory this process may lock (RLIMIT_MEMLOCK); None if unlimited or no such
    limit exists on this OS (Windows grows the working set for VirtualLock as needed)."""
    try:
        import resource
    except ImportError:
        return None
    try:
        soft, _hard = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    except (OSError, ValueError, AttributeError):
        return None
    return None if soft == resource.RLIM_INFINITY or soft < 0 else int(soft)


_READ_LIMIT = -1


def mlock_warning(needed_bytes: int, limit: int | None = _READ_LIMIT) -> str | None:
    """A sentence if locking ``needed_bytes`` would exceed the OS limit, else None.

    ``limit`` is a known limit (None: unlimited); by default it is read from the OS.
    """
    if limit == _READ_LIMIT:
        limit = memlock_limit_bytes()
    if limit is None or limit >= needed_bytes:
        return None
    return (
        f"This system lets a program lock only {format_bytes(limit)} of memory but the model "
        f"needs about {needed_bytes / GiB:.2f} GB, so locking will fail and the model may "
        "still be swapped out. Raise the limit (ulimit -l, or LimitMEMLOCK for a service) or "
        "leave this off."
    )


def format_bytes(n_bytes: int) -> str:
    """``8 MB`` below a gigabyte, else ``1.25 GB`` (binary units, as OSes label RAM)."""
    if n_bytes < GiB:
        return f"{n_bytes / (1 << 20):.0f} MB"
    return f"{n_bytes / GiB:.2f} GB"


def collect(models_dir: str | os.PathLike[str] | None = None) -> HardwareFacts:
    """Read the facts of this machine (``models_dir``: where disk space matters)."""
    physical = logical = os.cpu_count() or 1
    total = available = 0
    try:
        import psutil

        logical = psutil.cpu_count(logical=True) or logical
        physical = psutil.cpu_count(logical=False) or logical
        memory = psutil.virtual_memory()
        total, available = int(memory.total), int(memory.available)
    except Exception:  # psutil can fail in sandboxes; the report stays useful without it
        pass
    disk_free = None
    folder = None
    if models_dir is not None:
        folder = Path(models_dir)
        probe = folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent  # the models folder may not exist yet; its drive does
        try:
            disk_free = shutil.disk_usage(probe).free
        except OSError:
            disk_free = None
    info = llama_system_info()
    return HardwareFacts(
        cpu_model=cpu_model_name(),
        machine=platform.machine() or "unknown",
        os=f"{platform.system()} {platform.release()}".strip(),
        physical_cores=int(physical),
        logical_cores=int(logical),
        llama_features=parse_system_info(info),
        cpu_flags=cpuinfo_flags(),
        llama_system_info=info.strip(),
        total_ram=total,
        available_ram=available,
        models_dir=str(folder) if folder is not None else None,
        disk_free=disk_free,
        memlock_limit=memlock_limit_bytes(),
    )


# Rough decode speeds for Q4_K_M with AVX2-class kernels: tokens/s per physical core, and the
# ceiling set by memory bandwidth (~15-35 GB/s on office PCs) over the bytes read per token.
_PER_CORE = {"1.5B": 5.0, "7B": 1.2}
_MODEL_GB = {"1.5B": 1.1, "7B": 4.7}
_BANDWIDTH_GB_S = (15.0, 35.0)
_SPEED_CLASSES = ((15.0, "fast"), (7.0, "comfortable"), (3.0, "usable"), (0.0, "slow"))


#: Below this many tokens per second (the low estimate) a model is too slow to be practical:
#: the recommendation and the model manager's "This PC" column both use it.
SLOW_TOKENS_PER_S = 2.0


def expected_speed(
    facts: HardwareFacts, size: str, weights_gb: float | None = None
) -> tuple[float, float]:
    """A rough (low, high) decode speed in tokens/s for the R1 distill of ``size``; other
    quantizations than Q4_K_M give their ``weights_gb`` (every token reads all weights)."""
    simd = facts.simd()
    fast_kernels = simd.get("AVX2") or simd.get("NEON")
    weights = weights_gb or _MODEL_GB[size]
    per_core = _PER_CORE[size] * _MODEL_GB[size] / weights * (1.0 if fast_kernels else 0.35)
    compute = per_core * max(1, facts.physical_cores)
    low = min(compute * 0.6, _BANDWIDTH_GB_S[0] / weights)
    high = min(compute, _BANDWIDTH_GB_S[1] / weights)
    return round(low, 1), round(max(low, high), 1)


def speed_class(tokens_per_s: float) -> str:
    return next(name for floor, name in _SPEED_CLASSES if tokens_per_s >= floor)


def recommend(facts: HardwareFacts) -> Recommendation:
    """1.5B Q4_K_M under 12 GB of RAM, 7B Q4_K_M from 12 GB (if it would not crawl)."""
    ram = facts.total_ram / GiB
    size, code = "1.5B", "small_ram"
    why = (
        f"With {ram:.0f} GB of RAM the 1.5B model leaves room for your other programs; "
        "the 7B model needs 12 GB or more."
    )
    if ram + 0.6 >= 12:  # a "12 GB" PC reports a little less
        low, _high = expected_speed(facts, "7B")
        if low >= SLOW_TOKENS_PER_S:
            size, code = "7B", "enough_ram"
            why = (
                f"With {ram:.0f} GB of RAM and {facts.physical_cores} cores the 7B model fits "
                "and reasons noticeably better than the 1.5B."
            )
        else:
            code = "slow_cpu"
            why = (
                f"The 7B model would fit in {ram:.0f} GB of RAM, but with "
                f"{facts.physical_cores} cores it would answer very slowly; the 1.5B is the "
                "practical choice."
            )
    speed = expected_speed(facts, size)
    simd = facts.simd()
    lacks_avx2 = not (simd.get("AVX2") or simd.get("NEON"))
    if lacks_avx2:
        why += " This CPU lacks AVX2, so expect about a third of the usual speed."
    catalog_id = f"r1-qwen-{size.lower()}-q4_k_m"
    return Recommendation(
        model=f"DeepSeek-R1-Distill-Qwen {size}",
        quantization="Q4_K_M",
        catalog_id=catalog_id,
        speed_class=speed_class(sum(speed) / 2),
        tokens_per_s=speed,
        reason=why,
        reason_code=code,
        lacks_avx2=lacks_avx2,
    )


def format_report(facts: HardwareFacts, rec: Recommendation | None = None) -> str:
    """The plain-text report `thinkdesk hardware` prints."""
    rec = rec or recommend(facts)
    simd = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in facts.simd().items())
    lines = [
        f"CPU:           {facts.cpu_model} ({facts.machine})",
        f"Cores:         {facts.physical_cores} physical, {facts.logical_cores} logical",
        f"SIMD:          {simd}",
        f"RAM:           {facts.total_ram / GiB:.1f} GB total, "
        f"{facts.available_ram / GiB:.1f} GB available",
    ]
    if facts.models_dir is not None:
        free = "unknown" if facts.disk_free is None else f"{facts.disk_free / GiB:.1f} GB free"
        lines.append(f"Models folder: {facts.models_dir} ({free})")
    limit = "unlimited" if facts.memlock_limit is None else format_bytes(facts.memlock_limit)
    lines += [
        f"Lockable RAM:  {limit}",
        f"OS:            {facts.os}",
        f"llama.cpp:     {facts.llama_system_info or 'not available'}",
        "",
        f"Recommended:   {rec.model} {rec.quantization} ({rec.catalog_id})",
        f"Expected speed: {rec.speed_class}, about {rec.tokens_per_s[0]:g}-"
        f"{rec.tokens_per_s[1]:g} tokens per second",
        f"Why:           {rec.reason}",
    ]
    return "\n".join(lines)
