"""The fields of the JSON interchange format (docs/file-format.md), one table per object.

One table of field specifications drives export, validation and import alike, so the
three can never disagree about a field's name, type or default. Plain data on the
model's limits and vocabularies: the export reads through sqlite3 with it, without
SQLAlchemy (store/interchange_export.py); the import checks with it
(store/interchange.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journeyeditor.model import limits
from journeyeditor.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
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

FORMAT = "journeyeditor-project"
VERSION = 1
Record = dict[str, Any]

IMAGE_MAX_BASE64 = 4 * ((limits.IMAGE_MAX_BYTES + 2) // 3)
"""The base64 text of the largest image a file may hold."""

Bounds = tuple[float, float]
IDS: Bounds = (1, limits.ID_MAX)
NUMBERS: Bounds = (-limits.NUMBER_MAX_ABS, limits.NUMBER_MAX_ABS)


@dataclass(frozen=True)
class Field:
    """One JSON key and the column it maps to, with its type and rules.

    Every bound comes from model/limits.py, the one place the file check and the edits
    read them too.
    """

    key: str
    column: str
    kind: type
    default: Any = None
    nullable: bool = False
    choices: tuple[str, ...] = ()
    bounds: Bounds | None = None
    """Numbers: the smallest and largest value."""
    max_chars: int = limits.NAME_MAX_CHARS
    """Text: the longest value (base64 text for bytes)."""
    color: bool = False
    """Text that must be a colour (`limits.is_color`)."""


def _enum(enum: Iterable[Any]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _text(key: str, column: str | None = None) -> Field:
    """A long text field: card text, notes, descriptions, a persona's long fields."""
    return Field(key, column or key, str, "", max_chars=limits.TEXT_MAX_CHARS)


def _color(key: str, default: str | None, nullable: bool = False) -> Field:
    return Field(key, key, str, default, nullable=nullable, color=True)


def _reference(key: str, column: str, nullable: bool = True) -> Field:
    return Field(key, column, int, nullable=nullable, bounds=IDS)


ID = Field("id", "id", int, bounds=IDS)
PROJECT = (
    Field("name", "name", str, ""),
    Field("language", "language", str, "en", choices=("en", "fr")),
    _color("accent_color", "#2f6fdb"),
    _reference("logo_image", "logo_image_id"),
)
IMAGE = (
    ID,
    Field("format", "format", str),
    Field("data", "data", bytes, max_chars=IMAGE_MAX_BASE64),
)
DEPARTMENT = (ID, Field("name", "name", str, ""), _color("color", "#888888"))
PARTICIPANT = (ID, Field("name", "name", str, ""), _reference("department", "department_id"))
PERSONA = (
    ID,
    Field("name", "name", str, ""),
    Field("role", "role", str, ""),
    Field("age", "age", int, nullable=True, bounds=limits.AGE_RANGE),
    Field("category", "category", str, ""),
    _text("goals"),
    _text("frustrations"),
    _text("motivations"),
    _text("quote"),
    _reference("photo_image", "photo_image_id"),
)
MAP = (
    ID,
    Field("name", "name", str, ""),
    _reference("persona", "persona_id"),
    Field("segment", "segment", str, ""),
    Field("state", "state", str, MapState.CURRENT.value, choices=_enum(MapState)),
    _text("description"),
)
STAGE = (
    ID,
    Field("name", "name", str, ""),
    _color("color", "#dfe7f5"),
    Field("width", "width", float, 240.0, bounds=limits.STAGE_WIDTH_RANGE),
)
LANE = (
    ID,
    Field("name", "name", str, ""),
    Field("kind", "kind", str, LaneKind.TEXT.value, choices=_enum(LaneKind)),
    _color("color", "#f4f4f4"),
    Field("height", "height", float, 120.0, bounds=limits.LANE_HEIGHT_RANGE),
)
CARD = (
    ID,
    _reference("stage", "stage_id", nullable=False),
    _reference("lane", "lane_id", nullable=False),
    _text("text"),
    _color("color", None, nullable=True),
    Field("channel", "channel", str, nullable=True, choices=_enum(Channel)),
    Field("owned", "owned", bool, nullable=True),
    Field("severity", "severity", int, nullable=True, bounds=(SEVERITY_MIN, SEVERITY_MAX)),
    Field("owner", "owner", str, nullable=True),
    Field("priority", "priority", str, nullable=True, choices=_enum(Priority)),
    Field("value", "value", float, nullable=True, bounds=NUMBERS),
    Field("unit", "unit", str, nullable=True),
    Field("target", "target", float, nullable=True, bounds=NUMBERS),
    _reference("department", "department_id"),
    Field("votes", "votes", int, 0, bounds=(0, limits.VOTES_MAX)),
    Field("evidence", "evidence", str, Evidence.ASSUMPTION.value, choices=_enum(Evidence)),
    _reference("image", "image_id"),
    Field("direction", "direction", str, nullable=True, choices=_enum(Direction)),
    Field("target_low", "target_low", float, nullable=True, bounds=NUMBERS),
    Field("baseline", "baseline", float, nullable=True, bounds=NUMBERS),
    Field("period", "period", str, nullable=True),
    _reference("participant", "participant_id"),
    Field("created", "created", str, "", max_chars=limits.STAMP_MAX_CHARS),
    Field("source", "source", str, nullable=True),
)
EMOTION = (
    ID,
    _reference("lane", "lane_id", nullable=False),
    _reference("stage", "stage_id", nullable=False),
    Field("value", "value", int, 0, bounds=(EMOTION_MIN, EMOTION_MAX)),
    _text("note"),
    Field("samples", "samples", int, 1, bounds=(1, limits.MAX_MERGED_SAMPLES)),
)
BALLOT = (
    ID,
    Field("allowance", "allowance", int, 3, bounds=(1, limits.VOTE_ALLOWANCE_MAX)),
    Field("one_per_card", "one_per_card", bool, False),
    Field("is_open", "is_open", bool, False),
    Field("created", "created", str, "", max_chars=limits.STAMP_MAX_CHARS),
)
BALLOT_LANE = (ID, _reference("lane", "lane_id", nullable=False))
VOTE = (
    ID,
    _reference("card", "card_id", nullable=False),
    _reference("participant", "participant_id"),
)
MAPPING = (
    Field("customer", "customer_column", str, "customer"),
    Field("time", "time_column", str, "timestamp"),
    Field("event", "event_column", str, "event"),
)
MAPPING_STAGE = (_reference("stage", "stage_id", nullable=False),)
SURVEY_MAPPING = (
    Field("stage", "stage_column", str, "stage"),
    Field("nps", "nps_column", str, "nps"),
    Field("effort", "effort_column", str, "effort"),
    Field("text", "text_column", str, "comment"),
    Field("answered", "answered_column", str, None, nullable=True),
    Field("segment", "segment_column", str, None, nullable=True),
    Field("effort_low", "effort_low", float, 1.0, bounds=limits.EFFORT_RANGE),
    Field("effort_high", "effort_high", float, 7.0, bounds=limits.EFFORT_RANGE),
)
"""A map's saved survey mapping (schema version 5): its columns, then the effort scale."""
COUNTED: Bounds = (0, limits.COUNT_MAX)
RUN = (
    ID,
    Field("kind", "kind", str, RunKind.EVENTS.value, choices=_enum(RunKind)),
    Field("imported", "imported", str, "", max_chars=limits.STAMP_MAX_CHARS),
    Field("source", "source", str, ""),
    Field("rows", "rows", int, 0, bounds=COUNTED),
    Field("bad_rows", "bad_rows", int, 0, bounds=COUNTED),
    Field("segment_column", "segment_column", str, ""),
)
SECONDS: Bounds = (0, limits.SECONDS_MAX)


def _counted(key: str, nullable: bool = False) -> Field:
    return Field(key, key, int, None if nullable else 0, nullable=nullable, bounds=COUNTED)


FIGURE_BASE = (
    _reference("stage", "stage_id", nullable=False),
    Field("segment", "segment", str, None, nullable=True),
)
FUNNEL = (
    *FIGURE_BASE,
    _counted("customers"),
    _counted("reached"),
    _counted("previous_reached", nullable=True),
    _counted("from_previous", nullable=True),
    _counted("skipped"),
    _counted("came_back"),
    _counted("timed"),
    Field("median_seconds", "median_seconds", float, nullable=True, bounds=SECONDS),
    Field("p90_seconds", "p90_seconds", float, nullable=True, bounds=SECONDS),
)
SURVEY = (
    *FIGURE_BASE,
    _counted("answers"),
    _counted("promoters"),
    _counted("passives"),
    _counted("detractors"),
    _counted("effort_answers"),
    Field("effort_mean", "effort_mean", float, nullable=True, bounds=limits.EFFORT_RANGE),
)
FIGURE_FIELDS = {RunKind.EVENTS.value: ("funnel", FUNNEL), RunKind.SURVEY.value: ("survey", SURVEY)}
"""A run kind's list of figures in JSON and their fields."""
SNAPSHOT = (
    ID,
    Field("name", "name", str, ""),
    Field("created", "created", str, ""),
    Field("data", "data", str, "", max_chars=limits.SNAPSHOT_MAX_CHARS),
)

FIGURE_TABLES = {RunKind.EVENTS.value: "funnel_figure", RunKind.SURVEY.value: "survey_figure"}
"""A run kind's table of figures."""

REQUIRED = {"id", "stage", "lane", "card", "format", "data"}
"""Keys an object must hold; every other key has a default."""


def defaults(fields: tuple[Field, ...]) -> Record:
    """An object of these fields with every default (the keys that have one)."""
    return {field.key: field.default for field in fields if field.key not in REQUIRED}
