"""What each part of a laid-out map looks like, as primitives (no painter here).

The canvas draws each card from `card_shapes` inside its own item; exports draw
`map_shapes`, which is made of exactly the same pieces at their layout places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeyeditor.model.metrics import Status, goal, status
from journeyeditor.render import icons, numbers
from journeyeditor.render.layout import (
    CardBox,
    CardIn,
    Cell,
    Header,
    MapLayout,
    Measure,
    Rect,
    TextLine,
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
}
KIND_ACCENT = {
    "text": "#e2c84a",
    "touchpoint": "#2f6fdb",
    "emotion": "#9aa0aa",
    "pain_point": "#d64545",
    "opportunity": "#2f9e5b",
    "metric": "#7a5cc7",
    "image": "#9aa0aa",
}
PRIORITY_COLOR = {"high": "#d64545", "medium": "#e08a1e", "low": "#6b7280"}
STATUS_COLOR = {
    Status.MET: "#2f9e5b",
    Status.NEAR: "#e08a1e",
    Status.MISSED: "#d64545",
    Status.NEUTRAL: "#9aa0aa",
}
"""A metric's bar: green met, amber near (model/metrics.py TOLERANCE), red missed."""
BAR_TRACK = "#b9b3cc"
RANGE_BAND = "#ddd7ee"


@dataclass(frozen=True)
class Labels:
    """Words drawn on cards, already translated by the caller."""

    language: str = "en"
    """The map's language, which decides how figures are written (render/numbers.py)."""
    own: str = "Own"
    external: str = "External"
    channels: dict[str, str] = field(default_factory=dict)
    priorities: dict[str, str] = field(default_factory=dict)


def fit_text(text: str, width: float, size: float, measure: Measure, bold: bool = False) -> str:
    """Shorten `text` with an ellipsis until it fits `width` (the longest prefix that does,
    found by halving: a few measures, whatever the text's length)."""
    if measure(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + "…", size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


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
        Box(Rect(0, 0, 5, h), card.department_color or accent, None, 0, 2),
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
        shapes += icons.dots(card.votes, 9, h - 6, 2.2, "#2f6fdb")
    return shapes


def _meta(box: CardBox, meta: Rect, labels: Labels, measure: Measure) -> list[Primitive]:
    card, kind = box.card, box.lane_kind
    size = 10.0
    base = meta.y + meta.h / 2 + size * 0.36
    shapes: list[Primitive] = []
    if kind == "touchpoint":
        shapes += icons.channel(card.channel, meta.x, meta.y + 2, 15)
        tag = labels.own if card.owned else labels.external if card.owned is False else ""
        tag_width = measure(tag, 9, True) + 10 if tag else 0
        name = labels.channels.get(card.channel or "", card.channel or "")
        room = meta.w - 20 - tag_width - 4
        shapes.append(
            Text(TextLine(fit_text(name, room, size, measure), meta.x + 20, base, size), MUTED)
        )
        if tag:
            pill = Rect(meta.right - tag_width, meta.y + 3, tag_width, meta.h - 6)
            fill = "#2f6fdb" if card.owned else None
            shapes.append(Box(pill, fill, "#2f6fdb", 1.0, pill.h / 2))
            color = "#ffffff" if card.owned else "#2f6fdb"
            shapes.append(Text(TextLine(tag, pill.x + 5, base - 0.5, 9, True), color))
    elif kind == "pain_point":
        shapes += icons.severity(card.severity or 0, meta.x, meta.y + 4, 11)
    elif kind == "opportunity":
        priority = card.priority or ""
        label = labels.priorities.get(priority, priority)
        pill_width = measure(label, 9, True) + 10 if label else 0
        if label:
            pill = Rect(meta.right - pill_width, meta.y + 3, pill_width, meta.h - 6)
            color = PRIORITY_COLOR.get(priority, MUTED)
            shapes.append(Box(pill, color, None, 0, pill.h / 2))
            shapes.append(Text(TextLine(label, pill.x + 5, base - 0.5, 9, True), "#ffffff"))
        owner = fit_text(card.owner or "", meta.w - pill_width - 6, size, measure)
        shapes.append(Text(TextLine(owner, meta.x, base, size), MUTED))
    elif kind == "metric":
        shapes += metric_shapes(box.card, meta, labels, measure)
    return shapes


def metric_text(card: CardIn, labels: Labels) -> str:
    """The figures of a metric card in the map's language, then its period."""
    text = numbers.metric_figures(
        card.value, card.unit, labels.language, card.direction, card.target, card.target_low
    )
    return f"{text} · {card.period}" if card.period else text


def metric_shapes(card: CardIn, meta: Rect, labels: Labels, measure: Measure) -> list[Primitive]:
    """The figures, and a bar that shows the value against its target (a bullet chart).

    The bar's scale runs from 0 (or the lowest figure) to the highest of value, target and
    baseline; the value is filled in its status colour, the target is a dark tick (a
    range, a band between two ticks), the baseline and zero (when figures run below it)
    light ones. Without a target the bar stays empty: nothing claims attainment.
    """
    size = 10.0
    base = meta.y + meta.h / 2 + size * 0.36
    text = fit_text(metric_text(card, labels), meta.w * 0.55, size, measure, True)
    shapes: list[Primitive] = [Text(TextLine(text, meta.x, base, size, True), INK)]
    bar = Rect(meta.x + meta.w * 0.58, meta.y + meta.h / 2 - 3, meta.w * 0.42, 6)
    shapes.append(Box(bar, "#ffffff", BAR_TRACK, 1.0, 3))
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
        Box(r, header.color, GRID, 1.0),
        Box(Rect(r.x, r.bottom - 4, r.w, 4), "#00000022"),
        *[Text(line, INK) for line in header.lines],
    ]


def lane_shapes(header: Header) -> list[Primitive]:
    r = header.rect
    accent = KIND_ACCENT.get(header.kind, KIND_ACCENT["text"])
    return [
        Box(r, "#f7f7f8", GRID, 1.0),
        Box(Rect(r.x, r.y, 4, r.h), accent),
        *[Text(line, INK) for line in header.lines],
    ]


def cell_shapes(cell: Cell) -> list[Primitive]:
    return [Box(cell.rect, cell.color, GRID, 1.0)]


def corner_shapes(layout: MapLayout) -> list[Primitive]:
    return [Box(layout.corner, "#ffffff", GRID, 1.0), *[Text(t, INK) for t in layout.title_lines]]


def curve_line_shapes(curve: CurveBox) -> list[Primitive]:
    """The emotion lane's guides and its smooth line (the faces are drawn apart)."""
    area = curve.area
    middle = area.y + area.h / 2
    shapes: list[Primitive] = [
        Line(((area.x, middle), (area.right, middle)), "#b4b8c0", 1.0, (4.0, 4.0))
    ]
    if curve.segments:
        shapes.append(Curve(curve.segments, "#2f6fdb", 2.5))
    return shapes


def point_shapes(curve: CurveBox, index: int, radius: float) -> list[Primitive]:
    point = curve.points[index]
    shapes = icons.face(point.value, point.x, point.y, radius)
    shapes += [Text(line, MUTED) for line in point.note_lines]
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
