"""installer.nsis, run for real: the compiled setup under Wine, silent, per user.

The installer is built from the shipped script against a small stand-in payload (the bundle's
layout; its two .exe files are a tiny NSIS-made program that records how it was called), so
these tests check the installer's own logic: where files, shortcuts and the "Apps & features"
entry go, /NODESKTOP, /D=, updates, the models import hand-off, the Windows 10 check, and that
the uninstaller removes the program but keeps the user's chats and models unless /REMOVEDATA.

Debian's Wine is 64-bit only (wine32 needs the i386 architecture), so the setup is compiled for
NSIS's amd64-unicode target, whose stubs Debian's nsis ships; the release's x86 build compiles
the same script. The one thing only the x86 build does at run time is the 64-bit Windows test
(${RunningX64} is a compile-time yes in a 64-bit installer).

Every Wine file lives in a temporary prefix and HOME (Wine links the Windows desktop to HOME),
removed at the end. About 30 s, most of it creating the prefix.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging_tools import need

ROOT = Path(__file__).resolve().parents[1]
VERSION = "9.8.7"  # not the app's version: proves -DVERSION reaches the uninstall entry
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ThinkDesk"
APP_KEY = r"HKCU\Software\ThinkDesk"
# Wine's own processes, which stay while its server runs (lower case, as in their command line).
WINE_SERVICES = {
    "wineserver", "wineserver64", "services.exe", "winedevice.exe", "explorer.exe",
    "plugplay.exe", "svchost.exe", "rpcss.exe", "conhost.exe", "wineboot.exe",
}  # fmt: skip

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Wine tests run on Linux"),
    pytest.mark.timeout(300),
]

# The stand-in for ThinkDesk.exe and thinkdesk-cli.exe: appends its command line to
# cli-calls.txt next to itself and exits with $THINKDESK_STANDIN_EXIT (default 0).
RECORDER_NSI = r"""
Unicode true
SilentInstall silent
RequestExecutionLevel user
OutFile "${OUTFILE}"
Section
  FileOpen $0 "$EXEDIR\cli-calls.txt" a
  FileSeek $0 0 END
  FileWrite $0 "$CMDLINE$\r$\n"
  FileClose $0
  ReadEnvStr $1 THINKDESK_STANDIN_EXIT
  StrCmp $1 "" 0 +2
  StrCpy $1 0
  SetErrorLevel $1
SectionEnd
"""


def _makensis(makensis: str, *args: str) -> None:
    done = subprocess.run(
        [makensis, "-V2", "-WX", "-XTarget amd64-unicode", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@dataclass
class Wine:
    """A private 64-bit Wine prefix set to Windows 10, and helpers to run and inspect it."""

    wine: str
    wineserver: str
    env: dict[str, str]
    prefix: Path
    log: Path

    def run(self, *args: str, extra_env: dict[str, str] | None = None) -> int:
        """Run a Windows program, wait for every program it started (the uninstaller re-launches
        itself from %TEMP% and exits at once), return its exit code."""
        done = self._wine(*args, extra_env=extra_env)
        self.wait_for_programs()
        return done.returncode

    def _wine(self, *args: str, extra_env: dict[str, str] | None = None,
              timeout: float = 180) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
        # Output to a file, never a pipe: Wine's services inherit it and outlive the call.
        with self.log.open("ab") as log:
            return subprocess.run([self.wine, *args], env={**self.env, **(extra_env or {})},
                                  stdout=log, stderr=log, timeout=timeout)  # fmt: skip

    def wait_for_programs(self, timeout: float = 120) -> None:
        """Wait until no Windows program of this prefix runs but Wine's own services.

        ``wineserver -w`` would do it, but it waits for the server to exit, and restarting it
        costs ~2 s per call; the server is kept running instead (``wineserver -p``).
        """
        deadline = time.monotonic() + timeout
        while running := _programs_running(self.prefix):
            if time.monotonic() > deadline:
                pytest.fail(f"Windows programs still running after {timeout} s: {running}")
            time.sleep(0.1)

    def reg_query(self, key: str) -> dict[str, str] | None:
        """The values of a registry key (name -> data as `reg` prints it), None if absent."""
        out = self.log.with_name("reg-query.txt")
        with out.open("wb") as sink:
            done = subprocess.run([self.wine, "reg", "query", key], env=self.env, stdout=sink,
                                  stderr=subprocess.DEVNULL, timeout=60)  # fmt: skip
        if done.returncode != 0:
            return None
        text = out.read_text(encoding="utf-8", errors="replace")
        return dict(re.findall(r"^ {4}(\S+) {4}REG_\w+ {4}(.*?)\r?$", text, re.MULTILINE))

    def set_windows_version(self, version: str) -> None:
        key = r"HKCU\Software\Wine"
        assert self.run("reg", "add", key, "/v", "Version", "/d", version, "/f") == 0

    @property
    def user_dir(self) -> Path:
        (user,) = [p for p in (self.prefix / "drive_c/users").iterdir() if p.name != "Public"]
        return user

    @property
    def user_windows(self) -> str:
        return rf"C:\users\{self.user_dir.name}"

    @property
    def local_appdata(self) -> Path:
        return self.user_dir / "AppData/Local"

    @property
    def start_menu_link(self) -> Path:
        return self.user_dir / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/ThinkDesk.lnk"

    @property
    def desktop_link(self) -> Path:
        return self.user_dir / "Desktop/ThinkDesk.lnk"


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    wine_path = need("wine", "wine")
    need("makensis", "nsis")
    wineserver = shutil.which("wineserver") or "/usr/lib/wine/wineserver64"
    base = tmp_path_factory.mktemp("wine")
    (base / "home").mkdir()
    (base / "prefix").mkdir()  # wineserver -p needs it, wineboot fills it
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        HOME=str(base / "home"),
        WINEPREFIX=str(base / "prefix"),
        WINEARCH="win64",
        WINEDEBUG="-all",
        # No menu entries in the real HOME, no Mono/Gecko download prompts.
        WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=;mshtml=",
    )
    machine = Wine(wine_path, wineserver, env, base / "prefix", base / "wine.log")
    try:
        # A server that stays up: each Wine start against a stopped one costs ~2 s.
        subprocess.run([wineserver, "-p"], env=env, timeout=60, check=True)
        booted = machine._wine("wineboot", "-i", timeout=240)
        if booted.returncode != 0 or not (base / "prefix/drive_c/windows/system32").is_dir():
            log = machine.log.read_text(errors="replace")[-3000:]
            pytest.fail(f"wine could not create a prefix: {log}")
        # Wine 8 says Windows 7 by default; the installer (rightly) refuses anything before 10.
        machine.set_windows_version("win10")
        yield machine
    finally:
        subprocess.run([wineserver, "-k"], env=env, timeout=60, check=False)
        shutil.rmtree(base, ignore_errors=True)  # ~700 MB of prefix


@pytest.fixture(autouse=True)
def clean_slate(wine: Wine) -> Iterator[None]:
    """Each test starts with nothing installed, whatever an earlier (failed) one left."""
    yield
    for key in (UNINSTALL_KEY, APP_KEY):
        wine.run("reg", "delete", key, "/f")
    for path in (wine.local_appdata / "Programs/ThinkDesk", wine.local_appdata / "ThinkDesk",
                 wine.prefix / "drive_c/Apps"):  # fmt: skip
        shutil.rmtree(path, ignore_errors=True)
    for link in (wine.start_menu_link, wine.desktop_link):
        link.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def setups(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The setup, once alone ("plain") and once next to a models folder ("with_models")."""
    makensis = need("makensis", "nsis")
    base = tmp_path_factory.mktemp("setup")
    (base / "recorder.nsi").write_text(RECORDER_NSI, encoding="utf-8")
    recorder = base / "recorder.exe"
    _makensis(makensis, f"-DOUTFILE={recorder}", str(base / "recorder.nsi"))
    payload = base / "payload"
    (payload / "_internal/resources").mkdir(parents=True)
    for name in ("ThinkDesk.exe", "thinkdesk-cli.exe"):
        shutil.copy(recorder, payload / name)
    (payload / "_internal/base_library.zip").write_bytes(b"PK stand-in")
    (payload / "_internal/resources/catalog.json").write_text("{}", encoding="utf-8")
    plain = base / "plain" / f"ThinkDesk-{VERSION}-setup.exe"
    plain.parent.mkdir()
    _makensis(makensis, f"-DPAYLOAD={payload}", f"-DVERSION={VERSION}", f"-DOUTFILE={plain}",
              str(ROOT / "installer.nsis"))  # fmt: skip
    with_models = base / "usb" / plain.name
    (with_models.parent / "models").mkdir(parents=True)
    shutil.copy(plain, with_models)
    (with_models.parent / "models/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf").write_bytes(b"GGUF")
    return {"plain": plain, "with_models": with_models}


def _programs_running(prefix: Path) -> list[str]:
    """Command lines of the processes with WINEPREFIX=prefix that are not Wine's services."""
    marker = f"WINEPREFIX={prefix}".encode()
    running = []
    for proc in Path("/proc").iterdir():
        try:
            if marker not in (proc / "environ").read_bytes().split(b"\0"):
                continue
            command = (proc / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except (OSError, ValueError):
            continue  # not a process, gone, or not ours to read
        if command.replace("\\", "/").rsplit("/", 1)[-1].lower() not in WINE_SERVICES:
            running.append(command)
    return running


def _windows_path(path: Path) -> str:
    """What a Windows program in Wine sees for a Unix path (drive Z: is /)."""
    return "Z:" + str(path).replace("/", "\\")


def _user_data(wine: Wine) -> list[Path]:
    """Chats, settings and a model in %LOCALAPPDATA%\\ThinkDesk, as the app leaves them."""
    data = wine.local_appdata / "ThinkDesk"
    files = [data / "history.sqlite3", data / "settings.json",
             data / "models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"]  # fmt: skip
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"the user's")
    return files


def test_silent_install_then_uninstall_keeps_the_users_chats_and_models(wine: Wine, setups):
    install_dir = wine.local_appdata / "Programs/ThinkDesk"
    assert wine.run(str(setups["plain"]), "/S") == 0
    for name in ("ThinkDesk.exe", "thinkdesk-cli.exe", "Uninstall.exe",
                 "_internal/base_library.zip", "_internal/resources/catalog.json"):  # fmt: skip
        assert (install_dir / name).is_file(), name
    assert (install_dir / "Uninstall.exe").read_bytes()[:2] == b"MZ"
    assert wine.start_menu_link.is_file() and wine.desktop_link.is_file()
    assert not (install_dir / "cli-calls.txt").exists(), "no models folder: no import"

    windows_dir = rf"{wine.user_windows}\AppData\Local\Programs\ThinkDesk"
    entry = wine.reg_query(UNINSTALL_KEY)
    assert entry is not None, "no Apps & features entry"
    assert entry["DisplayName"] == "ThinkDesk"
    assert entry["DisplayVersion"] == VERSION
    assert entry["Publisher"]
    assert entry["InstallLocation"] == windows_dir
    assert entry["DisplayIcon"] == rf"{windows_dir}\ThinkDesk.exe,0"
    assert entry["UninstallString"] == rf'"{windows_dir}\Uninstall.exe"'
    assert entry["QuietUninstallString"] == rf'"{windows_dir}\Uninstall.exe" /S'
    assert int(entry["EstimatedSize"], 16) > 0
    assert wine.reg_query(APP_KEY) == {"InstallDir": windows_dir}

    data = _user_data(wine)
    # What "Apps & features" runs for a silent removal.
    assert wine.run(str(install_dir / "Uninstall.exe"), "/S") == 0
    assert not install_dir.exists(), sorted(str(p) for p in install_dir.rglob("*"))
    assert not wine.start_menu_link.exists() and not wine.desktop_link.exists()
    assert wine.reg_query(UNINSTALL_KEY) is None
    assert wine.reg_query(APP_KEY) is None
    assert all(path.read_bytes() == b"the user's" for path in data), "user data removed"


def test_custom_folder_update_models_import_and_remove_data(wine: Wine, setups):
    install_dir = wine.prefix / "drive_c/Apps/ThinkDesk"
    install_dir.mkdir(parents=True)
    (install_dir / "notes.txt").write_text("the user's own file")
    setup = setups["with_models"]
    # A failed import (exit 1) must not fail the install: the app can import later.
    code = wine.run(str(setup), "/S", "/NODESKTOP", r"/D=C:\Apps\ThinkDesk",
                    extra_env={"THINKDESK_STANDIN_EXIT": "1"})  # fmt: skip
    assert code == 0
    assert (install_dir / "ThinkDesk.exe").is_file()
    assert not (wine.local_appdata / "Programs/ThinkDesk").exists()
    assert wine.start_menu_link.is_file()
    assert not wine.desktop_link.exists(), "/NODESKTOP"
    calls = (install_dir / "cli-calls.txt").read_text().splitlines()
    models = _windows_path(setup.parent / "models")
    assert len(calls) == 1 and calls[0].lower().endswith(f'models import "{models}"'.lower()), calls
    assert (wine.reg_query(UNINSTALL_KEY) or {}).get("InstallLocation") == r"C:\Apps\ThinkDesk"

    # An update finds the folder in the registry and replaces the whole bundle.
    stale = install_dir / "_internal/from-the-old-version.dll"
    stale.write_bytes(b"old")
    assert wine.run(str(setups["plain"]), "/S", "/NODESKTOP") == 0
    assert not stale.exists(), "an update must not leave the old version's libraries"
    assert (install_dir / "_internal/base_library.zip").is_file()
    assert not (wine.local_appdata / "Programs/ThinkDesk").exists()

    data = _user_data(wine)
    assert wine.run(str(install_dir / "Uninstall.exe"), "/S", "/REMOVEDATA") == 0
    assert not any(path.exists() for path in data), "/REMOVEDATA keeps the user's data"
    assert not (wine.local_appdata / "ThinkDesk").exists()
    left = sorted(p.relative_to(install_dir).as_posix() for p in install_dir.rglob("*"))
    # Only what the installer put there goes (cli-calls.txt is the stand-in's own record).
    assert left == ["cli-calls.txt", "notes.txt"]
    assert wine.reg_query(UNINSTALL_KEY) is None and not wine.start_menu_link.exists()


def test_refuses_windows_before_10_and_installs_nothing(wine: Wine, setups):
    wine.set_windows_version("win7")
    try:
        assert wine.run(str(setups["plain"]), "/S") == 3
    finally:
        wine.set_windows_version("win10")
    assert not (wine.local_appdata / "Programs/ThinkDesk").exists()
    assert wine.reg_query(UNINSTALL_KEY) is None
