"""A lane of figures on the canvas takes no card, as the emotion lane: a palette card
dropped there is refused and nothing is written; keyboard cells pass over it."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from journeyeditor.canvas.mime import PaletteItem
from journeyeditor.editing import edits
from journeyeditor.model import LaneKind
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import drag, drop


def test_a_palette_card_is_not_dropped_on_a_lane_of_figures(window: MainWindow) -> None:
    document, scene = window.document, window.scene
    assert document is not None and scene is not None and scene.map_id is not None
    map_id = scene.map_id
    assert document.push(edits.add_lane(document, map_id, LaneKind.FUNNEL.value, 0))
    lane = document.lanes(map_id)[0]
    stage = document.stages(map_id)[0]
    assert scene.layout is not None
    rect = scene.layout.cells[(stage.id, lane.id)].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, rect.h, 20, 20)
    cards = len(document.cards(map_id))
    at = QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)
    drop(window.view, PaletteItem("card", "", {}).mime(), at)
    assert len(document.cards(map_id)) == cards
    assert not scene.holds_cards(lane.id)
    assert "measured figures" in scene.palette_drop.refusal("", lane.id)


def test_a_card_dragged_onto_a_lane_of_figures_stays_where_it_was(window: MainWindow) -> None:
    document, scene = window.document, window.scene
    assert document is not None and scene is not None and scene.map_id is not None
    map_id = scene.map_id
    assert document.push(edits.add_lane(document, map_id, LaneKind.SURVEY.value, 0))
    lane = document.lanes(map_id)[0]
    stage = document.stages(map_id)[0]
    card = next(c for c in document.cards(map_id) if c.stage_id == stage.id)
    assert scene.layout is not None
    start = scene.layout.cards[card.id].rect
    cell = scene.layout.cells[(stage.id, lane.id)].rect
    window.view.ensureVisible(cell.x, cell.y, cell.w, start.bottom - cell.y, 20, 20)
    drag(
        window.view,
        QPointF(start.x + start.w / 2, start.y + start.h / 2),
        QPointF(cell.x + cell.w / 2, cell.y + cell.h / 2),
    )
    moved = document.get(type(card), card.id)
    assert moved is not None and (moved.lane_id, moved.position) == (card.lane_id, card.position)
