"""Side files beside a stranger's file: leftover journals, WAL mode, special files.

SQLite rolls any `-journal` beside a file into it on open, and creates `-wal`/`-shm`
files for a WAL-mode file even when only reading. None of that may happen to a file
that is merely checked, and a journal that belongs to another file must never be applied.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journeyeditor.editing.document import Document
from journeyeditor.store import database
from journeyeditor.store.errors import (
    NotAJourneyFileError,
    ReadOnlyFileError,
    StrayJournalError,
)

from helpers.projects import export_file, folder_listing, sha256

CRASH_MID_WRITE = """
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN IMMEDIATE")
c.execute(sys.argv[2])
c.execute("PRAGMA cache_spill = ON")
print("written", flush=True)
os.kill(os.getpid(), 9)
"""


def crash_mid_write(path: Path, sql: str) -> Path:
    """Kill a program in the middle of a big write to `path`; its hot journal remains."""
    result = subprocess.run(
        [sys.executable, "-c", CRASH_MID_WRITE, str(path), sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the crash left a hot journal"
    return journal


BIG_WRITE = "UPDATE card SET text = text || hex(randomblob(400))"


def test_own_journal_is_rolled_back(sample_file: Path, qapp: object) -> None:
    """A crash of our own file: opening it rolls back to the last commit, as SQLite does."""
    del qapp
    before = export_file(sample_file)
    crash_mid_write(sample_file, BIG_WRITE)
    assert database.check_file(sample_file) == []
    document = Document.open(sample_file)
    try:
        assert document.export_json() == before
    finally:
        document.close()
    assert not sample_file.with_name(sample_file.name + "-journal").exists()


def test_check_of_a_crashed_file_leaves_its_journal(sample_file: Path) -> None:
    """Reading (check, info, export) rolls the journal back in a private copy only."""
    journal = crash_mid_write(sample_file, BIG_WRITE)
    digests = (sha256(sample_file), sha256(journal))
    listing = folder_listing(sample_file.parent)
    assert database.check_file(sample_file) == []
    assert (sha256(sample_file), sha256(journal)) == digests
    assert folder_listing(sample_file.parent) == listing


def test_journal_of_another_file_is_never_applied(
    sample_file: Path, tmp_path: Path, qapp: object
) -> None:
    del qapp
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = other_folder / "other.journey"
    shutil.copyfile(sample_file, other)
    connection = sqlite3.connect(other, isolation_level=None)
    for turn in range(3):
        connection.execute(f"UPDATE card SET text = 'other {turn} ' || id")
    connection.close()
    stray = crash_mid_write(other, BIG_WRITE)
    journal = sample_file.with_name(sample_file.name + "-journal")
    shutil.copyfile(stray, journal)
    digests = (sha256(sample_file), sha256(journal))
    listing = folder_listing(sample_file.parent)
    for attempt in (
        lambda: Document.open(sample_file),
        lambda: database.open_file(sample_file, read_only=True),
        lambda: database.check_file(sample_file),
    ):
        with pytest.raises(StrayJournalError, match=r"sample\.journey-journal"):
            attempt()
        assert (sha256(sample_file), sha256(journal)) == digests
        assert folder_listing(sample_file.parent) == listing
    result = subprocess.run(
        [sys.executable, "-m", "journeyeditor", "check", str(sample_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == StrayJournalError.exit_code, result
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    journal.unlink()
    assert database.check_file(sample_file) == [], "the file itself was never harmed"


def test_journal_of_a_different_file_is_never_applied(
    sample_file: Path, tmp_path: Path, qapp: object
) -> None:
    """Same change counter by chance, different content: rolled back in a copy, refused."""
    del qapp
    other = tmp_path / "other" / "blank.journey"
    other.parent.mkdir()
    subprocess.run(
        [sys.executable, "-m", "journeyeditor", "new", str(other), "--template", "blank"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    padding = "INSERT INTO snapshot(name, created, data) VALUES ('', '', hex(randomblob(90000)))"
    stray = crash_mid_write(other, padding)
    journal = sample_file.with_name(sample_file.name + "-journal")
    shutil.copyfile(stray, journal)
    digest = sha256(sample_file)
    with pytest.raises(StrayJournalError):
        Document.open(sample_file)
    assert sha256(sample_file) == digest


@pytest.mark.parametrize("with_wal", [False, True], ids=["no -wal", "with -wal"])
def test_wal_file_is_read_through_a_copy(sample_file: Path, qapp: object, with_wal: bool) -> None:
    del qapp
    keeper = sqlite3.connect(sample_file, isolation_level=None)
    keeper.execute("PRAGMA journal_mode = WAL")
    if with_wal:
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("UPDATE project SET name = 'Only in the WAL'")
        shutil.copyfile(sample_file, sample_file.with_suffix(".snap"))
        shutil.copyfile(f"{sample_file}-wal", f"{sample_file.with_suffix('.snap')}-wal")
        keeper.close()
        sample_file.with_suffix(".snap").replace(sample_file)
        Path(f"{sample_file.with_suffix('.snap')}-wal").replace(f"{sample_file}-wal")
        for leftover in sample_file.parent.glob("*-shm"):
            leftover.unlink()
    else:
        keeper.close()
    listing = folder_listing(sample_file.parent)
    digest = sha256(sample_file)
    assert database.check_file(sample_file) == []
    viewer = Document.open(sample_file, read_only=True)
    try:
        assert (viewer.project().name == "Only in the WAL") is with_wal
    finally:
        viewer.close()
    with pytest.raises(ReadOnlyFileError, match="write-ahead-log"):
        Document.open(sample_file)
    assert folder_listing(sample_file.parent) == listing, "no -wal or -shm made by reading"
    assert sha256(sample_file) == digest


def test_special_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.journey"
    os.mkfifo(fifo)
    with pytest.raises(NotAJourneyFileError, match="device or pipe"):
        database.open_file(fifo)
    folder = tmp_path / "folder.journey"
    folder.mkdir()
    with pytest.raises(NotAJourneyFileError, match="folder"):
        database.open_file(folder)
    device = tmp_path / "null.journey"
    device.symlink_to("/dev/null")
    with pytest.raises(NotAJourneyFileError, match="device or pipe"):
        database.check_file(device)
    loop = tmp_path / "loop.journey"
    loop.symlink_to(loop)
    with pytest.raises(NotAJourneyFileError):
        database.open_file(loop)
