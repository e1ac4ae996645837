"""Which fine-grained signals an edit owes the views, gathered until its commit.

Signals go out only after the transaction commits, once each, so a view never sees a
change that did not reach the file, and a failed edit announces nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    SurveyMapping,
    Vote,
)
from journeyeditor.store.content import chunks

if TYPE_CHECKING:
    from journeyeditor.editing.rows import Rows, Values

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


def _map_of(rows: Rows, entity: type, row: Values) -> tuple[int, ...]:
    """The map id a row belongs to, as the leading signal argument (none for globals)."""
    if entity in (Stage, Lane):
        return (row["map_id"],)
    if entity in (Card, EmotionPoint):
        return (rows.map_of(row["stage_id"]),)
    return ()


def _measured_map(rows: Rows, entity: type, row: Values) -> int | None:
    """The map a measurement row belongs to; None for other rows."""
    if entity in (EventMapping, MappingSegment, MeasureRun, SurveyMapping):
        return int(row["map_id"])
    if entity in (FunnelFigure, SurveyFigure, StagePattern, StageTouchpoint):
        return rows.map_of(row["stage_id"])
    return None


class Notices:
    """An ordered set of pending signal emissions: (signal name, arguments).

    Rows come as their column values (`Values`), as the row operations read and wrote
    them."""

    def __init__(self) -> None:
        self.pending: dict[Notice, None] = {}

    def add(self, name: str, *args: int) -> None:
        self.pending[(name, args)] = None

    def take(self) -> list[Notice]:
        notices = list(self.pending)
        self.pending.clear()
        return notices

    def _special(self, rows: Rows, entity: type, row: Values) -> bool:
        """Rows whose every change is one signal; True when handled."""
        if entity is EmotionPoint:
            self.add("emotionChanged", *_map_of(rows, entity, row), row["lane_id"], row["stage_id"])
        elif entity is Project:
            self.add("projectChanged")
        elif entity is Snapshot:
            self.add("snapshotsChanged")
        elif entity is Participant:
            self.add("participantsChanged")
        elif entity in (Ballot, BallotLane, Vote):
            self.add("votingChanged")
        elif (map_id := _measured_map(rows, entity, row)) is not None:
            self.add("measuresChanged", map_id)
        else:
            return False
        return True

    def _cell(self, rows: Rows, entity: type, row: Values) -> None:
        if entity is Card:
            self.add("cellChanged", *_map_of(rows, entity, row), row["stage_id"], row["lane_id"])

    def added(self, rows: Rows, entity: type, row: Values) -> None:
        if not self._special(rows, entity, row):
            self.add(f"{PREFIX[entity]}Added", *_map_of(rows, entity, row), row["id"])
            self._cell(rows, entity, row)

    def removed(self, rows: Rows, entity: type, row: Values) -> None:
        if not self._special(rows, entity, row):
            self.add(f"{PREFIX[entity]}Removed", *_map_of(rows, entity, row), row["id"])
            self._cell(rows, entity, row)

    def rows_added(self, rows: Rows, entity: type, values: Sequence[Values]) -> None:
        """`added` for many rows given as values (the bulk path)."""
        self._rows(rows, entity, values, "Added")

    def rows_removed(self, rows: Rows, entity: type, values: Sequence[Values]) -> None:
        """`removed` for many rows given as values, before they go."""
        self._rows(rows, entity, values, "Removed")

    def _rows(self, rows: Rows, entity: type, values: Sequence[Values], verb: str) -> None:
        """Cards' notices with their maps read in one query per 5,000 stages (a stage
        lookup per card took most of a bulk insert); other rows one by one."""
        if entity is not Card:
            tell = self.added if verb == "Added" else self.removed
            for row in values:
                tell(rows, entity, row)
            return
        stage_ids = sorted({row["stage_id"] for row in values})
        maps: dict[int, int] = {}
        for chunk in chunks(stage_ids):
            sql = f"SELECT id, map_id FROM stage WHERE id IN ({', '.join('?' * len(chunk))})"
            maps.update((stage_id, map_id) for stage_id, map_id in rows.execute(sql, chunk))
        for row in values:
            map_id = maps.get(row["stage_id"], 0)
            self.add(f"card{verb}", map_id, row["id"])
            self.add("cellChanged", map_id, row["stage_id"], row["lane_id"])

    def changed(self, rows: Rows, entity: type, row: Values) -> None:
        if not self._special(rows, entity, row):
            self.add(f"{PREFIX[entity]}Changed", *_map_of(rows, entity, row), row["id"])

    def moved(self, rows: Rows, entity: type, row: Values) -> None:
        """Called before and after a move, so both the old and the new place hear of it."""
        if entity is Card:
            self._cell(rows, entity, row)
            self.add("cardChanged", *_map_of(rows, entity, row), row["id"])
        elif not self._special(rows, entity, row):
            self.add(f"{PREFIX[entity]}sReordered", *_map_of(rows, entity, row))
