"""What a person sees: the real MapScene, drawn as the window draws it.

Exports are compared with this, never with the export's own primitives drawn again,
so that a card the scene shows and an export leaves out (or the other way round) is
caught. Each picture comes from a fresh scene: items cache their pixels per device,
and a cache made at one offset, reused at a fractional other, would blur the test.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PIL import Image as PilImage
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFrame

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render.labels import labels
from journeyeditor.render.qt_sheets import smooth


def pillow(image: QImage) -> PilImage.Image:
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    size = (converted.width(), converted.height())
    data = bytes(converted.constBits())
    return PilImage.frombuffer("RGB", size, data, "raw", "RGB", converted.bytesPerLine(), 1)


@contextmanager
def map_scene(document: Document, map_id: int, hidden: Iterable[int] = ()) -> Iterator[MapScene]:
    """The map as the window's scene shows it, nothing selected; `hidden` cards not drawn
    (to prove that a comparison sees one card missing)."""
    scene = MapScene(document, labels(document.project().language))
    try:
        scene.show_map(map_id)
        scene.clearSelection()
        for card_id in hidden:
            scene.card_items[card_id].hide()
        yield scene
    finally:
        scene.clear()
        scene.deleteLater()


def map_size(scene: MapScene) -> tuple[float, float]:
    assert scene.layout is not None
    return scene.layout.width, scene.layout.height


def scene_image(scene: MapScene, size: tuple[int, int], target: QRectF) -> PilImage.Image:
    """A white picture of `size` pixels with the scene's map drawn into `target`."""
    width, height = map_size(scene)
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    smooth(painter)
    source = QRectF(0, 0, width, height)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return pillow(image)


def window_image(scene: MapScene, margin: float) -> PilImage.Image:
    """The window's own view at 100 %, scrolled to the map's corner less `margin`: pixels
    as a person sees them (with the view's render hints and the items' caches)."""
    width, height = map_size(scene)
    view = MapView(scene)
    try:
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSceneRect(QRectF(-margin, -margin, width + 2 * margin, height + 2 * margin))
        view.resize(round(width + 2 * margin), round(height + 2 * margin))
        view.set_zoom(1.0)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.setValue(bar.minimum())
        corner = view.mapFromScene(-margin, -margin)
        assert (corner.x(), corner.y()) == (0, 0), corner
        return pillow(view.viewport().grab().toImage())
    finally:
        view.setScene(None)
        view.deleteLater()
