"""Right-click menus on the map: what can be done to the thing under the mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QMenu, QWidget

from journeyeditor.canvas.items import CardItem, CornerItem, HeaderItem
from journeyeditor.editing import edits, voting
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.operations import Insert
from journeyeditor.model import LaneKind
from journeyeditor.render.labels import LANE_KINDS
from journeyeditor.render.layout import LaneIn, StageIn

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene


translate = QCoreApplication.translate


def pick_color(parent: QWidget | None, current: str) -> str | None:
    color = QColorDialog.getColor(QColor(current), parent, translate("Canvas", "Choose a colour"))
    return color.name() if color.isValid() else None


def added_lane(scene: MapScene, command: EditCommand) -> bool:
    """Push a new lane; a metric lane is then offered its suggested metrics."""
    if not scene.document.push(command):
        return False
    lane = command.operations[0]
    if isinstance(lane, Insert) and lane.values["kind"] == LaneKind.METRIC.value:
        scene.suggestMetrics.emit(lane.values["id"])
    return True


def build_menu(scene: MapScene, pos: QPointF, parent: QWidget | None) -> QMenu | None:
    """The menu for whatever lies at scene position `pos`; None over empty space."""
    document = scene.document
    found = (i for i in scene.items(pos) if isinstance(i, (CardItem, HeaderItem, CornerItem)))
    item = next(found, None)  # the corner, pinned over cards, hides them from the menu too
    menu = QMenu(parent)
    if isinstance(item, CardItem):
        if not item.isSelected():
            scene.select_cards([item.card_id])
        card = scene.card_data[item.card_id]
        menu.addAction(translate("Canvas", "Edit text"), lambda: scene.edit_card(card.id))

        def recolor() -> None:
            color = pick_color(parent, card.color or "#fff6bf")
            if color:
                ids = scene.selected_cards()
                document.push(edits.edit_cards(document, ids, color=color))

        menu.addAction(translate("Canvas", "Colour…"), recolor)
        menu.addAction(translate("Canvas", "Delete"), scene.delete_selection)
        for extra in scene.card_menu_extras:
            extra(menu, card.id)
        return menu
    if isinstance(item, HeaderItem):
        scene.clearSelection()
        item.setSelected(True)
        entity = item.entity_id
        source: list[StageIn | LaneIn] = [*(scene.stages if item.is_stage else scene.lanes)]
        index = next(i for i, entry in enumerate(source) if entry.id == entity)
        color = source[index].color
        edit = edits.edit_stage if item.is_stage else edits.edit_lane

        def recolor_header() -> None:
            chosen = pick_color(parent, color)
            if chosen:
                document.push(edit(document, entity, color=chosen))

        menu.addAction(translate("Canvas", "Rename"), lambda: scene.edit_header(item))
        menu.addAction(translate("Canvas", "Colour…"), recolor_header)
        menu.addSeparator()
        map_id = scene.map_id
        assert map_id is not None
        if item.is_stage:
            menu.addAction(
                translate("Canvas", "Insert stage before"),
                lambda: document.push(edits.add_stage(document, map_id, index)),
            )
            menu.addAction(
                translate("Canvas", "Insert stage after"),
                lambda: document.push(edits.add_stage(document, map_id, index + 1)),
            )
            menu.addSeparator()
            menu.addAction(
                translate("Canvas", "Delete stage"),
                lambda: document.push(edits.delete_stage(document, entity)),
            )
        else:
            below = menu.addMenu(translate("Canvas", "Insert lane below"))
            for kind in LaneKind:

                def add_lane(_checked: bool = False, k: str = kind.value) -> None:
                    added_lane(scene, edits.add_lane(document, map_id, k, index + 1))

                below.addAction(
                    QCoreApplication.translate("Labels", LANE_KINDS[kind.value]), add_lane
                )
            if scene.lanes[index].kind == LaneKind.METRIC.value:
                menu.addAction(
                    translate("Canvas", "Suggest metrics…"),
                    lambda: scene.suggestMetrics.emit(entity),
                )
            menu.addSeparator()
            menu.addAction(
                translate("Canvas", "Delete lane"),
                lambda: document.push(edits.delete_lane(document, entity)),
            )
        return menu
    layout = scene.layout
    cell = scene.cell_seen_at(pos)
    if cell is None or layout is None:
        return None
    index = layout.drop_index(cell, pos.y())

    menu.addAction(
        translate("Canvas", "Add card here"),
        lambda: scene.add_card(cell.stage_id, cell.lane_id, index, {}),
    )
    if cell.card_ids:

        def sort_by_votes() -> None:
            command = voting.sort_cell_by_votes(document, cell.stage_id, cell.lane_id)
            if command.operations:
                document.push(command)

        menu.addAction(translate("Canvas", "Sort by votes"), sort_by_votes)
    return menu
