"""Card items are made when first shown, and always sit on their layout boxes.

Opening a map makes only the items of the cards on screen; scrolling makes the others
as they come into view; an edit that makes a row taller moves the rows below (their
items are a row item's children) and a card item made afterwards lands on its box too.
Back at a close zoom after many items were made, the far ones are dropped again.
The view's scroll range covers the map and grows in steps, not at every taller row.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF

from journeyeditor.canvas import scene as scene_module
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels
from journeyeditor.store import database, interchange

CARDS = 400


def big_project(path: Path) -> Path:
    """One map of four stages and two lanes, CARDS cards spread over its cells."""
    data = {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": "Lazy", "language": "en"},
        "maps": [
            {
                "id": 1,
                "name": "Many cards",
                "stages": [{"id": s, "name": f"Stage {s}"} for s in (1, 2, 3, 4)],
                "lanes": [
                    {"id": 10, "name": "Steps", "kind": "text"},
                    {"id": 11, "name": "Pains", "kind": "pain_point"},
                ],
                "cards": [
                    {"id": n, "stage": 1 + n % 4, "lane": 10 + (n - 1) // 200, "text": f"card {n}"}
                    for n in range(1, CARDS + 1)
                ],
            }
        ],
    }
    database.create_file(path, interchange.populate_from(interchange.plan_import(data, path)))
    return path


@pytest.fixture
def shown(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapScene, MapView]]:
    document = Document.open(big_project(tmp_path / "lazy.journey"))
    scene = MapScene(document, Labels())
    view = MapView(scene)
    view.resize(900, 600)
    view.show()
    scene.show_map(document.maps()[0].id)
    view.viewport().grab()
    yield document, scene, view
    view.close()
    document.close()


def on_screen(scene: MapScene, view: MapView) -> set[int]:
    assert scene.layout is not None
    area = view.mapToScene(view.viewport().rect()).boundingRect()
    return {
        card_id
        for card_id, box in scene.layout.cards.items()
        if area.intersects(QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h))
    }


def assert_items_on_boxes(scene: MapScene, view: MapView) -> None:
    """Every card on screen has an item, and every made item is on its box."""
    assert scene.layout is not None
    made = scene.card_items.made
    assert on_screen(scene, view) <= made.keys()
    for card_id, item in made.items():
        box = scene.layout.cards[card_id].rect
        assert item.scenePos() == QPointF(box.x, box.y), card_id


def test_only_the_cards_on_screen_get_items_and_scrolling_makes_the_others(
    shown: tuple[Document, MapScene, MapView],
) -> None:
    _document, scene, view = shown
    assert 0 < len(scene.card_items.made) < CARDS / 2
    assert_items_on_boxes(scene, view)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().grab()
    assert_items_on_boxes(scene, view)
    assert len(scene.card_items) == CARDS


def test_a_taller_row_moves_the_items_below_it_and_later_ones_land_on_their_boxes(
    shown: tuple[Document, MapScene, MapView],
) -> None:
    document, scene, view = shown
    assert scene.layout is not None
    first = scene.layout.cells[(1, 10)].card_ids[0]
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().grab()
    below = [c for c in scene.card_items.made if scene.layout.cards[c].card.lane_id == 11]
    assert below
    top = scene.layout.cards[below[0]].rect.y
    assert document.push(edits.edit_card(document, first, text="a much longer text " * 40))
    assert scene.layout.cards[below[0]].rect.y > top
    view.viewport().grab()
    assert_items_on_boxes(scene, view)
    bar.setValue(bar.minimum())
    view.viewport().grab()
    assert_items_on_boxes(scene, view)


def test_far_items_are_dropped_once_many_were_made(
    shown: tuple[Document, MapScene, MapView], monkeypatch: pytest.MonkeyPatch
) -> None:
    _document, scene, view = shown
    monkeypatch.setattr(scene_module, "KEPT_ITEMS", 50)
    selected = next(iter(scene.card_items))
    scene.select_cards([selected])
    assert len(list(scene.card_items.values())) == CARDS
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().grab()
    assert len(scene.card_items.made) < CARDS
    assert selected in scene.card_items.made
    assert_items_on_boxes(scene, view)


def test_the_scroll_range_covers_the_map_and_grows_in_steps(
    shown: tuple[Document, MapScene, MapView],
) -> None:
    """Each card added to the tallest cell makes the map taller; the scroll range (whose
    change costs a window a relayout and repaint of the whole view) changes only when
    the map outgrows it, and never leaves a part of the map out of reach."""
    document, scene, view = shown
    bar = view.verticalScrollBar()
    ranges = [bar.maximum()]
    heights = [scene.sceneRect().height()]
    for n in range(12):
        assert document.push(edits.add_card(document, 1, 10, 0, text=f"more {n}"))
        heights.append(scene.sceneRect().height())
        ranges.append(bar.maximum())
        shown_rect, map_rect = view.sceneRect(), scene.sceneRect()
        assert shown_rect.contains(map_rect)
        assert shown_rect.bottom() - map_rect.bottom() < view.scroll_step()
    grown = sum(1 for a, b in itertools.pairwise(heights) if b > a)
    changed = sum(1 for a, b in itertools.pairwise(ranges) if b != a)
    assert grown == 12
    assert 0 < changed <= (heights[-1] - heights[0]) / view.scroll_step() + 1 < grown
    bar.setValue(bar.maximum())
    view.viewport().grab()
    assert_items_on_boxes(scene, view)


def test_a_map_shorter_than_the_window_keeps_its_own_rectangle(
    shown: tuple[Document, MapScene, MapView],
) -> None:
    """Zoomed out until the whole map fits, the view scrolls over exactly the map (it
    stays centred, without scroll bars); back at 100 % the range is rounded up again;
    a new scene is followed from the start."""
    _document, scene, view = shown
    view.set_zoom(0.1)
    assert view.sceneRect() == scene.sceneRect()
    assert view.verticalScrollBar().maximum() == view.verticalScrollBar().minimum()
    view.set_zoom(1.0)
    assert view.sceneRect().height() > scene.sceneRect().height()
    assert view.sceneRect().height() % view.scroll_step() == 0
    other = MapScene.empty()
    other.setSceneRect(QRectF(0, 0, 100, 5000))
    view.setScene(other)
    step = view.scroll_step()
    assert view.sceneRect() == QRectF(0, 0, 100, math.ceil(5000 / step) * step)
    other.setSceneRect(QRectF(0, 0, 100, 50))
    assert view.sceneRect() == QRectF(0, 0, 100, 50)
