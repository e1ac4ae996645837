"""The edit path's fast ways (reads through the driver without `PRAGMA
data_version`, a move's cell check and gap, a stage's map read with its siblings, the
check of positions before the commit): two editors of one file, and legitimate edits
that touch many containers, must leave every container in one order (0…n-1, distinct
keys in a cell), the session's objects in line with the file, and no transaction open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, LaneKind
from journeyeditor.store import content, schema


def text_cells(document: Document) -> list[tuple[int, int]]:
    """The first map's cells of text lanes, (stage, lane), stage by stage."""
    map_id = document.maps()[0].id
    lanes = [lane.id for lane in document.lanes(map_id) if lane.kind == LaneKind.TEXT.value]
    return [(stage.id, lane_id) for stage in document.stages(map_id) for lane_id in lanes]


def file_cell(path: Path, stage_id: int, lane_id: int) -> list[tuple[int, int]]:
    """A cell's cards (id, position) in order, as another connection reads the file."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT id, position FROM card WHERE stage_id = ? AND lane_id = ? ORDER BY position",
            (stage_id, lane_id),
        ).fetchall()
    return [(row[0], row[1]) for row in rows]


def file_ids(path: Path, stage_id: int, lane_id: int) -> list[int]:
    return [card_id for card_id, _ in file_cell(path, stage_id, lane_id)]


def file_keys(path: Path, cells: list[tuple[int, int]]) -> dict[int, int]:
    """The positions the file gives the cards of these cells, by id."""
    return {card_id: key for cell in cells for card_id, key in file_cell(path, *cell)}


def whole_file_checked(path: Path) -> None:
    """The file passes the check made when it is opened (positions in order included)."""
    connection = sqlite3.connect(path)
    content.install(connection)
    try:
        content.check_all(connection, schema.revision_for(schema.LATEST_VERSION))
    finally:
        connection.close()


def held_positions(document: Document, card_ids: list[int]) -> list[int]:
    """The positions the document's session gives these cards."""
    found = [document.get(Card, card_id) for card_id in card_ids]
    return [card.position for card in found if card is not None]


def test_move_after_the_other_editor_reordered_the_target(
    document: Document, second: Document, errors: list[str]
) -> None:
    """The second editor moves a card inside the target cell; the first, holding every
    card of the map in its session and asking the file nothing else, moves a card into
    that cell at index 1: it lands there, and the session agrees with the file."""
    cells = [cell for cell in text_cells(document) if len(document.cell(*cell)) >= 2]
    assert len(cells) >= 2, "the sample needs two text cells of two cards"
    target, source = cells[0], cells[1]
    held = document.cards(document.maps()[0].id)  # objects the session holds
    assert held
    theirs = file_ids(document.path, *target)
    assert second.push(edits.move_cards(second, [theirs[-1]], *target, 0))
    moving = document.cell(*source)[0].id  # a read through the session, as a drag's
    assert document.push(edits.move_cards(document, [moving], *target, 1))
    assert errors == []
    now = file_ids(document.path, *target)
    assert now[1] == moving
    assert now == [theirs[-1], moving, *theirs[:-1]]
    assert held_positions(document, now) == [file_keys(document.path, [target])[i] for i in now]
    whole_file_checked(document.path)
    document.undo()
    assert errors == []
    assert file_ids(document.path, *target) == [theirs[-1], *theirs[:-1]]
    whole_file_checked(document.path)


def test_move_past_the_end_after_the_other_editor_emptied_the_target(
    document: Document, second: Document, errors: list[str]
) -> None:
    """The command is made for a place (index 5) in a cell the other editor then
    deletes every card of: the move is clamped to the cell's end (0), not left at 5."""
    cells = [cell for cell in text_cells(document) if document.cell(*cell)]
    target, source = cells[0], cells[1]
    moving = document.cell(*source)[0].id
    command = edits.move_cards(document, [moving], *target, 5)
    assert second.push(edits.delete_cards(second, file_ids(document.path, *target)))
    assert document.push(command)
    assert errors == []
    assert file_ids(document.path, *target) == [moving]
    assert held_positions(document, [moving]) == [file_keys(document.path, [target])[moving]]
    whole_file_checked(document.path)


def test_add_after_the_other_editor_took_the_next_ids(
    document: Document, second: Document, errors: list[str]
) -> None:
    """The first editor's reserved ids are stale (its reads through the driver no longer
    forget them): its new cards are renumbered, land at the cell's end, in order."""
    stage_id, lane_id = text_cells(document)[0]
    assert document.push(edits.add_card(document, stage_id, lane_id, text="mine 0"))
    for n in range(3):
        assert second.push(edits.add_card(second, stage_id, lane_id, text=f"theirs {n}"))
    command = edits.add_cards(
        document, stage_id, lane_id, None, [{"text": "mine 1"}, {"text": "mine 2"}]
    )
    assert document.push(command)
    assert errors == []
    texts = [card.text for card in document.cell(stage_id, lane_id)]
    assert texts[-2:] == ["mine 1", "mine 2"]
    assert texts.count("theirs 0") == 1
    whole_file_checked(document.path)


def test_record_and_get_agree_after_the_other_editor_wrote(
    document: Document, second: Document
) -> None:
    """A read through the driver sees the other editor's text; the session's object
    read right after through `get` must not still hold the old one."""
    stage_id, lane_id = text_cells(document)[0]
    card = document.cell(stage_id, lane_id)[0]
    assert second.push(edits.edit_card(second, card.id, text="changed elsewhere"))
    assert document.record(Card, card.id).text == "changed elsewhere"
    assert document.cell_ids(stage_id, lane_id)
    assert document.get(Card, card.id).text == "changed elsewhere"  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["paste", "duplicate", "delete_lane", "delete_stage", "map"])
def test_legitimate_edits_pass_the_position_check(
    document: Document, errors: list[str], kind: str
) -> None:
    """Edits touching many containers (a paste in the middle of a cell, a map copied,
    a lane or a stage deleted with its cards, a whole map deleted) are not refused, and
    neither are their undo and redo."""
    map_id = document.maps()[0].id
    stage_id, lane_id = next(cell for cell in text_cells(document) if document.cell(*cell))
    if kind == "paste":
        command = edits.paste_text(document, stage_id, lane_id, 1, "one\ntwo\nthree")
    elif kind == "duplicate":
        command = edits.duplicate_map(document, map_id, "Copy")
    elif kind == "delete_lane":
        command = edits.delete_lane(document, lane_id)
    elif kind == "delete_stage":
        command = edits.delete_stage(document, stage_id)
    else:
        command = edits.delete_map(document, map_id)
    assert document.push(command), errors
    whole_file_checked(document.path)
    document.undo()
    whole_file_checked(document.path)
    document.redo()
    whole_file_checked(document.path)
    document.undo()
    assert errors == []
    whole_file_checked(document.path)


def test_a_refused_edit_leaves_no_transaction_open(
    document: Document, errors: list[str], sample_file: Path
) -> None:
    """Another program puts two cards of a cell on one key; an edit there is refused by
    the check of positions and rolled back: the other program can write at once."""
    stage_id, lane_id = next(
        cell for cell in text_cells(document) if len(document.cell(*cell)) >= 2
    )
    (first, first_key), *_, (last, last_key) = file_cell(sample_file, stage_id, lane_id)
    with sqlite3.connect(sample_file, isolation_level=None, timeout=0.5) as other:
        other.execute("UPDATE card SET position = ? WHERE id = ?", (first_key, last))
    assert not document.push(edits.move_cards(document, [first], stage_id, lane_id, 1))
    assert len(errors) == 1
    assert not document._journey.raw.in_transaction
    with sqlite3.connect(sample_file, isolation_level=None, timeout=0.5) as other:
        other.execute("UPDATE card SET position = ? WHERE id = ?", (last_key, last))
    assert document.push(edits.move_cards(document, [first], stage_id, lane_id, 1))
    whole_file_checked(sample_file)


def test_signals_name_the_right_map_when_cards_cross_maps_and_stages_go(
    document: Document, errors: list[str]
) -> None:
    """A stage's map is read with its map's other stages (`Rows.map_of`): a card moved
    to another map, a stage deleted with its cards and given back, each tell the
    cells of the right maps, never of map 0."""
    first = document.maps()[0].id
    assert document.push(edits.duplicate_map(document, first, "Copy"))
    second_map = next(m.id for m in document.maps() if m.id != first)
    told: list[tuple[int, int, int]] = []
    document.cellChanged.connect(lambda *args: told.append(tuple(args)))
    source = next(cell for cell in text_cells(document) if document.cell(*cell))
    lanes = {lane.name: lane.id for lane in document.lanes(second_map)}
    name = next(lane.name for lane in document.lanes(first) if lane.id == source[1])
    target = (document.stages(second_map)[1].id, lanes[name])
    moving = document.cell(*source)[0].id
    assert document.push(edits.move_cards(document, [moving], *target, 0))
    assert set(told) == {(first, *source), (second_map, *target)}
    told.clear()
    document.undo()
    assert set(told) == {(first, *source), (second_map, *target)}
    told.clear()
    assert document.push(edits.delete_stage(document, source[0]))
    assert told and {args[0] for args in told} == {first}
    told.clear()
    document.undo()
    assert told and {args[0] for args in told} == {first}
    assert errors == []


def test_undo_of_a_delete_and_a_move_after_the_other_editor_emptied_their_cells(
    document: Document, second: Document, errors: list[str]
) -> None:
    """A card deleted, another moved out of its cell; the other editor then deletes
    what was left of both cells: undo puts each back in its cell, at its own key."""
    full = [cell for cell in text_cells(document) if len(document.cell(*cell)) >= 2]
    first, other_cell = full[0], full[1]
    gone = file_ids(document.path, *first)[-1]
    assert document.push(edits.delete_cards(document, [gone]))
    moving = file_ids(document.path, *other_cell)[-1]
    target = next(cell for cell in text_cells(document) if cell not in (first, other_cell))
    assert document.push(edits.move_cards(document, [moving], *target, 0))
    left = file_ids(document.path, *first) + file_ids(document.path, *other_cell)
    assert second.push(edits.delete_cards(second, left))
    document.undo()
    assert file_ids(document.path, *other_cell) == [moving]
    document.undo()
    assert file_ids(document.path, *first) == [gone]
    assert errors == []
    keys = file_keys(document.path, [first, other_cell])
    assert held_positions(document, [moving, gone]) == [keys[moving], keys[gone]]
    whole_file_checked(document.path)


def test_cards_added_at_the_end_land_after_what_the_other_editor_added_since(
    document: Document, second: Document, errors: list[str]
) -> None:
    """A paste at a cell's end is made (its place: the end, not the count of that moment);
    the other editor adds a card there before it is pushed: the pasted cards land after
    it, in order."""
    stage_id, lane_id = text_cells(document)[0]
    command = edits.add_cards(document, stage_id, lane_id, None, [{"text": "a"}, {"text": "b"}])
    assert second.push(edits.add_card(second, stage_id, lane_id, text="theirs"))
    assert document.push(command)
    assert errors == []
    assert [card.text for card in document.cell(stage_id, lane_id)][-3:] == ["theirs", "a", "b"]
    whole_file_checked(document.path)


def test_a_move_redone_after_the_other_editor_added_to_its_cell_lands_after_the_same_card(
    document: Document, second: Document, errors: list[str]
) -> None:
    """A card moved between two others, undone; the other editor adds a card at the top
    of that cell; redo puts the card after the same neighbour as the first time, not at
    the same count from the top (found by a review: it landed one place off)."""
    cards = document.cards(document.maps()[0].id)
    cell = next(
        (c.stage_id, c.lane_id) for c in cards if len(document.cell(c.stage_id, c.lane_id)) >= 3
    )
    last = document.cell_ids(*cell)[-1]
    assert document.push(edits.move_cards(document, [last], *cell, 0))  # keys with room
    a, b, *rest = document.cell_ids(*cell)
    assert document.push(edits.move_cards(document, [a], *cell, 1))
    assert document.cell_ids(*cell) == [b, a, *rest]
    document.undo()
    assert second.push(edits.add_card(second, *cell, 0, text="theirs"))
    document.check_external()
    theirs = file_ids(document.path, *cell)[0]
    document.redo()
    assert errors == []
    assert file_ids(document.path, *cell) == [theirs, b, a, *rest]
    whole_file_checked(document.path)
