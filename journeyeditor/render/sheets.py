"""Printed pages as primitives: maps placed on sheets, footers, page numbers, tiling marks.

Backend-neutral like the map itself: the PDF painter and the Qt painter (print,
preview) draw these same sheets, in points, y down.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import accumulate
from typing import overload

from journeyeditor.render import drawing, icons
from journeyeditor.render.layout import Measure, Rect, TextLine, wrap
from journeyeditor.render.pages import (
    FRAME,
    Frame,
    Placement,
    Size,
    Tile,
    Tiling,
    content_area,
    fit,
    footer_area,
    tiling,
    turned,
)
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

MARK = icons.INK
FOOTER_SIZE = 8.0
FOOTER_LEADING = 9.5
"""Between the lines of a footer's names when they wrap (they are never cut)."""
PLAN_MIN_CELL = 1.0
"""Smallest sheet in the footer's plan of sheets (points); below it the cells would blur
together (and a sheet would draw one box per sheet), so the plan shows the whole and
this sheet."""
BUCKET = 512.0
"""Side of the squares (map pixels) that index where shapes paint, so that a sheet finds
its shapes without looking at every shape of the map."""
BUCKETS_PER_SHAPE = 64
"""A shape spreading over more squares than this is looked at for every sheet instead."""


@dataclass(frozen=True)
class PrintWords:
    """Words printed around maps, already in the map's language."""

    page: str = "Page {0} / {1}"
    sheet: str = "Sheet {0} of {1}, overlap {2} mm"
    goals: str = "Goals"
    frustrations: str = "Frustrations"
    legend: str = "Legend"
    lanes: str = "Lanes"
    channels: str = "Channels"
    departments: str = "Departments"
    evidence: str = "Evidence"
    emotions: str = "Emotions"
    age: str = "{0} years old"
    quote: str = "“{0}”"
    key_figures: str = "Key figures"
    stages: str = "Stages"
    cards: str = "Cards"
    top_pains: str = "Top pain points"
    top_opportunities: str = "Top opportunities"
    votes: str = "Votes: {0}"
    language: str = "en"
    """How figures are written (render/numbers.py)."""
    states: dict[str, str] = field(default_factory=dict)
    lane_kinds: dict[str, str] = field(default_factory=dict)
    channel_names: dict[str, str] = field(default_factory=dict)
    evidence_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Branding:
    """The client's look on printed pages: accent colour and logo (with its width/height)."""

    project: str = ""
    accent: str = "#2f6fdb"
    logo: int | None = None
    logo_ratio: float = 1.0


def union(a: Rect, b: Rect) -> Rect:
    x, y = min(a.x, b.x), min(a.y, b.y)
    return Rect(x, y, max(a.right, b.right) - x, max(a.bottom, b.bottom) - y)


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _around(points: tuple[tuple[float, float], ...], pad: float) -> Rect:
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return Rect(
        min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
    )


def extent(shape: Primitive, measure: Measure) -> Rect:
    """A rectangle that holds everything `shape` paints (ink of strokes included)."""
    if isinstance(shape, Group):
        inner = [extent(item, measure) for item in shape.items] or [Rect(0, 0, 0, 0)]
        box = inner[0]
        for other in inner[1:]:
            box = union(box, other)
        return box.moved(shape.dx, shape.dy)
    if isinstance(shape, Box):
        half = shape.width / 2 if shape.stroke else 0.0
        r = shape.rect
        return Rect(r.x - half, r.y - half, r.w + 2 * half, r.h + 2 * half)
    if isinstance(shape, Text):
        line = shape.line
        width = measure(line.text, line.size, line.bold)
        return Rect(line.x - 1, line.y - line.size * 1.2, width + 2, line.size * 1.6)
    if isinstance(shape, Circle):
        reach = shape.r + (shape.width / 2 if shape.stroke else 0.0)
        return Rect(shape.cx - reach, shape.cy - reach, 2 * reach, 2 * reach)
    if isinstance(shape, Line | Polygon):
        return _around(shape.points, shape.width / 2 + 1)
    if isinstance(shape, Curve):
        points = tuple(point for segment in shape.segments for point in segment)
        return _around(points, shape.width / 2 + 1)
    return shape.rect


@dataclass(frozen=True)
class MapPicture:
    """A laid-out map ready to place: its shapes and, for culling, where each one paints."""

    title: str
    width: float
    height: float
    shapes: tuple[Primitive, ...]
    extents: tuple[Rect, ...]

    @classmethod
    def of(
        cls, title: str, width: float, height: float, shapes: list[Primitive], measure: Measure
    ) -> MapPicture:
        return cls(title, width, height, tuple(shapes), tuple(extent(s, measure) for s in shapes))

    def within(self, rect: Rect) -> tuple[Primitive, ...]:
        """The shapes that paint inside `rect` (map pixels), in painting order."""
        found = self._index.near(rect)
        candidates = range(len(self.shapes)) if found is None else found
        return tuple(self.shapes[i] for i in candidates if overlaps(self.extents[i], rect))

    @cached_property
    def _index(self) -> _Buckets:
        return _Buckets(self.extents)


def _span(low: float, high: float) -> range | None:
    """The buckets from `low` to `high` along one axis; None when not finite."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    return range(math.floor(low / BUCKET), math.floor(high / BUCKET) + 1)


class _Buckets:
    """Which shapes paint in each BUCKET-sided square of a map: culling a sheet looks
    at the shapes near it, not at every shape of a map that may take thousands of sheets."""

    def __init__(self, extents: Sequence[Rect]) -> None:
        self.count = len(extents)
        self.squares: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []
        for index, box in enumerate(extents):
            columns, rows = _span(box.x, box.right), _span(box.y, box.bottom)
            if columns is None or rows is None or len(columns) * len(rows) > BUCKETS_PER_SHAPE:
                self.everywhere.append(index)
                continue
            for column in columns:
                for row in rows:
                    self.squares.setdefault((column, row), []).append(index)

    def near(self, rect: Rect) -> list[int] | None:
        """Indexes of the shapes that may paint in `rect`, in order; None: look at all."""
        columns, rows = _span(rect.x, rect.right), _span(rect.y, rect.bottom)
        if columns is None or rows is None or len(columns) * len(rows) > self.count:
            return None
        found = set(self.everywhere)
        for column in columns:
            for row in rows:
                found.update(self.squares.get((column, row), ()))
        return sorted(found)


@dataclass(frozen=True)
class MapView:
    """Map shapes drawn at a placement, clipped to a page rectangle."""

    shapes: tuple[Primitive, ...]
    placement: Placement
    clip: Rect


@dataclass(frozen=True)
class Sheet:
    """One printed page: an optional map view, then page furniture over it."""

    width: float
    height: float
    title: str
    view: MapView | None = None
    items: tuple[Primitive, ...] = ()
    tile: Tile | None = None
    bookmark: str = ""


def fit_sheet(picture: MapPicture, page: Size, frame: Frame = FRAME) -> Sheet:
    """The whole map on one page."""
    placement = fit((picture.width, picture.height), content_area(page, frame))
    s = placement.scale
    clip = Rect(placement.x, placement.y, picture.width * s, picture.height * s)
    view = MapView(picture.shapes, placement, clip)
    return Sheet(page[0], page[1], picture.title, view, bookmark=picture.title)


def roomier(picture: MapPicture, page: Size, scale: float | None, frame: Frame = FRAME) -> Size:
    """`page` or `page` turned, whichever prints the map larger when fitted (`scale` None)
    or on fewer sheets when tiled at `scale`; a tie keeps `page`."""
    size, other = (picture.width, picture.height), turned(page)
    if scale is None:

        def larger(paper: Size) -> float:
            return fit(size, content_area(paper, frame)).scale

        return other if larger(other) > larger(page) * (1 + 1e-9) else page

    def sheets(paper: Size) -> int:
        return len(tiling(size, content_area(paper, frame), scale, frame.overlap))

    return other if sheets(other) < sheets(page) else page


def sheet_tiling(picture: MapPicture, page: Size, scale: float, frame: Frame = FRAME) -> Tiling:
    """How the map at `scale` points per pixel is cut into sheets of `page`."""
    area = content_area(page, frame)
    return tiling((picture.width, picture.height), area, scale, frame.overlap)


def tile_sheet(picture: MapPicture, tile: Tile, page: Size, first: bool) -> Sheet:
    """One sheet of a tiled map: the shapes that paint on it, and the assembly marks."""
    view = MapView(picture.within(tile.source), tile.placement, tile.clip)
    marks = tuple(assembly_marks(tile))
    bookmark = picture.title if first else ""
    return Sheet(page[0], page[1], picture.title, view, marks, tile, bookmark)


def _target(x: float, y: float) -> list[Primitive]:
    """A registration mark: sheets are glued so that these line up."""
    return [
        Circle(x, y, 3.2, None, MARK, 0.5),
        Line(((x - 5, y), (x + 5, y)), MARK, 0.5),
        Line(((x, y - 5), (x, y + 5)), MARK, 0.5),
    ]


def assembly_marks(tile: Tile) -> list[Primitive]:
    """Crop marks at the piece's corners, and a mark in the middle of each shared strip."""
    c, overlap = tile.clip, tile.overlap
    shapes: list[Primitive] = []
    for x, sx in ((c.x, -1), (c.right, 1)):
        for y, sy in ((c.y, -1), (c.bottom, 1)):
            shapes.append(Line(((x + 3 * sx, y), (x + 13 * sx, y)), MARK, 0.5))
            shapes.append(Line(((x, y + 3 * sy), (x, y + 13 * sy)), MARK, 0.5))
    strips_x = []
    if tile.column > 0:
        strips_x.append(c.x)
    if tile.column < tile.columns - 1:
        strips_x.append(c.right - overlap)
    for x in strips_x:
        for y in (c.y - 8, c.bottom + 8):
            shapes.append(Box(Rect(x, y - 1, overlap, 2), "#9aa0aa"))
            shapes += _target(x + overlap / 2, y)
    strips_y = []
    if tile.row > 0:
        strips_y.append(c.y)
    if tile.row < tile.rows - 1:
        strips_y.append(c.bottom - overlap)
    for y in strips_y:
        for x in (c.x - 8, c.right + 8):
            shapes.append(Box(Rect(x - 1, y, 2, overlap), "#9aa0aa"))
            shapes += _target(x, y + overlap / 2)
    return shapes


def _grid(tile: Tile, x: float, y: float, accent: str) -> tuple[list[Primitive], float]:
    """A small plan of all sheets with this one filled in; returns it and its width."""
    cell = min(6.0, 48.0 / tile.columns, 14.0 / tile.rows)
    width, height = tile.columns * cell, tile.rows * cell
    if cell < PLAN_MIN_CELL:
        mark = PLAN_MIN_CELL
        here = Rect(
            x + min(tile.column * cell, width - mark),
            y + min(tile.row * cell, height - mark),
            mark,
            mark,
        )
        whole = Box(Rect(x, y, width, height), "#ffffff", drawing.GRID, 0.5)
        return [whole, Box(here, accent)], width
    shapes: list[Primitive] = []
    for row in range(tile.rows):
        for column in range(tile.columns):
            is_here = (row, column) == (tile.row, tile.column)
            rect = Rect(x + column * cell, y + row * cell, cell, cell)
            shapes.append(Box(rect, accent if is_here else "#ffffff", drawing.GRID, 0.5))
    return shapes, width


def footer(
    sheet: Sheet,
    number: int,
    total: int,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    frame: Frame = FRAME,
) -> list[Primitive]:
    """Accent rule, logo, project and map names, sheet plan when tiled, page number."""
    area = footer_area((sheet.width, sheet.height), frame)
    size = FOOTER_SIZE
    base = area.y + 15
    shapes: list[Primitive] = [Box(Rect(area.x, area.y, area.w, 1.5), branding.accent)]
    left = area.x
    if branding.logo is not None:
        height = 14.0
        width = min(60.0, height * branding.logo_ratio)
        shapes.append(Picture(Rect(left, area.y + 5, width, height), branding.logo))
        left += width + 6
    page = words.page.format(number, total)
    page_width = measure(page, size, True)
    right = area.right - page_width
    shapes.append(Text(TextLine(page, right, base, size, True), drawing.INK))
    if sheet.tile is not None:
        tile = sheet.tile
        mm = round(tile.overlap * 25.4 / 72)
        label = words.sheet.format(tile.label, tile.rows * tile.columns, mm)
        label_width = measure(label, size, False)
        grid_top = area.y + 5 + max(0.0, (14 - min(6.0, 14.0 / tile.rows) * tile.rows) / 2)
        grid, grid_width = _grid(tile, 0, grid_top, branding.accent)
        start = max(left, area.x + (area.w - grid_width - 5 - label_width) / 2)
        shapes.append(Group(start, 0, tuple(grid)))
        shapes.append(Text(TextLine(label, start + grid_width + 5, base, size), drawing.MUTED))
        right = start - 10
    names = " · ".join(part for part in (branding.project, sheet.title) if part)
    lines = wrap(names, max(10.0, right - left - 10), size, measure) if names else []
    first = base - (len(lines) - 1) * FOOTER_LEADING / 2
    shapes += [
        Text(TextLine(line, left, first + index * FOOTER_LEADING, size), drawing.MUTED)
        for index, line in enumerate(lines)
    ]
    return shapes


@dataclass(frozen=True)
class Part:
    """One map's pages: an optional cover, then the map fitted on one page or tiled,
    then an optional summary page."""

    picture: MapPicture
    cover: Callable[[], Sequence[Primitive]] | None = None
    """Makes the cover's shapes when its page is drawn."""
    tiling: Tiling | None = None
    """None: the whole map on one page."""
    page: Size | None = None
    """This map's paper (and its cover's), when it is turned unlike the others."""
    summary: Callable[[], Sequence[Primitive]] | None = None
    """Makes the summary page's shapes (`summary_page.py`) when it is drawn."""

    def __len__(self) -> int:
        body = len(self.tiling) if self.tiling is not None else 1
        return body + (1 if self.cover is not None else 0) + (1 if self.summary else 0)


class Pages(Sequence[Sheet]):
    """Every printed page of an export, each made with its footer only when asked for.

    A very wide map tiled at a large scale takes thousands of sheets; they are drawn
    one after the other and never all held at once (the PDF, print and the preview each
    ask for the pages they draw).
    """

    def __init__(
        self,
        parts: Sequence[Part],
        page: Size,
        branding: Branding,
        words: PrintWords,
        measure: Measure,
        frame: Frame = FRAME,
    ) -> None:
        self.parts = tuple(parts)
        self.page = page
        self.branding = branding
        self.words = words
        self.measure = measure
        self.frame = frame
        self._starts = list(accumulate((len(part) for part in self.parts), initial=0))

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, index: int) -> Sheet: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Sheet]: ...

    def __getitem__(self, index: int | slice) -> Sheet | Sequence[Sheet]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        which = bisect_right(self._starts, index) - 1
        return self._page(self.parts[which], index - self._starts[which], index)

    def __iter__(self) -> Iterator[Sheet]:
        for part, start in zip(self.parts, self._starts, strict=False):
            for local in range(len(part)):
                yield self._page(part, local, start + local)

    def _page(self, part: Part, local: int, index: int) -> Sheet:
        """Page `local` of `part`, with the footer of page `index` of the whole."""
        page, picture = part.page or self.page, part.picture
        first = local == 0
        if part.summary is not None and local == len(part) - 1:
            return self._numbered(Sheet(*page, picture.title, items=tuple(part.summary())), index)
        if part.cover is not None:
            if first:
                sheet = Sheet(
                    *page, picture.title, items=tuple(part.cover()), bookmark=picture.title
                )
                return self._numbered(sheet, index)
            local, first = local - 1, False
        if part.tiling is None:
            sheet = replace(
                fit_sheet(picture, page, self.frame), bookmark=picture.title if first else ""
            )
        else:
            sheet = tile_sheet(picture, part.tiling[local], page, first)
        return self._numbered(sheet, index)

    def _numbered(self, sheet: Sheet, index: int) -> Sheet:
        """Add the sheet's footer, now that the page count is known."""
        furniture = footer(
            sheet, index + 1, len(self), self.branding, self.words, self.measure, self.frame
        )
        return replace(sheet, items=(*sheet.items, *furniture))
