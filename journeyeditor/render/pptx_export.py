"""PowerPoint export: a 16:9 deck a client edits, not pictures of the map.

A cover (project, date, each map with its state and persona), one slide per map drawn as
native shapes placed by render/layout (headers, cells, cards holding their own text, the
emotion curve as a freeform line with its faces), and a table of the top pain points and
opportunities from render/ranking. Words are in the map's language, like printed pages.

Readability: card text is 12 px on the map (9 pt at 100 %); a slide never shows it below
`MIN_CARD_POINTS` (8 pt). A map that would need a smaller scale is split into parts: by
stage columns (the lane header column repeated on each) and, when its lanes are taller
than a slide, by lane rows (the stage header row repeated), each part titled
"Map name (2/3)". Only a single stage or lane larger than a whole slide goes below 8 pt.

Text is set in DejaVu Sans, the font the layout measures, wrapped by the presentation
program at the layout's widths (a little slack so a line that just fits is not broken).

    export_pptx(document, "maps.pptx", ExportOptions())
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PIL import Image as PilImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector
from pptx.shapes.shapetree import GroupShapes, SlideShapes
from pptx.slide import Slide
from pptx.util import Emu, Length, Pt

from journeyeditor.editing.document import Document
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model.enums import LaneKind
from journeyeditor.render import colors, drawing, icons, labels, ranking
from journeyeditor.render.layout import (
    STYLE,
    CardBox,
    Header,
    MapContent,
    MapLayout,
    Rect,
    Style,
    TextLine,
    bezier_points,
)
from journeyeditor.render.layout import Curve as CurveBox
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
from journeyeditor.render.source import ExportOptions, ExportSource
from journeyeditor.render.xlsx_export import safe_text
from journeyeditor.store.files import write_atomically

TOP = QT_TRANSLATE_NOOP("Labels", "Top pain points and opportunities")
NONE_RANKED = QT_TRANSLATE_NOOP("Labels", "No pain point or opportunity on these maps.")
IMPORTANCE = QT_TRANSLATE_NOOP("Labels", "Importance")
PART = QT_TRANSLATE_NOOP("Labels", "{0} ({1}/{2})")
SUMMARY_COLUMNS = (
    ("#", 0.5),
    (QT_TRANSLATE_NOOP("Labels", "Text"), 4.3),
    (QT_TRANSLATE_NOOP("Labels", "Lane kind"), 1.4),
    (QT_TRANSLATE_NOOP("Labels", "Map"), 2.3),
    (QT_TRANSLATE_NOOP("Labels", "Stage"), 1.6),
    (QT_TRANSLATE_NOOP("Labels", "Votes"), 0.8),
    (IMPORTANCE, 1.4),
)
"""The summary table's columns: header (a Labels string, "#" as is) and width in inches."""
TOP_ROWS = 10
"""Rows of the summary table: what one slide holds at a readable size."""
SUMMARY_TEXT_CHARS = 160
"""A card's text in the summary is cut after this many characters (the map has it whole)."""

PX = 9525
"""EMU in a pixel at 96 DPI (914,400 EMU an inch)."""
SLIDE = (1280.0, 720.0)
"""The 16:9 slide (13.333 × 7.5 inches) in pixels."""
MARGIN = 24.0
TITLE_HEIGHT = 52.0
AREA = Rect(
    MARGIN, MARGIN + TITLE_HEIGHT, SLIDE[0] - 2 * MARGIN, SLIDE[1] - 2 * MARGIN - TITLE_HEIGHT
)
"""Where a map's part goes on its slide (pixels)."""
POINTS_PER_PX = 0.75
MIN_CARD_POINTS = 8.0
MAX_SCALE = 1.5
"""A small map is enlarged to fill its slide, but not beyond this."""
FONT = "DejaVu Sans"
ASCENT = 0.928
"""DejaVu Sans's ascent (and `LINE`, its line height) in ems: where a line's box starts
above its baseline."""
LINE = 1.164
SLACK = 2.0
"""Pixels of width a wrapped text gets beyond the layout's, so rounding never re-wraps it."""


@dataclass(frozen=True)
class Part:
    """The stages `stages` × lanes `lanes` of a map, with the headers, on one slide."""

    stages: range
    lanes: range


def groups(sizes: Sequence[float], room: float) -> list[range]:
    """Consecutive runs of `sizes`, as few as fit in `room` each (a larger size alone), and
    of sizes as even as they can be: a last slide holding one small lane reads oddly, and
    the largest run decides the scale of every part."""
    count, total = 1, 0.0
    for index, size in enumerate(sizes):
        if index and total + size > room:
            count, total = count + 1, 0.0
        total += size
    return balanced(sizes, min(count, len(sizes)))


def balanced(sizes: Sequence[float], count: int) -> list[range]:
    """`sizes` cut into `count` consecutive runs, the largest run's total the least it can
    be (the linear partition problem, by dynamic programming: a map has tens of stages)."""
    n = len(sizes)
    if count <= 1 or n <= 1:
        return [range(n)]
    sums = [0.0]
    for size in sizes:
        sums.append(sums[-1] + size)
    # best[k][i]: the least largest run cutting the first i sizes into k runs; cut: where
    best = [[math.inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                worst = max(best[k - 1][j], sums[i] - sums[j])
                if worst < best[k][i]:
                    best[k][i], cut[k][i] = worst, j
    runs: list[range] = []
    end = n
    for k in range(count, 0, -1):
        start = cut[k][end]
        runs.append(range(start, end))
        end = start
    return runs[::-1]


def split(laid: MapLayout) -> tuple[list[Part], float]:
    """The parts a map is shown in, and the one scale (slide pixels a map pixel) of all."""
    corner = laid.corner
    widths = [stage.rect.w for stage in laid.stages]
    heights = [lane.rect.h for lane in laid.lanes]
    readable = MIN_CARD_POINTS / (laid.style.text_size * POINTS_PER_PX)

    def fit(width: float, height: float) -> float:
        return min(AREA.w / max(width, 1.0), AREA.h / max(height, 1.0), MAX_SCALE)

    if fit(laid.width, laid.height) >= readable:
        columns, rows = [range(len(widths))], [range(len(heights))]
    else:
        columns = groups(widths, AREA.w / readable - corner.w)
        rows = groups(heights, AREA.h / readable - corner.h)
    parts = [Part(column, row) for column in columns for row in rows]
    scale = min(
        fit(
            corner.w + sum(widths[i] for i in part.stages),
            corner.h + sum(heights[i] for i in part.lanes),
        )
        for part in parts
    )
    return parts, scale


def rgb(color: str) -> tuple[RGBColor, int]:
    red, green, blue, alpha = colors.rgba(color)
    return RGBColor(red, green, blue), alpha  # type: ignore[no-untyped-call]  # untyped upstream


def _alpha(fill_parent: BaseOxmlElement, alpha: int) -> None:
    """Make the solid colour under `fill_parent` translucent (python-pptx has no setting)."""
    if alpha >= 255:
        return
    solid = fill_parent.find(qn("a:solidFill"))
    if solid is not None and len(solid):
        element = OxmlElement("a:alpha")
        element.set("val", str(round(alpha / 255 * 100_000)))
        solid[0].append(element)


def clip(
    points: Sequence[tuple[float, float]], low: float, high: float
) -> list[tuple[float, float]]:
    """The part of a polyline (x increasing) between `low` and `high`."""
    kept: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in pairwise(points):
        if x1 < low or x0 > high or x1 == x0:
            continue

        def at(x: float, x0: float = x0, y0: float = y0, x1: float = x1, y1: float = y1) -> float:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

        a = (max(x0, low), at(max(x0, low)))
        b = (min(x1, high), at(min(x1, high)))
        if not kept or kept[-1] != a:
            kept.append(a)
        kept.append(b)
    return kept


def paint(
    shape: Shape, fill: str | None, stroke: str | None, width: Emu, dash: tuple[float, ...] = ()
) -> None:
    """Fill and outline a shape in the map's colours (translucent ones too), no shadow."""
    if fill:
        color, alpha = rgb(fill)
        shape.fill.solid()
        shape.fill.fore_color.rgb = color
        _alpha(shape._element.spPr, alpha)
    else:
        shape.fill.background()
    if stroke:
        color, alpha = rgb(stroke)
        shape.line.color.rgb = color
        shape.line.width = width
        if dash:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        line = shape._element.spPr.find(qn("a:ln"))
        if line is not None:
            _alpha(line, alpha)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    unstyle(shape)


def unstyle(shape: Shape | Connector) -> None:
    """Drop the theme's style reference: a presentation program may draw its shadow."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


SHAPE_TAGS = frozenset(qn(tag) for tag in ("p:sp", "p:cxnSp", "p:pic", "p:grpSp"))


@contextmanager
def grouped(shapes: SlideShapes) -> Iterator[None]:
    """The shapes drawn inside the block become one group (a card moves as one).

    They are drawn on the slide and moved into the group at the end: python-pptx works a
    group's extents out again after every shape added to it, which is quadratic.
    """
    group = shapes.add_group_shape()
    yield
    element = group._element
    for sibling in list(element.itersiblings()):
        if sibling.tag in SHAPE_TAGS:
            element.append(sibling)
    element.recalculate_extents()


Container = SlideShapes | GroupShapes


class SlidePainter:
    """Draws map primitives as shapes: map pixels at `scale`, shifted, placed at `origin`."""

    def __init__(self, source: ExportSource, scale: float, origin: tuple[float, float]) -> None:
        self.source = source
        self.scale = scale
        self.origin = origin
        self.shift = (0.0, 0.0)

    def x(self, x: float) -> Emu:
        return Emu(round((self.origin[0] + (x + self.shift[0]) * self.scale) * PX))

    def y(self, y: float) -> Emu:
        return Emu(round((self.origin[1] + (y + self.shift[1]) * self.scale) * PX))

    def size(self, pixels: float) -> Emu:
        return Emu(max(1, round(pixels * self.scale * PX)))

    def points(self, pixels: float) -> Pt:
        return Pt(pixels * self.scale * POINTS_PER_PX)

    def _place(self, rect: Rect) -> tuple[Length, Length, Length, Length]:
        left, top = self.x(rect.x), self.y(rect.y)
        width, height = max(1, self.x(rect.right) - left), max(1, self.y(rect.bottom) - top)
        return left, top, Emu(width), Emu(height)

    def _style(
        self,
        shape: Shape,
        fill: str | None,
        stroke: str | None,
        width: float,
        dash: tuple[float, ...] = (),
    ) -> None:
        paint(shape, fill, stroke, Emu(self.size(width)), dash)

    def box(
        self,
        shapes: Container,
        rect: Rect,
        fill: str | None,
        stroke: str | None = None,
        width: float = 1.0,
        radius: float = 0.0,
        dash: tuple[float, ...] = (),
    ) -> Shape:
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if radius > 0 else MSO_SHAPE.RECTANGLE
        shape = shapes.add_shape(kind, *self._place(rect))
        if radius > 0:
            shape.adjustments[0] = min(0.5, radius / max(0.01, min(rect.w, rect.h)))
        self._style(shape, fill, stroke, width, dash)
        return shape

    def polyline(
        self,
        shapes: Container,
        points: Sequence[tuple[float, float]],
        stroke: str | None,
        width: float,
        fill: str | None = None,
        closed: bool = False,
        dash: tuple[float, ...] = (),
    ) -> Shape | None:
        if len(points) < 2:
            return None
        placed = [(self.x(x), self.y(y)) for x, y in points]
        if len(placed) == 2 and not closed and not fill:
            (x0, y0), (x1, y1) = placed
            connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x0, y0, x1, y1)
            color, _alpha_value = rgb(stroke or drawing.INK)
            connector.line.color.rgb = color
            connector.line.width = Emu(self.size(width))
            if dash:
                connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            unstyle(connector)
            return None
        builder = shapes.build_freeform(*placed[0])
        builder.add_line_segments(placed[1:], close=closed)
        shape: Shape = builder.convert_to_shape()
        self._style(shape, fill, stroke, width, dash)
        return shape

    def text_line(self, shapes: Container, text: Text) -> None:
        """One line of text (a detail row, a tag) where the map draws it, never wrapped."""
        line = text.line
        top = line.y - ASCENT * line.size
        width = self.source.measure(line.text, line.size, line.bold) + 2 * SLACK
        rect = Rect(line.x, top, width, LINE * line.size)
        box = shapes.add_textbox(*self._place(rect))
        frame(box, margins=(0, 0, 0, 0), wrap=False)
        paragraph(box, line.text, self.points(line.size), text.color, line.bold)

    def draw(self, shapes: Container, primitive: Primitive) -> None:
        """Any primitive of the map as shapes (texts as single lines)."""
        if isinstance(primitive, Box):
            self.box(
                shapes,
                primitive.rect,
                primitive.fill,
                primitive.stroke,
                primitive.width,
                primitive.radius,
                primitive.dash,
            )
        elif isinstance(primitive, Circle):
            r = primitive.r
            rect = Rect(primitive.cx - r, primitive.cy - r, 2 * r, 2 * r)
            oval = shapes.add_shape(MSO_SHAPE.OVAL, *self._place(rect))
            self._style(oval, primitive.fill, primitive.stroke, primitive.width)
        elif isinstance(primitive, Line):
            self.polyline(
                shapes, primitive.points, primitive.stroke, primitive.width, dash=primitive.dash
            )
        elif isinstance(primitive, Polygon):
            self.polyline(
                shapes,
                primitive.points,
                primitive.stroke,
                primitive.width,
                primitive.fill,
                closed=True,
            )
        elif isinstance(primitive, Curve):
            points = flatten(primitive.segments)
            self.polyline(
                shapes,
                points,
                primitive.stroke,
                primitive.width,
                primitive.fill,
                closed=primitive.fill is not None,
            )
        elif isinstance(primitive, Text):
            self.text_line(shapes, primitive)
        elif isinstance(primitive, Picture):
            self.picture(shapes, primitive)
        elif isinstance(primitive, Group):
            saved = self.shift
            self.shift = (saved[0] + primitive.dx, saved[1] + primitive.dy)
            for item in primitive.items:
                self.draw(shapes, item)
            self.shift = saved

    def picture(self, shapes: Container, picture: Picture) -> None:
        data = self.source.image_data(picture.image_id)
        if data is None:
            return
        with PilImage.open(io.BytesIO(data)) as opened:
            width, height = opened.size
        rect = picture.rect
        zoom = min(rect.w / max(width, 1), rect.h / max(height, 1))
        w, h = width * zoom, height * zoom
        fitted = Rect(rect.x + (rect.w - w) / 2, rect.y + (rect.h - h) / 2, w, h)
        shapes.add_picture(io.BytesIO(data), *self._place(fitted))


def flatten(segments: Iterable[tuple[tuple[float, float], ...]]) -> list[tuple[float, float]]:
    """Bézier segments as one polyline (a freeform of straight pieces, 24 to a segment)."""
    points: list[tuple[float, float]] = []
    for segment in segments:
        piece = bezier_points(segment)  # type: ignore[arg-type]
        points += piece[1:] if points else piece
    return points


def emus(rect: Rect) -> tuple[Emu, Emu, Emu, Emu]:
    """A rectangle in slide pixels as EMU (left, top, width, height)."""
    return (
        Emu(round(rect.x * PX)),
        Emu(round(rect.y * PX)),
        Emu(round(rect.w * PX)),
        Emu(round(rect.h * PX)),
    )


def frame(
    shape: Shape,
    margins: tuple[int, int, int, int],
    wrap: bool = True,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> None:
    """A text frame that neither grows nor shrinks its text: the layout sized the shape."""
    text_frame = shape.text_frame
    text_frame.word_wrap = wrap
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = anchor
    left, top, right, bottom = margins
    text_frame.margin_left, text_frame.margin_top = Emu(left), Emu(top)
    text_frame.margin_right, text_frame.margin_bottom = Emu(right), Emu(bottom)


def paragraph(
    shape: Shape,
    text: str,
    size: Pt,
    color: str = drawing.INK,
    bold: bool = False,
    spacing: Pt | None = None,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    font: str | None = FONT,
) -> None:
    """Set `text` (its lines as paragraphs) in one font, size and colour."""
    text_frame = shape.text_frame
    text_frame.text = safe_text(text)
    for each in text_frame.paragraphs:
        each.alignment = align
        if spacing is not None:
            each.line_spacing = spacing
        runs = each.runs or []
        for run in runs:
            if font:
                run.font.name = font
            run.font.size = size
            run.font.bold = bold
            run.font.color.rgb = rgb(color)[0]
        end = each._p.get_or_add_endParaRPr()
        end.set("sz", str(round(size.pt * 100)))


class DeckWriter:
    """Builds the deck of one export (the map's words at hand)."""

    def __init__(self, source: ExportSource, options: ExportOptions) -> None:
        self.source = source
        self.options = options
        self.language = source.language
        self.words = labels.labels(self.language)
        self.deck = Presentation()
        self.deck.slide_width = Emu(round(SLIDE[0] * PX))
        self.deck.slide_height = Emu(round(SLIDE[1] * PX))

    def word(self, text: str) -> str:
        return labels.word(text, self.language)

    def _slide(self, title: str, size: float = 24, top: float = MARGIN / 2) -> Slide:
        """A "Title Only" slide, its title in the top band."""
        slide: Slide = self.deck.slides.add_slide(self.deck.slide_layouts[5])
        heading = slide.shapes.title
        assert heading is not None
        band = Rect(MARGIN, top, SLIDE[0] - 2 * MARGIN, TITLE_HEIGHT * size / 24)
        heading.left, heading.top, heading.width, heading.height = emus(band)
        heading.text_frame.text = safe_text(" ".join(title.split()))
        heading.text_frame.word_wrap = True
        heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for each in heading.text_frame.paragraphs:
            each.alignment = PP_ALIGN.LEFT
            for run in each.runs:
                run.font.size = Pt(size)
                run.font.bold = True
        return slide

    # The cover

    def cover(self, map_ids: Sequence[int]) -> None:
        """The project, the date, then each map with its state, segment and persona."""
        printed = self.source.words()
        branding = self.source.branding()
        covers = [self.source.cover(map_id, self.options.date) for map_id in map_ids]
        slide = self._slide(branding.project or covers[0].title, size=36, top=2 * MARGIN)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emus(Rect(0, 0, SLIDE[0], 12)))
        paint(bar, branding.accent, None, Emu(0))
        lines: list[tuple[str, float, bool, str]] = [(covers[0].date, 18, False, drawing.MUTED)]
        for cover in covers:
            state = printed.states.get(cover.state, "")
            lines.append(("", 8, False, drawing.INK))
            lines.append((cover.title, 20, True, drawing.INK))
            about = " · ".join(part for part in (state, cover.segment) if part)
            if about:
                lines.append((about, 14, False, drawing.MUTED))
            if cover.persona is not None:
                persona = cover.persona
                age = printed.age.format(persona.age) if persona.age is not None else ""
                who = " · ".join(part for part in (persona.name, persona.role, age) if part)
                lines.append((who, 14, False, drawing.INK))
        shrink = min(1.0, 24 / max(24, len(lines)))
        box = slide.shapes.add_textbox(*emus(Rect(2 * MARGIN, 170, SLIDE[0] - 4 * MARGIN, 520)))
        frame(box, (0, 0, 0, 0))
        box.text_frame.text = "\n".join(safe_text(" ".join(text.split())) for text, *_ in lines)
        for each, (_text, size, bold, color) in zip(box.text_frame.paragraphs, lines, strict=True):
            for run in each.runs:
                run.font.size = Pt(size * shrink)
                run.font.bold = bold
                run.font.color.rgb = rgb(color)[0]
            each._p.get_or_add_endParaRPr().set("sz", str(round(size * shrink * 100)))

    # Maps

    def map_slides(self, map_id: int) -> None:
        content, laid = self.source.layout(map_id)
        parts, scale = split(laid)
        for number, part in enumerate(parts, 1):
            title = content.title
            if len(parts) > 1:
                title = self.word(PART).format(content.title, number, len(parts))
            slide = self._slide(title)
            self.map_part(slide, content, laid, part, scale)

    def map_part(
        self, slide: Slide, content: MapContent, laid: MapLayout, part: Part, scale: float
    ) -> None:
        """The part's headers, cells, curves and cards at `scale`, top-left in the area."""
        stage_names = {stage.id: stage.name for stage in content.stages}
        lane_names = {lane.id: lane.name for lane in content.lanes}
        notes = {(p.lane_id, p.stage_id): p.note for p in content.points}
        style = laid.style
        stages = [laid.stages[i] for i in part.stages]
        lanes = [laid.lanes[i] for i in part.lanes]
        corner = laid.corner
        dx = stages[0].rect.x - corner.w if stages else 0.0
        dy = lanes[0].rect.y - corner.h if lanes else 0.0
        painter = SlidePainter(self.source, scale, (AREA.x, AREA.y))
        shapes = slide.shapes
        stage_ids = {stage.id for stage in stages}
        lane_ids = {lane.id for lane in lanes}
        painter.shift = (-dx, -dy)
        for cell in laid.cells.values():
            if cell.stage_id in stage_ids and cell.lane_id in lane_ids:
                for primitive in drawing.cell_shapes(cell):
                    painter.draw(shapes, primitive)
        painter.shift = (0.0, -dy)
        for lane in lanes:
            self.header(
                painter,
                shapes,
                drawing.lane_shapes(lane),
                lane_names[lane.id],
                style.lane_size,
                style.lane_line_height,
                lane.sub_lines,
                style.kind_icon + style.note_pad if lane.icon is not None else 0.0,
            )
        painter.shift = (-dx, 0.0)
        for stage in stages:
            self.header(
                painter,
                shapes,
                drawing.stage_shapes(stage),
                stage_names[stage.id],
                style.header_size,
                style.header_line_height,
            )
        painter.shift = (0.0, 0.0)
        self.header(
            painter,
            shapes,
            drawing.corner_shapes(laid),
            content.title,
            style.lane_size,
            style.lane_line_height,
        )
        painter.shift = (-dx, -dy)
        for lane_id, curve in laid.curves.items():
            if lane_id in lane_ids and stages:
                self.curve(painter, shapes, curve, stages, stage_ids, notes, style)
        for box in laid.cards.values():
            if box.card.stage_id in stage_ids and box.card.lane_id in lane_ids:
                self.card(painter, shapes, box)

    def header(
        self,
        painter: SlidePainter,
        shapes: SlideShapes,
        primitives: list[Primitive],
        name: str,
        size: float,
        line_height: float,
        notes: Sequence[TextLine] = (),
        above: float = 0.0,
    ) -> None:
        """A stage, lane or corner header: its box holds its name; its other marks follow.

        A funnel or survey lane's run dates (`notes`) are drawn as laid out, under the
        name, and its kind's pictogram `above` it: the name is centred between them."""
        rest = [p for p in primitives if not isinstance(p, Text) or any(p.line is n for n in notes)]
        body = rest.pop(0)
        assert isinstance(body, Box)
        shape = painter.box(shapes, body.rect, body.fill, body.stroke, body.width)
        pad = STYLE.header_pad
        top = painter.size(above) if above else 0
        below = painter.size(len(notes) * STYLE.note_line_height) if notes else 0
        margins = (painter.size(pad), top, painter.size(pad - SLACK), below)
        frame(shape, margins, anchor=MSO_ANCHOR.MIDDLE)
        paragraph(shape, name, painter.points(size), drawing.INK, True, painter.points(line_height))
        for primitive in rest:
            painter.draw(shapes, primitive)

    def curve(
        self,
        painter: SlidePainter,
        shapes: SlideShapes,
        curve: CurveBox,
        stages: Sequence[Header],
        stage_ids: set[int],
        notes: dict[tuple[int, int], str],
        style: Style,
    ) -> None:
        """The zero line and the curve over the part's stages, then the faces and notes."""
        low, high = stages[0].rect.x, stages[-1].rect.right
        for primitive in drawing.curve_line_shapes(curve):
            if isinstance(primitive, Line):
                painter.polyline(
                    shapes,
                    clip(primitive.points, low, high),
                    primitive.stroke,
                    primitive.width,
                    dash=primitive.dash,
                )
            elif isinstance(primitive, Curve):
                points = clip(flatten(primitive.segments), low, high)
                painter.polyline(shapes, points, primitive.stroke, primitive.width)
        for point in curve.points:
            if point.stage_id not in stage_ids:
                continue
            with grouped(shapes):
                for primitive in icons.face(point.value, point.x, point.y, style.face_radius):
                    painter.draw(shapes, primitive)
            if point.note_box is not None:
                note = notes.get((curve.lane_id, point.stage_id), "")
                self.note(painter, shapes, point.note_box, note, style)

    def note(
        self, painter: SlidePainter, shapes: SlideShapes, rect: Rect, text: str, style: Style
    ) -> None:
        """An emotion note on its backdrop, centred as the map centres it."""
        shape = painter.box(shapes, rect, drawing.NOTE_BACKDROP, None, 0, 3)
        margin = painter.size(style.note_pad - SLACK / 2)
        frame(shape, (margin, painter.size(style.note_pad), margin, 0))
        paragraph(
            shape,
            text,
            painter.points(style.note_size),
            drawing.MUTED,
            spacing=painter.points(style.note_line_height),
            align=PP_ALIGN.CENTER,
        )

    def card(self, painter: SlidePainter, shapes: SlideShapes, box: CardBox) -> None:
        """A card as a group: its body holds its text (editable), then its marks and details."""
        style = STYLE
        saved = painter.shift
        painter.shift = (saved[0] + box.rect.x, saved[1] + box.rect.y)
        whole = Rect(0, 0, box.rect.w, box.rect.h)
        body_lines = set(map(id, box.lines))
        with grouped(shapes):
            for primitive in drawing.card_shapes(box, self.words, self.source.measure):
                if isinstance(primitive, Box) and primitive.rect == whole:
                    body = painter.box(
                        shapes,
                        whole,
                        primitive.fill,
                        primitive.stroke,
                        primitive.width,
                        primitive.radius,
                        primitive.dash,
                    )
                    top = style.card_padding + (
                        style.image_height + style.card_padding if box.image is not None else 0.0
                    )
                    left = style.strip_width + style.card_padding
                    right = style.card_padding + style.marker_space - SLACK
                    frame(body, (painter.size(left), painter.size(top), painter.size(right), 0))
                    paragraph(
                        body,
                        box.card.text,
                        painter.points(style.text_size),
                        drawing.INK,
                        spacing=painter.points(style.line_height),
                    )
                elif isinstance(primitive, Text) and id(primitive.line) in body_lines:
                    continue
                else:
                    painter.draw(shapes, primitive)
        painter.shift = saved

    # The summary

    def summary(self, contents: Sequence[MapContent]) -> None:
        """The one ranking (render/ranking) over the exported maps, as a native table."""
        slide = self._slide(self.word(TOP))
        maps = {stage.id: content.title for content in contents for stage in content.stages}
        joined = MapContent(
            title="",
            stages=tuple(stage for content in contents for stage in content.stages),
            lanes=tuple(lane for content in contents for lane in content.lanes),
            cards=tuple(card for content in contents for card in content.cards),
        )
        rows = ranking.ranked(joined, limit=TOP_ROWS)
        if not rows:
            box = slide.shapes.add_textbox(*emus(Rect(AREA.x, AREA.y, AREA.w, 60)))
            paragraph(box, self.word(NONE_RANKED), Pt(18), font=None)
            return
        width = sum(inches for _header, inches in SUMMARY_COLUMNS)
        height = min(AREA.h, 40.0 * (len(rows) + 1))
        table = slide.shapes.add_table(
            len(rows) + 1,
            len(SUMMARY_COLUMNS),
            Emu(round(AREA.x * PX)),
            Emu(round(AREA.y * PX)),
            Emu(round(width * 914_400)),
            Emu(round(height * PX)),
        ).table
        for column, (header, inches) in enumerate(SUMMARY_COLUMNS):
            table.columns[column].width = Emu(round(inches * 914_400))
            cell = table.cell(0, column)
            cell.text = self.word(header) if header != "#" else header
        for index, row in enumerate(rows, 1):
            text = row.card.text
            if len(text) > SUMMARY_TEXT_CHARS:
                text = text[: SUMMARY_TEXT_CHARS - 1].rstrip() + "…"
            values = (
                str(row.rank),
                text,
                self.word(labels.LANE_KINDS.get(row.kind, row.kind)),
                maps.get(row.card.stage_id, ""),
                row.stage,
                str(row.card.votes),
                self.importance(row),
            )
            for column, value in enumerate(values):
                table.cell(index, column).text = safe_text(value)
        for row_cells in table.rows:
            for cell in row_cells.cells:
                for each in cell.text_frame.paragraphs:
                    for run in each.runs:
                        run.font.size = Pt(12)

    def importance(self, row: ranking.Ranked) -> str:
        """A pain point's severity out of 3, an opportunity's priority in words."""
        if not row.weight:
            return ""
        if row.kind == LaneKind.PAIN_POINT.value:
            return f"{row.weight}/3"
        priority = row.card.priority or ""
        return self.words.priorities.get(priority, priority)

    # The deck

    def build(self, map_ids: Sequence[int]) -> tuple[bytes, int]:
        """The deck's bytes and its number of slides."""
        self.cover(map_ids)
        contents = []
        for map_id in map_ids:
            content, _laid = self.source.layout(map_id)
            contents.append(content)
            self.map_slides(map_id)
        self.summary(contents)
        buffer = io.BytesIO()
        self.deck.save(buffer)
        return buffer.getvalue(), len(self.deck.slides)


def render_pptx(source: ExportSource, options: ExportOptions) -> tuple[bytes, int]:
    """The deck's bytes (the cover, the chosen map or every map, the summary) and its
    number of slides."""
    return DeckWriter(source, options).build(source.map_ids(options, every=True))


def export_pptx(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> int:
    """Write the deck; returns its number of slides."""
    source = source if source is not None else ExportSource(document)
    data, slides = render_pptx(source, options)
    write_atomically(Path(path), data, document.path)
    return slides
