"""Draws primitives and sheets with reportlab: vector PDF pages, the font embedded.

The canvas is opened top-down (reportlab's `bottomup=0` flips the y axis and the text
matrix together), so shapes use the very coordinates the Qt painter uses, and text
stays real text: selectable, searchable, in the shipped font.

Boxes, lines, polygons and curves are written as PDF path operators here (`Path`),
the very paths reportlab's `rect`, `roundRect`, `circle` and path objects write, but
with their numbers formatted by Python's own float formatting: without reportlab's
optional C accelerator (`rl-accel`), its pure-Python number formatting was most of a
large map's PDF time.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

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
from journeyeditor.render.sheets import Sheet

ImageSource = Callable[[int], ImageReader | None]

ROUND = 0.4472
"""reportlab's `roundRect`: each corner's Bézier control points lie this fraction of the
radius from the corner."""
PAINT = {(0, 0): "n", (1, 0): "S", (0, 1): "f", (1, 1): "B"}
"""The operator that ends a path: (stroke, fill) → none, stroke, fill, both."""
KAPPA = 4 / 3 * (math.sqrt(2) - 1)
"""A quarter circle's Bézier control points lie this fraction of the radius from its
ends (reportlab's `circle`, through `bezierArc`, draws four such quarters)."""
EVEN_ODD = {"f": "f*", "B": "B*"}
"""The same with the even-odd rule (crossing outlines), as `drawPath` paints polygons."""


class Path:
    """A path's operators, written as text (`m`, `l`, `c`, `re`, `h`). Coordinates to a
    thousandth (of a map pixel: far below what a printer or screen shows; the stream
    is compressed, so the zeros cost little)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def move(self, x: float, y: float) -> None:
        self.parts.append(f"{x:.3f} {y:.3f} m")

    def line(self, x: float, y: float) -> None:
        self.parts.append(f"{x:.3f} {y:.3f} l")

    def curve(self, x1: float, y1: float, x2: float, y2: float, x: float, y: float) -> None:
        self.parts.append(f"{x1:.3f} {y1:.3f} {x2:.3f} {y2:.3f} {x:.3f} {y:.3f} c")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.parts.append(f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re")

    def round_rect(self, x: float, y: float, w: float, h: float, radius: float) -> None:
        """reportlab's `roundRect` path: lines along the sides, one curve per corner."""
        left, right = min(x, x + w), max(x, x + w)
        low, high = min(y, y + h), max(y, y + h)
        r, t = radius, ROUND * radius
        self.move(left + r, low)
        self.line(right - r, low)
        self.curve(right - t, low, right, low + t, right, low + r)
        self.line(right, high - r)
        self.curve(right, high - t, right - t, high, right - r, high)
        self.line(left + r, high)
        self.curve(left + t, high, left, high - t, left, high - r)
        self.line(left, low + r)
        self.curve(left, low + t, left + t, low, left + r, low)
        self.close()

    def circle(self, cx: float, cy: float, r: float) -> None:
        """reportlab's `circle` path: four quarters from the rightmost point, towards
        larger y first (as `bezierArc` turns), left open as reportlab leaves it."""
        k = KAPPA * r
        self.move(cx + r, cy)
        self.curve(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
        self.curve(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
        self.curve(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
        self.curve(cx + k, cy - r, cx + r, cy - k, cx + r, cy)

    def close(self) -> None:
        self.parts.append("h")

    def paint(self, canvas: Canvas, stroke: int, fill: int, even_odd: bool = False) -> None:
        """Append the path and the operator that strokes and/or fills it."""
        op = PAINT[stroke, fill]
        self.parts.append(EVEN_ODD.get(op, op) if even_odd else op)
        canvas.addLiteral(" ".join(self.parts))


@lru_cache(maxsize=1024)
def pdf_color(color: str) -> Color:
    r, g, b, a = rgba(color)
    return Color(r / 255, g / 255, b / 255, alpha=a / 255)


def font_size(size: float) -> int:
    """Whole pixel sizes, as the Qt painter uses, so both set text alike."""
    return max(1, round(size))


class PdfPainter:
    """Paints primitives on a reportlab canvas, setting colours and pens only when they change."""

    def __init__(self, canvas: Canvas, images: ImageSource | None = None) -> None:
        self.canvas = canvas
        self.images = images
        self.regular, self.bold = fonts.register_pdf_fonts()
        self._fill: str | None = None
        self._pen: tuple[str, float, tuple[float, ...]] | None = None

    def forget(self) -> None:
        """The graphics state was restored: set everything again next time."""
        self._fill = None
        self._pen = None

    def _set_fill(self, color: str) -> None:
        if color != self._fill:
            self.canvas.setFillColor(pdf_color(color))
            self._fill = color

    def _set_pen(self, color: str, width: float, dash: tuple[float, ...] = ()) -> None:
        pen = (color, width, dash)
        if pen == self._pen:
            return
        c = self.canvas
        c.setStrokeColor(pdf_color(color))
        c.setLineWidth(width)
        c.setLineCap(0 if dash else 1)
        c.setDash(list(dash) if dash else [], 0)
        self._pen = pen

    def _style(
        self, fill: str | None, stroke: str | None, width: float, dash: tuple[float, ...] = ()
    ) -> tuple[int, int]:
        """Set what a shape needs; return reportlab's (stroke, fill) flags."""
        stroked = stroke is not None and width > 0
        if fill is not None:
            self._set_fill(fill)
        if stroke is not None and stroked:
            self._set_pen(stroke, width, dash)
        return int(stroked), int(fill is not None)

    def paint(self, shapes: Iterable[Primitive]) -> None:
        c = self.canvas
        for shape in shapes:
            if isinstance(shape, Group):
                c.translate(shape.dx, shape.dy)
                self.paint(shape.items)
                c.translate(-shape.dx, -shape.dy)
            elif isinstance(shape, Text):
                self._text(shape)
            elif isinstance(shape, Box):
                stroke, fill = self._style(shape.fill, shape.stroke, shape.width, shape.dash)
                if stroke or fill:
                    r = shape.rect
                    radius = min(shape.radius, r.w / 2, r.h / 2)
                    path = Path()
                    if radius > 0:
                        path.round_rect(r.x, r.y, r.w, r.h, radius)
                    else:
                        path.rect(r.x, r.y, r.w, r.h)
                    path.paint(c, stroke, fill)
            elif isinstance(shape, Circle):
                stroke, fill = self._style(shape.fill, shape.stroke, shape.width)
                if stroke or fill:
                    path = Path()
                    path.circle(shape.cx, shape.cy, shape.r)
                    path.paint(c, stroke, fill)
            elif isinstance(shape, Line):
                self._style(None, shape.stroke, shape.width, shape.dash)
                self._path(shape.points, close=False, stroke=1, fill=0)
            elif isinstance(shape, Polygon):
                stroke, fill = self._style(shape.fill, shape.stroke, shape.width)
                self._path(shape.points, close=True, stroke=stroke, fill=fill)
            elif isinstance(shape, Curve):
                self._curve(shape)
            elif isinstance(shape, Picture):
                self._picture(shape)

    def _path(
        self, points: Sequence[tuple[float, float]], close: bool, stroke: int, fill: int
    ) -> None:
        if not points or not (stroke or fill):
            return
        path = Path()
        path.move(*points[0])
        for point in points[1:]:
            path.line(*point)
        if close:
            path.close()
        path.paint(self.canvas, stroke, fill, even_odd=True)

    def _curve(self, shape: Curve) -> None:
        stroke, fill = self._style(shape.fill, shape.stroke, shape.width)
        if not shape.segments or not (stroke or fill):
            return
        path = Path()
        path.move(*shape.segments[0][0])
        for _start, c1, c2, end in shape.segments:
            path.curve(*c1, *c2, *end)
        path.paint(self.canvas, stroke, fill, even_odd=True)

    def _text(self, shape: Text) -> None:
        line = shape.line
        if not line.text:
            return
        self._set_fill(shape.color)
        text = self.canvas.beginText(line.x, line.y)
        text.setFont(self.bold if line.bold else self.regular, font_size(line.size))
        text.textOut(line.text)
        self.canvas.drawText(text)

    def _picture(self, shape: Picture) -> None:
        image = self.images(shape.image_id) if self.images else None
        if image is None:
            return
        width, height = image.getSize()
        r = shape.rect
        scale = min(r.w / width, r.h / height)
        w, h = width * scale, height * scale
        c = self.canvas
        c.saveState()
        c.translate(r.x + (r.w - w) / 2, r.y + (r.h + h) / 2)
        c.scale(1, -1)
        c.drawImage(image, 0, 0, w, h, mask="auto")
        c.restoreState()


def draw_sheet(canvas: Canvas, sheet: Sheet, images: ImageSource | None) -> None:
    """One page: the clipped, placed map view, then the page's own items above it."""
    canvas.setLineJoin(1)
    painter = PdfPainter(canvas, images)
    view = sheet.view
    if view is not None:
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(view.clip.x, view.clip.y, view.clip.w, view.clip.h)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.translate(view.placement.x, view.placement.y)
        canvas.scale(view.placement.scale, view.placement.scale)
        painter.paint(view.shapes)
        canvas.restoreState()
        painter.forget()
    painter.paint(sheet.items)


@dataclass(frozen=True)
class PdfInfo:
    """Document properties a PDF reader shows."""

    title: str
    subject: str = ""
    author: str = ""
    creator: str = "Journey Editor"
    language: str = "en"


def write_pdf(sheets: Sequence[Sheet], images: ImageSource | None, info: PdfInfo) -> bytes:
    """The whole document; each sheet that starts a map becomes an outline entry."""
    buffer = io.BytesIO()
    first = sheets[0] if sheets else None
    size = (first.width, first.height) if first else (595.28, 841.89)
    regular, _bold = fonts.register_pdf_fonts()
    canvas = Canvas(
        buffer,
        pagesize=size,
        bottomup=0,
        pageCompression=1,
        initialFontName=regular,  # else reportlab names Helvetica, a font it does not embed
        lang=info.language,
    )
    canvas.setTitle(info.title)
    canvas.setSubject(info.subject)
    canvas.setAuthor(info.author)
    canvas.setCreator(info.creator)
    bookmarks = 0
    for index, sheet in enumerate(sheets):
        canvas.setPageSize((sheet.width, sheet.height))
        if sheet.bookmark:
            key = f"page{index}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(sheet.bookmark, key, level=0)
            bookmarks += 1
        draw_sheet(canvas, sheet, images)
        canvas.showPage()
    if bookmarks > 1:
        canvas.showOutline()
    canvas.save()
    return buffer.getvalue()
