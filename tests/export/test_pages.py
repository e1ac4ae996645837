"""Paper sizes, fitting and tiling: pure geometry."""

from __future__ import annotations

import pytest

from journeyeditor.render.layout import Rect
from journeyeditor.render.pages import (
    MM,
    PX,
    content_area,
    fit,
    letters,
    page_size,
    tiles,
)


@pytest.mark.parametrize(
    ("name", "width_mm", "height_mm"),
    [
        ("A4", 210, 297),
        ("A3", 297, 420),
        ("A2", 420, 594),
        ("Letter", 215.9, 279.4),
        ("Tabloid", 279.4, 431.8),
    ],
)
def test_page_sizes_in_points(name: str, width_mm: float, height_mm: float) -> None:
    width, height = page_size(name, landscape=False)
    assert width == pytest.approx(width_mm * MM, abs=0.01)
    assert height == pytest.approx(height_mm * MM, abs=0.01)
    assert page_size(name, landscape=True) == (height, width)


def test_fit_keeps_the_whole_map_inside_and_centred() -> None:
    area = Rect(10, 20, 500, 300)
    placed = fit((1000, 400), area)
    assert placed.scale == pytest.approx(0.5)
    assert placed.x == pytest.approx(10)
    assert placed.y == pytest.approx(20 + (300 - 200) / 2)


def test_a_map_that_fits_one_sheet_is_one_tile() -> None:
    area = content_area(page_size("A4", True))
    (only,) = tiles((area.w / PX - 1, area.h / PX - 1), area, PX, 8 * MM)
    assert (only.rows, only.columns, only.label) == (1, 1, "A1")


def test_tiles_cover_the_map_and_overlap_by_the_asked_amount() -> None:
    area = content_area(page_size("A4", False))
    size = (4000.0, 2500.0)
    overlap = 8 * MM
    sheets = tiles(size, area, PX, overlap)
    rows, columns = sheets[0].rows, sheets[0].columns
    assert len(sheets) == rows * columns > 4
    right = max(t.source.right for t in sheets)
    bottom = max(t.source.bottom for t in sheets)
    assert (right, bottom) == pytest.approx(size)
    first, second = sheets[0], sheets[1]
    shared = first.source.right - second.source.x
    assert shared * PX == pytest.approx(overlap)
    below = sheets[columns]
    assert (first.source.bottom - below.source.y) * PX == pytest.approx(overlap)
    assert [t.label for t in sheets[: columns + 1]][-1] == "B1"


def test_tile_placement_maps_its_source_onto_the_content_area() -> None:
    area = content_area(page_size("A3", True))
    for tile in tiles((3000.0, 3000.0), area, 1.5 * PX, 8 * MM):
        p = tile.placement
        assert p.x + tile.source.x * p.scale == pytest.approx(area.x)
        assert p.y + tile.source.y * p.scale == pytest.approx(area.y)
        assert tile.clip.w <= area.w + 1e-6 and tile.clip.h <= area.h + 1e-6


def test_sheet_letters_go_on_past_z() -> None:
    assert [letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
