"""A map framed to stand alone as a PNG or SVG: title block, date, persona line, legend.

Pure geometry in map pixels, y down, like the map itself. The painter draws the frame's
shapes, then the map shifted by (`map_x`, `map_y`), so the map part is drawn exactly as
without a frame. The legend is the cover's (`cover.legend`), given all the height it asks
for so that nothing is left out; it goes beside the map or below it, whichever keeps the
whole picture less elongated (a wide map gets it below, a tall one beside).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeyeditor.render import drawing
from journeyeditor.render.cover import CoverIn, legend
from journeyeditor.render.layout import Measure, Rect, TextLine, wrap
from journeyeditor.render.primitives import Box, Picture, Primitive, Text
from journeyeditor.render.sheets import Branding, PrintWords

K = 1.2
"""The legend's sizes against the cover's (points on A4): its words as large as card text."""
GAP = 32.0
"""Between the title block, the map and the legend."""
BAR = 6.0
"""The accent bar along the top."""
LOGO = (200.0, 64.0)
"""The box a logo is fitted in, at the title block's right."""
LEGEND_BESIDE = 360.0
"""Width of the legend beside a map."""
LEGEND_BELOW = 1200.0
"""Widest legend below a map: its columns stay close together under a very wide map."""
MIN_WIDTH = 560.0
"""A framed picture is at least this wide, so that a title has room beside a logo."""
UNBOUNDED = 1e9
"""The legend's room downwards: it takes what it needs."""
TITLE, LINE, PROJECT = 28.0, 14.0, 13.0
"""Text sizes: map name, the state and persona lines, project name."""


@dataclass(frozen=True)
class Framed:
    """A framed map: its size, where the map goes in it, and the frame's shapes."""

    width: float
    height: float
    map_x: int
    map_y: int
    shapes: tuple[Primitive, ...]


def _lines(
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    measure: Measure,
    bold: bool = False,
    color: str = drawing.INK,
) -> tuple[list[Primitive], float]:
    """`text` wrapped to `width` below `y`, every line of it; and the y under the last."""
    shapes: list[Primitive] = []
    for line in wrap(text, width, size, measure, bold) if text else []:
        shapes.append(Text(TextLine(line, x, y + size, size, bold), color))
        y += round(size * 1.3)
    return shapes, y


def _logo(branding: Branding, right: float, top: float) -> Picture | None:
    if branding.logo is None:
        return None
    w, h = LOGO
    ratio = branding.logo_ratio if branding.logo_ratio > 0 else 1.0
    w = min(w, h * ratio)
    h = w / ratio
    return Picture(Rect(right - w, top, w, h), branding.logo)


def title_block(
    cover: CoverIn, branding: Branding, words: PrintWords, width: float, measure: Measure
) -> tuple[list[Primitive], float]:
    """Accent bar, project, map name, state and date, persona; returns them and their height."""
    top = BAR + 14.0
    shapes: list[Primitive] = [Box(Rect(0, 0, width, BAR), branding.accent)]
    logo = _logo(branding, width, top)
    text_width = width - (logo.rect.w + 24.0 if logo is not None else 0.0)
    reached = top
    if logo is not None:
        shapes.append(logo)
        reached = logo.rect.bottom
    y = top
    state = words.states.get(cover.state, "")
    persona = cover.persona
    who = [persona.name, persona.role] if persona is not None else []
    rows = [
        (branding.project, PROJECT, False, drawing.MUTED),
        (cover.title, TITLE, True, drawing.INK),
        (" · ".join(p for p in (state, cover.date) if p), LINE, False, branding.accent),
        (" · ".join(p for p in (*who, cover.segment) if p), LINE, False, drawing.INK),
    ]
    for text, size, bold, color in rows:
        drawn, y = _lines(text, 0, y, text_width, size, measure, bold, color)
        shapes += drawn
        y += 4.0 if drawn else 0.0
    bottom = max(y, reached) + 12.0
    shapes.append(Box(Rect(0, bottom, width, 1), drawing.GRID))
    return shapes, bottom + 1


def _arranged(
    map_width: float,
    map_height: float,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
    beside: bool,
) -> Framed:
    legend_x = math.ceil(map_width + GAP)
    width = max(MIN_WIDTH, legend_x + LEGEND_BESIDE if beside else map_width)
    shapes, title_height = title_block(cover, branding, words, width, measure)
    map_y = math.ceil(title_height + GAP)
    if beside:
        area = Rect(legend_x, map_y, LEGEND_BESIDE, UNBOUNDED)
    else:
        area = Rect(0, map_y + map_height + GAP, min(width, LEGEND_BELOW), UNBOUNDED)
    drawn, legend_height = legend(cover, area, words, K, measure)
    shapes += drawn
    bottom = map_y + map_height
    if drawn:
        bottom = max(bottom, area.y + legend_height)
    return Framed(width, bottom, 0, map_y, tuple(shapes))


def _elongation(framed: Framed) -> float:
    return max(framed.width / framed.height, framed.height / framed.width)


def frame_map(
    map_width: float,
    map_height: float,
    cover: CoverIn,
    branding: Branding,
    words: PrintWords,
    measure: Measure,
) -> Framed:
    """The frame around a map of this size, the legend where the picture stays squarest."""
    options = [
        _arranged(map_width, map_height, cover, branding, words, measure, beside)
        for beside in (False, True)
    ]
    return min(options, key=_elongation)
