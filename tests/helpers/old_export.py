"""The JSON export as it was before it read through sqlite3: SQLAlchemy Core selects over
the ORM's tables, cards and emotion points sorted in Python, written by `json.dumps`.

Kept, unchanged but for its imports, as the independent reference that
tests/unit/test_export_sqlite.py compares today's export with, byte for byte.
"""

from __future__ import annotations

import base64
import functools
import json
import operator
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Table, select

from journeyeditor.model import (
    Ballot,
    BallotLane,
    Card,
    Department,
    EmotionPoint,
    EventMapping,
    FunnelFigure,
    Image,
    JourneyMap,
    Lane,
    MappingSegment,
    MeasureRun,
    Participant,
    Persona,
    Project,
    RunKind,
    Snapshot,
    Stage,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    SurveyMapping,
    Vote,
)
from journeyeditor.store.interchange import (
    BALLOT,
    BALLOT_LANE,
    CARD,
    DEPARTMENT,
    EMOTION,
    FIGURE_FIELDS,
    FORMAT,
    IMAGE,
    LANE,
    MAP,
    MAPPING,
    PARTICIPANT,
    PERSONA,
    PROJECT,
    REQUIRED,
    RUN,
    SNAPSHOT,
    STAGE,
    SURVEY_MAPPING,
    VERSION,
    VOTE,
    Field,
)

Record = dict[str, Any]


def old_export_text(engine: Engine) -> str:
    """The text the JSON export wrote before: `json.dumps`, sorted keys, two-space indent."""
    with engine.connect() as connection:
        data = export_project(connection)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _defaults() -> Record:
    return {field.key: field.default for field in PROJECT if field.key not in REQUIRED}


def _table(entity: type) -> Table:
    table = entity.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _out(row: Any, fields: tuple[Field, ...]) -> Record:
    return _records([row], fields)[0]


def _records(rows: Sequence[Any], fields: tuple[Field, ...]) -> list[Record]:
    """Rows of one query as records: each row's values taken by position in one call,
    then the few that JSON writes otherwise converted (looking a row's attributes up by
    name, once per field, was most of a large export)."""
    if not rows:
        return []
    take, keys, converted = _reader(fields, rows[0]._fields)
    records = [dict(zip(keys, take(row), strict=True)) for row in rows]
    for key, kind in converted:
        for record in records:
            value = record[key]
            if kind is bytes:
                record[key] = base64.b64encode(value).decode("ascii")
            elif value is not None:
                record[key] = kind(value)
    return records


@functools.cache
def _reader(
    fields: tuple[Field, ...], columns: tuple[str, ...]
) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[str, ...], tuple[tuple[str, type], ...]]:
    """For rows of these `columns`: what takes the fields' values, their keys, and the
    fields converted (bytes to base64, floats and booleans from SQLite's numbers)."""
    places = [columns.index(field.column) for field in fields]
    pick = operator.itemgetter(*places)
    take = pick if len(places) > 1 else lambda row: (pick(row),)
    keys = tuple(field.key for field in fields)
    converted = tuple((f.key, f.kind) for f in fields if f.kind in (bytes, float, bool))
    return take, keys, converted


def export_project(connection: Connection) -> Record:
    """The whole project as interchange data (see docs/file-format.md)."""

    def rows(entity: type, *order: Any, where: Any = None) -> list[Any]:
        query = select(_table(entity))
        if where is not None:
            query = query.where(where)
        return list(connection.execute(query.order_by(*order)).all())

    project = connection.execute(select(_table(Project))).first()
    images = [
        {**_out(row, IMAGE), "width": row.width, "height": row.height}
        for row in rows(Image, Image.id)
    ]
    maps = []
    for map_row in rows(JourneyMap, JourneyMap.position, JourneyMap.id):
        stage_rows = rows(Stage, Stage.position, where=Stage.map_id == map_row.id)
        lane_rows = rows(Lane, Lane.position, where=Lane.map_id == map_row.id)
        stage_order = {row.id: index for index, row in enumerate(stage_rows)}
        lane_order = {row.id: index for index, row in enumerate(lane_rows)}
        in_map = Stage.map_id == map_row.id
        cards = list(
            connection.execute(
                select(_table(Card)).join(Stage, Stage.id == Card.stage_id).where(in_map)
            ).all()
        )
        cards.sort(key=lambda c: (stage_order[c.stage_id], lane_order[c.lane_id], c.position))
        points = list(
            connection.execute(
                select(_table(EmotionPoint))
                .join(Stage, Stage.id == EmotionPoint.stage_id)
                .where(in_map)
            ).all()
        )
        points.sort(key=lambda p: (lane_order[p.lane_id], stage_order[p.stage_id]))
        ballots = [
            {
                **_out(ballot, BALLOT),
                "lanes": _records(
                    rows(BallotLane, BallotLane.id, where=BallotLane.ballot_id == ballot.id),
                    BALLOT_LANE,
                ),
                "votes": _records(rows(Vote, Vote.id, where=Vote.ballot_id == ballot.id), VOTE),
            }
            for ballot in rows(Ballot, Ballot.id, where=Ballot.map_id == map_row.id)
        ]
        maps.append(
            {
                **_out(map_row, MAP),
                "stages": _records(stage_rows, STAGE),
                "lanes": _records(lane_rows, LANE),
                "cards": _records(cards, CARD),
                "emotions": _records(points, EMOTION),
                "ballots": ballots,
                "mapping": _export_mapping(rows, map_row.id, stage_rows),
                **_export_survey_mapping(rows, map_row.id),
                "runs": [
                    _export_run(rows, run)
                    for run in rows(
                        MeasureRun, MeasureRun.id, where=MeasureRun.map_id == map_row.id
                    )
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": _out(project, PROJECT) if project else _defaults(),
        "images": images,
        "departments": _records(rows(Department, Department.position), DEPARTMENT),
        "participants": _records(rows(Participant, Participant.position), PARTICIPANT),
        "personas": _records(rows(Persona, Persona.position), PERSONA),
        "maps": maps,
        "snapshots": _records(rows(Snapshot, Snapshot.id), SNAPSHOT),
    }


def _export_survey_mapping(rows: Callable[..., list[Any]], map_id: int) -> Record:
    """`survey_mapping` (schema 5, survey5's SQLAlchemy export): left out without one."""
    found = rows(SurveyMapping, SurveyMapping.id, where=SurveyMapping.map_id == map_id)
    return {"survey_mapping": _out(found[0], SURVEY_MAPPING)} if found else {}


def _export_mapping(rows: Callable[..., list[Any]], map_id: int, stages: list[Any]) -> Any:
    """A map's event mapping: columns, segment columns, and per stage (in stage order,
    those with any) its event names and touchpoint cards; None without one."""
    found = rows(EventMapping, EventMapping.id, where=EventMapping.map_id == map_id)
    if not found:
        return None
    segments = rows(
        MappingSegment,
        MappingSegment.position,
        MappingSegment.id,
        where=MappingSegment.map_id == map_id,
    )
    per_stage = []
    for stage in stages:
        events = rows(
            StagePattern,
            StagePattern.position,
            StagePattern.id,
            where=StagePattern.stage_id == stage.id,
        )
        touchpoints = rows(
            StageTouchpoint,
            StageTouchpoint.position,
            StageTouchpoint.id,
            where=StageTouchpoint.stage_id == stage.id,
        )
        if events or touchpoints:
            per_stage.append(
                {
                    "stage": stage.id,
                    "events": [row.pattern for row in events],
                    "touchpoints": [row.card_id for row in touchpoints],
                }
            )
    return {
        **_out(found[0], MAPPING),
        "segments": [row.name for row in segments],
        "stages": per_stage,
    }


def _export_run(rows: Callable[..., list[Any]], run: Any) -> Record:
    """A run with its figures, in the order they were written (by id)."""
    record = _out(run, RUN)
    for kind, (key, fields) in FIGURE_FIELDS.items():
        entity: Any = FunnelFigure if kind == RunKind.EVENTS.value else SurveyFigure
        record[key] = [
            _out(row, fields) for row in rows(entity, entity.id, where=entity.run_id == run.id)
        ]
    return record
