"""Rows the Document hands out stay true to the file while edits write through the driver.

Row operations write with plain SQL (editing/rows.py), which the ORM does not see; the
objects `Document.get` returned and a view still holds must follow every edit, undo and
redo (moves shift whole cells), and `Document.record` must read what `get` reads.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Insert, Relocate
from journeyeditor.editing.rows import Rows, columns
from journeyeditor.model import Card, Department, EmotionPoint, Lane, LaneKind, Stage


def file_rows(document: Document, entity: type) -> dict[int, tuple[Any, ...]]:
    """Every row of `entity`'s table as another connection reads it."""
    with sqlite3.connect(document.path) as connection:
        names = ", ".join(columns(entity))
        table = entity.__tablename__  # type: ignore[attr-defined]
        found = connection.execute(f"SELECT {names} FROM {table}").fetchall()
    return {row[0]: tuple(row) for row in found}


def as_stored(row: Any, entity: type) -> tuple[Any, ...]:
    return tuple(getattr(row, key) for key in columns(entity))


def place(card: Card) -> tuple[int, int]:
    return card.stage_id, card.lane_id


def assert_held_current(document: Document, held: list[Any], entity: type) -> None:
    stored = file_rows(document, entity)
    for row in held:
        assert as_stored(row, entity) == stored[row.id]
        assert document.get(entity, row.id) is row


def test_held_cards_follow_moves_edits_undo_and_redo(document: Document) -> None:
    map_id = document.maps()[0].id
    cards = document.cards(map_id)
    first = cards[0]
    cell = [card for card in cards if place(card) == place(first)]
    target = next(
        card for card in cards if card.stage_id != first.stage_id and card.lane_id == first.lane_id
    )
    others = [card for card in cards if place(card) == place(target)]
    held: list[Any] = [document.get(Card, card.id) for card in [*cell, *others]]
    assert len(held) >= 3 and all(row is not None for row in held)
    steps = [
        edits.move_cards(document, [first.id], target.stage_id, target.lane_id, 0),
        edits.move_cards(document, [others[-1].id], first.stage_id, first.lane_id, 0),
        edits.edit_card(document, first.id, text="held and changed", owned=True),
    ]
    for command in steps:
        assert document.push(command)
        assert_held_current(document, held, Card)
    for _ in steps:
        document.undo()
        assert_held_current(document, held, Card)
    for _ in steps:
        document.redo()
        assert_held_current(document, held, Card)


def test_a_deleted_row_leaves_the_session(document: Document) -> None:
    card = document.cards(document.maps()[0].id)[0]
    held = document.get(Card, card.id)
    assert document.push(edits.delete_cards(document, [card.id]))
    assert document.get(Card, card.id) is None
    document.undo()
    again = document.get(Card, card.id)
    assert again is not None and as_stored(again, Card) == as_stored(held, Card)


def test_held_emotion_point_follows_its_edits(document: Document) -> None:
    map_id = document.maps()[0].id
    lane = next(lane for lane in document.lanes(map_id) if lane.kind == LaneKind.EMOTION.value)
    stage = document.stages(map_id)[0]
    point = document.emotion_point(lane.id, stage.id)
    assert point is not None
    value = 1 if point.value != 1 else -1
    assert document.push(edits.set_emotion(document, lane.id, stage.id, value))
    assert document.emotion_point(lane.id, stage.id) is point
    assert_held_current(document, [point], EmotionPoint)
    document.undo()
    assert_held_current(document, [point], EmotionPoint)


def test_record_reads_what_get_reads(document: Document) -> None:
    cards = document.cards(document.maps()[0].id)
    for owned, card in zip((True, False, None), cards, strict=False):
        assert document.push(edits.edit_card(document, card.id, owned=owned))
    for card in cards:
        record = document.record(Card, card.id)
        row = document.get(Card, card.id)
        assert record is not None and row is not None
        assert tuple(record) == as_stored(row, Card)
        assert type(record.owned) is type(row.owned)
    assert document.record(Card, 10**9) is None


def test_plain_records_of_a_map_read_what_the_orm_reads(document: Document) -> None:
    """What a map's first paint reads without the ORM: the same rows, same order, same
    values and types."""
    for journey_map in document.maps():
        map_id = journey_map.id
        pairs: list[tuple[type, list[Any], list[Any]]] = [
            (Stage, document.stage_records(map_id), document.stages(map_id)),
            (Lane, document.lane_records(map_id), document.lanes(map_id)),
            (EmotionPoint, document.emotion_records(map_id), document.emotion_points(map_id)),
            (Department, document.department_records(), list(document.departments())),
        ]
        for entity, records, rows in pairs:
            assert rows, entity  # the sample has some of each
            assert [tuple(r) for r in records] == [as_stored(row, entity) for row in rows]
            for r, row in zip(records, rows, strict=True):
                assert [type(v) for v in r] == [type(v) for v in as_stored(row, entity)]


def test_a_held_row_read_again_after_another_program_follows_a_whole_step(
    document: Document,
) -> None:
    """Another program's commit expires what the session holds; a step then moves a held
    card into a cell (its place and position settled on the expired object) and adds a
    card ahead of it there. The card must be read at its new position, not kept at the
    one the move gave it (the shift took the unread id for "none left out")."""
    map_id = document.maps()[0].id
    cards = document.cards(map_id)
    card = cards[0]
    cell = next(c for c in cards if c.stage_id != card.stage_id)
    held = document.get(Card, card.id)
    new = {"id": document.next_id(Card), "stage_id": cell.stage_id, "lane_id": cell.lane_id}
    step = EditCommand(
        document,
        "move and add",
        [
            Relocate(
                Card, card.id, {"stage_id": cell.stage_id, "lane_id": cell.lane_id, "position": 0}
            ),
            Insert(Card, {**new, "position": 0, "text": "ahead"}),
        ],
    )
    with sqlite3.connect(document.path) as other:
        other.execute("UPDATE project SET name = name || ' (theirs)'")
    assert document.push(step)
    assert document.get(Card, card.id) is held
    assert_held_current(document, [held], Card)
    document.undo()
    assert_held_current(document, [held], Card)


def test_held_flags_stay_booleans_through_undo_and_redo(document: Document) -> None:
    """Undo writes back the values it read through the driver, where a flag is 0 or 1;
    the held object must get False or True as the ORM gives them (drawing tells an
    external card by `owned is False`, and lost its label after an undo)."""
    card = document.cards(document.maps()[0].id)[0]
    held = document.get(Card, card.id)
    assert held is not None
    for owned in (False, True, None, False):
        assert document.push(edits.edit_card(document, card.id, owned=owned))
    seen = []
    while document.stack.canUndo():
        document.undo()
        seen.append(held.owned)
    while document.stack.canRedo():
        document.redo()
        seen.append(held.owned)
    assert document.get(Card, card.id) is held
    assert seen == [None, True, False, card.owned, False, True, None, False]
    assert all(type(owned) in (bool, type(None)) for owned in seen)


def test_settling_a_shift_reads_again_a_position_it_cannot_place(document: Document) -> None:
    """An expired object of which an edit settled the position alone (a merge's undo
    numbers a cell again row by row) and whose cell is unread: a later shift of that cell
    in the same edit cannot tell whether it moved it, so the position is read again."""
    card = document.cards(document.maps()[0].id)[0]
    held = document.get(Card, card.id)
    assert held is not None
    card_id, place, position = card.id, (card.stage_id, card.lane_id), card.position
    document.session.expire(held)
    rows = Rows(document._journey.raw)
    rows.begin()
    rows.update(Card, card_id, {"position": position})
    rows.shift(Card, place, 0, 1)
    rows.commit()
    rows.settle(document.session)
    assert_held_current(document, [held], Card)
    assert held.position == position + 1


def test_a_move_lands_where_asked_or_at_the_end_past_it(document: Document) -> None:
    """A card lands at the index asked for among the others (past the end: at the end).
    Moves inside one cell and to another, to the top, the middle, the last place and far
    past the end: each leaves both cells with distinct keys in the order asked for."""
    map_id = document.maps()[0].id
    first = document.cards(map_id)[0]
    home = (first.stage_id, first.lane_id)
    away = next(
        (stage.id, first.lane_id) for stage in document.stages(map_id) if stage.id != home[0]
    )
    stored = file_rows(document, Card)

    def cell(key: tuple[int, int]) -> list[int]:
        rows = [row for row in file_rows(document, Card).values() if (row[1], row[2]) == key]
        assert len({row[3] for row in rows}) == len(rows), "distinct keys"
        return [row[0] for row in sorted(rows, key=lambda row: row[3])]

    assert len(cell(home)) >= 2 and stored
    for source, key, index in [
        (home, home, 0),
        (home, home, 1),
        (home, home, 999),
        (home, away, 0),
        (away, home, 1),
        (home, away, 1),
        (away, home, len(cell(home))),
        (home, away, len(cell(away)) - 1),
        (away, home, 10**9),
        (home, away, 10**9),
        (away, home, -5),
        (away, away, 10**9),
    ]:
        moving = cell(source)[-1]
        expected = [card for card in cell(key) if card != moving]
        landing = max(0, min(index, len(expected)))
        expected.insert(landing, moving)
        assert document.push(edits.move_cards(document, [moving], key[0], key[1], index))
        assert cell(key) == expected, (source, key, index)
        cell(source)


def test_cards_moved_together_land_together_at_the_index_among_those_staying(
    document: Document,
) -> None:
    """The index a drag gives counts the cell's cards that do not move. Cards of the
    cell itself among those moved, before or after the place, and a card from another
    cell with them, all land there in the order given (before, a card of the cell not
    yet moved was counted where it stood: [a, b] to index 1 of [a, b, c] gave
    [a, c, b]). Undo gives the cell back; redo the same order again."""
    map_id = document.maps()[0].id
    cards = document.cards(map_id)
    home = next(
        (c.stage_id, c.lane_id) for c in cards if len(document.cell_ids(c.stage_id, c.lane_id)) >= 3
    )
    stranger = next(c.id for c in cards if (c.stage_id, c.lane_id) != home)
    a, b, c, *rest = document.cell_ids(*home)
    for moving, index, expected in [
        ([a, b], 1, [c, a, b, *rest]),
        ([c, a], 0, [c, a, b, *rest]),
        ([b, a], 99, [c, *rest, b, a]),
        ([a, stranger], 1, [b, a, stranger, c, *rest]),
        ([c, c], 0, [c, a, b, *rest]),  # a card named twice moves once
    ]:
        start = document.cell_ids(*home)
        assert document.push(edits.move_cards(document, moving, *home, index))
        assert document.cell_ids(*home) == expected, (moving, index)
        document.undo()
        assert document.cell_ids(*home) == start
        document.redo()
        assert document.cell_ids(*home) == expected
        document.undo()
