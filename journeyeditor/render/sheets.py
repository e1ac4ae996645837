"""Printed pages as primitives: maps placed on sheets, footers, page numbers, tiling marks.

Backend-neutral like the map itself: the PDF painter and the Qt painter (print,
preview) draw these same sheets, in points, y down.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from journeyeditor.render import drawing, icons
from journeyeditor.render.layout import Measure, Rect, TextLine
from journeyeditor.render.pages import (
    FRAME,
    Frame,
    Placement,
    Size,
    Tile,
    content_area,
    fit,
    footer_area,
    tiles,
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
        return tuple(s for s, e in zip(self.shapes, self.extents, strict=True) if overlaps(e, rect))


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


def tile_sheets(picture: MapPicture, page: Size, scale: float, frame: Frame = FRAME) -> list[Sheet]:
    """The map at `scale` points per pixel, across as many pages as it takes."""
    area = content_area(page, frame)
    out: list[Sheet] = []
    for tile in tiles((picture.width, picture.height), area, scale, frame.overlap):
        view = MapView(picture.within(tile.source), tile.placement, tile.clip)
        marks = tuple(assembly_marks(tile))
        bookmark = picture.title if not out else ""
        out.append(Sheet(page[0], page[1], picture.title, view, marks, tile, bookmark))
    return out


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
    shapes: list[Primitive] = []
    for row in range(tile.rows):
        for column in range(tile.columns):
            here = (row, column) == (tile.row, tile.column)
            rect = Rect(x + column * cell, y + row * cell, cell, cell)
            shapes.append(Box(rect, accent if here else "#ffffff", drawing.GRID, 0.5))
    return shapes, tile.columns * cell


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
    text = drawing.fit_text(names, max(0.0, right - left - 10), size, measure)
    shapes.append(Text(TextLine(text, left, base, size), drawing.MUTED))
    return shapes


def number(
    sheets: list[Sheet],
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    frame: Frame = FRAME,
) -> list[Sheet]:
    """Add each sheet's footer, now that the page count is known."""
    total = len(sheets)
    return [
        replace(
            sheet,
            items=(*sheet.items, *footer(sheet, n, total, branding, words, measure, frame)),
        )
        for n, sheet in enumerate(sheets, 1)
    ]
