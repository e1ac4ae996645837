"""Exporting maps: PDF (reportlab, vectors), PNG (Qt, streamed by render/png_stream), SVG
(QtSvg), print, an Excel workbook of the maps' content (render/xlsx_export), a PowerPoint
deck of native shapes (render/pptx_export) and a CSV of their cards (render/csv_export).

Every export lays a map out with render/layout and draws `map_shapes`, the canvas's own
primitives, so what the client gets is what the person saw. Files are written whole or
not at all; problems raise ExportError (a JourneyFileError) with a message for a person.

    export_pdf(document, "map.pdf", ExportOptions(page="A3", landscape=True, cover=True))
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from PIL import Image as PilImage
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgGenerator

from journeyeditor import __version__
from journeyeditor.editing.document import Document
from journeyeditor.render import pdf_painter, qt_painter
from journeyeditor.render.csv_export import export_csv
from journeyeditor.render.frame import Framed
from journeyeditor.render.layout import Rect
from journeyeditor.render.png_stream import PngStream
from journeyeditor.render.pptx_export import export_pptx
from journeyeditor.render.qt_sheets import print_sheets, printer_page, smooth
from journeyeditor.render.source import ExportError, ExportOptions, ExportSource
from journeyeditor.render.xlsx_export import export_xlsx
from journeyeditor.store.files import stream_atomically, write_atomically

__all__ = [
    "EXPORTS",
    "ExportError",
    "ExportOptions",
    "ExportSource",
    "export_pdf",
    "export_png",
    "export_svg",
    "image_size",
    "map_image",
    "map_offset",
    "print_map",
    "render_pdf",
    "render_png",
    "render_svg",
    "write_png",
]

translate = QCoreApplication.translate

IMAGE_MARGIN = 16.0
"""Room around a map in PNG and SVG exports (map pixels), so edge shadows are not cut."""
MAX_PIXELS = 4_000_000_000
"""Largest PNG drawn. Memory no longer limits it (one band is held at a time); this is
about ten times the 300-DPI PNG of a 2,000-card map, past what image programs open and
minutes of drawing: a mistyped DPI is refused at once rather than filling the disk."""
BAND_PIXELS = 16_000_000
"""Qt draws a PNG in bands of about this many pixels (64 MB), to bound memory."""
SLICE_PIXELS = 250_000
"""A band is converted for the PNG writer in slices of about this many pixels."""


def _source(document: Document, source: ExportSource | None) -> ExportSource:
    return source if source is not None else ExportSource(document)


def render_pdf(source: ExportSource, options: ExportOptions) -> tuple[bytes, int]:
    """The PDF's bytes and its page count."""
    sheets = source.sheets(options)
    return pdf_painter.write_pdf(sheets, source.pdf_image, source.pdf_info(options)), len(sheets)


def export_pdf(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> int:
    """Write the PDF; returns its page count."""
    data, pages = render_pdf(_source(document, source), options)
    write_atomically(Path(path), data, document.path)
    return pages


class Extent(Protocol):
    """A map picture or a framed map: what an image's size is made from."""

    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...


def image_size(picture: Extent, dpi: float) -> tuple[int, int]:
    """Pixel size of a PNG of the map or framed map (with its margin) at `dpi`."""
    zoom = dpi / 96
    return (
        math.ceil((picture.width + 2 * IMAGE_MARGIN) * zoom),
        math.ceil((picture.height + 2 * IMAGE_MARGIN) * zoom),
    )


def map_offset(frame: Framed | None, zoom: float) -> tuple[int, int]:
    """Where a frame puts the map, in whole image pixels at `zoom`: the map is then drawn
    exactly as without a frame, only shifted. Rounded down, so the image (its size rounded
    up) holds the whole unframed picture at that place."""
    if frame is None:
        return 0, 0
    return math.floor(frame.map_x * zoom), math.floor(frame.map_y * zoom)


def map_image(
    source: ExportSource,
    map_id: int,
    zoom: float,
    transparent: bool,
    top: int = 0,
    rows: int = 0,
    frame: Framed | None = None,
) -> QImage:
    """The map (and its margin, and `frame` when given) drawn at `zoom`; rows
    `top`…`top + rows` only, when given."""
    picture = source.picture(map_id)
    width, height = image_size(frame or picture, zoom * 96)
    rows = rows or height - top
    image = QImage(width, rows, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("white"))
    painter = QPainter(image)
    smooth(painter)
    painter.translate(0, -top)
    if frame is not None:
        painter.save()
        painter.scale(zoom, zoom)
        painter.translate(IMAGE_MARGIN, IMAGE_MARGIN)
        qt_painter.paint(painter, frame.shapes, source.qt_image)
        painter.restore()
    dx, dy = map_offset(frame, zoom)
    painter.translate(dx, dy)
    painter.scale(zoom, zoom)
    painter.translate(IMAGE_MARGIN, IMAGE_MARGIN)
    band = Rect(
        -IMAGE_MARGIN - dx / zoom, (top - dy) / zoom - IMAGE_MARGIN, width / zoom, rows / zoom
    )
    qt_painter.paint(painter, picture.within(band), source.qt_image)
    painter.end()
    return image


def _packed_rows(band: QImage, transparent: bool) -> Iterator[bytes]:
    """A band drawn by Qt as packed RGBA or RGB rows, converted a slice at a time so that
    no second copy of the whole band is made."""
    kind = QImage.Format.Format_RGBA8888 if transparent else QImage.Format.Format_RGBX8888
    mode, raw = ("RGBA", "RGBA") if transparent else ("RGB", "RGBX")
    width, height = band.width(), band.height()
    step = max(1, SLICE_PIXELS // width)
    for top in range(0, height, step):
        part = band.copy(0, top, width, min(step, height - top)).convertToFormat(kind)
        size = (width, part.height())
        bits = bytes(part.constBits())
        yield PilImage.frombytes(mode, size, bits, "raw", raw, part.bytesPerLine(), 1).tobytes()


def _band_tops(height: int, band: int, shift: int) -> list[int]:
    """Where the bands start. Bands are as tall as an unframed PNG's and the map (`shift`
    rows down) is cut where that PNG cuts it: Qt dashes an outline cut by a band edge a
    little differently, and the map of a framed PNG must be the unframed one, shifted."""
    first = shift % band
    return [0, *range(first, height, band)] if first else list(range(0, height, band))


def _png_size(source: ExportSource, map_id: int, options: ExportOptions) -> tuple[int, int]:
    """The PNG's pixel size, refused above MAX_PIXELS before anything is drawn or written."""
    width, height = image_size(source.frame(map_id, options) or source.picture(map_id), options.dpi)
    if width * height > MAX_PIXELS:
        detail = translate(
            "Export",
            "at {0} DPI the image would be {1} × {2} pixels; choose a lower resolution or a PDF",
        )
        raise ExportError(source.document.path, detail.format(options.dpi, width, height))
    return width, height


def write_png(
    source: ExportSource, map_id: int, options: ExportOptions, stream: BinaryIO
) -> tuple[int, int]:
    """Draw the PNG band by band with Qt and stream each band to `stream` (render/png_stream):
    memory holds one band, whatever the image's size. Returns the pixel size."""
    frame = source.frame(map_id, options)
    width, height = _png_size(source, map_id, options)
    band = max(1, BAND_PIXELS // image_size(source.picture(map_id), options.dpi)[0])
    zoom = options.dpi / 96
    tops = _band_tops(height, band, map_offset(frame, zoom)[1])
    software = {"Software": f"Journey Editor {__version__}"}
    with PngStream(
        stream, width, height, alpha=options.transparent, dpi=options.dpi, text=software
    ) as png:
        for top, end in zip(tops, [*tops[1:], height], strict=True):
            image = map_image(source, map_id, zoom, options.transparent, top, end - top, frame)
            for rows in _packed_rows(image, options.transparent):
                png.write_rows(rows)
            del image
    return width, height


def render_png(source: ExportSource, map_id: int, options: ExportOptions) -> bytes:
    """The PNG's bytes (write_png into memory: for tests and small images)."""
    buffer = io.BytesIO()
    write_png(source, map_id, options, buffer)
    return buffer.getvalue()


def export_png(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> tuple[int, int]:
    """Stream the PNG of the chosen (or first) map to its file; returns its pixel size."""
    source = _source(document, source)
    map_id = source.map_ids(options, every=False)[0]
    _png_size(source, map_id, options)
    with stream_atomically(Path(path), document.path) as stream:
        return write_png(source, map_id, options, stream)


def render_svg(source: ExportSource, map_id: int, options: ExportOptions) -> bytes:
    """The SVG's bytes: text as <text> elements, or as outlines with `text_as_paths`."""
    picture = source.picture(map_id)
    frame = source.frame(map_id, options)
    width = (frame or picture).width + 2 * IMAGE_MARGIN
    height = (frame or picture).height + 2 * IMAGE_MARGIN
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(math.ceil(width), math.ceil(height)))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(96)
    generator.setTitle(picture.title)
    generator.setDescription(f"Journey Editor {__version__}")
    painter = QPainter(generator)
    smooth(painter)
    if not options.transparent:
        painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
    painter.translate(IMAGE_MARGIN, IMAGE_MARGIN)
    outlines = options.text_as_paths
    if frame is not None:
        qt_painter.paint(painter, frame.shapes, source.qt_image, outlines)
        painter.translate(frame.map_x, frame.map_y)
    qt_painter.paint(painter, picture.shapes, source.qt_image, outlines)
    painter.end()
    buffer.close()
    return XML_INVALID.sub(b"\xef\xbf\xbd", bytes(data.data()))


XML_INVALID = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters a card may hold but XML 1.0 forbids; QSvgGenerator writes them raw."""


def export_svg(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> None:
    """Write the SVG of the chosen (or first) map."""
    source = _source(document, source)
    map_id = source.map_ids(options, every=False)[0]
    write_atomically(Path(path), render_svg(source, map_id, options), document.path)


def print_map(
    document: Document,
    printer: QPrinter,
    options: ExportOptions,
    source: ExportSource | None = None,
) -> int:
    """Print on the paper set in `printer` (the print dialog's choice); returns the page count."""
    source = _source(document, source)
    sheets = source.sheets(options, printer_page(printer))
    print_sheets(printer, sheets, source.qt_image)
    return len(sheets)


EXPORTS = {
    "pdf": export_pdf,
    "png": export_png,
    "svg": export_svg,
    "xlsx": export_xlsx,
    "csv": export_csv,
}
EXPORTS["pptx"] = export_pptx
