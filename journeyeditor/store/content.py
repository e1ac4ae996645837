"""One validation of everything a `.journey` file holds, shared by every way in.

SQLite is dynamically typed and a file may come from anyone: a column declared REAL
can hold text, a TEXT column invalid UTF-8 or a blob, a CHECK can be bypassed. Each
column's rule (storage type, encoding, range, vocabulary, size) is written once here
as SQL, run over whole tables when a file is opened (so `check`, `info`, the exports
and the window refuse the same files) and over the rows an edit touched before it
commits (so no edit can write a file that would then be refused).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, NoReturn

from journeyeditor.model import limits
from journeyeditor.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    FIGURE_LANES,
    SEVERITY_MAX,
    SEVERITY_MIN,
    Channel,
    Direction,
    Evidence,
    LaneKind,
    MapState,
    Priority,
    RunKind,
)
from journeyeditor.store import images
from journeyeditor.store.errors import BadImageError

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
"""Runs one SQL statement with parameters and returns its rows (sqlite3 or SQLAlchemy)."""

UTF8_FUNCTION = "journeyeditor_utf8"
LANGUAGES = ("en", "fr")
WORDS = {"integer": "a whole number", "real": "a number", "text": "text", "blob": "binary data"}
IMAGE_FORMATS = tuple(sorted(images.FORMATS))


class ContentError(ValueError):
    """A value a file or an edit may not hold; the message names table, row and field."""

    def __init__(self, table: str, row_id: Any, field: str, detail: str) -> None:
        super().__init__(f"{table} {row_id}, {field}: {detail}")
        self.table = table
        self.row_id = row_id
        self.field = field


def utf8_ok(data: bytes | None) -> int:
    """1 when `data` is valid UTF-8 (no lone surrogates), else 0: an SQL function."""
    if data is None:
        return 1
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return 1


def install(raw: sqlite3.Connection) -> None:
    """Give a connection the SQL function the checks use."""
    raw.create_function(UTF8_FUNCTION, 1, utf8_ok, deterministic=True)


@dataclass(frozen=True)
class Rule:
    """What one column may hold, as an SQL expression that is true for a bad value."""

    column: str
    storage: str
    """'integer', 'real' (an integer is fine too), 'text' or 'blob'."""
    nullable: bool = False
    bounds: tuple[float, float] | None = None
    choices: tuple[str, ...] = ()
    max_chars: int | None = None
    color: bool = False
    since: int = 1
    """The schema version that added the column: an older file is checked without it."""

    def bad(self) -> str:
        c = f'"{self.column}"'
        kinds = {"integer": "'integer'", "real": "'real','integer'"}.get(
            self.storage, f"'{self.storage}'"
        )
        if self.nullable:
            kinds += ",'null'"
        tests = [f"typeof({c}) NOT IN ({kinds})"]
        if self.bounds is not None:
            low, high = self.bounds
            tests.append(f"({c} IS NOT NULL AND NOT ({c} BETWEEN {low!r} AND {high!r}))")
        if self.choices:
            listed = ", ".join(f"'{choice}'" for choice in self.choices)
            tests.append(f"({c} IS NOT NULL AND {c} NOT IN ({listed}))")
        if self.storage == "text" and not (self.choices or self.color):
            # Free text only: a vocabulary or a colour is plain ASCII once it matches.
            tests.append(f"({c} IS NOT NULL AND {UTF8_FUNCTION}(CAST({c} AS BLOB)) = 0)")
            tests.append(f"instr({c}, char(0)) > 0")
            if self.max_chars is not None:
                tests.append(f"length({c}) > {self.max_chars}")
        if self.color:
            tests.append(
                f"({c} IS NOT NULL AND (length({c}) NOT IN (4, 7, 9) OR substr({c}, 1, 1) != '#'"
                f" OR substr({c}, 2) GLOB '*[^0-9a-fA-F]*'))"
            )
        return "(" + " OR ".join(tests) + ")"

    def explain(self, kind: str, value: Any) -> str:
        """Why a value fails this rule, for a person."""
        if kind == "null":
            return "missing"
        expected = WORDS[self.storage]
        if kind not in (("real", "integer") if self.storage == "real" else (self.storage,)):
            return f"{WORDS.get(kind, kind)} where {expected} belongs"
        if self.storage == "text" and isinstance(value, bytes) and not utf8_ok(value):
            return "text that is not valid UTF-8"
        if self.storage == "text" and isinstance(value, bytes) and b"\x00" in value:
            return "text holding a NUL character"
        if self.bounds is not None:
            return f"{_shown(value)} is outside {self.bounds[0]:g}…{self.bounds[1]:g}"
        if self.choices:
            return f"{_shown(value)} is not one of {', '.join(self.choices)}"
        if self.max_chars is not None and len(_text(value)) > self.max_chars:
            return f"longer than {self.max_chars:,} characters"
        if self.color:
            return f"{_shown(value)} is not a colour (#rrggbb)"
        return f"{_shown(value)} is not allowed"


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _shown(value: Any) -> str:
    text = _text(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum)


def _id(column: str = "id", nullable: bool = False) -> Rule:
    return Rule(column, "integer", nullable=nullable, bounds=(1, limits.ID_MAX))


def _name(column: str, nullable: bool = False) -> Rule:
    return Rule(column, "text", nullable=nullable, max_chars=limits.NAME_MAX_CHARS)


def _long(column: str) -> Rule:
    return Rule(column, "text", max_chars=limits.TEXT_MAX_CHARS)


def _color(column: str, nullable: bool = False) -> Rule:
    return Rule(column, "text", nullable=nullable, color=True)


def _count(column: str, nullable: bool = False) -> Rule:
    return Rule(column, "integer", nullable=nullable, bounds=(0, limits.COUNT_MAX))


POSITION = Rule("position", "integer", bounds=(0, limits.MAX_CARDS_PER_MAP))
ORDER_KEY = Rule("position", "integer", bounds=(0, limits.MAX_ORDER_KEY))
COUNT = _count("rows")
NUMBER = (-limits.NUMBER_MAX_ABS, limits.NUMBER_MAX_ABS)

RULES: dict[str, tuple[Rule, ...]] = {
    "project": (
        _id(),
        _name("name"),
        Rule("language", "text", choices=LANGUAGES),
        _color("accent_color"),
        _id("logo_image_id", nullable=True),
    ),
    "image": (
        _id(),
        Rule("format", "text", choices=IMAGE_FORMATS),
        Rule("width", "integer", bounds=(1, limits.IMAGE_MAX_PIXELS)),
        Rule("height", "integer", bounds=(1, limits.IMAGE_MAX_PIXELS)),
        Rule("data", "blob"),
    ),
    "department": (_id(), POSITION, _name("name"), _color("color")),
    "participant": (_id(), POSITION, _name("name"), _id("department_id", nullable=True)),
    "persona": (
        _id(),
        POSITION,
        _name("name"),
        _name("role"),
        Rule("age", "integer", nullable=True, bounds=limits.AGE_RANGE),
        _name("category"),
        _long("goals"),
        _long("frustrations"),
        _long("motivations"),
        _long("quote"),
        _id("photo_image_id", nullable=True),
    ),
    "journey_map": (
        _id(),
        POSITION,
        _name("name"),
        _id("persona_id", nullable=True),
        _name("segment"),
        Rule("state", "text", choices=_values(MapState)),
        _long("description"),
    ),
    "stage": (
        _id(),
        _id("map_id"),
        POSITION,
        _name("name"),
        _color("color"),
        Rule("width", "real", bounds=limits.STAGE_WIDTH_RANGE),
    ),
    "lane": (
        _id(),
        _id("map_id"),
        POSITION,
        _name("name"),
        Rule("kind", "text", choices=_values(LaneKind)),
        _color("color"),
        Rule("height", "real", bounds=limits.LANE_HEIGHT_RANGE),
    ),
    "card": (
        _id(),
        _id("stage_id"),
        _id("lane_id"),
        ORDER_KEY,
        _long("text"),
        _color("color", nullable=True),
        Rule("channel", "text", nullable=True, choices=_values(Channel)),
        Rule("owned", "integer", nullable=True, bounds=(0, 1)),
        Rule("severity", "integer", nullable=True, bounds=(SEVERITY_MIN, SEVERITY_MAX)),
        _name("owner", nullable=True),
        Rule("priority", "text", nullable=True, choices=_values(Priority)),
        Rule("value", "real", nullable=True, bounds=NUMBER),
        _name("unit", nullable=True),
        Rule("target", "real", nullable=True, bounds=NUMBER),
        _id("department_id", nullable=True),
        Rule("votes", "integer", bounds=(0, limits.VOTES_MAX)),
        Rule("evidence", "text", choices=_values(Evidence)),
        _id("image_id", nullable=True),
        Rule("direction", "text", nullable=True, choices=_values(Direction), since=2),
        Rule("target_low", "real", nullable=True, bounds=NUMBER, since=2),
        Rule("baseline", "real", nullable=True, bounds=NUMBER, since=2),
        Rule("period", "text", nullable=True, max_chars=limits.NAME_MAX_CHARS, since=2),
        Rule("participant_id", "integer", nullable=True, bounds=(1, limits.ID_MAX), since=3),
        Rule("created", "text", max_chars=limits.STAMP_MAX_CHARS, since=3),
        Rule("source", "text", nullable=True, max_chars=limits.NAME_MAX_CHARS, since=3),
    ),
    "emotion_point": (
        _id(),
        _id("lane_id"),
        _id("stage_id"),
        Rule("value", "integer", bounds=(EMOTION_MIN, EMOTION_MAX)),
        _long("note"),
        Rule("samples", "integer", bounds=(1, limits.MAX_MERGED_SAMPLES), since=3),
    ),
    "ballot": (
        _id(),
        _id("map_id"),
        Rule("allowance", "integer", bounds=(1, limits.VOTE_ALLOWANCE_MAX)),
        Rule("one_per_card", "integer", bounds=(0, 1)),
        Rule("is_open", "integer", bounds=(0, 1)),
        Rule("created", "text", max_chars=limits.STAMP_MAX_CHARS),
    ),
    "ballot_lane": (_id(), _id("ballot_id"), _id("lane_id")),
    "vote": (_id(), _id("ballot_id"), _id("card_id"), _id("participant_id", nullable=True)),
    "event_mapping": (
        _id(),
        _id("map_id"),
        _name("customer_column"),
        _name("time_column"),
        _name("event_column"),
    ),
    "mapping_segment": (
        _id(),
        _id("map_id"),
        Rule("position", "integer", bounds=(0, limits.MAX_SEGMENT_COLUMNS)),
        _name("name"),
    ),
    "stage_pattern": (
        _id(),
        _id("stage_id"),
        Rule("position", "integer", bounds=(0, limits.MAX_PATTERNS_PER_STAGE)),
        _name("pattern"),
    ),
    "stage_touchpoint": (
        _id(),
        _id("stage_id"),
        _id("card_id"),
        Rule("position", "integer", bounds=(0, limits.MAX_PATTERNS_PER_STAGE)),
    ),
    "measure_run": (
        _id(),
        _id("map_id"),
        Rule("kind", "text", choices=_values(RunKind)),
        Rule("imported", "text", max_chars=limits.STAMP_MAX_CHARS),
        _name("source"),
        COUNT,
        Rule("bad_rows", "integer", bounds=(0, limits.COUNT_MAX)),
        _name("segment_column"),
    ),
    "funnel_figure": (
        _id(),
        _id("run_id"),
        _id("stage_id"),
        _name("segment", nullable=True),
        _count("customers"),
        _count("reached"),
        _count("previous_reached", nullable=True),
        _count("from_previous", nullable=True),
        _count("skipped"),
        _count("came_back"),
        _count("timed"),
        Rule("median_seconds", "real", nullable=True, bounds=(0, limits.SECONDS_MAX)),
        Rule("p90_seconds", "real", nullable=True, bounds=(0, limits.SECONDS_MAX)),
    ),
    "survey_figure": (
        _id(),
        _id("run_id"),
        _id("stage_id"),
        _name("segment", nullable=True),
        _count("answers"),
        _count("promoters"),
        _count("passives"),
        _count("detractors"),
        _count("effort_answers"),
        Rule("effort_mean", "real", nullable=True, bounds=limits.EFFORT_RANGE),
    ),
    "survey_mapping": (
        _id(),
        _id("map_id"),
        _name("stage_column"),
        _name("nps_column"),
        _name("effort_column"),
        _name("text_column"),
        _name("answered_column", nullable=True),
        _name("segment_column", nullable=True),
        Rule("effort_low", "real", bounds=limits.EFFORT_RANGE),
        Rule("effort_high", "real", bounds=limits.EFFORT_RANGE),
    ),
    "snapshot": (
        _id(),
        _name("name"),
        _name("created"),
        Rule("data", "text", max_chars=limits.SNAPSHOT_MAX_CHARS),
    ),
}

MEASURE_TABLES = (
    "event_mapping",
    "mapping_segment",
    "stage_pattern",
    "stage_touchpoint",
    "measure_run",
    "funnel_figure",
    "survey_figure",
)
"""Tables of schema version 4: how a map reads event data, and what was measured."""
TABLES_SINCE = {
    "participant": 3,
    "ballot": 3,
    "ballot_lane": 3,
    "vote": 3,
    **dict.fromkeys(MEASURE_TABLES, 4),
    "survey_mapping": 5,
}
"""Tables a schema version added: an older file is checked without them."""


def _has(table: str, version: int | None) -> bool:
    """Whether files of schema `version` (None: the latest) hold `table`."""
    return version is None or TABLES_SINCE.get(table, 1) <= version


CONTAINERS: dict[str, tuple[str, ...]] = {
    "journey_map": (),
    "persona": (),
    "department": (),
    "participant": (),
    "stage": ("map_id",),
    "lane": ("map_id",),
    "card": ("stage_id", "lane_id"),
}
"""Tables whose rows are ordered inside a container, and the container's columns: rows
numbered 0…n-1, but in a table of `KEYED` distinct keys with gaps."""

KEYED = frozenset({"card"})
"""Tables ordered by keys with gaps (editing/order_keys.py): a card moved writes its own
row, where numbering every card after it rewrote rows across the whole file."""

COUNTS: dict[str, tuple[str, str, int]] = {
    "journey_map": ("maps", "SELECT NULL, count(*) FROM journey_map", limits.MAX_MAPS),
    "persona": ("personas", "SELECT NULL, count(*) FROM persona", limits.MAX_PERSONAS),
    "department": (
        "departments",
        "SELECT NULL, count(*) FROM department",
        limits.MAX_DEPARTMENTS,
    ),
    "participant": (
        "participants",
        "SELECT NULL, count(*) FROM participant",
        limits.MAX_PARTICIPANTS,
    ),
    "ballot": ("ballots", "SELECT NULL, count(*) FROM ballot", limits.MAX_BALLOTS),
    "vote": ("votes", "SELECT NULL, count(*) FROM vote", limits.MAX_VOTES),
    "image": ("images", "SELECT NULL, count(*) FROM image", limits.MAX_IMAGES),
    "stage": (
        "stages",
        "SELECT map_id, count(*) AS n FROM stage WHERE {maps} GROUP BY map_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_STAGES_PER_MAP,
    ),
    "lane": (
        "lanes",
        "SELECT map_id, count(*) AS n FROM lane WHERE {maps} GROUP BY map_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_LANES_PER_MAP,
    ),
    "card": (
        "cards",
        "SELECT stage.map_id, count(*) AS n FROM card JOIN stage ON stage.id = card.stage_id"
        " WHERE {maps} GROUP BY stage.map_id ORDER BY n DESC LIMIT 1",
        limits.MAX_CARDS_PER_MAP,
    ),
    "mapping_segment": (
        "segment columns",
        "SELECT map_id, count(*) AS n FROM mapping_segment WHERE {maps} GROUP BY map_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_SEGMENT_COLUMNS,
    ),
    "stage_pattern": (
        "event names",
        "SELECT 'stage ' || stage_id, count(*) AS n FROM stage_pattern JOIN stage"
        " ON stage.id = stage_pattern.stage_id WHERE {maps} GROUP BY stage_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_PATTERNS_PER_STAGE,
    ),
    "stage_touchpoint": (
        "touchpoints",
        "SELECT 'stage ' || stage_id, count(*) AS n FROM stage_touchpoint JOIN stage"
        " ON stage.id = stage_touchpoint.stage_id WHERE {maps} GROUP BY stage_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_PATTERNS_PER_STAGE,
    ),
    "measure_run": (
        "runs",
        "SELECT map_id, count(*) AS n FROM measure_run WHERE {maps} GROUP BY map_id, kind"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_RUNS_PER_KIND,
    ),
    "funnel_figure": (
        "figures",
        "SELECT 'run ' || run_id, count(*) AS n FROM funnel_figure JOIN measure_run"
        " ON measure_run.id = funnel_figure.run_id WHERE {maps} GROUP BY run_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_FIGURES_PER_RUN,
    ),
    "survey_figure": (
        "figures",
        "SELECT 'run ' || run_id, count(*) AS n FROM survey_figure JOIN measure_run"
        " ON measure_run.id = survey_figure.run_id WHERE {maps} GROUP BY run_id"
        " ORDER BY n DESC LIMIT 1",
        limits.MAX_FIGURES_PER_RUN,
    ),
}
"""Per table: what is counted, the query (per map where `{maps}` appears), the limit."""

MAP_OF = {
    "stage": "SELECT map_id FROM stage WHERE id IN ({ids})",
    "lane": "SELECT map_id FROM lane WHERE id IN ({ids})",
    "card": "SELECT map_id FROM stage WHERE id IN (SELECT stage_id FROM card WHERE id IN ({ids}))",
    "mapping_segment": "SELECT map_id FROM mapping_segment WHERE id IN ({ids})",
    "stage_pattern": "SELECT map_id FROM stage WHERE id IN"
    " (SELECT stage_id FROM stage_pattern WHERE id IN ({ids}))",
    "stage_touchpoint": "SELECT map_id FROM stage WHERE id IN"
    " (SELECT stage_id FROM stage_touchpoint WHERE id IN ({ids}))",
    "measure_run": "SELECT map_id FROM measure_run WHERE id IN ({ids})",
    "funnel_figure": "SELECT map_id FROM measure_run WHERE id IN"
    " (SELECT run_id FROM funnel_figure WHERE id IN ({ids}))",
    "survey_figure": "SELECT map_id FROM measure_run WHERE id IN"
    " (SELECT run_id FROM survey_figure WHERE id IN ({ids}))",
}
"""The maps that rows of a per-map table belong to."""


def sqlite_execute(raw: sqlite3.Connection) -> Execute:
    return lambda sql, params: raw.execute(sql, params).fetchall()


@cache
def _rule_sql(table: str, version: int | None) -> tuple[tuple[Rule, ...], str, str]:
    """A table's rules (of schema `version`, or the latest) as SQL: one flag per rule, and
    the test that any fails. Built once: every edit runs it."""
    rules = tuple(rule for rule in RULES[table] if version is None or rule.since <= version)
    tests = [rule.bad() for rule in rules]
    return rules, ", ".join(tests), " OR ".join(tests)


def _bad_row(
    execute: Execute, table: str, where: str, params: Sequence[Any], version: int | None = None
) -> None:
    """Raise ContentError for the first row of `table` (among `where`) breaking a rule
    (the rules of schema `version`, or of the latest)."""
    rules, flags, any_bad = _rule_sql(table, version)
    rows = execute(
        f"SELECT id, {flags} FROM {table} WHERE ({where}) AND ({any_bad}) LIMIT 1", params
    )
    if not rows:
        return
    row_id, *failed = rows[0]
    rule = next(rule for rule, flag in zip(rules, failed, strict=True) if flag)
    kind, value = execute(
        f'SELECT typeof("{rule.column}"), CAST("{rule.column}" AS BLOB) FROM {table} WHERE id = ?',
        (row_id,),
    )[0]
    if kind == "integer" or kind == "real":
        value = execute(f'SELECT "{rule.column}" FROM {table} WHERE id = ?', (row_id,))[0][0]
    raise ContentError(table, row_id, rule.column, rule.explain(kind, value))


def _positions(execute: Execute, table: str, where: str, params: Sequence[Any]) -> None:
    """Rows in order in each container: views and edits place rows by position."""
    group = CONTAINERS[table]
    keys = ", ".join(group) if group else "NULL"
    wrong = "count(DISTINCT position) != count(*)"
    if table not in KEYED:
        wrong = f"min(position) != 0 OR max(position) != count(*) - 1 OR {wrong}"
    rows = execute(
        f"SELECT {keys}, count(*) FROM {table} WHERE {where} GROUP BY {keys} "
        f"HAVING {wrong} LIMIT 1",
        params,
    )
    if rows:
        _misnumbered(table, rows[0])


def _misnumbered(table: str, place: Sequence[Any]) -> NoReturn:
    """Refuse a container whose rows are not in one order (`place`: its column values):
    keys not distinct, or other rows not numbered 0…n-1."""
    pairs = zip(CONTAINERS[table], place, strict=False)
    named = ", ".join(f"{key} {value}" for key, value in pairs)
    wrong = "positions are not distinct" if table in KEYED else "positions are not 0…n-1"
    raise ContentError(table, named or "all", "position", wrong)


@cache
def _numbering_sql(table: str) -> str:
    """A container's count of rows, of distinct positions, lowest and highest position:
    four reads of its index (container, position), where one aggregate with
    count(DISTINCT) sorts the positions again in a temporary tree (half again slower)."""
    inside = " AND ".join(f"{c} = ?{n}" for n, c in enumerate(CONTAINERS[table], 1)) or "1"
    each = f"FROM {table} WHERE {inside}"
    return (
        f"SELECT (SELECT count(*) {each}), (SELECT count(*) FROM (SELECT DISTINCT position"
        f" {each})), (SELECT min(position) {each}), (SELECT max(position) {each})"
    )


def check_positions(execute: Execute, places: Mapping[str, Iterable[tuple[Any, ...]]]) -> None:
    """The containers an edit wrote to, shifted or left (`places`: table → container
    column values) still hold their rows in one order (`_positions`): a wrong move or
    deletion is refused before its commit, as opening the file would refuse it. One
    read per container, through its index, so no list of parameters grows with the edit
    (a row-value IN list of containers would scan the whole table)."""
    for table, found in places.items():
        sql = _numbering_sql(table)
        for place in sorted(set(found)) if CONTAINERS[table] else [()]:
            count, distinct, low, high = execute(sql, place)[0]
            numbered = table in KEYED or (low == 0 and high == count - 1)
            if count and (distinct != count or not numbered):
                _misnumbered(table, place)


def check_keys(execute: Execute, written: Mapping[str, Mapping[tuple[Any, ...], set[int]]]) -> None:
    """Each key an edit wrote in a keyed table (`written`: table → container column
    values → keys) is held by one row of its container: the only way two rows come to
    share a key is a row written onto it. One lookup per key in the container's index,
    where checking the whole container read every one of its rows (all 10,000 cards of
    a one-cell map at each edit)."""
    for table, found in written.items():
        inside = " AND ".join(f"{column} = ?" for column in CONTAINERS[table])
        for place, keys in found.items():
            for part in chunks(list(keys)):
                sql = (
                    f"SELECT 1 FROM {table} WHERE {inside} AND position IN "
                    f"({', '.join('?' * len(part))}) GROUP BY position HAVING count(*) > 1 LIMIT 1"
                )
                if execute(sql, (*place, *part)):
                    _misnumbered(table, place)


def _counts(
    execute: Execute,
    grown: Mapping[str, Sequence[int]] | None = None,
    version: int | None = None,
) -> None:
    """Counts within the limits: all of them, or those of the tables and maps that grew.

    A table that grew and holds no more rows in all than one map or run may is within
    its limit everywhere: SQLite counts a whole table by its pages, where counting one
    map's 10,000 cards read every one of them."""
    for table, (what, sql, most) in COUNTS.items():
        params: Sequence[int] = ()
        if (grown is not None and table not in grown) or not _has(table, version):
            continue
        if grown is not None and execute(f"SELECT count(*) FROM {table}", ())[0][0] <= most:
            continue
        if "{maps}" in sql and grown is not None:
            ids = grown[table]
            marks = ", ".join("?" * len(ids))
            sql = sql.format(maps=f"map_id IN ({MAP_OF[table].format(ids=marks)})")
            params = ids
        else:
            sql = sql.format(maps="1")
        rows = execute(sql, params)
        if rows and rows[0][1] > most:
            place = rows[0][0]
            where = place if isinstance(place, str) else f"map {place}"
            where = "project" if place is None else where
            raise ContentError(what, where, "count", f"{rows[0][1]:,} is more than {most:,}")


def _references(execute: Execute, version: int | None = None) -> None:
    """Every reference leads somewhere, a card's stage and lane share one map, and a
    ballot's lanes and votes are of its own map."""
    dangling = execute("PRAGMA foreign_key_check", ())
    if dangling:
        table, row_id, parent, _ = dangling[0]
        raise ContentError(table, row_id, f"reference to {parent}", "points to nothing")
    for table in ("card", "emotion_point"):
        rows = execute(
            f"SELECT {table}.id FROM {table} JOIN stage ON stage.id = {table}.stage_id "
            f"JOIN lane ON lane.id = {table}.lane_id WHERE stage.map_id != lane.map_id LIMIT 1",
            (),
        )
        if rows:
            raise ContentError(table, rows[0][0], "stage_id, lane_id", "sits across two maps")
    rows = execute("SELECT count(*), min(id) FROM project", ())
    if rows[0][0] != 1:
        raise ContentError("project", rows[0][1], "id", "a file holds exactly one project")
    _emotion_lanes(execute, "1", ())
    if _has("ballot", version):
        _faults(execute, BALLOT_FAULTS)
    if _has("measure_run", version):
        _faults(execute, MEASURE_FAULTS)
    if _has("survey_mapping", version):
        _faults(execute, SURVEY_MAPPING_FAULTS)


BALLOT_FAULTS = (
    (
        "ballot_lane",
        "lane_id",
        "a lane of another map",
        "SELECT ballot_lane.id AS id FROM ballot_lane"
        " JOIN ballot ON ballot.id = ballot_lane.ballot_id"
        " JOIN lane ON lane.id = ballot_lane.lane_id WHERE lane.map_id != ballot.map_id",
    ),
    (
        "vote",
        "card_id",
        "a card of another map",
        "SELECT vote.id AS id FROM vote JOIN ballot ON ballot.id = vote.ballot_id"
        " JOIN card ON card.id = vote.card_id JOIN stage ON stage.id = card.stage_id"
        " WHERE stage.map_id != ballot.map_id",
    ),
    (
        "ballot",
        "is_open",
        "a second open vote on the same map",
        "SELECT ballot.id AS id FROM ballot WHERE ballot.is_open AND (SELECT count(*) FROM"
        " ballot AS other WHERE other.map_id = ballot.map_id AND other.is_open) > 1",
    ),
)
"""What a vote may not be: (table, field, fault, query of the offending rows' ids)."""


FIGURES = ", ".join(f"'{kind}'" for kind in sorted(FIGURE_LANES))
SAME_ROW = "(other.run_id, other.stage_id) = (f.run_id, f.stage_id) AND other.segment IS f.segment"


def _figure_faults(table: str, kind: str) -> tuple[tuple[str, str, str, str], ...]:
    """A figure belongs to a run of its kind, at a stage of the run's map, once per segment."""
    return (
        (
            table,
            "run_id",
            f"figures of a run that is not of {kind}",
            f"SELECT f.id AS id FROM {table} AS f JOIN measure_run AS r ON r.id = f.run_id"
            f" WHERE r.kind != '{kind}'",
        ),
        (
            table,
            "stage_id",
            "a stage of another map",
            f"SELECT f.id AS id FROM {table} AS f JOIN measure_run AS r ON r.id = f.run_id"
            " JOIN stage ON stage.id = f.stage_id WHERE stage.map_id != r.map_id",
        ),
        (
            table,
            "segment",
            "a second figure for the same run, stage and segment",
            f"SELECT f.id AS id FROM {table} AS f WHERE EXISTS (SELECT 1 FROM {table} AS other"
            f" WHERE {SAME_ROW} AND other.id != f.id)",
        ),
    )


MEASURE_FAULTS = (
    (
        "card",
        "lane_id",
        "on a lane of figures (funnel, survey), which holds no cards",
        f"SELECT card.id AS id FROM card JOIN lane ON lane.id = card.lane_id"
        f" WHERE lane.kind IN ({FIGURES})",
    ),
    (
        "lane",
        "kind",
        "a lane of figures (funnel, survey) holding cards",
        f"SELECT lane.id AS id FROM lane WHERE lane.kind IN ({FIGURES})"
        " AND EXISTS (SELECT 1 FROM card WHERE card.lane_id = lane.id)",
    ),
    (
        "stage_touchpoint",
        "card_id",
        "a card of another map",
        "SELECT t.id AS id FROM stage_touchpoint AS t JOIN stage ON stage.id = t.stage_id"
        " JOIN card ON card.id = t.card_id JOIN stage AS at ON at.id = card.stage_id"
        " WHERE at.map_id != stage.map_id",
    ),
    *(
        (
            table,
            column,
            "part of an event mapping that the map does not have",
            f"SELECT t.id AS id FROM {table} AS t {join} WHERE NOT EXISTS"
            f" (SELECT 1 FROM event_mapping AS m WHERE m.map_id = {owner})",
        )
        for table, column, join, owner in (
            ("mapping_segment", "map_id", "", "t.map_id"),
            ("stage_pattern", "stage_id", "JOIN stage ON stage.id = t.stage_id", "stage.map_id"),
            (
                "stage_touchpoint",
                "stage_id",
                "JOIN stage ON stage.id = t.stage_id",
                "stage.map_id",
            ),
        )
    ),
    (
        "measure_run",
        "bad_rows",
        "more bad rows than rows",
        "SELECT id FROM measure_run WHERE bad_rows > rows",
    ),
    *_figure_faults("funnel_figure", RunKind.EVENTS.value),
    *_figure_faults("survey_figure", RunKind.SURVEY.value),
)
"""What measurements may not be: no card on a lane of figures, figures of their run's
kind and map, once per run, stage and segment."""


SURVEY_MAPPING_FAULTS = (
    (
        "survey_mapping",
        "stage_column, nps_column, effort_column, text_column",
        "a required column left empty",
        "SELECT id FROM survey_mapping WHERE '' IN"
        " (stage_column, nps_column, effort_column, text_column)",
    ),
    (
        "survey_mapping",
        "answered_column, segment_column",
        "an optional column empty rather than none",
        "SELECT id FROM survey_mapping WHERE '' IN"
        " (coalesce(answered_column, 'x'), coalesce(segment_column, 'x'))",
    ),
    (
        "survey_mapping",
        "effort_low, effort_high",
        "an effort scale whose low end is not below its high end",
        "SELECT id FROM survey_mapping WHERE NOT (effort_low < effort_high)",
    ),
)
"""What a saved survey mapping may not be (its CHECK constraints, which a file may have
been written around): a required column empty, an optional one '' instead of NULL, an
empty or upside-down effort scale."""


def _faults(
    execute: Execute,
    faults: Sequence[tuple[str, str, str, str]],
    table: str | None = None,
    ids: Sequence[int] = (),
) -> None:
    """Raise for the first row a fault query finds: over the whole file, or over rows
    `ids` of `table` (votes stay inside their ballot's map, a map has one open vote at
    most, measurements as MEASURE_FAULTS says)."""
    for faulty, field, fault, sql in faults:
        if table is not None and faulty != table:
            continue
        where = f"id IN ({', '.join('?' * len(ids))})" if table is not None else "1"
        rows = execute(f"SELECT id FROM ({sql}) WHERE {where} LIMIT 1", ids)
        if rows:
            raise ContentError(faulty, rows[0][0], field, fault)


def _card_links(execute: Execute, marks: str, cards: Sequence[int]) -> None:
    """Cards an edit wrote (one may have changed map) keep the rules of what names them:
    their votes and touchpoint mappings stay inside the card's map."""
    for linked, faults in (("vote", BALLOT_FAULTS), ("stage_touchpoint", MEASURE_FAULTS)):
        sql = f"SELECT id FROM {linked} WHERE card_id IN ({marks})"
        found = [row[0] for row in execute(sql, cards)]
        for part in chunks(found):
            _faults(execute, faults, linked, part)


def _emotion_lanes(execute: Execute, where: str, params: Sequence[Any]) -> None:
    """Emotion points sit on emotion lanes (the curve is drawn from them)."""
    rows = execute(
        "SELECT emotion_point.id FROM emotion_point JOIN lane ON lane.id = emotion_point.lane_id"
        f" WHERE lane.kind != 'emotion' AND ({where}) LIMIT 1",
        params,
    )
    if rows:
        raise ContentError("emotion_point", rows[0][0], "lane_id", "not on an emotion lane")


def _version(execute: Execute, revision: str) -> None:
    """The migrations' own record holds exactly the file's revision (a later migration
    reads it)."""
    rows = execute("SELECT typeof(version_num), version_num = ? FROM alembic_version", (revision,))
    if len(rows) != 1 or rows[0] != ("text", 1):
        raise ContentError("alembic_version", "-", "version_num", f"is not just {revision}")


def check_image(row_id: int, fmt: str, width: int, height: int, data: bytes) -> None:
    """An image row is what it says: Pillow reads it as that format and size."""
    try:
        checked = images.check_image(data, decode=False)
    except BadImageError as exc:
        raise ContentError("image", row_id, "data", exc.detail) from exc
    found = (checked.format, checked.width, checked.height)
    if found != (fmt, width, height):
        raise ContentError("image", row_id, "data", f"holds a {found[0]} {found[1]}×{found[2]}")


def _images(execute: Execute, where: str, params: Sequence[Any]) -> None:
    for row_id, fmt, width, height, data in execute(
        f"SELECT id, format, width, height, data FROM image WHERE {where}", params
    ):
        check_image(row_id, fmt, width, height, data)


def check_all(raw: sqlite3.Connection, revision: str) -> None:
    """Validate a whole file (already known to have our schema, at Alembic `revision`);
    raise ContentError."""
    execute = sqlite_execute(raw)
    _version(execute, revision)
    version = int(revision)
    for table in RULES:
        if _has(table, version):
            _bad_row(execute, table, "1", (), version)
    _references(execute, version)
    for table in CONTAINERS:
        if _has(table, version):
            _positions(execute, table, "1", ())
    _counts(execute, None, version)
    _images(execute, "1", ())


def check_rows(
    execute: Execute, touched: Mapping[str, Iterable[int]], grown: Mapping[str, Sequence[int]]
) -> None:
    """Validate the rows an edit wrote, and the counts of what it added rows to (`grown`).

    Ids are bound CHUNK at a time, so a bulk edit (a merge of many drafts) stays under
    SQLite's limit of parameters in every build."""
    for table, ids in touched.items():
        if table not in RULES:
            continue
        for wanted in chunks(sorted(set(ids))):
            marks = ", ".join("?" * len(wanted))
            _bad_row(execute, table, f"id IN ({marks})", wanted)
            if table == "image":
                _images(execute, f"id IN ({marks})", wanted)
            if table in ("lane", "emotion_point"):
                column = "lane.id" if table == "lane" else "emotion_point.id"
                _emotion_lanes(execute, f"{column} IN ({marks})", wanted)
            if table in ("ballot", "ballot_lane", "vote"):
                _faults(execute, BALLOT_FAULTS, table, wanted)
            if table in ("card", "lane", *MEASURE_TABLES):
                _faults(execute, MEASURE_FAULTS, table, wanted)
            if table == "card":
                _card_links(execute, marks, wanted)
            if table == "survey_mapping":
                _faults(execute, SURVEY_MAPPING_FAULTS, table, wanted)
    for table, ids in grown.items():
        for part in chunks(sorted(set(ids))):
            _counts(execute, {table: part})


CHUNK = 5000
"""Ids bound in one statement: well under SQLite's default limit of parameters (32,766)."""


def chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """`items` in slices of at most CHUNK, for statements with one parameter per item."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
