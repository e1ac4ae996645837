"""Reading what a map measured (schema version 4): its event mapping and its runs (and,
since version 5, its saved survey mapping).

Plain queries over a Session and frozen records, no Qt, so the renderer, the window,
the command line and the commands of `editing/measures.py` read runs the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from journeyeditor.measure.funnel import StageFigures
from journeyeditor.measure.survey import SurveyFigures
from journeyeditor.model import (
    EventMapping,
    FunnelFigure,
    MappingSegment,
    MeasureRun,
    RunKind,
    Stage,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    SurveyMapping,
)


@dataclass(frozen=True)
class FunnelRow(StageFigures[int]):
    """A stored funnel figure: `measure.funnel.StageFigures` at a stage id (`stage`), with
    its group's `customers`; `segment` None is everyone, '' the customers without a value."""

    segment: str | None
    customers: int


@dataclass(frozen=True)
class SurveyRow(SurveyFigures[int]):
    """A stored survey figure: `measure.survey.SurveyFigures` at a stage id (`stage`)."""


@dataclass(frozen=True)
class Run:
    """One measurement run and its figures (FunnelRow for events, SurveyRow for surveys)
    in stage order, everyone first, then segment values in order."""

    id: int
    map_id: int
    kind: str
    imported: str
    source: str
    rows: int
    bad_rows: int
    segment_column: str
    figures: tuple[Any, ...]

    def at(self, stage_id: int, segment: str | None = None) -> Any:
        """The figure of a stage for everyone (or one segment value), None if absent."""
        return next((f for f in self.figures if f.stage == stage_id and f.segment == segment), None)

    def segments(self) -> tuple[str, ...]:
        """The segment values this run has figures for, in order."""
        return tuple(dict.fromkeys(f.segment for f in self.figures if f.segment is not None))


FIGURES: dict[str, type[FunnelFigure] | type[SurveyFigure]] = {
    RunKind.EVENTS.value: FunnelFigure,
    RunKind.SURVEY.value: SurveyFigure,
}
"""The table of a run kind's figures."""


def runs_query(map_id: int, kind: str) -> Select[Any]:
    """A map's runs of one kind, newest first (by import time, then id)."""
    return (
        select(MeasureRun)
        .where(MeasureRun.map_id == map_id, MeasureRun.kind == RunKind(kind).value)
        .order_by(MeasureRun.imported.desc(), MeasureRun.id.desc())
    )


def map_rows_query(entity: Any, map_id: int) -> Select[Any]:
    """The rows of a measurement table that belong to a map, in a stable order."""
    if entity in (EventMapping, MappingSegment, MeasureRun, SurveyMapping):
        column: Any = entity.map_id
        order: tuple[Any, ...] = (getattr(entity, "position", entity.id), entity.id)
        return select(entity).where(column == map_id).order_by(*order)
    if entity in (StagePattern, StageTouchpoint, FunnelFigure, SurveyFigure):
        link: Any = entity.stage_id
        position = getattr(entity, "position", entity.id)
        return (
            select(entity)
            .join(Stage, Stage.id == link)
            .where(Stage.map_id == map_id)
            .order_by(Stage.position, position, entity.id)
        )
    raise ValueError(f"{entity.__name__} is not a measurement table")


def _stage_order(session: Session, map_id: int) -> dict[int, int]:
    stages = session.scalars(select(Stage).where(Stage.map_id == map_id))
    return {stage.id: stage.position for stage in stages}


def read_run(session: Session, run: MeasureRun) -> Run:
    """A run with its figures, in stage order, everyone first."""
    entity = FIGURES[run.kind]
    rows: list[Any] = list(session.scalars(select(entity).where(entity.run_id == run.id)))
    order = _stage_order(session, run.map_id)
    rows.sort(
        key=lambda f: (order.get(f.stage_id, 0), f.segment is not None, f.segment or "", f.id)
    )
    if entity is FunnelFigure:
        figures: tuple[Any, ...] = tuple(
            FunnelRow(
                stage=f.stage_id,
                reached=f.reached,
                previous_reached=f.previous_reached,
                from_previous=f.from_previous,
                skipped=f.skipped,
                came_back=f.came_back,
                timed=f.timed,
                median_seconds=f.median_seconds,
                p90_seconds=f.p90_seconds,
                segment=f.segment,
                customers=f.customers,
            )
            for f in rows
        )
    else:
        figures = tuple(
            SurveyRow(
                f.stage_id,
                f.segment,
                f.answers,
                f.promoters,
                f.passives,
                f.detractors,
                f.effort_answers,
                f.effort_mean,
            )
            for f in rows
        )
    return Run(
        run.id,
        run.map_id,
        run.kind,
        run.imported,
        run.source,
        run.rows,
        run.bad_rows,
        run.segment_column,
        figures,
    )


def latest_runs(session: Session, map_id: int, kind: str) -> tuple[Run | None, Run | None]:
    """A map's newest run of `kind` ('events' or 'survey') and the one before it, each
    with its figures; (None, None) when nothing was measured yet."""
    newest: list[MeasureRun] = list(session.scalars(runs_query(map_id, kind).limit(2)))
    runs = [read_run(session, run) for run in newest]
    return (runs[0] if runs else None, runs[1] if len(runs) > 1 else None)
