"""What the window shows after scrolling is what a whole repaint shows, at any zoom: at
70 % a card just below the pinned stage headers was drawn a pixel off its neighbours,
which Qt had moved instead of painting again. The picture Qt keeps for the window (its
backing store, grabbed from the screen) is compared pixel for pixel with a whole
repaint after each scroll step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from bench.projects import make_project
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels

from helpers.canvas_driver import bare_view


def on_screen(view: MapView) -> QImage:
    """What the window shows now: the pending repaints done, the picture Qt keeps."""
    QApplication.processEvents()
    return view.screen().grabWindow(view.winId()).toImage()


@pytest.fixture
def view(tmp_path: Path, qapp: object) -> Iterator[MapView]:
    document = Document.open(make_project(tmp_path / "scroll.journey", 2000))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    shown = bare_view(scene, 1200, 900)
    yield shown
    shown.close()
    document.close()


@pytest.mark.parametrize("zoom", [0.7, 1.0, 1.25**2])
def test_the_window_after_each_scroll_step_is_a_whole_repaint(view: MapView, zoom: float) -> None:
    view.set_zoom(zoom)
    view.centerOn(0.0, 0.0)
    on_screen(view)
    bar = view.verticalScrollBar()
    for step in range(12):
        bar.setValue(bar.value() + 40)
        kept = on_screen(view)
        view.viewport().update()
        whole = on_screen(view)
        assert kept == whole, f"step {step}: the kept picture differs from a whole repaint"
