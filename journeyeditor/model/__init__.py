"""The document model: typed SQLAlchemy entities and their vocabularies. No Qt here."""

from journeyeditor.model.entities import (
    Base,
    Card,
    Department,
    EmotionPoint,
    Image,
    JourneyMap,
    Lane,
    Persona,
    Project,
    Snapshot,
    Stage,
)
from journeyeditor.model.enums import Channel, Direction, Evidence, LaneKind, MapState, Priority

__all__ = [
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
    "Persona",
    "Priority",
    "Project",
    "Snapshot",
    "Stage",
]
