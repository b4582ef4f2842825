"""Finding the system tools the packaging tests drive (Xvfb, makensis, Wine ...)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APT_DEPS = ROOT / "packaging" / "apt-get-deps"


def need(tool: str, package: str) -> str:
    """The path of ``tool``. Missing: a failure on Debian/Ubuntu, a skip elsewhere.

    The tests never install packages themselves: that hid gaps in the README's test command,
    which must install everything (packaging/apt-get-deps test). So where that command applies
    (apt-get exists) a missing tool is the set-up's fault and fails; on other systems the tool
    may truly not exist and the test is skipped.
    """
    path = shutil.which(tool)
    if path is not None:
        return path
    if shutil.which("apt-get"):
        listed = subprocess.run([str(APT_DEPS), "--list", "test"], capture_output=True,
                                text=True, check=True).stdout.split()  # fmt: skip
        assert package in listed, f"packaging/apt-get-deps test must install {package} ({tool})"
        pytest.fail(f"{tool} is missing: run the README's test command, or packaging/apt-get-deps "
                    f"test (installs {package})")  # fmt: skip
    pytest.skip(f"{tool} is not available and this is not a Debian/Ubuntu system ({package})")
