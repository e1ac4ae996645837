"""The scene's partial sync (only rows in `Changes.lanes` visited after an
update that was not full) and of the layout's kept curves and header names: after
edits of a lane's name, colour and height, of emotion notes, and their undo and redo,
every item holds the very box the layout holds now, and the layout equals a full
layout of the same content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from journeyeditor.canvas.scene import MapScene
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels
from journeyeditor.render.layout import layout_map
from tests.gui.test_scene_edits import EMOTION, PAINS, TEXT, project


@pytest.fixture
def live(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapScene]]:
    document = Document.open(project(tmp_path / "items.journey"))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    yield document, scene
    document.close()


def assert_items_hold_the_layout(scene: MapScene) -> None:
    layout = scene.layout
    assert layout is not None
    assert set(scene.cell_items) == set(layout.cells)
    for key, cell in layout.cells.items():
        assert scene.cell_items[key].cell is cell, key
    headers = {header.id: header for header in layout.lanes}
    assert set(scene.lane_items) == set(headers)
    for lane_id, header in headers.items():
        assert scene.lane_items[lane_id].header is header, lane_id
    assert set(scene.curve_items) == set(layout.curves)
    for lane_id, curve in layout.curves.items():
        assert scene.curve_items[lane_id].curve is curve, lane_id
    fresh = layout_map(scene.content(), scene.measurer, scene.map_style)
    assert [h.lines for h in fresh.lanes] == [h.lines for h in layout.lanes]
    assert [h.rect for h in fresh.lanes] == [h.rect for h in layout.lanes]
    assert fresh.curves == layout.curves
    for lane, header in zip(scene.lanes, layout.lanes, strict=True):
        shown = " ".join(line.text for line in header.lines).split()
        assert shown == lane.name.split(), lane.id  # not the words of a name before


def test_lane_and_note_edits_undone_and_redone_leave_every_item_on_its_box(
    live: tuple[Document, MapScene],
) -> None:
    document, scene = live
    long_name = "a lane name long enough to wrap on three lines or more " * 2
    steps = [
        edits.edit_lane(document, TEXT, name=long_name),
        edits.edit_lane(document, PAINS, color="#ff0000"),
        edits.set_emotion(document, EMOTION, 2, note="a new note\nof two lines"),
        edits.edit_lane(document, EMOTION, height=200.0),
        edits.edit_lane(document, TEXT, name="Steps"),
    ]
    for command in steps:
        assert document.push(command)
        assert_items_hold_the_layout(scene)
    for _ in steps:
        document.undo()
        assert_items_hold_the_layout(scene)
    for _ in steps:
        document.redo()
        assert_items_hold_the_layout(scene)


def test_an_edit_of_another_editor_then_ours_leaves_every_item_on_its_box(
    live: tuple[Document, MapScene],
) -> None:
    """The other editor renames a lane; ours moves a card (the session not yet told,
    the watch timer not run): both show once ours committed and the timer ran."""
    document, scene = live
    other = Document.open(document.path)
    try:
        assert other.push(edits.edit_lane(other, PAINS, name="Renamed elsewhere"))
        assert scene.layout is not None
        moving = scene.layout.cells[(1, TEXT)].card_ids[0]
        assert document.push(edits.move_cards(document, [moving], 2, TEXT, 0))
        document.check_external()
        assert_items_hold_the_layout(scene)
        names = [" ".join(line.text for line in h.lines) for h in scene.layout.lanes]
        assert "Renamed elsewhere" in names
    finally:
        other.close()
