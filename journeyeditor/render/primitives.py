"""Backend-neutral drawing primitives: what a map looks like, before any painter.

The Qt painter (screen, PNG, SVG, print) and the PDF painter draw these same shapes
from the same numbers, which is what makes exports identical to the canvas.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyeditor.render.layout import Bezier, Rect, TextLine


@dataclass(frozen=True)
class Box:
    """A rectangle. A `crisp` one (the map's grid: cells, headers, corner) is drawn
    without antialiasing on pixels when upright: its one-pixel edge on a whole
    coordinate then fills one pixel column, not two at half strength."""

    rect: Rect
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    radius: float = 0.0
    dash: tuple[float, ...] = ()
    crisp: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Curve:
    """Cubic Bézier segments joined end to end (each starts where the last ended)."""

    segments: tuple[Bezier, ...]
    stroke: str | None
    width: float = 1.0
    fill: str | None = None


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    line: TextLine
    color: str = "#1d1d1f"


@dataclass(frozen=True)
class Picture:
    """An image stored in the project, fitted (aspect kept) and centred in `rect`."""

    rect: Rect
    image_id: int


@dataclass(frozen=True)
class Group:
    """Primitives drawn shifted by (dx, dy): a card's shapes are in card coordinates."""

    dx: float
    dy: float
    items: tuple[Primitive, ...]


Primitive = Box | Line | Curve | Circle | Polygon | Text | Picture | Group
