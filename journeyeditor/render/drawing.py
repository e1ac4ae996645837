"""What each part of a laid-out map looks like, as primitives (no painter here).

The canvas draws each card from `card_shapes` inside its own item; exports draw
`map_shapes`, which is made of exactly the same pieces at their layout places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyeditor.model.metrics import Status, goal, status
from journeyeditor.render import departments, icons, measures, numbers
from journeyeditor.render.layout import (
    STYLE,
    Bezier,
    CardBox,
    CardIn,
    Cell,
    FigureBox,
    Header,
    MapLayout,
    Measure,
    MetaLines,
    Rect,
    TextLine,
    wrap,
)
from journeyeditor.render.layout import Curve as CurveBox
from journeyeditor.render.primitives import (
    Box,
    Curve,
    Group,
    Line,
    Picture,
    Primitive,
    Text,
)

GRID = "#d5d8de"
INK = "#1d1d1f"
MUTED = "#5f6470"
CARD_FILL = {
    "text": "#fff6bf",
    "touchpoint": "#ffffff",
    "emotion": "#ffffff",
    "pain_point": "#fde3e1",
    "opportunity": "#ddf3e4",
    "metric": "#ebe5fa",
    "image": "#ffffff",
    "funnel": "#e0f0f7",
    "survey": "#fdf0dc",
}
KIND_ACCENT = {
    "text": "#e2c84a",
    "touchpoint": "#2f6fdb",
    "emotion": "#9aa0aa",
    "pain_point": "#d64545",
    "opportunity": "#2f9e5b",
    "metric": "#7a5cc7",
    "image": "#9aa0aa",
    "funnel": "#1f8fb8",
    "survey": "#d98a12",
}
NOTE_BACKDROP = "#ffffffd9"
"""Behind an emotion note: light enough to read it over the lane's colour."""
PRIORITY_COLOR = {"high": "#d64545", "medium": "#e08a1e", "low": "#6b7280"}
STATUS_COLOR = {
    Status.MET: "#2f9e5b",
    Status.NEAR: "#e08a1e",
    Status.MISSED: "#d64545",
    Status.NEUTRAL: "#9aa0aa",
}
"""A metric's bar: green met, amber near (model/metrics.py TOLERANCE), red missed."""
BAR_TRACK = "#b9b3cc"
VOTE_COLOR = "#2f6fdb"
"""Vote dots, and their count when there are more than the dots drawn."""
RANGE_BAND = "#ddd7ee"
TONE_COLOR = {
    measures.STRONG: INK,
    measures.PLAIN: INK,
    measures.MUTED: MUTED,
    measures.BETTER: "#1f7a45",
    measures.WORSE: "#c03434",
    measures.CAUTION: "#a65d00",
}
"""A figure row's colour: a change better or worse than the previous run, too few answers."""
FIGURE_TRACK = "#ffffff"
FIGURE_EDGE = "#9aa0aa"
NPS_COLOR = {True: "#2f9e5b", False: "#d64545"}
"""A survey bar: positive NPS green, negative red."""


@dataclass(frozen=True)
class Labels:
    """Words drawn on cards, already translated by the caller."""

    language: str = "en"
    """The map's language, which decides how figures are written (render/numbers.py)."""
    own: str = "Own"
    external: str = "External"
    channels: dict[str, str] = field(default_factory=dict)
    priorities: dict[str, str] = field(default_factory=dict)
    measures: measures.MeasureWords = field(default_factory=measures.MeasureWords)


def figure_text(labels: Labels) -> measures.FigureText:
    """How the layout words a measurement lane's figures: the map's words and language."""
    return measures.FigureText(labels.measures, labels.language)


def card_fill(box: CardBox) -> str:
    return box.card.color or CARD_FILL.get(box.lane_kind, CARD_FILL["text"])


def card_shapes(box: CardBox, labels: Labels, measure: Measure) -> list[Primitive]:
    """A card in its own coordinates (0, 0 at its top-left corner)."""
    card = box.card
    w, h = box.rect.w, box.rect.h
    accent = KIND_ACCENT.get(box.lane_kind, KIND_ACCENT["text"])
    dash = (4.0, 3.0) if card.evidence == "assumption" else ()
    shapes: list[Primitive] = [
        Box(Rect(1.5, 2.5, w, h), "#00000014", None, 0, 4),
        Box(Rect(0, 0, w, h), card_fill(box), "#8a8f99", 1.0, 4, dash),
        Box(Rect(0, 0, 5, h), accent, None, 0, 2),
    ]
    shapes += icons.evidence(card.evidence, w - 9, 9, 3.5)
    if box.image is not None:
        if card.image_id is not None:
            shapes.append(Picture(box.image, card.image_id))
        else:
            shapes.append(Box(box.image, "#f1f2f4", GRID, 1.0, 2, (3.0, 3.0)))
    shapes += [Text(line, INK) for line in box.lines]
    if box.meta is not None:
        shapes += _meta(box, box.meta, labels, measure)
    if card.votes:
        shapes += icons.dots(card.votes, 9, h - 6, 2.2, VOTE_COLOR)
    if card.votes > icons.DOTS_DRAWN:
        after = 9 + icons.DOTS_DRAWN * (2 * 2.2 + 2)
        shapes.append(Text(TextLine(str(card.votes), after, h - 3, TAG_SIZE - 1, True), VOTE_COLOR))
    if card.department is not None:
        shapes += departments.card_tag(card.department, card.department_color, w, h, measure)
    return shapes


META_SIZE = 10.0
TAG_SIZE = 9.0
METRIC_TEXT = 0.55
"""Share of a metric's detail row its figures may take; its bar takes the rest."""


def _tag_width(text: str, measure: Measure) -> float:
    return measure(text, TAG_SIZE, True) + 10 if text else 0.0


def _owned_tag(card: CardIn, labels: Labels) -> str:
    return labels.own if card.owned else labels.external if card.owned is False else ""


def meta_words(
    card: CardIn, kind: str, width: float, labels: Labels, measure: Measure
) -> tuple[str, float, float]:
    """The words of a card's detail row, and the room kept left and right of them (for
    the channel icon, a pill, a metric's bar) in a row `width` wide."""
    if kind == "touchpoint":
        name = labels.channels.get(card.channel or "", card.channel or "")
        return name, 20.0, _tag_width(_owned_tag(card, labels), measure) + 4
    if kind == "opportunity":
        priority = card.priority or ""
        pill = _tag_width(labels.priorities.get(priority, priority), measure)
        return card.owner or "", 0.0, pill + 6
    if kind == "metric":
        return metric_text(card, labels), 0.0, width * (1 - METRIC_TEXT)
    return "", 0.0, 0.0


def meta_lines(labels: Labels, measure: Measure) -> MetaLines:
    """How the layout wraps detail rows: every word shown, the row grows (never cut)."""

    def lines(card: CardIn, kind: str, width: float) -> tuple[str, ...]:
        text, left, right = meta_words(card, kind, width, labels, measure)
        if not text:
            return ()
        room = max(10.0, width - left - right)
        return tuple(wrap(text, room, META_SIZE, measure, bold=kind == "metric"))

    return lines


def _meta(box: CardBox, meta: Rect, labels: Labels, measure: Measure) -> list[Primitive]:
    """The detail row: its first line beside the icon, pill or bar, the rest below."""
    card, kind = box.card, box.lane_kind
    size = META_SIZE
    row = STYLE.meta_height
    base = meta.y + row / 2 + size * 0.36
    left = meta_words(card, kind, meta.w, labels, measure)[1]
    bold = kind == "metric"
    color = INK if bold else MUTED
    shapes: list[Primitive] = [
        Text(TextLine(line, meta.x + left, base + i * STYLE.meta_line_height, size, bold), color)
        for i, line in enumerate(box.meta_lines)
    ]
    if kind == "touchpoint":
        shapes += icons.channel(card.channel, meta.x, meta.y + 2, 15)
        tag = _owned_tag(card, labels)
        tag_width = _tag_width(tag, measure)
        if tag:
            pill = Rect(meta.right - tag_width, meta.y + 3, tag_width, row - 6)
            fill = "#2f6fdb" if card.owned else None
            shapes.append(Box(pill, fill, "#2f6fdb", 1.0, pill.h / 2))
            color = "#ffffff" if card.owned else "#2f6fdb"
            shapes.append(Text(TextLine(tag, pill.x + 5, base - 0.5, TAG_SIZE, True), color))
    elif kind == "pain_point":
        shapes += icons.severity(card.severity or 0, meta.x, meta.y + 4, 11)
    elif kind == "opportunity":
        priority = card.priority or ""
        label = labels.priorities.get(priority, priority)
        pill_width = _tag_width(label, measure)
        if label:
            pill = Rect(meta.right - pill_width, meta.y + 3, pill_width, row - 6)
            color = PRIORITY_COLOR.get(priority, MUTED)
            shapes.append(Box(pill, color, None, 0, pill.h / 2))
            shapes.append(Text(TextLine(label, pill.x + 5, base - 0.5, TAG_SIZE, True), "#ffffff"))
    elif kind == "metric":
        bar = Rect(meta.x + meta.w * 0.58, meta.y + row / 2 - 3, meta.w * 0.42, 6)
        shapes += metric_bar(card, bar)
    return shapes


def metric_text(card: CardIn, labels: Labels) -> str:
    """The figures of a metric card in the map's language, then its period."""
    return numbers.metric_line(card, labels.language)


def metric_bar(card: CardIn, bar: Rect) -> list[Primitive]:
    """A bar that shows the value against its target (a bullet chart).

    The bar's scale runs from 0 (or the lowest figure) to the highest of value, target and
    baseline; the value is filled in its status colour, the target is a dark tick (a
    range, a band between two ticks), the baseline and zero (when figures run below it)
    light ones. Without a target the bar stays empty: nothing claims attainment.
    """
    shapes: list[Primitive] = [Box(bar, "#ffffff", BAR_TRACK, 1.0, 3)]
    aim = goal(card.direction, card.target, card.target_low)
    found = status(card.value, card.target, card.direction, card.target_low)
    if aim is None or card.value is None or found is Status.NEUTRAL:
        return shapes
    ends = [b for b in (aim.low, aim.high) if b is not None]
    figures = [0.0, card.value, *ends] + ([card.baseline] if card.baseline is not None else [])
    low, high = min(figures), max(figures)
    span = high - low or 1.0

    def x(number: float) -> float:
        return bar.x + (number - low) / span * bar.w

    if aim.low is not None and aim.high is not None:
        band = Rect(x(aim.low), bar.y, x(aim.high) - x(aim.low), bar.h)
        shapes.append(Box(band, RANGE_BAND, None, 0, 0))
    start, end = sorted((x(0.0), x(card.value)))
    if end - start < bar.h:  # a value at zero still shows its colour
        start, end = (start, start + bar.h) if start < bar.right - bar.h else (end - bar.h, end)
    shapes.append(Box(Rect(start, bar.y, end - start, bar.h), STATUS_COLOR[found], None, 0, 3))
    if low < 0 < high:  # where the fill starts when figures run below zero
        shapes.append(Line(((x(0.0), bar.y - 1), (x(0.0), bar.bottom + 1)), MUTED, 1.0))
    if card.baseline is not None:
        at = x(card.baseline)
        shapes.append(Line(((at, bar.y - 1), (at, bar.bottom + 1)), MUTED, 1.0))
    for bound in ends:
        at = x(bound)
        shapes.append(Line(((at, bar.y - 3), (at, bar.bottom + 3)), INK, 1.5))
    return shapes


def stage_shapes(header: Header) -> list[Primitive]:
    r = header.rect
    return [
        Box(r, header.color, GRID, 1.0, crisp=True),
        Box(Rect(r.x, r.bottom - 4, r.w, 4), "#00000022"),
        *[Text(line, INK) for line in header.lines],
    ]


def lane_shapes(header: Header) -> list[Primitive]:
    r = header.rect
    accent = KIND_ACCENT.get(header.kind, KIND_ACCENT["text"])
    return [
        Box(r, "#f7f7f8", GRID, 1.0, crisp=True),
        Box(Rect(r.x, r.y, 4, r.h), accent),
        *[Text(line, INK) for line in header.lines],
        *[Text(line, MUTED) for line in header.sub_lines],
        *(icons.lane_kind(header.kind, *_square(header.icon), accent) if header.icon else []),
    ]


def _square(rect: Rect) -> tuple[float, float, float]:
    return rect.x, rect.y, rect.w


def cell_shapes(cell: Cell) -> list[Primitive]:
    shapes: list[Primitive] = [Box(cell.rect, cell.color, GRID, 1.0, crisp=True)]
    if cell.figures is not None:
        shapes += figure_shapes(cell.figures)
    return shapes


def figure_shapes(box: FigureBox) -> list[Primitive]:
    """A measurement cell: its bar (an empty one for a stage nobody reached), the rows of
    figures in their tones, and the marks before them (arrows, the few-answers warning)."""
    shapes: list[Primitive] = []
    if box.bar is not None and box.share is not None:
        bar = box.bar
        shapes.append(Box(bar, FIGURE_TRACK, FIGURE_EDGE, 1.0, 2))
        if box.centred:
            middle = bar.x + bar.w / 2
            reach = bar.w / 2 * abs(box.share)
            start = middle if box.share >= 0 else middle - reach
            if reach > 0:
                fill = NPS_COLOR[box.share >= 0]
                shapes.append(Box(Rect(start, bar.y, reach, bar.h), fill, None, 0, 2))
            shapes.append(Line(((middle, bar.y - 2), (middle, bar.bottom + 2)), INK, 1.0))
        elif box.share > 0:
            filled = Rect(bar.x, bar.y, max(bar.h / 2, bar.w * box.share), bar.h)
            shapes.append(Box(filled, KIND_ACCENT[measures.FUNNEL], None, 0, 2))
    for mark in box.marks:
        shapes += icons.figure_mark(mark.kind, mark.x, mark.y, mark.size, TONE_COLOR[mark.tone])
    shapes += [Text(figure.line, TONE_COLOR[figure.tone]) for figure in box.lines]
    return shapes


def corner_shapes(layout: MapLayout) -> list[Primitive]:
    return [
        Box(layout.corner, "#ffffff", GRID, 1.0, crisp=True),
        *[Text(t, INK) for t in layout.title_lines],
    ]


CURVE_WIDTH = 2.5


def curve_line_shapes(curve: CurveBox) -> list[Primitive]:
    """The emotion lane's guides and its smooth line (the faces are drawn apart)."""
    shapes = curve_guide_shapes(curve)
    if curve.segments:
        shapes.append(curve_stroke(curve.segments))
    return shapes


def curve_guide_shapes(curve: CurveBox) -> list[Primitive]:
    """The emotion lane's dashed zero line, which only the lane's place changes."""
    area = curve.area
    middle = area.y + area.h / 2
    return [Line(((area.x, middle), (area.right, middle)), "#b4b8c0", 1.0, (4.0, 4.0))]


def curve_stroke(segments: tuple[Bezier, ...]) -> Primitive:
    """The smooth line through consecutive segments of an emotion curve (the canvas
    draws each segment apart, so that an edit draws again only those it changed)."""
    return Curve(segments, "#2f6fdb", CURVE_WIDTH)


def point_shapes(curve: CurveBox, index: int, radius: float) -> list[Primitive]:
    point = curve.points[index]
    shapes = icons.face(point.value, point.x, point.y, radius)
    if point.note_box is not None:
        shapes.append(Box(point.note_box, NOTE_BACKDROP, None, 0, 3))
    shapes += [Text(line, MUTED) for line in point.note_lines]
    if point.samples > 1:
        size = radius * 0.8
        count = TextLine(f"n={point.samples}", point.x + radius + 2, point.y - radius + size, size)
        shapes.append(Text(count, MUTED))
    return shapes


def map_shapes(layout: MapLayout, labels: Labels, measure: Measure) -> list[Primitive]:
    """The whole map, in map coordinates, in painting order."""
    shapes: list[Primitive] = [Box(Rect(0, 0, layout.width, layout.height), "#ffffff")]
    for cell in layout.cells.values():
        shapes += cell_shapes(cell)
    for lane in layout.lanes:
        shapes += lane_shapes(lane)
    for stage in layout.stages:
        shapes += stage_shapes(stage)
    shapes += corner_shapes(layout)
    for curve in layout.curves.values():
        shapes += curve_line_shapes(curve)
        for index in range(len(curve.points)):
            shapes += point_shapes(curve, index, layout.style.face_radius)
    for box in layout.cards.values():
        shapes.append(Group(box.rect.x, box.rect.y, tuple(card_shapes(box, labels, measure))))
    return shapes
