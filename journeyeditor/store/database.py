"""Opening, creating and copying `.journey` files safely.

A file is untrusted: its header, integrity, version and exact schema are checked
before anything else reads it, with `trusted_schema=OFF` and foreign keys on, and
nothing is written to it unless all checks pass. New files and copies are written
beside their target and renamed into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from journeyeditor.store import content, schema
from journeyeditor.store.errors import (
    AlteredSchemaError,
    CorruptFileError,
    DamagedElsewhereError,
    FileLockedError,
    FileMissingError,
    ForeignSchemaError,
    InvalidContentError,
    JourneyFileError,
    NewerVersionError,
    NotAJourneyFileError,
    ReadOnlyFileError,
    StrayJournalError,
    WriteFailedError,
)
from journeyeditor.store.files import write_atomically

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 1.0
SUFFIX = ".journey"


@dataclass
class JourneyFile:
    """An open, checked file: the raw connection and an SQLAlchemy engine on it."""

    path: Path
    raw: sqlite3.Connection
    read_only: bool
    version: int
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """Made on first use: checking a file and `info` read through `raw` alone, and
        start quicker without importing SQLAlchemy."""
        if self._engine is None:
            from journeyeditor.store.engine import make_engine

            self._engine = make_engine(self.raw)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self.raw.close()


def _connect(uri: str) -> sqlite3.Connection:
    raw = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT_S, check_same_thread=False)
    raw.execute("PRAGMA trusted_schema = OFF")
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("PRAGMA cell_size_check = ON")
    content.install(raw)
    return raw


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def _regular(path: Path) -> None:
    """Refuse what is not a plain file before opening it (a FIFO would block a reader)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise FileMissingError(path) from exc
    except OSError as exc:
        raise NotAJourneyFileError(path, exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(mode):
        raise NotAJourneyFileError(path, "it is a folder")
    if not stat.S_ISREG(mode):
        raise NotAJourneyFileError(path, "it is a device or pipe, not a file")


def _header(path: Path) -> tuple[int, int, bool]:
    """(schema version, application id, WAL mode) read from the header before SQLite does."""
    _regular(path)
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except PermissionError as exc:
        raise ReadOnlyFileError(path, "it cannot be read") from exc
    except OSError as exc:
        raise NotAJourneyFileError(path, exc.strerror or str(exc)) from exc
    if not header:
        raise NotAJourneyFileError(path, "the file is empty")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAJourneyFileError(path, "it is not a database")
    if len(header) < 100:
        raise CorruptFileError(path, "the file is cut short")
    version = int.from_bytes(header[60:64], "big", signed=True)
    application_id = int.from_bytes(header[68:72], "big", signed=True)
    return version, application_id, header[18] == 2 or header[19] == 2


def _check_identity(path: Path, version: int, application_id: int) -> None:
    if application_id != schema.APPLICATION_ID:
        raise NotAJourneyFileError(path, "it is a database of another program")
    if version > schema.LATEST_VERSION:
        raise NewerVersionError(
            path, f"file format {version}; this version reads up to {schema.LATEST_VERSION}"
        )
    if version < 1:
        raise CorruptFileError(path, "its format version is missing")


def is_read_only(path: Path) -> bool:
    """True when the file or its folder may not be written (even by root, who ignores modes)."""
    mode = path.stat().st_mode
    return (
        not mode & stat.S_IWUSR
        or not os.access(path, os.W_OK)
        or not os.access(path.parent, os.W_OK)
    )


@contextlib.contextmanager
def _sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's exceptions into messages a person can act on."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise FileLockedError(path) from exc
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyFileError(path, text) from exc
        if "disk" in text and "full" in text:
            raise WriteFailedError(path, text) from exc
        raise CorruptFileError(path, text) from exc
    except sqlite3.DatabaseError as exc:
        raise CorruptFileError(path, str(exc)) from exc


def _probe_lock(path: Path) -> None:
    """Refuse a file that another program is writing right now."""
    probe = sqlite3.connect(_uri(path, "rw"), uri=True, timeout=LOCK_TIMEOUT_S)
    try:
        with _sqlite_errors(path):
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
    finally:
        probe.close()


def open_file(path: Path | str, *, read_only: bool = False) -> JourneyFile:
    """Open and check a file; raise a JourneyFileError and change nothing if it is unfit.

    Side files are never trusted: a leftover rollback journal is first applied to a
    private copy, and only when the result passes every check may SQLite roll it back
    in place; a file in WAL mode (another program's) is read through a private copy and
    offered read-only. Reading never creates a file beside someone else's.
    """
    path = Path(path)
    version, application_id, wal = _header(path)
    _check_identity(path, version, application_id)
    wal = wal or _side(path, "-wal").exists()
    journal = _side(path, "-journal")
    leftover = journal.exists() and journal.stat().st_size > 0
    if not read_only and wal:
        raise ReadOnlyFileError(path, "another program saved it in write-ahead-log mode")
    if not read_only and is_read_only(path):
        raise ReadOnlyFileError(path, "the file or its folder is write-protected")
    if leftover:
        _check_journal(path, journal)
    if read_only and (leftover or wal):
        raw = _private_copy(path, journal=leftover, wal=wal)
    else:
        raw = _connect(_uri(path, "ro" if read_only else "rw"))
    private = read_only and (leftover or wal)
    try:
        with _sqlite_errors(path):
            version = _check(path, raw)
            if not is_read_only(path) and not private:
                _probe_lock(path)
            if version < schema.LATEST_VERSION and private:
                schema.migrate(raw)
            elif version < schema.LATEST_VERSION:
                raw = _migrated(path, raw, version, read_only)
            if not read_only:
                raw.execute("PRAGMA journal_mode = DELETE")
                raw.execute("PRAGMA synchronous = FULL")
    except BaseException:
        raw.close()
        raise
    raw.isolation_level = None  # as the engine wants it (store/engine.py), made or not
    return JourneyFile(path, raw, read_only, schema.LATEST_VERSION)


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _check(path: Path, raw: sqlite3.Connection) -> int:
    """Every check of an open connection's content; returns its schema version."""
    version = raw.execute("PRAGMA user_version").fetchone()[0]
    application_id = raw.execute("PRAGMA application_id").fetchone()[0]
    _check_identity(path, version, application_id)
    _check_schema(path, schema.compare(raw, version))
    _check_content(path, raw, schema.revision_for(version))
    verdict = raw.execute("PRAGMA quick_check").fetchall()
    if verdict != [("ok",)]:
        raise CorruptFileError(path, str(verdict[0][0]))
    return int(version)


def recheck(path: Path, raw: sqlite3.Connection) -> None:
    """Check a file open here again, after another program committed to it: every check
    of an open (identity, tables, content, `quick_check`) at the version opened, in one
    read transaction; raise DamagedElsewhereError. What another program writes is as
    untrusted as a file from a stranger, and a trigger it added would fire on our writes."""
    started = not raw.in_transaction
    if started:
        raw.execute("BEGIN")
    try:
        version = _check(path, raw)
    except JourneyFileError as exc:
        raise DamagedElsewhereError(path, exc.detail or exc.message()) from exc
    except sqlite3.OperationalError:
        raise  # locked or busy for now: the caller asks again later
    except sqlite3.DatabaseError as exc:  # malformed, not a database any more
        raise DamagedElsewhereError(path, str(exc)) from exc
    finally:
        if started:
            raw.execute("COMMIT")
    if version != schema.LATEST_VERSION:
        raise DamagedElsewhereError(path, f"file format {version}")


def _check_journal(path: Path, journal: Path) -> None:
    """Refuse a leftover journal unless rolling it back gives a sound file of ours.

    SQLite would roll any `-journal` beside the file into it, even one left by a crash
    of another file that someone copied here; that would destroy the file.
    """
    if not _same_history(path, journal):
        raise StrayJournalError(path, journal.name)
    rolled = _private_copy(path, journal=True, wal=False)
    try:
        with _sqlite_errors(path):
            _check(path, rolled)
        return
    except JourneyFileError as exc:
        problem = exc
    finally:
        rolled.close()
    alone = _private_copy(path, journal=False, wal=False)
    try:
        with _sqlite_errors(path):
            _check(path, alone)
    except JourneyFileError:
        raise problem from None
    finally:
        alone.close()
    raise StrayJournalError(path, journal.name)


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _same_history(path: Path, journal: Path) -> bool:
    """Whether the journal's saved first page is a past of this file's first page.

    A write transaction saves page 1 before bumping its change counter, so a journal of
    this file holds the counter the file has now, or one less when the crash came after
    the bump reached the file. A journal without page 1 (or unreadable) is judged by
    rolling it back in a copy instead.
    """
    with journal.open("rb") as stream:
        head = stream.read(28)
        if len(head) < 28 or not head.startswith(JOURNAL_MAGIC):
            return True
        records = int.from_bytes(head[8:12], "big")
        sector = int.from_bytes(head[20:24], "big")
        page = int.from_bytes(head[24:28], "big")
        if not (512 <= page <= 65536 and 512 <= sector <= 65536):
            return True
        size = journal.stat().st_size
        records = min(records, (size - sector) // (page + 8)) if records else 0
        for index in range(records):
            stream.seek(sector + index * (page + 8))
            number = int.from_bytes(stream.read(4), "big")
            if number == 1:
                saved = int.from_bytes(stream.read(28)[24:28], "big")
                with path.open("rb") as file:
                    current = int.from_bytes(file.read(28)[24:28], "big")
                return current in (saved, saved + 1)
    return True


def _private_copy(path: Path, *, journal: bool, wal: bool) -> sqlite3.Connection:
    """The file as SQLite would read it with its side files, in memory; nothing beside it
    is touched (the copy and its side files live in a private temporary folder)."""
    memory = _connect(":memory:")
    try:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / f"copy{SUFFIX}"
            shutil.copyfile(path, copy)
            for wanted, suffix in ((journal, "-journal"), (wal, "-wal")):
                if wanted and _side(path, suffix).exists():
                    shutil.copyfile(_side(path, suffix), _side(copy, suffix))
            disk = _connect(_uri(copy, "rw"))
            try:
                with _sqlite_errors(path):
                    if wal:
                        disk.execute("PRAGMA journal_mode = DELETE")
                    disk.backup(memory)
            finally:
                disk.close()
    except OSError as exc:
        memory.close()
        raise ReadOnlyFileError(path, exc.strerror or str(exc)) from exc
    except BaseException:
        memory.close()
        raise
    return memory


def _check_schema(path: Path, found: schema.Comparison) -> None:
    """Refuse objects that are not ours, then rules that differ from ours."""
    if found.foreign:
        raise ForeignSchemaError(path, "unexpected: " + ", ".join(found.foreign[:3]))
    if found.altered:
        raise AlteredSchemaError(path, ", ".join(found.altered[:3]))


def _check_content(path: Path, raw: sqlite3.Connection, revision: str) -> None:
    """Every value of the file within its rules (store/content.py), else refuse it."""
    try:
        content.check_all(raw, revision)
    except content.ContentError as exc:
        raise InvalidContentError(path, str(exc)) from exc


def _migrated(
    path: Path, raw: sqlite3.Connection, version: int, read_only: bool
) -> sqlite3.Connection:
    """Bring an older file up to date: in memory when read-only, else after a backup copy."""
    if read_only:
        memory = _connect(":memory:")
        raw.backup(memory)
        raw.close()
        raw = memory
    else:
        keep = path.with_name(f"{path.stem}.v{version}.bak{SUFFIX}")
        _backup(raw, keep)
    schema.migrate(raw)
    return raw


def _backup(raw: sqlite3.Connection, destination: Path, *inputs: Path) -> None:
    """Copy a live database with SQLite's backup API into memory, then write it whole.

    Going through memory means no journal and no named temporary file beside the
    destination: a kill at any moment leaves the destination as it was.
    """
    memory = sqlite3.connect(":memory:")
    try:
        raw.backup(memory)
        data = memory.serialize()
    finally:
        memory.close()
    write_atomically(destination, data, *inputs)


def save_copy(journey: JourneyFile, destination: Path | str) -> None:
    """Save As: a consistent copy of the open file, made with SQLite's backup API."""
    _backup(journey.raw, Path(destination), journey.path)


def create_file(path: Path | str, populate: Callable[[Engine], None] | None = None) -> None:
    """Write a new, complete file at `path` (built aside, then renamed into place); with
    no `populate`, a project with nothing in it yet (its one project row, defaults)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteFailedError(path, "its folder does not exist")
    from journeyeditor.store.engine import make_engine

    raw = _connect(":memory:")
    try:
        schema.migrate(raw)
        (populate or _empty_project)(make_engine(raw))
        _backup(raw, path)
    finally:
        raw.close()


def _empty_project(engine: Engine) -> None:
    from sqlalchemy import insert

    from journeyeditor.model import Project
    from journeyeditor.store.engine import write_transaction

    with write_transaction(engine) as connection:
        connection.execute(insert(Project).values(id=1))


def check_file(path: Path | str) -> list[str]:
    """Deep check without writing: return findings; raise JourneyFileError when unusable."""
    path = Path(path)
    journey = open_file(path, read_only=True)
    findings: list[str] = []
    try:
        with _sqlite_errors(path):
            rows = journey.raw.execute("PRAGMA integrity_check").fetchall()
            if rows != [("ok",)]:
                raise CorruptFileError(path, str(rows[0][0]))
        if is_read_only(path):
            findings.append("read-only")
    finally:
        journey.close()
    return findings


__all__ = [
    "JourneyFile",
    "JourneyFileError",
    "check_file",
    "create_file",
    "is_read_only",
    "open_file",
    "save_copy",
]
