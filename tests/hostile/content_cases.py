"""Hostile content: every column's wrong values, broken references and order, bad pictures.

Families: `type` (a wrong storage type), `utf8` (invalid UTF-8 text), `range` (out of
range, over the limits of journeyeditor/model/limits.py), `nonfinite` (±Infinity; NaN
cannot be stored, SQLite makes it NULL), `huge`, `null` (NULL in a NOT NULL column),
`reference`, `order` (positions), `image`, and `control`: harmless files at the limits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from journeyeditor.model import limits
from journeyeditor.store import content

from . import sqlite_edits as sql
from .base import Case, Column, columns, copy_base, edited, foreign_keys, target_row
from helpers.projects import POSITIONED, png_bytes, png_header_only

MISSING_ID = 999_999


@dataclass(frozen=True)
class Value:
    """A value to write into one row's column; `stored` is its typeof() once written."""

    family: str
    name: str
    param: object
    stored: str | None = None
    expr: str = "?"


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
    ("card", "target_low"): (("over_limit", limits.NUMBER_MAX_ABS * 10),),
    ("card", "baseline"): (("over_limit", -limits.NUMBER_MAX_ABS * 10),),
    ("card", "direction"): (("unknown_direction", "sideways"),),
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
    ("measure_run", "kind"): (("unknown_kind", "rumours"),),
    ("measure_run", "rows"): (("negative", -1), ("over_limit", limits.COUNT_MAX + 1)),
    ("funnel_figure", "reached"): (("negative", -1),),
    ("funnel_figure", "median_seconds"): (("negative", -0.5), ("over_limit", 1e13)),
    ("survey_figure", "effort_mean"): (("over_limit", limits.EFFORT_RANGE[1] + 0.5),),
    ("survey_figure", "detractors"): (("negative", -2),),
    ("stage_pattern", "position"): (("over_limit", limits.MAX_PATTERNS_PER_STAGE + 1),),
    ("survey_mapping", "effort_low"): (("negative", limits.EFFORT_RANGE[0] - 1),),
    ("survey_mapping", "effort_high"): (("over_limit", limits.EFFORT_RANGE[1] + 1),),
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
            typeof = f"SELECT typeof({column.name}) FROM {column.table} WHERE {where}"
            assert sql.scalar(path, typeof) == value.stored, (column, value.name)
        return path

    identity = f"{column.table}.{column.name}.{value.name}"
    return Case(identity, value.family, build)


def value_cases() -> list[Case]:
    return [value_case(column, value) for column in columns() for value in values_for(column)]


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
        *measure_cases(),
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
            edited("INSERT INTO alembic_version VALUES ('0001')"),
        ),
    ]
    return cases


def measure_cases() -> list[Case]:
    """What measurements may not be: a card on a lane of figures, figures of another run
    kind, map or twice over, more bad rows than rows, a mapping's parts without it."""
    figure = "id = (SELECT min(id) FROM funnel_figure)"
    return [
        Case(
            "card.lane_id.figure_lane",
            "reference",
            edited(
                "UPDATE card SET lane_id = (SELECT min(id) FROM lane WHERE kind = 'funnel'),"
                " position = 0 WHERE id = (SELECT min(card.id) FROM card JOIN stage ON"
                " stage.id = card.stage_id WHERE stage.map_id = 1)"
            ),
        ),
        Case(
            "funnel_figure.run_id.survey_run",
            "reference",
            edited(
                "UPDATE funnel_figure SET run_id = (SELECT id FROM measure_run WHERE kind ="
                f" 'survey') WHERE {figure}"
            ),
        ),
        Case(
            "funnel_figure.stage_id.other_map",
            "reference",
            edited(
                "UPDATE funnel_figure SET stage_id = (SELECT min(id) FROM stage WHERE map_id = 2)"
                f" WHERE {figure}"
            ),
        ),
        Case(
            "funnel_figure.segment.twice",
            "reference",
            edited(
                "INSERT INTO funnel_figure SELECT 99, run_id, stage_id, segment, customers,"
                " reached, previous_reached, from_previous, skipped, came_back, timed,"
                f" median_seconds, p90_seconds FROM funnel_figure WHERE {figure}"
            ),
        ),
        Case(
            "measure_run.bad_rows.more_than_rows",
            "reference",
            edited("UPDATE measure_run SET bad_rows = rows + 1"),
        ),
        Case(
            "stage_pattern.stage_id.no_mapping",
            "reference",
            edited("DELETE FROM event_mapping"),
        ),
        *survey_mapping_cases(),
    ]


def survey_mapping_cases() -> list[Case]:
    """A saved survey mapping written around its CHECK constraints: a required column
    empty, an optional one '' instead of NULL, an effort scale upside down or empty."""
    changes = {
        "stage_column.empty": "stage_column = ''",
        "text_column.empty": "text_column = ''",
        "answered_column.empty": "answered_column = ''",
        "segment_column.empty": "segment_column = ''",
        "effort_high.upside_down": "effort_low = 7.0, effort_high = 1.0",
        "effort_high.empty_scale": "effort_low = 3.0, effort_high = 3.0",
    }
    return [
        Case(f"survey_mapping.{name}", "range", edited(f"UPDATE survey_mapping SET {change}"))
        for name, change in changes.items()
    ]


def order_cases() -> list[Case]:
    cases = []
    for table in POSITIONED:
        moves = {
            "duplicate": "position = 0 WHERE id = (SELECT min(id) FROM {t} WHERE position = 1)",
            "gap": "position = position + 5 WHERE id = (SELECT id FROM {t}"
            " ORDER BY position DESC, id LIMIT 1)",
            "negative": "position = -1 WHERE id = (SELECT min(id) FROM {t})",
        }
        if table in content.KEYED:
            del moves["gap"]  # keys with gaps: a gap is their point (editing/order_keys.py)
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
