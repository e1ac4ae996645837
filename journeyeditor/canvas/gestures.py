"""Mouse gestures on the map, each ending in exactly one command (or none).

While the mouse moves, items move and a guide shows where things will land; nothing
is written until the button is released, so one gesture is one undo step.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication

from journeyeditor.canvas.items import Z_DRAGGED, CardItem, HeaderItem, PointItem
from journeyeditor.editing import edits
from journeyeditor.model.enums import FIGURE_LANES
from journeyeditor.render.layout import Cell, smooth
from journeyeditor.render.layout import Curve as CurveBox

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene

GUIDE = 4.0


class Gesture:
    """Press, move past the drag distance, release: the common shape of every drag."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.start: QPointF | None = None
        self.active = False

    def _begin(self, pos: QPointF) -> bool:
        """True once the mouse has moved far enough from the press to count as a drag."""
        if self.start is None:
            return False
        if not self.active:
            if self._pixels(pos - self.start) < QApplication.startDragDistance():
                return False
            self.active = True
            self.started()
        return True

    def _pixels(self, delta: QPointF) -> float:
        """How far `delta` (in map units) is on screen: the drag distance is the
        platform's, in pixels, so at any zoom the same hand movement starts a drag."""
        view = self.scene.view()
        zoom = view.transform().m11() if view is not None else 1.0
        return float(delta.manhattanLength() * zoom)

    def started(self) -> None:
        """Called once when the drag really begins."""

    def _end(self) -> bool:
        was_active = self.active
        self.start, self.active = None, False
        self.scene.guide.hide()
        return was_active

    def cancel(self) -> None:
        """End the gesture without writing anything (its release will not come)."""
        self._end()


class CardDrag(Gesture):
    """Moving the selected cards to another cell, or to another place in their cell."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.items: list[CardItem] = []
        self.origins: dict[int, QPointF] = {}

    def press(self, pos: QPointF) -> None:
        self.cancel()  # a drag whose release never came (another window took it)
        self.start, self.active = pos, False

    def cancel(self) -> None:
        """End a drag without writing anything: the cards go back to their places."""
        ids = [item.card_id for item in self.items]
        self._end()
        self.items, self.origins = [], {}
        if ids:
            self.scene.put_back(ids)

    def started(self) -> None:
        ids = self.scene.selected_cards()
        self.items = [self.scene.card_items[i] for i in ids if i in self.scene.card_items]
        for item in self.items:
            self._lift(item)
        self.origins = {item.card_id: item.pos() for item in self.items}

    def move(self, pos: QPointF) -> None:
        if not self._begin(pos) or self.start is None:
            return
        delta = pos - self.start
        for item in self.items:
            if item.parentItem() is not None:
                self._lift(item)  # a whole new layout (another program's edit) put it back
            item.setPos(self.origins[item.card_id] + delta)
        target = self.target(pos)
        if target is None:
            self.scene.guide.hide()
        else:
            self.show_guide(target[0], target[1], tuple(self.origins))

    def target(self, pos: QPointF) -> tuple[Cell, int] | None:
        layout = self.scene.layout
        cell = self.scene.cell_seen_at(pos)
        if layout is None or cell is None:
            return None
        kind = next((lane.kind for lane in self.scene.lanes if lane.id == cell.lane_id), "")
        if kind in FIGURE_LANES:
            return None  # a lane of figures holds no card
        boxes = layout.cards
        others = [c for c in cell.card_ids if c not in self.origins]
        # The cards are stacked downwards: count those whose middle is above the mouse.
        index = bisect_left(others, pos.y(), key=lambda c: boxes[c].rect.y + boxes[c].rect.h / 2)
        return cell, index

    def show_guide(self, cell: Cell, index: int, excluded: tuple[int, ...]) -> None:
        """A bar across the cell where the cards will be inserted."""
        y = slot_y(self.scene, cell, index, excluded)
        style = self.scene.map_style
        rect = QRectF(
            cell.rect.x + style.cell_padding,
            y - GUIDE / 2,
            cell.rect.w - 2 * style.cell_padding,
            GUIDE,
        )
        self.scene.guide.show_at(rect)

    def release(self, pos: QPointF) -> bool:
        """Push the move; True when a drag happened (the click is then consumed)."""
        target = self.target(pos) if self.active else None
        ids = [item.card_id for item in self.items]
        if not self._end():
            return False
        self.items, self.origins = [], {}
        if target is not None and ids and self._changes(ids, target[0], target[1]):
            cell, index = target
            command = edits.move_cards(self.scene.document, ids, cell.stage_id, cell.lane_id, index)
            self.scene.document.push(command)
        self.scene.put_back(ids)  # into their rows, on their boxes (new ones if moved)
        return True

    @staticmethod
    def _lift(item: CardItem) -> None:
        """Take a dragged card out of its row, to be drawn over every row (`put_back`
        returns it). Raising its row instead would have Qt repaint all the row's cards
        at the drag's start and end: nearly the whole window on a tall map."""
        at = item.scenePos()
        item.setParentItem(None)  # type: ignore[arg-type]  # Qt: no parent; not in the stub
        item.setPos(at)
        item.setZValue(Z_DRAGGED)

    def _changes(self, ids: list[int], cell: Cell, index: int) -> bool:
        """False when the cards would land exactly where they already are."""
        current = list(cell.card_ids)
        others = [c for c in current if c not in ids]
        return others[:index] + ids + others[index:] != current


def slot_y(scene: MapScene, cell: Cell, index: int, excluded: tuple[int, ...] = ()) -> float:
    """The height, in the middle of the gap, where a card inserted at `index` of `cell`
    goes (the cards in `excluded` left out): the guide of a drag, a new card typed in."""
    layout = scene.layout
    assert layout is not None
    style = scene.map_style
    others = [c for c in cell.card_ids if c not in excluded]
    if index < len(others):
        return float(layout.cards[others[index]].rect.y - style.card_gap / 2)
    if others:
        return float(layout.cards[others[-1]].rect.bottom + style.card_gap / 2)
    if cell.lane_id in layout.curves:
        return float(layout.curves[cell.lane_id].area.bottom + style.cell_padding)
    return float(cell.rect.y + style.cell_padding)


class HeaderDrag(Gesture):
    """Dragging a stage or lane header to reorder it, or its edge to resize it."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.item: HeaderItem | None = None
        self.resizing = False

    def press(self, item: HeaderItem, pos: QPointF, on_edge: bool) -> None:
        self.item, self.resizing = item, on_edge
        self.start, self.active = pos, False

    def cancel(self) -> None:
        self._end()
        self.item = None

    def _size(self, pos: QPointF) -> float:
        assert self.item is not None and self.start is not None
        rect = self.item.header.rect
        style = self.scene.map_style
        if self.item.is_stage:
            return max(style.min_stage_width, rect.w + pos.x() - self.start.x())
        return max(style.min_lane_height, rect.h + pos.y() - self.start.y())

    def _index(self, pos: QPointF) -> int:
        layout = self.scene.layout
        assert layout is not None and self.item is not None
        if self.item.is_stage:
            return layout.stage_index_at(pos.x())
        return layout.lane_index_at(pos.y())

    def move(self, pos: QPointF) -> None:
        if self.item is None or not self._begin(pos):
            return
        rect = self.item.header.rect
        layout = self.scene.layout
        assert layout is not None
        if self.resizing:
            size = self._size(pos)
            if self.item.is_stage:
                guide = QRectF(rect.x + size - GUIDE / 2, 0, GUIDE, layout.height)
            else:
                guide = QRectF(0, rect.y + size - GUIDE / 2, layout.width, GUIDE)
            self.scene.guide.show_at(guide)
        elif self.item.is_stage:
            self.guide_stage(self._index(pos))
        else:
            self.guide_lane(self._index(pos))

    def guide_stage(self, index: int) -> None:
        layout = self.scene.layout
        assert layout is not None
        stages = layout.stages
        x = stages[index].rect.x if index < len(stages) else layout.width
        self.scene.guide.show_at(QRectF(x - GUIDE / 2, 0, GUIDE, layout.height))

    def guide_lane(self, index: int) -> None:
        layout = self.scene.layout
        assert layout is not None
        lanes = layout.lanes
        y = lanes[index].rect.y if index < len(lanes) else layout.height
        self.scene.guide.show_at(QRectF(0, y - GUIDE / 2, layout.width, GUIDE))

    def release(self, pos: QPointF) -> None:
        item, layout = self.item, self.scene.layout
        if item is None or layout is None or not self.active:
            self._end()
            return
        size = round(self._size(pos), 1)
        index = self._index(pos)
        resizing = self.resizing
        self._end()
        document = self.scene.document
        if resizing and item.is_stage:
            document.push(edits.edit_stage(document, item.entity_id, width=size))
        elif resizing:
            document.push(edits.edit_lane(document, item.entity_id, height=size))
        else:
            headers = layout.stages if item.is_stage else layout.lanes
            current = next(i for i, h in enumerate(headers) if h.id == item.entity_id)
            if index > current:
                index -= 1
            if index != current:
                move = edits.move_stage if item.is_stage else edits.move_lane
                document.push(move(document, item.entity_id, index))


class PointDrag(Gesture):
    """Dragging an emotion face up or down; it snaps to the five levels as it goes."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.item: PointItem | None = None
        self.value = 0

    def press(self, item: PointItem, pos: QPointF) -> None:
        self.item, self.value = item, item.value
        self.start, self.active = pos, False

    def cancel(self) -> None:
        """The face and the line back where they were."""
        item = self.item
        self._end()
        self.item = None
        if item is not None:
            self.scene.put_back(lane_id=item.lane_id)

    def reach(self) -> QRectF | None:
        """The dragged face's levels, from its lane's top to its bottom, at its stage:
        the edge scroll goes no further (a face moves up and down only)."""
        if self.item is None:
            return None
        curve = self.item.curve
        return QRectF(curve.points[self.item.index].x, curve.area.y, 0, curve.area.h)

    def move(self, pos: QPointF) -> None:
        if self.item is None or not self._begin(pos):
            return
        curve = self.item.curve
        self.value = curve.value_at(pos.y(), self.scene.map_style)
        self.item.preview(self.value)
        self._preview_curve(curve, self.item.index, self.value)

    def _preview_curve(self, curve: CurveBox, index: int, value: int) -> None:
        """Redraw the line through the dragged face's new height."""
        item = self.scene.curve_items.get(curve.lane_id)
        if item is None:
            return
        style = self.scene.map_style
        top = curve.area.y + style.curve_padding
        span = curve.area.h - 2 * style.curve_padding
        points = [(p.x, p.y) for p in curve.points]
        points[index] = (points[index][0], top + (2 - value) / 4 * span)
        item.set_segments(smooth(points))

    def release(self, pos: QPointF) -> None:
        item, value = self.item, self.value
        if not self._end() or item is None:
            return
        self.item = None
        if value == item.value:
            self.scene.put_back(lane_id=item.lane_id)
            return
        command = edits.set_emotion(self.scene.document, item.lane_id, item.stage_id, value)
        if not self.scene.document.push(command):
            self.scene.put_back(lane_id=item.lane_id)
