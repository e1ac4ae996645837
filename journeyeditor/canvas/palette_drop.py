"""Dropping a palette entry on the map: where it lands, what is refused, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF

from journeyeditor.canvas import mime
from journeyeditor.canvas.context_menu import added_lane
from journeyeditor.editing import edits
from journeyeditor.model import LaneKind
from journeyeditor.model.enums import FIGURE_LANES
from journeyeditor.render.labels import LANE_KINDS

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene


class PaletteDrop:
    """Cards go into cells (a card of a kind only into a lane of that kind), stages
    between stages, lanes between lanes; a refused card says in the status bar where
    it goes instead."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene

    def target(self, item: mime.PaletteItem | None, pos: QPointF) -> tuple[Any, ...] | None:
        """Where a palette item dropped at `pos` goes, showing the guide; None: nowhere."""
        scene = self.scene
        layout = scene.layout
        if layout is None or item is None or scene.map_id is None:
            return None
        x, y = pos.x(), pos.y()
        if item.what == "card":
            cell = scene.cell_seen_at(pos)
            if cell is None:
                return None
            refusal = self.refusal(item.kind, cell.lane_id)
            if refusal:
                scene.statusMessage.emit(refusal)
                return None
            index = layout.drop_index(cell, y)
            scene.card_drag.show_guide(cell, index, ())
            return ("card", cell.stage_id, cell.lane_id, index)
        under_stages, under_lanes = scene.under_headers(pos)
        if item.what == "stage" and 0 <= y < layout.height and not under_lanes:
            index = layout.stage_index_at(x)
            scene.header_drag.guide_stage(index)
            return ("stage", index)
        if item.what == "lane" and not under_stages and 0 <= x < layout.width:
            index = layout.lane_index_at(y)
            scene.header_drag.guide_lane(index)
            return ("lane", index)
        return None

    def refusal(self, kind: str, lane_id: int) -> str:
        """Why a palette card of `kind` may not land in lane `lane_id` ("" if it may): a
        card of a kind goes in a lane of that kind, a plain card anywhere but the curve."""
        lane_kind = next((lane.kind for lane in self.scene.lanes if lane.id == lane_id), "")
        if lane_kind == LaneKind.EMOTION.value:
            return QCoreApplication.translate(
                "Canvas", "The emotion lane holds its curve only: drop this card in another lane."
            )
        if lane_kind in FIGURE_LANES:
            return QCoreApplication.translate(
                "Canvas", "This lane shows measured figures: drop this card in another lane."
            )
        if kind in ("", LaneKind.TEXT.value) or kind == lane_kind:
            return ""
        name = QCoreApplication.translate("Labels", LANE_KINDS.get(kind, kind))
        return QCoreApplication.translate("Canvas", "This card goes in a “{0}” lane.").format(name)

    def drop(self, item: mime.PaletteItem, pos: QPointF) -> bool:
        """Create what the palette item stands for at `pos`: one undo step."""
        scene = self.scene
        target = self.target(item, pos)
        scene.guide.hide()
        if target is None or scene.map_id is None:
            return False
        if target[0] == "card":
            _what, stage_id, lane_id, index = target
            return scene.add_card(stage_id, lane_id, index, item.fields)
        document = scene.document
        if target[0] == "stage":
            return document.push(edits.add_stage(document, scene.map_id, target[1]))
        kind = LaneKind(item.kind or LaneKind.TEXT.value).value
        return added_lane(scene, edits.add_lane(document, scene.map_id, kind, target[1]))


class PaletteAim:
    """A palette entry dragged over the map, as the edge scroll aims it (`Aimed`): on
    until Qt's drag and drop ends it, each new point showing the guide where it lands."""

    active = True

    def __init__(self, drop: PaletteDrop, item: mime.PaletteItem) -> None:
        self.drop = drop
        self.item = item

    def move(self, pos: QPointF) -> None:
        if self.drop.target(self.item, pos) is None:
            self.drop.scene.guide.hide()
