"""What you see is what you get: the canvas, the PNG, the SVG and the PDF agree.

Each comparison allows a small mean difference per channel (anti-aliasing differs
between Qt and poppler); golden images catch any change of look between runs. After a
deliberate change, remake them with tools/refresh_goldens.py and look at them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image as PilImage
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from journeyeditor.editing.document import Document
from journeyeditor.render.export import (
    IMAGE_MARGIN,
    ExportOptions,
    ExportSource,
    export_pdf,
    render_png,
    render_svg,
)
from journeyeditor.render.pages import content_area, fit, page_size
from journeyeditor.render.qt_sheets import sheet_image

from .render_cases import (
    DATE,
    GOLDEN,
    GOLDEN_CHANGED,
    GOLDEN_TOLERANCE,
    GOLDENS,
    TOLERANCE,
    canvas_image,
    changed_pixels,
    difference,
    first_map,
    pillow,
    rasterise,
)

Tool = Callable[[str], str]


def crop_margin(image: PilImage.Image, width: int, height: int) -> PilImage.Image:
    margin = round(IMAGE_MARGIN)
    return image.crop((margin, margin, margin + width, margin + height))


def test_png_export_is_the_canvas(export_doc: Document) -> None:
    map_id = first_map(export_doc)
    canvas = canvas_image(export_doc, map_id)
    data = render_png(ExportSource(export_doc), map_id, ExportOptions(maps=(map_id,), dpi=96))
    png = PilImage.open(io.BytesIO(data)).convert("RGB")
    assert difference(canvas, crop_margin(png, *canvas.size)) < 0.002


def test_png_at_300_dpi_is_the_canvas_drawn_finer(export_doc: Document) -> None:
    map_id = first_map(export_doc)
    canvas = canvas_image(export_doc, map_id)
    data = render_png(ExportSource(export_doc), map_id, ExportOptions(maps=(map_id,), dpi=300))
    fine = PilImage.open(io.BytesIO(data)).convert("RGB")
    scaled = fine.resize(
        canvas.size,
        PilImage.Resampling.BOX,
        box=(50, 50, 50 + canvas.width * 3.125, 50 + canvas.height * 3.125),
    )
    assert difference(canvas, scaled) < TOLERANCE


def test_pdf_map_is_the_canvas(export_doc: Document, tmp_path: Path, tool: Tool) -> None:
    """Rasterised so that one map pixel is one image pixel, then cropped to the map."""
    tool("pdftoppm")
    map_id = first_map(export_doc)
    canvas = canvas_image(export_doc, map_id)
    pdf = tmp_path / "map.pdf"
    options = ExportOptions(maps=(map_id,), page="A4", landscape=True)
    export_pdf(export_doc, pdf, options)
    picture = ExportSource(export_doc).picture(map_id)
    placed = fit((picture.width, picture.height), content_area(page_size("A4", True)))
    dpi = 72 / placed.scale
    page = rasterise(pdf, 1, dpi)
    x, y = placed.x / placed.scale, placed.y / placed.scale
    box = (x, y, x + canvas.width, y + canvas.height)
    region = page.resize(canvas.size, PilImage.Resampling.BILINEAR, box=box)
    assert difference(canvas, region) < TOLERANCE


@pytest.mark.parametrize(
    "options",
    [
        ExportOptions(page="A4", landscape=True, cover=True, date=DATE),
        ExportOptions(page="A3", tile=True, scale=1.5, date=DATE),
    ],
    ids=["cover-and-fit", "tiles"],
)
def test_pdf_pages_are_the_print_and_preview_pages(
    export_doc: Document, tmp_path: Path, tool: Tool, options: ExportOptions
) -> None:
    """The PDF (reportlab) and the Qt painter (print, preview) draw the same sheets alike."""
    tool("pdftoppm")
    chosen = replace(options, maps=(first_map(export_doc),))
    source = ExportSource(export_doc)
    pdf = tmp_path / "pages.pdf"
    count = export_pdf(export_doc, pdf, chosen, source)
    sheets = source.sheets(chosen)
    assert count == len(sheets)
    for number in (1, 2):
        poppler = rasterise(pdf, number, 72)
        qt = pillow(sheet_image(sheets[number - 1], source.qt_image, 1.0))
        size = (min(poppler.width, qt.width), min(poppler.height, qt.height))
        box = (0, 0, *size)
        assert difference(poppler.crop(box), qt.crop(box)) < TOLERANCE


def test_svg_draws_like_the_png(export_doc: Document) -> None:
    map_id = first_map(export_doc)
    source = ExportSource(export_doc)
    options = ExportOptions(maps=(map_id,))
    renderer = QSvgRenderer(QByteArray(render_svg(source, map_id, options)))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    image = QImage(round(box.width()), round(box.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = PilImage.open(io.BytesIO(render_png(source, map_id, options))).convert("RGB")
    svg = pillow(image)
    assert svg.size == png.size
    assert difference(svg, png) < TOLERANCE


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_looks_as_it_did(export_doc: Document, tmp_path: Path, tool: Tool, name: str) -> None:
    if name.startswith("pdf"):
        tool("pdftoppm")
    made = GOLDENS[name](export_doc, tmp_path)
    with PilImage.open(GOLDEN / name) as golden:
        expected = golden.convert("RGB")
    if (
        made.size != expected.size
        or difference(made, expected) >= GOLDEN_TOLERANCE
        or changed_pixels(made, expected) > GOLDEN_CHANGED
    ):
        made.save(tmp_path / name)
        pytest.fail(f"{name} changed; see {tmp_path / name} (tools/refresh_goldens.py remakes it)")
