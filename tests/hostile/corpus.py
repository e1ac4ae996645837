"""Hostile `.journey` files: what a stranger could send, built deterministically.

Every case starts from one base file (the sample project, plus a picture used as logo,
persona photo and card image, and a snapshot) made by the command line's own `import`,
then is changed with plain SQLite (tests/hostile/sqlite_edits.py) or the file system:

- every table × every column × a wrong storage type, invalid UTF-8, a value out of range
  (over the limits of journeyeditor/model/limits.py among others), ±Infinity, a huge
  value and NULL in a NOT NULL column (families `type`, `utf8`, `range`, `nonfinite`,
  `huge`, `null`);
- references to nothing, rows across two maps, positions duplicated or with gaps,
  pictures that are not pictures (`reference`, `order`, `image`);
- every table, column and index with its schema changed in one way, each variant
  otherwise sound for SQLite (`schema`);
- a hot journal from another file, WAL mode with and without its `-wal` (`side`);
- a FIFO, /dev/null, a folder, a symlink loop, empty, truncated, another program's
  database (`special`);
- a few harmless files that must be accepted (`control`).

A case id reads `table.column.variant` (`file.<what>.<variant>` for whole-file cases).

    python -m tests.hostile.corpus OUTDIR    writes each case into OUTDIR/<case id>/
"""

from __future__ import annotations

import atexit
import base64
import functools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # run as a script: find tests/helpers the way pytest does
    sys.path.insert(0, str(TESTS))

from journeyeditor.model import limits  # noqa: E402
from journeyeditor.store import templates  # noqa: E402

from helpers.projects import POSITIONED, png_bytes, png_header_only  # noqa: E402

from . import sqlite_edits as sql  # noqa: E402
from .children import journeyeditor_argv, run_checked  # noqa: E402

FILE_NAME = "hostile file.journey"
MISSING_ID = 999_999


@dataclass(frozen=True)
class Case:
    """One hostile file: `build` makes it in an empty folder and returns the path to open."""

    id: str
    family: str
    build: Callable[[Path], Path]
    refused: bool = True


# The base file


def base_project() -> dict[str, Any]:
    """The sample project, with a picture in every place one can go, and a snapshot."""
    data: dict[str, Any] = json.loads(
        templates.template_path("sample", "en").read_text(encoding="utf-8")
    )
    frozen = json.dumps(data, sort_keys=True)
    picture = base64.b64encode(png_bytes(8, 6, "teal")).decode("ascii")
    data["images"] = [{"id": 1, "format": "PNG", "width": 8, "height": 6, "data": picture}]
    data["project"]["logo_image"] = 1
    data["personas"][0]["photo_image"] = 1
    first = data["maps"][0]
    first["lanes"].append(
        {"id": 1000, "name": "Pictures", "kind": "image", "color": "#f4f4f4", "height": 130.0}
    )
    first["cards"].append(
        {"id": 1000, "stage": first["stages"][0]["id"], "lane": 1000, "text": "Shop", "image": 1}
    )
    data["snapshots"] = [
        {"id": 1, "name": "Before", "created": "2026-01-01T00:00:00", "data": frozen}
    ]
    return data


@functools.cache
def base_file() -> Path:
    """The base file, made once per process by `journeyeditor import`; never changed."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-base-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    source, target = folder / "base.json", folder / "base.journey"
    source.write_text(json.dumps(base_project()), encoding="utf-8")
    run_checked(journeyeditor_argv("import", str(source), "-o", str(target)))
    return target


def copy_base(folder: Path) -> Path:
    path = folder / FILE_NAME
    shutil.copyfile(base_file(), path)
    return path


# Columns, as the base file declares them


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    declared: str
    not_null: bool
    rowid: bool  # INTEGER PRIMARY KEY: SQLite itself only stores integers there

    @property
    def affinity(self) -> str:
        """SQLite's column affinity rules (https://sqlite.org/datatype3.html 3.1)."""
        declared = self.declared.upper()
        if "INT" in declared:
            return "integer"
        if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
            return "text"
        if "BLOB" in declared or not declared:
            return "blob"
        if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
            return "real"
        return "numeric"

    @property
    def numeric(self) -> bool:
        return self.affinity in ("integer", "real", "numeric")

    def definition(self, declared: str | None = None, extra: str = "", null: bool = False) -> str:
        """This column's line in CREATE TABLE, with another type, clause or nullability."""
        not_null = " NOT NULL" if self.not_null and not null else ""
        return f"{self.name} {declared or self.declared}{extra}{not_null}"


@functools.cache
def columns() -> tuple[Column, ...]:
    with sql.opened(base_file()) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found = []
        for table in tables:
            for _cid, name, declared, not_null, _default, pk, _hidden in connection.execute(
                f"PRAGMA table_xinfo({table})"
            ):
                rowid = bool(pk) and declared.upper() == "INTEGER"
                found.append(Column(table, name, declared, bool(not_null), rowid))
    return tuple(found)


def tables() -> list[str]:
    return sorted({column.table for column in columns()})


def foreign_keys() -> list[tuple[str, str, str]]:
    """(table, column, referenced table) for every foreign key of the base file."""
    with sql.opened(base_file()) as connection:
        return [
            (table, row[3], row[2])
            for table in tables()
            for row in connection.execute(f"PRAGMA foreign_key_list({table})")
        ]


# Values in columns


@dataclass(frozen=True)
class Value:
    """A value to write into one row's column; `stored` is its typeof() once written."""

    family: str
    name: str
    param: object
    stored: str | None = None
    expr: str = "?"
    refused: bool = True


# Cards carry every lane kind's fields: change a card whose lane shows the field.
CARD_KIND = {
    "severity": "pain_point",
    "owner": "opportunity",
    "priority": "opportunity",
    "value": "metric",
    "unit": "metric",
    "target": "metric",
    "channel": "touchpoint",
    "owned": "touchpoint",
    "image_id": "image",
}

WRONG_TYPES = {
    "integer": (
        Value("type", "text_in_integer", "forged", "text"),
        Value("type", "real_in_integer", 1.5, "real"),
        Value("type", "blob_in_integer", b"\x00\xff", "blob"),
    ),
    "real": (
        Value("type", "text_in_real", "wide", "text"),
        Value("type", "blob_in_real", b"\x00\xff", "blob"),
    ),
    "text": (
        Value("type", "blob_in_text", b"#fff", "blob"),  # X'23666666'
        Value("type", "integer_in_text", 42, "integer"),
        Value("type", "real_in_text", 2.5, "real"),
    ),
    "blob": (
        Value("type", "text_in_blob", "not bytes", "text"),
        Value("type", "integer_in_blob", 42, "integer"),
    ),
}
WRONG_TYPES["numeric"] = WRONG_TYPES["integer"]

INVALID_UTF8 = Value("utf8", "invalid_utf8", b"A\xffB\xc3", "text", "CAST(? AS TEXT)")
NON_FINITE = (
    Value("nonfinite", "inf", math.inf, "real"),  # NaN cannot be stored: SQLite makes it NULL
    Value("nonfinite", "neg_inf", -math.inf, "real"),
)
NULL = Value("null", "null", None, "null")

W_MIN, W_MAX = limits.STAGE_WIDTH_RANGE
H_MIN, H_MAX = limits.LANE_HEIGHT_RANGE
OUT_OF_RANGE: dict[tuple[str, str], tuple[tuple[str, object], ...]] = {
    ("card", "severity"): (("severity_99", 99), ("severity_0", 0)),
    ("card", "evidence"): (("unknown_evidence", "forged"),),
    ("card", "priority"): (("unknown_priority", "urgent"),),
    ("card", "channel"): (("unknown_channel", "telepathy"),),
    ("card", "owned"): (("owned_2", 2),),
    ("card", "votes"): (("negative", -1), ("over_limit", limits.VOTES_MAX + 1)),
    ("card", "value"): (("over_limit", limits.NUMBER_MAX_ABS * 10),),
    ("card", "target"): (("over_limit", -limits.NUMBER_MAX_ABS * 10),),
    ("emotion_point", "value"): (("value_7", 7), ("value_minus_3", -3)),
    ("stage", "width"): (("zero", 0.0), ("negative", -5.0), ("under_limit", W_MIN / 2)),
    ("lane", "height"): (("zero", 0.0), ("negative", -5.0), ("under_limit", H_MIN / 2)),
    ("persona", "age"): (("negative", -3), ("over_limit", limits.AGE_RANGE[1] + 1)),
    ("project", "language"): (("unknown_language", "xx"),),
    ("journey_map", "state"): (("unknown_state", "dreamy"),),
    ("lane", "kind"): (("unknown_kind", "hologram"),),
    ("image", "format"): (("unknown_format", "TIFF"),),
    ("image", "width"): (("zero", 0), ("negative", -5)),
    ("image", "height"): (("zero", 0), ("negative", -5)),
    ("alembic_version", "version_num"): (("unknown_revision", "9999"),),
}
# Snapshots may hold up to SNAPSHOT_MAX_CHARS (200 MB): too big to build here.
NOT_TOO_LONG = {("snapshot", "data")}


def words(count: int) -> str:
    """Ordinary text of exactly `count` characters."""
    return ("word " * (count // 5 + 1))[:count]


def text_limit(column: Column) -> int:
    """Long fields are declared TEXT, names and short fields VARCHAR (limits.py)."""
    return limits.TEXT_MAX_CHARS if column.declared == "TEXT" else limits.NAME_MAX_CHARS


def huge(column: Column) -> Value | None:
    if column.affinity == "text":
        if (column.table, column.name) in NOT_TOO_LONG:
            return None
        size = 10_000_000 if column.name == "name" else 5_000_000
        return Value("huge", "huge", "W" * size, "text")  # one unbroken word
    if column.affinity == "real":
        return Value("huge", "huge", 1e308, "real")
    if column.affinity == "blob":
        padding = b"\0" * (limits.IMAGE_MAX_BYTES + 1)
        return Value("huge", "huge", png_bytes() + padding, "blob")
    return Value("huge", "huge", 2**62, None if column.rowid else "integer")


def values_for(column: Column) -> list[Value]:
    """Every hostile value for one column."""
    found: list[Value] = []
    if not column.rowid:
        found += WRONG_TYPES[column.affinity]
    if column.affinity == "text":
        found.append(INVALID_UTF8)
        if (column.table, column.name) not in NOT_TOO_LONG:
            over = words(text_limit(column) + 1)
            found.append(Value("range", "over_limit", over, "text"))
    if column.numeric and not column.rowid:
        found += NON_FINITE
    for name, param in OUT_OF_RANGE.get((column.table, column.name), ()):
        found.append(Value("range", name, param))
    if column.name.endswith("color"):
        found.append(Value("range", "not_a_colour", "not a colour", "text"))
    big = huge(column)
    if big is not None:
        found.append(big)
    if column.not_null and not column.rowid:
        found.append(NULL)
    return found


def target_row(table: str, column: str) -> str:
    if table == "card" and column in CARD_KIND:
        return (
            "rowid = (SELECT min(card.id) FROM card JOIN lane ON lane.id = card.lane_id"
            f" WHERE lane.kind = '{CARD_KIND[column]}')"
        )
    return f"rowid = (SELECT min(rowid) FROM {table})"


def loosened(column: Column, value: Value) -> str | None:
    """The declaration under which SQLite stores `value` as it is, if the real one cannot."""
    if value.param is None and column.not_null:
        return column.definition(null=True)
    if column.affinity == "text" and isinstance(value.param, int | float):
        return column.definition("BLOB")  # no affinity: the number stays a number
    return None


def value_case(column: Column, value: Value) -> Case:
    where = target_row(column.table, column.name)
    update = f"UPDATE {column.table} SET {column.name} = {value.expr} WHERE {where}"

    def build(folder: Path) -> Path:
        path = copy_base(folder)
        declaration = loosened(column, value)
        if declaration is None:
            sql.execute(path, update, (value.param,))
        else:
            sql.write_loosened(path, column.table, column.name, declaration, update, (value.param,))
        if value.stored is not None:
            stored = sql.scalar(path, f"SELECT typeof({column.name}) FROM {column.table} WHERE {where}")
            assert stored == value.stored, (column, value.name, stored)
        return path

    identity = f"{column.table}.{column.name}.{value.name}"
    return Case(identity, value.family, build, value.refused)


def value_cases() -> list[Case]:
    return [value_case(column, value) for column in columns() for value in values_for(column)]


# Harmless files


def edited(*statements: str, params: tuple[Any, ...] = ()) -> Callable[[Path], Path]:
    """A builder: the base file changed by plain SQL (the last statement takes `params`)."""

    def build(folder: Path) -> Path:
        path = copy_base(folder)
        for statement in statements[:-1]:
            sql.execute(path, statement)
        sql.execute(path, statements[-1], params)
        return path

    return build


def control_cases() -> list[Case]:
    def at_limit(table: str, column: str, value: object) -> Case:
        where = target_row(table, column)
        build = edited(f"UPDATE {table} SET {column} = ? WHERE {where}", params=(value,))
        return Case(f"{table}.{column}.at_limit", "control", build, refused=False)

    return [
        Case("file.sound.sample", "control", copy_base, refused=False),
        at_limit("card", "text", words(limits.TEXT_MAX_CHARS)),
        at_limit("stage", "name", words(limits.NAME_MAX_CHARS)),
        at_limit("stage", "width", W_MAX),
        at_limit("lane", "height", H_MAX),
        at_limit("card", "votes", limits.VOTES_MAX),
    ]


# References, order, pictures


def reference_cases() -> list[Case]:
    first_map_card = "id = (SELECT min(card.id) FROM card JOIN stage ON stage.id = stage_id"
    first_map_card += " WHERE stage.map_id = 1)"
    first_map_point = "id = (SELECT min(p.id) FROM emotion_point p JOIN stage ON stage.id ="
    first_map_point += " p.stage_id WHERE stage.map_id = 1)"
    cases = [
        Case(
            f"{table}.{column}.dangling",
            "reference",
            edited(f"UPDATE {table} SET {column} = {MISSING_ID} WHERE {target_row(table, column)}"),
        )
        for table, column, _parent in foreign_keys()
    ]
    cases += [
        Case(
            "card.stage_id.stage_deleted",
            "reference",
            edited(
                "DELETE FROM stage WHERE id = (SELECT id FROM stage WHERE map_id = 1"
                " ORDER BY position DESC LIMIT 1)"
            ),
        ),
        Case(
            "card.lane_id.other_map",
            "reference",
            edited(
                "UPDATE card SET lane_id = (SELECT min(id) FROM lane WHERE map_id = 2)"
                f" WHERE {first_map_card}"
            ),
        ),
        Case(
            "emotion_point.lane_id.other_map",
            "reference",
            edited(
                "UPDATE emotion_point SET lane_id = (SELECT min(id) FROM lane WHERE map_id = 2"
                f" AND kind = 'emotion') WHERE {first_map_point}"
            ),
        ),
        Case(
            "emotion_point.lane_id.not_emotion_lane",
            "reference",
            edited(
                "UPDATE emotion_point SET lane_id = (SELECT min(id) FROM lane WHERE map_id = 1"
                f" AND kind = 'text') WHERE {first_map_point}"
            ),
        ),
        Case("project.table.no_row", "reference", edited("DELETE FROM project")),
        Case(
            "project.table.second_row",
            "reference",
            edited("INSERT INTO project SELECT 2, name, language, accent_color, NULL FROM project"),
        ),
        Case("alembic_version.table.no_row", "reference", edited("DELETE FROM alembic_version")),
        Case(
            "alembic_version.table.second_row",
            "reference",
            edited("INSERT INTO alembic_version VALUES ('0002')"),
        ),
    ]
    return cases


def order_cases() -> list[Case]:
    cases = []
    for table in POSITIONED:
        moves = {
            "duplicate": "position = 0 WHERE id = (SELECT min(id) FROM {t} WHERE position = 1)",
            "gap": "position = position + 5 WHERE id = (SELECT id FROM {t}"
            " ORDER BY position DESC, id LIMIT 1)",
            "negative": "position = -1 WHERE id = (SELECT min(id) FROM {t})",
        }
        for name, move in moves.items():
            build = edited(f"UPDATE {table} SET " + move.format(t=table))
            cases.append(Case(f"{table}.position.{name}", "order", build))
    return cases


def image_cases() -> list[Case]:
    picture = png_bytes(8, 6, "teal")
    data = "UPDATE image SET data = ? WHERE id = 1"
    return [
        Case("image.data.not_an_image", "image", edited(data, params=(b"not an image",))),
        Case("image.data.cut_short", "image", edited(data, params=(picture[:40],))),
        Case(
            "image.data.decompression_bomb",
            "image",
            edited(data, params=(png_header_only(60_000, 60_000),)),
        ),
        Case("image.format.mismatch", "image", edited("UPDATE image SET format = 'JPEG'")),
        Case("image.width.mismatch", "image", edited("UPDATE image SET width = 4000")),
    ]


# Schema variants


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
    strict = {"VARCHAR": "TEXT", "VARCHAR(32)": "TEXT", "DOUBLE": "REAL", "BOOLEAN": "INTEGER"}
    typed = list(items)
    for column in own:
        position = sql.column_index(items, column.name)
        typed[position] = column.definition(strict.get(column.declared, column.declared))
        if column.affinity == "text":
            collated = [*items]
            collated[position] = column.definition(extra=" COLLATE NOCASE")
            put(f"{column.name}.collate_nocase", collated)
        if not column.rowid:
            default = {"text": "'hostile'", "real": "7.5", "blob": "X'00'"}.get(column.affinity, "7")
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
                schema_case(f"{table}.{name}", lambda p, t=table, c=create: sql.rebuild(p, t, c))
            )
        first = next(column.name for column in columns() if column.table == table)
        extras = {
            "extra_trigger": f"CREATE TRIGGER hostile_{table} AFTER UPDATE ON {table}"
            f" BEGIN DELETE FROM {table}; END",
            "extra_view": f"CREATE VIEW hostile_{table} AS SELECT * FROM {table}",
            "extra_index": f"CREATE INDEX hostile_{table} ON {table} ({first})",
        }
        for name, statement in extras.items():
            cases.append(
                schema_case(f"{table}.table.{name}", lambda p, s=statement: sql.script(p, s))
            )
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
                    schema_case(f"{table}.{index}.{name}", lambda p, s=statements: sql.script(p, s))
                )
    cases.append(
        schema_case("file.schema.extra_table", lambda p: sql.script(p, "CREATE TABLE hostile(x)"))
    )
    return cases


# Side files


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
        Case("file.wal.without_wal_file", "side", wal_mode),
        Case("file.wal.with_wal_file", "side", wal_mode_with_wal),
    ]


# Special files


def special(make: Callable[[Path], None]) -> Callable[[Path], Path]:
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
    makers: dict[str, Callable[[Path], None]] = {
        "fifo": os.mkfifo,
        "dev_null_link": lambda p: p.symlink_to("/dev/null"),
        "directory": Path.mkdir,
        "symlink_loop": lambda p: p.symlink_to(p.name),
        "empty": lambda p: p.write_bytes(b""),
        "truncated": lambda p: p.write_bytes(base[: len(base) // 2]),
    }
    cases = [Case(f"file.special.{name}", "special", special(make)) for name, make in makers.items()]
    cases.append(Case("file.special.other_application_id", "special", other_application))
    return cases


@functools.cache
def all_cases() -> tuple[Case, ...]:
    groups: Iterable[list[Case]] = (
        control_cases(),
        value_cases(),
        reference_cases(),
        order_cases(),
        image_cases(),
        schema_cases(),
        side_cases(),
        special_cases(),
    )
    cases = tuple(case for group in groups for case in group)
    identities = [case.id for case in cases]
    assert len(set(identities)) == len(identities), "case ids must be unique"
    return cases


def write_corpus(folder: Path) -> None:
    """Every case into folder/<case id>/, and an index: id, family, expectation."""
    lines = []
    for case in all_cases():
        place = folder / case.id
        place.mkdir(parents=True)
        case.build(place)
        lines.append(f"{case.id}\t{case.family}\t{'refused' if case.refused else 'accepted'}\n")
    (folder / "cases.tsv").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m tests.hostile.corpus OUTDIR\n")
        return 1
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    write_corpus(folder)
    sys.stdout.write(f"{len(all_cases())} cases written to {folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
