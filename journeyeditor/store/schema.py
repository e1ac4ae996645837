"""Schema versions: migrating a file on open and checking its tables are exactly ours.

A file's schema is compared, structure by structure, with the schema that our own
migrations build for the same version in memory, so nothing a file brings along
(an extra trigger, view, table, column or index) is ever run or read.

What the migrations build is stored once in `schema_signature.json` (written by
`python -m journeyeditor.store.schema --write-signature`, kept equal to the migrations
by a test), so checking a file imports neither Alembic nor its migrations; only
migrating an older file does.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
SIGNATURE_FILE = Path(__file__).with_name("schema_signature.json")
APPLICATION_ID = 0x4A524E59  # "JRNY": marks a SQLite file as ours
LATEST_VERSION = 6

Signature = dict[str, Any]


def _alembic_config(connection: object) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revision_for(version: int) -> str:
    """Alembic revision id of schema `version` (revisions are named 0001, 0002, …)."""
    return f"{version:04d}"


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def migrate(raw: sqlite3.Connection, version: int = LATEST_VERSION) -> None:
    """Run our migrations on `raw` up to `version`, in one transaction.

    Foreign keys are off meanwhile (SQLite ignores the switch inside a transaction), so a
    migration may rebuild a table others refer to without its DROP cascading to them;
    every reference is checked before the commit instead.
    """
    from alembic import command

    from journeyeditor.store.engine import make_engine, write_transaction

    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        with write_transaction(make_engine(raw)) as connection:
            command.upgrade(_alembic_config(connection), revision_for(version))
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
            if dangling is not None:
                raise sqlite3.IntegrityError(f"{dangling[0]} {dangling[1]} points to nothing")
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def normalised_sql(sql: str | None) -> str | None:
    """`sql` with runs of white space outside quotes made one space, so that only what
    SQLite reads (every rule, default, collation and condition) is compared."""
    if sql is None:
        return None
    out: list[str] = []
    quote = ""
    space = False
    for char in sql:
        if quote:
            out.append(char)
            if char == quote:
                quote = ""
        elif char.isspace():
            space = True
        else:
            if space and out:
                out.append(" ")
            space = False
            out.append(char)
            if char in "'\"`[":
                quote = "]" if char == "[" else char
    return "".join(out)


def _pragma(raw: sqlite3.Connection, pragma: str, name: str) -> list[list[Any]]:
    """A schema pragma about one object; its name is passed as a quoted string literal."""
    literal = "'" + name.replace("'", "''") + "'"
    return [list(row) for row in raw.execute(f"PRAGMA {pragma}({literal})").fetchall()]


def signature(raw: sqlite3.Connection) -> Signature:
    """Everything about a schema that can change what SQLite runs or we read.

    Each object's normalised SQL (CHECK, UNIQUE, NOT NULL, defaults, collations,
    partial-index conditions, WITHOUT ROWID, STRICT, generated columns) and, beside
    it, what SQLite's own pragmas report of its structure. Rows are lists, so a
    signature is the same value once written to JSON and read back.
    """
    sig: Signature = {}
    rows = raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    table_list = {row[1]: list(row[2:]) for row in raw.execute("PRAGMA main.table_list")}
    for kind, name, table, sql in rows:
        if kind == "table" and name.startswith("sqlite_") and sql is not None:
            continue  # SQLite's own tables (statistics, sequences) change no rule
        entry: dict[str, Any] = {"type": kind, "table": table, "sql": normalised_sql(sql)}
        if kind == "table":
            entry["list"] = table_list.get(name)
            entry["columns"] = _pragma(raw, "table_xinfo", name)
            entry["foreign_keys"] = _pragma(raw, "foreign_key_list", name)
            entry["indexes"] = sorted(_pragma(raw, "index_list", name))
        elif kind == "index":
            entry["columns"] = _pragma(raw, "index_xinfo", name)
        sig[name] = entry
    return sig


def built(version: int) -> Signature:
    """The signature our own migrations give schema `version`, built now in memory."""
    raw = sqlite3.connect(":memory:")
    try:
        migrate(raw, version)
        return signature(raw)
    finally:
        raw.close()


def signature_text() -> str:
    """The contents of `schema_signature.json`: every version's signature, as the
    migrations build it with this SQLite library (whose version it records)."""
    stored = {
        "about": "Written by `python -m journeyeditor.store.schema --write-signature`.",
        "sqlite": sqlite3.sqlite_version,
        "versions": {str(v): built(v) for v in range(1, LATEST_VERSION + 1)},
    }
    return json.dumps(stored, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@cache
def _stored() -> dict[str, Any]:
    """The shipped signatures (callers must not change them)."""
    stored: dict[str, Any] = json.loads(SIGNATURE_FILE.read_text(encoding="utf-8"))
    return stored


@dataclass(frozen=True)
class Comparison:
    """How a file's schema differs from ours: objects or columns it adds or lacks
    (`foreign`), and objects whose rules differ though their columns are ours (`altered`)."""

    foreign: list[str]
    altered: list[str]

    def __bool__(self) -> bool:
        return bool(self.foreign or self.altered)


def _shape(entry: dict[str, Any]) -> tuple[Any, ...]:
    """What an object is made of, leaving out its rules: kind, table, column names and types."""
    columns = tuple((c[1], c[2]) for c in entry.get("columns", ()))
    return (entry["type"], entry["table"], columns)


def _same(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Equal as written, so 1, 1.0 and true stay different."""
    return json.dumps(one, sort_keys=True) == json.dumps(other, sort_keys=True)


def _differences(actual: Signature, expected: Signature) -> Comparison:
    foreign = [f"+{n}" for n in sorted(set(actual) - set(expected))]
    foreign += [f"-{n}" for n in sorted(set(expected) - set(actual))]
    altered: list[str] = []
    for name in sorted(set(expected) & set(actual)):
        if not _same(expected[name], actual[name]):
            same_shape = _shape(expected[name]) == _shape(actual[name])
            (altered if same_shape else foreign).append(name)
    return Comparison(foreign=foreign, altered=altered)


def compare(raw: sqlite3.Connection, version: int) -> Comparison:
    """Compare a file's schema with the one our migrations build for `version`.

    The stored signature is what they build with the SQLite library that wrote it; a
    file that differs from it while this process runs another SQLite version is
    compared again with what the migrations build here (importing Alembic), since
    another library may report the same schema in other words.
    """
    actual = signature(raw)
    stored = _stored()
    found = _differences(actual, stored["versions"][str(version)])
    if found and stored["sqlite"] != sqlite3.sqlite_version:
        found = _differences(actual, built(version))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """`--write-signature`: store what the migrations build (after adding one)."""
    parser = argparse.ArgumentParser(prog="python -m journeyeditor.store.schema")
    parser.add_argument("--write-signature", action="store_true", required=True)
    parser.parse_args(argv)
    SIGNATURE_FILE.write_text(signature_text(), encoding="utf-8")
    print(f"wrote {SIGNATURE_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
