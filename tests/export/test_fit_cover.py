"""Pages used well: maps fitted as large as the page allows, turned the way that prints
them larger, and covers whose blocks fill the page without overlapping."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing.document import Document
from journeyeditor.render import cover, fonts
from journeyeditor.render.layout import Rect
from journeyeditor.render.pages import (
    FRAME,
    PX,
    content_area,
    footer_area,
    page_size,
    tiling,
    turned,
)
from journeyeditor.render.primitives import Text
from journeyeditor.render.sheets import (
    Branding,
    MapPicture,
    Pages,
    Part,
    PrintWords,
    extent,
    overlaps,
    roomier,
)
from journeyeditor.render.source import ExportOptions, ExportSource
from journeyeditor.store import database, interchange, templates

DATE = dt.date(2026, 3, 14)
PAGES = ("A4", "A3", "Letter")
ORIENTATIONS = ("portrait", "landscape", "auto")
LEAST_USE = 0.95
"""Share of the content area's width or height a fitted map must at least take."""
LOWEST_REACH = 0.9
"""How far down the cover's body its lowest block must at least reach."""


@pytest.fixture(scope="module")
def template_files(
    tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication
) -> dict[str, Path]:
    """Every template in both languages, as `journeyeditor new --template ID` makes it."""
    del qapp
    folder = tmp_path_factory.mktemp("templates")
    made = {}
    for template_id, language in itertools.product(templates.template_ids(), ("en", "fr")):
        path = folder / f"{template_id}_{language}.journey"
        database.create_file(
            path, interchange.populate_from(templates.template_plan(template_id, language))
        )
        made[f"{template_id}_{language}"] = path
    return made


@pytest.fixture(scope="module")
def sources(template_files: dict[str, Path]) -> Iterator[dict[str, ExportSource]]:
    documents = {name: Document.open(path, read_only=True) for name, path in template_files.items()}
    yield {name: ExportSource(document) for name, document in documents.items()}
    for document in documents.values():
        document.close()


def test_every_template_map_fills_its_page(sources: dict[str, ExportSource]) -> None:
    """The placed map, as the PDF draws it, takes ≥ 95 % of the content area's width or
    height, stays inside it, and is centred in the other dimension."""
    checked = 0
    for name, source in sources.items():
        for page, orientation in itertools.product(PAGES, ORIENTATIONS):
            options = ExportOptions(page=page, orientation=orientation)
            for sheet in source.sheets(options):
                assert sheet.view is not None and sheet.tile is None
                area = content_area((sheet.width, sheet.height))
                placed = sheet.view.clip
                where = f"{name} {page} {orientation} {sheet.title}"
                used = max(placed.w / area.w, placed.h / area.h)
                assert used >= LEAST_USE, f"{where}: the map takes {used:.0%} of the page"
                assert area.x - 1e-6 <= placed.x and placed.right <= area.right + 1e-6, where
                assert area.y - 1e-6 <= placed.y and placed.bottom <= area.bottom + 1e-6, where
                assert placed.x - area.x == pytest.approx(area.right - placed.right, abs=0.01)
                assert placed.y - area.y == pytest.approx(area.bottom - placed.bottom, abs=0.01)
                checked += 1
    assert checked >= len(sources) * len(PAGES) * len(ORIENTATIONS)


def test_automatic_orientation_prints_each_map_at_its_largest(
    sources: dict[str, ExportSource],
) -> None:
    for source in sources.values():
        for page in PAGES:
            scales = {
                orientation: [
                    sheet.view.placement.scale
                    for sheet in source.sheets(ExportOptions(page=page, orientation=orientation))
                    if sheet.view is not None
                ]
                for orientation in ORIENTATIONS
            }
            for auto, portrait, landscape in zip(
                scales["auto"], scales["portrait"], scales["landscape"], strict=True
            ):
                assert auto == pytest.approx(max(portrait, landscape))


def _picture(width: float, height: float) -> MapPicture:
    return MapPicture("map", width, height, (), ())


def test_roomier_turns_the_paper_for_wide_maps_only() -> None:
    a4 = page_size("A4", landscape=False)
    assert roomier(_picture(3000, 800), a4, None) == turned(a4)
    assert roomier(_picture(800, 3000), a4, None) == a4
    assert roomier(_picture(800, 3000), turned(a4), None) == a4


def test_roomier_tiles_on_fewer_sheets() -> None:
    a4 = page_size("A4", landscape=False)
    picture = _picture(1500, 700)
    size = (picture.width, picture.height)

    def count(page: tuple[float, float]) -> int:
        return len(tiling(size, content_area(page), PX, FRAME.overlap))

    chosen = roomier(picture, a4, PX)
    assert count(chosen) == min(count(a4), count(turned(a4))) < max(count(a4), count(turned(a4)))


def test_one_pdf_may_mix_orientations(qapp: QCoreApplication) -> None:
    """Each part (a map and its cover) is on its own paper: wide maps landscape, tall ones
    portrait, in one export."""
    del qapp
    a4 = page_size("A4", landscape=False)
    wide, tall = _picture(3000, 800), _picture(800, 3000)
    parts = [
        Part(picture, lambda: [], None, roomier(picture, a4, None)) for picture in (wide, tall)
    ]
    sheets = list(Pages(parts, a4, Branding(), PrintWords(), fonts.metrics().width))
    assert [(s.width > s.height) for s in sheets] == [True, True, False, False]


def _cover_layout(
    source: ExportSource, page: tuple[float, float], map_id: int | None = None
) -> cover.CoverLayout:
    if map_id is None:
        map_id = source.map_ids(ExportOptions(), every=False)[0]
    return cover.cover_layout(
        page, source.cover(map_id, DATE), source.branding(), source.words(), source.measure
    )


@pytest.mark.parametrize(
    ("page", "landscape"), [("A4", False), ("A3", True), ("A4", True), ("A3", False)]
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_cover_blocks_fill_the_page_without_overlapping(
    sources: dict[str, ExportSource], page: str, landscape: bool, language: str
) -> None:
    """Persona, key figures and legend, on every map of the sample: inside the page's
    content area, clear of the heading and of each other, the lowest one reaching low."""
    source = sources[f"sample_{language}"]
    paper = page_size(page, landscape)
    options = ExportOptions(page=page, landscape=landscape, cover=True, date=DATE)
    sheets = source.sheets(options)
    for index, map_id in enumerate(source.map_ids(options, every=True)):
        layout = _cover_layout(source, paper, map_id)
        drawn = sheets[2 * index].items
        assert tuple(drawn[: len(layout.shapes())]) == tuple(layout.shapes())
        assert len(layout.blocks) == 3, map_id  # persona, key figures, legend
        boxes = [extent(block, source.measure) for block in layout.blocks]
        body, footer, m = layout.body, footer_area(paper), FRAME.margin
        pad = 1.0  # extent() pads a text by a point on either side
        inside = Rect(m - pad, m, paper[0] - 2 * m + 2 * pad, footer.y - FRAME.gap - m)
        heading = [extent(shape, source.measure) for shape in layout.heading]
        for box in boxes:
            assert inside.x <= box.x and box.right <= inside.right, box
            assert inside.y <= box.y and box.bottom <= inside.bottom, box
            assert not any(overlaps(box, above) for above in heading), box
        for first, second in itertools.combinations(boxes, 2):
            assert not overlaps(first, second), (first, second)
        assert set(_wanted(source, map_id)) <= set(_texts(layout)), "a row was left out"
        lowest = max(box.bottom for box in boxes)
        reach = (lowest - body.y) / body.h
        assert reach >= LOWEST_REACH, f"map {map_id}: the blocks end at {reach:.0%} of the body"


def _wanted(source: ExportSource, map_id: int) -> list[str]:
    """Words the cover of a sample map has room for and must show: every legend row."""
    shown = source.cover(map_id, DATE)
    words = source.words()
    return [
        *(words.lane_kinds[kind] for kind in shown.lane_kinds),
        *(words.channel_names[channel] for channel in shown.channels),
        *(name for name, _color in shown.departments),
        *(words.evidence_names[level] for level in shown.evidence),
    ]


def _texts(layout: cover.CoverLayout) -> list[str]:
    found: list[str] = []

    def walk(shapes: object) -> None:
        for shape in shapes:  # type: ignore[attr-defined]
            if isinstance(shape, Text):
                found.append(shape.line.text)
            elif hasattr(shape, "items"):
                walk(shape.items)

    walk(layout.shapes())
    return found


@pytest.mark.parametrize(
    ("language", "heading", "cards"),
    [("en", "Key figures", "Cards"), ("fr", "Chiffres clés", "Fiches")],
)
def test_key_figures_speak_the_maps_language(
    sources: dict[str, ExportSource], language: str, heading: str, cards: str
) -> None:
    source = sources[f"sample_{language}"]
    layout = _cover_layout(source, page_size("A4", False))
    texts = _texts(layout)
    assert heading in texts and cards in texts
    map_id = source.map_ids(ExportOptions(), every=False)[0]
    figures = source.figures(map_id)
    assert str(figures.cards) in texts
    top = figures.pains[0]
    assert top.rank == 1 and any(top.text.startswith(line) for line in texts if line)


def test_cover_never_leaves_the_body_on_a_crowded_page(
    sources: dict[str, ExportSource],
) -> None:
    """A small landscape page with long persona lists: blocks shrink or drop rows, never
    spill over the footer or each other."""
    source = sources["sample_en"]
    map_id = source.map_ids(ExportOptions(), every=False)[0]
    crowded = source.cover(map_id, DATE)
    assert crowded.persona is not None
    goals = "\n".join(f"Goal number {n} of a long list" for n in range(40))
    crowded = replace(crowded, persona=replace(crowded.persona, goals=goals))
    paper = page_size("A4", True)
    layout = cover.cover_layout(paper, crowded, source.branding(), source.words(), source.measure)
    boxes = [extent(block, source.measure) for block in layout.blocks]
    for box in boxes:
        assert box.bottom <= layout.body.bottom + 1
    for first, second in itertools.combinations(boxes, 2):
        assert not overlaps(first, second)


def test_print_turns_the_paper_sheet_by_sheet(tmp_path: Path, qapp: QCoreApplication) -> None:
    """Printing automatic orientation: each printed page is turned as its sheet is."""
    del qapp
    import shutil
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from journeyeditor.render.qt_sheets import configure_printer, print_sheets

    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo is not installed (Debian package poppler-utils)")
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    configure_printer(printer, "A4", landscape=False)
    a4 = page_size("A4", landscape=False)
    pictures = (_picture(800, 3000), _picture(3000, 800), _picture(900, 2500))
    parts = [Part(picture, None, None, roomier(picture, a4, None)) for picture in pictures]
    print_sheets(printer, Pages(parts, a4, Branding(), PrintWords(), fonts.metrics().width), None)
    out = subprocess.run(
        [pdfinfo, "-f", "1", "-l", "3", str(target)], capture_output=True, text=True, check=True
    ).stdout
    pages = [
        line.split(":", 1)[1].split()
        for line in out.splitlines()
        if line.startswith("Page ") and " size:" in line
    ]
    assert [float(size[0]) > float(size[2]) for size in pages] == [False, True, False]
