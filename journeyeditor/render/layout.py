"""Where everything of a map goes: the single source of geometry.

Pure Python (no Qt, no reportlab, no database): it takes a map's content and a way
to measure text, and returns rectangles, wrapped text lines and curve segments.
The canvas, PNG, SVG, print and PDF all draw this one layout, so what a person sees
is what the client gets. Units are pixels at 100 % zoom (1/96 inch).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from journeyeditor.model.enums import EMOTION_MAX, EMOTION_MIN
from journeyeditor.model.limits import LANE_HEIGHT_RANGE, STAGE_WIDTH_RANGE

EMOTION = "emotion"
META_KINDS = frozenset({"touchpoint", "pain_point", "opportunity", "metric"})

Measure = Callable[[str, float, bool], float]


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
    max_note_lines: int = 3


STYLE = Style()


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

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
    """What drawing a card needs; department and image resolved by the caller."""

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
    department: str | None = None
    department_color: str | None = None
    department_id: int | None = None
    votes: int = 0
    evidence: str = "assumption"
    image_id: int | None = None


@dataclass(slots=True)
class PointIn:
    lane_id: int
    stage_id: int
    value: int
    note: str = ""


@dataclass(slots=True)
class MapContent:
    title: str
    stages: tuple[StageIn, ...]
    lanes: tuple[LaneIn, ...]
    cards: tuple[CardIn, ...]
    points: tuple[PointIn, ...] = ()


@dataclass(slots=True)
class Header:
    id: int
    rect: Rect
    lines: tuple[TextLine, ...]
    color: str
    kind: str = ""


@dataclass(slots=True)
class CardBox:
    """A card's place; `lines` and `meta` are relative to the card's top-left corner."""

    card: CardIn
    rect: Rect
    lane_kind: str
    lines: tuple[TextLine, ...]
    meta: Rect | None
    image: Rect | None


@dataclass(slots=True)
class Cell:
    stage_id: int
    lane_id: int
    rect: Rect
    color: str
    card_ids: tuple[int, ...]


@dataclass(slots=True)
class CurvePoint:
    stage_id: int
    x: float
    y: float
    value: int
    note_lines: tuple[TextLine, ...]


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


class CardMeasurer:
    """Card heights and text lines, cached by what decides them (text, width, kind)."""

    def __init__(self, measure: Measure, style: Style = STYLE) -> None:
        self.measure = measure
        self.style = style
        self._cache: dict[tuple[str, float, str, bool], tuple[float, tuple[TextLine, ...]]] = {}

    def card(
        self, card: CardIn, width: float, lane_kind: str
    ) -> tuple[float, tuple[TextLine, ...]]:
        has_image = card.image_id is not None or lane_kind == "image"
        key = (card.text, width, lane_kind, has_image)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        s = self.style
        left = s.strip_width + s.card_padding
        text_width = max(10.0, width - left - s.card_padding - s.marker_space)
        top = s.card_padding + (s.image_height + s.card_padding if has_image else 0.0)
        wrapped = wrap(card.text, text_width, s.text_size, self.measure) if card.text else []
        lines = tuple(
            TextLine(line, left, top + s.text_size + i * s.line_height, s.text_size)
            for i, line in enumerate(wrapped)
        )
        text_height = max(1, len(lines)) * s.line_height
        meta = s.meta_height if lane_kind in META_KINDS else 0.0
        height = top + text_height + meta + s.card_padding
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[key] = (height, lines)
        return height, lines


def _header_lines(
    text: str, rect: Rect, size: float, line_height: float, measure: Measure, pad: float
) -> tuple[TextLine, ...]:
    wrapped = wrap(text, rect.w - 2 * pad, size, measure, bold=True)
    room = max(1, int((rect.h - 2 * pad) // line_height))
    if len(wrapped) > room:
        wrapped = [*wrapped[: room - 1], wrapped[room - 1] + "…"]
    block = len(wrapped) * line_height
    top = rect.y + (rect.h - block) / 2 + size * 0.95
    return tuple(
        TextLine(line, rect.x + pad, top + i * line_height, size, bold=True)
        for i, line in enumerate(wrapped)
    )


def smooth(points: Sequence[tuple[float, float]]) -> tuple[Bezier, ...]:
    """Catmull-Rom through the points, as cubic Bézier segments every painter can draw."""
    segments: list[Bezier] = []
    for i in range(len(points) - 1):
        p0 = points[max(0, i - 1)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(len(points) - 1, i + 2)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        segments.append((p1, c1, c2, p2))
    return tuple(segments)


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
    """Lay a whole map out; rows grow to fit their cards, columns keep their widths."""
    s = style or measurer.style
    measure = measurer.measure
    widths = [
        within(stage.width, s.min_stage_width, STAGE_WIDTH_RANGE[1]) for stage in content.stages
    ]
    xs: list[float] = []
    x = s.lane_header_width
    for width in widths:
        xs.append(x)
        x += width
    total_width = x
    by_cell: dict[tuple[int, int], list[CardIn]] = {}
    for card in content.cards:
        by_cell.setdefault((card.stage_id, card.lane_id), []).append(card)
    for cards in by_cell.values():
        cards.sort(key=lambda c: c.position)
    stage_x = {stage.id: (xs[i], widths[i]) for i, stage in enumerate(content.stages)}

    cards_out: dict[int, CardBox] = {}
    cells: dict[tuple[int, int], Cell] = {}
    lanes_out: list[Header] = []
    curves: dict[int, Curve] = {}
    points = {(p.lane_id, p.stage_id): p for p in content.points}
    y = s.header_height
    for lane in content.lanes:
        lane_height = within(lane.height, s.min_lane_height, LANE_HEIGHT_RANGE[1])
        curve_height = lane_height if lane.kind == EMOTION else 0.0
        measured: dict[tuple[int, int], list[tuple[CardIn, float, tuple[TextLine, ...]]]] = {}
        content_height = 0.0
        for stage in content.stages:
            cell_cards = by_cell.get((stage.id, lane.id), [])
            card_width = stage_x[stage.id][1] - 2 * s.cell_padding
            rows = [(c, *measurer.card(c, card_width, lane.kind)) for c in cell_cards]
            measured[(stage.id, lane.id)] = rows
            stack = sum(h for _c, h, _l in rows) + s.card_gap * max(0, len(rows) - 1)
            content_height = max(content_height, stack + 2 * s.cell_padding if rows else 0.0)
        height = max(lane_height, curve_height + content_height)
        for stage in content.stages:
            sx, sw = stage_x[stage.id]
            rows = measured[(stage.id, lane.id)]
            cy = y + curve_height + s.cell_padding
            for card, card_height, lines in rows:
                rect = Rect(sx + s.cell_padding, cy, sw - 2 * s.cell_padding, card_height)
                meta = None
                if lane.kind in META_KINDS:
                    meta = Rect(
                        s.strip_width + s.card_padding,
                        card_height - s.card_padding - s.meta_height,
                        rect.w - s.strip_width - 2 * s.card_padding,
                        s.meta_height,
                    )
                image = None
                if card.image_id is not None or lane.kind == "image":
                    image = Rect(
                        s.strip_width + s.card_padding,
                        s.card_padding,
                        rect.w - s.strip_width - 2 * s.card_padding,
                        s.image_height,
                    )
                cards_out[card.id] = CardBox(card, rect, lane.kind, lines, meta, image)
                cy += card_height + s.card_gap
            cells[(stage.id, lane.id)] = Cell(
                stage.id,
                lane.id,
                Rect(sx, y, sw, height),
                lane.color,
                tuple(c.id for c, _h, _l in rows),
            )
        header_rect = Rect(0.0, y, s.lane_header_width, height)
        lanes_out.append(
            Header(
                lane.id,
                header_rect,
                _header_lines(lane.name, header_rect, s.lane_size, s.lane_line_height, measure, 10),
                lane.color,
                lane.kind,
            )
        )
        if lane.kind == EMOTION:
            area = Rect(s.lane_header_width, y, total_width - s.lane_header_width, curve_height)
            curves[lane.id] = _curve(lane, content.stages, stage_x, points, area, s, measure)
        y += height
    stages_out = []
    for stage in content.stages:
        sx, sw = stage_x[stage.id]
        rect = Rect(sx, 0.0, sw, s.header_height)
        stages_out.append(
            Header(
                stage.id,
                rect,
                _header_lines(stage.name, rect, s.header_size, s.header_line_height, measure, 10),
                stage.color,
            )
        )
    corner = Rect(0.0, 0.0, s.lane_header_width, s.header_height)
    title = _header_lines(content.title, corner, s.lane_size, s.lane_line_height, measure, 10)
    return MapLayout(
        total_width, y, corner, title, stages_out, lanes_out, cells, cards_out, curves, s
    )


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
    placed: list[CurvePoint] = []
    for stage in stages:
        point = points.get((lane.id, stage.id))
        if point is None:
            continue
        sx, sw = stage_x[stage.id]
        x = sx + sw / 2
        value = int(within(point.value, EMOTION_MIN, EMOTION_MAX))
        y = top + (2 - value) / 4 * span
        note_lines: tuple[TextLine, ...] = ()
        if point.note:
            wrapped = wrap(point.note, sw - 2 * s.cell_padding, s.note_size, measure)
            wrapped = wrapped[: s.max_note_lines]
            below = value >= 0
            start = (
                y + s.face_radius + 4 + s.note_size
                if below
                else (y - s.face_radius - 6 - (len(wrapped) - 1) * s.note_line_height)
            )
            note_lines = tuple(
                TextLine(
                    line,
                    x - measure(line, s.note_size, False) / 2,
                    start + i * s.note_line_height,
                    s.note_size,
                )
                for i, line in enumerate(wrapped)
            )
        placed.append(CurvePoint(stage.id, x, y, value, note_lines))
    segments = smooth([(p.x, p.y) for p in placed])
    return Curve(lane.id, area, tuple(placed), segments)
