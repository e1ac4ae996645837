"""Closed vocabularies of the model, stored as plain strings so files stay readable."""

from __future__ import annotations

from enum import StrEnum


class MapState(StrEnum):
    """Whether a map draws today's journey or the target one."""

    CURRENT = "current"
    IDEAL = "ideal"


class LaneKind(StrEnum):
    """How a lane looks and behaves; decides which card fields matter."""

    TEXT = "text"
    TOUCHPOINT = "touchpoint"
    EMOTION = "emotion"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    METRIC = "metric"
    IMAGE = "image"
    FUNNEL = "funnel"
    SURVEY = "survey"


FIGURE_LANES = frozenset({LaneKind.FUNNEL.value, LaneKind.SURVEY.value})
"""Lane kinds whose cells show measured figures (version 4): no card may sit there."""
CARDLESS_LANES = frozenset({LaneKind.EMOTION.value}) | FIGURE_LANES
"""Lanes the canvas puts no card in: the emotion curve's, and the lanes of figures."""


class RunKind(StrEnum):
    """What a measurement run read: event data (a funnel) or survey answers."""

    EVENTS = "events"
    SURVEY = "survey"


class Evidence(StrEnum):
    """How well a card is backed, so assumptions never pass for research."""

    ASSUMPTION = "assumption"
    PARTIAL = "partial"
    RESEARCH = "research"


class Channel(StrEnum):
    """Where a touchpoint happens."""

    WEBSITE = "website"
    SHOP = "shop"
    SOCIAL = "social"
    EMAIL = "email"
    PHONE = "phone"
    ADS = "ads"
    WORD_OF_MOUTH = "word_of_mouth"
    APP = "app"
    OTHER = "other"


class Direction(StrEnum):
    """Which way a metric is good: at least its target, at most it, or inside a range.

    A card without one is read as higher-is-better, as every metric was before version 2.
    """

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"


class Priority(StrEnum):
    """Priority of an opportunity."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


EMOTION_MIN = -2
EMOTION_MAX = 2
SEVERITY_MIN = 1
SEVERITY_MAX = 3
