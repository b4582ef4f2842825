"""What llama.cpp build this process runs: version, CPU features, and the CPU variant in use.

Portable builds (``GGML_BACKEND_DL`` + ``GGML_CPU_ALL_VARIANTS``) ship one CPU backend per
instruction-set level (``libggml-cpu-haswell.so``, ``ggml-cpu-skylakex.dll`` ...) and pick the
best one the running CPU supports when the backends are loaded. llama-cpp-python 0.3.36 never
loads them itself (abetlen/llama-cpp-python#2069), so :func:`ensure_backends_loaded` must run
before the first model is created; it does nothing on ordinary builds with a built-in CPU
backend. No Qt here: the hardware report, the About dialog and the self-test all use this.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from desktop.core.system.i18n import QT_TRANSLATE_NOOP

_VARIANT_FILE = re.compile(r"(?:lib)?ggml-cpu-([A-Za-z0-9_]+)\.(?:so|dll|dylib)$")

#: What each x86-64 variant of llama.cpp's CPU backend needs, in words for a support person.
VARIANT_LABELS = {
    "x64": QT_TRANSLATE_NOOP("LlamaInfo", "baseline x86-64 (SSE2)"),
    "sse42": "SSE4.2",
    "sandybridge": "AVX",
    "ivybridge": "AVX + F16C",
    "piledriver": "AVX + FMA",
    "haswell": "AVX2",
    "skylakex": "AVX-512",
    "cannonlake": "AVX-512 VBMI",
    "cascadelake": "AVX-512 VNNI",
    "icelake": "AVX-512 VNNI + VBMI",
    "cooperlake": "AVX-512 BF16",
    "zen4": QT_TRANSLATE_NOOP("LlamaInfo", "AVX-512 BF16, tuned for Zen 4"),
    "alderlake": "AVX2 + AVX-VNNI",
    "sapphirerapids": "AVX-512 + AMX",
}

_load_lock = threading.Lock()


def llama_lib_dir() -> Path | None:
    """The folder holding llama.cpp's shared libraries (``llama_cpp/lib``), if installed."""
    try:
        import llama_cpp
    except Exception:  # not installed, or its library failed to load: report, don't crash
        return None
    return Path(llama_cpp.__file__).resolve().parent / "lib"


def variant_dirs() -> list[Path]:
    """Where CPU variant libraries may be: next to llama.cpp (the bundle puts them there) and
    the ``bin/`` folder a pip install of a portable wheel leaves them in (ggml installs its
    backend modules to ``bin/`` at the wheel's root, i.e. ``site-packages/bin``)."""
    lib = llama_lib_dir()
    return [] if lib is None else [lib, lib.parent.parent / "bin"]


def variants_dir() -> Path | None:
    """The folder the CPU variants load from (the llama.cpp folder if there are none)."""
    dirs = variant_dirs()
    for folder in dirs:
        if available_variants(folder):
            return folder
    return dirs[0] if dirs else None


def available_variants(lib_dir: Path | None = None) -> list[str]:
    """CPU backend variants shipped with llama.cpp (empty for a built-in CPU backend)."""
    lib_dir = lib_dir or variants_dir()
    if lib_dir is None or not lib_dir.is_dir():
        return []
    found = {m.group(1) for p in lib_dir.iterdir() if (m := _VARIANT_FILE.match(p.name))}
    order = list(VARIANT_LABELS)
    return sorted(found, key=lambda v: (order.index(v) if v in order else len(order), v))


_ggml_handle: ctypes.CDLL | None = None


def _libggml() -> ctypes.CDLL:
    """The libggml that libllama itself uses.

    A pip-installed wheel holds ``libggml.so`` and ``libggml.so.0`` as two copies of one file
    (wheels cannot hold symlinks). libllama links the soname; opening the other copy by path,
    as ``llama_cpp._ggml`` does, maps a second libggml whose backend registry libllama never
    sees. So on Linux the soname libllama already loaded is looked up instead.
    """
    global _ggml_handle
    if _ggml_handle is not None:
        return _ggml_handle
    import llama_cpp  # noqa: F401  (loads libllama, and with it the libggml it links)
    from llama_cpp import _ggml

    lib = _ggml.libggml
    folder = llama_lib_dir()
    if sys.platform.startswith("linux") and folder is not None:
        sonames = sorted((p.name for p in folder.glob("libggml.so.*")), key=len)
        # Not loaded under that name (OSError): then the copy llama_cpp opened is the one.
        with contextlib.suppress(OSError):
            if sonames:
                lib = ctypes.CDLL(sonames[0], mode=os.RTLD_NOLOAD | ctypes.RTLD_GLOBAL)
    lib.ggml_backend_reg_count.restype = ctypes.c_size_t
    lib.ggml_backend_reg_count.argtypes = []
    _ggml_handle = lib
    return lib


def ensure_backends_loaded() -> int:
    """Load llama.cpp's dynamically loadable backends once; return how many are registered.

    Safe to call from any thread, any number of times. A build with a built-in CPU backend
    already has one registered and is left alone.
    """
    with _load_lock:
        lib = _libggml()
        count = int(lib.ggml_backend_reg_count())
        lib_dir = variants_dir()
        if count == 0 and lib_dir is not None and hasattr(lib, "ggml_backend_load_all_from_path"):
            lib.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
            lib.ggml_backend_load_all_from_path.restype = None
            # ggml reads the path as UTF-8 on every platform (std::filesystem::u8path).
            lib.ggml_backend_load_all_from_path(str(lib_dir).encode("utf-8"))
            count = int(lib.ggml_backend_reg_count())
        return count


def registered_backends() -> list[str]:
    """Names of the registered llama.cpp backends, e.g. ``["CPU"]``."""
    lib = _libggml()
    lib.ggml_backend_reg_get.restype = ctypes.c_void_p
    lib.ggml_backend_reg_get.argtypes = [ctypes.c_size_t]
    lib.ggml_backend_reg_name.restype = ctypes.c_char_p
    lib.ggml_backend_reg_name.argtypes = [ctypes.c_void_p]
    names = []
    for i in range(int(lib.ggml_backend_reg_count())):
        name = lib.ggml_backend_reg_name(lib.ggml_backend_reg_get(i))
        names.append(name.decode("utf-8", "replace") if name else "?")
    return names


def parse_system_info(text: str) -> dict[str, dict[str, str]]:
    """``"CPU : SSE3 = 1 | AVX2 = 1 | "`` -> ``{"CPU": {"SSE3": "1", "AVX2": "1"}}``.

    Each backend section starts with ``NAME : ``; features without a section go under "".
    """
    sections: dict[str, dict[str, str]] = {}
    current = ""
    for raw in text.split("|"):
        item = raw.strip()
        if not item:
            continue
        if " : " in item:
            current, item = (part.strip() for part in item.split(" : ", 1))
        key, sep, value = item.partition("=")
        if sep:
            sections.setdefault(current, {})[key.strip()] = value.strip()
    return sections


def loaded_variant_path(lib_dir: Path | None = None) -> Path | None:
    """The CPU variant library this process has loaded, if it uses one."""
    if sys.platform.startswith("linux"):
        try:
            maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        for line in maps.splitlines():
            fields = line.split(maxsplit=5)  # address perms offset dev inode [path]
            if len(fields) == 6 and _VARIANT_FILE.search(fields[5].strip()):
                return Path(fields[5].strip())
        return None
    if sys.platform == "win32":
        lib_dir = lib_dir or variants_dir()
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.GetModuleHandleW.restype = ctypes.c_void_p
        kernel32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
        for variant in available_variants(lib_dir):
            # GetModuleHandle never loads anything: it only answers "is this DLL mapped?".
            if kernel32.GetModuleHandleW(f"ggml-cpu-{variant}.dll"):
                return (lib_dir or Path()) / f"ggml-cpu-{variant}.dll"
    return None


def _variant_name(path: Path | None) -> str | None:
    match = _VARIANT_FILE.search(path.name) if path else None
    return match.group(1) if match else None


def llama_build_info() -> dict[str, Any]:
    """Facts about the llama.cpp build in use, for the hardware report and the About dialog.

    Never raises. Keys:

    - ``llama_cpp_python``: llama-cpp-python version, or None if it is missing
    - ``system_info``: llama.cpp's own one-line summary (``llama_print_system_info``)
    - ``features``: that summary parsed, per backend: ``{"CPU": {"AVX2": "1", ...}}``
    - ``backends``: registered backend names, e.g. ``["CPU"]``
    - ``portable``: True when the CPU backend is picked at run time from several variants
    - ``variants``: the shipped CPU variants (empty for a built-in CPU backend)
    - ``cpu_variant``: the variant in use (``"haswell"``), ``"built-in"``, or None if unknown
    - ``cpu_variant_label``: that variant in words (``"AVX2"``)
    - ``lib_dir``: where llama.cpp's libraries are
    - ``variants_dir``: where the CPU variants load from
    - ``error``: present only when something could not be determined
    """
    info: dict[str, Any] = {
        "llama_cpp_python": None,
        "system_info": "",
        "features": {},
        "backends": [],
        "portable": False,
        "variants": [],
        "cpu_variant": None,
        "cpu_variant_label": "",
        "lib_dir": None,
        "variants_dir": None,
    }
    try:
        import llama_cpp

        info["llama_cpp_python"] = getattr(llama_cpp, "__version__", None)
        lib_dir = llama_lib_dir()
        info["lib_dir"] = str(lib_dir) if lib_dir else None
        folder = variants_dir()
        info["variants_dir"] = str(folder) if folder else None
        variants = available_variants(folder)
        info["variants"] = variants
        info["portable"] = bool(variants)
        ensure_backends_loaded()
        info["backends"] = registered_backends()
        raw = llama_cpp.llama_print_system_info()
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        info["system_info"] = text.strip()
        info["features"] = parse_system_info(text)
        if variants:
            variant = _variant_name(loaded_variant_path(folder))
        else:
            variant = "built-in" if "CPU" in info["backends"] else None
        info["cpu_variant"] = variant
        info["cpu_variant_label"] = VARIANT_LABELS.get(variant or "", "")
        if variant == "built-in":  # a UserMessage: the About box shows it translated
            info["cpu_variant_label"] = QT_TRANSLATE_NOOP("LlamaInfo", "compiled for one CPU type")
    except Exception as err:  # a support report must still show what it could find
        info["error"] = f"{type(err).__name__}: {err}"
    return info


def summary(info: dict[str, Any] | None = None) -> str:
    """One line for logs and reports: ``llama-cpp-python 0.3.36 · CPU variant haswell (AVX2)``."""
    info = info if info is not None else llama_build_info()
    parts = [f"llama-cpp-python {info.get('llama_cpp_python') or 'missing'}"]
    variant = info.get("cpu_variant")
    if variant:
        label = info.get("cpu_variant_label")
        parts.append(f"CPU variant {variant}" + (f" ({label})" if label else ""))
    if info.get("variants"):
        parts.append(f"{len(info['variants'])} variants shipped")
    if info.get("error"):
        parts.append(f"error: {info['error']}")
    return " · ".join(parts)
