"""A card's item draws the run of shapes before its text (shadow, body, strip, evidence
mark) from a picture shared by every card that looks the same (`qt_painter.heads`).

The cards must come out exactly as drawing each one gives, at any zoom, and a card whose
look changes after it was first painted must show its new look, never another card's
shared picture. Each map is painted through a view (item caches and all) and compared
pixel for pixel with the same map painted with every card drawn shape by shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame

from journeyeditor.canvas import items
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render import qt_painter
from journeyeditor.render.drawing import Labels
from journeyeditor.store import database, interchange

TEXT, PAINS = 10, 11
EVIDENCE = ("assumption", "partial", "research")


def project(path: Path) -> Path:
    """Two lanes of three stages: cards of one, two and three lines, every evidence, a
    few with a colour of their own; many alike, as in any map. The stages are a quarter
    pixel wider than a whole number: the cards of each sit at another fraction of a
    pixel, which their shared pictures must follow."""
    cards = [
        {
            "id": n,
            "stage": 1 + n % 3,
            "lane": TEXT if n <= 24 else PAINS,
            "text": " ".join(["words of a card"] * (1 + n % 3 * 2)),
            "evidence": EVIDENCE[n % 3 if n % 4 else 0],
            **({"color": "#d8f0d8"} if n % 7 == 0 else {}),
        }
        for n in range(1, 37)
    ]
    data = {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": "Heads", "language": "en"},
        "maps": [
            {
                "id": 1,
                "name": "Looks",
                "stages": [{"id": s, "name": f"Stage {s}", "width": 240.25} for s in (1, 2, 3)],
                "lanes": [
                    {"id": TEXT, "name": "Steps", "kind": "text"},
                    {"id": PAINS, "name": "Pains", "kind": "pain_point"},
                ],
                "cards": cards,
            }
        ],
    }
    database.create_file(path, interchange.populate_from(interchange.plan_import(data, path)))
    return path


def painted(scene: MapScene, zoom: float = 1.0) -> QImage:
    """The whole map through a view at `zoom`, as a person sees it."""
    assert scene.layout is not None
    rect = QRectF(-20, -20, scene.layout.width + 40, scene.layout.height + 40)
    view = MapView(scene)
    try:
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSceneRect(rect)
        view.scale(zoom, zoom)
        view.resize(round(rect.width() * zoom), round(rect.height() * zoom))
        view.show()
        return view.viewport().grab().toImage()
    finally:
        view.setScene(None)
        view.deleteLater()


def changed_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    fmt = QImage.Format.Format_ARGB32
    a, b = a.convertToFormat(fmt), b.convertToFormat(fmt)  # kept while their bits are read
    x, y = bytes(a.constBits()), bytes(b.constBits())
    if x == y:
        return 0
    return sum(x[i : i + 4] != y[i : i + 4] for i in range(0, len(x), 4))


def drawn_one_by_one(document: Document, zoom: float, monkeypatch: pytest.MonkeyPatch) -> QImage:
    """The map as drawing every card's shapes gives (no shared pictures)."""
    with monkeypatch.context() as patch:
        patch.setattr(items, "_fills_own_cache", lambda item, painter: False)
        scene = MapScene(document, Labels())
        scene.show_map(document.maps()[0].id)
        return painted(scene, zoom)


@pytest.fixture
def document(tmp_path: Path, qapp: object) -> Iterator[Document]:
    qt_painter.heads.clear()
    opened = Document.open(project(tmp_path / "heads.journey"))
    yield opened
    opened.close()


@pytest.mark.parametrize("zoom", [1.0, 2.0, 1.37])
def test_shared_pictures_give_the_pixels_drawing_gives(
    document: Document, zoom: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100 % and 200 % the cards share pictures; at 137 % each card sits at its own
    fraction of a pixel and is drawn by itself."""
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    mine = painted(scene, zoom)
    shared = len(qt_painter.heads.images)
    assert 0 < shared < len(scene.card_items.made) if zoom.is_integer() else shared == 0
    assert changed_pixels(mine, drawn_one_by_one(document, zoom, monkeypatch)) == 0


def test_a_card_that_changes_look_after_its_first_paint_shows_its_new_look(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card turned from an assumption (dashed outline) into research, another given a
    colour, a third made a line taller: each shows its own new look on the live scene."""
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    before = painted(scene)
    assert document.push(edits.edit_card(document, 4, evidence="research"))
    assert document.push(edits.edit_card(document, 8, color="#f0d8d8"))
    assert document.push(edits.edit_card(document, 9, text="words of a card " * 4))
    after = painted(scene)
    assert changed_pixels(before, after) > 500
    assert changed_pixels(after, drawn_one_by_one(document, 1.0, monkeypatch)) == 0
