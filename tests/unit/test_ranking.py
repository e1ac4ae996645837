"""The one ranking of pain points and opportunities: votes, then weight, then map order."""

from __future__ import annotations

from journeyeditor.render.layout import CardIn, LaneIn, MapContent, StageIn
from journeyeditor.render.ranking import ranked


def _content(*cards: CardIn) -> MapContent:
    return MapContent(
        title="m",
        stages=(StageIn(1, "Discover", "#fff", 200), StageIn(2, "Buy", "#fff", 200)),
        lanes=(
            LaneIn(10, "Pains", "pain_point", "#fff", 100),
            LaneIn(11, "Ideas", "opportunity", "#fff", 100),
            LaneIn(12, "Notes", "text", "#fff", 100),
        ),
        cards=cards,
    )


def test_votes_then_weight_then_map_order() -> None:
    content = _content(
        CardIn(1, 2, 10, 0, "late stage, severe", severity=3),
        CardIn(2, 1, 10, 0, "early, mild", severity=1),
        CardIn(3, 1, 11, 0, "idea with votes", priority="low", votes=4),
        CardIn(4, 1, 11, 1, "high idea", priority="high"),
        CardIn(5, 1, 12, 0, "a text card is never ranked", votes=9),
        CardIn(6, 1, 10, 1, "   ", votes=9),
    )
    order = [(r.rank, r.card.id) for r in ranked(content)]
    assert order == [(1, 3), (2, 4), (2, 1), (4, 2)]
    first = ranked(content)[0]
    assert (first.kind, first.stage, first.lane, first.weight) == (
        "opportunity",
        "Discover",
        "Ideas",
        1,
    )


def test_ties_keep_reading_order_and_limit_cuts() -> None:
    content = _content(
        CardIn(1, 2, 10, 0, "b", severity=2, votes=1),
        CardIn(2, 1, 10, 0, "a", severity=2, votes=1),
        CardIn(3, 1, 10, 1, "c", severity=2, votes=1),
    )
    assert [(r.rank, r.card.text) for r in ranked(content)] == [(1, "a"), (1, "c"), (1, "b")]
    assert [r.card.text for r in ranked(content, limit=2)] == ["a", "c"]
    assert [r.card.text for r in ranked(content, kinds=("opportunity",))] == []
