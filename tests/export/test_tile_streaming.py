"""Tiled exports of very wide maps: sheets are made and drawn one at a time.

A map of 200 stages of 4,000 pixels tiled at a large scale takes thousands of sheets;
holding them all (or a footer plan of one box per sheet on every sheet) ran out of
memory. These tests count what is alive while the PDF is written, never time it.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing.document import Document
from journeyeditor.model.limits import MAX_STAGES_PER_MAP, STAGE_WIDTH_RANGE
from journeyeditor.render import pdf_painter
from journeyeditor.render.export import ExportOptions, ExportSource, render_pdf
from journeyeditor.render.layout import Rect
from journeyeditor.render.pdf_painter import ImageSource
from journeyeditor.render.primitives import Group, Primitive, Text
from journeyeditor.render.sheets import MapPicture, Pages, Sheet, overlaps
from journeyeditor.store import database, interchange

from .render_cases import DATE


def wide_plan() -> dict[str, Any]:
    """One map as wide as the limits allow, with cards, a curve and long names."""
    stages = [
        {"id": i + 1, "name": f"Étape {i + 1}", "width": STAGE_WIDTH_RANGE[1]}
        for i in range(MAX_STAGES_PER_MAP)
    ]
    kinds = ("text", "touchpoint", "emotion", "pain_point", "metric")
    lanes = [{"id": i + 1, "name": kind, "kind": kind} for i, kind in enumerate(kinds)]
    cards = [
        {"id": s * 10 + lane, "stage": s + 1, "lane": lane, "text": "une carte"}
        for s in range(MAX_STAGES_PER_MAP)
        for lane, kind in enumerate(kinds, 1)
        if kind != "emotion"
    ]
    emotions = [
        {"id": s + 1, "lane": 3, "stage": s + 1, "value": s % 5 - 2}
        for s in range(MAX_STAGES_PER_MAP)
    ]
    return {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": "Très large"},
        "maps": [
            {
                "id": 1,
                "name": "Frise",
                "stages": stages,
                "lanes": lanes,
                "cards": cards,
                "emotions": emotions,
            }
        ],
    }


@pytest.fixture(scope="module")
def wide_doc(
    tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication
) -> Iterator[Document]:
    del qapp
    path = tmp_path_factory.mktemp("wide") / "wide.journey"
    database.create_file(path, interchange.populate_from(interchange.plan_import(wide_plan())))
    document = Document.open(path, read_only=True)
    yield document
    document.close()


def count(shapes: Iterable[Primitive]) -> int:
    """Primitives, those inside groups included."""
    return sum(count(s.items) + 1 if isinstance(s, Group) else 1 for s in shapes)


def size(sheet: Sheet) -> int:
    """Primitives a sheet holds: its share of the map and its furniture."""
    return count(sheet.view.shapes if sheet.view else ()) + count(sheet.items)


class Watch:
    """Stands in for `pdf_painter.draw_sheet`: notes how many sheets are alive at each draw."""

    def __init__(self) -> None:
        self.drawn: list[weakref.ref[Sheet]] = []
        self.alive: list[int] = []
        self.primitives: list[int] = []
        self.largest = 0

    def __call__(self, canvas: Any, sheet: Sheet, images: ImageSource | None) -> None:
        del canvas, images
        self.drawn.append(weakref.ref(sheet))
        alive = [s for s in (ref() for ref in self.drawn) if s is not None]
        self.alive.append(len(alive))
        self.primitives.append(sum(size(s) for s in alive))
        self.largest = max(self.largest, size(sheet))


def written(source: ExportSource, scale: float, monkeypatch: pytest.MonkeyPatch) -> Watch:
    watch = Watch()
    with monkeypatch.context() as patch:
        patch.setattr(pdf_painter, "draw_sheet", watch)
        _data, pages = render_pdf(source, ExportOptions(tile=True, scale=scale, date=DATE))
    assert pages == len(watch.drawn)
    return watch


def test_a_very_wide_map_is_written_one_sheet_at_a_time(
    wide_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ExportSource(wide_doc)
    few = written(source, 0.1, monkeypatch)
    many = written(source, 0.4, monkeypatch)
    assert len(few.drawn) >= 100 and len(many.drawn) >= 4 * len(few.drawn) - 4
    for watch in (few, many):
        assert max(watch.alive) <= 2
        assert max(watch.primitives) <= 2 * watch.largest
    # A sheet's own furniture (marks, footer, the plan of sheets) does not grow with the
    # number of sheets: four times as many sheets, no larger sheets.
    assert many.largest <= few.largest


def test_pages_made_on_demand_are_the_pages_drawn(wide_doc: Document) -> None:
    source = ExportSource(wide_doc)
    pages = source.sheets(ExportOptions(tile=True, scale=0.1, cover=True, date=DATE))
    assert isinstance(pages, Pages)
    every = list(pages)
    assert len(every) == len(pages) > 100
    for index in (0, 1, 2, len(pages) // 2, len(pages) - 1):
        assert pages[index] == every[index]
    assert pages[-1] == every[-1]
    assert list(pages[3:6]) == every[3:6]
    assert [bool(sheet.bookmark) for sheet in every[:3]] == [True, False, False]
    for number, sheet in enumerate(every, 1):
        page = source.words().page.format(number, len(pages))
        assert any(isinstance(item, Text) and item.line.text == page for item in sheet.items)


def test_the_plan_of_thousands_of_sheets_is_a_few_boxes(wide_doc: Document) -> None:
    pages = ExportSource(wide_doc).sheets(ExportOptions(tile=True, scale=1.0, date=DATE))
    assert len(pages) > 1000
    middle = pages[len(pages) // 2]
    assert middle.tile is not None
    assert count(middle.items) < 60


def linear(picture: MapPicture, rect: Rect) -> tuple[Any, ...]:
    pairs = zip(picture.shapes, picture.extents, strict=True)
    return tuple(shape for shape, extent in pairs if overlaps(extent, rect))


@settings(max_examples=60, deadline=None)
@given(
    x=st.floats(-2_000, 820_000),
    y=st.floats(-2_000, 2_000),
    w=st.floats(0, 50_000),
    h=st.floats(0, 3_000),
)
def test_culling_through_the_index_finds_what_a_scan_finds(
    wide_picture: MapPicture, x: float, y: float, w: float, h: float
) -> None:
    rect = Rect(x, y, w, h)
    assert wide_picture.within(rect) == linear(wide_picture, rect)


def test_culling_a_whole_map_and_random_pieces(wide_picture: MapPicture) -> None:
    whole = Rect(-10, -10, wide_picture.width + 20, wide_picture.height + 20)
    assert wide_picture.within(whole) == wide_picture.shapes
    rng = random.Random(8)
    for _ in range(50):
        rect = Rect(rng.uniform(0, wide_picture.width), rng.uniform(0, 600), 700, 900)
        assert wide_picture.within(rect) == linear(wide_picture, rect)


@pytest.fixture(scope="module")
def wide_picture(wide_doc: Document) -> MapPicture:
    source = ExportSource(wide_doc)
    return source.picture(source.map_ids(ExportOptions(), every=False)[0])


def test_a_plan_of_few_sheets_shows_each_sheet(export_doc: Document) -> None:
    """The sample's tiles keep their plan of one box per sheet (golden pdf_tile_a4_portrait_2)."""
    first = export_doc.maps()[0].id
    options = ExportOptions(maps=(first,), page="A4", tile=True, date=DATE)
    pages = ExportSource(export_doc).sheets(options)
    tile = pages[1].tile
    assert tile is not None and tile.rows * tile.columns == len(pages) >= 4
    (plan,) = [item for item in pages[1].items if isinstance(item, Group)]
    assert len(plan.items) == len(pages)
