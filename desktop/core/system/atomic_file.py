"""Replace a file all at once: write a fresh temporary file beside it, then rename it over.

A crash, a full disk or a failing writer then leaves the old file as it was, never a half
written one, and the check that the writer produced something looks at the new file (a
stale file of the same name cannot pass for it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

__all__ = ["replaced_atomically", "write_text_atomically"]


@contextlib.contextmanager
def replaced_atomically(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a new, empty temporary file in ``path``'s folder; when the block ends without an
    error it is flushed to disk and renamed to ``path``. On an error it is deleted and
    ``path`` is untouched. Raises OSError when the folder cannot take the file."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: a name of our own; mode 0o666 lets the umask decide, as for any new file.
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temp
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())  # the bytes are on disk before the name points at them
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through :func:`replaced_atomically`."""
    with replaced_atomically(path) as temp:
        temp.write_text(text, encoding=encoding)
