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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine

from journeyeditor.store import schema
from journeyeditor.store.engine import make_engine
from journeyeditor.store.errors import (
    CorruptFileError,
    FileLockedError,
    FileMissingError,
    ForeignSchemaError,
    JourneyFileError,
    NewerVersionError,
    NotAJourneyFileError,
    ReadOnlyFileError,
    WriteFailedError,
)
from journeyeditor.store.files import written_aside

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 1.0
SUFFIX = ".journey"
SQLITE_READONLY_ROLLBACK = 776


@dataclass
class JourneyFile:
    """An open, checked file: the raw connection and an SQLAlchemy engine on it."""

    path: Path
    raw: sqlite3.Connection
    engine: Engine
    read_only: bool
    version: int

    def close(self) -> None:
        self.engine.dispose()
        self.raw.close()


def _connect(uri: str) -> sqlite3.Connection:
    raw = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT_S, check_same_thread=False)
    raw.execute("PRAGMA trusted_schema = OFF")
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("PRAGMA cell_size_check = ON")
    return raw


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def _header(path: Path) -> tuple[int, int]:
    """(schema version, application id) read from the file header, before SQLite sees it."""
    if not path.exists():
        raise FileMissingError(path)
    if not path.is_file():
        raise NotAJourneyFileError(path, "it is a folder")
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except PermissionError as exc:
        raise ReadOnlyFileError(path, "it cannot be read") from exc
    if not header:
        raise NotAJourneyFileError(path, "the file is empty")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAJourneyFileError(path, "it is not a database")
    if len(header) < 100:
        raise CorruptFileError(path, "the file is cut short")
    version = int.from_bytes(header[60:64], "big", signed=True)
    application_id = int.from_bytes(header[68:72], "big", signed=True)
    return version, application_id


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
    """Open and check a file; raise a JourneyFileError and change nothing if it is unfit."""
    path = Path(path)
    _check_identity(path, *_header(path))
    if not read_only and is_read_only(path):
        raise ReadOnlyFileError(path, "the file or its folder is write-protected")
    raw = _connect(_uri(path, "ro" if read_only else "rw"))
    recovered = False
    try:
        with _sqlite_errors(path):
            if read_only:
                raw, recovered = _readable(path, raw)
            verdict = raw.execute("PRAGMA quick_check").fetchall()
            if verdict != [("ok",)]:
                raise CorruptFileError(path, str(verdict[0][0]))
            version = raw.execute("PRAGMA user_version").fetchone()[0]
            application_id = raw.execute("PRAGMA application_id").fetchone()[0]
            _check_identity(path, version, application_id)
            foreign = schema.differences(raw, version)
            if foreign:
                raise ForeignSchemaError(path, "unexpected: " + ", ".join(foreign[:3]))
            misplaced = _across_maps(raw)
            if misplaced:
                raise CorruptFileError(path, misplaced)
            if not is_read_only(path) and not recovered:
                _probe_lock(path)
            if version < schema.LATEST_VERSION:
                raw = _migrated(path, raw, version, read_only)
            if not read_only:
                raw.execute("PRAGMA journal_mode = DELETE")
                raw.execute("PRAGMA synchronous = FULL")
    except BaseException:
        raw.close()
        raise
    engine = make_engine(raw)
    return JourneyFile(path, raw, engine, read_only, schema.LATEST_VERSION)


def _across_maps(raw: sqlite3.Connection) -> str:
    """What sits on a stage of one map and a lane of another (nothing may: the views and
    the export place every card and emotion point by its map's stages and lanes)."""
    for table, what in (("card", "cards"), ("emotion_point", "emotion points")):
        count = raw.execute(
            f"SELECT count(*) FROM {table} JOIN stage ON stage.id = {table}.stage_id "
            f"JOIN lane ON lane.id = {table}.lane_id WHERE stage.map_id != lane.map_id"
        ).fetchone()[0]
        if count:
            return f"{count} {what} sit across two maps"
    return ""


def _readable(path: Path, raw: sqlite3.Connection) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection that can read a file a crash left with a hot journal.

    SQLite must roll such a journal back before reading, which a read-only connection
    may not do: roll it back in a private copy instead (into memory), leaving the file
    as it is. Returns the connection to use and whether it is such a copy.
    """
    try:
        raw.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return raw, False
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) != SQLITE_READONLY_ROLLBACK:
            raise
    raw.close()
    memory = _connect(":memory:")
    try:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / f"copy{SUFFIX}"
            shutil.copyfile(path, copy)
            shutil.copyfile(f"{path}-journal", f"{copy}-journal")
            disk = _connect(_uri(copy, "rw"))
            try:
                disk.backup(memory)
            finally:
                disk.close()
    except OSError as exc:
        memory.close()
        raise ReadOnlyFileError(path, str(exc)) from exc
    except BaseException:
        memory.close()
        raise
    return memory, True


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


def _backup(raw: sqlite3.Connection, destination: Path) -> None:
    """Copy a live database with SQLite's backup API, written aside then renamed in."""
    with written_aside(destination) as temporary:
        target = sqlite3.connect(temporary)
        try:
            raw.backup(target)
        finally:
            target.close()


def save_copy(journey: JourneyFile, destination: Path | str) -> None:
    """Save As: a consistent copy of the open file, made with SQLite's backup API."""
    _backup(journey.raw, Path(destination))


def create_file(path: Path | str, populate: Callable[[Engine], None] | None = None) -> None:
    """Write a new, complete file at `path` (built aside, then renamed into place)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteFailedError(path, "its folder does not exist")
    raw = _connect(":memory:")
    try:
        schema.migrate(raw)
        if populate is not None:
            populate(make_engine(raw))
        _backup(raw, path)
    finally:
        raw.close()


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
            if journey.raw.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise CorruptFileError(path, "a reference points to nothing")
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
