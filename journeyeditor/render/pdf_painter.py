"""Draws primitives and sheets with reportlab: vector PDF pages, the font embedded.

The canvas is opened top-down (reportlab's `bottomup=0` flips the y axis and the text
matrix together), so shapes use the very coordinates the Qt painter uses, and text
stays real text: selectable, searchable, in the shipped font.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, Canvas

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
                    if radius > 0:
                        c.roundRect(r.x, r.y, r.w, r.h, radius, stroke, fill)
                    else:
                        c.rect(r.x, r.y, r.w, r.h, stroke, fill)
            elif isinstance(shape, Circle):
                stroke, fill = self._style(shape.fill, shape.stroke, shape.width)
                if stroke or fill:
                    c.circle(shape.cx, shape.cy, shape.r, stroke, fill)
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
        path = self.canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        if close:
            path.close()
        self.canvas.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD)

    def _curve(self, shape: Curve) -> None:
        stroke, fill = self._style(shape.fill, shape.stroke, shape.width)
        if not shape.segments or not (stroke or fill):
            return
        path = self.canvas.beginPath()
        path.moveTo(*shape.segments[0][0])
        for _start, c1, c2, end in shape.segments:
            path.curveTo(*c1, *c2, *end)
        self.canvas.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD)

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
