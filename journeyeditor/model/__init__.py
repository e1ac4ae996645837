"""The document model: typed SQLAlchemy entities and their vocabularies. No Qt here.

The entities are imported on first use (PEP 562): building them (SQLAlchemy's ORM and
our declarative classes) costs more than importing SQLAlchemy itself, and what only
checks or reads a file through `sqlite3` (the limits, the vocabularies) needs none of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeyeditor.model.entities import (
        Ballot,
        BallotLane,
        Base,
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
from journeyeditor.model.enums import (
    Channel,
    Direction,
    Evidence,
    LaneKind,
    MapState,
    Priority,
    RunKind,
)

__all__ = [
    "Ballot",
    "BallotLane",
    "Base",
    "Card",
    "Channel",
    "Department",
    "Direction",
    "EmotionPoint",
    "EventMapping",
    "Evidence",
    "FunnelFigure",
    "Image",
    "JourneyMap",
    "Lane",
    "LaneKind",
    "MapState",
    "MappingSegment",
    "MeasureRun",
    "Participant",
    "Persona",
    "Priority",
    "Project",
    "RunKind",
    "Snapshot",
    "Stage",
    "StagePattern",
    "StageTouchpoint",
    "SurveyFigure",
    "SurveyMapping",
    "Vote",
]


def __getattr__(name: str) -> Any:
    """An entity, imported with the others on first use (the only names of `__all__`
    not defined here)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("journeyeditor.model.entities"), name)
    globals()[name] = value
    return value
