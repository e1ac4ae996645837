"""Writing files whole or not at all: aside first, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from journeyeditor.store.errors import WriteFailedError


@contextlib.contextmanager
def written_aside(path: Path | str) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it when the block ends without error.

    On any failure the temporary file goes and the old file (if any) is left untouched.
    The new file gets the permissions the person's umask gives (mkstemp's are private).
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteFailedError(path, "its folder does not exist")
    try:
        handle, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise WriteFailedError(path, exc.strerror or str(exc)) from exc
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise WriteFailedError(path, exc.strerror or str(exc)) from exc
        if isinstance(exc, sqlite3.Error):
            raise WriteFailedError(path, str(exc)) from exc
        raise


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` whole, or leave `path` as it was."""
    with written_aside(path) as temporary:
        temporary.write_bytes(data)


def _umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
