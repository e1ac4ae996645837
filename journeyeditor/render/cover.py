"""The cover page of a printed map: title, date, persona, and a legend of what cards mean.

Built as primitives in points (y down), so the PDF and the Qt painters draw the same
page. Sizes grow with the paper so an A2 cover reads like an A4 one from further away.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyeditor.render import departments, drawing, icons
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
        for item in (part.strip() for part in text.split("\n")):
            if not item:
                continue
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


def _sections(
    cover: CoverIn, words: PrintWords, k: float, measure: Measure
) -> list[tuple[str, list[Row]]]:
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
        rows = [
            (departments.tag_shapes(name, color, 0, 0.5 * k, measure, 0.85 * k), name)
            for name, color in cover.departments
        ]
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
    sections = _sections(cover, words, k, measure)
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


def cover_shapes(
    page: Size,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    frame: Frame = FRAME,
) -> list[Primitive]:
    """The cover page in points; its footer is added with the other pages' footers."""
    width, height = page
    k = min(width, height) / A4_WIDTH
    m = frame.margin
    shapes, top = _heading(page, cover, branding, words, k, measure, m)
    bottom = footer_area(page, frame).y - frame.gap
    body = Rect(m, top, width - 2 * m, bottom - top)
    persona, landscape = cover.persona, width > height
    legend_area = body
    if persona is not None and landscape:
        split = body.w * 0.56
        area = Rect(body.x, body.y, split - 24 * k, body.h)
        shapes += _persona(persona, area, branding.accent, words, k, measure)[0]
        legend_area = Rect(body.x + split, body.y, body.w - split, body.h)
    elif persona is not None:
        gap = 20 * k
        _drawn, wanted = legend(cover, body, words, k, measure)
        room = max(body.h * 0.4, body.h - wanted - gap)
        drawn, reached = _persona(
            persona, Rect(body.x, body.y, body.w, room), branding.accent, words, k, measure
        )
        shapes += drawn
        top = reached + gap
        legend_area = Rect(body.x, top, body.w, body.bottom - top)
    shapes += legend(cover, legend_area, words, k, measure)[0]
    return shapes
