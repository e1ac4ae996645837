"""Draws primitives with QPainter: the canvas, PNG, SVG and print all come through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
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


def paint(
    painter: QPainter,
    shapes: Iterable[Primitive],
    images: ImageSource | None = None,
    outlines: bool = False,
) -> None:
    """Draw `shapes` in order; pictures are looked up by id through `images`.

    With `outlines`, text is drawn as the font's glyph outlines, filled: an SVG made so
    looks the same where the font is not installed, but its text cannot be selected.
    """
    for shape in shapes:
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
