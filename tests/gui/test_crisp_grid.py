"""The map's grid is drawn crisp: a one-pixel edge of a cell, header or corner on a whole
coordinate fills one pixel column in the line's colour, not two at half strength, on
screen and in the PNG alike; any other shape keeps its antialiasing, and vector
painters are left as they were."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render import qt_painter
from journeyeditor.render.drawing import GRID, Labels
from journeyeditor.render.layout import Rect
from journeyeditor.render.primitives import Box
from tests.gui.test_scene_edits import TEXT, project

from helpers.canvas_driver import bare_view

Pixel = tuple[int, int, int]


def rgb(color: str) -> Pixel:
    qcolor = QColor(color)
    return qcolor.red(), qcolor.green(), qcolor.blue()


def pixels(image: QImage, points: list[tuple[int, int]]) -> list[Pixel]:
    return [rgb(image.pixelColor(x, y).name()) for x, y in points]


@pytest.fixture
def scene(tmp_path: Path, qapp: object) -> Iterator[MapScene]:
    document = Document.open(project(tmp_path / "grid.journey"))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    yield scene
    document.close()


def grabbed(scene: MapScene, zoom: float) -> tuple[MapView, QImage]:
    view = bare_view(scene, 900, 700)
    view.set_zoom(zoom)
    view.centerOn(0, 0)
    return view, view.viewport().grab().toImage()


@pytest.mark.parametrize("zoom", [1.0, 1.5, 0.8])
def test_a_cell_edge_on_screen_is_whole_pixels_of_the_line_never_a_blend(
    scene: MapScene, zoom: float
) -> None:
    assert scene.layout is not None
    left = scene.layout.cells[(1, TEXT)]
    right = scene.layout.cells[(2, TEXT)]
    assert left.rect.right == right.rect.x and left.color == right.color
    view, image = grabbed(scene, zoom)
    try:
        middle = left.rect.y + 20
        at = view.mapFromScene(right.rect.x, middle)
        across = pixels(image, [(at.x() + dx, at.y()) for dx in range(-3, 4)])
        line = [pixel for pixel in across if pixel != rgb(left.color)]
        if zoom <= 1:
            assert len(line) == 1, across  # thinner than a pixel: one pixel, fainter
        if zoom >= 1:
            assert line and set(line) == {rgb(GRID)}, across
    finally:
        view.close()


def boxes_painted(crisp: bool, scale: float = 1.0) -> QImage:
    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    qt_painter.paint(painter, [Box(Rect(10, 10, 16, 16), "#ffffff", GRID, 1.0, crisp=crisp)])
    assert painter.testRenderHint(QPainter.RenderHint.Antialiasing)  # put back after
    painter.end()
    return image


def test_a_crisp_box_fills_one_pixel_column_and_a_plain_one_two() -> None:
    row = [(x, 18) for x in range(7, 14)]
    crisp = pixels(boxes_painted(True), row)
    assert crisp.count(rgb(GRID)) == 1 and set(crisp) == {rgb(GRID), rgb("#ffffff")}
    plain = pixels(boxes_painted(False), row)
    line = [pixel for pixel in plain if pixel != rgb("#ffffff")]
    assert len(line) == 2 and rgb(GRID) not in line  # two columns at half strength
    scaled = pixels(boxes_painted(True, 0.625), [(x, 10) for x in range(3, 10)])
    assert len([pixel for pixel in scaled if pixel != rgb("#ffffff")]) == 1  # fainter


def test_vector_and_turned_painters_keep_their_antialiasing(qapp: object) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setViewBox(QRectF(0, 0, 40, 40))
    svg = QPainter(generator)
    svg.setRenderHint(QPainter.RenderHint.Antialiasing)
    assert not qt_painter.go_crisp(svg)
    assert svg.testRenderHint(QPainter.RenderHint.Antialiasing)
    svg.end()
    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    turned = QPainter(image)
    turned.setRenderHint(QPainter.RenderHint.Antialiasing)
    turned.rotate(10)
    assert not qt_painter.go_crisp(turned)
    assert turned.testRenderHint(QPainter.RenderHint.Antialiasing)
    turned.end()
