"""Draws primitives with QPainter: the canvas, PNG, SVG and print all come through here."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from itertools import islice

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from journeyeditor.render import fonts
from journeyeditor.render.colors import rgba
from journeyeditor.render.primitives import (
    Box,
    Circle,
    Curve,
    Group,
    Line,
    Picture,
    Polygon,
    Primitive,
    Text,
)

ImageSource = Callable[[int], QImage | None]
RASTER = QPaintEngine.Type.Raster
AA = QPainter.RenderHint.Antialiasing


@lru_cache(maxsize=1)
def family() -> str:
    """Load the shipped font into Qt once; its family name."""
    for path in (fonts.REGULAR, fonts.BOLD):
        QFontDatabase.addApplicationFont(str(path))
    return fonts.FAMILY


@lru_cache(maxsize=64)
def font(size: float, bold: bool) -> QFont:
    """The shipped font at a pixel size, unhinted and unkerned like the PDF's."""
    qfont = QFont(family())
    qfont.setPixelSize(max(1, round(size)))
    qfont.setBold(bold)
    qfont.setKerning(False)
    qfont.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    qfont.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return qfont


@lru_cache(maxsize=1024)
def qcolor(color: str) -> QColor:
    r, g, b, a = rgba(color)
    return QColor(r, g, b, a)


@lru_cache(maxsize=256)
def _pen(color: str | None, width: float, dash: tuple[float, ...] = ()) -> QPen:
    """A pen, made once per colour, width and dash (maps use a handful: a canvas repaint
    sets hundreds); Qt copies it when it is set."""
    if color is None or width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(qcolor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setDashPattern([d / width for d in dash])
    return pen


@lru_cache(maxsize=256)
def _brush(color: str | None) -> QBrush:
    return QBrush(qcolor(color)) if color else QBrush(Qt.BrushStyle.NoBrush)


def box_look(box: Box) -> tuple[QPen, QBrush]:
    """The pen and brush `paint` draws a box with (for an item Qt draws by itself)."""
    return _pen(box.stroke, box.width, box.dash), _brush(box.fill)


def go_crisp(painter: QPainter) -> bool:
    """Turn antialiasing off for a crisp box when the painter draws pixels upright
    (only scaled and moved); whether it did (the caller turns it back on). On paper or
    in a vector file nothing changes: their edges are exact anyway."""
    if (
        not painter.testRenderHint(AA)
        or painter.worldTransform().isRotating()  # turned, sheared or in perspective
        or painter.paintEngine().type() != RASTER
    ):
        return False
    painter.setRenderHint(AA, False)
    return True


def paint(
    painter: QPainter,
    shapes: Iterable[Primitive],
    images: ImageSource | None = None,
    outlines: bool = False,
    start: int = 0,
) -> None:
    """Draw `shapes` in order, from the `start`th; pictures are looked up by id through
    `images`.

    With `outlines`, text is drawn as the font's glyph outlines, filled: an SVG made so
    looks the same where the font is not installed, but its text cannot be selected.
    """
    for shape in islice(shapes, start, None):
        if isinstance(shape, Group):
            painter.save()
            painter.translate(shape.dx, shape.dy)
            paint(painter, shape.items, images, outlines)
            painter.restore()
        elif isinstance(shape, Text):
            _text(painter, shape, outlines)
        elif isinstance(shape, Box):
            pen, brush = box_look(shape)
            painter.setPen(pen)
            painter.setBrush(brush)
            r = shape.rect
            rect = QRectF(r.x, r.y, r.w, r.h)
            if shape.radius:
                painter.drawRoundedRect(rect, shape.radius, shape.radius)
            elif shape.crisp and go_crisp(painter):
                painter.drawRect(rect)
                painter.setRenderHint(AA)
            else:
                painter.drawRect(rect)
        elif isinstance(shape, Circle):
            painter.setPen(_pen(shape.stroke, shape.width))
            painter.setBrush(_brush(shape.fill))
            painter.drawEllipse(QPointF(shape.cx, shape.cy), shape.r, shape.r)
        elif isinstance(shape, Line):
            painter.setPen(_pen(shape.stroke, shape.width, shape.dash))
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif isinstance(shape, Polygon):
            painter.setPen(_pen(shape.stroke, shape.width))
            painter.setBrush(_brush(shape.fill))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif isinstance(shape, Curve):
            path = QPainterPath(QPointF(*shape.segments[0][0]))
            for _start, c1, c2, end in shape.segments:
                path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
            painter.setPen(_pen(shape.stroke, shape.width))
            painter.setBrush(_brush(shape.fill))
            painter.drawPath(path)
        elif isinstance(shape, Picture) and images is not None:
            _picture(painter, shape, images)


def _text(painter: QPainter, shape: Text, outlines: bool) -> None:
    line = shape.line
    if outlines:
        path = QPainterPath()
        path.addText(QPointF(line.x, line.y), font(line.size, line.bold), line.text)
        painter.fillPath(path, qcolor(shape.color))
        return
    painter.setFont(font(line.size, line.bold))
    painter.setPen(qcolor(shape.color))
    painter.drawText(QPointF(line.x, line.y), line.text)


def _picture(painter: QPainter, shape: Picture, images: ImageSource) -> None:
    image = images(shape.image_id)
    if image is None or image.isNull():
        return
    r = shape.rect
    scale = min(r.w / image.width(), r.h / image.height())
    w, h = image.width() * scale, image.height() * scale
    target = QRectF(r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h)
    painter.drawImage(target, image)


HEADS_BYTES = 24 * 2**20
"""Memory the rendered leading runs of `paint_on_clear` may hold (a card's run at 100 %
is about 100 kB; the oldest unused go first)."""


class _Heads:
    """Rendered leading runs of shapes, by what decides their pixels."""

    def __init__(self) -> None:
        self.images: OrderedDict[Hashable, QImage] = OrderedDict()
        self.size = 0

    def get(self, key: Hashable) -> QImage | None:
        image = self.images.get(key)
        if image is not None:
            self.images.move_to_end(key)
        return image

    def put(self, key: Hashable, image: QImage) -> None:
        self.images[key] = image
        self.size += image.sizeInBytes()
        while self.size > HEADS_BYTES and len(self.images) > 1:
            self.size -= self.images.popitem(last=False)[1].sizeInBytes()

    def clear(self) -> None:
        self.images.clear()
        self.size = 0


heads = _Heads()


def _head_key(shape: Primitive) -> Hashable | None:
    """What decides a shape's pixels, hashable; None for a shape no run may hold (text,
    pictures, groups: they differ from card to card or cannot be keyed)."""
    if isinstance(shape, Box):
        r = shape.rect
        look = (shape.fill, shape.stroke, shape.width, shape.radius, shape.dash, shape.crisp)
        return (r.x, r.y, r.w, r.h, *look)
    if isinstance(shape, Circle | Line | Polygon):
        return shape
    return None


def _whole_scale(t: QTransform) -> bool:
    """Whether `t` only scales by a whole number and moves: cards at such a zoom sit at
    the same fraction of a pixel and share pictures (at 137 % each would have its own)."""
    return (
        t.m12() == 0
        and t.m21() == 0
        and t.m13() == 0
        and t.m23() == 0
        and t.m11() == t.m22()
        and t.m11() >= 1
        and t.m11().is_integer()
    )


def paint_on_clear(
    painter: QPainter, shapes: Sequence[Primitive], images: ImageSource | None = None
) -> None:
    """`paint`, for a painter whose device is transparent wherever the shapes fall (an
    item's cache being filled: the caller knows).

    The run of plain shapes before the first text (a card's shadow, body, strip and
    evidence mark: three antialiased rounded rectangles cost more than its text) is the
    same on most cards of a lane: at a whole-number zoom it is drawn once per look,
    device size and transform into a transparent image of the device's size and copied.
    Source-over onto transparent pixels writes the source's very pixels, so the result
    is the one drawing the shapes gives.
    """
    keys: list[Hashable] = []
    for shape in shapes:
        key = _head_key(shape)
        if key is None:
            break
        keys.append(key)
    device = painter.device()
    t = painter.worldTransform()
    if (
        len(keys) < 2
        or not _whole_scale(t)
        or not isinstance(device, QPixmap)
        or painter.opacity() != 1.0
        or painter.compositionMode() != QPainter.CompositionMode.CompositionMode_SourceOver
    ):
        paint(painter, shapes, images)
        return
    key = (
        tuple(keys),
        device.width(),
        device.height(),
        device.devicePixelRatio(),
        (t.m11(), t.m12(), t.m13(), t.m21(), t.m22(), t.m23(), t.m31(), t.m32(), t.m33()),
        painter.renderHints(),
    )
    image = heads.get(key)
    if image is None:
        image = QImage(device.width(), device.height(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(device.devicePixelRatio())
        image.fill(Qt.GlobalColor.transparent)
        drawer = QPainter(image)
        drawer.setRenderHints(painter.renderHints())
        drawer.setWorldTransform(t)
        paint(drawer, shapes[: len(keys)])
        drawer.end()
        heads.put(key, image)
    painter.save()
    painter.resetTransform()
    painter.drawImage(QPointF(0, 0), image)
    painter.restore()
    paint(painter, shapes, images, False, len(keys))
