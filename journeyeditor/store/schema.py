"""Schema versions: migrating a file on open and checking its tables are exactly ours.

A file's schema is compared, structure by structure, with the schema that our own
migrations build for the same version in memory, so nothing a file brings along
(an extra trigger, view, table, column or index) is ever run or read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from journeyeditor.store.engine import make_engine, write_transaction

MIGRATIONS = Path(__file__).with_name("migrations")
APPLICATION_ID = 0x4A524E59  # "JRNY": marks a SQLite file as ours
LATEST_VERSION = 3

Signature = dict[str, Any]


def _alembic_config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revision_for(version: int) -> str:
    """Alembic revision id of schema `version` (revisions are named 0001, 0002, …)."""
    return f"{version:04d}"


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def migrate(raw: sqlite3.Connection, version: int = LATEST_VERSION) -> None:
    """Run our migrations on `raw` up to `version`, in one transaction."""
    with write_transaction(make_engine(raw)) as connection:
        command.upgrade(_alembic_config(connection), revision_for(version))
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


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


def _pragma(raw: sqlite3.Connection, pragma: str, name: str) -> list[Any]:
    """A schema pragma about one object; its name is passed as a quoted string literal."""
    literal = "'" + name.replace("'", "''") + "'"
    return raw.execute(f"PRAGMA {pragma}({literal})").fetchall()


def signature(raw: sqlite3.Connection) -> Signature:
    """Everything about a schema that can change what SQLite runs or we read.

    Each object's normalised SQL (CHECK, UNIQUE, NOT NULL, defaults, collations,
    partial-index conditions, WITHOUT ROWID, STRICT, generated columns) and, beside
    it, what SQLite's own pragmas report of its structure.
    """
    sig: Signature = {}
    rows = raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    table_list = {row[1]: row[2:] for row in raw.execute("PRAGMA main.table_list").fetchall()}
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


@cache
def _expected(version: int) -> Signature:
    """The signature our own migrations give schema `version` (callers must not change it)."""
    raw = sqlite3.connect(":memory:")
    try:
        migrate(raw, version)
        return signature(raw)
    finally:
        raw.close()


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


def compare(raw: sqlite3.Connection, version: int) -> Comparison:
    """Compare a file's schema with the one our migrations build for `version`."""
    expected = _expected(version)
    actual = signature(raw)
    foreign = [f"+{n}" for n in sorted(set(actual) - set(expected))]
    foreign += [f"-{n}" for n in sorted(set(expected) - set(actual))]
    altered: list[str] = []
    for name in sorted(set(expected) & set(actual)):
        if repr(expected[name]) != repr(actual[name]):
            same_shape = _shape(expected[name]) == _shape(actual[name])
            (altered if same_shape else foreign).append(name)
    return Comparison(foreign=foreign, altered=altered)
