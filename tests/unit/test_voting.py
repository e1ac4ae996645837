"""Dot voting's rules on a real Document: allowance, one dot per card, a closed vote
frozen, only the voted lanes, undo giving the dot back, sorting a cell by votes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from journeyeditor.editing import edits, voting
from journeyeditor.editing.document import Document
from journeyeditor.editing.voting import VoteRefused
from journeyeditor.model import Card, LaneKind


@dataclass
class Room:
    """The sample's first map with a vote to run: who votes, on which cards."""

    map_id: int
    pain_cards: list[int]
    other_card: int
    ann: int
    bob: int


def _participant(document: Document, name: str) -> int:
    assert document.push(edits.add_participant(document, name, None))
    return document.participants()[-1].id


@pytest.fixture
def room(document: Document) -> Room:
    map_id = document.maps()[0].id
    lanes = {lane.kind: lane.id for lane in document.lanes(map_id)}
    cards = document.cards(map_id)
    pains = [c.id for c in cards if c.lane_id == lanes[LaneKind.PAIN_POINT.value]]
    other = next(c.id for c in cards if c.lane_id == lanes[LaneKind.TOUCHPOINT.value])
    for card_id in pains:
        assert document.push(edits.edit_card(document, card_id, votes=0))
    ann = _participant(document, "Ann")
    bob = _participant(document, "Bob")
    return Room(map_id, pains, other, ann, bob)


def _start(document: Document, room: Room, allowance: int = 2, one_per_card: bool = False) -> int:
    lanes = [lane.id for lane in document.lanes(room.map_id) if lane.kind == "pain_point"]
    assert document.push(voting.open_ballot(document, room.map_id, lanes, allowance, one_per_card))
    ballot = document.open_ballot(room.map_id)
    assert ballot is not None
    return ballot.id


def _votes(document: Document, card_id: int) -> int:
    card = document.get(Card, card_id)
    assert card is not None
    return card.votes


def _give(document: Document, ballot: int, card: int, who: int) -> bool:
    return document.push(voting.give_vote(document, ballot, card, who))


def test_a_vote_is_a_row_and_a_dot_in_one_step(document: Document, room: Room) -> None:
    ballot = _start(document, room)
    depth = document.stack.count()
    assert _give(document, ballot, room.pain_cards[0], room.ann)
    assert document.stack.count() == depth + 1
    assert _votes(document, room.pain_cards[0]) == 1
    assert [(v.card_id, v.participant_id) for v in document.votes(ballot)] == [
        (room.pain_cards[0], room.ann)
    ]
    assert voting.dots_left(document, ballot, room.ann) == 1
    assert voting.dots_left(document, ballot, room.bob) == 2


def test_the_allowance_is_per_participant(document: Document, room: Room) -> None:
    ballot = _start(document, room, allowance=2)
    card = room.pain_cards[0]
    assert _give(document, ballot, card, room.ann)
    assert _give(document, ballot, card, room.ann)
    with pytest.raises(VoteRefused, match="used all 2"):
        voting.give_vote(document, ballot, card, room.ann)
    assert _give(document, ballot, card, room.bob)
    assert _votes(document, card) == 3


def test_one_vote_per_card_when_asked(document: Document, room: Room) -> None:
    ballot = _start(document, room, allowance=3, one_per_card=True)
    first, second = room.pain_cards[:2]
    assert _give(document, ballot, first, room.ann)
    with pytest.raises(VoteRefused, match="already voted for this card"):
        voting.give_vote(document, ballot, first, room.ann)
    assert _give(document, ballot, second, room.ann)
    assert _give(document, ballot, first, room.bob)


def test_a_closed_vote_is_frozen(document: Document, room: Room) -> None:
    ballot = _start(document, room)
    card = room.pain_cards[0]
    assert _give(document, ballot, card, room.ann)
    assert document.push(voting.close_ballot(document, ballot))
    assert document.open_ballot(room.map_id) is None
    with pytest.raises(VoteRefused, match="closed"):
        voting.give_vote(document, ballot, card, room.bob)
    with pytest.raises(VoteRefused, match="closed"):
        voting.take_back_vote(document, ballot, card, room.ann)
    assert _votes(document, card) == 1


def test_a_card_outside_the_voted_lanes_is_refused(document: Document, room: Room) -> None:
    ballot = _start(document, room)
    with pytest.raises(VoteRefused, match="not on this lane"):
        voting.give_vote(document, ballot, room.other_card, room.ann)
    assert document.votes(ballot) == []


def test_one_open_vote_per_map(document: Document, room: Room) -> None:
    _start(document, room)
    lanes = [lane.id for lane in document.lanes(room.map_id)]
    with pytest.raises(VoteRefused, match="already running"):
        voting.open_ballot(document, room.map_id, lanes)


def test_undo_gives_the_dot_and_the_allowance_back_and_redo_takes_it(
    document: Document, room: Room
) -> None:
    ballot = _start(document, room, allowance=1)
    card = room.pain_cards[0]
    assert _give(document, ballot, card, room.ann)
    with pytest.raises(VoteRefused):
        voting.give_vote(document, ballot, card, room.ann)
    document.undo()
    assert _votes(document, card) == 0
    assert document.votes(ballot) == []
    assert voting.dots_left(document, ballot, room.ann) == 1
    document.redo()
    assert _votes(document, card) == 1
    assert voting.dots_left(document, ballot, room.ann) == 0
    document.undo()
    assert _give(document, ballot, room.pain_cards[1], room.ann)
    assert _votes(document, room.pain_cards[1]) == 1


def test_taking_back_removes_the_last_vote_on_that_card(document: Document, room: Room) -> None:
    ballot = _start(document, room, allowance=3)
    first, second = room.pain_cards[:2]
    for card in (first, second, first):
        assert _give(document, ballot, card, room.ann)
    last_on_first = document.votes(ballot)[-1].id
    assert document.push(voting.take_back_vote(document, ballot, first, room.ann))
    assert last_on_first not in {v.id for v in document.votes(ballot)}
    assert (_votes(document, first), _votes(document, second)) == (1, 1)
    assert voting.dots_left(document, ballot, room.ann) == 1
    with pytest.raises(VoteRefused, match="no vote on this card"):
        voting.take_back_vote(document, ballot, second, room.bob)
    document.undo()
    assert _votes(document, first) == 2


def test_sort_by_votes_is_one_step_and_keeps_ties_in_order(document: Document, room: Room) -> None:
    first = document.get(Card, room.pain_cards[0])
    assert first is not None
    stage, lane = first.stage_id, first.lane_id
    for text in ("b", "c", "d"):
        assert document.push(edits.add_card(document, stage, lane, text=text))
    before = [c.id for c in document.cell(stage, lane)]
    assert len(before) >= 4
    votes = {before[0]: 0, before[1]: 2, before[2]: 0, before[3]: 2}
    for card_id, count in votes.items():
        assert document.push(edits.edit_card(document, card_id, votes=count))
    depth = document.stack.count()
    assert document.push(voting.sort_cell_by_votes(document, stage, lane))
    assert document.stack.count() == depth + 1
    after = [c.id for c in document.cell(stage, lane)]
    assert after[:4] == [before[1], before[3], before[0], before[2]]
    assert voting.sort_cell_by_votes(document, stage, lane).operations == []
    document.undo()
    assert [c.id for c in document.cell(stage, lane)] == before
