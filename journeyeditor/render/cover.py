"""The cover page of a printed map: title, date, persona, key figures, and a legend.

Built as primitives in points (y down), so the PDF and the Qt painters draw the same
page. Sizes grow with the paper so an A2 cover reads like an A4 one from further away;
the body's blocks (persona, key figures, legend) then grow or shrink together until
they fill the page's height, and what is left over goes between them (`cover_layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeyeditor.render import drawing, icons, numbers
from journeyeditor.render.layout import Measure, Rect, TextLine, wrap
from journeyeditor.render.pages import FRAME, Frame, Size, footer_area
from journeyeditor.render.primitives import Box, Circle, Group, Picture, Primitive, Text
from journeyeditor.render.sheets import Branding, PrintWords

A4_WIDTH = 595.28


@dataclass(frozen=True)
class PersonaIn:
    name: str
    role: str = ""
    age: int | None = None
    category: str = ""
    quote: str = ""
    goals: str = ""
    frustrations: str = ""
    photo: int | None = None
    photo_ratio: float = 1.0


@dataclass(frozen=True)
class TopCard:
    """A card of a top list on the cover, as render/ranking ranked it."""

    rank: int
    text: str
    stage: str
    votes: int = 0


@dataclass(frozen=True)
class FiguresIn:
    """A map's key figures: what it holds, and what matters most on it."""

    stages: int
    lanes: int
    cards: int
    pains: tuple[TopCard, ...] = ()
    opportunities: tuple[TopCard, ...] = ()


@dataclass(frozen=True)
class CoverIn:
    """What a cover says about one map; the legend lists only what the map uses."""

    title: str
    date: str
    state: str = ""
    segment: str = ""
    description: str = ""
    persona: PersonaIn | None = None
    lane_kinds: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    departments: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()
    emotions: bool = False
    figures: FiguresIn | None = None


class _Column:
    """Text flowing down a column; `bottom` is where blocks that would not fit stop."""

    def __init__(self, x: float, y: float, width: float, bottom: float, measure: Measure) -> None:
        self.x, self.y, self.width, self.bottom = x, y, width, bottom
        self.measure = measure
        self.shapes: list[Primitive] = []

    def room(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def text(
        self,
        text: str,
        size: float,
        bold: bool = False,
        color: str = drawing.INK,
        indent: float = 0.0,
    ) -> None:
        """Write the text wrapped, every line of it: a cover never cuts a word."""
        leading = round(size * 1.3)
        for line in wrap(text, self.width - indent, size, self.measure, bold):
            self.shapes.append(
                Text(TextLine(line, self.x + indent, self.y + size, size, bold), color)
            )
            self.y += leading

    def bullets(self, text: str, size: float, accent: str) -> None:
        """One bullet a line; lines with no room left are left out whole."""
        for item in (part.strip() for part in text.split("\n")):
            if not item:
                continue
            lines = len(wrap(item, self.width - size * 1.1, size, self.measure))
            if not self.room(lines * round(size * 1.3)):
                break
            self.shapes.append(
                Circle(self.x + size * 0.3, self.y + size * 0.62, size * 0.17, accent)
            )
            self.text(item, size, indent=size * 1.1)
            self.y += size * 0.25


def _sized(k: float, points: float) -> float:
    return float(max(6, round(points * k)))


def _fitted(rect: Rect, ratio: float) -> Rect:
    """The largest rectangle of width/height `ratio` centred in `rect`."""
    w = min(rect.w, rect.h * ratio)
    h = w / ratio
    return Rect(rect.x + (rect.w - w) / 2, rect.y + (rect.h - h) / 2, w, h)


def _heading(
    page: Size,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    k: float,
    measure: Measure,
    m: float,
) -> tuple[list[Primitive], float]:
    width, _height = page
    shapes: list[Primitive] = [Box(Rect(0, 0, width, 10 * k), branding.accent)]
    top = m + 10 * k
    text_right = width - m
    if branding.logo is not None:
        box = _fitted(Rect(width - m - 160 * k, top, 160 * k, 56 * k), branding.logo_ratio)
        box = box.moved(width - m - box.right, top - box.y)
        shapes.append(Picture(box, branding.logo))
        text_right = box.x - 16 * k
    column = _Column(m, top, text_right - m, top + 400 * k, measure)
    if branding.project:
        column.text(branding.project, _sized(k, 11), color=drawing.MUTED)
        column.y += 4 * k
    column.text(cover.title, _sized(k, 26), bold=True)
    column.y += 2 * k
    state = words.states.get(cover.state, "")
    sub = " · ".join(part for part in (state, cover.segment, cover.date) if part)
    column.text(sub, _sized(k, 11), color=branding.accent)
    column.width = width - 2 * m
    if cover.description:
        column.y += 6 * k
        column.text(cover.description, _sized(k, 11))
    bottom = column.y + 12 * k
    shapes += column.shapes
    shapes.append(Box(Rect(m, bottom, width - 2 * m, 1), drawing.GRID))
    return shapes, bottom + 18 * k


def _persona(
    persona: PersonaIn, area: Rect, accent: str, words: PrintWords, k: float, measure: Measure
) -> tuple[list[Primitive], float]:
    """The persona block in `area`; returns it and how far down it reached."""
    photo = 76 * k
    shapes: list[Primitive] = []
    frame = Rect(area.x, area.y, photo, photo)
    if persona.photo is not None:
        picture = _fitted(frame, persona.photo_ratio)
        shapes.append(Picture(picture, persona.photo))
        shapes.append(Box(picture, None, drawing.GRID, 1.0))
    else:
        initials = "".join(word[:1] for word in persona.name.split()[:2]).upper() or "?"
        size = _sized(k, 26)
        shapes.append(Circle(frame.x + photo / 2, frame.y + photo / 2, photo / 2, accent))
        x = frame.x + (photo - measure(initials, size, True)) / 2
        shapes.append(
            Text(TextLine(initials, x, frame.y + photo / 2 + size * 0.36, size, True), "#ffffff")
        )
    head = _Column(
        area.x + photo + 14 * k, area.y, area.w - photo - 14 * k, area.y + photo, measure
    )
    head.text(persona.name, _sized(k, 17), bold=True)
    details = [persona.role, words.age.format(persona.age) if persona.age else "", persona.category]
    head.text(
        " · ".join(part for part in details if part),
        _sized(k, 10),
        color=drawing.MUTED,
    )
    if persona.quote:
        head.y += 3 * k
        head.text(words.quote.format(persona.quote), _sized(k, 10))
    shapes += head.shapes
    top = area.y + max(photo, head.y - area.y) + 14 * k
    lists = [(words.goals, persona.goals), (words.frustrations, persona.frustrations)]
    lists = [(title, body) for title, body in lists if body.strip()]
    side_by_side = area.w >= 360 * k and len(lists) == 2
    gutter = 18 * k
    width = (area.w - gutter) / 2 if side_by_side else area.w
    y = reached = top
    for index, (title, body) in enumerate(lists):
        x = area.x + (index * (width + gutter) if side_by_side else 0)
        column = _Column(x, top if side_by_side else y, width, area.bottom, measure)
        column.text(title, _sized(k, 12), bold=True, color=accent)
        column.y += 3 * k
        column.bullets(body, _sized(k, 10), accent)
        shapes += column.shapes
        y = column.y + 10 * k
        reached = max(reached, min(column.y, area.bottom))
    return shapes, reached


def _mini_card(
    x: float, y: float, k: float, fill: str, strip: str, dashed: bool = False
) -> list[Primitive]:
    w, h = 24 * k, 13 * k
    dash = (3.0 * k, 2.0 * k) if dashed else ()
    return [
        Box(Rect(x, y, w, h), fill, "#8a8f99", 0.6, 2 * k, dash),
        Box(Rect(x, y, 3.5 * k, h), strip, None, 0, 1.5 * k),
    ]


Row = tuple[list[Primitive], str]


def _sections(cover: CoverIn, words: PrintWords, k: float) -> list[tuple[str, list[Row]]]:
    """Legend sections as (title, rows); each row is an icon at (0, 0) and its words."""
    icon = 13 * k
    out: list[tuple[str, list[Row]]] = []
    if cover.lane_kinds:
        rows: list[Row] = [
            (
                _mini_card(
                    0,
                    0,
                    k,
                    drawing.CARD_FILL.get(kind, "#ffffff"),
                    drawing.KIND_ACCENT.get(kind, "#9aa0aa"),
                ),
                words.lane_kinds.get(kind, kind),
            )
            for kind in cover.lane_kinds
        ]
        out.append((words.lanes, rows))
    if cover.channels:
        rows = [
            (icons.channel(channel, 5 * k, 0, icon), words.channel_names.get(channel, channel))
            for channel in cover.channels
        ]
        out.append((words.channels, rows))
    if cover.departments:
        rows = [(_mini_card(0, 0, k, "#ffffff", color), name) for name, color in cover.departments]
        out.append((words.departments, rows))
    if cover.evidence:
        rows = []
        for level in cover.evidence:
            card = _mini_card(0, 0, k, "#ffffff", "#9aa0aa", dashed=level == "assumption")
            card += icons.evidence(level, 18 * k, 6.5 * k, 3.5 * k)
            rows.append((card, words.evidence_names.get(level, level)))
        out.append((words.evidence, rows))
    if cover.emotions:
        faces: list[Primitive] = []
        for index, value in enumerate(range(-2, 3)):
            faces += icons.face(value, 6.5 * k + index * 16 * k, 6.5 * k, 6.5 * k)
        out.append((words.emotions, [(faces, "")]))
    return out


def legend(
    cover: CoverIn, area: Rect, words: PrintWords, k: float, measure: Measure
) -> tuple[list[Primitive], float]:
    """The legend in `area`, sections set in the shortest column; returns it and its height.

    A section with no room for its heading and a first row is left out whole.
    """
    title = _Column(area.x, area.y, area.w, area.bottom, measure)
    title.text(words.legend, _sized(k, 14), bold=True)
    shapes = title.shapes
    sections = _sections(cover, words, k)
    if not sections:
        return [], 0.0
    count = max(1, min(len(sections), int(area.w // (150 * k))))
    gutter = 16 * k
    width = (area.w - gutter * (count - 1)) / count
    heights = [title.y + 6 * k] * count
    size = _sized(k, 10)
    row = 18 * k
    for heading, rows in sections:
        index = heights.index(min(heights))
        if heights[index] + 40 * k > area.bottom:
            continue
        column = _Column(
            area.x + index * (width + gutter), heights[index], width, area.bottom, measure
        )
        column.text(heading, _sized(k, 11), bold=True)
        column.y += 3 * k
        for icon, label in rows:
            if not column.room(row):
                break
            column.shapes.append(Group(column.x, column.y + 1 * k, tuple(icon)))
            lines = wrap(label, width - 34 * k, size, measure) if label else []
            for number, line in enumerate(lines):
                base = column.y + 11 * k + number * round(size * 1.3)
                column.shapes.append(
                    Text(TextLine(line, column.x + 32 * k, base, size), drawing.INK)
                )
            column.y += row + max(0, len(lines) - 1) * round(size * 1.3)
        shapes += column.shapes
        heights[index] = column.y + 12 * k
    return shapes, max(heights) - 12 * k - area.y


def _figures(
    figures: FiguresIn, area: Rect, accent: str, words: PrintWords, k: float, measure: Measure
) -> tuple[list[Primitive], float]:
    """Key figures in `area`: counts of stages, lanes and cards, then the top pain points
    and opportunities (render/ranking's order); returns them and their height."""
    head = _Column(area.x, area.y, area.w, area.bottom, measure)
    head.text(words.key_figures, _sized(k, 14), bold=True)
    head.y += 4 * k
    shapes = head.shapes
    counts = (
        (figures.stages, words.stages),
        (figures.lanes, words.lanes),
        (figures.cards, words.cards),
    )
    tile = min(area.w / len(counts), 120 * k)
    big, small = _sized(k, 24), _sized(k, 10)
    for index, (count, label) in enumerate(counts):
        x = area.x + index * tile
        text = numbers.number(count, words.language)
        shapes.append(Text(TextLine(text, x, head.y + big, big, True), accent))
        shapes.append(Text(TextLine(label, x, head.y + big + small * 1.6, small), drawing.MUTED))
    top = head.y + big + small * 1.6 + 16 * k
    lists = [(words.top_pains, figures.pains), (words.top_opportunities, figures.opportunities)]
    lists = [(title, items) for title, items in lists if items]
    side_by_side = area.w >= 360 * k and len(lists) == 2
    gutter = 18 * k
    width = (area.w - gutter) / 2 if side_by_side else area.w
    y = reached = top
    for index, (title, items) in enumerate(lists):
        x = area.x + (index * (width + gutter) if side_by_side else 0)
        column = _Column(x, top if side_by_side else y, width, area.bottom, measure)
        column.text(title, _sized(k, 11), bold=True)
        column.y += 3 * k
        size, note = _sized(k, 10), _sized(k, 8)
        indent = size * 1.6
        for item in items:
            if not column.room(size * 1.3 + note * 1.3):
                break
            rank = numbers.number(item.rank, words.language)
            shapes_before = len(column.shapes)
            column.text(item.text, size, indent=indent)
            first = column.shapes[shapes_before]
            if isinstance(first, Text):
                column.shapes.append(
                    Text(TextLine(rank, column.x, first.line.y, size, True), accent)
                )
            details = [item.stage]
            if item.votes:
                details.append(words.votes.format(numbers.number(item.votes, words.language)))
            column.text(" · ".join(details), note, color=drawing.MUTED, indent=indent)
            column.y += 5 * k
        shapes += column.shapes
        y = column.y + 10 * k
        reached = max(reached, column.y)
    return shapes, reached - area.y


Block = Callable[[Rect, float], tuple[list[Primitive], float]]
"""Draws a block of the cover in a rectangle at a type size `k`; returns it and its height."""

GROWTH = tuple(round(1.4 - 0.05 * step, 2) for step in range(17))
"""How much the body's type may grow on a roomy page, or shrink on a crowded one, largest
tried first: from 1.4 (section titles stay smaller than the map title) down to 0.6."""
LEAST_GAP = 20.0
MOST_GAP = 90.0
SPARE = 1.0
"""Points of a column's height never shared out: rounding never costs a block its last row."""
"""Between two blocks of a column (times k): free height is shared out up to this."""


@dataclass(frozen=True)
class CoverLayout:
    """The cover's heading, its body area, and each block of the body placed in it."""

    heading: tuple[Primitive, ...]
    body: Rect
    blocks: tuple[Group, ...]

    def shapes(self) -> list[Primitive]:
        return [*self.heading, *self.blocks]


def _columns(
    cover: CoverIn,
    body: Rect,
    landscape: bool,
    accent: str,
    words: PrintWords,
    measure: Measure,
    k: float,
) -> list[tuple[Rect, list[Block]]]:
    """Which blocks go in which column: side by side on landscape paper, stacked on portrait."""
    persona, figures = cover.persona, cover.figures
    first: list[Block] = []
    if persona is not None:
        first.append(lambda area, g: _persona(persona, area, accent, words, k * g, measure))
    if figures is not None:
        first.append(lambda area, g: _figures(figures, area, accent, words, k * g, measure))
    last: Block = lambda area, g: legend(cover, area, words, k * g, measure)  # noqa: E731
    if not landscape:
        return [(body, [*first, last])]
    split = body.w * 0.56
    return [
        (Rect(body.x, body.y, split - 24 * k, body.h), first),
        (Rect(body.x + split, body.y, body.w - split, body.h), [last]),
    ]


def _height(block: Block, width: float, g: float) -> float:
    """How tall `block` is when nothing stops it."""
    return block(Rect(0, 0, width, 1e9), g)[1]


def _stacked(column: Rect, blocks: list[Block], g: float, k: float) -> list[Group]:
    """`blocks` down `column`, the free height shared out between them (the last one ends
    low on the page rather than leaving its bottom empty). Each block is given the room
    left below the one before; one that would overflow it anyway is left out whole."""
    heights = [_height(block, column.w, g) for block in blocks]
    free = column.h - sum(heights) - SPARE
    gap = LEAST_GAP * k
    if len(blocks) > 1:
        gap = max(gap, min(MOST_GAP * k, free / (len(blocks) - 1)))
    placed: list[Group] = []
    y = column.y
    for block in blocks:
        room = max(0.0, column.bottom - y)
        shapes, used = block(Rect(0, 0, column.w, room), g)
        if shapes and used <= room:
            placed.append(Group(column.x, y, tuple(shapes)))
            y += used + gap
    return placed


def cover_layout(
    page: Size,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    frame: Frame = FRAME,
) -> CoverLayout:
    """The cover's blocks spread over the page: type grows on roomy paper until a column is
    full (shrinks on crowded paper), then the free height goes between the blocks."""
    width, height = page
    k = min(width, height) / A4_WIDTH
    m = frame.margin
    heading, top = _heading(page, cover, branding, words, k, measure, m)
    bottom = footer_area(page, frame).y - frame.gap
    body = Rect(m, top, width - 2 * m, bottom - top)
    columns = _columns(cover, body, width > height, branding.accent, words, measure, k)

    def fits(g: float) -> bool:
        for column, blocks in columns:
            heights = [_height(block, column.w, g) for block in blocks]
            if sum(heights) + LEAST_GAP * k * (len(blocks) - 1) > column.h:
                return False
        return True

    g = next((g for g in GROWTH if fits(g)), GROWTH[-1])
    blocks = [group for column, items in columns for group in _stacked(column, items, g, k)]
    return CoverLayout(tuple(heading), body, tuple(blocks))


def cover_shapes(
    page: Size,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    frame: Frame = FRAME,
) -> list[Primitive]:
    """The cover page in points; its footer is added with the other pages' footers."""
    return cover_layout(page, cover, branding, words, measure, frame).shapes()
