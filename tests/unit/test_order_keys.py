"""Cards ordered by keys with gaps (editing/order_keys.py, schema 6).

A card moved, added or deleted writes its own row and no other; where its neighbours'
keys leave no room the cell is spaced out, and undo gives every replaced key back, so
the file after undo is the file before, row for row. A key taken by another program
since, or the highest key a file may hold, is met without breaking the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.editing.order_keys import SPACING, between
from journeyeditor.model import Card, limits

from helpers.projects import file_contents

Cell = tuple[int, int]


def card_rows(path: Path) -> dict[int, tuple[Any, ...]]:
    """Every card row as another program reads the file, by id."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id, stage_id, lane_id, position, text FROM card")
        return {row[0]: tuple(row) for row in rows}


def cells_of(document: Document) -> list[Cell]:
    """The first map's cells holding at least two cards."""
    map_id = document.maps()[0].id
    found = {(card.stage_id, card.lane_id) for card in document.cards(map_id)}
    return sorted(cell for cell in found if len(document.cell_ids(*cell)) >= 2)


def changed(before: dict[int, Any], after: dict[int, Any]) -> set[int]:
    """Ids of the card rows that differ (added, gone or written)."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def spaced(document: Document, cell: Cell) -> None:
    """Move a card from the cell to its own top: a cell numbered 0…n-1 (as an import
    writes it) is spaced out, so the moves after it find room."""
    last = document.cell_ids(*cell)[-1]
    assert document.push(edits.move_cards(document, [last], *cell, 0))


@given(st.integers(0, limits.MAX_ORDER_KEY), st.integers(0, limits.MAX_ORDER_KEY))
def test_a_key_between_two_lies_strictly_between_or_there_is_none(a: int, b: int) -> None:
    before, after = min(a, b), max(a, b)
    key = between(before, after)
    assert (key is None) == (after - before < 2)
    if key is not None:
        assert before < key < after


def test_a_key_at_an_end_keeps_to_the_bounds() -> None:
    assert between(None, None) == SPACING
    assert between(None, 1) == 0 and between(None, 0) is None
    assert between(5, None) == 5 + SPACING
    assert between(limits.MAX_ORDER_KEY - SPACING, None) == limits.MAX_ORDER_KEY
    assert between(limits.MAX_ORDER_KEY - SPACING + 1, None) is None


def test_a_move_writes_the_moved_card_alone(document: Document, errors: list[str]) -> None:
    """To the top, the middle and the end of another cell, and inside its own: one row
    changes each time (with 0…n-1 every card after it in both cells did)."""
    away, home = sorted(cells_of(document), key=lambda cell: len(document.cell_ids(*cell)))[-2:]
    assert len(document.cell_ids(*home)) >= 3
    spaced(document, home)
    spaced(document, away)
    for source, target, index in [
        (home, away, 0),
        (home, away, 1),
        (away, home, 99),
        (home, home, 0),
        (away, away, 0),
    ]:
        ids = document.cell_ids(*source)
        moving = ids[-1] if source == target else ids[0]  # cards after it, or before
        before = card_rows(document.path)
        assert document.push(edits.move_cards(document, [moving], *target, index))
        assert changed(before, card_rows(document.path)) == {moving}, (source, target, index)
        ids = document.cell_ids(*target)
        assert ids.index(moving) == min(index, len(ids) - 1)
    assert errors == []


def test_an_added_and_a_deleted_card_write_their_own_row(
    document: Document, errors: list[str]
) -> None:
    cell = cells_of(document)[0]
    spaced(document, cell)
    before = card_rows(document.path)
    assert document.push(edits.add_card(document, *cell, 1, text="between"))
    after = card_rows(document.path)
    (added,) = changed(before, after)
    assert document.cell_ids(*cell)[1] == added
    gone = document.cell_ids(*cell)[0]
    assert document.push(edits.delete_cards(document, [gone]))
    assert changed(after, card_rows(document.path)) == {gone}
    assert errors == []


def test_no_room_spaces_the_cell_out_and_undo_gives_every_key_back(
    document: Document, errors: list[str]
) -> None:
    """The sample's cells are numbered 0…n-1, as an import writes them: a card put
    between two of them spaces the cell out (every key changes, the order stays); undo
    gives the file back row for row, and redo the same keys again."""
    home, away = cells_of(document)[:2]
    keys = [key for _, key in document.cell_keys(*away)]
    assert keys == list(range(len(keys)))
    moving = document.cell_ids(*home)[0]
    order = document.cell_ids(*away)
    start = file_contents(document.path)
    assert document.push(edits.move_cards(document, [moving], *away, 1))
    done = file_contents(document.path)
    assert document.cell_ids(*away) == [order[0], moving, *order[1:]]
    assert [key for _, key in document.cell_keys(*away)] == [
        SPACING,
        SPACING + SPACING // 2,
        *(SPACING * n for n in range(2, len(order) + 1)),
    ]
    document.undo()
    assert file_contents(document.path) == start
    document.redo()
    assert file_contents(document.path) == done
    assert errors == []


def test_the_highest_key_is_met_by_spacing_out(document: Document, errors: list[str]) -> None:
    """Another program left a cell's last card on the highest key a file may hold: a card
    added after it spaces the cell out, and undo puts that key back."""
    cell = cells_of(document)[0]
    last = document.cell_ids(*cell)[-1]
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute(
            "UPDATE card SET position = ? WHERE id = ?", (limits.MAX_ORDER_KEY, last)
        )
    document.check_external()
    start = file_contents(document.path)
    assert document.push(edits.add_card(document, *cell, None, text="after the highest"))
    texts = [card.text for card in document.cell(*cell)]
    assert texts[-1] == "after the highest"
    assert max(key for _, key in document.cell_keys(*cell)) < limits.MAX_ORDER_KEY
    document.undo()
    assert file_contents(document.path) == start
    assert errors == []


def test_an_undo_onto_a_key_another_program_took_is_refused(
    document: Document, errors: list[str]
) -> None:
    """A card deleted here; another program puts a card of the same cell on the key it
    left: undo would put two cards on one key, so it is refused and changes nothing."""
    cell = cells_of(document)[0]
    gone, other_card = document.cell_ids(*cell)[:2]
    key = dict(document.cell_keys(*cell))[gone]
    assert document.push(edits.delete_cards(document, [gone]))
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute("UPDATE card SET position = ? WHERE id = ?", (key, other_card))
    document.check_external()
    before = file_contents(document.path)
    document.undo()
    assert file_contents(document.path) == before
    assert len(errors) == 1 and "another window or program" in errors[0], errors


def test_an_undo_of_spacing_out_after_another_editor_moved_a_spaced_card_is_refused(
    document: Document, second: Document, errors: list[str]
) -> None:
    """A move here spaces a cell out; the other editor then moves one of the cards given
    a new key, out of the cell or to its end. Putting that card's old key back would sit
    it on another card's in its new cell, or undo the other editor's move: the undo is
    refused and changes nothing (found by a review: it went through and left a file that
    would not open)."""
    cells = cells_of(document)
    for home, away, elsewhere in [cells[0:3], (cells[3], cells[4], cells[4])]:
        assert [key for _, key in document.cell_keys(*away)][:2] == [0, 1], "no room there"
        coming = document.cell_ids(*home)[0]
        spaced_card = document.cell_ids(*away)[1]
        assert document.push(edits.move_cards(document, [coming], *away, 1))
        assert second.push(edits.move_cards(second, [spaced_card], *elsewhere, 99))
        document.check_external()
        before = file_contents(document.path)
        document.undo()
        assert file_contents(document.path) == before
        assert len(errors) == 1 and "another window or program" in errors[0], errors
        errors.clear()
        Document.open(document.path, read_only=True).close()  # the file opens


def test_an_undo_of_spacing_out_onto_a_key_another_program_took_is_refused(
    document: Document, errors: list[str]
) -> None:
    """A move here spaces a cell out; another program then puts a new card of that cell
    on a key spacing replaced. Giving the spaced card its old key back would sit it on
    the new card's: the undo is refused, changes nothing, and the file still opens."""
    home, away = cells_of(document)[:2]
    assert [key for _, key in document.cell_keys(*away)][:2] == [0, 1], "no room there"
    assert document.push(edits.move_cards(document, [document.cell_ids(*home)[0]], *away, 1))
    copied = ", ".join(c.name for c in Card.__table__.columns if c.name not in ("id", "position"))
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute(
            f"INSERT INTO card (position, {copied}) SELECT 1, {copied} FROM card WHERE id = ?",
            (document.cell_ids(*away)[0],),
        )
    document.check_external()
    before = file_contents(document.path)
    document.undo()
    assert file_contents(document.path) == before
    assert len(errors) == 1 and "another window or program" in errors[0], errors
    Document.open(document.path, read_only=True).close()


def test_undo_of_a_move_that_spaced_out_its_cell_onto_a_replaced_key(
    document: Document, errors: list[str]
) -> None:
    """Drops at the top of one cell halve its first key until there is no room; the
    cell is spaced out and the card dropped takes a key that spacing replaced. Its undo
    must not take that card for another program's (found by a review: every undo from
    there was refused as stale, nothing earlier could be undone)."""
    home = cells_of(document)[0]
    spaced(document, home)
    map_id = document.maps()[0].id
    others = [c.id for c in document.cards(map_id) if (c.stage_id, c.lane_id) != home]
    start = file_contents(document.path)
    for card_id in others[:21]:
        assert document.push(edits.move_cards(document, [card_id], *home, 0))
    for _ in others[:21]:
        document.undo()
    assert errors == []
    assert file_contents(document.path) == start
