"""Dot voting in a workshop: opening and closing a vote, giving and taking back dots.

A dot is two things changed in one step: a `Vote` row (who gave it, so the allowance
can be counted and the dot taken back) and one more on `Card.votes` (what the map
shows and the ranking reads). Undo takes both back, so the participant has the dot
again. The rules are checked when the edit is built, against the file as it is now;
a refusal is a `VoteRefused` whose message is for a person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document, translate
from journeyeditor.editing.edits import stamp
from journeyeditor.editing.operations import Delete, Insert, Operation, Relocate, Update
from journeyeditor.model import (
    Ballot,
    BallotLane,
    Card,
    JourneyMap,
    Lane,
    Participant,
    Vote,
    limits,
)

DEFAULT_ALLOWANCE = 3


class VoteRefused(ValueError):
    """A vote the rules do not allow; the message says why, for a person."""


def open_ballot(
    document: Document,
    map_id: int,
    lane_ids: Sequence[int],
    allowance: int = DEFAULT_ALLOWANCE,
    one_per_card: bool = False,
) -> EditCommand:
    """Start a vote on the cards of `lane_ids`, each participant having `allowance` dots."""
    if document.get(JourneyMap, map_id) is None:
        raise ValueError(f"no map {map_id}")
    if document.open_ballot(map_id) is not None:
        raise VoteRefused(translate("Voting", "A vote is already running on this map."))
    lanes = {lane.id for lane in document.lanes(map_id)}
    chosen = list(dict.fromkeys(lane_ids))
    if not chosen:
        raise VoteRefused(translate("Voting", "Choose at least one lane to vote on."))
    if any(lane_id not in lanes for lane_id in chosen):
        raise ValueError("a vote is on lanes of its own map")
    if not 1 <= allowance <= limits.VOTE_ALLOWANCE_MAX:
        raise VoteRefused(
            translate("Voting", "Each participant has from 1 to {0} dots.").format(
                limits.VOTE_ALLOWANCE_MAX
            )
        )
    ballot_id = document.next_id(Ballot)
    operations: list[Operation] = [
        Insert(
            Ballot,
            {
                "id": ballot_id,
                "map_id": map_id,
                "allowance": allowance,
                "one_per_card": one_per_card,
                "is_open": True,
                "created": stamp(),
            },
        )
    ]
    for lane in chosen:
        row = {"id": document.next_id(BallotLane), "ballot_id": ballot_id, "lane_id": lane}
        operations.append(Insert(BallotLane, row))
    return EditCommand(document, translate("Voting", "Start vote"), operations)


def close_ballot(document: Document, ballot_id: int) -> EditCommand:
    """End a vote: its dots stay on the cards, and no more can be given or taken back."""
    _open(document, ballot_id)
    return EditCommand(
        document, translate("Voting", "Close vote"), [Update(Ballot, ballot_id, {"is_open": False})]
    )


def dots_left(document: Document, ballot_id: int, participant_id: int) -> int:
    """How many dots a participant may still give in a vote."""
    return dots_left_of(document, ballot_id, [participant_id])[participant_id]


def dots_left_of(
    document: Document, ballot_id: int, participant_ids: Sequence[int]
) -> dict[int, int]:
    """Dots left to each of these participants, reading the vote's dots once."""
    ballot = document.get(Ballot, ballot_id)
    used = Counter(vote.participant_id for vote in document.votes(ballot_id))
    allowance = ballot.allowance if ballot is not None else 0
    return {person: max(0, allowance - used[person]) for person in participant_ids}


def give_vote(document: Document, ballot_id: int, card_id: int, participant_id: int) -> EditCommand:
    """One of the participant's dots on a card: a Vote row and one more on the card."""
    ballot = _open(document, ballot_id)
    card = _voted_card(document, ballot, card_id)
    if document.get(Participant, participant_id) is None:
        raise ValueError(f"no participant {participant_id}")
    mine = [v for v in document.votes(ballot_id) if v.participant_id == participant_id]
    if len(mine) >= ballot.allowance:
        raise VoteRefused(
            translate("Voting", "This participant has used all {0} of their dots.").format(
                ballot.allowance
            )
        )
    if ballot.one_per_card and any(vote.card_id == card_id for vote in mine):
        raise VoteRefused(translate("Voting", "This participant has already voted for this card."))
    if card.votes >= limits.VOTES_MAX:
        raise VoteRefused(translate("Voting", "This card cannot take any more votes."))
    values = {
        "id": document.next_id(Vote),
        "ballot_id": ballot_id,
        "card_id": card_id,
        "participant_id": participant_id,
    }
    operations: list[Operation] = [
        Insert(Vote, values),
        Update(Card, card_id, {"votes": card.votes + 1}),
    ]
    return EditCommand(document, translate("Voting", "Vote"), operations)


def take_back_vote(
    document: Document, ballot_id: int, card_id: int, participant_id: int
) -> EditCommand:
    """The participant's last dot on a card, given back to them."""
    ballot = _open(document, ballot_id)
    card = _voted_card(document, ballot, card_id)
    mine = [
        vote
        for vote in document.votes(ballot_id)
        if vote.participant_id == participant_id and vote.card_id == card_id
    ]
    if not mine:
        raise VoteRefused(translate("Voting", "This participant has no vote on this card."))
    operations: list[Operation] = [
        Delete(Vote, mine[-1].id),
        Update(Card, card_id, {"votes": max(0, card.votes - 1)}),
    ]
    return EditCommand(document, translate("Voting", "Take back vote"), operations)


def sort_cell_by_votes(document: Document, stage_id: int, lane_id: int) -> EditCommand:
    """The cards of a cell, most votes first; cards with as many votes keep their order.

    One step of moves; none at all when the cell is already in that order.
    """
    cards = document.cell(stage_id, lane_id)
    ordered = sorted(cards, key=lambda card: -card.votes)
    operations: list[Operation] = []
    if [card.id for card in ordered] != [card.id for card in cards]:
        operations = [
            Relocate(Card, card.id, {"position": index}) for index, card in enumerate(ordered)
        ]
    return EditCommand(document, translate("Voting", "Sort by votes"), operations)


def _open(document: Document, ballot_id: int) -> Ballot:
    ballot = document.get(Ballot, ballot_id)
    if ballot is None:
        raise ValueError(f"no ballot {ballot_id}")
    if not ballot.is_open:
        raise VoteRefused(translate("Voting", "This vote is closed."))
    return ballot


def _voted_card(document: Document, ballot: Ballot, card_id: int) -> Card:
    """The card, if the vote is on its lane."""
    card = document.get(Card, card_id)
    if card is None:
        raise ValueError(f"no card {card_id}")
    if card.lane_id not in document.ballot_lanes(ballot.id):
        lane = document.get(Lane, card.lane_id)
        raise VoteRefused(
            translate("Voting", "The vote is not on this lane ({0}).").format(
                lane.name if lane else ""
            )
        )
    return card
