"""Writing output files whole or not at all: aside first, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from journeyeditor.store.errors import WriteFailedError


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` to `path`; on any failure the old file (if any) is left untouched."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteFailedError(path, "its folder does not exist")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise WriteFailedError(path, exc.strerror or str(exc)) from exc


def _umask() -> int:
    """The process's file-creation mask (mkstemp makes private files; outputs should not be)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
