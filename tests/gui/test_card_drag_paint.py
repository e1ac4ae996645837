"""Dragging a card repaints the card, not its row: the dragged card leaves its row for
the scene's top while it moves (drawn over every row), and goes back into a row when
the gesture ends, whether it moved, landed where it was or landed nowhere.

Raising the dragged card's whole row, as before, had Qt repaint every card of the row
at the drag's start and end (nearly the whole window on a tall map), which cost more
than the move's write to the file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtWidgets import QApplication

from bench.projects import make_project
from journeyeditor.canvas.items import Z_CARD, CardItem, RowItem
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels

from helpers.canvas_driver import PaintedArea, bare_view, mouse, press, release

CARDS = 420
"""Ten stages, seven card lanes: six cards a cell, each row taller than it is wide."""


@pytest.fixture
def view(tmp_path: Path, qapp: object) -> Iterator[MapView]:
    document = Document.open(make_project(tmp_path / "cards.journey", CARDS))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    shown = bare_view(scene, 1200, 900)
    shown.centerOn(0.0, 0.0)  # the map's top left corner
    shown.viewport().grab()  # the cards on screen get their items as it paints
    # The headers pinned while the view first showed the map's middle were put back by
    # `centerOn` before the window had painted: Qt repaints where they were the next
    # time it looks for changed items, which any item's update sets off.
    scene.corner.update()
    PaintedArea(shown).reset()
    yield shown
    shown.close()
    document.close()


def first_lane_cell(view: MapView, column: int = 0) -> tuple[int, int]:
    scene = view.map_scene()
    assert scene.layout is not None
    return scene.stages[column].id, scene.lanes[0].id


def card_area(view: MapView, card_id: int) -> float:
    layout = view.map_scene().layout
    assert layout is not None
    rect = layout.cards[card_id].rect
    return (rect.w + 8) * (rect.h + 8)


def start_drag(view: MapView, card_id: int, to: QPointF) -> QPointF:
    """Press on the card and move to `to` in four steps; the press point."""
    layout = view.map_scene().layout
    assert layout is not None
    box = layout.cards[card_id].rect
    start = QPointF(box.x + 12, box.y + 12)
    press(view, start)
    for step in range(1, 5):
        mouse(view, QEvent.Type.MouseMove, start + (to - start) * (step / 4))
    return start


def assert_in_rows_as_laid_out(scene: MapScene) -> None:
    """Every made card item in its lane's row, stacked as a card, where the layout says."""
    layout = scene.layout
    assert layout is not None
    for card_id, item in scene.card_items.made.items():
        box = layout.cards[card_id]
        assert isinstance(item.parentItem(), RowItem), card_id
        assert item.parentItem() is scene.row_items[box.card.lane_id]
        assert item.zValue() == Z_CARD
        assert (item.scenePos().x(), item.scenePos().y()) == (box.rect.x, box.rect.y)


def test_a_drag_repaints_the_card_not_the_other_cards_of_its_row(view: MapView) -> None:
    scene = view.map_scene()
    layout = scene.layout
    assert layout is not None
    cell = layout.cells[first_lane_cell(view)]
    card_id, below = cell.card_ids[0], cell.card_ids[3]
    visible_in_row = sum(
        1
        for c in scene.items(view.mapToScene(view.viewport().rect()).boundingRect())
        if isinstance(c, CardItem) and c.box is not None and c.box.card.lane_id == cell.lane_id
    )
    assert visible_in_row >= 20  # what raising the row used to repaint
    painted = PaintedArea(view)
    painted.reset()
    end = QPointF(layout.cards[below].rect.x + 30, layout.cards[below].rect.bottom - 3)
    start_drag(view, card_id, end)
    QApplication.processEvents()
    assert 0 < painted.pixels < 6 * card_area(view, card_id)
    painted.reset()
    release(view, end)
    QApplication.processEvents()
    assert scene.layout is not None
    assert scene.layout.cells[first_lane_cell(view)].card_ids.index(card_id) == 3
    # The four cards between its old and new places moved; the rest of the row did not.
    assert 0 < painted.pixels < 8 * card_area(view, card_id)
    assert_in_rows_as_laid_out(scene)


def test_a_dragged_card_is_drawn_over_the_row_below(view: MapView) -> None:
    scene = view.map_scene()
    layout = scene.layout
    assert layout is not None
    card_id = layout.cells[first_lane_cell(view)].card_ids[0]
    lower = layout.cells[(scene.stages[1].id, scene.lanes[1].id)]
    under = layout.cards[lower.card_ids[0]].rect
    to = QPointF(under.x + 12, under.y + 12)
    start_drag(view, card_id, to)
    dragged = scene.card_items.made[card_id]
    top = scene.items(to)[0]
    assert top is dragged or top.parentItem() is dragged
    assert dragged.parentItem() is None
    release(view, to)
    assert scene.layout is not None
    assert scene.layout.cards[card_id].card.lane_id == scene.lanes[1].id
    assert_in_rows_as_laid_out(scene)
    assert scene.document.stack.canUndo()
    scene.document.stack.undo()
    assert scene.layout.cards[card_id].card.lane_id == scene.lanes[0].id
    assert_in_rows_as_laid_out(scene)


@pytest.mark.parametrize("where", ["nowhere", "where it was"])
def test_a_card_dropped_without_a_move_goes_back_into_its_row(view: MapView, where: str) -> None:
    scene = view.map_scene()
    layout = scene.layout
    assert layout is not None
    card_id = layout.cells[first_lane_cell(view)].card_ids[1]
    box = layout.cards[card_id].rect
    away = QPointF(-30.0, box.y + 10) if where == "nowhere" else QPointF(box.x + 40, box.y + 20)
    start = start_drag(view, card_id, away + QPointF(0, 60))
    mouse(view, QEvent.Type.MouseMove, away)
    release(view, away)
    assert start != away
    assert not scene.document.stack.canUndo()
    assert_in_rows_as_laid_out(scene)


def test_a_scene_ended_with_a_card_selected_says_nothing(tmp_path: Path, qapp: object) -> None:
    """Qt deletes the items of a scene that ends, and tells of the selection it loses:
    the scene's outline of its selection must not reach for an item already deleted
    (it used to raise in a slot, each time a window closed on a selected card)."""
    document = Document.open(make_project(tmp_path / "cards.journey", 20))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    assert scene.layout is not None
    item = scene.make_card(next(iter(scene.layout.cards)))
    assert item is not None
    item.setSelected(True)
    del item, scene  # the last reference: Qt deletes the scene and its items
    gc.collect()
    document.close()
