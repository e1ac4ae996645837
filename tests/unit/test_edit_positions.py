"""An edit that leaves a container's rows out of order (positions other than 0…n-1, or
two cards of a cell on one key) is refused before its commit and rolled back whole: a
bug in an edit path never reaches the file.

Each test breaks one piece of the real edit path (the clamp of a move, the closing of
the gap a row leaves, the gap opened for a row coming in, the key chosen for a card, an
update of a position) and pushes the edit through the Document, which must refuse it
with the rule's message and leave the file, row for row, and the undo stack as they
were."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from journeyeditor.editing import edits, operations, order_keys
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Update
from journeyeditor.editing.rows import Rows
from journeyeditor.model import Card, Lane, Stage, limits
from journeyeditor.store import content

from helpers.projects import file_contents


def cells(document: Document) -> dict[tuple[int, int], list[int]]:
    """The first map's cells holding cards: (stage, lane) → card ids in order."""
    found: dict[tuple[int, int], list[int]] = {}
    for card in document.cards(document.maps()[0].id):
        found.setdefault((card.stage_id, card.lane_id), []).append(card.id)
    return found


def two_full_cells(document: Document) -> tuple[tuple[int, int], list[int], tuple[int, int]]:
    """A cell of at least two cards (its place and ids), and another cell with cards."""
    full = cells(document)
    source = next(place for place, ids in full.items() if len(ids) >= 2)
    target = next(place for place in full if place != source)
    return source, full[source], target


def no_close(rows: Rows, entity: type, row: dict[str, Any]) -> None:
    """`_close_gap` broken: the siblings after a row that leaves stay where they were."""


def no_clamp(rows: Rows, entity: type, values: dict[str, Any], position: int, but: Any) -> int:
    """`_open_gap` broken: room is made, but a place past the end is not brought back."""
    rows.shift(entity, operations._place(entity, values), max(0, position), 1, but)
    return max(0, position)


def no_room(rows: Rows, entity: type, values: dict[str, Any], position: int, but: Any) -> int:
    """`_open_gap` broken: no room is made for the row coming in (a duplicate)."""
    return max(0, position)


NUMBERED = "positions are not 0…n-1"
DISTINCT = "positions are not distinct"


def assert_refused(
    document: Document, errors: list[str], run: Callable[[], Any], rule: str = NUMBERED
) -> None:
    """`run` (a push, undo or redo) changes neither the file nor the undo stack."""
    before = file_contents(document.path)
    count, index = document.stack.count(), document.stack.index()
    result = run()
    assert result in (False, None)
    assert file_contents(document.path) == before
    assert (document.stack.count(), document.stack.index()) == (count, index)
    assert len(errors) == 1 and "breaks a rule" in errors[0], errors
    assert rule in errors[0], errors


def test_a_move_past_the_end_unclamped_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = document.stages(document.maps()[0].id)[0]
    monkeypatch.setattr(operations, "_open_gap", no_clamp)
    assert_refused(
        document, errors, lambda: document.push(edits.move_stage(document, stage.id, 999))
    )


def test_a_move_making_a_duplicate_in_its_target_row_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lanes = document.lanes(document.maps()[0].id)
    monkeypatch.setattr(operations, "_open_gap", no_room)
    assert_refused(
        document, errors, lambda: document.push(edits.move_lane(document, lanes[-1].id, 0))
    )


def on_a_neighbour(before: int | None, after: int | None) -> int | None:
    """`order_keys.between` broken: the key of the card after (else before) the place."""
    return after if after is not None else before


@pytest.mark.parametrize("index", [0, 1, 999], ids=["top", "middle", "end"])
def test_a_card_put_on_another_cards_key_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch, index: int
) -> None:
    """A move into a cell, in it, or an added card, given a neighbour's key."""
    source, ids, (stage, lane) = two_full_cells(document)
    monkeypatch.setattr(order_keys, "between", on_a_neighbour)
    for command in (
        edits.move_cards(document, [ids[0]], stage, lane, index),
        edits.move_cards(document, [ids[0]], *source, index),
        edits.add_card(document, stage, lane, index, text="on a key"),
    ):
        errors.clear()
        assert_refused(document, errors, lambda command=command: document.push(command), DISTINCT)


def test_a_card_spaced_out_onto_a_key_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`respace` giving every card the same key (its multiplier lost), the moved card
    then a key of its own: the keys spacing wrote are checked too."""
    (stage, lane), ids = next((p, ids) for p, ids in cells(document).items() if len(ids) >= 3)
    asked: list[int | None] = []

    def between(before: int | None, after: int | None) -> int | None:
        asked.append(after)
        return None if len(asked) == 1 else limits.MAX_ORDER_KEY  # no room, then room

    monkeypatch.setattr(order_keys, "between", between)
    monkeypatch.setattr(order_keys, "SPACING", 0)
    command = edits.move_cards(document, [ids[-1]], stage, lane, 0)
    assert_refused(document, errors, lambda: document.push(command), DISTINCT)


@pytest.mark.parametrize(
    ("entity", "move"), [(Stage, edits.move_stage), (Lane, edits.move_lane)], ids=["stage", "lane"]
)
def test_a_reorder_gone_wrong_is_refused(
    document: Document,
    errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
    entity: type,
    move: Callable[[Document, int, int], EditCommand],
) -> None:
    map_id = document.maps()[0].id
    rows = document.stages(map_id) if entity is Stage else document.lanes(map_id)
    assert len(rows) >= 3
    monkeypatch.setattr(operations, "_close_gap", no_close)
    assert_refused(document, errors, lambda: document.push(move(document, rows[0].id, 2)))


def test_a_whole_table_list_gone_wrong_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The maps and departments are each one list (a container of the whole table)."""
    maps, departments = document.maps(), document.departments()
    monkeypatch.setattr(operations, "_close_gap", no_close)
    assert_refused(document, errors, lambda: document.push(edits.move_map(document, maps[0].id, 2)))
    errors.clear()
    command = edits.delete_department(document, departments[0].id)
    assert_refused(document, errors, lambda: document.push(command))
    assert "department all, position" in errors[0]


def test_an_undo_of_an_insert_leaving_a_gap_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert document.push(edits.add_stage(document, document.maps()[0].id, 0, "first"))
    monkeypatch.setattr(operations, "_close_gap", no_close)
    assert_refused(document, errors, document.undo)
    monkeypatch.undo()
    document.undo()
    assert not errors[1:] and document.stack.index() == 0


def test_a_shift_gone_wrong_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Rows.shift` moving its rows two places instead of one, in bulk."""
    shift = Rows.shift

    def twice(rows: Rows, entity: type, place: Any, start: int, by: int, but: Any = None) -> int:
        return shift(rows, entity, place, start, 2 * by, but)

    monkeypatch.setattr(Rows, "shift", twice)
    command = edits.add_lane(document, document.maps()[0].id, index=0, name="first")
    assert_refused(document, errors, lambda: document.push(command))


def test_an_update_writing_a_position_is_refused(document: Document, errors: list[str]) -> None:
    """An operation that writes a position it should not (an Update never places a row):
    a stage's past the end, a card's on its neighbour's key."""
    stage = document.stages(document.maps()[0].id)[0]
    command = EditCommand(document, "wrong", [Update(Stage, stage.id, {"position": 999})])
    assert_refused(document, errors, lambda: document.push(command))
    errors.clear()
    _, ids, _ = two_full_cells(document)
    key = document.record(Card, ids[1]).position
    command = EditCommand(document, "wrong", [Update(Card, ids[0], {"position": key})])
    assert_refused(document, errors, lambda: document.push(command), DISTINCT)


def test_every_key_an_edit_writes_or_leaves_is_checked(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move notes the key it left and the key it took; a deletion and its undo the
    deleted card's key; each passes. The cells' other keys are not read."""
    source, ids, target = two_full_cells(document)
    seen: list[dict[tuple[Any, ...], set[int]]] = []
    check = content.check_keys

    def spy(execute: content.Execute, written: dict[str, dict[tuple[Any, ...], set[int]]]) -> None:
        seen.append({place: set(keys) for place, keys in written["card"].items()})
        check(execute, written)

    monkeypatch.setattr(content, "check_keys", spy)
    first, second = (document.record(Card, card_id).position for card_id in ids[:2])
    end = len(document.cell_ids(*target))
    assert document.push(edits.move_cards(document, [ids[0]], *target, end))
    landed = document.record(Card, ids[0]).position
    assert document.push(edits.delete_cards(document, [ids[1]]))
    document.undo()
    assert seen == [{source: {first}, target: {landed}}, {source: {second}}, {source: {second}}]
