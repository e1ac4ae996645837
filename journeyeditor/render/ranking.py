"""Which pain points and opportunities matter most: the one ranking every summary shows.

The cover's key figures, the PowerPoint summary slide, the workshop's ranked panel, the
PDF summary page and the CSV export all rank with `ranked`, so a client never sees two
different "top" lists for the same map. Pure Python on the layout's plain records.

Order: votes first (the workshop's verdict), then weight (a pain point's severity 1…3,
an opportunity's priority low/medium/high as 1…3), then the map's own reading order
(stage, then position in the cell), so ties keep the order a person sees on the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyeditor.model.enums import LaneKind, Priority
from journeyeditor.render.layout import CardIn, MapContent

RANKED_KINDS = (LaneKind.PAIN_POINT.value, LaneKind.OPPORTUNITY.value)
PRIORITY_WEIGHT = {Priority.LOW.value: 1, Priority.MEDIUM.value: 2, Priority.HIGH.value: 3}


@dataclass(frozen=True, slots=True)
class Ranked:
    """One card of the summary, with where it sits on the map and its place (1, 2, …)."""

    rank: int
    card: CardIn
    kind: str
    stage: str
    lane: str
    weight: int
    """Severity of a pain point or priority of an opportunity as 1…3; 0 when not set."""


def weight(card: CardIn, kind: str) -> int:
    """A card's own importance, read in its lane's kind."""
    if kind == LaneKind.PAIN_POINT.value:
        return card.severity or 0
    if kind == LaneKind.OPPORTUNITY.value:
        return PRIORITY_WEIGHT.get(card.priority or "", 0)
    return 0


def ranked(
    content: MapContent, kinds: tuple[str, ...] = RANKED_KINDS, limit: int | None = None
) -> list[Ranked]:
    """The cards of lanes of `kinds` (empty texts left out), best first; ties share a rank.

    Two cards tie when they have the same votes and weight: both get the same rank and
    the next card's rank skips (1, 2, 2, 4), as a ranked list printed for a client reads.
    """
    stage_order = {stage.id: index for index, stage in enumerate(content.stages)}
    stage_names = {stage.id: stage.name for stage in content.stages}
    lanes = {lane.id: lane for lane in content.lanes if lane.kind in kinds}
    lane_order = {lane.id: index for index, lane in enumerate(content.lanes)}
    candidates = [
        card
        for card in content.cards
        if card.lane_id in lanes and card.stage_id in stage_order and card.text.strip()
    ]

    def weight_of(card: CardIn) -> int:
        return weight(card, lanes[card.lane_id].kind)

    candidates.sort(
        key=lambda card: (
            -card.votes,
            -weight_of(card),
            stage_order[card.stage_id],
            lane_order[card.lane_id],
            card.position,
        )
    )
    result: list[Ranked] = []
    for index, card in enumerate(candidates):
        if limit is not None and index >= limit:
            break
        score = (card.votes, weight_of(card))
        previous = result[-1] if result else None
        tied = previous is not None and (previous.card.votes, previous.weight) == score
        rank = previous.rank if tied and previous is not None else index + 1
        lane = lanes[card.lane_id]
        result.append(
            Ranked(rank, card, lane.kind, stage_names[card.stage_id], lane.name, score[1])
        )
    return result
