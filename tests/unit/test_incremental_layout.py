"""The incremental layout always equals a full layout of the same content.

The canvas keeps one `Layouter` per map and updates it after each edit, laying out only
the cells and rows an edit touched; exports lay the map out whole. Any sequence of
edits (moves, adds, deletes, text edits that change row heights, stage widths, lane
heights, emotion values and notes, renames, undo and redo) must leave the two equal,
and every card whose box object the update replaced or dropped must be named in its
`Changes`, since the canvas touches only those items.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from journeyeditor.render import fonts
from journeyeditor.render.layout import (
    CardBox,
    CardIn,
    CardMeasurer,
    LaneIn,
    Layouter,
    MapContent,
    PointIn,
    StageIn,
    layout_map,
)

MEASURE = fonts.metrics().width
STAGES = (1, 2, 3)
LANES = ((10, "text"), (11, "pain_point"), (12, "emotion"), (13, "metric"))
CARD_LANES = (10, 11, 13)
TEXTS = st.sampled_from(
    ["", "a", "short words", "a much longer text " * 6, "x" * 90, "deux\nlignes\nou trois"]
)


class Edits(RuleBasedStateMachine):
    """A map edited as the canvas sees it: after each edit the records of the cards
    whose row or position changed are new objects (read again), the others are kept."""

    def __init__(self) -> None:
        super().__init__()
        self.measurer = CardMeasurer(MEASURE)
        self.title = "Map"
        self.stages = [StageIn(i, f"Stage {i}", "#dddddd", 200.0) for i in STAGES]
        self.lanes = [LaneIn(i, f"Lane {i}", kind, "#eeeeee", 60.0) for i, kind in LANES]
        self.cards: dict[int, CardIn] = {}
        self.points: dict[tuple[int, int], PointIn] = {(12, 1): PointIn(12, 1, 0)}
        self.next_id = 1
        self.past: list[tuple[object, ...]] = []
        self.future: list[tuple[object, ...]] = []
        self.layouter = Layouter(self.measurer)
        self.layouter.update(self.content())
        self.told = dict(self.cards)
        self.hinted = False

    @initialize(hinted=st.booleans())
    def tell_what_changed(self, hinted: bool) -> None:
        """Either the layouter finds the changed cards itself, or it is told them, as
        the canvas tells it what its signals named."""
        self.hinted = hinted

    def content(self) -> MapContent:
        return MapContent(
            self.title,
            tuple(self.stages),
            tuple(self.lanes),
            tuple(self.cards.values()),
            tuple(self.points.values()),
        )

    def state(self) -> tuple[object, ...]:
        return (
            self.title,
            list(self.stages),
            list(self.lanes),
            dict(self.cards),
            dict(self.points),
        )

    def remember(self) -> None:
        self.past.append(self.state())
        self.future.clear()

    def cell(self, stage_id: int, lane_id: int) -> list[CardIn]:
        cards = [c for c in self.cards.values() if (c.stage_id, c.lane_id) == (stage_id, lane_id)]
        return sorted(cards, key=lambda c: c.position)

    def renumber(self, stage_id: int, lane_id: int, order: list[CardIn]) -> None:
        """Positions 0…n-1 again; only the records whose position changed are new."""
        for index, card in enumerate(order):
            if card.position != index:
                self.cards[card.id] = replace(card, position=index)

    def apply(self) -> None:
        before = dict(self.layouter.layout.cards) if self.layouter.layout else {}
        changed = {
            card_id: self.cards.get(card_id)
            for card_id in self.told.keys() | self.cards.keys()
            if self.told.get(card_id) is not self.cards.get(card_id)
        }
        self.told = dict(self.cards)
        changes = self.layouter.update(self.content(), changed if self.hinted else None)
        after = self.layouter.layout
        assert after is not None
        if changes.full:
            return
        for card_id in before.keys() | after.cards.keys():
            if card_id not in changes.cards:
                assert before.get(card_id) is after.cards.get(card_id), card_id

    @invariant()
    def equals_a_full_layout(self) -> None:
        assert self.layouter.layout == layout_map(self.content(), CardMeasurer(MEASURE))

    @rule(
        stage=st.sampled_from(STAGES),
        lane=st.sampled_from(CARD_LANES),
        index=st.integers(0, 6),
        text=TEXTS,
        tagged=st.booleans(),
    )
    def add(self, stage: int, lane: int, index: int, text: str, tagged: bool) -> None:
        self.remember()
        order = self.cell(stage, lane)
        card = CardIn(self.next_id, stage, lane, -1, text, department="D" if tagged else None)
        self.next_id += 1
        self.cards[card.id] = card
        order.insert(min(index, len(order)), card)
        self.renumber(stage, lane, order)
        self.apply()

    @precondition(lambda self: bool(self.cards))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        self.remember()
        card = self.cards.pop(data.draw(st.sampled_from(sorted(self.cards))))
        self.renumber(card.stage_id, card.lane_id, self.cell(card.stage_id, card.lane_id))
        self.apply()

    @precondition(lambda self: bool(self.cards))
    @rule(
        data=st.data(),
        stage=st.sampled_from(STAGES),
        lane=st.sampled_from(CARD_LANES),
        index=st.integers(0, 6),
    )
    def move(self, data: st.DataObject, stage: int, lane: int, index: int) -> None:
        self.remember()
        card = self.cards[data.draw(st.sampled_from(sorted(self.cards)))]
        source = [c for c in self.cell(card.stage_id, card.lane_id) if c.id != card.id]
        self.renumber(card.stage_id, card.lane_id, source)
        moved = replace(card, stage_id=stage, lane_id=lane, position=-1)
        self.cards[card.id] = moved
        target = [c for c in self.cell(stage, lane) if c.id != card.id]
        target.insert(min(index, len(target)), moved)
        self.renumber(stage, lane, target)
        self.apply()

    @precondition(lambda self: bool(self.cards))
    @rule(data=st.data(), text=TEXTS)
    def edit_text(self, data: st.DataObject, text: str) -> None:
        self.remember()
        card_id = data.draw(st.sampled_from(sorted(self.cards)))
        self.cards[card_id] = replace(self.cards[card_id], text=text)
        self.apply()

    @rule(index=st.integers(0, 2), width=st.sampled_from([120.0, 200.0, 333.5]))
    def stage_width(self, index: int, width: float) -> None:
        self.remember()
        self.stages[index] = replace(self.stages[index], width=width)
        self.apply()

    @rule(index=st.integers(0, 2), name=st.sampled_from(["S", "A stage name long enough " * 3]))
    def rename_stage(self, index: int, name: str) -> None:
        self.remember()
        self.stages[index] = replace(self.stages[index], name=name)
        self.apply()

    @rule(index=st.integers(0, 3), height=st.sampled_from([40.0, 90.0, 300.0]))
    def lane_height(self, index: int, height: float) -> None:
        self.remember()
        self.lanes[index] = replace(self.lanes[index], height=height)
        self.apply()

    @rule(index=st.integers(0, 3), name=st.sampled_from(["L", "A lane name that wraps " * 4]))
    def rename_lane(self, index: int, name: str) -> None:
        self.remember()
        self.lanes[index] = replace(self.lanes[index], name=name)
        self.apply()

    @rule(
        stage=st.sampled_from(STAGES),
        value=st.integers(-2, 2),
        note=st.sampled_from(["", "why", "a long note " * 5]),
    )
    def drag_emotion(self, stage: int, value: int, note: str) -> None:
        self.remember()
        self.points[(12, stage)] = PointIn(12, stage, value, note)
        self.apply()

    @precondition(lambda self: bool(self.past))
    @rule()
    def undo(self) -> None:
        self.future.append(self.state())
        self.restore(self.past.pop())

    @precondition(lambda self: bool(self.future))
    @rule()
    def redo(self) -> None:
        self.past.append(self.state())
        self.restore(self.future.pop())

    def restore(self, state: tuple[object, ...]) -> None:
        title, stages, lanes, cards, points = state
        assert isinstance(title, str) and isinstance(cards, dict) and isinstance(points, dict)
        assert isinstance(stages, list) and isinstance(lanes, list)
        self.title, self.stages, self.lanes = title, list(stages), list(lanes)
        self.cards, self.points = dict(cards), dict(points)
        self.apply()


Edits.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalLayout = Edits.TestCase


def test_a_moved_row_keeps_its_cards_box_objects() -> None:
    """A taller first row moves the rows below it without making their boxes again."""
    stages = (StageIn(1, "S", "#ddd", 200.0),)
    lanes = (LaneIn(10, "A", "text", "#eee", 40.0), LaneIn(11, "B", "text", "#eee", 40.0))
    below = CardIn(2, 1, 11, 0, "below")
    layouter = Layouter(CardMeasurer(MEASURE))
    layouter.update(MapContent("M", stages, lanes, (CardIn(1, 1, 10, 0, "a"), below)))
    assert layouter.layout is not None
    box: CardBox = layouter.layout.cards[2]
    top = box.rect.y
    taller = CardIn(1, 1, 10, 0, "a much longer text " * 10)
    changes = layouter.update(MapContent("M", stages, lanes, (taller, below)))
    assert changes.cards == {1} and not changes.full
    assert layouter.layout.cards[2] is box and box.rect.y > top
