"""Turning a map of the open project into the plain content the layout takes."""

from __future__ import annotations

from journeyeditor.editing.document import Document
from journeyeditor.model import Card, EmotionPoint, JourneyMap
from journeyeditor.render.layout import CardIn, LaneIn, MapContent, PointIn, StageIn


def card_in(card: Card, departments: dict[int, tuple[str, str]]) -> CardIn:
    name, color = departments.get(card.department_id or 0, (None, None))
    return CardIn(
        id=card.id,
        stage_id=card.stage_id,
        lane_id=card.lane_id,
        position=card.position,
        text=card.text,
        color=card.color,
        channel=card.channel,
        owned=card.owned,
        severity=card.severity,
        owner=card.owner,
        priority=card.priority,
        value=card.value,
        unit=card.unit,
        target=card.target,
        direction=card.direction,
        target_low=card.target_low,
        baseline=card.baseline,
        period=card.period,
        department=name,
        department_color=color,
        department_id=card.department_id,
        votes=card.votes,
        evidence=card.evidence,
        image_id=card.image_id,
    )


def point_in(point: EmotionPoint) -> PointIn:
    return PointIn(point.lane_id, point.stage_id, point.value, point.note, point.samples)


def department_table(document: Document) -> dict[int, tuple[str, str]]:
    return {d.id: (d.name, d.color) for d in document.departments()}


def map_content(document: Document, map_id: int) -> MapContent:
    """Everything of one map that drawing needs, detached from the database."""
    journey_map = document.get(JourneyMap, map_id)
    departments = department_table(document)
    return MapContent(
        title=journey_map.name if journey_map else "",
        stages=tuple(StageIn(s.id, s.name, s.color, s.width) for s in document.stages(map_id)),
        lanes=tuple(
            LaneIn(lane.id, lane.name, lane.kind, lane.color, lane.height)
            for lane in document.lanes(map_id)
        ),
        cards=tuple(card_in(card, departments) for card in document.cards(map_id)),
        points=tuple(point_in(p) for p in document.emotion_points(map_id)),
    )
