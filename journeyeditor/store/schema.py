"""Schema versions: migrating a file on open and checking its tables are exactly ours.

A file's schema is compared, structure by structure, with the schema that our own
migrations build for the same version in memory, so nothing a file brings along
(an extra trigger, view, table, column or index) is ever run or read.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from journeyeditor.store.engine import make_engine, write_transaction

MIGRATIONS = Path(__file__).with_name("migrations")
APPLICATION_ID = 0x4A524E59  # "JRNY": marks a SQLite file as ours
LATEST_VERSION = 1

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


def signature(raw: sqlite3.Connection) -> Signature:
    """Everything about a schema that can change what SQLite runs or we read."""
    sig: Signature = {}
    rows = raw.execute(
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for kind, name, table in rows:
        entry: dict[str, Any] = {"type": kind, "table": table}
        if kind == "table":
            entry["columns"] = raw.execute(f"PRAGMA table_xinfo('{name}')").fetchall()
            entry["foreign_keys"] = raw.execute(f"PRAGMA foreign_key_list('{name}')").fetchall()
        elif kind == "index":
            entry["columns"] = raw.execute(f"PRAGMA index_xinfo('{name}')").fetchall()
        sig[name] = entry
    for kind, name in raw.execute(
        "SELECT type, name FROM sqlite_schema WHERE name LIKE 'sqlite_%' AND type != 'table'"
        " AND name NOT LIKE 'sqlite_autoindex_%'"
    ):
        sig[name] = {"type": kind}
    return sig


@cache
def _expected(version: int) -> tuple[tuple[str, str], ...]:
    raw = sqlite3.connect(":memory:")
    try:
        migrate(raw, version)
        return tuple(sorted((name, repr(entry)) for name, entry in signature(raw).items()))
    finally:
        raw.close()


def differences(raw: sqlite3.Connection, version: int) -> list[str]:
    """Names of schema objects that differ from what `version` should hold."""
    expected = dict(_expected(version))
    actual = {name: repr(entry) for name, entry in signature(raw).items()}
    return sorted(
        name for name in set(expected) | set(actual) if expected.get(name) != actual.get(name)
    )
