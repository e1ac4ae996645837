"""The incremental layout always equals a full layout of the same content.

The canvas keeps one `Layouter` per map and updates it after each edit, laying out only
the cells and rows an edit touched; exports lay the map out whole. Any sequence of
edits (moves, adds, deletes, text edits that change row heights, stage widths, lane
heights, emotion values and notes, renames, undo and redo) must leave the two equal,
and every card whose box object the update replaced or dropped must be named in its
`Changes`, since the canvas touches only those items.

The map has funnel and survey lanes (and a lane whose kind changes among text, funnel and
survey, cards and all). Their figures come from a real Document, as the canvas reads
them (render/content.measures_in): events and surveys imported with
editing/measures.apply_funnel and apply_survey, undone and redone on its undo stack. A
new run changes a lane's figures, its previous figures and its header's dates; rows
above a measurement lane growing move its figures, which are placed at absolute heights.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from journeyeditor.editing import measures
from journeyeditor.editing.document import Document
from journeyeditor.measure.funnel import Breakdown, FunnelResult, StageFigures, StageRule
from journeyeditor.measure.sources import BadRows, ColumnMapping, SourceCheck
from journeyeditor.measure.survey import SurveyFigures, SurveyResult
from journeyeditor.render import fonts
from journeyeditor.render.content import measures_in
from journeyeditor.render.layout import (
    CardBox,
    CardIn,
    CardMeasurer,
    LaneIn,
    Layouter,
    MapContent,
    PointIn,
    Rect,
    RowRect,
    RowTop,
    StageIn,
    layout_map,
)
from journeyeditor.render.measures import FunnelFigures, MeasureIn
from journeyeditor.store import database, interchange, templates

MEASURE = fonts.metrics().width
STAGES = (1, 2, 3)
"""The stage ids of the blank template's map, which the Document's runs measure."""
LANES = (
    (10, "text"),
    (11, "pain_point"),
    (12, "emotion"),
    (13, "metric"),
    (14, "funnel"),
    (15, "survey"),
    (16, "text"),
)
RETYPED = 6
"""The index of the lane whose kind changes (text, funnel, survey) with its cards."""
CARD_LANES = (10, 11, 13, 16)
MAPPING = ColumnMapping("customer", "occurred", "event")
REACHED = st.lists(st.sampled_from([None, 0, 9, 1000, 123456]), min_size=3, max_size=3)
ANSWERS = st.lists(
    st.one_of(st.none(), st.tuples(st.sampled_from([0, 3, 40]), st.sampled_from([0, 12, 300]))),
    min_size=3,
    max_size=3,
)


def funnel(reached: list[int | None]) -> FunnelResult:
    """A funnel over the stages with a count (None: the stage was not measured)."""
    keys = [(str(stage), count) for stage, count in zip(STAGES, reached, strict=True)]
    figures: list[StageFigures[str]] = []
    for key, count in keys:
        if count is None:
            continue
        before = figures[-1].reached if figures else None
        kept = None if before is None else min(before, count)
        seconds = None if before is None else 3600.0 * (count % 7 + 1)
        figures.append(StageFigures(key, count, before, kept, 0, count % 3, 0, seconds, seconds))
    rules = tuple(StageRule(key, (f"event {key}",)) for key, _count in keys)
    customers = max((count for _key, count in keys if count is not None), default=0)
    return FunnelResult(rules, Breakdown(None, None, customers, tuple(figures)), ())


def survey(answers: list[tuple[int, int] | None]) -> SurveyResult:
    """Survey figures for the stages with answers (promoters, detractors); no verbatims."""
    figures = tuple(
        SurveyFigures(str(stage), None, p + d, p, 0, d, p + d, 4.5 if p + d else None)
        for stage, given in zip(STAGES, answers, strict=True)
        if given is not None
        for p, d in [given]
    )
    return SurveyResult(figures, (), SourceCheck(50, 50, BadRows()))


FIRST_RUN = dt.datetime(2026, 1, 1, 9, 0)


def stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def measured_file() -> bytes:
    """A blank project whose map has one funnel run and one survey run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measured.journey"
        plan = templates.template_plan("blank", "en")
        database.create_file(path, interchange.populate_from(plan))
        document = Document.open(path)
        map_id = document.maps()[0].id
        assert [stage.id for stage in document.stages(map_id)] == list(STAGES)
        first = funnel([1000, 9, None])
        command = measures.apply_funnel(document, map_id, first, MAPPING, "e", stamp(FIRST_RUN))
        assert document.push(command)
        answers = survey([(40, 12), None, (3, 0)])
        assert document.push(
            measures.apply_survey(document, map_id, answers, "s", stamp(FIRST_RUN))
        )
        document.close()
        return path.read_bytes()


TEXTS = st.sampled_from(
    ["", "a", "short words", "a much longer text " * 6, "x" * 90, "deux\nlignes\nou trois"]
)


class Edits(RuleBasedStateMachine):
    """A map edited as the canvas sees it: after each edit the records of the cards
    whose row or position changed are new objects (read again), the others are kept."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "map.journey"
        path.write_bytes(measured_file())
        self.document = Document.open(path)
        self.map_id = self.document.maps()[0].id
        self.clock = FIRST_RUN
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
        self.in_place = False
        self.reordered: set[tuple[int, int]] = set()

    @initialize(hinted=st.booleans(), in_place=st.booleans())
    def tell_what_changed(self, hinted: bool, in_place: bool) -> None:
        """Either the layouter finds the changed cards itself, or it is told them, as
        the canvas tells it what its signals named; a card only shifted in its cell
        either gets a new record or, as the canvas does, keeps its record, its
        position set in place and its cell named (`reordered`)."""
        self.hinted = hinted
        self.in_place = in_place

    @initialize(texts=st.lists(TEXTS, max_size=4))
    def seed(self, texts: list[str]) -> None:
        """A few cards in one cell from the start, so that moves inside a cell happen."""
        for text in texts:
            self.add(STAGES[0], CARD_LANES[0], 0, text, False)

    def teardown(self) -> None:
        self.document.close()
        self.folder.cleanup()

    def content(self) -> MapContent:
        """The map as the canvas gives it to its Layouter: figures read from the file."""
        figures, runs = measures_in(self.document, self.map_id, self.lanes, self.stages)
        return MapContent(
            self.title,
            tuple(self.stages),
            tuple(self.lanes),
            tuple(self.cards.values()),
            tuple(self.points.values()),
            figures,
            runs,
        )

    def state(self) -> tuple[object, ...]:
        return (
            self.title,
            list(self.stages),
            list(self.lanes),
            dict(self.cards),
            dict(self.points),
            {card_id: card.position for card_id, card in self.cards.items()},
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
                self.shift(card, index)

    def shift(self, card: CardIn, position: int) -> None:
        """A card's new position, on a new record or set in place."""
        if self.in_place:
            card.position = position
            self.reordered.add((card.stage_id, card.lane_id))
        else:
            self.cards[card.id] = replace(card, position=position)

    def apply(self) -> None:
        before = dict(self.layouter.layout.cards) if self.layouter.layout else {}
        changed = {
            card_id: self.cards.get(card_id)
            for card_id in self.told.keys() | self.cards.keys()
            if self.told.get(card_id) is not self.cards.get(card_id)
        }
        self.told = dict(self.cards)
        reordered, self.reordered = self.reordered, set()
        changes = self.layouter.update(self.content(), changed if self.hinted else None, reordered)
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
        self.move_card(
            self.cards[data.draw(st.sampled_from(sorted(self.cards)))], stage, lane, index
        )

    def move_card(self, card: CardIn, stage: int, lane: int, index: int) -> None:
        self.remember()
        source = [c for c in self.cell(card.stage_id, card.lane_id) if c.id != card.id]
        if self.in_place and (card.stage_id, card.lane_id) == (stage, lane):
            source.insert(min(index, len(source)), card)  # no record new: only positions
            self.renumber(stage, lane, source)
            self.apply()
            return
        self.renumber(card.stage_id, card.lane_id, source)
        moved = replace(card, stage_id=stage, lane_id=lane, position=-1)
        self.cards[card.id] = moved
        target = [c for c in self.cell(stage, lane) if c.id != card.id]
        target.insert(min(index, len(target)), moved)
        self.renumber(stage, lane, target)
        self.apply()

    @precondition(lambda self: bool(self.cards))
    @rule(data=st.data(), index=st.integers(0, 6))
    def move_within(self, data: st.DataObject, index: int) -> None:
        """A card moved inside its own cell (the canvas keeps every record of the cell:
        only positions change)."""
        card = self.cards[data.draw(st.sampled_from(sorted(self.cards)))]
        self.move_card(card, card.stage_id, card.lane_id, index)

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

    @rule(index=st.integers(0, len(LANES) - 1), height=st.sampled_from([40.0, 90.0, 300.0]))
    def lane_height(self, index: int, height: float) -> None:
        self.remember()
        self.lanes[index] = replace(self.lanes[index], height=height)
        self.apply()

    @rule(
        index=st.integers(0, len(LANES) - 1),
        name=st.sampled_from(["L", "A lane name that wraps " * 4]),
    )
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

    @rule(
        stage=st.sampled_from(STAGES),
        value=st.integers(-2, 2),
        note=st.sampled_from(["", "why", "a long note " * 5]),
    )
    def drag_emotion_alone(self, stage: int, value: int, note: str) -> None:
        """What the canvas does when a step changed emotion points and nothing else:
        only the curves are made again (`update_points`), every row left as it was."""
        self.remember()
        self.points[(12, stage)] = PointIn(12, stage, value, note)
        layout = self.layouter.layout
        assert layout is not None
        cells, lanes, cards = dict(layout.cells), list(layout.lanes), dict(layout.cards)
        self.layouter.update_points(self.points.values())
        assert layout.cells == cells and layout.lanes == lanes and layout.cards == cards

    @rule(kind=st.sampled_from(["text", "funnel", "survey"]))
    def retype_lane(self, kind: str) -> None:
        self.remember()
        self.lanes[RETYPED] = replace(self.lanes[RETYPED], kind=kind)
        self.apply()

    @rule(reached=REACHED, next_day=st.booleans())
    def import_events(self, reached: list[int | None], next_day: bool) -> None:
        """A funnel run measured: one step on the Document's undo stack. A run the same
        day as the one before leaves the header's dates as they were; the same figures
        on another day change only the dates."""
        when = self.tick(next_day)
        command = measures.apply_funnel(
            self.document, self.map_id, funnel(reached), MAPPING, "events.csv", when
        )
        assert self.document.push(command)
        self.apply()

    @rule(answers=ANSWERS, next_day=st.booleans())
    def import_survey(self, answers: list[tuple[int, int] | None], next_day: bool) -> None:
        result = survey(answers)
        when = self.tick(next_day)
        command = measures.apply_survey(self.document, self.map_id, result, "nps.csv", when)
        assert self.document.push(command)
        self.apply()

    def tick(self, next_day: bool) -> str:
        """The next import's time: a minute later, or a day later."""
        self.clock += dt.timedelta(days=1) if next_day else dt.timedelta(minutes=1)
        return stamp(self.clock)

    @precondition(lambda self: self.document.stack.canUndo())
    @rule()
    def undo_import(self) -> None:
        self.document.undo()
        self.apply()

    @precondition(lambda self: self.document.stack.canRedo())
    @rule()
    def redo_import(self) -> None:
        self.document.redo()
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
        title, stages, lanes, cards, points, positions = state
        assert isinstance(title, str) and isinstance(cards, dict) and isinstance(points, dict)
        assert isinstance(stages, list) and isinstance(lanes, list)
        assert isinstance(positions, dict)
        self.title, self.stages, self.lanes = title, list(stages), list(lanes)
        self.cards, self.points = dict(cards), dict(points)
        for card_id, card in list(self.cards.items()):
            if card.position != positions[card_id]:
                self.shift(card, positions[card_id])  # a record shared with a later state
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
    full = layout_map(MapContent("M", stages, lanes, (taller, below)), CardMeasurer(MEASURE))
    assert box.rect == full.cards[2].rect and box.rect.y == full.cards[2].rect.y


def test_a_rows_cards_follow_its_top() -> None:
    """A card's rectangle is its row's top plus its offset, so moving a row moves all
    its cards at once (the layouter does not visit them) and reads exactly as a full
    layout computes it; compared with a plain `Rect` by value."""
    row = RowTop(100.0)
    first, second = RowRect(8.0, row, 8.0, 50.0, 30.0), RowRect(8.0, row, 46.0, 50.0, 30.0)
    row.y = 160.25
    assert (first.y, second.y) == (160.25 + 8.0, 160.25 + 46.0)
    assert second == Rect(8.0, 206.25, 50.0, 30.0) and Rect(8.0, 206.25, 50.0, 30.0) == second
    assert first != second and second.bottom == 236.25
    second.y = 3.0
    row.y = 0.0
    assert second == Rect(8.0, 3.0, 50.0, 30.0) and first.y == 8.0


def test_a_new_most_reached_stage_redraws_every_funnel_bar() -> None:
    """Bars are shares of the map's most reached stage: when another lane's figures
    change it, a funnel lane whose own figures did not change is drawn again."""
    stages = (StageIn(1, "S", "#ddd", 200.0),)
    lanes = (LaneIn(10, "A", "funnel", "#eee", 40.0), LaneIn(11, "B", "funnel", "#eee", 40.0))
    mine = MeasureIn(10, 1, FunnelFigures(50))

    def content(most: int) -> MapContent:
        return MapContent("M", stages, lanes, (), (), (mine, MeasureIn(11, 1, FunnelFigures(most))))

    layouter = Layouter(CardMeasurer(MEASURE))
    layouter.update(content(100))
    layouter.update(content(200))
    assert layouter.layout == layout_map(content(200), CardMeasurer(MEASURE))
    figures = layouter.layout.cells[(1, 10)].figures
    assert figures is not None and figures.share == 0.25


def test_a_deleted_emotion_lane_leaves_no_kept_curve() -> None:
    """The layouter keeps each emotion lane's curve to move it; a lane deleted takes its
    kept curve with it, so a long session of adding and deleting lanes holds none."""
    stages = (StageIn(1, "S", "#ddd", 200.0),)
    feeling = LaneIn(12, "Feeling", "emotion", "#eee", 80.0)
    text = LaneIn(10, "A", "text", "#eee", 40.0)
    layouter = Layouter(CardMeasurer(MEASURE))
    layouter.update(MapContent("M", stages, (text, feeling), (), (PointIn(12, 1, 1),)))
    assert set(layouter._curves) == {12}
    layouter.update(MapContent("M", stages, (text,), ()))
    assert layouter._curves == {}
