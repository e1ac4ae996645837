"""The department legend on the canvas: a key to the tags, above the map's header row.

It sits in the scene above the map (never over it) and lists only the departments the
map's cards name, in the project's order; a view setting, so not in exports (whose
covers carry their own legend, render/cover.py).
"""

from __future__ import annotations

from journeyeditor.canvas.items import Z_HEADER, ShapesItem
from journeyeditor.render.departments import legend_shapes
from journeyeditor.render.layout import CardIn, Measure

GAP = 12.0
"""Between the legend and the map's top edge."""
MIN_WIDTH = 480.0


def map_departments(
    cards: list[CardIn], departments: dict[int, tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """(name, colour) of the departments `cards` name, in the order of `departments`."""
    used = {card.department_id for card in cards}
    return tuple(entry for dep_id, entry in departments.items() if dep_id in used)


class LegendItem(ShapesItem):
    """Shapes of `render.departments.legend_shapes`, placed above the map."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_HEADER)
        self.setVisible(False)
        self.entries: tuple[tuple[str, str], ...] = ()

    def place(
        self,
        shown: bool,
        title: str,
        entries: tuple[tuple[str, str], ...],
        map_width: float,
        measure: Measure,
    ) -> float:
        """Show the key (when `shown` and there is something to list) above a map
        `map_width` wide; returns the height it takes above the map, 0 when hidden."""
        self.entries = entries if shown else ()
        self.setVisible(bool(self.entries))
        if not self.entries:
            self.setRect(0, 0, 0, 0)
            return 0.0
        shapes, width, height = legend_shapes(
            title, self.entries, measure, max(map_width, MIN_WIDTH)
        )
        self.shapes = shapes
        self.setRect(0, 0, width, height)
        self.setPos(0, -height - GAP)
        self.update()
        return height + GAP
