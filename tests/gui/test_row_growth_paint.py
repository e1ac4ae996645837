"""A row that grows or shrinks repaints the strip where its bottom moved and the cells
whose cards moved, not every cell of the row: the cells' boxes (`GridBox`) and empty
cells keep room below what they draw (`GROWTH_ROOM`). What the window shows after
such partial repaints must be exactly what a whole repaint shows: the picture Qt keeps
for the window (its backing store, grabbed from the screen) is compared, pixel for
pixel, with the one after a full repaint, as the row grows, shrinks and grows past
the room."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from bench.projects import make_project
from journeyeditor.canvas.items import GROWTH_ROOM
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels

from helpers.canvas_driver import PaintedArea, bare_view

LONG = "a much longer text that wraps over many lines " * 4


def on_screen(view: MapView) -> QImage:
    """What the window shows now: the pending repaints done, the picture Qt keeps."""
    QApplication.processEvents()
    return view.screen().grabWindow(view.winId()).toImage()


def repainted_whole(view: MapView) -> QImage:
    view.viewport().update()
    return on_screen(view)


@pytest.fixture
def opened(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapView]]:
    document = Document.open(make_project(tmp_path / "cards.journey", 420))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    view = bare_view(scene, 1200, 900)
    view.centerOn(0.0, 0.0)  # the first rows, their bottoms in the window
    on_screen(view)
    yield document, view
    view.close()
    document.close()


def row_height(view: MapView, index: int = 0) -> float:
    layout = view.map_scene().layout
    assert layout is not None
    return layout.lanes[index].rect.h


def first_card(view: MapView, index: int = 0) -> int:
    """The first card of the first cell of the row at `index`."""
    scene = view.map_scene()
    assert scene.layout is not None
    return scene.layout.cells[(scene.stages[0].id, scene.lanes[index].id)].card_ids[0]


@pytest.mark.parametrize("zoom", [1.0, 0.4])
@pytest.mark.parametrize("row", [0, -1], ids=["first row", "last row"])
def test_a_row_growing_and_shrinking_shows_what_a_whole_repaint_shows(
    opened: tuple[Document, MapView], row: int, zoom: float
) -> None:
    """The first row's bottom moves the rows below it, which are repainted anyway; the
    last row's bottom has only the map's end below it, the strip alone repaints it."""
    document, view = opened
    view.set_zoom(zoom)
    view.centerOn(0.0, 0.0)
    if row == -1:
        view.centerOn(0.0, 1e6)  # the map's bottom, kept there: no scrolling between
    card_id, before = first_card(view, row), row_height(view, row)
    texts = [LONG, LONG + LONG, "short", LONG * 15, "short"]  # the last two: past the room
    heights = []
    for text in texts:
        assert document.push(edits.edit_card(document, card_id, text=text))
        heights.append(row_height(view, row))
        assert on_screen(view) == repainted_whole(view), text
    for _ in texts:
        document.stack.undo()
        assert on_screen(view) == repainted_whole(view)
    assert row_height(view, row) == before
    assert heights[0] > before and heights[1] > heights[0] and heights[2] < heights[1]
    assert heights[3] - heights[2] > GROWTH_ROOM


def test_a_row_that_grows_repaints_the_cells_that_changed_not_the_whole_row(
    opened: tuple[Document, MapView],
) -> None:
    """The window shows the top of the first row only: its first cell gets a taller
    card, the row grows below the window, and only that cell's column (and the lane
    header's) is repainted, not the row's every cell."""
    document, view = opened
    view.resize(1200, 300)
    view.centerOn(0.0, 0.0)
    on_screen(view)
    painted = PaintedArea(view)
    before = row_height(view)
    assert document.push(edits.edit_card(document, first_card(view), text=LONG))
    on_screen(view)
    assert row_height(view) > before
    scene = view.map_scene()
    assert scene.layout is not None
    column = scene.layout.cells[(scene.stages[0].id, scene.lanes[0].id)].rect
    header = scene.layout.lanes[0].rect
    assert 0 < painted.pixels <= (column.w + header.w + 8) * 300
