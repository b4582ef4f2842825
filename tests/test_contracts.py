"""Architecture and hygiene rules that keep the codebase the shape DESIGN.md describes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_import_layers_and_qt_free_core():
    done = subprocess.run(
        [str(BIN / "lint-imports"), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_core_and_storage_import_without_pyside6():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for layer in ("core", "storage")
        for p in (ROOT / "desktop" / layer).rglob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        f"import importlib\nfor m in {modules!r}: importlib.import_module(m)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_ruff_clean():
    folders = [name for name in ("desktop", "tests", "bench") if (ROOT / name).is_dir()]
    done = subprocess.run(
        [str(BIN / "ruff"), "check", *folders],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout


def test_no_module_grows_past_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "desktop").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these modules by responsibility: {long}"


def test_core_is_grouped_by_concern():
    """A newcomer finds each concern from the folder names: no loose modules in core/."""
    loose = [p.name for p in (ROOT / "desktop" / "core").glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"put these in a core subpackage (engines, models, ...): {loose}"
