"""Files replaced all at once: a failing writer leaves the old file whole."""

from __future__ import annotations

import os

import pytest

from desktop.core.system.atomic_file import replaced_atomically, write_text_atomically


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "chat.md"
    target.write_text("the export of last week", encoding="utf-8")
    with pytest.raises(OSError), replaced_atomically(target) as temp:
        temp.write_text("half of the new one", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert [p.name for p in tmp_path.iterdir()] == ["chat.md"]


def test_the_new_text_replaces_the_old_with_ordinary_permissions(tmp_path):
    target = tmp_path / "chat.md"
    target.write_text("old", encoding="utf-8")
    write_text_atomically(target, "新的 · new")
    assert target.read_text(encoding="utf-8") == "新的 · new"
    assert [p.name for p in tmp_path.iterdir()] == ["chat.md"]
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_missing_folder_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        write_text_atomically(tmp_path / "gone" / "chat.md", "x")
