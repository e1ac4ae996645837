"""The scene's items. Each draws its piece of the shared layout through the Qt painter.

Items hold no map data of their own beyond the layout box they were last given;
gestures are handed to the scene's controllers, which push commands.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeyeditor.render import drawing, icons, qt_painter
from journeyeditor.render.layout import Bezier, CardBox, CardIn, Cell, Curve, Header, Rect
from journeyeditor.render.primitives import Box, Primitive

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene

SELECTION = QColor("#2f6fdb")
HIGHLIGHT = QColor("#ffb000")
EDGE = 6.0
LOD_TEXT = 0.35
FADED_OVERVIEW = 0.18

Z_CELL, Z_HEADER, Z_CURVE, Z_CARD, Z_POINT, Z_OVERLAY = 0, 1, 2, 3, 4, 10


_DRAWN = attrgetter(
    *(f.name for f in fields(CardIn) if f.name not in ("stage_id", "lane_id", "position", "look"))
)


def drawn_alike(old: CardBox, new: CardBox) -> bool:
    """Whether two boxes of a card draw the same picture in the card's own coordinates
    (where the card is, in which cell, does not count): a card moved to another cell
    keeps its drawing and its item's cache."""
    if old is new:
        return True
    a, b = old.card, new.card
    return (
        old.rect.w == new.rect.w
        and old.rect.h == new.rect.h
        and old.lane_kind == new.lane_kind
        and old.lines == new.lines
        and old.meta == new.meta
        and old.meta_lines == new.meta_lines
        and old.image == new.image
        and (a is b or (a.look or a) is (b.look or b) or bool(_DRAWN(a) == _DRAWN(b)))
    )


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


class ShapesItem(QGraphicsRectItem):
    """An item that paints a list of primitives, in its own coordinates, within its
    `rect()`. A rectangle item keeps its bounds on the C++ side: finding the items
    under the mouse or in the viewport never calls back into Python for them. Its
    picture is cached in device pixels (MapView sizes the cache): a repaint of the
    view blits every item that did not change instead of drawing it again."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.shapes: list[Primitive] = []

    def map_scene(self) -> MapScene:
        return cast("MapScene", self.scene())

    def image(self, image_id: int) -> QImage | None:
        """A picture of the project, for the painter (looked up only when drawn)."""
        return self.map_scene().image(image_id)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        qt_painter.paint(painter, self.shapes, self.image)


OverviewCard = tuple[QRectF, str, bool, bool]
"""A card as the overview draws it: rectangle, fill, selected, faded."""


class CellItem(ShapesItem):
    """One stage × lane cell: its background, a measurement cell's figures; far zoomed
    out, its cards as plain blocks.

    The background (one rectangle) is a child item Qt draws by itself, uncached: filling
    an opaque rectangle costs less than blending a cached picture of it, and a cell whose
    height an edit changed needs no new picture. The cell itself paints only figures, the
    current-cell outline and, far zoomed out, its background under the overview's blocks;
    it has no contents without them.
    Drawing a cell's cards in one paint call, instead of one call per card item, is what
    keeps a whole map of thousands of cards quick to repaint at fit-to-window zoom.
    """

    def __init__(self, cell: Cell) -> None:
        super().__init__()
        self.setZValue(Z_CELL)
        self.background = QGraphicsRectItem(self)
        self.background.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.drawn_background: Box | None = None
        self.overview: list[OverviewCard] = []
        self.current = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.set_cell(cell)

    def set_current(self, on: bool) -> None:
        """Outline the cell that Enter types into and Ctrl+V pastes into."""
        if on != self.current:
            self.current = on
            self._contents_changed()

    def set_overview(self, cards: list[OverviewCard]) -> None:
        if cards != self.overview:
            self.overview = cards
            self._contents_changed()

    def _contents_changed(self) -> None:
        """Far zoomed out the cell draws its background with its blocks, in its cached
        picture: dozens of small scaled rectangles filled at every paint would cost more."""
        empty = not (self.shapes or self.current or self.overview)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, empty)
        self.background.setVisible(not self.overview)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.overview and self.drawn_background is not None:
            qt_painter.paint(painter, [self.drawn_background])
        super().paint(painter, option, widget)
        if self.current:
            pen = QPen(SELECTION, 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(2, 2, -2, -2))
        if not self.overview:
            return
        painter.translate(0.0, -self.shift)  # the blocks are where the layout puts the cards
        groups: dict[tuple[str, bool], list[QRectF]] = {}
        for rect, fill, _selected, faded in self.overview:
            groups.setdefault((fill, faded), []).append(rect)
        painter.setPen(Qt.PenStyle.NoPen)
        for (fill, faded), rects in groups.items():
            painter.setOpacity(FADED_OVERVIEW if faded else 1.0)
            painter.setBrush(qt_painter.qcolor(fill))
            painter.drawRects(rects)
        painter.setOpacity(1.0)
        selected = [rect for rect, _fill, chosen, _faded in self.overview if chosen]
        if selected:
            painter.setPen(QPen(SELECTION, 0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(selected)

    def set_cell(self, cell: Cell) -> None:
        """Take a new box of the cell; the cached picture of its figures is drawn again
        only when they changed (cards moving in or out leave a cell's look alike)."""
        self.cell = cell
        self.top = cell.rect.y
        self.shift = 0.0
        self.setRect(_qrect(cell.rect))
        self.setPos(0.0, 0.0)
        background, *shapes = drawing.cell_shapes(cell)
        assert isinstance(background, Box)
        self.background.setRect(_qrect(background.rect))
        if background != self.drawn_background:
            self.drawn_background = background
            pen, brush = qt_painter.box_look(background)
            self.background.setPen(pen)
            self.background.setBrush(brush)
            if self.overview:
                self.update()
        if shapes != self.shapes:
            self.shapes = shapes
            self._contents_changed()

    def follow(self) -> None:
        """Keep up with a row that only moved (the layout gave the same cell a new `rect`
        at another height): one `setPos`, the shapes kept."""
        shift = self.cell.rect.y - self.top
        if shift != self.shift:
            self.shift = shift
            self.setPos(0.0, shift)


class CornerItem(ShapesItem):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_HEADER)

    def set_shapes(self, shapes: list[Primitive], rect: Rect) -> None:
        """Take the title's shapes; redrawn only when they changed (every edit sets them)."""
        self.setRect(_qrect(rect))
        if shapes != self.shapes:
            self.shapes = shapes
            self.update()


class HeaderItem(ShapesItem):
    """A stage header (column) or lane header (row): drag to reorder, edge to resize."""

    def __init__(self, header: Header, is_stage: bool) -> None:
        super().__init__()
        self.is_stage = is_stage
        self.setZValue(Z_HEADER)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.set_header(header)

    @property
    def entity_id(self) -> int:
        return self.header.id

    def set_header(self, header: Header) -> None:
        self.header = header
        self.setRect(_qrect(header.rect))
        self.shapes = (drawing.stage_shapes if self.is_stage else drawing.lane_shapes)(header)
        self.update()

    def on_edge(self, pos: QPointF) -> bool:
        r = self.header.rect
        if self.is_stage:
            return bool(r.right - EDGE <= pos.x() <= r.right + 1)
        return bool(r.bottom - EDGE <= pos.y() <= r.bottom + 1)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if self.on_edge(event.pos()):
            shape = Qt.CursorShape.SizeHorCursor if self.is_stage else Qt.CursorShape.SizeVerCursor
            self.setCursor(shape)
        else:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        super().paint(painter, option, widget)
        if self.isSelected():
            painter.setPen(QPen(SELECTION, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.map_scene().header_drag.press(self, event.scenePos(), self.on_edge(event.pos()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().header_drag.move(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().header_drag.release(event.scenePos())
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().edit_header(self)


class CardItem(ShapesItem):
    """A card: selectable, draggable between and inside cells, double-click to edit."""

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        self.setZValue(Z_CARD)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.box: CardBox | None = None
        self.highlighted = False
        self.set_box(box)

    @property
    def card_id(self) -> int:
        assert self.box is not None
        return self.box.card.id

    def set_box(self, box: CardBox, top: float = 0.0) -> None:
        """Take a new layout box; repaint only when the card looks different. `top` is
        where the parent row item starts (the item's place is relative to it)."""
        old = self.box
        self.box = box
        if old is None or old.rect.w != box.rect.w or old.rect.h != box.rect.h:
            self.setRect(QRectF(-2, -2, box.rect.w + 6, box.rect.h + 6))
        self.setPos(box.rect.x, box.rect.y - top)
        if old is None or not drawn_alike(old, box):
            self.shapes = []
            self.update()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        assert self.box is not None
        scene = self.map_scene()
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        rect = QRectF(0, 0, self.box.rect.w, self.box.rect.h)
        if lod < LOD_TEXT:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qt_painter.qcolor(drawing.card_fill(self.box)))
            painter.drawRect(rect)
        else:
            if not self.shapes:
                self.shapes = drawing.card_shapes(self.box, scene.labels, scene.measure)
            qt_painter.paint(painter, self.shapes, self.image)
        if self.highlighted:
            painter.setPen(QPen(HIGHLIGHT, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
        if self.isSelected():
            painter.setPen(QPen(SELECTION, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 6, 6)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.isSelected()
            and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        ):
            self.map_scene().clearSelection()
            self.setSelected(True)
        else:
            super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.map_scene().card_drag.press(event.scenePos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().card_drag.move(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.map_scene().card_drag.release(event.scenePos()):
            super().mouseReleaseEvent(event)
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if event.button() == Qt.MouseButton.LeftButton and plain:
                self.map_scene().cardClicked.emit(self.card_id)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().edit_card(self.card_id)


class RowItem(QGraphicsRectItem):
    """A lane's row, drawing nothing (an empty rectangle): its card items are its
    children, so when a row above grows the whole row moves with one `setPos`."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(Z_CARD)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)


class CurveItem(ShapesItem):
    """The emotion lane's guide, and its smooth line as one child item per segment
    (from a face to the next): a face's new value changes at most the four segments
    around it, so only their small pictures are drawn again, not a picture of the whole
    line across the map (nor the guide)."""

    def __init__(self, curve: Curve) -> None:
        super().__init__()
        self.setZValue(Z_CURVE)
        self.pieces: list[SegmentItem] = []
        self.set_curve(curve)

    def set_curve(self, curve: Curve) -> None:
        area = curve.area
        # Around the guide alone (a dashed line across the lane's middle): a picture
        # the lane's height would be blended at every repaint, nearly all of it empty.
        rect = QRectF(area.x, area.y + area.h / 2, area.w, 0).adjusted(-4, -4, 4, 4)
        if not self.shapes or rect != self.rect():
            self.setRect(rect)
            self.shapes = drawing.curve_guide_shapes(curve)
            self.update()
        self.curve = curve
        self.set_segments(curve.segments)

    def set_segments(self, segments: tuple[Bezier, ...]) -> None:
        """The line through `segments`; a segment drawn as before keeps its picture."""
        for index, segment in enumerate(segments):
            if index == len(self.pieces):
                self.pieces.append(SegmentItem(self))
            self.pieces[index].set_segment(segment)
        for piece in self.pieces[len(segments) :]:
            piece.setParentItem(None)  # type: ignore[arg-type]  # the stub omits None
            scene = piece.scene()
            if scene is not None:
                scene.removeItem(piece)
        del self.pieces[len(segments) :]


class SegmentItem(ShapesItem):
    """One segment of an emotion curve's line, inside the bounds of its control points."""

    def __init__(self, parent: CurveItem) -> None:
        super().__init__()
        self.setParentItem(parent)
        self.segment: Bezier | None = None

    def set_segment(self, segment: Bezier) -> None:
        if segment == self.segment:
            return
        self.segment = segment
        xs, ys = [x for x, _y in segment], [y for _x, y in segment]
        reach = drawing.CURVE_WIDTH
        self.setRect(
            QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(
                -reach, -reach, reach, reach
            )
        )
        self.shapes = [drawing.curve_stroke((segment,))]
        self.update()


class PointItem(ShapesItem):
    """One face on the emotion curve: drag it up or down; it snaps to −2…+2."""

    def __init__(self, curve: Curve, index: int, radius: float) -> None:
        super().__init__()
        self.setZValue(Z_POINT)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.SizeVerCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.radius = radius
        self.curve, self.index, self.previewed = curve, index, True
        self.shown = 0
        """The value a drag's preview last drew."""
        self.set_point(curve, index)

    def set_point(self, curve: Curve, index: int) -> None:
        """Take the face at `index` of a new curve; a face drawn exactly as before (another
        face of the curve moved) keeps its shapes, unless a drag changed them."""
        point = curve.points[index]
        kept = not self.previewed and self.curve.points[self.index] == point
        self.curve, self.index, self.previewed = curve, index, False
        if kept:
            return
        self.lane_id, self.stage_id, self.value = curve.lane_id, point.stage_id, point.value
        self.prepareGeometryChange()
        self.shapes = drawing.point_shapes(curve, index, self.radius)
        r = self.radius + 3
        bounds = QRectF(point.x - r, point.y - r, 2 * r, 2 * r)
        if point.note_box is not None:
            bounds = bounds.united(_qrect(point.note_box))
        if point.samples > 1:  # the "n=3" beside the face (drawing.point_shapes)
            bounds = bounds.united(QRectF(point.x, point.y - r, 5 * r, 2 * r))
        self.setRect(bounds)
        self.setPos(0, 0)
        self.update()

    def shape(self) -> QPainterPath:
        point = self.curve.points[self.index]
        path = QPainterPath()
        path.addEllipse(QPointF(point.x, point.y), self.radius + 3, self.radius + 3)
        return path

    def preview(self, value: int) -> None:
        """Show the face at `value` while dragging, before anything is saved."""
        point = self.curve.points[self.index]
        top = self.curve.area.y + self.map_scene().map_style.curve_padding
        span = self.curve.area.h - 2 * self.map_scene().map_style.curve_padding
        y = top + (2 - value) / 4 * span
        self.setPos(0, y - point.y)
        if not self.previewed or value != self.shown:
            self.shapes = icons.face(value, point.x, point.y, self.radius)
            self.update()  # moving keeps the cached picture: the old face's
        self.previewed, self.shown = True, value

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        super().paint(painter, option, widget)
        if self.isSelected():
            point = self.curve.points[self.index]
            painter.setPen(QPen(SELECTION, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(point.x, point.y), self.radius + 3, self.radius + 3)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self.map_scene().point_drag.press(self, event.scenePos())

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().point_drag.move(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.map_scene().point_drag.release(event.scenePos())
        super().mouseReleaseEvent(event)


class GuideItem(QGraphicsItem):
    """A drop indicator: where a dragged card, stage or lane will land."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_OVERLAY)
        self.rect = QRectF()
        self.hide()

    def show_at(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.rect = rect
        self.show()

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SELECTION)
        painter.drawRoundedRect(self.rect, 2, 2)


def scene_rect(rect: Rect) -> QRectF:
    return _qrect(rect)
