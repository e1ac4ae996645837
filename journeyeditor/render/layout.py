"""Where everything of a map goes: the single source of geometry.

Pure Python (no Qt, no reportlab, no database): it takes a map's content and a way
to measure text, and returns rectangles, wrapped text lines and curve segments.
The canvas, PNG, SVG, print and PDF all draw this one layout, so what a person sees
is what the client gets. Units are pixels at 100 % zoom (1/96 inch).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import Any, TypeVar, cast

from journeyeditor.model.enums import EMOTION_MAX, EMOTION_MIN
from journeyeditor.model.limits import LANE_HEIGHT_RANGE, STAGE_WIDTH_RANGE
from journeyeditor.render.measures import (
    MEASURE_KINDS,
    STRONG,
    SURVEY,
    FigureText,
    FunnelFigures,
    MeasureIn,
    RunIn,
    bar_share,
)

EMOTION = "emotion"
META_KINDS = frozenset({"touchpoint", "pain_point", "opportunity", "metric"})

Measure = Callable[[str, float, bool], float]
MetaLines = Callable[["CardIn", str, float], tuple[str, ...]]
"""The words of a card's detail row (channel, owner, figures), wrapped to a width: given
by the drawing code, which knows the words and what else the row holds."""


@dataclass(frozen=True)
class Style:
    """Sizes of everything, in pixels; one instance for screen and print alike."""

    header_height: float = 64.0
    lane_header_width: float = 168.0
    min_stage_width: float = 120.0
    min_lane_height: float = 40.0
    cell_padding: float = 8.0
    card_gap: float = 8.0
    card_padding: float = 8.0
    strip_width: float = 5.0
    text_size: float = 12.0
    line_height: float = 15.0
    meta_height: float = 20.0
    meta_line_height: float = 12.0
    marker_space: float = 14.0
    header_size: float = 14.0
    header_line_height: float = 18.0
    lane_size: float = 12.0
    lane_line_height: float = 15.0
    note_size: float = 10.0
    note_line_height: float = 12.0
    curve_padding: float = 26.0
    face_radius: float = 11.0
    image_height: float = 96.0
    note_pad: float = 3.0
    header_pad: float = 10.0
    tag_height: float = 14.0
    tag_gap: float = 4.0
    figure_size: float = 10.5
    figure_line_height: float = 13.0
    figure_strong_size: float = 13.0
    figure_strong_line_height: float = 17.0
    figure_bar_height: float = 10.0
    figure_gap: float = 6.0
    mark_space: float = 13.0
    kind_icon: float = 14.0


STYLE = Style()


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def __eq__(self, other: object) -> bool:
        """Equal to any rectangle at the same place, a card's `RowRect` included."""
        if not isinstance(other, Rect):
            return NotImplemented
        return self.x == other.x and self.y == other.y and self.w == other.w and self.h == other.h

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


class RowTop:
    """Where a row of the layout starts, shared by the rectangles of its cards."""

    __slots__ = ("y",)

    def __init__(self, y: float) -> None:
        self.y = y


class RowRect(Rect):
    """A card's rectangle: its top is its row's top plus its own offset, computed as
    the layout computes it, so a row that only moves moves all its cards by setting
    one `RowTop` (the layouter's work for it is by cells, not by cards)."""

    __slots__ = ("rel", "row")

    def __init__(self, x: float, row: RowTop, rel: float, w: float, h: float) -> None:
        self.x, self.w, self.h = x, w, h
        self.row, self.rel = row, rel

    @property
    def y(self) -> float:
        return self.row.y + self.rel

    @y.setter
    def y(self, value: float) -> None:
        """A top set by hand: the rectangle leaves its row."""
        self.row, self.rel = RowTop(value), 0.0


@dataclass(slots=True)
class TextLine:
    """One already-broken line of text; `y` is its baseline."""

    text: str
    x: float
    y: float
    size: float
    bold: bool = False


@dataclass(slots=True)
class StageIn:
    id: int
    name: str
    color: str
    width: float


@dataclass(slots=True)
class LaneIn:
    id: int
    name: str
    kind: str
    color: str
    height: float


@dataclass(slots=True)
class CardIn:
    """What drawing a card needs; department and image resolved by the caller (a card
    with a `department` name gets a tag band at its foot: render/departments.py).

    The fields before `department` are columns of the card's row, in this order, so a
    view reading thousands of rows builds each record by position (render/content.py).
    """

    id: int
    stage_id: int
    lane_id: int
    position: int
    text: str
    color: str | None = None
    channel: str | None = None
    owned: bool | None = None
    severity: int | None = None
    owner: str | None = None
    priority: str | None = None
    value: float | None = None
    unit: str | None = None
    target: float | None = None
    direction: str | None = None
    target_low: float | None = None
    baseline: float | None = None
    period: str | None = None
    department_id: int | None = None
    votes: int = 0
    evidence: str = "assumption"
    image_id: int | None = None
    department: str | None = None
    department_color: str | None = None
    look: CardIn | None = field(default=None, init=False, compare=False, repr=False)
    """The record this one was `relocated` from (the first of a chain), whose every field
    but the place it shares: `same_look` need not compare them again."""


@dataclass(slots=True)
class PointIn:
    lane_id: int
    stage_id: int
    value: int
    note: str = ""
    samples: int = 1
    """How many feelings `value` averages (merged drafts); more than one is shown."""


@dataclass(slots=True)
class MapContent:
    title: str
    stages: tuple[StageIn, ...]
    lanes: tuple[LaneIn, ...]
    cards: tuple[CardIn, ...]
    points: tuple[PointIn, ...] = ()
    measures: tuple[MeasureIn, ...] = ()
    """Figures of the funnel and survey lanes, per stage (render/measures.py)."""
    runs: tuple[RunIn, ...] = ()


@dataclass(slots=True)
class Header:
    id: int
    rect: Rect
    lines: tuple[TextLine, ...]
    color: str
    kind: str = ""
    sub_lines: tuple[TextLine, ...] = ()
    """Under a measurement lane's name: the date of its figures, in plain muted type."""
    icon: Rect | None = None
    """Above a measurement lane's name: where its kind's pictogram goes."""


@dataclass(slots=True)
class FigureLine:
    """A wrapped line of a stage's figures and its tone (render/measures.py)."""

    line: TextLine
    tone: str


@dataclass(slots=True)
class FigureMark:
    """An arrow or warning drawn in the square (x, y, size) before a row's first line."""

    kind: str
    x: float
    y: float
    size: float
    tone: str


@dataclass(slots=True)
class FigureBox:
    """A measurement cell's drawing: a bar filled to `share` (funnel: 0…1 from its left
    end; survey: −1…+1 from its middle), then the rows of figures, wrapped."""

    bar: Rect | None
    share: float | None
    centred: bool
    lines: tuple[FigureLine, ...]
    marks: tuple[FigureMark, ...]


@dataclass(slots=True)
class CardBox:
    """A card's place; `lines` and `meta` are relative to the card's top-left corner.

    `meta_lines` are the detail row's words, wrapped: the row grows by one
    `meta_line_height` for each line after the first, so nothing is ever cut.
    """

    card: CardIn
    rect: Rect
    lane_kind: str
    lines: tuple[TextLine, ...]
    meta: Rect | None
    image: Rect | None
    meta_lines: tuple[str, ...] = ()


@dataclass(slots=True)
class Cell:
    stage_id: int
    lane_id: int
    rect: Rect
    color: str
    card_ids: tuple[int, ...]
    figures: FigureBox | None = None


@dataclass(slots=True)
class CurvePoint:
    """A face on the curve; its note sits on `note_box` (a light backdrop), placed where
    neither the curve, the zero line, a face nor another note crosses it."""

    stage_id: int
    x: float
    y: float
    value: int
    note_lines: tuple[TextLine, ...]
    note_box: Rect | None = None
    samples: int = 1


Bezier = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(slots=True)
class Curve:
    lane_id: int
    area: Rect
    points: tuple[CurvePoint, ...]
    segments: tuple[Bezier, ...]

    def value_at(self, y: float, style: Style = STYLE) -> int:
        """The −2…+2 value a point dragged to height `y` snaps to."""
        top = self.area.y + style.curve_padding
        span = max(1.0, self.area.h - 2 * style.curve_padding)
        return max(-2, min(2, round(2 - 4 * (y - top) / span)))


@dataclass
class MapLayout:
    width: float
    height: float
    corner: Rect
    title_lines: tuple[TextLine, ...]
    stages: list[Header]
    lanes: list[Header]
    cells: dict[tuple[int, int], Cell]
    cards: dict[int, CardBox]
    curves: dict[int, Curve]
    style: Style = field(default=STYLE)

    def cell_at(self, x: float, y: float) -> Cell | None:
        for cell in self.cells.values():
            if cell.rect.contains(x, y):
                return cell
        return None

    def drop_index(self, cell: Cell, y: float) -> int:
        """Where a card dropped at height `y` goes among the cell's cards."""
        for index, card_id in enumerate(cell.card_ids):
            box = self.cards[card_id].rect
            if y < box.y + box.h / 2:
                return index
        return len(cell.card_ids)

    def stage_index_at(self, x: float) -> int:
        """Where a stage dragged to `x` goes among the stages."""
        for index, header in enumerate(self.stages):
            if x < header.rect.x + header.rect.w / 2:
                return index
        return len(self.stages)

    def lane_index_at(self, y: float) -> int:
        for index, header in enumerate(self.lanes):
            if y < header.rect.y + header.rect.h / 2:
                return index
        return len(self.lanes)


def wrap(text: str, width: float, size: float, measure: Measure, bold: bool = False) -> list[str]:
    """Break text into lines no wider than `width`, at spaces, or inside over-long words.

    Linear in the length of `text` (a card may be one unbroken word of 20,000
    characters): each word is measured once, and a word wider than a line is cut by
    adding up its characters' widths, never by measuring ever longer prefixes again.
    """
    lines: list[str] = []
    space = measure(" ", size, bold)
    advances: dict[str, float] = {}
    for paragraph in text.split("\n"):
        words, line_width = [""], 0.0
        for word in paragraph.split(" "):
            word_width = measure(word, size, bold)
            if words[0] and line_width + space + word_width <= width:
                words.append(word)
                line_width += space + word_width
                continue
            if words[0]:
                lines.append(" ".join(words))
            if word_width > width and len(word) > 1:
                pieces, word = _cut(word, width, size, measure, bold, advances)
                lines += pieces
                word_width = measure(word, size, bold)
            words, line_width = [word], word_width
        lines.append(" ".join(words))
    return lines


EM = 1000.0
"""Characters are measured once at this size; a run's width is their sum scaled to the size."""


def _cut(
    word: str,
    width: float,
    size: float,
    measure: Measure,
    bold: bool,
    advances: dict[str, float],
) -> tuple[list[str], str]:
    """Full-width pieces of a word too wide for a line, and what is left (which fits).

    One pass over the characters, each piece as long as fits (at least one character).
    """
    for char in set(word) - advances.keys():
        advances[char] = measure(char, EM, bold)
    limit = _em_limit(width, size)
    pieces: list[str] = []
    start, run = 0, 0.0
    for index, advance in enumerate(map(advances.__getitem__, word)):
        run += advance
        if run > limit and index > start:
            pieces.append(word[start:index])
            start, run = index, advance
    return pieces, word[start:]


def _em_limit(width: float, size: float) -> float:
    """The widest run of advances (at size `EM`) that still fits `width` at `size`.

    A font measures a run as its summed advances times `size / EM`; comparing sums with
    this limit cuts exactly where measuring every prefix would, without the product.
    """
    if size <= 0:
        return math.inf if width >= 0 else -math.inf
    limit = width * EM / size
    if not math.isfinite(limit):
        return limit
    while limit * size / EM > width:
        limit = math.nextafter(limit, -math.inf)
    while (larger := math.nextafter(limit, math.inf)) * size / EM <= width:
        limit = larger
    return limit


CardShape = tuple[float, tuple[TextLine, ...], tuple[str, ...]]
"""A card's height, its text lines and its detail row's lines."""


class CardMeasurer:
    """Card heights and text lines, cached by what decides them (text, width, kind, the
    detail row's words)."""

    def __init__(
        self,
        measure: Measure,
        style: Style = STYLE,
        meta: MetaLines | None = None,
        figures: FigureText | None = None,
    ) -> None:
        self.measure = measure
        self.style = style
        self.meta = meta
        self.figures = figures or FigureText()
        """How a measurement lane's figures are put in words (the map's language)."""
        self._cache: dict[tuple[str, float, str, bool, tuple[str, ...], bool], CardShape] = {}

    def card(self, card: CardIn, width: float, lane_kind: str) -> CardShape:
        s = self.style
        meta_lines: tuple[str, ...] = ()
        if lane_kind in META_KINDS and self.meta is not None:
            meta_lines = self.meta(card, lane_kind, width - s.strip_width - 2 * s.card_padding)
        has_image = card.image_id is not None or lane_kind == "image"
        tagged = card.department is not None
        key = (card.text, width, lane_kind, has_image, meta_lines, tagged)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        left = s.strip_width + s.card_padding
        text_width = max(10.0, width - left - s.card_padding - s.marker_space)
        top = s.card_padding + (s.image_height + s.card_padding if has_image else 0.0)
        wrapped = wrap(card.text, text_width, s.text_size, self.measure) if card.text else []
        lines = tuple(
            TextLine(line, left, top + s.text_size + i * s.line_height, s.text_size)
            for i, line in enumerate(wrapped)
        )
        text_height = max(1, len(lines)) * s.line_height
        meta = self.meta_height(lane_kind, meta_lines)
        height = top + text_height + meta + self.tag_band(card) + s.card_padding
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[key] = (height, lines, meta_lines)
        return height, lines, meta_lines

    def tag_band(self, card: CardIn) -> float:
        """The band at a card's foot kept for its department tag, so it never covers text."""
        return self.style.tag_gap + self.style.tag_height if card.department is not None else 0.0

    def meta_height(self, lane_kind: str, meta_lines: tuple[str, ...]) -> float:
        """The detail row: one row, and a line more for each wrapped line after the first."""
        if lane_kind not in META_KINDS:
            return 0.0
        return self.style.meta_height + max(0, len(meta_lines) - 1) * self.style.meta_line_height


@lru_cache(maxsize=256)
def _name_lines(text: str, width: float, size: float, measure: Measure) -> tuple[str, ...]:
    """A header's name wrapped (bold), kept: every row a grown row moves down is laid
    out again, its lane's name wrapped exactly as the last time."""
    return tuple(wrap(text, width, size, measure, bold=True))


def _header_lines(
    text: str, rect: Rect, size: float, line_height: float, measure: Measure, pad: float
) -> tuple[TextLine, ...]:
    """Every line of a header's name, centred in `rect` (made tall enough by the caller)."""
    wrapped = _name_lines(text, rect.w - 2 * pad, size, measure)
    block = len(wrapped) * line_height
    top = rect.y + (rect.h - block) / 2 + size * 0.95
    return tuple(
        TextLine(line, rect.x + pad, top + i * line_height, size, bold=True)
        for i, line in enumerate(wrapped)
    )


def _header_need(
    text: str, width: float, size: float, line_height: float, measure: Measure, pad: float
) -> float:
    """The height a header needs to show every line of its name."""
    return len(_name_lines(text, width - 2 * pad, size, measure)) * line_height + 2 * pad


def smooth(points: Sequence[tuple[float, float]]) -> tuple[Bezier, ...]:
    """A monotone cubic through the points (Fritsch–Carlson tangents), as Bézier segments
    every painter can draw. Between two points the line never goes beyond them, so it
    never overshoots the −2…+2 band nor suggests a feeling nobody had."""
    count = len(points)
    if count < 2:
        return ()
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    steps = [max(1e-9, xs[i + 1] - xs[i]) for i in range(count - 1)]
    slopes = [(ys[i + 1] - ys[i]) / steps[i] for i in range(count - 1)]
    tangents = [slopes[0], *[0.0] * (count - 2), slopes[-1]]
    for i in range(1, count - 1):
        if slopes[i - 1] * slopes[i] > 0:
            tangents[i] = (slopes[i - 1] + slopes[i]) / 2
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        alpha, beta = tangents[i] / slope, tangents[i + 1] / slope
        length = alpha * alpha + beta * beta
        if length > 9:
            tau = 3 / math.sqrt(length)
            tangents[i], tangents[i + 1] = tau * alpha * slope, tau * beta * slope
    segments: list[Bezier] = []
    for i in range(count - 1):
        third = steps[i] / 3
        c1 = (xs[i] + third, ys[i] + tangents[i] * third)
        c2 = (xs[i + 1] - third, ys[i + 1] - tangents[i + 1] * third)
        segments.append((points[i], c1, c2, points[i + 1]))
    return tuple(segments)


def bezier_points(segment: Bezier, steps: int = 24) -> list[tuple[float, float]]:
    """Points along a cubic Bézier, both ends included: the curve as a polyline."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def crosses(rect: Rect, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment from `a` to `b` touches `rect` (Liang–Barsky clipping)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, a[0] - rect.x),
        (dx, rect.right - a[0]),
        (-dy, a[1] - rect.y),
        (dy, rect.bottom - a[1]),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def meets(a: Rect, b: Rect) -> bool:
    """Whether two rectangles overlap (touching edges do not)."""
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def within(value: float, low: float, high: float) -> float:
    """`value` held inside `low`…`high` (NaN becomes `low`).

    Files are checked against model/limits.py before use; the layout clamps again, so a
    value that slipped through (1e308, infinity) still yields finite geometry.
    """
    if value != value:
        return low
    return min(high, max(low, value))


def layout_map(
    content: MapContent, measurer: CardMeasurer, style: Style | None = None
) -> MapLayout:
    """Lay a whole map out; rows grow to fit their cards and their names, columns keep
    their widths, and the header row grows to the tallest stage name or map title."""
    layouter = Layouter(measurer, style)
    layouter.update(content)
    assert layouter.layout is not None
    return layouter.layout


CellKey = tuple[int, int]


@dataclass
class Changes:
    """What an update laid out anew, so a view with an item per box touches only those.

    `full`: everything is new (first layout; stages, title or the lanes' order changed).
    Else `cards` are the cards whose box is new, gone (not in `layout.cards` any more) or
    moved inside its row (the same box, its `RowRect`'s offset below the row's top
    updated in place); the cards of a row that moved keep their box objects, their
    `rect.y` following the row's top (a view moves the row, not each card; a card is not
    named for that), and so do its cells, each given a new `rect`
    (a view moves the cell's item; the old rectangle, which drawn shapes may hold, stays
    as it was). `lanes` are the rows laid out again or moved: only their cells, lane
    header, curve and faces may be new objects (a stage header is new only when `full`).
    """

    full: bool = False
    cards: set[int] = field(default_factory=set)
    lanes: set[int] = field(default_factory=set)


_ID = attrgetter("id")


def _order(card: CardIn) -> tuple[int, int]:
    return card.position, card.id


_LOOK = attrgetter(*(f.name for f in fields(CardIn) if f.name not in ("position", "look")))
_FIELDS = attrgetter(*(f.name for f in fields(CardIn) if f.name != "look"))


def relocated(card: CardIn, stage_id: int, lane_id: int, position: int) -> CardIn:
    """A new record of a card at another place (a view reading moves without reading
    the cards again); several times quicker than `dataclasses.replace`."""
    moved = CardIn(*_FIELDS(card))
    moved.stage_id, moved.lane_id, moved.position = stage_id, lane_id, position
    moved.look = card.look or card
    return moved


def same_look(old: CardIn, new: CardIn) -> bool:
    """Whether two records of a card lay out alike: every field equal but its position.
    Records relocated from the same one, in the same cell, are (their fields not
    compared: a cell's cards all get new records when one card leaves it)."""
    if old is new:
        return True
    if (
        (old.look or old) is (new.look or new)
        and old.stage_id == new.stage_id
        and old.lane_id == new.lane_id
    ):
        return True
    return bool(_LOOK(old) == _LOOK(new))


class Layouter:
    """A map's layout kept up to date edit after edit, always equal to `layout_map` of the
    same content (tests/unit/test_incremental_layout.py).

    An update lays out again only the cells whose cards changed and the rows whose lane,
    emotion points, figures or run changed (a change of the map's most reached stage
    changes every lane showing funnel figures: their bars are shares of it); rows below a
    row whose height changed move, their cards' shapes kept, a measurement lane's figures
    made again (they are placed at absolute heights). A change of the stages or the title
    (columns, header row) or of the lanes' order lays everything out again, reusing every
    card measured before. A cell or lane header laid out again exactly as it was keeps its
    object, so a view that compares objects redraws neither.
    """

    def __init__(self, measurer: CardMeasurer, style: Style | None = None) -> None:
        self.measurer = measurer
        self.style = style or measurer.style
        self.layout: MapLayout | None = None
        self._title = ""
        self._stages: tuple[StageIn, ...] = ()
        self._lanes: tuple[LaneIn, ...] = ()
        self._points: dict[CellKey, PointIn] = {}
        self._measures: dict[CellKey, MeasureIn] = {}
        self._runs: dict[int, RunIn] = {}
        self._most = 0
        self._bands: dict[int, tuple[float, dict[int, FigureBox]]] = {}
        """Each measurement lane's band of figures above its cards: height, boxes by stage."""
        self._cards: dict[int, CardIn] = {}
        self._cells: dict[CellKey, list[CardIn]] = {}
        self._shapes: dict[int, tuple[CardIn, float, str, CardShape]] = {}
        self._measured: dict[CellKey, list[tuple[CardIn, CardShape]]] = {}
        self._stacks: dict[CellKey, float] = {}
        self._tops: dict[int, RowTop] = {}
        """Each row's top, by lane, shared by its cards' rectangles: a row that only
        moved sets it once, its cards not visited."""
        self._stage_x: dict[int, tuple[float, float]] = {}
        self._curves: dict[int, tuple[Any, Curve]] = {}
        """Each emotion lane's curve laid out at the height 0, with what it was made of."""

    def update(
        self,
        content: MapContent,
        changed: Mapping[int, CardIn | None] | None = None,
        reordered: Iterable[CellKey] = (),
    ) -> Changes:
        """Bring the layout in line with `content`; say which card boxes are new.

        `changed`, when given, holds every card whose record may differ from the last
        update (None for a card gone), so the cards are not all looked at; a view that
        keeps track of what its signals named passes it. `reordered` names the cells
        (stage, lane) where a record laid out before kept its object but had its
        `position` set anew in place: a move shifts hundreds of cards of a cell by one,
        and new records of them all would each be compared and placed from scratch.
        """
        if self.lays_out_all(content):
            return self._full(content)
        assert self.layout is not None
        changes = Changes()
        touched: list[int] = []
        dirty: set[CellKey] = set()
        arrived: dict[CellKey, list[CardIn]] = {}
        known = self._cards
        dirty.update(reordered)
        for card_id, card in self._differences(content, changed):
            prev = known.get(card_id)
            if prev is not None:
                dirty.add((prev.stage_id, prev.lane_id))
            if card is None:
                if prev is not None:
                    del known[card_id]
                    changes.cards.add(card_id)
                    self._forget(card_id)
                continue
            key = (card.stage_id, card.lane_id)
            dirty.add(key)
            arrived.setdefault(key, []).append(card)
            touched.append(card_id)
            known[card_id] = card
        renewed = {*touched, *changes.cards}
        for key in dirty:
            cards = [card for card in self._cells.get(key, ()) if card.id not in renewed]
            cards += arrived.get(key, [])
            cards.sort(key=_order)
            self._cells[key] = cards
        points = {(p.lane_id, p.stage_id): p for p in content.points}
        measures = {(m.lane_id, m.stage_id): m for m in content.measures}
        runs = {r.lane_id: r for r in content.runs}
        most = most_reached(content.measures)
        lanes_changed = {
            lane.id
            for lane, before_lane in zip(content.lanes, self._lanes, strict=True)
            if lane != before_lane
        }
        lanes_changed |= {key[0] for key in _differing(points, self._points)}
        lanes_changed |= {key[0] for key in _differing(measures, self._measures)}
        lanes_changed |= _differing(runs, self._runs)
        if most != self._most:
            lanes_changed |= {
                m.lane_id for m in content.measures if isinstance(m.current, FunnelFigures)
            }
        self._points, self._lanes = points, content.lanes
        self._measures, self._runs, self._most = measures, runs, most
        self._rows(dirty, lanes_changed, changes)
        for card_id in touched:
            box = self.layout.cards.get(card_id)
            if box is not None and box.card is not known[card_id]:
                self._forget(card_id)  # its cell is not on the map (no such stage or lane)
                changes.cards.add(card_id)
        return changes

    def lays_out_all(self, content: MapContent) -> bool:
        """Whether `update` lays the whole map out (its first layout; the title, the
        stages or the lanes' order changed): given `changed`, it reads `content.cards`
        only then, so a view of thousands of cards need not gather them every edit."""
        return (
            self.layout is None
            or content.title != self._title
            or content.stages != self._stages
            or [lane.id for lane in content.lanes] != [lane.id for lane in self._lanes]
        )

    def update_points(self, points: Iterable[PointIn]) -> set[int]:
        """Bring the layout in line with new emotion `points` when nothing else changed
        since the last update; say which lanes' points differ. A point's value or note
        moves no row (an emotion lane's curve band is the lane's set height, the notes
        sit inside it), so only those lanes' curves are made again: `update` would lay
        out their rows too, to the same rectangles."""
        layout = self.layout
        assert layout is not None
        new = {(p.lane_id, p.stage_id): p for p in points}
        lanes = {key[0] for key in _differing(new, self._points)}
        self._points = new
        for lane in self._lanes:
            curve = layout.curves.get(lane.id)
            if lane.id in lanes and curve is not None:
                layout.curves[lane.id] = self._curve(lane, curve.area)
        return lanes

    def _curve(self, lane: LaneIn, area: Rect) -> Curve:
        """A lane's curve in `area`: laid out at the height 0 (`_curve`), kept, and moved
        to the area's height (`_placed`). A row that only moved (a row above it grew)
        gets its curve moved, not laid out again: placing its notes costs most. Every
        curve, of a full layout too, is made so, so both lay out the same numbers."""
        key = (
            [(stage.id, self._stage_x[stage.id]) for stage in self._stages],
            [self._points.get((lane.id, stage.id)) for stage in self._stages],
            (area.x, area.w, area.h),
        )
        kept = self._curves.get(lane.id)
        if kept is None or kept[0] != key:
            flat = _curve(
                lane,
                self._stages,
                self._stage_x,
                self._points,
                Rect(area.x, 0.0, area.w, area.h),
                self.style,
                self.measurer.measure,
            )
            kept = self._curves[lane.id] = (key, flat)
        return _placed(kept[1], area)

    def _differences(
        self, content: MapContent, changed: Mapping[int, CardIn | None] | None
    ) -> list[tuple[int, CardIn | None]]:
        """The cards whose record is not the one laid out last (None: gone)."""
        known = self._cards
        if changed is not None:
            return [(i, card) for i, card in changed.items() if known.get(i) is not card]
        found: list[tuple[int, CardIn | None]] = []
        kept = 0
        for card in content.cards:
            prev = known.get(card.id)
            if prev is not None:
                kept += 1
            if prev is not card:
                found.append((card.id, card))
        if kept < len(known):
            present = {card.id for card in content.cards}
            found += [(card_id, None) for card_id in known if card_id not in present]
        return found

    def _forget(self, card_id: int) -> None:
        assert self.layout is not None
        self.layout.cards.pop(card_id, None)
        self._shapes.pop(card_id, None)

    def _full(self, content: MapContent) -> Changes:
        s = self.style
        measure = self.measurer.measure
        pad = s.header_pad
        self._title, self._stages, self._lanes = content.title, content.stages, content.lanes
        self._points = {(p.lane_id, p.stage_id): p for p in content.points}
        self._measures = {(m.lane_id, m.stage_id): m for m in content.measures}
        self._runs = {r.lane_id: r for r in content.runs}
        self._most = most_reached(content.measures)
        self._bands = {}
        self._cards = {card.id: card for card in content.cards}
        self._shapes = {k: v for k, v in self._shapes.items() if k in self._cards}
        lane_ids = {lane.id for lane in content.lanes}
        self._curves = {k: v for k, v in self._curves.items() if k in lane_ids}
        self._cells, self._measured, self._stacks = {}, {}, {}
        self._tops = {}  # boxes of an earlier layout keep their places
        for card in content.cards:
            self._cells.setdefault((card.stage_id, card.lane_id), []).append(card)
        for cards in self._cells.values():
            cards.sort(key=_order)
        widths = [
            within(stage.width, s.min_stage_width, STAGE_WIDTH_RANGE[1]) for stage in content.stages
        ]
        xs: list[float] = []
        x = s.lane_header_width
        for width in widths:
            xs.append(x)
            x += width
        header_height = max(
            [
                s.header_height,
                _header_need(
                    content.title,
                    s.lane_header_width,
                    s.lane_size,
                    s.lane_line_height,
                    measure,
                    pad,
                ),
                *(
                    _header_need(stage.name, w, s.header_size, s.header_line_height, measure, pad)
                    for stage, w in zip(content.stages, widths, strict=True)
                ),
            ]
        )
        self._stage_x = {stage.id: (xs[i], widths[i]) for i, stage in enumerate(content.stages)}
        stages_out = []
        for stage, sx, sw in zip(content.stages, xs, widths, strict=True):
            rect = Rect(sx, 0.0, sw, header_height)
            lines = _header_lines(
                stage.name, rect, s.header_size, s.header_line_height, measure, pad
            )
            stages_out.append(Header(stage.id, rect, lines, stage.color))
        corner = Rect(0.0, 0.0, s.lane_header_width, header_height)
        title = _header_lines(content.title, corner, s.lane_size, s.lane_line_height, measure, pad)
        unplaced = [
            Header(lane.id, Rect(0.0, math.nan, 0.0, math.nan), (), lane.color, lane.kind)
            for lane in content.lanes
        ]
        self.layout = MapLayout(
            x, header_height, corner, title, stages_out, unplaced, {}, {}, {}, s
        )
        changes = Changes(full=True)
        self._rows(set(), {lane.id for lane in content.lanes}, changes)
        return changes

    def _rows(self, dirty: set[CellKey], lanes_changed: set[int], changes: Changes) -> None:
        """Lay out again the rows that changed, and move the rows below them."""
        layout = self.layout
        assert layout is not None
        y = layout.corner.h
        for index, lane in enumerate(self._lanes):
            changed = lane.id in lanes_changed
            cells = [
                (stage.id, lane.id)
                for stage in self._stages
                if changed or (stage.id, lane.id) in dirty
            ]
            y += self._row(index, lane, y, cells, changed, changes)
        layout.height = y

    def _row(
        self,
        index: int,
        lane: LaneIn,
        y: float,
        cells: list[CellKey],
        changed: bool,
        changes: Changes,
    ) -> float:
        """One row at height `y`: its `cells` measured and placed again, the others'
        cards moved with the row; returns the row's height."""
        s = self.style
        measure = self.measurer.measure
        layout = self.layout
        assert layout is not None
        before = layout.lanes[index]
        moved = before.rect.y != y
        lane_height = within(lane.height, s.min_lane_height, LANE_HEIGHT_RANGE[1])
        # The band above the cards: the emotion curve, or a measurement lane's figures.
        curve_height = lane_height if lane.kind == EMOTION else 0.0
        boxes: dict[int, FigureBox] = {}
        run_text: tuple[str, ...] = ()
        if lane.kind in MEASURE_KINDS:
            if changed or moved:
                self._bands[lane.id] = self._figure_band(lane, y)
            curve_height, boxes = self._bands[lane.id]
            run_text = self.measurer.figures.run(self._runs.get(lane.id))
        else:
            self._bands.pop(lane.id, None)
        if not cells and not changed:
            height = before.rect.h
        else:
            for key in cells:
                self._measure(key, lane.kind)
            content_height = max(
                [0.0, *(self._stacks.get((stage.id, lane.id), 0.0) for stage in self._stages)]
            )
            name_height = (
                _header_need(
                    lane.name,
                    s.lane_header_width,
                    s.lane_size,
                    s.lane_line_height,
                    measure,
                    s.header_pad,
                )
                + len(_run_lines(run_text, s, measure)) * s.note_line_height
                + (s.kind_icon + s.note_pad if lane.kind in MEASURE_KINDS else 0.0)
            )
            height = max(lane_height, curve_height + content_height, name_height)
        grown = before.rect.h != height
        resized = moved or grown
        if not cells and not changed and not resized:
            return height
        changes.lanes.add(lane.id)
        chosen = set(cells)
        row = self._tops.get(lane.id)
        if row is None:
            row = self._tops[lane.id] = RowTop(y)
        row.y = y
        for stage in self._stages:
            key = (stage.id, lane.id)
            sx, sw = self._stage_x[stage.id]
            if key in chosen:
                self._place(key, lane.kind, sx, sw, row, curve_height, changes)
            if key in chosen or grown or (moved and boxes):
                before_cell = layout.cells.get(key)
                if key in chosen or before_cell is None:
                    ids = tuple(map(_ID, self._cells.get(key, ())))
                else:
                    ids = before_cell.card_ids  # its cards did not change
                cell = Cell(
                    stage.id, lane.id, Rect(sx, y, sw, height), lane.color, ids, boxes.get(stage.id)
                )
                if before_cell != cell:  # one laid out alike keeps its object
                    layout.cells[key] = cell
            elif moved:
                layout.cells[key].rect = Rect(sx, y, sw, height)
        rect = Rect(0.0, y, s.lane_header_width, height)
        header = _lane_header(lane, run_text, rect, s, measure)
        if header != before:
            layout.lanes[index] = header
        if lane.kind == EMOTION:
            area = Rect(s.lane_header_width, y, layout.width - s.lane_header_width, curve_height)
            layout.curves[lane.id] = self._curve(lane, area)
        else:
            layout.curves.pop(lane.id, None)
        return height

    def _figure_band(self, lane: LaneIn, y: float) -> tuple[float, dict[int, FigureBox]]:
        """A measurement lane's figures for a row at height `y`, by stage, and the height
        of the band they take above the row's cards."""
        s = self.style
        band = 0.0
        boxes: dict[int, FigureBox] = {}
        for stage in self._stages:
            sx, sw = self._stage_x[stage.id]
            found = self._measures.get((lane.id, stage.id), MeasureIn(lane.id, stage.id, None))
            place = Rect(sx + s.cell_padding, y + s.cell_padding, sw - 2 * s.cell_padding, 0)
            boxes[stage.id], need = _figures(found, lane.kind, place, self._most, self.measurer, s)
            band = max(band, need + 2 * s.cell_padding)
        return band, boxes

    def _measure(self, key: CellKey, lane_kind: str) -> None:
        """A cell's cards measured (a card whose look and width did not change is not)."""
        s = self.style
        width = self._stage_x[key[0]][1] - 2 * s.cell_padding
        rows: list[tuple[CardIn, CardShape]] = []
        shapes = self._shapes
        for card in self._cells.get(key, ()):
            cached = shapes.get(card.id)
            if cached is not None and cached[1] == width and cached[2] == lane_kind:
                if cached[0] is card:  # a card only shifted keeps its record: nothing to do
                    rows.append((card, cached[3]))
                    continue
                if same_look(cached[0], card):
                    shape = cached[3]
                else:
                    shape = self.measurer.card(card, width, lane_kind)
            else:
                shape = self.measurer.card(card, width, lane_kind)
            shapes[card.id] = (card, width, lane_kind, shape)
            rows.append((card, shape))
        self._measured[key] = rows
        stack = sum(shape[0] for _c, shape in rows) + s.card_gap * max(0, len(rows) - 1)
        self._stacks[key] = stack + 2 * s.cell_padding if rows else 0.0

    def _place(
        self,
        key: CellKey,
        lane_kind: str,
        sx: float,
        sw: float,
        row: RowTop,
        curve_height: float,
        changes: Changes,
    ) -> None:
        """A cell's cards stacked from the top of its row (below the curve of an emotion
        lane); a card whose box is as it was but for its height keeps its box object
        (given the card's new record when only its position in the cell changed, its
        offset in the row set in place and the card named in `changes` when it moved)."""
        s = self.style
        layout = self.layout
        assert layout is not None
        boxes = layout.cards
        x, w = sx + s.cell_padding, sw - 2 * s.cell_padding
        rel = curve_height + s.cell_padding
        for card, (card_height, lines, meta_lines) in self._measured[key]:
            old = boxes.get(card.id)
            if old is not None:
                kept = old.rect
                if (
                    isinstance(kept, RowRect)
                    and kept.x == x
                    and kept.w == w
                    and kept.h == card_height
                    and old.lane_kind == lane_kind
                    and (old.card is card or same_look(old.card, card))
                ):
                    old.card = card
                    if kept.rel != rel or kept.row is not row:
                        kept.row, kept.rel = row, rel
                        changes.cards.add(card.id)
                    rel += card_height + s.card_gap
                    continue
            rect = RowRect(x, row, rel, w, card_height)
            rel += card_height + s.card_gap
            meta = None
            if lane_kind in META_KINDS:
                meta_height = self.measurer.meta_height(lane_kind, meta_lines)
                meta = Rect(
                    s.strip_width + s.card_padding,
                    card_height - s.card_padding - self.measurer.tag_band(card) - meta_height,
                    rect.w - s.strip_width - 2 * s.card_padding,
                    meta_height,
                )
            image = None
            if card.image_id is not None or lane_kind == "image":
                image = Rect(
                    s.strip_width + s.card_padding,
                    s.card_padding,
                    rect.w - s.strip_width - 2 * s.card_padding,
                    s.image_height,
                )
            layout.cards[card.id] = CardBox(card, rect, lane_kind, lines, meta, image, meta_lines)
            changes.cards.add(card.id)


K = TypeVar("K")


def _differing(new: Mapping[K, object], old: Mapping[K, object]) -> set[K]:
    """The keys whose value is not the same in both (added, removed or changed)."""
    return {key for key in new.keys() | old.keys() if new.get(key) != old.get(key)}


def most_reached(measures: Iterable[MeasureIn]) -> int:
    """The most customers any funnel stage of the map reached: a full bar."""
    return max(
        (m.current.reached for m in measures if isinstance(m.current, FunnelFigures)), default=0
    )


def _figures(
    found: MeasureIn,
    kind: str,
    place: Rect,
    most: int,
    measurer: CardMeasurer,
    s: Style,
) -> tuple[FigureBox, float]:
    """A measurement cell's bar and rows from `place`'s top-left corner, and its height.

    Every row wraps to the cell's width (a row with a mark to what is left beside it),
    so every figure is shown whole however narrow the stage.
    """
    share = bar_share(found, most)
    bar = None
    top = place.y
    if share is not None:
        bar = Rect(place.x, top, place.w, s.figure_bar_height)
        top = bar.bottom + s.figure_gap
    lines: list[FigureLine] = []
    marks: list[FigureMark] = []
    for row in measurer.figures.rows(found):
        strong = row.tone == STRONG
        size = s.figure_strong_size if strong else s.figure_size
        step = s.figure_strong_line_height if strong else s.figure_line_height
        indent = s.mark_space if row.mark else 0.0
        wrapped = wrap(row.text, max(10.0, place.w - indent), size, measurer.measure, strong)
        baseline = top + (step - size) / 2 + size * 0.85
        if row.mark:
            side = min(9.0, size * 0.85)
            middle = baseline - size * 0.35
            marks.append(FigureMark(row.mark, place.x, middle - side / 2, side, row.tone))
        for index, text in enumerate(wrapped):
            line = TextLine(text, place.x + indent, baseline + index * step, size, strong)
            lines.append(FigureLine(line, row.tone))
        top += len(wrapped) * step
    box = FigureBox(bar, share, kind == SURVEY, tuple(lines), tuple(marks))
    return box, top - place.y


def _run_lines(texts: Sequence[str], s: Style, measure: Measure) -> list[str]:
    """The run's dates under a lane's name, wrapped to the header."""
    width = s.lane_header_width - 2 * s.header_pad
    return [line for text in texts for line in wrap(text, width, s.note_size, measure)]


def _lane_header(
    lane: LaneIn, run_text: Sequence[str], rect: Rect, s: Style, measure: Measure
) -> Header:
    """A lane's header: its name centred. A measurement lane's shows its kind's pictogram
    above the name and its run's dates below, the three centred together."""
    pad = s.header_pad
    if lane.kind not in MEASURE_KINDS:
        lines = _header_lines(lane.name, rect, s.lane_size, s.lane_line_height, measure, pad)
        return Header(lane.id, rect, lines, lane.color, lane.kind)
    names = _name_lines(lane.name, rect.w - 2 * pad, s.lane_size, measure)
    dates = _run_lines(run_text, s, measure)
    icon_row = s.kind_icon + s.note_pad
    block = icon_row + len(names) * s.lane_line_height + len(dates) * s.note_line_height
    top = rect.y + (rect.h - block) / 2
    icon = Rect(rect.x + pad, top, s.kind_icon, s.kind_icon)
    top += icon_row
    name_lines = tuple(
        TextLine(
            text,
            rect.x + pad,
            top + s.lane_size * 0.95 + i * s.lane_line_height,
            s.lane_size,
            bold=True,
        )
        for i, text in enumerate(names)
    )
    below = top + len(names) * s.lane_line_height
    date_lines = tuple(
        TextLine(
            text, rect.x + pad, below + s.note_size * 0.95 + i * s.note_line_height, s.note_size
        )
        for i, text in enumerate(dates)
    )
    return Header(lane.id, rect, name_lines, lane.color, lane.kind, date_lines, icon)


def _curve(
    lane: LaneIn,
    stages: Iterable[StageIn],
    stage_x: dict[int, tuple[float, float]],
    points: dict[tuple[int, int], PointIn],
    area: Rect,
    s: Style,
    measure: Measure,
) -> Curve:
    top = area.y + s.curve_padding
    span = max(1.0, area.h - 2 * s.curve_padding)
    faces: list[tuple[StageIn, PointIn, float, float, int]] = []
    for stage in stages:
        point = points.get((lane.id, stage.id))
        if point is None:
            continue
        sx, sw = stage_x[stage.id]
        value = int(within(point.value, EMOTION_MIN, EMOTION_MAX))
        faces.append((stage, point, sx + sw / 2, top + (2 - value) / 4 * span, value))
    segments = smooth([(x, y) for _stage, _point, x, y, _value in faces])
    pieces: list[list[tuple[float, float]]] = []  # the line as polylines, for notes only
    reach = s.face_radius + 1
    taken = [Rect(x - reach, y - reach, 2 * reach, 2 * reach) for *_rest, x, y, _v in faces]
    middle = area.y + area.h / 2
    zero = ((area.x, middle), (area.right, middle))
    placed: list[CurvePoint] = []
    for stage, point, x, y, value in faces:
        note_lines: tuple[TextLine, ...] = ()
        box = None
        if point.note:
            pieces = pieces or [bezier_points(segment) for segment in segments]
            sx, sw = stage_x[stage.id]
            column = Rect(sx + s.cell_padding, area.y, sw - 2 * s.cell_padding, area.h)
            wrapped = wrap(point.note, column.w - 2 * s.note_pad, s.note_size, measure)
            widths = [measure(line, s.note_size, False) for line in wrapped]
            size = (
                max(widths) + 2 * s.note_pad,
                len(wrapped) * s.note_line_height + 2 * s.note_pad,
            )
            # Only the curve and faces over this stage's column can meet its note.
            polyline = [
                point
                for piece in pieces
                if piece[0][0] <= column.right and piece[-1][0] >= column.x
                for point in piece
            ]
            near = [rect for rect in taken if rect.x < column.right and column.x < rect.right]
            box = _note_place((x, y, value), size, column, near, polyline, zero, s)
            taken.append(box)
            centre = box.x + box.w / 2
            first = box.y + s.note_pad + s.note_size * 0.92
            note_lines = tuple(
                TextLine(line, centre - width / 2, first + i * s.note_line_height, s.note_size)
                for i, (line, width) in enumerate(zip(wrapped, widths, strict=True))
            )
        placed.append(CurvePoint(stage.id, x, y, value, note_lines, box, point.samples))
    return Curve(lane.id, area, tuple(placed), segments)


def _placed(flat: Curve, area: Rect) -> Curve:
    """A curve laid out at the height 0 moved down to `area` (every height plus its top)."""
    dy = area.y

    def lines(found: tuple[TextLine, ...]) -> tuple[TextLine, ...]:
        return tuple(TextLine(t.text, t.x, t.y + dy, t.size, t.bold) for t in found)

    points = tuple(
        CurvePoint(
            p.stage_id,
            p.x,
            p.y + dy,
            p.value,
            lines(p.note_lines),
            p.note_box.moved(0.0, dy) if p.note_box is not None else None,
            p.samples,
        )
        for p in flat.points
    )
    segments = tuple(
        cast(Bezier, tuple((x, y + dy) for x, y in segment)) for segment in flat.segments
    )
    return Curve(flat.lane_id, area, points, segments)


def _note_place(
    face: tuple[float, float, int],
    size: tuple[float, float],
    column: Rect,
    taken: Sequence[Rect],
    polyline: Sequence[tuple[float, float]],
    zero: tuple[tuple[float, float], tuple[float, float]],
    s: Style,
) -> Rect:
    """Where a note goes: the nearest place above or below its face, inside its stage's
    column of the lane, that neither the curve nor the zero line crosses and that no face
    or other note covers. Below a happy face and above a sad one first; when nowhere is
    clear, the first place inside the lane (the lane is too short for its notes)."""
    x, y, value = face
    w, h = size
    below_first = value >= 0
    gap = s.face_radius + 3
    left = min(max(column.x, x - w / 2), column.right - w)
    shifts = sorted({left, column.x, column.right - w, x - w / 2}, key=lambda v: abs(v - left))
    places: list[tuple[float, Rect]] = []
    for step in range(int(column.h // 3) + 1):
        distance = gap + 3 * step
        for below in (below_first, not below_first):
            top = y + distance if below else y - distance - h
            for bx in shifts:
                if column.x - 0.01 <= bx and bx + w <= column.right + 0.01:
                    cost = distance + abs(bx - left) * 0.5 + (0 if below == below_first else 8)
                    places.append((cost, Rect(bx, top, w, h)))
    places.sort(key=lambda place: place[0])
    inside = [rect for _cost, rect in places if column.y <= rect.y and rect.bottom <= column.bottom]
    for rect in inside:
        if _clear(rect, taken, polyline, zero):
            return rect
    if inside:
        return inside[0]
    return places[0][1]


def _clear(
    rect: Rect,
    taken: Sequence[Rect],
    polyline: Sequence[tuple[float, float]],
    zero: tuple[tuple[float, float], tuple[float, float]],
) -> bool:
    """No face or note over `rect`, and neither the curve nor the zero line through it
    (with room for the line's width)."""
    if any(meets(rect, other) for other in taken):
        return False
    ink = Rect(rect.x - 2, rect.y - 2, rect.w + 4, rect.h + 4)
    if crosses(ink, *zero):
        return False
    for a, b in pairwise(polyline):
        if max(a[0], b[0]) >= ink.x and min(a[0], b[0]) <= ink.right and crosses(ink, a, b):
            return False
    return True
