"""Hostile files as files: side files beside a sound file, and files that are not files.

`side`: the hot journal another file's crash left, WAL mode with and without its -wal.
`special`: a FIFO, /dev/null, a folder, a symlink loop, empty, truncated, another
program's database.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import sqlite_edits as sql
from .base import FILE_NAME, Case, base_file, copy_base
from .children import run_checked

CRASH_MID_TRANSACTION = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 1")  # spill: pages reach the file before COMMIT
connection.execute("BEGIN")
connection.execute("UPDATE card SET text = text || ' (never committed)'")
connection.execute("UPDATE persona SET name = name || ' (never committed)'")
os._exit(0)  # a crash: no ROLLBACK, the journal stays hot
"""
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")  # a journal SQLite will play back

CRASH_WITH_WAL = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("UPDATE card SET text = text || ' (only in the WAL)'")
os._exit(0)  # committed to the -wal, never checkpointed into the file
"""


def run_python(code: str, path: Path) -> None:
    run_checked([sys.executable, "-c", code, str(path)])


def foreign_journal(folder: Path) -> Path:
    """A sound file beside the hot journal a crash left for another, different file."""
    path = copy_base(folder)
    with tempfile.TemporaryDirectory() as elsewhere:
        other = copy_base(Path(elsewhere))
        sql.script(other, "DELETE FROM card WHERE id % 2 = 0; VACUUM;")
        run_python(CRASH_MID_TRANSACTION, other)
        journal = Path(f"{other}-journal")
        assert journal.read_bytes()[:8] == JOURNAL_MAGIC, "the crash left no hot journal"
        shutil.copyfile(journal, f"{path}-journal")
    return path


def wal_mode(folder: Path) -> Path:
    path = copy_base(folder)
    sql.execute(path, "PRAGMA journal_mode = WAL")  # closing checkpoints and removes the -wal
    assert not Path(f"{path}-wal").exists()
    return path


def wal_mode_with_wal(folder: Path) -> Path:
    path = copy_base(folder)
    run_python(CRASH_WITH_WAL, path)
    Path(f"{path}-shm").unlink()  # what a person would mail: the file and its -wal
    assert Path(f"{path}-wal").stat().st_size > 0
    return path


def side_cases() -> list[Case]:
    return [
        Case("file.journal.foreign_hot_journal", "side", foreign_journal),
        # Read through a private copy, offered read-only (docs/ARCHITECTURE.md, the file).
        Case("file.wal.without_wal_file", "side", wal_mode, refused=False),
        Case("file.wal.with_wal_file", "side", wal_mode_with_wal, refused=False),
    ]


# Special files


def special(make: Callable[[Path], object]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / FILE_NAME
        make(path)
        return path

    return build


def other_application(folder: Path) -> Path:
    path = copy_base(folder)
    sql.execute(path, "PRAGMA application_id = 305419896")  # 0x12345678
    return path


def special_cases() -> list[Case]:
    base = base_file().read_bytes()
    makers: dict[str, Callable[[Path], object]] = {
        "fifo": os.mkfifo,
        "dev_null_link": lambda p: p.symlink_to("/dev/null"),
        "directory": Path.mkdir,
        "symlink_loop": lambda p: p.symlink_to(p.name),
        "empty": lambda p: p.write_bytes(b""),
        "truncated": lambda p: p.write_bytes(base[: len(base) // 2]),
    }
    cases = [Case(f"file.special.{name}", "special", special(m)) for name, m in makers.items()]
    return [*cases, Case("file.special.other_application_id", "special", other_application)]
