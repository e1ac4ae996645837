"""Paper sizes and where a map goes on them: one page scaled to fit, or tiled at a size.

Pure numbers, in PDF points (1/72 inch), y down like the map; the paper sizes themselves
are in render/paper.py (re-exported here). A map pixel is 1/96 inch, so at 100 % a map
prints as large as the canvas shows it at 100 % zoom. The PDF, print and preview all
place maps with these functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from journeyeditor.render.layout import Rect
from journeyeditor.render.paper import (
    AUTO,
    LANDSCAPE,
    MM,
    ORIENTATIONS,
    PAGE_SIZES,
    PORTRAIT,
    Size,
    page_size,
    turned,
)

__all__ = [
    "AUTO",
    "FRAME",
    "LANDSCAPE",
    "MM",
    "ORIENTATIONS",
    "PAGE_SIZES",
    "PORTRAIT",
    "PX",
    "Frame",
    "Placement",
    "Size",
    "Tile",
    "Tiling",
    "content_area",
    "fit",
    "footer_area",
    "letters",
    "page_size",
    "tiles",
    "tiling",
    "turned",
]

PX = 0.75
"""Points per map pixel at 100 %."""


@dataclass(frozen=True)
class Frame:
    """The white border of a page, the footer band, and how much tiles overlap."""

    margin: float = 10 * MM
    footer: float = 24.0
    gap: float = 14.0
    overlap: float = 8 * MM


FRAME = Frame()


def content_area(page: Size, frame: Frame = FRAME) -> Rect:
    """Where the map goes: inside the margins, above the footer (the gap holds marks)."""
    width, height = page
    m = frame.margin
    return Rect(m, m, width - 2 * m, height - 2 * m - frame.footer - frame.gap)


def footer_area(page: Size, frame: Frame = FRAME) -> Rect:
    width, height = page
    m = frame.margin
    return Rect(m, height - m - frame.footer, width - 2 * m, frame.footer)


@dataclass(frozen=True)
class Placement:
    """Map pixel (u, v) lands on the page at (x + u * scale, y + v * scale)."""

    scale: float
    x: float
    y: float


def fit(size: Size, area: Rect) -> Placement:
    """The whole map as large as `area` allows, centred in it."""
    width, height = size
    scale = min(area.w / max(width, 1.0), area.h / max(height, 1.0))
    return Placement(
        scale,
        area.x + (area.w - width * scale) / 2,
        area.y + (area.h - height * scale) / 2,
    )


@dataclass(frozen=True)
class Tile:
    """One sheet of a tiled map: which part of the map it shows, and where."""

    row: int
    column: int
    rows: int
    columns: int
    source: Rect
    placement: Placement
    clip: Rect
    overlap: float

    @property
    def label(self) -> str:
        """Spreadsheet-like name of the sheet: row letter, column number (B3)."""
        return f"{letters(self.row)}{self.column + 1}"


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _count(length: float, piece: float, step: float) -> int:
    if length <= piece + 1e-6:
        return 1
    return math.ceil((length - piece) / step - 1e-6) + 1


@dataclass(frozen=True)
class Tiling:
    """A map printed at `scale` points per pixel, cut into sheets that overlap.

    Each sheet shows an `area`-sized piece; the next one starts `overlap` points before
    this one ends, so neighbouring sheets share a strip to trim and glue. Sheets are made
    one at a time when asked for: a very wide map may take thousands.
    """

    size: Size
    area: Rect
    scale: float
    rows: int
    columns: int
    step: Size
    shared: float

    def __len__(self) -> int:
        return self.rows * self.columns

    def __getitem__(self, index: int) -> Tile:
        if not 0 <= index < len(self):
            raise IndexError(index)
        row, column = divmod(index, self.columns)
        width, height = self.size
        piece_w, piece_h = self.area.w / self.scale, self.area.h / self.scale
        u, v = column * self.step[0], row * self.step[1]
        source = Rect(u, v, min(piece_w, width - u), min(piece_h, height - v))
        placement = Placement(
            self.scale, self.area.x - u * self.scale, self.area.y - v * self.scale
        )
        clip = Rect(self.area.x, self.area.y, source.w * self.scale, source.h * self.scale)
        return Tile(
            row, column, self.rows, self.columns, source, placement, clip, self.shared * self.scale
        )

    def __iter__(self) -> Iterator[Tile]:
        return (self[index] for index in range(len(self)))


def tiling(size: Size, area: Rect, scale: float, overlap: float) -> Tiling:
    """Cut a map printed at `scale` points per pixel into sheets that overlap by `overlap`."""
    width, height = size
    piece_w, piece_h = area.w / scale, area.h / scale
    shared = min(overlap / scale, piece_w / 2, piece_h / 2)
    step_w, step_h = piece_w - shared, piece_h - shared
    columns = _count(width, piece_w, step_w)
    rows = _count(height, piece_h, step_h)
    return Tiling(size, area, scale, rows, columns, (step_w, step_h), shared)


def tiles(size: Size, area: Rect, scale: float, overlap: float) -> list[Tile]:
    """Every sheet of `tiling(...)`, row by row."""
    return list(tiling(size, area, scale, overlap))
