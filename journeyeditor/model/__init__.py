"""The document model: typed SQLAlchemy entities and their vocabularies. No Qt here."""

from journeyeditor.model.entities import (
    Ballot,
    BallotLane,
    Base,
    Card,
    Department,
    EmotionPoint,
    Image,
    JourneyMap,
    Lane,
    Participant,
    Persona,
    Project,
    Snapshot,
    Stage,
    Vote,
)
from journeyeditor.model.enums import Channel, Direction, Evidence, LaneKind, MapState, Priority

__all__ = [
    "Ballot",
    "BallotLane",
    "Base",
    "Card",
    "Channel",
    "Department",
    "Direction",
    "EmotionPoint",
    "Evidence",
    "Image",
    "JourneyMap",
    "Lane",
    "LaneKind",
    "MapState",
    "Participant",
    "Persona",
    "Priority",
    "Project",
    "Snapshot",
    "Stage",
    "Vote",
]
