"""The JSON export (docs/file-format.md): a whole project read through sqlite3, written
as canonical text.

It reads the checked connection with plain SQL, one query per table and container,
named by the field tables of store/interchange_fields.py, so `journeyeditor export
--format json` imports neither SQLAlchemy nor the ORM model. A Document or other
SQLAlchemy code exports through the same function on the file's sqlite3 connection,
inside its own transaction if one is open.
"""

from __future__ import annotations

import base64
import functools
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from journeyeditor.store.interchange_fields import (
    BALLOT,
    BALLOT_LANE,
    CARD,
    DEPARTMENT,
    EMOTION,
    FIGURE_FIELDS,
    FIGURE_TABLES,
    FORMAT,
    IMAGE,
    LANE,
    MAP,
    MAPPING,
    PARTICIPANT,
    PERSONA,
    PROJECT,
    RUN,
    SNAPSHOT,
    STAGE,
    SURVEY_MAPPING,
    VERSION,
    VOTE,
    Field,
    Record,
    defaults,
)


class _Reader:
    """Rows of one table as interchange records, by plain SQL on one connection."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def records(
        self,
        table: str,
        fields: tuple[Field, ...],
        tail: str = "",
        params: Sequence[Any] = (),
        extra: tuple[str, ...] = (),
    ) -> list[Record]:
        """`fields` (then the `extra` columns, under their own names) of the rows of
        `table` that `tail` (joins, WHERE, ORDER BY) selects."""
        keys, columns = _columns(table, fields, extra)
        rows = self.raw.execute(f"SELECT {columns} FROM {table} {tail}", params).fetchall()
        records = [dict(zip(keys, row, strict=True)) for row in rows]
        for key, kind in _converted(fields):
            for record in records:
                value = record[key]
                if kind is bytes:
                    record[key] = base64.b64encode(value).decode("ascii")
                elif value is not None:
                    record[key] = kind(value)
        return records

    def values(self, sql: str, params: Sequence[Any]) -> dict[int, list[Any]]:
        """The second column of `sql`'s rows, grouped by the first, in the query's order."""
        found: dict[int, list[Any]] = {}
        for owner, value in self.raw.execute(sql, params):
            found.setdefault(owner, []).append(value)
        return found


@functools.cache
def _columns(
    table: str, fields: tuple[Field, ...], extra: tuple[str, ...]
) -> tuple[tuple[str, ...], str]:
    """The records' keys and the SELECT list for them (names from our own tables only)."""
    keys = tuple(field.key for field in fields) + extra
    columns = ", ".join(f'{table}."{name}"' for name in (*(f.column for f in fields), *extra))
    return keys, columns


@functools.cache
def _converted(fields: tuple[Field, ...]) -> tuple[tuple[str, type], ...]:
    """The fields JSON writes otherwise than SQLite returns them: bytes as base64, and
    floats and booleans from SQLite's numbers."""
    return tuple((f.key, f.kind) for f in fields if f.kind in (bytes, float, bool))


def export_project(raw: sqlite3.Connection) -> Record:
    """The whole project as interchange data (see docs/file-format.md), read in one
    transaction: the caller's if it holds one, else a read of its own."""
    own = not raw.in_transaction
    if own:
        raw.execute("BEGIN")
    try:
        return _project(_Reader(raw))
    finally:
        if own:
            raw.execute("ROLLBACK")


def _project(read: _Reader) -> Record:
    project = read.records("project", PROJECT, "LIMIT 1")
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": project[0] if project else defaults(PROJECT),
        "images": read.records("image", IMAGE, "ORDER BY id", extra=("width", "height")),
        "departments": read.records("department", DEPARTMENT, "ORDER BY position"),
        "participants": read.records("participant", PARTICIPANT, "ORDER BY position"),
        "personas": read.records("persona", PERSONA, "ORDER BY position"),
        "maps": [
            _map(read, record)
            for record in read.records("journey_map", MAP, "ORDER BY position, id")
        ],
        "snapshots": read.records("snapshot", SNAPSHOT, "ORDER BY id"),
    }


IN_MAP = "JOIN stage ON stage.id = {0}.stage_id JOIN lane ON lane.id = {0}.lane_id"
"""A card's or emotion point's stage and lane (of one map: the file's checks see to it)."""


def _map(read: _Reader, record: Record) -> Record:
    """A map with its stages, lanes, cards (by stage, lane, place in the cell), emotion
    points (by lane, stage), votes, event mapping and measurement runs."""
    key = (record["id"],)
    stages = read.records("stage", STAGE, "WHERE map_id = ? ORDER BY position", key)
    cards = f"{IN_MAP.format('card')} WHERE stage.map_id = ?"
    points = f"{IN_MAP.format('emotion_point')} WHERE stage.map_id = ?"
    by_id = "WHERE {0} = ? ORDER BY id"
    return {
        **record,
        "stages": stages,
        "lanes": read.records("lane", LANE, "WHERE map_id = ? ORDER BY position", key),
        "cards": read.records(
            "card", CARD, f"{cards} ORDER BY stage.position, lane.position, card.position", key
        ),
        "emotions": read.records(
            "emotion_point", EMOTION, f"{points} ORDER BY lane.position, stage.position", key
        ),
        "ballots": [
            {
                **ballot,
                "lanes": read.records(
                    "ballot_lane", BALLOT_LANE, by_id.format("ballot_id"), (ballot["id"],)
                ),
                "votes": read.records("vote", VOTE, by_id.format("ballot_id"), (ballot["id"],)),
            }
            for ballot in read.records("ballot", BALLOT, by_id.format("map_id"), key)
        ],
        "mapping": _mapping(read, record["id"], stages),
        **_survey_mapping(read, record["id"]),
        "runs": [
            _run(read, run) for run in read.records("measure_run", RUN, by_id.format("map_id"), key)
        ],
    }


def _survey_mapping(read: _Reader, map_id: int) -> Record:
    """`survey_mapping`: the map's saved survey columns; nothing without one, so that
    the projects of schema 4 export as they did."""
    found = read.records("survey_mapping", SURVEY_MAPPING, "WHERE map_id = ?", (map_id,))
    return {"survey_mapping": found[0]} if found else {}


PER_STAGE = (
    "SELECT t.stage_id, t.{1} FROM {0} AS t JOIN stage ON stage.id = t.stage_id"
    " WHERE stage.map_id = ? ORDER BY t.position, t.id"
)
"""A map's event names or touchpoint cards, each stage's in their order."""


def _mapping(read: _Reader, map_id: int, stages: list[Record]) -> Record | None:
    """A map's event mapping: columns, segment columns, and per stage (in stage order,
    those with any) its event names and touchpoint cards; None without one."""
    found = read.records("event_mapping", MAPPING, "WHERE map_id = ? ORDER BY id", (map_id,))
    if not found:
        return None
    segments = read.values(
        "SELECT map_id, name FROM mapping_segment WHERE map_id = ? ORDER BY position, id",
        (map_id,),
    )
    events = read.values(PER_STAGE.format("stage_pattern", "pattern"), (map_id,))
    touchpoints = read.values(PER_STAGE.format("stage_touchpoint", "card_id"), (map_id,))
    return {
        **found[0],
        "segments": segments.get(map_id, []),
        "stages": [
            {
                "stage": stage["id"],
                "events": events.get(stage["id"], []),
                "touchpoints": touchpoints.get(stage["id"], []),
            }
            for stage in stages
            if stage["id"] in events or stage["id"] in touchpoints
        ],
    }


def _run(read: _Reader, run: Record) -> Record:
    """A run with its figures, in the order they were written (by id)."""
    for kind, (key, fields) in FIGURE_FIELDS.items():
        table = FIGURE_TABLES[kind]
        run[key] = read.records(table, fields, "WHERE run_id = ? ORDER BY id", (run["id"],))
    return run


def export_text(raw: sqlite3.Connection) -> str:
    """The canonical JSON text of the project on `raw` (a checked connection)."""
    return dumps(export_project(raw))


def dumps(data: Record) -> str:
    """The canonical text of interchange data: sorted keys, two-space indent, UTF-8.

    Exactly `json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`, but the
    standard library indents in pure Python generators (its C encoder does not indent),
    which took most of a 100,000-card export. Here every object or list of plain values
    (a card, a stage) is written by the C encoder in one call, its item separator
    carrying the line break and indent of its depth. `data` holds plain JSON types only
    (dict, list, str, int, float, bool, None), as `export_project` makes it.
    """
    out: list[str] = []
    _encode(data, "\n", out)
    out.append("\n")
    return "".join(out)


NESTING = {dict, list, tuple}


@functools.cache
def _flat_encoder(newline: str) -> Callable[[Any], str]:
    """The C encoder writing a flat object or list whose items go on `newline` lines."""
    separator = "," + newline
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the json accelerator
        encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(separator, ": "))
        return encoder.encode
    chunks = make(
        None,
        _unencodable,
        json.encoder.encode_basestring,
        None,
        ": ",
        separator,
        True,
        False,
        True,
    )
    return lambda value: "".join(chunks(value, 0))


def _key(name: Any) -> str:
    """An object's key as json writes it: text, or a number, true, false or null quoted."""
    if not isinstance(name, str):
        if not isinstance(name, (int, float)) and name is not None:
            raise TypeError(f"keys must be str, int, float, bool or None, not {name!r}")
        name = json.dumps(name)
    return json.dumps(name, ensure_ascii=False)


def _unencodable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append `value`'s text; `newline` is a line break and the indent of its own line."""
    if type(value) not in NESTING or not value:
        out.append(json.dumps(value, ensure_ascii=False))
        return
    inner = newline + "  "
    items = value.values() if isinstance(value, dict) else value
    if NESTING.isdisjoint(map(type, items)):
        text = _flat_encoder(inner)(value)
        out += (text[0], inner, text[1:-1], newline, text[-1])
        return
    separator = inner
    if isinstance(value, dict):
        out.append("{")
        for name in sorted(value):
            out += (separator, _key(name), ": ")
            _encode(value[name], inner, out)
            separator = "," + inner
        out.append(newline + "}")
    else:
        out.append("[")
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
