"""Turning a map of the open project into the plain content the layout takes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any

from journeyeditor.editing.document import Document
from journeyeditor.editing.measured import FunnelRow, Run, SurveyRow
from journeyeditor.model import Card, EmotionPoint, JourneyMap, RunKind
from journeyeditor.render.layout import CardIn, LaneIn, MapContent, PointIn, StageIn
from journeyeditor.render.measures import (
    FUNNEL,
    SURVEY,
    Figures,
    FunnelFigures,
    MeasureIn,
    RunIn,
    Segment,
    SurveyFigures,
)

RUN_KINDS = {FUNNEL: RunKind.EVENTS.value, SURVEY: RunKind.SURVEY.value}
"""The runs each measurement lane kind shows: the map's newest of that kind."""


_NAMES = tuple(f.name for f in fields(CardIn))
CARD_COLUMNS = _NAMES[: _NAMES.index("department")]
"""The columns of a card's row that a CardIn holds, in its order (then the department's
name and colour, read from the department's row)."""
_FROM_CARD = attrgetter(*CARD_COLUMNS)
_DEPARTMENT = CARD_COLUMNS.index("department_id")
_NO_DEPARTMENT = (None, None)


def card_in(card: Card, departments: dict[int, tuple[str, str]]) -> CardIn:
    return CardIn(*_FROM_CARD(card), *departments.get(card.department_id or 0, _NO_DEPARTMENT))


def cards_in(
    rows: Iterable[Sequence[Any]], departments: dict[int, tuple[str, str]]
) -> dict[int, CardIn]:
    """Records of rows of CARD_COLUMNS as SQLite holds them (Document.card_rows), by id:
    built by position, as a map of thousands of cards opens."""
    at = _DEPARTMENT
    cards: dict[int, CardIn] = {}
    for row in rows:
        card = CardIn(*row, *departments.get(row[at] or 0, _NO_DEPARTMENT))
        if card.owned is not None:
            card.owned = bool(card.owned)
        cards[card.id] = card
    return cards


def point_in(point: EmotionPoint) -> PointIn:
    return PointIn(point.lane_id, point.stage_id, point.value, point.note, point.samples)


def run_day(imported: str) -> dt.date | None:
    """The day of a run's import stamp ("2026-11-02T08:00:00Z"); None if unreadable."""
    try:
        return dt.date.fromisoformat(imported[:10])
    except ValueError:
        return None


def figures_in(row: FunnelRow | SurveyRow | None) -> Figures | None:
    """A stored figure for everyone at a stage, as drawing takes it."""
    if isinstance(row, FunnelRow):
        return FunnelFigures(
            row.reached,
            row.conversion,
            row.dropped,
            row.median_seconds,
            row.p90_seconds,
            row.skipped,
            row.came_back,
        )
    if isinstance(row, SurveyRow):
        effort = row.effort_mean if row.effort_answers else None
        return SurveyFigures(row.nps, effort, row.answers)
    return None


def measures_in(
    document: Document,
    map_id: int,
    lanes: Sequence[LaneIn],
    stages: Sequence[StageIn],
    segment: Segment | None = None,
) -> tuple[tuple[MeasureIn, ...], tuple[RunIn, ...]]:
    """Each funnel and survey lane's figures per stage (the newest run of its kind, and
    the one before for the change), and the runs' dates; nothing for other maps' lanes.
    A stage the run has no figure for gets none (drawn as a dash). With `segment`, a
    run broken down by that column with figures for that value shows them, compared
    with the run before only if it counted the same customers; another run shows
    everyone's."""
    found: list[MeasureIn] = []
    runs: list[RunIn] = []
    for kind, run_kind in RUN_KINDS.items():
        shown = [lane for lane in lanes if lane.kind == kind]
        if not shown:
            continue
        newest, before = document.latest_runs(map_id, run_kind)
        if newest is None:
            continue
        group = segment if segment is not None and _measured(newest, segment) else None
        if before is not None and group is not None and not _measured(before, group):
            before = None  # those customers were not counted then: no change to show
        for lane in shown:
            runs.append(
                RunIn(
                    lane.id,
                    run_day(newest.imported),
                    run_day(before.imported) if before else None,
                    group,
                )
            )
            value = group[1] if group is not None else None
            for stage in stages:
                now = figures_in(newest.at(stage.id, value))
                then = figures_in(before.at(stage.id, value)) if before is not None else None
                found.append(MeasureIn(lane.id, stage.id, now, then))
    return tuple(found), tuple(runs)


def _measured(run: Run, segment: Segment) -> bool:
    """Whether a run counted these customers: broken down by that column, with figures
    for that value."""
    return run.segment_column == segment[0] and segment[1] in run.segments()


def segments_of(document: Document, map_id: int) -> list[Segment]:
    """The segment values a map's newest funnel and survey runs have figures for, as
    (column, value) in order: what its lanes of figures can show besides everyone."""
    found: dict[Segment, None] = {}
    for run_kind in RUN_KINDS.values():
        newest, _before = document.latest_runs(map_id, run_kind)
        if newest is not None:
            found.update(dict.fromkeys((newest.segment_column, v) for v in newest.segments()))
    return list(found)


def department_table(document: Document) -> dict[int, tuple[str, str]]:
    return {d.id: (d.name, d.color) for d in document.department_records()}


def map_content(document: Document, map_id: int, segment: Segment | None = None) -> MapContent:
    """Everything of one map that drawing needs, detached from the database; its lanes
    of figures for the customers of one segment value when `segment` is given."""
    journey_map = document.get(JourneyMap, map_id)
    departments = department_table(document)
    stages = tuple(StageIn(s.id, s.name, s.color, s.width) for s in document.stages(map_id))
    lanes = tuple(
        LaneIn(lane.id, lane.name, lane.kind, lane.color, lane.height)
        for lane in document.lanes(map_id)
    )
    measured, runs = measures_in(document, map_id, lanes, stages, segment)
    return MapContent(
        title=journey_map.name if journey_map else "",
        stages=stages,
        lanes=lanes,
        cards=tuple(card_in(card, departments) for card in document.cards(map_id)),
        points=tuple(point_in(p) for p in document.emotion_points(map_id)),
        measures=measured,
        runs=runs,
    )
