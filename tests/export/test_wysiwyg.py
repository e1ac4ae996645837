"""What you see is what you get: every export draws what the real canvas shows.

The canvas side is the window's own `MapScene` (tests/export/canvas.py), drawn at the
export's scale; the export side is the PNG, the SVG (drawn by QSvgRenderer), the PDF
(drawn by poppler's pdftoppm so that one map pixel is one image pixel), the print path
(QPrinter writing a PDF, drawn by pdftoppm) and the print preview. Both are cropped to
the map and compared by counting changed pixels (tests/export/pixels.py), judged by
the worst 64 × 64 square.

Honest baselines, measured on the branded sample (46 cards, 1368 × 1272 pixels), as
changed pixels in the worst square: 0 for the 96 DPI PNG and the preview (the same Qt
painter), about 20 for the 300 DPI PNG (the map's edge rows), about 95 for the PDF
and 85 for the print path (poppler's anti-aliasing and glyph placement), about 170 for
the SVG (QtSvg lays text out with kerning). Totals over the whole map run to 4,250
pixels: that is why the worst square is judged. Hiding any single card from the scene
puts at least 675 changed pixels in one square, whichever card and whatever the
backend (the smallest card covers 6,944 pixels; hiding it puts 2,149 in one square).
So the limits below sit well above the baselines and well under one card;
`test_a_missing_card_fails_the_comparison` keeps proving it for the smallest card,
and the slow `test_every_missing_card_is_seen` for every card.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image as PilImage
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from journeyeditor.editing.document import Document
from journeyeditor.render.export import (
    IMAGE_MARGIN,
    ExportOptions,
    ExportSource,
    export_pdf,
    print_map,
    render_png,
    render_svg,
)
from journeyeditor.render.qt_sheets import configure_printer, printer_page, sheet_image
from journeyeditor.render.sheets import Sheet

from .canvas import map_scene, map_size, pillow, scene_image, window_image
from .pixels import Comparison, compare
from .render_cases import (
    DATE,
    GOLDEN,
    GOLDEN_CHANGED,
    GOLDENS,
    first_map,
    rasterise,
)

Tool = Callable[[str], str]

SAME_PAINTER_LIMIT = 100
"""Changed pixels allowed in the worst square when both sides are Qt's raster painter."""
OTHER_RASTERISER_LIMIT = 300
"""...and when poppler or QtSvg draws the export (baselines 100 to 160; a card 675+)."""
PAGE = ExportOptions(page="A4", landscape=True)


@dataclass(frozen=True)
class Rendered:
    """An export as pixels, and where the map (0, 0, width, height) lies in them."""

    image: PilImage.Image
    target: QRectF
    limit: int


Backend = Callable[[Document, int, Path], Rendered]


def _png(dpi: int) -> Backend:
    def render(document: Document, map_id: int, folder: Path) -> Rendered:
        del folder
        options = ExportOptions(maps=(map_id,), dpi=dpi)
        data = render_png(ExportSource(document), map_id, options)
        image = PilImage.open(io.BytesIO(data)).convert("RGB")
        picture = ExportSource(document).picture(map_id)
        zoom, margin = dpi / 96, IMAGE_MARGIN * dpi / 96
        target = QRectF(margin, margin, picture.width * zoom, picture.height * zoom)
        return Rendered(image, target, SAME_PAINTER_LIMIT)

    return render


def _svg(document: Document, map_id: int, folder: Path) -> Rendered:
    del folder
    source = ExportSource(document)
    renderer = QSvgRenderer(QByteArray(render_svg(source, map_id, ExportOptions(maps=(map_id,)))))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    image = QImage(round(box.width()), round(box.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    picture = source.picture(map_id)
    target = QRectF(IMAGE_MARGIN, IMAGE_MARGIN, picture.width, picture.height)
    return Rendered(pillow(image), target, OTHER_RASTERISER_LIMIT)


def _one_to_one(sheet: Sheet) -> tuple[float, QRectF]:
    """The resolution at which one map pixel of `sheet` is one image pixel, and where
    the map then lies on the page."""
    assert sheet.view is not None
    placed = sheet.view.placement
    clip, scale = sheet.view.clip, placed.scale
    return 72 / scale, QRectF(placed.x / scale, placed.y / scale, clip.w / scale, clip.h / scale)


def _pdf(document: Document, map_id: int, folder: Path) -> Rendered:
    options = replace(PAGE, maps=(map_id,))
    source = ExportSource(document)
    target = folder / "map.pdf"
    export_pdf(document, target, options, source)
    dpi, place = _one_to_one(source.sheets(options)[0])
    return Rendered(rasterise(target, 1, dpi), place, OTHER_RASTERISER_LIMIT)


def _print(document: Document, map_id: int, folder: Path) -> Rendered:
    """Printed through QPrinter (to a PDF file, as a print queue receives it)."""
    options = replace(PAGE, maps=(map_id,))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printed.pdf"))
    configure_printer(printer, options.page, options.landscape)
    source = ExportSource(document)
    assert print_map(document, printer, options, source) == 1
    dpi, place = _one_to_one(source.sheets(options, printer_page(printer))[0])
    return Rendered(rasterise(folder / "printed.pdf", 1, dpi), place, OTHER_RASTERISER_LIMIT)


def _preview(document: Document, map_id: int, folder: Path) -> Rendered:
    """The export dialog's preview: the printed sheet drawn by Qt."""
    del folder
    source = ExportSource(document)
    sheet = source.sheets(replace(PAGE, maps=(map_id,)))[0]
    dpi, place = _one_to_one(sheet)
    image = pillow(sheet_image(sheet, source.qt_image, dpi / 72))
    return Rendered(image, place, SAME_PAINTER_LIMIT)


BACKENDS: dict[str, Backend] = {
    "png-96dpi": _png(96),
    "png-300dpi": _png(300),
    "svg": _svg,
    "pdf": _pdf,
    "print": _print,
    "preview": _preview,
}
NEEDS_POPPLER = {"pdf", "print"}


def inner_box(target: QRectF) -> tuple[int, int, int, int]:
    """Whole pixels inside `target`: where both sides show the map and nothing else."""
    return (
        math.ceil(target.x()),
        math.ceil(target.y()),
        math.floor(target.right()),
        math.floor(target.bottom()),
    )


def against_canvas(
    document: Document, map_id: int, rendered: Rendered, hidden: tuple[int, ...] = ()
) -> Comparison:
    """The export compared with the real scene drawn at the same place and scale."""
    with map_scene(document, map_id, hidden) as scene:
        canvas = scene_image(scene, rendered.image.size, rendered.target)
    box = inner_box(rendered.target)
    return compare(canvas.crop(box), rendered.image.crop(box))


def smallest_card(document: Document, map_id: int) -> int:
    """The card covering the fewest pixels: the hardest one to miss."""
    with map_scene(document, map_id) as scene:
        assert scene.layout is not None
        boxes = scene.layout.cards.values()
        return min(boxes, key=lambda b: (b.rect.w * b.rect.h, b.card.id)).card.id


@pytest.fixture(params=sorted(BACKENDS))
def rendered(
    request: pytest.FixtureRequest, export_doc: Document, tmp_path: Path, tool: Tool
) -> Rendered:
    name = request.param
    if name in NEEDS_POPPLER:
        tool("pdftoppm")
    return BACKENDS[name](export_doc, first_map(export_doc), tmp_path)


def test_the_window_shows_the_scene(export_doc: Document) -> None:
    """The view a person looks at (item caches, render hints) draws what `scene_image`
    draws, so comparing exports with `scene_image` is comparing them with the window."""
    map_id = first_map(export_doc)
    with map_scene(export_doc, map_id) as scene:
        window = window_image(scene, IMAGE_MARGIN)
    with map_scene(export_doc, map_id) as scene:
        width, height = map_size(scene)
        drawn = scene_image(scene, window.size, QRectF(IMAGE_MARGIN, IMAGE_MARGIN, width, height))
    box = inner_box(QRectF(IMAGE_MARGIN, IMAGE_MARGIN, width, height))
    found = compare(window.crop(box), drawn.crop(box), shifts=False)
    assert found.changed == 0, found.describe()


def test_export_is_what_the_canvas_shows(export_doc: Document, rendered: Rendered) -> None:
    found = against_canvas(export_doc, first_map(export_doc), rendered)
    assert found.worst <= rendered.limit, found.describe()


def test_a_missing_card_fails_the_comparison(export_doc: Document, rendered: Rendered) -> None:
    """The comparison above can fail: the smallest card hidden from the scene is seen."""
    map_id = first_map(export_doc)
    card = smallest_card(export_doc, map_id)
    found = against_canvas(export_doc, map_id, rendered, hidden=(card,))
    assert found.worst > rendered.limit, f"card {card} hidden and not seen: {found.describe()}"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["png-96dpi", "pdf"])
def test_every_missing_card_is_seen(
    export_doc: Document, tmp_path: Path, tool: Tool, name: str
) -> None:
    """Whichever single card is missing, the comparison fails."""
    if name in NEEDS_POPPLER:
        tool("pdftoppm")
    map_id = first_map(export_doc)
    rendered = BACKENDS[name](export_doc, map_id, tmp_path)
    unseen = {}
    for card in export_doc.cards(map_id):
        found = against_canvas(export_doc, map_id, rendered, hidden=(card.id,))
        if found.worst <= rendered.limit:
            unseen[card.id] = found.describe()
    assert not unseen


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
    """Whole pages (cover, footer, crop marks): the PDF drawn by poppler and the same
    sheets drawn by Qt (print, preview) agree."""
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
        box = (0, 0, min(poppler.width, qt.width), min(poppler.height, qt.height))
        found = compare(poppler.crop(box), qt.crop(box))
        assert found.worst <= OTHER_RASTERISER_LIMIT, f"page {number}: {found.describe()}"


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_looks_as_it_did(export_doc: Document, tmp_path: Path, tool: Tool, name: str) -> None:
    """The same renderer against its golden image: strict changed-pixel count."""
    if name.startswith("pdf"):
        tool("pdftoppm")
    made = GOLDENS[name](export_doc, tmp_path)
    with PilImage.open(GOLDEN / name) as golden:
        expected = golden.convert("RGB")
    assert made.size == expected.size, f"{name}: {made.size}, golden {expected.size}"
    found = compare(made, expected, shifts=False)
    if found.changed > GOLDEN_CHANGED:
        made.save(tmp_path / name)
        pytest.fail(
            f"{name} changed ({found.describe()}); see {tmp_path / name}. "
            "If the change is wanted: python tools/refresh_goldens.py, look, then --replace."
        )
