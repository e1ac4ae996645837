"""The department mark: a small rounded tag in the department's colour with its initials.

Not a stripe nor a fill, which are how lane kinds show: a department is who said it, not
what kind of card it is. Cards, the canvas legend and the cover legend all draw this one
tag, so the mark reads the same everywhere. Pure Python (no Qt, no reportlab).
"""

from __future__ import annotations

from journeyeditor.render.colors import rgba
from journeyeditor.render.layout import STYLE, Measure, Rect, TextLine
from journeyeditor.render.primitives import Box, Primitive, Text

TAG_TEXT_SIZE = 8.5
TAG_PAD = 4.0
TAG_MIN_WIDTH = 14.0
TAG_RADIUS = 3.5
"""Rounder than a square, squarer than the pills of owned channels and priorities."""
MAX_LETTERS = 3
LIGHT_TEXT = "#ffffff"
DARK_TEXT = "#1d1d1f"
LEGEND_SIZE = 11.0
LEGEND_PAD = 8.0
LEGEND_ROW = 20.0
LEGEND_GAP = 7.0


def initials(name: str) -> str:
    """Up to three letters that stand for a department's name.

    One word gives its first letters ("Support" → "SUP", "IT" → "IT"); several give one
    initial each ("Service après-vente" → "SAV"), leaving out short lowercase joining
    words ("Research and Development" → "RD") unless nothing else is left.
    """
    words = "".join(c if c.isalnum() else " " for c in name).split()
    kept = [w for w in words if not (w.islower() and len(w) <= 3)] or words
    if not kept:
        return ""
    if len(kept) == 1:
        return kept[0].upper()[:MAX_LETTERS]
    return "".join(w[0] for w in kept).upper()[:MAX_LETTERS]


def text_color(fill: str) -> str:
    """White on a dark tag, ink on a light one (perceived brightness)."""
    red, green, blue, _alpha = rgba(fill)
    return DARK_TEXT if 0.299 * red + 0.587 * green + 0.114 * blue > 160 else LIGHT_TEXT


def tag_width(name: str, measure: Measure, k: float = 1.0) -> float:
    """How wide the tag of `name` is, at scale `k` (1 on the map)."""
    text = initials(name)
    width = measure(text, TAG_TEXT_SIZE * k, True) + 2 * TAG_PAD * k if text else 0.0
    return max(TAG_MIN_WIDTH * k, width)


def tag_shapes(
    name: str, color: str | None, x: float, y: float, measure: Measure, k: float = 1.0
) -> list[Primitive]:
    """The tag with its top-left corner at (x, y), `STYLE.tag_height` × k tall."""
    fill = color or "#888888"
    height = STYLE.tag_height * k
    rect = Rect(x, y, tag_width(name, measure, k), height)
    shapes: list[Primitive] = [Box(rect, fill, "#00000033", 0.6 * k, TAG_RADIUS * k)]
    text = initials(name)
    if text:
        size = TAG_TEXT_SIZE * k
        base = y + height / 2 + size * 0.36
        shapes.append(Text(TextLine(text, x + TAG_PAD * k, base, size, True), text_color(fill)))
    return shapes


def card_tag(name: str, color: str | None, w: float, h: float, measure: Measure) -> list[Primitive]:
    """A card's tag, in its bottom-right corner: the band the layout keeps free for it."""
    x = w - STYLE.card_padding - tag_width(name, measure)
    return tag_shapes(name, color, x, h - STYLE.card_padding - STYLE.tag_height, measure)


def legend_shapes(
    title: str, departments: tuple[tuple[str, str], ...], measure: Measure, width: float
) -> tuple[list[Primitive], float, float]:
    """A framed key at (0, 0): `title`, then each department's tag and name, in rows
    that wrap before `width`; returns it with its width and height. Every name is whole."""
    entries = [(name, color, tag_width(name, measure)) for name, color in departments]
    start = measure(title, LEGEND_SIZE, True) + 2 * LEGEND_GAP
    x, row, right = LEGEND_PAD + start, 0, LEGEND_PAD + start
    places: list[tuple[float, int]] = []
    for name, _color, tag in entries:
        need = tag + 5 + measure(name, LEGEND_SIZE, False)
        if places and x + need > width - LEGEND_PAD:
            x, row = LEGEND_PAD + start, row + 1
        places.append((x, row))
        x += need + 2 * LEGEND_GAP
        right = max(right, x - 2 * LEGEND_GAP)
    box_w = right + LEGEND_PAD
    box_h = 2 * LEGEND_PAD + LEGEND_ROW * (row + 1) - (LEGEND_ROW - STYLE.tag_height)
    base = LEGEND_PAD + STYLE.tag_height / 2 + LEGEND_SIZE * 0.36
    shapes: list[Primitive] = [
        Box(Rect(0, 0, box_w, box_h), "#ffffff", "#c3c7cf", 1.0, 4),
        Text(TextLine(title, LEGEND_PAD, base, LEGEND_SIZE, True), DARK_TEXT),
    ]
    for (name, color, tag), (left, line) in zip(entries, places, strict=True):
        top = LEGEND_PAD + line * LEGEND_ROW
        shapes += tag_shapes(name, color, left, top, measure)
        text = TextLine(name, left + tag + 5, base + line * LEGEND_ROW, LEGEND_SIZE)
        shapes.append(Text(text, DARK_TEXT))
    return shapes, box_w, box_h
