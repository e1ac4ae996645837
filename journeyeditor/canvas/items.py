"""The scene's items. Each draws its piece of the shared layout through the Qt painter.

Items hold no map data of their own beyond the layout box they were last given;
gestures are handed to the scene's controllers, which push commands.
"""

from __future__ import annotations

from dataclasses import fields, replace
from operator import attrgetter
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeyeditor.render import drawing, icons, qt_painter
from journeyeditor.render.layout import (
    Bezier,
    CardBox,
    CardIn,
    Cell,
    Curve,
    CurvePoint,
    Header,
    Measure,
    Rect,
    TextLine,
)
from journeyeditor.render.primitives import Box, Primitive

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene

SELECTION = QColor("#2f6fdb")
HIGHLIGHT = QColor("#ffb000")
EDGE = 6.0
LOD_TEXT = 0.35
FADED_OVERVIEW = 0.18

Z_CELL, Z_HEADER, Z_CURVE, Z_CARD, Z_POINT, Z_DRAGGED, Z_OVERLAY = 0, 1, 2, 3, 4, 5, 10
"""Stacking: a dragged card (out of its row) over every card, face and row; the guide
showing where it lands over it."""
Z_PINNED, Z_PINNED_CORNER = 6.0, 7.0
"""Headers held at the window's edge (`Pinned`) pass over the cards scrolled under them;
the corner, held at both edges, over the headers (`MapScene._apply_pins`)."""


class Pinned:
    """A header held at the window's top or left edge while the map scrolls past it:
    `pin` is how far it is moved from its place, added to any move of its own (`place`).
    A pinned header is drawn over the cards (`Z_PINNED`); at its place, as laid out."""

    pin = QPointF()
    dy = 0.0

    def place(self, dy: float) -> None:
        """At `dy` below the drawn place, plus the pin."""
        self.dy = dy
        item = cast("QGraphicsItem", self)
        item.setPos(self.pin.x(), dy + self.pin.y())

    def set_pin(self, pin: QPointF, z: float) -> None:
        if pin != self.pin:
            self.pin = QPointF(pin)
            self.place(self.dy)
        item = cast("QGraphicsItem", self)
        item.setZValue(Z_HEADER if pin.isNull() else z)


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


def _fills_own_cache(item: QGraphicsItem, painter: QPainter) -> bool:
    """Whether `painter` fills the item's cached picture: a pixmap Qt has just made
    transparent, no larger than the item on screen (not a scene drawn into a pixmap)."""
    device = painter.device()
    if item.cacheMode() == QGraphicsItem.CacheMode.NoCache or not isinstance(device, QPixmap):
        return False
    bound = painter.worldTransform().mapRect(item.boundingRect())
    size = device.deviceIndependentSize()
    return size.width() <= bound.width() + 4 and size.height() <= bound.height() + 4


SHIFT_TOLERANCE = 1e-6
"""How far, in pixels, a moved box's heights may stray from its old ones moved (the
layout adds the row's new top in another order)."""


def _rect_moved(old: Rect | None, new: Rect | None, dy: float) -> bool:
    if old is None or new is None:
        return old is new
    return (
        old.x == new.x
        and old.w == new.w
        and old.h == new.h
        and abs(new.y - old.y - dy) <= SHIFT_TOLERANCE
    )


def _lines_moved(old: tuple[TextLine, ...], new: tuple[TextLine, ...], dy: float) -> bool:
    return len(old) == len(new) and all(
        a.text == b.text
        and a.x == b.x
        and a.size == b.size
        and a.bold == b.bold
        and abs(b.y - a.y - dy) <= SHIFT_TOLERANCE
        for a, b in zip(old, new, strict=True)
    )


def header_moved(old: Header, new: Header, dy: float) -> bool:
    """Whether the header `new` is `old` moved down by `dy` and otherwise alike (a row
    above grew or shrank): its item keeps its shapes and cached picture, and moves."""
    return (
        old.id == new.id
        and old.color == new.color
        and old.kind == new.kind
        and _rect_moved(old.rect, new.rect, dy)
        and _rect_moved(old.icon, new.icon, dy)
        and _lines_moved(old.lines, new.lines, dy)
        and _lines_moved(old.sub_lines, new.sub_lines, dy)
    )


def _segments_moved(old: tuple[Bezier, ...], new: tuple[Bezier, ...], dy: float) -> bool:
    return len(old) == len(new) and all(
        a[0] == b[0] and abs(b[1] - a[1] - dy) <= SHIFT_TOLERANCE
        for s, t in zip(old, new, strict=True)
        for a, b in zip(s, t, strict=True)
    )


def curve_moved(old: Curve, new: Curve, dy: float) -> bool:
    """Whether the line and guide of `new` are those of `old` moved down by `dy` (a row
    above grew or shrank): the curve's items keep their pictures, and move."""
    return (
        old.lane_id == new.lane_id
        and _rect_moved(old.area, new.area, dy)
        and _segments_moved(old.segments, new.segments, dy)
    )


def point_moved(old: CurvePoint, new: CurvePoint, dy: float) -> bool:
    """Whether the face `new` (with its note) is `old` moved down by `dy`."""
    return (
        old.stage_id == new.stage_id
        and old.x == new.x
        and old.value == new.value
        and old.samples == new.samples
        and abs(new.y - old.y - dy) <= SHIFT_TOLERANCE
        and _rect_moved(old.note_box, new.note_box, dy)
        and _lines_moved(old.note_lines, new.note_lines, dy)
    )


def words_shift(old: Header, new: Header) -> float | None:
    """How far below the name, date and pictogram of lane header `old` those of `new`
    sit when they are otherwise alike (the row grew or shrank, its name stays centred),
    None when they differ: the words keep their cached picture and move."""
    if (old.id, old.kind, old.rect.x, old.rect.w) != (new.id, new.kind, new.rect.x, new.rect.w):
        return None
    first, then = (old.lines or old.sub_lines)[:1], (new.lines or new.sub_lines)[:1]
    if first and then:
        dy = then[0].y - first[0].y
    elif old.icon is not None and new.icon is not None:
        dy = new.icon.y - old.icon.y
    else:
        dy = 0.0
    alike = (
        _lines_moved(old.lines, new.lines, dy)
        and _lines_moved(old.sub_lines, new.sub_lines, dy)
        and _rect_moved(old.icon, new.icon, dy)
    )
    return dy if alike else None


WORDS_PAD = 8.0
"""Room kept between a lane's name held in sight and the window's edge or the pinned
stage headers (scene units)."""
ASCENT, DESCENT = 1.25, 0.5
"""Room above and below a line's baseline, in font sizes (more than any glyph takes)."""


def words_rect(header: Header) -> QRectF:
    """Where a lane header's words and pictogram fall, within the header."""
    r = header.rect
    spans = [(t.y - t.size * ASCENT, t.y + t.size * DESCENT) for t in header.lines]
    spans += [(t.y - t.size * ASCENT, t.y + t.size * DESCENT) for t in header.sub_lines]
    if header.icon is not None:
        spans.append((header.icon.y - 1, header.icon.bottom + 1))
    if not spans:
        return QRectF()
    top = max(r.y, min(a for a, _b in spans))
    bottom = min(r.bottom, max(b for _a, b in spans))
    return QRectF(r.x, top, r.w, max(0.0, bottom - top))


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


GROWTH_ROOM = 1024.0
"""How far below the box it draws a grid box's (or an empty cell's) rectangle reaches
(scene units)."""


def kept_room(room: QRectF, box: QRectF) -> bool:
    """Whether an item's rectangle `room` still holds `box` with its bottom within the
    room below: same top, same width, the bottom moved by less than the room."""
    return (
        room.topLeft() == box.topLeft()
        and room.width() == box.width()
        and box.bottom() <= room.bottom() <= box.bottom() + 2 * GROWTH_ROOM
    )


class GridBox(QGraphicsRectItem):
    """A cell's or a lane header's box, uncached: Qt fills and strokes it, crisp like
    every grid box (`qt_painter.go_crisp`), which on screen also spares antialiasing the
    largest fills of each repaint.

    It draws `shown`; its rectangle, which bounds what Qt repaints for it, reaches
    `GROWTH_ROOM` lower. A row that grows or shrinks within that room keeps the
    rectangle, and only the strip between the box's old and new bottom is repainted:
    a new rectangle has Qt repaint both whole, the row's full height across the
    window (on a tall map, the whole window) at every card moved into its tallest cell.
    """

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.shown = QRectF()

    def set_box(self, box: QRectF) -> None:
        """Draw `box`, within the rectangle kept when only its bottom moved by little."""
        old = self.shown
        self.shown = box
        if not kept_room(self.rect(), box):
            self.setRect(box.adjusted(0.0, 0.0, 0.0, GROWTH_ROOM))  # Qt repaints all of it
        elif old != box:
            pad = self.pen().widthF() + 3.0  # the edge, drawn a pixel wide however far out
            top, bottom = sorted((old.bottom(), box.bottom()))
            self.update(
                QRectF(box.x() - pad, top - pad, box.width() + 2 * pad, bottom - top + 2 * pad)
            )

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        crisp = qt_painter.go_crisp(painter)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRect(self.shown)
        if crisp:
            painter.setRenderHint(qt_painter.AA)


OverviewCard = tuple[QRectF, str, bool, bool]
"""A card as the overview draws it: rectangle, fill, selected, faded."""


class CellItem(ShapesItem):
    """One stage × lane cell: its background, a measurement cell's figures; far zoomed
    out, its cards as plain blocks.

    The background (one rectangle) is a child item Qt fills and strokes, uncached and
    crisp (`GridBox`): filling an opaque rectangle costs less than blending a
    cached picture of it, and a cell whose height an edit changed needs no new picture.
    The cell itself paints only figures, the current-cell outline and, far zoomed out,
    its background under the overview's blocks; it has no contents without them.
    Drawing a cell's cards in one paint call, instead of one call per card item, is what
    keeps a whole map of thousands of cards quick to repaint at fit-to-window zoom.
    """

    def __init__(self, cell: Cell) -> None:
        super().__init__()
        self.setZValue(Z_CELL)
        self.background = GridBox(self)
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
        self._fit_rect()
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
        self._fit_rect()
        self.setPos(0.0, 0.0)
        background, *shapes = drawing.cell_shapes(cell)
        assert isinstance(background, Box)
        self.background.set_box(_qrect(background.rect))
        drawn, self.drawn_background = self.drawn_background, background
        if drawn is None or replace(drawn, rect=background.rect) != background:
            pen, brush = qt_painter.box_look(background)  # Qt repaints the whole box
            self.background.setPen(pen)
            self.background.setBrush(brush)
        if background != drawn and self.overview:
            self.update()
        if shapes != self.shapes:
            self.shapes = shapes
            self._contents_changed()

    def _fit_rect(self) -> None:
        """The item's rectangle on the cell's box; an empty cell's (no contents, so
        nothing cached) keeps `GROWTH_ROOM` below it like its `GridBox`, so that a
        row's new height does not have Qt repaint the cell whole."""
        box = _qrect(self.cell.rect).translated(0.0, self.top - self.cell.rect.y)
        if self.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents:
            if kept_room(self.rect(), box):
                return
            box.adjust(0.0, 0.0, 0.0, GROWTH_ROOM)
        if box != self.rect():
            self.setRect(box)

    def follow(self) -> None:
        """Keep up with a row that only moved (the layout gave the same cell a new `rect`
        at another height): one `setPos`, the shapes kept."""
        shift = self.cell.rect.y - self.top
        if shift != self.shift:
            self.shift = shift
            self.setPos(0.0, shift)


class CornerItem(Pinned, ShapesItem):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_HEADER)

    def set_shapes(self, shapes: list[Primitive], rect: Rect) -> None:
        """Take the title's shapes; redrawn only when they changed (every edit sets them)."""
        self.setRect(_qrect(rect))
        if shapes != self.shapes:
            self.shapes = shapes
            self.update()


class HeaderWords(ShapesItem):
    """A header's name (and a measurement lane's date and pictogram), cached apart from
    the header's box. A lane's row that grew or shrank keeps this picture and moves it
    with its centred name, where one picture of the whole header was drawn again; and
    a name out of sight moves into it (`keep_in`, `keep_across`)."""

    def __init__(self, header: HeaderItem) -> None:
        super().__init__()
        self.setParentItem(header)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.owner = header
        self.drawn: Header | None = None
        self.shift = 0.0
        """How far the words moved with their centred place since drawn."""
        self.stick = 0.0
        """How far they are moved from that place to stay in sight (`keep_in`)."""
        self.across = 0.0
        """How far a stage's name is moved right to stay in sight (`keep_across`)."""

    def set_words(self, header: Header, shapes: list[Primitive]) -> None:
        """Take the words of `header` (in the scene's coordinates: its parent sits at
        the origin); drawn again only when they changed, not when they only moved."""
        shift = words_shift(self.drawn, header) if self.drawn is not None else None
        if shift is not None:
            self.shift = shift
            self._place()
            return
        self.drawn = header
        self.shift = 0.0
        self._place()
        self.setRect(words_rect(header))
        self.shapes = shapes
        self.update()

    def keep_in(self, top: float, bottom: float) -> None:
        """Keep the words in sight between the scene heights `top` and `bottom` (the
        part of the map the window shows): centred in a lane taller than the window, a
        lane's name would be out of sight wherever its cards are seen. Out of sight at
        their centred place, they go to the top of the lane's part in sight, inside
        their header, as a list's section titles stick; where that place is in sight
        they stay there, as exports draw them."""
        stick = 0.0
        if self.drawn is not None and top < bottom:
            words = words_rect(self.drawn).translated(0.0, self.shift + self.owner.dy)
            rect = self.owner.header.rect
            pad = min(WORDS_PAD, rect.h / 4)
            highest = rect.y + pad - words.top()  # the words' top at the header's top
            lowest = rect.bottom - pad - words.bottom()
            seen = top + pad <= words.top() and words.bottom() <= bottom - pad
            want = 0.0 if seen else top + pad - words.top()  # out of sight: at the top
            if highest <= lowest:
                stick = max(highest, min(lowest, want))
        if stick != self.stick:
            self.stick = stick
            self._place()

    def keep_across(self, left: float, right: float, measure: Measure) -> None:
        """Keep a stage's name in sight between the scene x `left` and `right` (the part
        of the map the window shows right of the pinned lane headers): with the stage's
        left edge scrolled under them, its name slides right into the part in sight,
        inside its header, as far as its width lets it."""
        across = 0.0
        header = self.drawn
        if header is not None and header.lines and left < right:
            rect = self.owner.header.rect
            start = min(line.x for line in header.lines)
            end = max(line.x + measure(line.text, line.size, line.bold) for line in header.lines)
            pad = start - header.rect.x  # where the layout puts the name
            if start < left + pad:
                across = min(left + pad - start, rect.right - pad - end)
        across = max(0.0, across)
        if across != self.across:
            self.across = across
            self._place()

    def _place(self) -> None:
        self.setPos(self.across, self.shift + self.stick)


class HeaderItem(Pinned, ShapesItem):
    """A stage header (column) or lane header (row): drag to reorder, edge to resize.

    A stage header is one cached picture. A lane header's row grows and shrinks with its
    cards, so its box and accent strip are uncached children Qt draws (`GridBox`, a
    rectangle) and its words a cached child (`HeaderWords`) that such a change only
    moves; the item itself draws only its selection."""

    def __init__(self, header: Header, is_stage: bool) -> None:
        super().__init__()
        self.is_stage = is_stage
        self.setZValue(Z_HEADER)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if not is_stage:
            self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            self.box = GridBox(self)
            self.strip = QGraphicsRectItem(self)
            for part in (self.box, self.strip):
                part.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
                part.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.words = HeaderWords(self)
        self.set_header(header)

    @property
    def entity_id(self) -> int:
        return self.header.id

    def set_header(self, header: Header) -> None:
        """Take a new box of the header. One that only moved (a row above grew) keeps
        its shapes and picture, drawn where `drawn` was, and the item moves."""
        self.header = header
        drawn = getattr(self, "drawn", None)
        dy = header.rect.y - drawn.rect.y if drawn is not None else 0.0
        if drawn is not None and header_moved(drawn, header, dy):
            self.place(dy)
            return
        self.drawn = header
        self.place(0.0)
        self.setRect(_qrect(header.rect))
        if self.is_stage:
            box, shade, *words = drawing.stage_shapes(header)
            self.shapes = [box, shade]
            self.words.set_words(header, words)
            self.update()
            return
        box, strip, *words = drawing.lane_shapes(header)
        assert isinstance(box, Box) and isinstance(strip, Box)
        self.box.set_box(_qrect(box.rect))
        self.strip.setRect(_qrect(strip.rect))
        for part, shape in ((self.box, box), (self.strip, strip)):
            pen, brush = qt_painter.box_look(shape)
            part.setPen(pen)
            part.setBrush(brush)
        self.words.set_words(header, words)
        self.update()

    def on_edge(self, pos: QPointF) -> bool:
        """Whether `pos` (the item's coordinates: where `drawn` is) is on the edge."""
        r = self.drawn.rect
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
        if self.is_stage:
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


class CardFace(ShapesItem):
    """A card's picture, the child of its `CardItem`: kept apart from the item that is
    selected, because Qt repaints an item whose selection changes; the face's cached
    picture survives selecting, dragging and moving the card."""

    def __init__(self, card: CardItem) -> None:
        super().__init__()
        self.card = card
        self.setParentItem(card)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        box = self.card.box
        assert box is not None
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qt_painter.qcolor(drawing.card_fill(box)))
            painter.drawRect(QRectF(0, 0, box.rect.w, box.rect.h))
            return
        if not self.shapes:
            scene = self.map_scene()
            self.shapes = drawing.card_shapes(box, scene.labels, scene.measure)
        if _fills_own_cache(self, painter):
            qt_painter.paint_on_clear(painter, self.shapes, self.image)
        else:
            qt_painter.paint(painter, self.shapes, self.image)


class CardOutline(QGraphicsRectItem):
    """The selection and find outlines over a card, made the first time the card is
    selected or highlighted; cached like the face (a repaint blits both)."""

    def __init__(self, card: CardItem) -> None:
        super().__init__(card.rect(), card)
        self.card = card
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        box = self.card.box
        assert box is not None
        rect = QRectF(0, 0, box.rect.w, box.rect.h)
        if self.card.highlighted:
            painter.setPen(QPen(HIGHLIGHT, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
        if self.card.isSelected():
            painter.setPen(QPen(SELECTION, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 6, 6)


class CardItem(QGraphicsRectItem):
    """A card: selectable, draggable between and inside cells, double-click to edit.
    It draws nothing itself: its `face` child draws the card (cached), its outline
    child the selection and find highlight, so neither invalidates the other."""

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(Z_CARD)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.box: CardBox | None = None
        self.highlighted = False
        self.overview = False
        self.face = CardFace(self)
        self.outline: CardOutline | None = None
        self.set_box(box)

    @property
    def card_id(self) -> int:
        assert self.box is not None
        return self.box.card.id

    @property
    def shapes(self) -> list[Primitive]:
        """The face's shapes (empty until first drawn, and again when the card changed)."""
        return self.face.shapes

    def map_scene(self) -> MapScene:
        return cast("MapScene", self.scene())

    def set_box(self, box: CardBox, top: float = 0.0) -> None:
        """Take a new layout box; repaint only when the card looks different. `top` is
        where the parent row item starts (the item's place is relative to it)."""
        old = self.box
        self.box = box
        if old is None or old.rect.w != box.rect.w or old.rect.h != box.rect.h:
            rect = QRectF(-2, -2, box.rect.w + 6, box.rect.h + 6)
            self.setRect(rect)
            self.face.setRect(rect)
            if self.outline is not None:
                self.outline.setRect(rect)
        self.setPos(box.rect.x, box.rect.y - top)
        if old is None or not drawn_alike(old, box):
            self.face.shapes = []
            self.face.update()
            if self.outline is not None:
                self.outline.update()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.show_outline()

    def set_overview(self, on: bool) -> None:
        """Far zoomed out the cell draws the card as a block: the item paints nothing
        (it still takes clicks and drags)."""
        if on != self.overview:
            self.overview = on
            self.face.setVisible(not on)
            self.show_outline()

    def show_outline(self) -> None:
        """The outline shown while the card is selected or highlighted (the scene calls
        this when the selection changes)."""
        shown = not self.overview and (self.highlighted or self.isSelected())
        if shown and self.outline is None:
            self.outline = CardOutline(self)
        if self.outline is not None:
            self.outline.setVisible(shown)
            self.outline.update()

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
        self.drawn: Curve | None = None
        """The curve the pictures are drawn for, in the item's coordinates (a curve
        only moved down by a row above is drawn where it was, and the item moves)."""
        self.set_curve(curve)

    def set_curve(self, curve: Curve) -> None:
        drawn = self.drawn
        self.curve = curve
        dy = curve.area.y - drawn.area.y if drawn is not None else 0.0
        if drawn is not None and curve_moved(drawn, curve, dy):
            self.setPos(0.0, dy)
            self._set_pieces(drawn.segments)  # a drag's preview undone
            return
        self.drawn = curve
        self.setPos(0.0, 0.0)
        area = curve.area
        # Around the guide alone (a dashed line across the lane's middle): a picture
        # the lane's height would be blended at every repaint, nearly all of it empty.
        rect = QRectF(area.x, area.y + area.h / 2, area.w, 0).adjusted(-4, -4, 4, 4)
        if not self.shapes or rect != self.rect():
            self.setRect(rect)
            self.shapes = drawing.curve_guide_shapes(curve)
            self.update()
        self._set_pieces(curve.segments)

    def set_segments(self, segments: tuple[Bezier, ...]) -> None:
        """The line through `segments` (scene coordinates: a drag's preview)."""
        dy = self.y()
        if dy:
            segments = tuple(
                cast("Bezier", tuple((x, y - dy) for x, y in segment)) for segment in segments
            )
        self._set_pieces(segments)

    def _set_pieces(self, segments: tuple[Bezier, ...]) -> None:
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
        self.drawn = curve.points[index]
        """The face the shapes are drawn for, in the item's coordinates (a face only
        moved down by a row above is drawn where it was, and the item moves)."""
        self.shown = 0
        """The value a drag's preview last drew."""
        self.set_point(curve, index)

    def set_point(self, curve: Curve, index: int) -> None:
        """Take the face at `index` of a new curve; a face drawn as before (another face
        of the curve changed), or only moved down, keeps its shapes, unless a drag
        changed them."""
        point, drawn = curve.points[index], self.drawn
        dy = point.y - drawn.y
        kept = not self.previewed and point_moved(drawn, point, dy)
        self.curve, self.index, self.previewed = curve, index, False
        if kept:
            self.setPos(0.0, dy)
            return
        self.drawn = point
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
        point = self.drawn
        path = QPainterPath()
        path.addEllipse(QPointF(point.x, point.y), self.radius + 3, self.radius + 3)
        return path

    def preview(self, value: int) -> None:
        """Show the face at `value` while dragging, before anything is saved."""
        point = self.drawn
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
            point = self.drawn
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
