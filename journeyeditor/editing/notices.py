"""Which fine-grained signals an edit owes the views, gathered until its commit.

Signals go out only after the transaction commits, once each, so a view never sees a
change that did not reach the file, and a failed edit announces nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
    Snapshot,
    Stage,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    Vote,
)
from journeyeditor.store.content import chunks

Notice = tuple[str, tuple[int, ...]]

PREFIX: dict[type, str] = {
    Card: "card",
    Stage: "stage",
    Lane: "lane",
    JourneyMap: "map",
    Persona: "persona",
    Department: "department",
    Image: "image",
}


def _map_of(session: Session, row: Any) -> tuple[int, ...]:
    """The map id a row belongs to, as the leading signal argument (none for globals)."""
    if isinstance(row, (Stage, Lane)):
        return (row.map_id,)
    if isinstance(row, (Card, EmotionPoint)):
        stage = session.get(Stage, row.stage_id)
        return (stage.map_id,) if stage is not None else (0,)
    return ()


def _measured_map(session: Session, row: Any) -> int | None:
    """The map a measurement row belongs to; None for other rows."""
    if isinstance(row, (EventMapping, MappingSegment, MeasureRun)):
        return int(row.map_id)
    if isinstance(row, (FunnelFigure, SurveyFigure, StagePattern, StageTouchpoint)):
        stage = session.get(Stage, row.stage_id)
        return stage.map_id if stage is not None else 0
    return None


class Notices:
    """An ordered set of pending signal emissions: (signal name, arguments)."""

    def __init__(self) -> None:
        self.pending: dict[Notice, None] = {}

    def add(self, name: str, *args: int) -> None:
        self.pending[(name, args)] = None

    def take(self) -> list[Notice]:
        notices = list(self.pending)
        self.pending.clear()
        return notices

    def _special(self, session: Session, row: Any) -> bool:
        """Rows whose every change is one signal; True when handled."""
        if isinstance(row, EmotionPoint):
            self.add("emotionChanged", *_map_of(session, row), row.lane_id, row.stage_id)
        elif isinstance(row, Project):
            self.add("projectChanged")
        elif isinstance(row, Snapshot):
            self.add("snapshotsChanged")
        elif isinstance(row, Participant):
            self.add("participantsChanged")
        elif isinstance(row, (Ballot, BallotLane, Vote)):
            self.add("votingChanged")
        elif (map_id := _measured_map(session, row)) is not None:
            self.add("measuresChanged", map_id)
        else:
            return False
        return True

    def _cell(self, session: Session, row: Any) -> None:
        if isinstance(row, Card):
            self.add("cellChanged", *_map_of(session, row), row.stage_id, row.lane_id)

    def added(self, session: Session, row: Any) -> None:
        if not self._special(session, row):
            self.add(f"{PREFIX[type(row)]}Added", *_map_of(session, row), row.id)
            self._cell(session, row)

    def removed(self, session: Session, row: Any) -> None:
        if not self._special(session, row):
            self.add(f"{PREFIX[type(row)]}Removed", *_map_of(session, row), row.id)
            self._cell(session, row)

    def rows_added(self, session: Session, entity: type, rows: Sequence[dict[str, Any]]) -> None:
        """`added` for many rows given as values (the bulk path)."""
        self._rows(session, entity, rows, "Added")

    def rows_removed(self, session: Session, entity: type, rows: Sequence[dict[str, Any]]) -> None:
        """`removed` for many rows given as values, before they go."""
        self._rows(session, entity, rows, "Removed")

    def _rows(
        self, session: Session, entity: type, rows: Sequence[dict[str, Any]], verb: str
    ) -> None:
        """Cards' notices with their maps read in one query per 5,000 stages (an ORM object
        and a stage lookup per card took most of a bulk insert); other rows one by one."""
        if entity is not Card:
            tell = self.added if verb == "Added" else self.removed
            for values in rows:
                tell(session, entity(**values))
            return
        stage_ids = sorted({values["stage_id"] for values in rows})
        maps: dict[int, int] = {}
        for chunk in chunks(stage_ids):
            query = select(Stage.id, Stage.map_id).where(Stage.id.in_(chunk))
            maps.update((stage_id, map_id) for stage_id, map_id in session.execute(query))
        for values in rows:
            map_id = maps.get(values["stage_id"], 0)
            self.add(f"card{verb}", map_id, values["id"])
            self.add("cellChanged", map_id, values["stage_id"], values["lane_id"])

    def changed(self, session: Session, row: Any) -> None:
        if not self._special(session, row):
            self.add(f"{PREFIX[type(row)]}Changed", *_map_of(session, row), row.id)

    def moved(self, session: Session, row: Any) -> None:
        """Called before and after a move, so both the old and the new place hear of it."""
        if isinstance(row, Card):
            self._cell(session, row)
            self.add("cardChanged", *_map_of(session, row), row.id)
        elif not self._special(session, row):
            self.add(f"{PREFIX[type(row)]}sReordered", *_map_of(session, row))
