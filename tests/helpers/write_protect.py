"""Making a file really write-protected, even for root, and what must then hold.

Root ignores file modes (CI runs as root), so `chmod 444` protects nothing there. What
the kernel enforces for root too, checked on this machine (root, ext4):

- `immutable`: `chattr +i` on the file (needs CAP_LINUX_IMMUTABLE and a file system
  with the attribute: ext2/3/4, XFS, Btrfs, tmpfs). Used in-process. CI uses this.
- `read-only mount`: the file's folder bind-mounted read-only inside `unshare --mount`
  (needs CAP_SYS_ADMIN). The checks run in a child process inside that namespace.
- `file mode`: `chmod` without write bits, enforced only for a user who is not root.

Each mechanism is proved before use: a write must actually be refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = os.geteuid() == 0
CHILD = Path(__file__).resolve().parent / "write_protected_child.py"


class Unavailable(Exception):
    """This machine (or this user) cannot protect a file that way."""


def refuses_writes(path: Path) -> bool:
    """True when opening `path` for writing fails (the file is left as it was)."""
    try:
        with path.open("r+b"):
            return False
    except OSError:
        return True


def _chattr(flag: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True, check=False)


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[str]:
    """`chattr +i` for the duration; yields the mechanism's name."""
    if shutil.which("chattr") is None:
        raise Unavailable("chattr is not installed (Debian package e2fsprogs)")
    made = _chattr("+i", path)
    if made.returncode != 0:
        raise Unavailable(f"chattr +i failed: {made.stderr.strip()}")
    try:
        if not refuses_writes(path):
            raise Unavailable("the immutable attribute did not stop a write")
        yield "immutable"
    finally:
        _chattr("-i", path)


@contextlib.contextmanager
def file_mode(path: Path) -> Iterator[str]:
    """No write bits on the file (and so none for its owner, when not root)."""
    mode = path.stat().st_mode
    path.chmod(0o444)
    try:
        if not refuses_writes(path):
            raise Unavailable("file modes do not bind this user (root?)")
        yield "file mode"
    finally:
        path.chmod(mode)


@contextlib.contextmanager
def write_protected_file(path: Path) -> Iterator[str]:
    """The file itself protected, its folder writable: immutable, else (not root) modes.
    Raises Unavailable when neither binds this user; yields the mechanism's name."""
    with contextlib.ExitStack() as stack:
        try:
            name = stack.enter_context(immutable(path))
        except Unavailable:
            if ROOT:
                raise
            name = stack.enter_context(file_mode(path))
        yield name


def read_only_mount_command(folder: Path, argv: list[str]) -> list[str]:
    """`argv` run where `folder` is a read-only bind mount of itself, in a private mount
    namespace (the mount vanishes with the child)."""
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    namespace = ["unshare", "--mount", "--propagation", "private"]
    return [*namespace, "sh", "-c", script, "sh", str(folder), *argv]


def read_only_mount_available(folder: Path) -> str:
    """Why not, or "" when a read-only bind mount of `folder` works here."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare or mount is not installed (Debian package util-linux)"
    probe = folder / ".probe"
    attempt = 'if touch "$0" 2>/dev/null; then exit 1; fi'
    command = read_only_mount_command(folder, ["sh", "-c", attempt, str(probe)])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if probe.exists():
        probe.unlink()
        return "the read-only bind mount still let a file be written"
    if result.returncode != 0:
        return f"unshare --mount failed: {result.stderr.strip() or result.returncode}"
    return ""
