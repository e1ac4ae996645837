"""Vector icons (channels, emotion faces, severity, evidence) built from primitives.

reportlab cannot draw colour emoji, and fonts differ between machines, so every
symbol on a map is drawn from these shapes, identically by every painter.
"""

from __future__ import annotations

from journeyeditor.render.layout import Rect
from journeyeditor.render.primitives import Box, Circle, Curve, Line, Polygon, Primitive

INK = "#3a3f4b"
FACE_COLORS = {-2: "#e5484d", -1: "#f5a05a", 0: "#f2d15c", 1: "#9bd37b", 2: "#3fb27f"}
SEVERITY_COLOR = "#d64545"


def channel(kind: str | None, x: float, y: float, size: float, color: str = INK) -> list[Primitive]:
    """A small pictogram for a touchpoint's channel, in the square (x, y, size)."""
    s = size
    w = max(1.0, s / 10)

    def p(u: float, v: float) -> tuple[float, float]:
        return (x + u * s, y + v * s)

    if kind == "website":
        return [
            Box(Rect(x + 0.05 * s, y + 0.15 * s, 0.9 * s, 0.7 * s), None, color, w, 0.08 * s),
            Line((p(0.05, 0.33), p(0.95, 0.33)), color, w),
            Circle(*p(0.15, 0.24), 0.04 * s, color),
            Circle(*p(0.27, 0.24), 0.04 * s, color),
        ]
    if kind == "shop":
        return [
            Polygon((p(0.05, 0.4), p(0.15, 0.12), p(0.85, 0.12), p(0.95, 0.4)), None, color, w),
            Box(Rect(x + 0.12 * s, y + 0.4 * s, 0.76 * s, 0.5 * s), None, color, w),
            Box(Rect(x + 0.42 * s, y + 0.58 * s, 0.18 * s, 0.32 * s), color),
        ]
    if kind == "social":
        return [
            Circle(*p(0.5, 0.5), 0.42 * s, None, color, w),
            Line((p(0.38, 0.25), p(0.32, 0.75)), color, w),
            Line((p(0.66, 0.25), p(0.6, 0.75)), color, w),
            Line((p(0.22, 0.4), p(0.8, 0.4)), color, w),
            Line((p(0.2, 0.6), p(0.78, 0.6)), color, w),
        ]
    if kind == "email":
        return [
            Box(Rect(x + 0.05 * s, y + 0.2 * s, 0.9 * s, 0.6 * s), None, color, w, 0.05 * s),
            Line((p(0.05, 0.22), p(0.5, 0.55), p(0.95, 0.22)), color, w),
        ]
    if kind == "phone":
        return [
            Box(Rect(x + 0.28 * s, y + 0.05 * s, 0.44 * s, 0.9 * s), None, color, w, 0.1 * s),
            Line((p(0.42, 0.15), p(0.58, 0.15)), color, w),
            Circle(*p(0.5, 0.83), 0.05 * s, color),
        ]
    if kind == "ads":
        return [
            Polygon((p(0.1, 0.38), p(0.62, 0.15), p(0.62, 0.85), p(0.1, 0.62)), None, color, w),
            Line((p(0.75, 0.35), p(0.92, 0.25)), color, w),
            Line((p(0.75, 0.5), p(0.95, 0.5)), color, w),
            Line((p(0.75, 0.65), p(0.92, 0.75)), color, w),
            Line((p(0.25, 0.62), p(0.32, 0.9)), color, w),
        ]
    if kind == "word_of_mouth":
        return [
            Box(Rect(x + 0.05 * s, y + 0.12 * s, 0.9 * s, 0.56 * s), None, color, w, 0.2 * s),
            Polygon((p(0.25, 0.66), p(0.22, 0.9), p(0.45, 0.66)), color, color, w),
        ]
    if kind == "app":
        cells: list[Primitive] = [
            Box(
                Rect(x + (0.12 + 0.44 * i) * s, y + (0.12 + 0.44 * j) * s, 0.32 * s, 0.32 * s),
                None,
                color,
                w,
                0.08 * s,
            )
            for i in range(2)
            for j in range(2)
        ]
        return cells
    return [Circle(*p(0.5, 0.5), 0.35 * s, None, color, w), Circle(*p(0.5, 0.5), 0.1 * s, color)]


def face(value: int, cx: float, cy: float, r: float) -> list[Primitive]:
    """An emotion face: colour and mouth by value, −2 (very unhappy) to +2 (delighted)."""
    shapes: list[Primitive] = [
        Circle(cx, cy, r, FACE_COLORS.get(value, FACE_COLORS[0]), INK, max(1.0, r / 9)),
        Circle(cx - 0.35 * r, cy - 0.25 * r, 0.11 * r, INK),
        Circle(cx + 0.35 * r, cy - 0.25 * r, 0.11 * r, INK),
    ]
    left, right = (cx - 0.45 * r, cy + 0.3 * r), (cx + 0.45 * r, cy + 0.3 * r)
    bend = value * 0.2 * r
    if value == 0:
        shapes.append(Line((left, right), INK, max(1.0, r / 8)))
    else:
        c1 = (cx - 0.2 * r, cy + 0.3 * r + bend)
        c2 = (cx + 0.2 * r, cy + 0.3 * r + bend)
        shapes.append(Curve(((left, c1, c2, right),), INK, max(1.0, r / 8)))
    return shapes


def severity(level: int, x: float, y: float, size: float) -> list[Primitive]:
    """One to three filled warning triangles out of three."""
    shapes: list[Primitive] = []
    for i in range(3):
        left = x + i * size * 1.15
        triangle = ((left, y + size), (left + size / 2, y), (left + size, y + size))
        filled = i < level
        shapes.append(Polygon(triangle, SEVERITY_COLOR if filled else None, SEVERITY_COLOR, 1.0))
    return shapes


def evidence(level: str, cx: float, cy: float, r: float, color: str = INK) -> list[Primitive]:
    """Empty circle: assumption; half: partly backed; full: backed by research."""
    if level == "research":
        return [Circle(cx, cy, r, color, color, 1.0)]
    shapes: list[Primitive] = [Circle(cx, cy, r, None, color, 1.0)]
    if level == "partial":
        k = 0.5523 * r
        half = (
            ((cx, cy - r), (cx - k, cy - r), (cx - r, cy - k), (cx - r, cy)),
            ((cx - r, cy), (cx - r, cy + k), (cx - k, cy + r), (cx, cy + r)),
        )
        shapes.append(Curve(half, None, 1.0, color))
    return shapes


DOTS_DRAWN = 5


def dots(count: int, x: float, cy: float, r: float, color: str) -> list[Primitive]:
    """Vote dots, at most `DOTS_DRAWN` drawn (a card writes its count beside more)."""
    return [Circle(x + i * (2 * r + 2), cy, r, color) for i in range(min(count, DOTS_DRAWN))]


def figure_mark(kind: str, x: float, y: float, size: float, color: str) -> list[Primitive]:
    """Before a row of figures, in the square (x, y, size): ▲ up, ▼ down, = unchanged,
    and a warning triangle with "!" for too few answers."""
    s = size

    def p(u: float, v: float) -> tuple[float, float]:
        return (x + u * s, y + v * s)

    if kind == "up":
        return [Polygon((p(0, 0.9), p(0.5, 0.1), p(1, 0.9)), color)]
    if kind == "down":
        return [Polygon((p(0, 0.1), p(0.5, 0.9), p(1, 0.1)), color)]
    if kind == "same":
        w = max(1.0, s / 6)
        return [
            Line((p(0.1, 0.35), p(0.9, 0.35)), color, w),
            Line((p(0.1, 0.65), p(0.9, 0.65)), color, w),
        ]
    if kind == "warn":
        w = max(1.0, s / 8)
        return [
            Polygon((p(0, 1), p(0.5, 0), p(1, 1)), color),
            Line((p(0.5, 0.35), p(0.5, 0.68)), "#ffffff", w),
            Circle(*p(0.5, 0.84), w * 0.6, "#ffffff"),
        ]
    return []


def lane_kind(kind: str, x: float, y: float, size: float, color: str = INK) -> list[Primitive]:
    """A measurement lane's pictogram in the square (x, y, size): a funnel, a speech bubble."""
    s = size

    def p(u: float, v: float) -> tuple[float, float]:
        return (x + u * s, y + v * s)

    w = max(1.0, s / 10)
    if kind == "funnel":
        return [
            Polygon(
                (p(0.05, 0.1), p(0.95, 0.1), p(0.6, 0.55), p(0.6, 0.9), p(0.4, 0.9), p(0.4, 0.55)),
                None,
                color,
                w,
            ),
        ]
    if kind == "survey":
        return [
            Box(Rect(x + 0.05 * s, y + 0.1 * s, 0.9 * s, 0.6 * s), None, color, w, 0.12 * s),
            Polygon((p(0.25, 0.7), p(0.25, 0.92), p(0.45, 0.7)), color),
        ]
    return []
