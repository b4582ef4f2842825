"""The bundle, the installer script and their resources.

The ``bundle`` tests build the real PyInstaller bundle with packaging/build_linux.sh (in its own
build venv under ~/.cache/thinkdesk-build, never the project's .venv), run its ``--self-test``
under Xvfb and time its start to a visible window. They use the cached portable llama.cpp
wheel when there is one, else ``--native`` (pip's ordinary wheel: fine for a smoke test).
THINKDESK_SKIP_BUNDLE=1 skips them. Linux only.
"""

from __future__ import annotations

import json
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_tools import need

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
BUILD_CACHE = Path(os.environ.get("THINKDESK_BUILD_CACHE", Path.home() / ".cache/thinkdesk-build"))
LINUX = sys.platform.startswith("linux")

skip_bundle = pytest.mark.skipif(
    bool(os.environ.get("THINKDESK_SKIP_BUNDLE")) or not LINUX,
    reason="THINKDESK_SKIP_BUNDLE is set" if LINUX else "the Linux bundle builds on Linux only",
)


# -- static checks (fast) -----------------------------------------------------------------
def test_build_scripts_parse():
    for shell, script in (("bash", "build_linux.sh"), ("sh", "install.sh")):
        done = subprocess.run(
            [shell, "-n", str(PACKAGING / script)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    compile((PACKAGING / "thinkdesk.spec").read_text(encoding="utf-8"), "thinkdesk.spec", "exec")


def test_desktop_entry_is_valid():
    entry = (PACKAGING / "thinkdesk.desktop").read_text(encoding="utf-8")
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    keys = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert keys["Type"] == "Application"
    assert keys["Exec"].startswith("thinkdesk")
    assert keys["Icon"] == "thinkdesk"
    assert keys["Categories"].endswith(";")
    validate = need("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(PACKAGING / "thinkdesk.desktop")],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_icons_exist_at_every_size_and_the_ico_holds_them():
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ICONS / f"thinkdesk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    data = (ICONS / "thinkdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert bits == 32 and offset + length <= len(data)
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_every_shipped_package_has_its_licence():
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "collect_licenses.py"), "--check"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_installer_script_compiles(tmp_path: Path):
    """makensis builds installer.nsis (against a stub payload: a broken script fails here)."""
    makensis = need("makensis", "nsis")
    payload = tmp_path / "payload"
    (payload / "_internal").mkdir(parents=True)
    for name in ("ThinkDesk.exe", "thinkdesk-cli.exe"):
        (payload / name).write_bytes(b"MZ stand-in")
    (payload / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    out = tmp_path / "ThinkDesk-0.1.0-setup.exe"
    done = subprocess.run(
        [makensis, "-V2", "-WX", f"-DPAYLOAD={payload}", "-DVERSION=0.1.0",
         f"-DOUTFILE={out}", str(ROOT / "installer.nsis")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"


# -- the real bundle (minutes) ------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, built once per test run (portable llama.cpp if its wheel is cached)."""
    out = tmp_path_factory.mktemp("dist")
    portable = sorted((BUILD_CACHE / "wheels").glob("llama_cpp_python-0.3.36-*.whl"))
    command = ["bash", str(PACKAGING / "build_linux.sh"), "--no-tar", "--out", str(out)]
    if not portable:
        command.append("--native")
    done = subprocess.run(command, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    path = out / "thinkdesk"
    assert (path / "thinkdesk").is_file()
    return path


@pytest.fixture(scope="module")
def xvfb_run() -> list[str]:
    """xvfb-run on a fresh display for each test.

    -a alone starts at :99 every time: an X server just told to exit by the previous test, or
    one in another /tmp (a container sharing the network) can still hold that display, and Qt
    then cannot connect and aborts. A random starting number sidesteps both; -a still skips
    displays whose lock files exist.
    """
    need("xauth", "xauth")  # xvfb-run's dependency, not always installed with it
    need("xwininfo", "x11-utils")  # measure_start.py finds the window with it
    return [need("xvfb-run", "xvfb"), "-a", "-n"]


def _display() -> str:
    return str(random.randint(100, 20000))


@skip_bundle
@pytest.mark.bundle
@pytest.mark.timeout(1800)
def test_bundle_self_test_passes_under_xvfb(bundle: Path, xvfb_run: list[str], tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["THINKDESK_DATA_DIR"] = str(tmp_path / "never-created")
    done = subprocess.run(
        [*xvfb_run, _display(), str(bundle / "thinkdesk"), "--self-test"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(bundle)" in done.stdout
    assert "platform xcb" in done.stdout, "the bundle must run on a real X server, not offscreen"
    assert "Self-test passed" in done.stdout
    flavour = (bundle / "_internal" / "llama-build-flavour.txt").read_text().strip()
    if flavour == "portable":
        assert "CPU variant built-in" not in done.stdout
        assert list((bundle / "_internal" / "llama_cpp" / "lib").glob("libggml-cpu-*.so"))
    assert not (tmp_path / "never-created").exists()


@skip_bundle
@pytest.mark.bundle
@pytest.mark.timeout(1800)
def test_bundle_shows_its_window(bundle: Path, xvfb_run: list[str], tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run(
        [*xvfb_run, _display(), sys.executable, str(PACKAGING / "measure_start.py"), "--",
         str(bundle / "thinkdesk"), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"bundle start to visible window: {result['seconds']:.2f} s")
    assert result["window"].startswith("ThinkDesk")


@skip_bundle
@pytest.mark.bundle
@pytest.mark.timeout(1800)
def test_bundle_leaves_out_qt_modules_the_app_does_not_use(bundle: Path):
    internal = bundle / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6",
                     "libQt6Multimedia.so.6", "libQt63DCore.so.6", "libqgtk3.so",
                     "libqwayland.so", "libcupsprintersupport.so"):  # fmt: skip
        assert unwanted not in names
    for needed in ("libQt6Widgets.so.6", "libQt6Svg.so.6", "libQt6PrintSupport.so.6",
                   "libqxcb.so", "libqoffscreen.so", "libllama.so"):  # fmt: skip
        assert needed in names, needed
    assert (internal / "resources" / "catalog.json").is_file()
    assert (internal / "resources" / "licenses" / "components.json").is_file()
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 2**20
    print(f"bundle size: {size_mb:.0f} MB")
