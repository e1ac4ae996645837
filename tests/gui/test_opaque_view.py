"""The map view's viewport is opaque: Qt fills nothing before a paint, and the view fills
only what the cells do not cover. Whatever was on screen before must never show through:
a view painted over magenta and over green gives the very same pixels, at every zoom,
after a row grew, on the sample map, a measured one and one whose lane lets light through.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels
from tests.export.measured_cases import make_measured
from tests.export.render_cases import first_map, make_project

from helpers.canvas_driver import bare_view

ZOOMS = (1.0, 0.8, 1.37, 0.5, 0.3, 0.12)
"""Close, fractional and far zooms (far: the cells draw their cards as blocks)."""


def over(view: MapView, color: str) -> QImage:
    """The viewport painted onto a picture already filled with `color` (what the screen
    held before), as Qt paints an opaque widget: no background filled first."""
    viewport = view.viewport()
    pixmap = QPixmap(viewport.size())
    pixmap.fill(QColor(color))
    viewport.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    return pixmap.toImage()


def shows_through(view: MapView) -> bool:
    return over(view, "#ff00ff") != over(view, "#00ff00")


def opened(path: Path) -> Iterator[tuple[Document, MapView]]:
    document = Document.open(path)
    scene = MapScene(document, Labels())
    scene.show_map(first_map(document))
    view = bare_view(scene, 700, 500)
    yield document, view
    view.close()
    document.close()


@pytest.fixture
def sample(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapView]]:
    yield from opened(make_project(tmp_path / "sample.journey"))


@pytest.fixture
def measured(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapView]]:
    yield from opened(make_measured(tmp_path / "measured.journey", "en"))


def looked_over(view: MapView) -> list[str]:
    """Where, at which zoom, something under the view shows through."""
    seen = []
    for zoom in ZOOMS:
        view.set_zoom(zoom)
        for x, y in ((0, 0), (400, 300), (1e6, 1e6)):  # the corner, within, the far end
            view.centerOn(x, y)
            if shows_through(view):
                seen.append(f"{zoom} at {x}, {y}")
    return seen


def test_nothing_shows_through_the_sample_map(sample: tuple[Document, MapView]) -> None:
    document, view = sample
    assert looked_over(view) == []
    scene = view.map_scene()
    assert scene.layout is not None
    lane = next(h for h in scene.layout.lanes if h.kind == "text")
    cell = next(c for (_s, lane_id), c in scene.layout.cells.items() if lane_id == lane.id)
    assert document.push(
        edits.edit_card(document, cell.card_ids[0], text="a much longer text " * 20)
    )
    assert looked_over(view) == []  # the rows below moved


def test_nothing_shows_through_a_measured_map(measured: tuple[Document, MapView]) -> None:
    assert looked_over(measured[1]) == []


def test_nothing_shows_through_a_lane_that_lets_light_through(
    sample: tuple[Document, MapView],
) -> None:
    document, view = sample
    scene = view.map_scene()
    assert scene.layout is not None
    lane = scene.layout.lanes[0]
    assert document.push(edits.edit_lane(document, lane.id, color="#ff000040"))
    assert looked_over(view) == []
