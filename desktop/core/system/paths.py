"""Where ThinkDesk keeps its state. Everything lives under one data folder (portable installs
pass ``--data-dir``), so nothing is scattered across the user's profile."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "ThinkDesk"
DATA_DIR_ENV = "THINKDESK_DATA_DIR"


def default_data_dir() -> Path:
    """The per-user data folder for this platform (``THINKDESK_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME.lower()


def resources_dir() -> Path:
    """The ``resources`` folder (catalog, icons, translations, licences): inside a PyInstaller
    bundle, next to the package in a source tree, or under ``<prefix>/share/thinkdesk``."""
    candidates = [Path(__file__).resolve().parents[3] / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    candidates.append(Path(sys.prefix) / "share" / "thinkdesk" / "resources")
    for candidate in candidates:
        if (candidate / "catalog.json").is_file():
            return candidate
    return candidates[0]


class DataDir:
    """The folders inside one data directory."""

    def __init__(self, root: str | os.PathLike[str] | None = None):
        self.root = Path(root).expanduser().resolve() if root else default_data_dir()

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.ini"

    @property
    def history_file(self) -> Path:
        return self.root / "history.sqlite3"

    @property
    def model_checks_file(self) -> Path:
        return self.root / "model_checks.json"

    def ensure(self) -> DataDir:
        """Create the folders; raise OSError with the path if that is impossible."""
        self.models.mkdir(parents=True, exist_ok=True)
        return self
