"""Changing a `.journey` file with plain SQLite, as another program (or an attacker) would.

Nothing here goes through Journey Editor: foreign keys and CHECK constraints are off,
and what SQLite itself forbids (NULL in a NOT NULL column, an integer in a TEXT column)
is written by declaring the column otherwise for one write through `writable_schema`,
then putting the declaration back, so that the schema text stays exactly ours.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# SQLAlchemy writes one column or constraint per line: "CREATE TABLE t (\n\ta, \n\tb\n)".
ITEM_SEPARATOR = ", \n\t"


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode that enforces neither foreign keys nor CHECKs."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA ignore_check_constraints = ON")
        yield connection
    finally:
        connection.close()


def execute(path: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    with opened(path) as connection:
        connection.execute(sql, params)


def script(path: Path, sql: str) -> None:
    with opened(path) as connection:
        connection.executescript(sql)


def schema_sql(path: Path, name: str) -> str:
    with opened(path) as connection:
        row = connection.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (name,)).fetchone()
    assert row is not None and row[0], f"no schema object {name}"
    return str(row[0])


def split_table(sql: str) -> tuple[str, list[str], str]:
    """A CREATE TABLE statement as (head, items, tail); `join_table` puts it back."""
    head, found, rest = sql.partition(" (\n\t")
    body, closing, tail = rest.rpartition("\n)")
    assert found and closing, f"not a CREATE TABLE as SQLAlchemy writes it: {sql[:60]}"
    return head, body.split(ITEM_SEPARATOR), tail


def join_table(head: str, items: list[str], tail: str) -> str:
    return f"{head} (\n\t{ITEM_SEPARATOR.join(items)}\n){tail}"


def column_index(items: list[str], column: str) -> int:
    matches = [i for i, item in enumerate(items) if item.split(" ")[0] == column]
    assert len(matches) == 1, f"column {column} not found once in {items}"
    return matches[0]


def with_column(sql: str, column: str, definition: str) -> str:
    """`sql` with the definition of `column` replaced (the name included)."""
    head, items, tail = split_table(sql)
    items[column_index(items, column)] = definition
    return join_table(head, items, tail)


def set_schema_sql(path: Path, name: str, sql: str) -> None:
    """Rewrite one object's CREATE statement in place, then bump the schema cookie."""
    with opened(path) as connection:
        version = connection.execute("PRAGMA schema_version").fetchone()[0]
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("UPDATE sqlite_schema SET sql = ? WHERE name = ?", (sql, name))
        connection.execute(f"PRAGMA schema_version = {version + 1}")
        connection.execute("PRAGMA writable_schema = OFF")


def write_loosened(
    path: Path, table: str, column: str, definition: str, sql: str, params: tuple[Any, ...]
) -> None:
    """Run `sql` while `column` is declared as `definition`, then restore the declaration."""
    original = schema_sql(path, table)
    set_schema_sql(path, table, with_column(original, column, definition))
    execute(path, sql, params)
    set_schema_sql(path, table, original)


def rebuild(path: Path, table: str, create: str) -> None:
    """Recreate `table` from the statement `create`, keeping its rows and its indexes."""
    with opened(path) as connection:
        indexes = [
            sql
            for (sql,) in connection.execute(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL",
                (table,),
            )
        ]
        connection.execute("BEGIN")
        connection.execute(f"CREATE TEMP TABLE hostile_rows AS SELECT * FROM {table}")
        connection.execute(f"DROP TABLE {table}")
        connection.execute(create)
        connection.execute(f"INSERT INTO {table} SELECT * FROM temp.hostile_rows")
        for index in indexes:
            connection.execute(index)
        connection.execute("DROP TABLE temp.hostile_rows")
        connection.execute("COMMIT")


def integrity(path: Path) -> list[str]:
    with opened(path) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def scalar(path: Path, sql: str) -> Any:
    with opened(path) as connection:
        row = connection.execute(sql).fetchone()
    return None if row is None else row[0]
