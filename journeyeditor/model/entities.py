"""SQLAlchemy 2.0 entities: the one description of what a `.journey` file holds.

Enumerated values are stored as text with CHECK constraints, so a file stays readable
by any SQLite tool and a hand-edited wrong value is refused by the database itself.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from journeyeditor.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    SEVERITY_MAX,
    SEVERITY_MIN,
    Direction,
    Evidence,
    LaneKind,
    MapState,
    Priority,
    RunKind,
)


def _in(column: str, values: type[object]) -> str:
    """CHECK expression restricting a text column to an enum's values."""
    members = ", ".join(f"'{m.value}'" for m in values)  # type: ignore[attr-defined]
    return f"{column} IN ({members})"


class Base(DeclarativeBase):
    """Declarative base of every table in a `.journey` file.

    Entities carry no ORM relationships on purpose: the Document reads through
    explicit ordered queries, so no cached collection can go stale after an edit.
    """


class Project(Base):
    """The single row describing the project and its client branding."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, default="")
    language: Mapped[str] = mapped_column(String, default="en")
    accent_color: Mapped[str] = mapped_column(String, default="#2f6fdb")
    logo_image_id: Mapped[int | None] = mapped_column(
        ForeignKey("image.id", ondelete="SET NULL"), nullable=True
    )


class Image(Base):
    """An image stored inside the file, checked with Pillow before it gets here."""

    __tablename__ = "image"

    id: Mapped[int] = mapped_column(primary_key=True)
    format: Mapped[str] = mapped_column(String)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Department(Base):
    """A department taking part in a workshop; colours who said what."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    color: Mapped[str] = mapped_column(String, default="#888888")


class Participant(Base):
    """A person in a workshop, speaking for a department; cards and votes name them."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id", ondelete="SET NULL"), nullable=True
    )


class Persona(Base):
    """The person or segment a map is drawn for."""

    __tablename__ = "persona"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    role: Mapped[str] = mapped_column(String, default="")
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    category: Mapped[str] = mapped_column(String, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    frustrations: Mapped[str] = mapped_column(Text, default="")
    motivations: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    photo_image_id: Mapped[int | None] = mapped_column(
        ForeignKey("image.id", ondelete="SET NULL"), nullable=True
    )


class JourneyMap(Base):
    """One journey: a grid of stages by lanes, for a persona, current or ideal."""

    __tablename__ = "journey_map"
    __table_args__ = (CheckConstraint(_in("state", MapState), name="ck_map_state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("persona.id", ondelete="SET NULL"), nullable=True
    )
    segment: Mapped[str] = mapped_column(String, default="")
    state: Mapped[str] = mapped_column(String, default=MapState.CURRENT.value)
    description: Mapped[str] = mapped_column(Text, default="")


class Stage(Base):
    """A column of a map (awareness, consideration, …)."""

    __tablename__ = "stage"
    __table_args__ = (
        CheckConstraint("width > 0", name="ck_stage_width"),
        Index("ix_stage_map", "map_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    color: Mapped[str] = mapped_column(String, default="#dfe7f5")
    width: Mapped[float] = mapped_column(default=240.0)


class Lane(Base):
    """A row of a map; its kind decides how its cards look."""

    __tablename__ = "lane"
    __table_args__ = (
        CheckConstraint(_in("kind", LaneKind), name="ck_lane_kind"),
        CheckConstraint("height > 0", name="ck_lane_height"),
        Index("ix_lane_map", "map_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")
    kind: Mapped[str] = mapped_column(String, default=LaneKind.TEXT.value)
    color: Mapped[str] = mapped_column(String, default="#f4f4f4")
    height: Mapped[float] = mapped_column(default=120.0)


class Card(Base):
    """A note in one cell (stage × lane), ordered inside its cell.

    Kind-specific fields sit on the one table, unused ones left empty, so a card
    keeps its data when it is moved to a lane of another kind and back.
    """

    __tablename__ = "card"
    __table_args__ = (
        CheckConstraint(_in("evidence", Evidence), name="ck_card_evidence"),
        CheckConstraint(
            f"severity IS NULL OR severity BETWEEN {SEVERITY_MIN} AND {SEVERITY_MAX}",
            name="ck_card_severity",
        ),
        CheckConstraint(
            "priority IS NULL OR " + _in("priority", Priority), name="ck_card_priority"
        ),
        CheckConstraint("votes >= 0", name="ck_card_votes"),
        CheckConstraint(
            "direction IS NULL OR " + _in("direction", Direction), name="ck_card_direction"
        ),
        Index("ix_card_cell", "stage_id", "lane_id", "position"),
        Index("ix_card_lane", "lane_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    lane_id: Mapped[int] = mapped_column(ForeignKey("lane.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str | None] = mapped_column(String, nullable=True)
    channel: Mapped[str | None] = mapped_column(String, nullable=True)
    owned: Mapped[bool | None] = mapped_column(nullable=True)
    severity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner: Mapped[str | None] = mapped_column(String, nullable=True)
    priority: Mapped[str | None] = mapped_column(String, nullable=True)
    value: Mapped[float | None] = mapped_column(nullable=True)
    unit: Mapped[str | None] = mapped_column(String, nullable=True)
    target: Mapped[float | None] = mapped_column(nullable=True)
    """The single target, or the high end of a range."""
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id", ondelete="SET NULL"), nullable=True
    )
    votes: Mapped[int] = mapped_column(Integer, default=0)
    evidence: Mapped[str] = mapped_column(String, default=Evidence.ASSUMPTION.value)
    image_id: Mapped[int | None] = mapped_column(
        ForeignKey("image.id", ondelete="SET NULL"), nullable=True
    )
    direction: Mapped[str | None] = mapped_column(String, nullable=True)
    target_low: Mapped[float | None] = mapped_column(nullable=True)
    """The low end of a range (direction `range`)."""
    baseline: Mapped[float | None] = mapped_column(nullable=True)
    period: Mapped[str | None] = mapped_column(String, nullable=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True
    )
    """Who wrote the card in a workshop (version 3)."""
    created: Mapped[str] = mapped_column(String, default="")
    """When the card was written, ISO 8601 UTC ("2026-11-30T05:40:12Z"); empty before
    version 3."""
    source: Mapped[str | None] = mapped_column(String, nullable=True)
    """The file name of the draft a merge brought the card from (version 3)."""


class EmotionPoint(Base):
    """One point of an emotion lane's curve: the feeling at one stage, −2…+2."""

    __tablename__ = "emotion_point"
    __table_args__ = (
        UniqueConstraint("lane_id", "stage_id", name="uq_emotion_cell"),
        CheckConstraint(f"value BETWEEN {EMOTION_MIN} AND {EMOTION_MAX}", name="ck_emotion_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lane_id: Mapped[int] = mapped_column(ForeignKey("lane.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    value: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    samples: Mapped[int] = mapped_column(Integer, default=1)
    """How many feelings `value` is the rounded mean of: drafts merged in (version 3)."""


class Ballot(Base):
    """A dot vote on one map: how many dots each participant has, open or closed.

    While it is open, a participant's vote is a `Vote` row and one more dot on the
    card (`Card.votes`); closing it freezes the dots.
    """

    __tablename__ = "ballot"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    allowance: Mapped[int] = mapped_column(Integer, default=3)
    one_per_card: Mapped[bool] = mapped_column(default=False)
    is_open: Mapped[bool] = mapped_column(default=True)
    created: Mapped[str] = mapped_column(String, default="")


class BallotLane(Base):
    """A lane whose cards a ballot votes on."""

    __tablename__ = "ballot_lane"
    __table_args__ = (UniqueConstraint("ballot_id", "lane_id", name="uq_ballot_lane"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"))
    lane_id: Mapped[int] = mapped_column(ForeignKey("lane.id", ondelete="CASCADE"))


class Vote(Base):
    """One dot a participant gave a card in a ballot (participant unknown once deleted)."""

    __tablename__ = "vote"
    __table_args__ = (Index("ix_vote_ballot", "ballot_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True
    )


class Snapshot(Base):
    """A frozen copy of the project (JSON interchange text), to see what changed."""

    __tablename__ = "snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, default="")
    created: Mapped[str] = mapped_column(String, default="")
    data: Mapped[str] = mapped_column(Text, default="")


class EventMapping(Base):
    """How a map reads event data (version 4): the columns holding the customer, the time
    and the event name; its segment columns are `MappingSegment` rows, each stage's event
    names `StagePattern` rows."""

    __tablename__ = "event_mapping"
    __table_args__ = (UniqueConstraint("map_id", name="uq_event_mapping_map"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    customer_column: Mapped[str] = mapped_column(String, default="customer")
    time_column: Mapped[str] = mapped_column(String, default="timestamp")
    event_column: Mapped[str] = mapped_column(String, default="event")


class MappingSegment(Base):
    """A column of event data the map's figures may be broken down by, in order."""

    __tablename__ = "mapping_segment"
    __table_args__ = (Index("ix_mapping_segment_map", "map_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String, default="")


class StagePattern(Base):
    """An event name (glob: `*`, `?`, any case) meaning a stage; tried in `position` order,
    and an event belongs to the first stage of the map with a matching name."""

    __tablename__ = "stage_pattern"
    __table_args__ = (Index("ix_stage_pattern_stage", "stage_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    pattern: Mapped[str] = mapped_column(String, default="")


class StageTouchpoint(Base):
    """A card (of the stage's map) that a stage's measured figures belong to."""

    __tablename__ = "stage_touchpoint"
    __table_args__ = (
        UniqueConstraint("stage_id", "card_id", name="uq_stage_touchpoint"),
        Index("ix_stage_touchpoint_card", "card_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class SurveyMapping(Base):
    """How a map reads survey answers (version 5): the columns a person chose at its
    last survey import, offered again at the next one. Optional columns are NULL when
    none was chosen; the effort scale bounds the effort scores."""

    __tablename__ = "survey_mapping"
    __table_args__ = (
        UniqueConstraint("map_id", name="uq_survey_mapping_map"),
        CheckConstraint(
            "stage_column != '' AND nps_column != '' AND effort_column != ''"
            " AND text_column != '' AND answered_column IS NOT '' AND segment_column IS NOT ''",
            name="ck_survey_mapping_columns",
        ),
        CheckConstraint("effort_low < effort_high", name="ck_survey_mapping_scale"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    stage_column: Mapped[str] = mapped_column(String, default="stage")
    nps_column: Mapped[str] = mapped_column(String, default="nps")
    effort_column: Mapped[str] = mapped_column(String, default="effort")
    text_column: Mapped[str] = mapped_column(String, default="comment")
    answered_column: Mapped[str | None] = mapped_column(String, nullable=True)
    segment_column: Mapped[str | None] = mapped_column(String, nullable=True)
    effort_low: Mapped[float] = mapped_column(default=1.0)
    effort_high: Mapped[float] = mapped_column(default=7.0)


class MeasureRun(Base):
    """One import of event data or survey answers into a map, kept as dated history."""

    __tablename__ = "measure_run"
    __table_args__ = (
        CheckConstraint(_in("kind", RunKind), name="ck_run_kind"),
        Index("ix_measure_run_map", "map_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String, default=RunKind.EVENTS.value)
    imported: Mapped[str] = mapped_column(String, default="")
    """When, ISO 8601 UTC to the second ("2026-11-30T09:15:00Z")."""
    source: Mapped[str] = mapped_column(String, default="")
    """The file name, or the database URL without its password and the table."""
    rows: Mapped[int] = mapped_column(Integer, default=0)
    bad_rows: Mapped[int] = mapped_column(Integer, default=0)
    segment_column: Mapped[str] = mapped_column(String, default="")
    """The column the figures are broken down by, '' for none."""


class FunnelFigure(Base):
    """A run's funnel at one stage, for everyone (`segment` NULL) or one segment value
    ('' is a value: customers with an empty one); `measure.funnel.StageFigures` and its
    breakdown's `customers`."""

    __tablename__ = "funnel_figure"
    __table_args__ = (Index("ix_funnel_figure_run", "run_id", "stage_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("measure_run.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    segment: Mapped[str | None] = mapped_column(String, nullable=True)
    customers: Mapped[int] = mapped_column(Integer, default=0)
    reached: Mapped[int] = mapped_column(Integer, default=0)
    previous_reached: Mapped[int | None] = mapped_column(Integer, nullable=True)
    from_previous: Mapped[int | None] = mapped_column(Integer, nullable=True)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    came_back: Mapped[int] = mapped_column(Integer, default=0)
    timed: Mapped[int] = mapped_column(Integer, default=0)
    median_seconds: Mapped[float | None] = mapped_column(nullable=True)
    p90_seconds: Mapped[float | None] = mapped_column(nullable=True)


class SurveyFigure(Base):
    """A survey run's answers at one stage, for everyone (`segment` NULL) or one value:
    NPS counts (promoters 9–10, passives 7–8, detractors 0–6) and the mean effort."""

    __tablename__ = "survey_figure"
    __table_args__ = (Index("ix_survey_figure_run", "run_id", "stage_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("measure_run.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stage.id", ondelete="CASCADE"))
    segment: Mapped[str | None] = mapped_column(String, nullable=True)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    promoters: Mapped[int] = mapped_column(Integer, default=0)
    passives: Mapped[int] = mapped_column(Integer, default=0)
    detractors: Mapped[int] = mapped_column(Integer, default=0)
    effort_answers: Mapped[int] = mapped_column(Integer, default=0)
    effort_mean: Mapped[float | None] = mapped_column(nullable=True)
