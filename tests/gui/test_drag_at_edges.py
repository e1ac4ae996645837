"""On a map larger than the window: a card dragged to the window's edge scrolls the map
and lands in a cell that was out of sight; a card, a palette entry or a menu aimed at
the headers pinned over the cells lands in no hidden cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.canvas.edge_scroll import FASTEST, EdgeScroll
from journeyeditor.canvas.gestures import HeaderDrag, PointDrag
from journeyeditor.canvas.items import LOD_TEXT, CardItem, HeaderItem
from journeyeditor.canvas.mime import PaletteItem
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render.layout import Cell

from helpers.canvas_driver import (
    BIG_VIEW,
    LEFT,
    NO_MODIFIER,
    NONE,
    drag,
    drop,
    press,
    release,
    scroll,
    visible,
)

WIDTH, HEIGHT = BIG_VIEW


def move_to(view: MapView, at: QPointF) -> None:
    """A mouse move to viewport point `at`, the left button held."""
    global_pos = QPointF(view.viewport().mapToGlobal(at.toPoint()))
    event = QMouseEvent(QEvent.Type.MouseMove, at, global_pos, NONE, LEFT, NO_MODIFIER)
    QApplication.sendEvent(view.viewport(), event)


def begin_drag(view: MapView, start: QPointF, down: float = 30) -> QPointF:
    """Press at scene point `start` and move `down` pixels, past the drag distance: the
    drag is on. Returns the press's viewport point."""
    press(view, start)
    grip = QPointF(view.mapFromScene(start))
    move_to(view, grip + QPointF(0, down))
    return grip


def hold_at_bottom(view: MapView, qtbot: QtBot, x: float, scrolled: float) -> QPointF:
    """Move the mouse (its button held) to the window's bottom edge at viewport `x`
    and wait until the map scrolled by `scrolled` pixels, or to its end; the point."""
    bar = view.verticalScrollBar()
    goal = min(bar.value() + scrolled, bar.maximum())
    edge = QPointF(x, HEIGHT - 4)
    move_to(view, edge)
    qtbot.waitUntil(lambda: bar.value() >= goal, timeout=10_000)
    return edge


def on_card(view: MapView, card_id: int) -> QPointF:
    """A scene point on the card, near its top-left corner, where a press grips it."""
    layout = view.map_scene().layout
    assert layout is not None
    box = layout.cards[card_id].rect
    return QPointF(box.x + 20, box.y + 10)


def seen_card(view: MapView) -> int:
    """A card wholly in sight, clear of the pinned headers, in a lane holding cards."""
    scene = view.map_scene()
    assert scene.layout is not None
    corner = scene.layout.corner
    shown = visible(view).adjusted(corner.w + 20, corner.h + 20, -20, -20)
    for card_id, box in scene.layout.cards.items():
        if shown.contains(QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h)):
            return card_id
    raise AssertionError("no card in sight")


def place(document: Document, card_id: int) -> tuple[int, int, int]:
    card = next(c for c in document.cards(document.maps()[0].id) if c.id == card_id)
    return card.stage_id, card.lane_id, card.position


def hidden_cell_under_stage_headers(view: MapView) -> tuple[QPointF, Cell]:
    """A point on the pinned stage headers, over a cell they hide."""
    scene = view.map_scene()
    assert scene.layout is not None
    top = visible(view).top()
    assert top > scene.layout.corner.h  # scrolled: the headers are pinned over the cells
    at = QPointF(scene.layout.stages[1].rect.x + 40, top + scene.layout.corner.h / 2)
    cell = scene.layout.cell_at(at.x(), at.y())
    assert cell is not None  # there is a cell under the headers to land in by mistake
    return at, cell


def dropped_in_vain(document: Document, view: MapView, card_id: int, at: QPointF) -> None:
    """Drag the card to scene point `at`: nothing is written, the card is back."""
    scene = view.map_scene()
    assert scene.layout is not None
    before, steps = place(document, card_id), document.stack.count()
    drag(view, on_card(view, card_id), at)
    assert place(document, card_id) == before
    assert document.stack.count() == steps
    assert scene.card_items[card_id].parentItem() is not None  # back in its row
    assert not scene.guide.isVisible()


def test_a_card_dropped_on_the_pinned_stage_headers_stays_where_it_was(
    big_map: tuple[Document, MapView],
) -> None:
    document, view = big_map
    scroll(view, down=900)
    card_id = seen_card(view)
    at, _hidden = hidden_cell_under_stage_headers(view)
    dropped_in_vain(document, view, card_id, at)


def test_a_card_dropped_on_the_pinned_lane_headers_stays_where_it_was(
    big_map: tuple[Document, MapView],
) -> None:
    document, view = big_map
    scroll(view, down=300, right=600)
    scene = view.map_scene()
    assert scene.layout is not None
    left = visible(view).left()
    assert left > scene.layout.corner.w
    card_id = seen_card(view)
    box = scene.layout.cards[card_id].rect
    at = QPointF(left + scene.layout.corner.w / 2, box.y + 10)
    assert scene.layout.cell_at(at.x(), at.y()) is not None
    dropped_in_vain(document, view, card_id, at)


def test_a_palette_card_dropped_on_the_pinned_headers_is_refused(
    big_map: tuple[Document, MapView],
) -> None:
    document, view = big_map
    scroll(view, down=900)
    at, _hidden = hidden_cell_under_stage_headers(view)
    count = len(document.cards(document.maps()[0].id))
    assert not drop(view, PaletteItem("card").mime(), at)
    assert len(document.cards(document.maps()[0].id)) == count
    # Beside the headers, the same drop lands.
    assert drop(view, PaletteItem("card").mime(), at + QPointF(0, 200))
    assert len(document.cards(document.maps()[0].id)) == count + 1


def test_no_menu_offers_a_card_or_cell_hidden_under_the_pinned_corner(
    big_map: tuple[Document, MapView],
) -> None:
    _document, view = big_map
    scroll(view, down=900, right=600)
    scene = view.map_scene()
    assert scene.layout is not None
    corner = scene.corner.sceneBoundingRect()
    under = [i for i in scene.items(corner) if isinstance(i, CardItem)]
    assert under  # the corner, pinned at both edges, covers cards
    at = under[0].sceneBoundingRect().intersected(corner).center()
    assert build_menu(scene, at, view) is None
    assert scene.empty_cell_at(at) is None


def test_a_card_dragged_to_the_bottom_edge_scrolls_the_map_and_lands_out_of_first_sight(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    first_sight = visible(view)
    card_id = seen_card(view)
    start = on_card(view, card_id)
    steps, before = document.stack.count(), place(document, card_id)
    bar = view.verticalScrollBar()
    grip = begin_drag(view, start)
    edge = hold_at_bottom(view, qtbot, grip.x(), 1500)
    item = scene.card_items[card_id]
    under_mouse = view.mapToScene(edge.toPoint())
    assert item.sceneBoundingRect().contains(under_mouse)  # the card follows the mouse
    middle = QPointF(grip.x(), HEIGHT / 2)
    move_to(view, middle)
    stopped = bar.value()
    qtbot.wait(100)
    assert bar.value() == stopped  # away from the edge the map holds still
    target = view.mapToScene(middle.toPoint())
    cell = scene.layout.cell_at(target.x(), target.y())
    assert cell is not None
    assert not first_sight.intersects(QRectF(cell.rect.x, cell.rect.y, cell.rect.w, cell.rect.h))
    release(view, target)
    stage_id, lane_id, _position = place(document, card_id)
    assert (stage_id, lane_id) == (cell.stage_id, cell.lane_id)
    assert document.stack.count() == steps + 1
    document.undo()
    assert place(document, card_id) == before


def test_the_edge_scroll_stops_when_the_drag_ends(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    card_id = seen_card(view)
    start = on_card(view, card_id)
    grip = begin_drag(view, start)
    edge_point = QPointF(grip.x(), HEIGHT - 4)
    move_to(view, edge_point)
    edge: EdgeScroll = view.edge_scroll
    assert edge.timer.isActive()
    release(view, view.mapToScene(edge_point.toPoint()))
    assert not edge.timer.isActive()
    assert not scene.card_drag.active


def test_a_drag_ends_writing_nothing_when_another_window_takes_the_focus(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """A message box or another program taking over mid-drag may keep the release from
    ever reaching the view: the drag ends there, the card back in its place."""
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    card_id = seen_card(view)
    before, steps = place(document, card_id), document.stack.count()
    box = scene.layout.cards[card_id].rect
    start = on_card(view, card_id)
    bar = view.verticalScrollBar()
    grip = begin_drag(view, start)
    move_to(view, QPointF(grip.x(), HEIGHT - 4))
    item = scene.card_items[card_id]
    assert item.parentItem() is None and view.edge_scroll.timer.isActive()  # lifted
    QApplication.sendEvent(view, QFocusEvent(QEvent.Type.FocusOut))
    assert not scene.card_drag.active and not view.edge_scroll.timer.isActive()
    assert item.parentItem() is not None  # back in its row, on its box
    assert item.pos() == QPointF(box.x, box.y - item.parentItem().y())
    stopped = bar.value()
    qtbot.wait(80)
    assert bar.value() == stopped
    move_to(view, QPointF(grip.x(), HEIGHT - 4))  # the release, if it ever comes
    release(view, view.mapToScene(QPointF(grip.x(), HEIGHT / 2).toPoint()))
    assert place(document, card_id) == before
    assert document.stack.count() == steps


def test_a_palette_card_dragged_to_the_bottom_edge_scrolls_the_map_and_lands_there(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """Qt's drag and drop sends no move while the mouse rests at the edge: the map
    scrolls on its own, the guide follows, and the drop lands in the cell now there."""
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    first_sight = visible(view)
    data = PaletteItem("card").mime()
    actions = Qt.DropAction.CopyAction
    middle = QPoint(WIDTH // 2, HEIGHT // 2)
    edge = QPoint(WIDTH // 2, HEIGHT - 4)
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(middle, actions, data, NONE, NO_MODIFIER)
    )
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(edge, actions, data, NONE, NO_MODIFIER))
    bar = view.verticalScrollBar()
    begun = bar.value()
    qtbot.waitUntil(lambda: bar.value() >= begun + 1500, timeout=8000)
    assert scene.guide.isVisible()
    at = view.mapToScene(edge)
    cell = scene.layout.cell_at(at.x(), at.y())
    assert cell is not None and scene.holds_cards(cell.lane_id)
    assert not first_sight.intersects(QRectF(cell.rect.x, cell.rect.y, cell.rect.w, cell.rect.h))
    count = len(cell.card_ids)
    drop_event = QDropEvent(QPointF(edge), actions, data, NONE, NO_MODIFIER)
    QApplication.sendEvent(view.viewport(), drop_event)
    assert drop_event.isAccepted()
    assert not view.edge_scroll.timer.isActive()
    after = scene.layout.cells[(cell.stage_id, cell.lane_id)]
    assert len(after.card_ids) == count + 1
    assert document.stack.count() == 1
    editor = view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None and editor.isVisible()
    assert view.viewport().rect().contains(editor.geometry())  # scrolled to be typed in whole


def test_a_lane_header_dragged_to_the_bottom_edge_goes_below_a_lane_out_of_sight(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """Reordering lanes on a map taller than the window: the first lane's header held
    at the bottom edge scrolls the map, and the release puts the lane where the guide
    then is, below a lane that was out of sight."""
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    map_id = document.maps()[0].id
    order = [lane.id for lane in document.lanes(map_id)]
    first = scene.layout.lanes[0].rect
    start = QPointF(first.x + first.w / 2, first.y + 30)
    grip = begin_drag(view, start)
    edge = hold_at_bottom(view, qtbot, grip.x(), 1e9)  # to the map's end
    assert scene.guide.isVisible()
    release(view, view.mapToScene(edge.toPoint()))
    assert not view.edge_scroll.timer.isActive()
    moved = [lane.id for lane in document.lanes(map_id)]
    assert moved.index(order[0]) >= len(order) - 2  # near the end, from the top
    document.undo()
    assert [lane.id for lane in document.lanes(map_id)] == order


@pytest.mark.parametrize("what", ["header", "face"])
def test_a_header_or_face_drag_ends_writing_nothing_when_the_focus_goes(
    big_map: tuple[Document, MapView], what: str
) -> None:
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    steps = document.stack.count()
    if what == "header":
        rect = scene.layout.lanes[1].rect
        start = QPointF(rect.x + rect.w / 2, rect.y + 20)
        gesture: HeaderDrag | PointDrag = scene.header_drag
    else:
        curve = next(iter(scene.layout.curves.values()))
        point = curve.points[0]
        start = QPointF(point.x, point.y)
        view.centerOn(start)
        QApplication.processEvents()
        gesture = scene.point_drag
    grip = begin_drag(view, start, 40)
    assert gesture.active
    QApplication.sendEvent(view, QFocusEvent(QEvent.Type.FocusOut))
    assert not gesture.active
    assert not scene.guide.isVisible()
    release(view, view.mapToScene(grip.toPoint() + QPoint(0, 40)))
    assert document.stack.count() == steps


def empty_spot(view: MapView) -> QPointF:
    """A scene point in sight on a cell's empty part (no card, no header there): where
    a press starts a selection rectangle."""
    scene = view.map_scene()
    shown = visible(view)
    for cell in scene.layout.cells.values() if scene.layout else ():
        at = QPointF(cell.rect.x + 12, cell.rect.y + cell.rect.h - 12)
        if shown.contains(at) and scene.empty_cell_at(at) is not None:
            return at
    raise AssertionError("no empty spot in sight")


def rectangle_to_bottom(view: MapView, qtbot: QtBot, scrolled: float) -> list[int]:
    """Draw a selection rectangle from an empty spot in sight to the window's bottom
    edge, hold it there until the map scrolled by `scrolled` pixels, release: the cards
    it took that were below the window when it began."""
    scene = view.map_scene()
    assert scene.layout is not None
    first_sight = visible(view)
    grip = begin_drag(view, empty_spot(view), 40)
    assert view.rubber_band.active
    edge = hold_at_bottom(view, qtbot, grip.x() + 200, scrolled)
    release(view, view.mapToScene(edge.toPoint()))
    assert not view.edge_scroll.timer.isActive()
    cards = scene.layout.cards
    return [c for c in scene.selected_cards() if cards[c].rect.y > first_sight.bottom()]


def test_a_selection_rectangle_dragged_to_the_bottom_edge_takes_in_cards_out_of_sight(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    _document, view = big_map
    scene = view.map_scene()
    assert rectangle_to_bottom(view, qtbot, 900)  # cards out of sight when it began
    # The rectangle crossed the stage headers pinned at the window's top: not taken.
    assert not [i for i in scene.selectedItems() if isinstance(i, HeaderItem)]
    header = scene.stage_items[scene.stages[0].id]
    press(view, header.sceneBoundingRect().center())  # still selected by a click
    release(view, header.sceneBoundingRect().center())
    assert header.isSelected()


def test_a_face_dragged_up_to_the_pinned_stage_headers_scrolls_its_lane_into_sight(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """An emotion lane whose top is scrolled under the pinned stage headers: its face
    dragged up to the window's top edge scrolls the map down to the lane's top and no
    further (the lanes above hold nothing a face can reach), and released there takes
    the top level. Undo gives the face back."""
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    curve = next(iter(scene.layout.curves.values()))
    point = min(curve.points, key=lambda p: p.value)
    bar = view.verticalScrollBar()
    bar.setValue(int(curve.area.y + curve.area.h / 2 - scene.layout.corner.h))
    QApplication.processEvents()
    shown = visible(view)
    assert shown.top() + scene.layout.corner.h > curve.area.y, "the lane's top is hidden"
    assert shown.contains(QPointF(point.x, point.y)), "the face is in sight"
    before, steps = bar.value(), document.stack.count()
    grip = begin_drag(view, QPointF(point.x, point.y), -10)
    top_edge = QPointF(grip.x(), 4)
    move_to(view, top_edge)
    lane_top = curve.area.y - scene.layout.corner.h
    qtbot.waitUntil(lambda: bar.value() <= lane_top, timeout=10_000)
    qtbot.wait(300)  # held at the edge on: about 18 ticks more
    assert lane_top - FASTEST <= bar.value() < before and scene.point_drag.active
    release(view, view.mapToScene(top_edge.toPoint()))
    saved = document.emotion_point(curve.lane_id, point.stage_id)
    assert saved is not None and saved.value == 2
    assert document.stack.count() == steps + 1
    document.undo()
    saved = document.emotion_point(curve.lane_id, point.stage_id)
    assert saved is not None and saved.value == point.value


def test_far_zoomed_out_a_selection_rectangle_takes_in_cards_scrolled_into_sight(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """Zoomed out to where the cells draw the cards (no card items made by painting),
    the rectangle held at the bottom edge still takes in the cards the map scrolled
    into sight: their items are made as they come, before Qt looks for what it holds."""
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    view.set_zoom(LOD_TEXT * 0.8)
    view.centerOn(0.0, 0.0)
    QApplication.processEvents()
    assert scene.overview and view.verticalScrollBar().maximum() > 0
    assert rectangle_to_bottom(view, qtbot, 400), "no card that came into sight was taken"


def test_a_selection_rectangle_held_at_a_corner_takes_in_every_card_it_spans(
    big_map: tuple[Document, MapView], qtbot: QtBot
) -> None:
    """Far zoomed out, a rectangle held at the window's bottom-right corner scrolls the
    map both ways to its end: it passes by cards that never come into sight (found by a
    review: a few dozen of them were left out), and takes in every card it spans."""
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    view.resize(500, 400)
    view.set_zoom(LOD_TEXT * 0.8)
    view.centerOn(0.0, 0.0)
    QApplication.processEvents()
    across, down = view.horizontalScrollBar(), view.verticalScrollBar()
    assert scene.overview and across.maximum() > 0 and down.maximum() > 0
    start = empty_spot(view)
    begin_drag(view, start, 40)
    corner = QPointF(500 - 4, 400 - 4)
    move_to(view, corner)
    qtbot.waitUntil(
        lambda: across.value() >= across.maximum() and down.value() >= down.maximum(),
        timeout=20_000,
    )
    end = view.mapToScene(corner.toPoint())
    release(view, end)
    band = QRectF(start, end).normalized()
    spanned = {
        card_id
        for card_id, box in scene.layout.cards.items()
        if band.intersects(QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h))
    }
    assert len(spanned) > 100
    assert spanned - set(scene.selected_cards()) == set()
