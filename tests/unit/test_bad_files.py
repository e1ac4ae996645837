"""Files that must be refused, each with its own error, exit code and a clear message.

For every kind of bad file: Document.open and open_file raise the right
JourneyFileError subclass naming the file; `journeyeditor check FILE` exits with that
error's code and prints one line; and the file's bytes are unchanged afterwards.
Plus: one fixture file per released schema version opens and passes the check.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.store import database, schema
from journeyeditor.store.errors import (
    AlteredSchemaError,
    CorruptFileError,
    FileLockedError,
    FileMissingError,
    ForeignSchemaError,
    InvalidContentError,
    JourneyFileError,
    NewerVersionError,
    NotAJourneyFileError,
    ReadOnlyFileError,
)

from helpers.projects import folder_listing, sha256

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
JOURNEYEDITOR = Path(sys.executable).with_name("journeyeditor")


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    command = (
        [str(JOURNEYEDITOR)] if JOURNEYEDITOR.exists() else [sys.executable, "-m", "journeyeditor"]
    )
    return subprocess.run(
        [*command, "check", str(path)], capture_output=True, text=True, timeout=60
    )


def alter(sql: str) -> Callable[[Path], None]:
    """Change a real file with plain SQLite, as another program would."""

    def change(path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            connection.executescript(sql)
            connection.commit()
        finally:
            connection.close()

    return change


def rewrite_table(
    table: str, change: Callable[[str], str], then: str = ""
) -> Callable[[Path], None]:
    """Rewrite a table's CREATE statement in place, as a hand-editing tool would."""

    def rewrite(path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            (sql,) = connection.execute(
                "SELECT sql FROM sqlite_schema WHERE name = ?", (table,)
            ).fetchone()
            changed = change(sql)
            assert changed != sql, "the rewrite must change the table"
            version = connection.execute("PRAGMA schema_version").fetchone()[0]
            connection.execute("PRAGMA writable_schema = ON")
            connection.execute("UPDATE sqlite_schema SET sql = ? WHERE name = ?", (changed, table))
            connection.execute(f"PRAGMA schema_version = {version + 1}")
            connection.execute("PRAGMA writable_schema = OFF")
            connection.commit()
        finally:
            connection.close()
        if then:
            alter(then)(path)

    return rewrite


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def other_program(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');"
    )
    connection.close()


def zeroed_pages(path: Path) -> None:
    """Damage inside the file (page 2 onwards overwritten) with a sound header."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 4] = bytes(page * 3)
    path.write_bytes(bytes(data))


BAD_FILES: dict[str, tuple[Callable[[Path], None], type[JourneyFileError]]] = {
    "random bytes": (random_bytes, NotAJourneyFileError),
    "empty file": (empty, NotAJourneyFileError),
    "truncated database": (truncated, CorruptFileError),
    "header only": (header_only, CorruptFileError),
    "zeroed pages": (zeroed_pages, CorruptFileError),
    "extra trigger": (
        alter("CREATE TRIGGER spy AFTER INSERT ON card BEGIN SELECT 1; END;"),
        ForeignSchemaError,
    ),
    "extra view": (alter("CREATE VIEW everything AS SELECT * FROM card;"), ForeignSchemaError),
    "extra table": (alter("CREATE TABLE extra(x);"), ForeignSchemaError),
    "extra column": (alter("ALTER TABLE card ADD COLUMN extra TEXT;"), ForeignSchemaError),
    "extra index": (alter("CREATE INDEX ix_spy ON card(text);"), ForeignSchemaError),
    "dropped index": (alter("DROP INDEX ix_card_lane;"), ForeignSchemaError),
    "other program's database": (other_program, NotAJourneyFileError),
    "schema from the future": (alter("PRAGMA user_version = 99;"), NewerVersionError),
    "no schema version": (alter("PRAGMA user_version = 0;"), CorruptFileError),
    "card across two maps": (
        alter("UPDATE card SET lane_id = 9 WHERE id = 1;"),
        InvalidContentError,
    ),
    "emotion point across two maps": (
        alter("UPDATE emotion_point SET lane_id = 12 WHERE id = 1;"),
        InvalidContentError,
    ),
    "dangling reference": (
        alter("PRAGMA foreign_keys = OFF; UPDATE card SET department_id = 777 WHERE id = 1;"),
        InvalidContentError,
    ),
    "dropped CHECK and a forged value": (
        rewrite_table(
            "card",
            lambda sql: re.sub(
                r", \s*CONSTRAINT ck_card_\w+ CHECK \((?:[^()]|\([^()]*\))*\)", "", sql
            ),
            "UPDATE card SET severity = 99, evidence = 'forged' WHERE id = 1;",
        ),
        AlteredSchemaError,
    ),
    "tightened CHECK": (
        rewrite_table("card", lambda sql: sql.replace("votes >= 0", "votes >= 5")),
        AlteredSchemaError,
    ),
    "forged value behind the CHECK's back": (
        alter("PRAGMA ignore_check_constraints = ON; UPDATE card SET severity = 99 WHERE id = 1;"),
        InvalidContentError,
    ),
    "text in a number column": (
        alter("UPDATE stage SET width = 'wide' WHERE id = 1;"),
        InvalidContentError,
    ),
    "blob colour": (
        alter("UPDATE stage SET color = X'23666666' WHERE id = 1;"),
        InvalidContentError,
    ),
    "invalid UTF-8": (
        alter("UPDATE card SET text = CAST(X'41FF42C3' AS TEXT) WHERE id = 1;"),
        InvalidContentError,
    ),
    "image row that is not an image": (
        alter("INSERT INTO image VALUES (90, 'PNG', 8, 6, X'89504E470D0A1A0A0000');"),
        InvalidContentError,
    ),
}


@contextmanager
def unchanged_folder(path: Path) -> Iterator[None]:
    """The file's bytes and its folder's listing are the same afterwards."""
    before = (sha256(path), folder_listing(path.parent))
    yield
    assert (sha256(path), folder_listing(path.parent)) == before


def expect_refusal(path: Path, error: type[JourneyFileError], *, deep: bool = False) -> None:
    with unchanged_folder(path):
        if not deep:  # problems only the deep check looks for are not refused on open
            with pytest.raises(error) as raised:
                database.open_file(path)
            assert type(raised.value) is error
            assert path.name in str(raised.value)
            with pytest.raises(error, match=re.escape(path.name)):
                Document.open(path)
            with pytest.raises(error):
                database.open_file(path, read_only=True)
        with pytest.raises(error) as raised:
            database.check_file(path)
        assert type(raised.value) is error
        result = run_check(path)
        assert result.returncode == error.exit_code, result
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert path.name in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused(sample_file: Path, qapp: object, case: str) -> None:
    del qapp
    damage, error = BAD_FILES[case]
    path = sample_file.with_name("bad file.journey")
    shutil.copyfile(sample_file, path)
    damage(path)
    expect_refusal(path, error)


@pytest.mark.parametrize("command", [["info"], ["info", "--json"], ["export", "--format", "json"]])
def test_misplaced_rows_give_a_message_not_a_traceback(
    sample_file: Path, tmp_path: Path, command: list[str]
) -> None:
    """Rows across two maps once crashed `info` and `export` with a KeyError."""
    alter("UPDATE emotion_point SET lane_id = 12 WHERE id = 1;")(sample_file)
    extra = ["-o", str(tmp_path / "out.json")] if command[0] == "export" else []
    result = subprocess.run(
        [sys.executable, "-m", "journeyeditor", command[0], str(sample_file), *command[1:], *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == InvalidContentError.exit_code, result
    assert "Traceback" not in result.stderr and "across two maps" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_exit_codes_are_distinct() -> None:
    classes: list[type[JourneyFileError]] = [FileMissingError, FileLockedError, ReadOnlyFileError]
    classes += {error for _damage, error in BAD_FILES.values()}
    codes = [cls.exit_code for cls in classes]
    assert len(set(codes)) == len(codes) and 0 not in codes and 1 not in codes


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "ghost.journey"
    with pytest.raises(FileMissingError, match=r"ghost\.journey"):
        Document.open(path)
    result = run_check(path)
    assert result.returncode == FileMissingError.exit_code
    assert result.stderr.strip() == "ghost.journey: no such file."
    assert folder_listing(tmp_path) == []


def test_read_only_file(sample_file: Path, qapp: object) -> None:
    """Mode 0444 means read-only even to root: check says so, editing is refused."""
    del qapp
    os.chmod(sample_file, 0o444)
    try:
        with unchanged_folder(sample_file):
            with pytest.raises(ReadOnlyFileError, match=r"sample\.journey is read-only"):
                Document.open(sample_file)
            with pytest.raises(ReadOnlyFileError):
                database.open_file(sample_file)
            assert database.check_file(sample_file) == ["read-only"]
            result = run_check(sample_file)
            assert result.returncode == 0, result
            assert result.stdout.strip() == "sample.journey: sound (read-only)."
            viewer = Document.open(sample_file, read_only=True)
            try:
                assert viewer.read_only and viewer.maps()
                assert not viewer.push(edits.edit_project(viewer, name="nope"))
            finally:
                viewer.close()
    finally:
        os.chmod(sample_file, 0o644)


@contextmanager
def held_lock(path: Path, how: str) -> Iterator[None]:
    """Another program holding a lock on the file, from a second sqlite3 connection."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(how)
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@pytest.mark.parametrize("how", ["BEGIN EXCLUSIVE", "BEGIN IMMEDIATE"])
def test_file_locked_by_another_program(sample_file: Path, qapp: object, how: str) -> None:
    """The other program is simulated by a connection in this process.

    The command line runs first: any plain open() and close() of the file in this
    process (as the store's header check does) drops the POSIX locks this process holds
    on it, so after the in-process attempts another process would no longer see them.
    """
    del qapp
    with unchanged_folder(sample_file), held_lock(sample_file, how):
        result = run_check(sample_file)
        assert result.returncode == FileLockedError.exit_code, result
        assert len(result.stderr.strip().splitlines()) == 1
        assert "sample.journey is being written by another program" in result.stderr
        with pytest.raises(FileLockedError, match=r"sample\.journey is being written"):
            Document.open(sample_file)
        with pytest.raises(FileLockedError):
            database.open_file(sample_file)
        with pytest.raises(FileLockedError):
            database.check_file(sample_file)
    database.open_file(sample_file).close()  # fine once the other program lets go


def test_file_locked_by_another_process(sample_file: Path) -> None:
    script = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(sample_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with unchanged_folder(sample_file):
            with pytest.raises(FileLockedError):
                database.open_file(sample_file)
            assert run_check(sample_file).returncode == FileLockedError.exit_code
    finally:
        holder.communicate("", timeout=30)
    assert database.check_file(sample_file) == []


# One fixture per released schema version


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("schema_v*.journey"))


def test_a_fixture_for_every_schema_version() -> None:
    versions = {int(path.stem.removeprefix("schema_v")) for path in fixture_files()}
    assert versions == set(range(1, schema.LATEST_VERSION + 1)), (
        "add tests/fixtures/schema_vN.journey with tests/fixtures/make_fixtures.py"
    )


@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda p: p.name)
def test_schema_fixture_opens(fixture: Path, tmp_path: Path, qapp: object) -> None:
    del qapp
    before = sha256(fixture)
    assert database.check_file(fixture) == []
    result = run_check(fixture)
    assert result.returncode == 0 and "sound" in result.stdout, result
    assert sha256(fixture) == before, "checking a fixture must not migrate it in place"
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    document = Document.open(copy)
    try:
        assert document.maps() and document.cards(document.maps()[0].id)
        map_id = document.maps()[0].id
        assert document.push(edits.edit_map(document, map_id, name="Edited after opening"))
    finally:
        document.close()
    journey = database.open_file(copy, read_only=True)
    try:
        assert journey.version == schema.LATEST_VERSION
        assert journey.raw.execute("PRAGMA user_version").fetchone() == (schema.LATEST_VERSION,)
    finally:
        journey.close()
    assert database.check_file(copy) == []
