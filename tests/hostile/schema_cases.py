"""Every table, column and index of the schema changed in one way, each file otherwise
sound for SQLite (integrity_check ok): a file Journey Editor did not write."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import sqlite_edits as sql
from .base import Case, base_file, columns, copy_base, tables

DEFAULTS = {"text": "'hostile'", "real": "7.5", "blob": "X'00'"}
STRICT_TYPES = {"VARCHAR": "TEXT", "VARCHAR(32)": "TEXT", "DOUBLE": "REAL", "BOOLEAN": "INTEGER"}


def table_variants(table: str, create: str) -> dict[str, str]:
    """Name → changed CREATE TABLE statement, for every way one table's schema can change."""
    head, items, tail = sql.split_table(create)
    own = [column for column in columns() if column.table == table]
    first = own[0].name
    variants: dict[str, str] = {}

    def put(name: str, changed: list[str], end: str = tail) -> None:
        variants[name] = sql.join_table(head, changed, end)

    for index, item in enumerate(items):
        if " CHECK " in item:
            name = item.split(" ")[1]
            expression = item.split(" CHECK ", 1)[1]
            tighter = f"CONSTRAINT {name} CHECK ({expression} AND {first} < 1000000000)"
            put(f"{name}.check_removed", items[:index] + items[index + 1 :])
            put(f"{name}.check_tightened", [*items[:index], tighter, *items[index + 1 :]])
        if " UNIQUE " in item:
            put(f"{item.split(' ')[1]}.unique_removed", items[:index] + items[index + 1 :])
    put("table.check_added", [*items, f"CONSTRAINT ck_hostile CHECK ({first} IS NOT NULL)"])
    put("table.unique_added", [*items, f"CONSTRAINT uq_hostile UNIQUE ({first})"])
    put("table.without_rowid", items, tail + " WITHOUT ROWID")
    typed = list(items)
    for column in own:
        position = sql.column_index(items, column.name)
        typed[position] = column.definition(STRICT_TYPES.get(column.declared, column.declared))
        if column.affinity == "text":
            collated = [*items]
            collated[position] = column.definition(extra=" COLLATE NOCASE")
            put(f"{column.name}.collate_nocase", collated)
        if not column.rowid:
            default = DEFAULTS.get(column.affinity, "7")
            defaulted = [*items]
            defaulted[position] = column.definition(extra=f" DEFAULT {default}")
            put(f"{column.name}.default_added", defaulted)
    put("table.strict", typed, tail + " STRICT")
    return variants


def index_variants(create: str, unique_ok: bool) -> dict[str, str | None]:
    """Name → changed CREATE INDEX statement (None: the index dropped)."""
    head, _, rest = create.partition(" (")
    keys = rest.rstrip(")").split(", ")
    variants: dict[str, str | None] = {
        "partial": f"{create} WHERE {keys[0]} IS NOT NULL",
        "descending": f"{head} ({', '.join([*keys[:-1], keys[-1] + ' DESC'])})",
        "collate_nocase": f"{head} ({', '.join([keys[0] + ' COLLATE NOCASE', *keys[1:]])})",
        "dropped": None,
    }
    if unique_ok:
        variants["unique"] = create.replace("CREATE INDEX", "CREATE UNIQUE INDEX", 1)
    return variants


def schema_case(identity: str, change: Callable[[Path], None]) -> Case:
    def build(folder: Path) -> Path:
        path = copy_base(folder)
        change(path)
        assert sql.integrity(path) == ["ok"], identity  # sound for SQLite, only not ours
        return path

    return Case(identity, "schema", build)


def schema_cases() -> list[Case]:
    base = base_file()
    cases = []
    for table in tables():
        for name, create in table_variants(table, sql.schema_sql(base, table)).items():
            cases.append(
                schema_case(f"{table}.{name}", partial(sql.rebuild, table=table, create=create))
            )
        first = next(column.name for column in columns() if column.table == table)
        extras = {
            "extra_trigger": f"CREATE TRIGGER hostile_{table} AFTER UPDATE ON {table}"
            f" BEGIN DELETE FROM {table}; END",
            "extra_view": f"CREATE VIEW hostile_{table} AS SELECT * FROM {table}",
            "extra_index": f"CREATE INDEX hostile_{table} ON {table} ({first})",
        }
        for name, statement in extras.items():
            cases.append(schema_case(f"{table}.table.{name}", partial(sql.script, sql=statement)))
    with sql.opened(base) as connection:
        indexes = connection.execute(
            "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index'"
            " AND sql IS NOT NULL ORDER BY name"
        ).fetchall()
        for index, table, create in indexes:
            keys = create.partition(" (")[2].rstrip(")")
            duplicates = connection.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {keys} HAVING count(*) > 1)"
            ).fetchone()[0]
            for name, changed in index_variants(create, duplicates == 0).items():
                statements = f"DROP INDEX {index};" + (f" {changed};" if changed else "")
                cases.append(
                    schema_case(f"{table}.{index}.{name}", partial(sql.script, sql=statements))
                )
    cases.append(
        schema_case("file.schema.extra_table", partial(sql.script, sql="CREATE TABLE hostile(x)"))
    )
    return cases
