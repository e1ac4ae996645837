"""Writing files whole or not at all: aside first, then renamed into place.

The new content is written to an unnamed file in the target's folder (Linux
`O_TMPFILE`), which vanishes by itself if the process is killed; it gets a name only
for the instant before it replaces the target. Where the folder's file system has no
unnamed files, a hidden temporary name is used and removed on any failure. A file
that already exists keeps its permissions; an output can never replace its own input.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from journeyeditor.store.errors import OutputIsInputError, WriteFailedError


def is_same_file(one: Path | str, other: Path | str) -> bool:
    """Whether two paths name one file: same real path, or same device and inode."""
    one, other = Path(one), Path(other)
    if os.path.realpath(one) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def file_identity(path: Path | str) -> tuple[int, int] | None:
    """The device and inode of the file at `path` (None when there is none): what tells
    that a file open for editing was deleted, moved or replaced under it."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def refuse_input(output: Path | str, *inputs: Path | str) -> None:
    """Raise OutputIsInputError when writing `output` would replace one of `inputs`."""
    for source in inputs:
        if is_same_file(output, source):
            raise OutputIsInputError(output, Path(source).name)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what the person's umask gives a new file."""
    try:
        existing = path.stat()
    except OSError:
        return 0o666 & ~_umask()
    if not stat.S_ISREG(existing.st_mode):
        raise WriteFailedError(path, "it is not a regular file")
    return stat.S_IMODE(existing.st_mode)


@contextlib.contextmanager
def written_aside(path: Path | str, *inputs: Path | str) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it when the block ends without error.

    On any failure the temporary file goes and the old file (if any) is left untouched.
    `inputs` are files the output must never replace (what is being read or exported).
    """
    path = Path(path)
    refuse_input(path, *inputs)
    if not path.parent.is_dir():
        raise WriteFailedError(path, "its folder does not exist")
    mode = _mode_for(path)
    try:
        handle = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except (AttributeError, OSError):
        handle = -1
    if handle >= 0:
        try:
            with _reported(path):
                yield Path(f"/proc/self/fd/{handle}")
                os.fchmod(handle, mode)
                os.fsync(handle)
                _publish(handle, path)
        finally:
            os.close(handle)
        return
    with _reported(path):
        handle, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        os.close(handle)
    temporary = Path(name)
    try:
        with _reported(path):
            yield temporary
            os.chmod(temporary, mode)
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _publish(handle: int, path: Path) -> None:
    """Give the unnamed file a name for an instant, then put it in the target's place."""
    name = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    _link_unnamed(handle, name)
    try:
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            name.unlink()
        raise


AT_FDCWD = -100
AT_SYMLINK_FOLLOW = 0x400


def _link_unnamed(handle: int, name: Path) -> None:
    """linkat(2) through /proc with AT_SYMLINK_FOLLOW, which `os.link` does not pass."""
    libc = ctypes.CDLL(None, use_errno=True)
    source = f"/proc/self/fd/{handle}".encode()
    if libc.linkat(AT_FDCWD, source, AT_FDCWD, os.fsencode(name), AT_SYMLINK_FOLLOW) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error), str(name))


@contextlib.contextmanager
def _reported(path: Path) -> Iterator[None]:
    """System errors while writing `path` become a message naming it."""
    try:
        yield
    except OSError as exc:
        raise WriteFailedError(path, exc.strerror or str(exc)) from exc


@contextlib.contextmanager
def stream_atomically(path: Path | str, *inputs: Path | str) -> Iterator[BinaryIO]:
    """A file to write `path` piece by piece (an export too big to hold in memory): it
    replaces `path` when the block ends without error, and vanishes otherwise."""
    with written_aside(path, *inputs) as temporary, temporary.open("wb") as stream:
        yield stream


def write_atomically(path: Path | str, data: bytes, *inputs: Path | str) -> None:
    """Write `data` to `path` whole, or leave `path` as it was."""
    with stream_atomically(path, *inputs) as stream:
        stream.write(data)


def _umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
