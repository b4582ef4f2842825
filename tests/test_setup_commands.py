"""The README's two set-up commands, CI's copy of the test command, and packaging/apt-get-deps."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APT_DEPS = ROOT / "packaging" / "apt-get-deps"


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def _packages(which: str) -> list[str]:
    done = subprocess.run([str(APT_DEPS), "--list", which], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stdout.split()


def test_the_readme_has_one_app_and_one_test_command_each_installing_its_packages():
    app, test = _setup_commands()  # exactly two
    assert "\n" not in app and "\n" not in test, "one line each, to copy and paste"
    assert app.startswith("packaging/apt-get-deps app && ") and app.endswith(".venv/bin/thinkdesk")
    assert test.startswith("packaging/apt-get-deps test && ")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    test = _setup_commands()[1]
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in lines, "CI must run exactly what the README tells people to run"


def test_apt_deps_lists_every_tool_the_tests_ask_for():
    app, test = _packages("app"), _packages("test")
    assert set(app) < set(test) and len(set(test)) == len(test)
    # Qt's xcb plugin refuses to load without libxcb-cursor0 (the bug that started this file).
    assert {"python3-venv", "build-essential", "libxcb-cursor0", "fonts-noto-cjk"} <= set(app)
    # PyInstaller (the bundle tests) needs the shared libpython, which Debian's python3 lacks.
    assert "libpython3-dev" in test
    wanted = set()
    for path in (ROOT / "tests").rglob("*.py"):
        wanted |= set(re.findall(r'need\("[^"]+", "([^"]+)"\)', path.read_text(encoding="utf-8")))
    assert {"xvfb", "xauth", "x11-utils", "nsis", "wine"} <= wanted  # the scan finds them
    assert wanted <= set(test), sorted(wanted - set(test))


def test_apt_deps_refuses_an_unknown_set():
    done = subprocess.run([str(APT_DEPS), "everything"], capture_output=True, text=True)
    assert done.returncode == 2 and "usage" in done.stderr


def test_apt_deps_uses_sudo_unless_root(tmp_path: Path):
    """A stand-in apt-get and sudo on PATH record how apt-get-deps calls them."""
    log = tmp_path / "calls"
    for name in ("apt-get", "sudo", "id"):
        script = tmp_path / name
        body = {"id": 'echo "$FAKE_UID"', "sudo": 'echo "sudo $*" >> "$LOG"; exec "$@"',
                "apt-get": 'echo "apt-get $*" >> "$LOG"'}[name]  # fmt: skip
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(0o755)
    # Nothing else on PATH: a real sudo or apt-get on this machine must not be found.
    (tmp_path / "env").symlink_to(shutil.which("env") or "/usr/bin/env")
    base = {"PATH": str(tmp_path), "LOG": str(log)}
    for uid, expect_sudo in (("0", False), ("1000", True)):
        log.unlink(missing_ok=True)
        env = {**base, "FAKE_UID": uid}
        subprocess.run(["/bin/sh", str(APT_DEPS), "test"], env=env, check=True)
        calls = log.read_text().splitlines()
        apt = [line for line in calls if line.startswith("apt-get")]
        assert apt[0] == "apt-get update"
        assert apt[1].startswith("apt-get install -y --no-install-recommends ")
        assert apt[1].split()[4:] == _packages("test")
        assert any(line.startswith("sudo ") for line in calls) == expect_sudo, calls
    (tmp_path / "sudo").unlink()
    done = subprocess.run(["/bin/sh", str(APT_DEPS), "app"], env={**base, "FAKE_UID": "1000"},
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "root" in done.stderr


@pytest.mark.skipif(not shutil.which("apt-get"), reason="not a Debian/Ubuntu system")
def test_every_apt_package_resolves_on_this_system():
    """apt-get's own dry run: every name exists here (or has one provider, as on Ubuntu 24.04)."""
    done = subprocess.run(
        ["apt-get", "install", "-s", "--no-install-recommends", *_packages("test")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
