"""On a map taller or wider than the window, the stage headers stay at the window's top
and the lane headers at its left, over the cards scrolled under them, as a spreadsheet
freezes its first row and column; they still drag, resize and rename where they are
seen. Only their items move: the layout, the file and the exports are untouched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from journeyeditor.canvas.items import LOD_TEXT, Z_HEADER, Z_PINNED, CardItem, HeaderItem
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.ui.find_bar import FindBar

from helpers.canvas_driver import BIG_VIEW, double_click, drag, scroll, visible

WIDTH, HEIGHT = BIG_VIEW


def on_screen(view: MapView) -> QImage:
    QApplication.processEvents()
    return view.screen().grabWindow(view.winId()).toImage()


def test_the_stage_headers_stay_at_the_top_over_the_cards(
    big_map: tuple[Document, MapView],
) -> None:
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    headers = list(scene.stage_items.values())
    assert all(h.pos() == QPointF() and h.zValue() == Z_HEADER for h in headers)
    scroll(view, down=900)
    top = visible(view).top()
    assert top > scene.layout.corner.h  # the header row is scrolled out
    for header in headers:
        assert header.sceneBoundingRect().top() == pytest.approx(top, abs=1)
        assert header.zValue() == Z_PINNED
    first = headers[0].sceneBoundingRect()
    assert any(isinstance(i, CardItem) for i in scene.items(first))  # cards under it
    seen = scene.items(first.center())[0]  # the header, or its name, not a card
    assert isinstance(seen, HeaderItem) or isinstance(seen.parentItem(), HeaderItem)
    assert scene.corner.sceneBoundingRect().top() == pytest.approx(top, abs=1)
    scroll(view, down=-10_000)
    assert all(h.pos() == QPointF() and h.zValue() == Z_HEADER for h in headers)


def test_the_lane_headers_stay_at_the_left(big_map: tuple[Document, MapView]) -> None:
    _document, view = big_map
    scene = view.map_scene()
    scroll(view, right=700)
    left = visible(view).left()
    assert left > 0
    for header in scene.lane_items.values():
        assert header.sceneBoundingRect().left() == pytest.approx(left, abs=1)
        assert header.zValue() == Z_PINNED
    assert all(h.pos() == QPointF() for h in scene.stage_items.values())
    scroll(view, right=-10_000)
    assert all(h.pos().x() == 0 for h in scene.lane_items.values())


def test_a_pinned_header_row_looks_as_it_does_in_its_place(
    big_map: tuple[Document, MapView],
) -> None:
    """The window's picture of the header row, scrolled down, is the one it shows at
    the map's top: the same pixels, nothing of the cards under it showing through."""
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    band = round(scene.layout.corner.h)
    top = on_screen(view)
    at = view.mapFromScene(QPointF(0.0, 0.0)).y()
    left = view.mapFromScene(QPointF(0.0, 0.0)).x()
    scroll(view, down=900)
    pinned = on_screen(view)
    assert top.copy(QRect(0, at, WIDTH, band)) == pinned.copy(QRect(0, 0, WIDTH, band))
    view.viewport().update()
    assert on_screen(view) == pinned  # what a whole repaint shows
    scroll(view, down=-10_000, right=400)  # the lane headers held at the left instead
    assert view.mapFromScene(QPointF(0.0, 0.0)).x() < 0
    column = round(scene.layout.corner.w)
    held = on_screen(view)
    assert top.copy(QRect(left, 0, column, HEIGHT)) == held.copy(QRect(0, 0, column, HEIGHT))


def test_a_pinned_stage_header_drags_to_reorder(big_map: tuple[Document, MapView]) -> None:
    document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    map_id = document.maps()[0].id
    order = [s.id for s in document.stages(map_id)]
    scroll(view, down=900)
    top = visible(view).top()
    first, second = scene.layout.stages[0].rect, scene.layout.stages[1].rect
    y = top + first.h / 2
    drag(view, QPointF(first.x + first.w / 2, y), QPointF(second.right - 5, y))
    assert [s.id for s in document.stages(map_id)] == [order[1], order[0], *order[2:]]
    document.undo()
    assert [s.id for s in document.stages(map_id)] == order


def test_a_pinned_header_is_renamed_where_it_is_seen(big_map: tuple[Document, MapView]) -> None:
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    scroll(view, down=900)
    first = scene.layout.stages[0].rect
    double_click(view, QPointF(first.x + first.w / 2, visible(view).top() + first.h / 2))
    editor = view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None and editor.isVisible()
    assert 0 <= editor.geometry().top() < first.h  # at the window's top, not scrolled away
    assert editor.toPlainText() == scene.stages[0].name


def clear_of_pins(view: MapView, card_id: int) -> bool:
    """Whether the card shows whole in the window, neither under the pinned stage
    headers nor under the pinned lane headers."""
    scene = view.map_scene()
    assert scene.layout is not None
    card = view.mapFromScene(scene.card_items[card_id].sceneBoundingRect()).boundingRect()
    band = [h.sceneBoundingRect() for h in (*scene.stage_items.values(), scene.corner)]
    column = [h.sceneBoundingRect() for h in scene.lane_items.values()]
    pinned = [view.mapFromScene(r).boundingRect() for r in band + column]
    return view.viewport().rect().contains(card) and not any(card.intersects(p) for p in pinned)


def test_a_card_brought_into_view_is_not_under_the_pinned_headers(
    big_map: tuple[Document, MapView],
) -> None:
    """Finding a card, the ranking, the current cell and a typed card scroll to it with
    `bring_into_view`: it must land clear of the headers held at the edges, going down
    and right, then back up and left."""
    _document, view = big_map
    scene = view.map_scene()
    layout = scene.layout
    assert layout is not None
    cells = [
        layout.cells[(scene.stages[s].id, scene.lanes[lane].id)]
        for s, lane in ((-1, -1), (5, 4), (0, 0))
    ]
    for cell in cells:  # the far corner, back to the middle, back to the start
        card_id = cell.card_ids[-1]
        rect = layout.cards[card_id].rect
        scene.bring_into_view(QRectF(rect.x, rect.y, rect.w, rect.h), 40, 40)
        QApplication.processEvents()
        assert clear_of_pins(view, card_id), card_id


ZOOM = 3.0
"""Zoomed in this far, the sample's lanes are taller than the window."""


def tall_lane(view: MapView) -> HeaderItem:
    """A lane header taller than the window, with a name (the view zoomed in)."""
    view.set_zoom(ZOOM)
    QApplication.processEvents()
    scene = view.map_scene()
    for header in scene.lane_items.values():
        if header.header.rect.h * ZOOM > 1.5 * HEIGHT and header.header.lines:
            return header
    raise AssertionError("no lane taller than the window")


def scroll_to(view: MapView, top: float) -> None:
    """Scroll until the window's top is at scene height `top`."""
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + round((top - visible(view).top()) * view.zoom()))
    QApplication.processEvents()


def ink_in(image: QImage, rect: QRect) -> int:
    """Dark pixels (a name's letters) in `rect` of a window's picture."""
    return sum(
        1
        for y in range(rect.top(), rect.bottom())
        for x in range(rect.left(), rect.right())
        if image.pixelColor(x, y).lightness() < 100
    )


def test_a_tall_lanes_name_stays_in_sight_as_the_map_scrolls(
    big_map: tuple[Document, MapView],
) -> None:
    """Centred in a lane taller than the window, the name would be out of sight
    wherever the lane's cards are: it is held at the top of the lane's part in sight,
    below the pinned stage headers, and stays inside its header."""
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    header = tall_lane(view)
    words = header.words
    assert words is not None
    lane = header.header.rect
    window = HEIGHT / ZOOM
    for top in (lane.y - 60, lane.y + lane.h / 2 - window, lane.bottom - window / 2):
        scroll_to(view, top)
        seen = visible(view)
        name = words.sceneBoundingRect()
        below_headers = seen.top() + scene.layout.corner.h
        assert name.top() >= min(below_headers, lane.bottom) - 1
        assert lane.y <= name.top() and name.bottom() <= lane.bottom + 1
        assert name.bottom() <= seen.bottom()
        where = view.mapFromScene(name).boundingRect().intersected(view.viewport().rect())
        assert ink_in(on_screen(view), where) > 20  # the letters are on the screen


def test_a_lane_seen_whole_keeps_its_name_centred_as_exports_draw_it(
    big_map: tuple[Document, MapView],
) -> None:
    _document, view = big_map
    header = tall_lane(view)
    assert header.words is not None
    lane = header.header.rect
    scroll_to(view, lane.y + lane.h / 2)  # the centred name above the window's top
    assert header.words.stick != 0.0  # held in sight
    view.resize(WIDTH, round((lane.h + 200) * ZOOM))  # the whole lane in the window
    scroll_to(view, lane.y - 100)
    assert header.words.stick == 0.0
    first = header.header.lines[0]
    drawn = header.words.sceneBoundingRect()
    assert drawn.top() <= first.y - first.size <= drawn.bottom()  # where the layout has it


def test_a_card_found_far_zoomed_out_is_shown_at_actual_size_clear_of_the_headers(
    big_map: tuple[Document, MapView],
) -> None:
    """Fitted to the window, a map of hundreds of cards shows them as blocks of a few
    pixels: a card found there is shown at actual size, where it can be read."""
    _document, view = big_map
    scene = view.map_scene()
    layout = scene.layout
    assert layout is not None
    view.fit()
    QApplication.processEvents()
    assert view.zoom() < LOD_TEXT
    far = layout.cells[(scene.stages[-1].id, scene.lanes[-1].id)].card_ids[-1]
    bar = FindBar(view)
    bar.find_box.setText(scene.card_data[far].text)
    assert scene.matches() == [far]
    bar.next_match()
    QApplication.processEvents()
    assert view.zoom() == 1.0
    assert scene.selected_cards() == [far]
    assert clear_of_pins(view, far)
    bar.close()


def test_a_stage_scrolled_under_the_lane_headers_keeps_its_name_in_sight(
    big_map: tuple[Document, MapView],
) -> None:
    """Scrolled right, a stage whose left edge went under the pinned lane headers
    keeps its name in the part of it in sight (as far as the stage's width lets it);
    scrolled back, the name is where the layout and the exports put it."""
    _document, view = big_map
    scene = view.map_scene()
    assert scene.layout is not None
    corner = scene.layout.corner
    stage = scene.layout.stages[2]
    header = scene.stage_items[stage.id]
    line = stage.lines[0]
    width = scene.measure(line.text, line.size, line.bold)
    pad = line.x - stage.rect.x
    hidden = 60.0  # the stage's first 60 units under the lane headers
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + round(stage.rect.x - corner.w + hidden - visible(view).left()))
    QApplication.processEvents()
    left = visible(view).left() + corner.w
    assert stage.rect.x < left < stage.rect.x + stage.rect.w - width - 2 * pad
    start = line.x + header.words.across
    assert start == pytest.approx(left + pad, abs=1)
    shown = view.mapFromScene(QRectF(start, line.y - line.size, width, line.size * 1.3))
    assert ink_in(on_screen(view), shown.boundingRect()) > 20  # the letters are on screen
    scroll(view, right=-10_000)
    assert header.words.across == 0.0
