"""Draws printed sheets with QPainter: the print path and the export preview.

The same sheets the PDF is written from, through the same Qt painter as the canvas,
so the preview shows the PDF's pages and paper prints look like both.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from journeyeditor.render import qt_painter
from journeyeditor.render.pages import Size
from journeyeditor.render.qt_painter import ImageSource
from journeyeditor.render.sheets import Sheet

PAGE_IDS = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
    "Letter": QPageSize.PageSizeId.Letter,
    "Tabloid": QPageSize.PageSizeId.Tabloid,
}


def smooth(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)


def paint_sheet(painter: QPainter, sheet: Sheet, images: ImageSource | None, zoom: float) -> None:
    """Draw `sheet` with one point of paper as `zoom` device pixels."""
    painter.save()
    painter.scale(zoom, zoom)
    view = sheet.view
    if view is not None:
        painter.save()
        clip = view.clip
        painter.setClipRect(QRectF(clip.x, clip.y, clip.w, clip.h))
        painter.translate(view.placement.x, view.placement.y)
        painter.scale(view.placement.scale, view.placement.scale)
        qt_painter.paint(painter, view.shapes, images)
        painter.restore()
    qt_painter.paint(painter, sheet.items, images)
    painter.restore()


def sheet_image(sheet: Sheet, images: ImageSource | None, zoom: float) -> QImage:
    """The sheet on white paper, `zoom` pixels per point."""
    image = QImage(
        max(1, round(sheet.width * zoom)),
        max(1, round(sheet.height * zoom)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    smooth(painter)
    paint_sheet(painter, sheet, images, zoom)
    painter.end()
    return image


def configure_printer(printer: QPrinter, page: str, landscape: bool) -> None:
    """Offer the chosen paper in the print dialog; the person may still change it there."""
    printer.setPageSize(QPageSize(PAGE_IDS[page]))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)


def printer_page(printer: QPrinter) -> Size:
    """The paper the printer will use, in points, orientation applied."""
    size: QSizeF = printer.pageLayout().fullRect(QPageLayout.Unit.Point).size()
    return (size.width(), size.height())


def _turn_to(printer: QPrinter, sheet: Sheet) -> None:
    """Turn the paper as `sheet` is turned (automatic orientation mixes them); from the
    next page on when the printer is already printing."""
    width, height = printer_page(printer)
    if (sheet.width > sheet.height) != (width > height):
        landscape = sheet.width > sheet.height
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )


def print_sheets(printer: QPrinter, sheets: Iterable[Sheet], images: ImageSource | None) -> None:
    """One sheet after the other: `sheets` may make each only when it is drawn."""
    printer.setFullPage(True)
    painter: QPainter | None = None
    zoom = printer.resolution() / 72
    for sheet in sheets:
        _turn_to(printer, sheet)
        if painter is None:
            painter = QPainter(printer)
            smooth(painter)
        else:
            printer.newPage()
        paint_sheet(painter, sheet, images, zoom)
    if painter is not None:
        painter.end()
