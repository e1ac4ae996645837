"""After any edit the live scene looks exactly like a scene opened afresh on the file.

The scene brings only what an edit touched in line: a row that only moved keeps its
cells' items and moves them, a face of the emotion curve that did not change keeps its
shapes, a cell or header laid out as before keeps its item untouched. Each step below
is painted through a view (item caches and all) and compared, pixel for pixel, with a
new scene of the same document painted the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import reduce
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageChops
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmapCache
from PySide6.QtWidgets import QFrame

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Delete
from journeyeditor.model import EmotionPoint
from journeyeditor.render import qt_painter
from journeyeditor.render.drawing import Labels
from journeyeditor.render.primitives import Primitive
from journeyeditor.store import database, interchange
from tests.export.canvas import pillow
from tests.export.pixels import strict_mask

from helpers.canvas_driver import NONE, drag, mouse

TEXT, EMOTION, PAINS = 10, 11, 12


def project(path: Path, stages: int = 3, count: int = 15) -> Path:
    """`stages` stages; a text lane, an emotion lane with notes, a pain point lane, and
    `count` cards, three fifths of them in the text lane."""
    cards = [
        {
            "id": n,
            "stage": 1 + n % stages,
            "lane": TEXT if n <= count * 3 // 5 else PAINS,
            "text": f"card {n}",
        }
        for n in range(1, count + 1)
    ]
    data = {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": "Scene", "language": "en"},
        "maps": [
            {
                "id": 1,
                "name": "Edits",
                "stages": [{"id": s, "name": f"Stage {s}"} for s in range(1, stages + 1)],
                "lanes": [
                    {"id": TEXT, "name": "Steps", "kind": "text"},
                    {"id": EMOTION, "name": "Feelings", "kind": "emotion"},
                    {"id": PAINS, "name": "Pains", "kind": "pain_point"},
                ],
                "cards": cards,
                "emotions": [
                    {"id": s, "lane": EMOTION, "stage": s, "value": s % 5 - 2, "note": f"note {s}"}
                    for s in range(1, stages + 1)
                ],
            }
        ],
    }
    database.create_file(path, interchange.populate_from(interchange.plan_import(data, path)))
    return path


def painted(scene: MapScene) -> QImage:
    """The whole map through a view at 100 %, as a person sees it."""
    assert scene.layout is not None
    rect = QRectF(-20, -20, scene.layout.width + 40, scene.layout.height + 40)
    view = MapView(scene)
    try:
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSceneRect(rect)
        view.resize(round(rect.width()), round(rect.height()))
        view.show()
        return view.viewport().grab().toImage()
    finally:
        view.setScene(None)
        view.deleteLater()


def counted_paints(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The shape lists drawn in Python from now on (`qt_painter.paint` counted): what a
    repaint drew again rather than took from an item's cached picture."""
    drawn: list[object] = []
    paint = qt_painter.paint

    def counted(painter: QPainter, shapes: Iterable[Primitive], *rest: Any) -> None:
        drawn.append(shapes)
        paint(painter, shapes, *rest)

    monkeypatch.setattr(qt_painter, "paint", counted)
    return drawn


def assert_edit_undo_redo_as_opened(document: Document, scene: MapScene) -> None:
    """The edit just pushed, its undo and its redo each look as a fresh scene draws them."""
    assert_as_opened(document, scene)
    document.undo()
    assert_as_opened(document, scene)
    document.redo()
    assert_as_opened(document, scene)


def shown_view(scene: MapScene) -> MapView:
    view = MapView(scene)
    view.resize(1200, 900)
    view.show()
    return view


@pytest.fixture
def live(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapScene]]:
    yield from opened(project(tmp_path / "scene.journey"))


@pytest.fixture
def wide(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapScene]]:
    """Six stages: a face's new level also bends the segments beyond its neighbours,
    whose ends stay where they were (only their tangents change)."""
    yield from opened(project(tmp_path / "wide.journey", stages=6))


def opened(path: Path) -> Iterator[tuple[Document, MapScene]]:
    document = Document.open(path)
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    painted(scene)  # items made and cached before the edits
    yield document, scene
    document.close()


def assert_as_opened(document: Document, scene: MapScene) -> None:
    scene.clearSelection()
    fresh = MapScene(document, Labels())
    fresh.show_map(scene.map_id)
    mine, theirs = painted(scene), painted(fresh)
    assert mine.size() == theirs.size()
    assert mine == theirs


def test_edits_leave_the_scene_as_a_fresh_one_draws_it(
    live: tuple[Document, MapScene],
) -> None:
    document, scene = live
    assert scene.layout is not None
    tall = scene.layout.cells[(2, TEXT)].card_ids[0]
    assert document.push(edits.edit_card(document, tall, text="a much longer text " * 12))
    assert_as_opened(document, scene)  # the rows below moved, their cells kept
    moved = scene.layout.cells[(1, TEXT)].card_ids[0]
    assert document.push(edits.move_cards(document, [moved], 2, TEXT, 0))
    assert_as_opened(document, scene)
    assert document.push(edits.edit_card(document, tall, text="short"))
    assert_as_opened(document, scene)  # the rows below moved back up
    assert document.push(edits.set_emotion(document, EMOTION, 2, 2))
    assert_as_opened(document, scene)  # one face changed, the others kept
    width = scene.layout.stages[0].rect.w
    assert document.push(edits.edit_stage(document, 1, width=width + 3))
    assert_as_opened(document, scene)  # wider cards, their text wrapped as before
    for _ in range(5):
        document.undo()
        assert_as_opened(document, scene)


def test_a_face_dragged_back_to_its_level_is_drawn_as_before(
    live: tuple[Document, MapScene],
) -> None:
    document, scene = live
    item = scene.point_items[(EMOTION, 3)]
    point = item.curve.points[item.index]
    start = QPointF(point.x, point.y)
    scene.point_drag.press(item, start)
    scene.point_drag.move(start + QPointF(0, 40))
    assert scene.point_drag.value != item.value
    painted(scene)  # the face and the line drawn at the level it passed
    scene.point_drag.move(start)
    scene.point_drag.release(start)  # the drag ends where it began: nothing is written
    assert document.stack.count() == 0
    assert_as_opened(document, scene)


def changed_pixels(first: QImage, second: QImage) -> int:
    """How many pixels differ in any channel (two pictures of the same size)."""
    assert first.size() == second.size()
    a, b = (pillow(image) for image in (first, second))
    difference = ImageChops.difference(a, b)
    changed = reduce(ImageChops.lighter, difference.split())
    return a.width * a.height - changed.histogram()[0]


def test_a_face_dragged_undone_and_redone_is_drawn_as_the_file_opened_afresh(
    wide: tuple[Document, MapScene],
) -> None:
    """A face dragged one level down with the mouse in a view: the line's segments
    around it and the face itself are brought in line by the emotion point's own path
    (no row laid out again); after the drag, its undo and its redo the live scene
    paints what a full rebuild of the scene and the file opened again paint."""
    document, scene = wide
    assert scene.layout is not None
    view = MapView(scene)
    view.resize(900, 700)
    view.show()
    curve = scene.layout.curves[EMOTION]
    index = 2
    point = curve.points[index]
    step = (curve.area.h - 2 * scene.map_style.curve_padding) / 4
    view.ensureVisible(point.x, point.y, 50, 50)
    view.viewport().grab()
    before = painted(scene)
    drag(view, QPointF(point.x, point.y), QPointF(point.x, point.y + step))
    view.viewport().grab()
    assert document.stack.count() == 1
    saved = document.emotion_record(EMOTION, point.stage_id)
    assert saved is not None and saved.value == point.value - 1
    assert changed_pixels(before, painted(scene)) > 0
    for step_back in (None, document.undo, document.redo):
        if step_back is not None:
            step_back()
            view.viewport().grab()
        scene.clearSelection()
        mine = painted(scene)
        rebuilt = MapScene(document, Labels())
        rebuilt.show_map(scene.map_id)
        assert changed_pixels(mine, painted(rebuilt)) == 0
        reopened = Document.open(document.path)
        try:
            fresh = MapScene(reopened, Labels())
            fresh.show_map(scene.map_id)
            assert changed_pixels(mine, painted(fresh)) == 0
        finally:
            reopened.close()
    assert changed_pixels(before, painted(scene)) > 0  # redone: the drag shows again
    gone = EditCommand(document, "drop", [Delete(EmotionPoint, saved.id)])
    assert document.push(gone)  # a face fewer: its item is dropped
    assert_as_opened(document, scene)
    document.undo()  # a face more: its item is made
    assert_as_opened(document, scene)
    view.setScene(None)
    view.close()


def test_a_face_being_dragged_shows_its_new_level_in_the_live_view(
    wide: tuple[Document, MapScene],
) -> None:
    """While the mouse drags a face, the view shows the face of the level it passes and
    the line through it, not the cached picture of the face it had (items keep their
    pictures when they move): a repaint with every cached picture dropped draws the same."""
    document, scene = wide
    assert scene.layout is not None
    view = MapView(scene)
    view.resize(900, 700)
    view.show()
    curve = scene.layout.curves[EMOTION]
    point = curve.points[2]
    step = (curve.area.h - 2 * scene.map_style.curve_padding) / 4
    view.ensureVisible(point.x, point.y, 50, 50)
    start = QPointF(point.x, point.y)
    mouse(view, QEvent.Type.MouseButtonPress, start)
    first = view.viewport().grab().toImage()
    for end in (start + QPointF(0, step), start + QPointF(0, 2 * step)):
        mouse(view, QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton)
        shown = view.viewport().grab().toImage()
        QPixmapCache.clear()
        assert changed_pixels(shown, view.viewport().grab().toImage()) == 0
    assert changed_pixels(first, shown) > 0
    mouse(view, QEvent.Type.MouseButtonRelease, start + QPointF(0, 2 * step), buttons=NONE)
    assert document.stack.count() == 1
    view.setScene(None)
    view.close()


@pytest.fixture
def default_pixmap_cache() -> Iterator[None]:
    """Qt's pixmap cache as a new process starts with it (10 MB), put back after."""
    limit = QPixmapCache.cacheLimit()
    QPixmapCache.setCacheLimit(10240)
    yield
    QPixmapCache.setCacheLimit(max(limit, QPixmapCache.cacheLimit()))


def test_a_repaint_draws_only_what_changed(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch, default_pixmap_cache: None
) -> None:
    """Items keep their pictures: repainting an unchanged view draws nothing in Python,
    even in a window as large as a 4K screen filled with cards (more pictures than Qt's
    pixmap cache holds by default), and a card an edit moved to another cell is not
    drawn again (nor is any other card: the rows below only moved), nor is any cell, not
    even one that grew: a cell without figures is a rectangle Qt draws by itself; nor are
    the words of a lane header whose row grew (its box is a rectangle, its words move)."""
    document = Document.open(project(tmp_path / "large.journey", stages=16, count=800))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    view = MapView(scene)
    view.resize(3840, 2160)
    view.show()
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue(bar.minimum())
    view.viewport().grab()
    drawn = counted_paints(monkeypatch)
    view.viewport().grab()
    assert drawn == []
    assert scene.layout is not None
    card = scene.layout.cells[(1, TEXT)].card_ids[0]
    shown = dict(scene.card_items.made)
    lane = scene.lane_items[TEXT]
    height = lane.header.rect.h
    assert document.push(edits.move_cards(document, [card], 2, TEXT, 0))
    view.viewport().grab()
    assert lane.header.rect.h != height  # the row grew
    again = {id(item.shapes) for item in shown.values()} & {id(shapes) for shapes in drawn}
    words = {id(item.words.shapes) for item in scene.lane_items.values() if item.words}
    assert card in shown and not again and not words & {id(shapes) for shapes in drawn}
    drawn.clear()
    before = {key: item.cell.rect for key, item in scene.cell_items.items()}
    other = scene.layout.cells[(1, TEXT)].card_ids[0]
    assert document.push(edits.move_cards(document, [other], 2, PAINS, 0))
    view.viewport().grab()
    grown = [key for key, item in scene.cell_items.items() if item.cell.rect != before[key]]
    assert (2, PAINS) in grown and (1, TEXT) not in grown and drawn
    cells = {id(item.shapes) for item in scene.cell_items.values()}
    assert not cells & {id(shapes) for shapes in drawn}  # Qt fills their backgrounds
    view.close()
    document.close()


def test_a_row_that_only_moved_keeps_its_header_picture_and_moves_it(
    live: tuple[Document, MapScene], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lane headers of the rows below a row that grew are not drawn again (their
    item moves, picture and all), and after the edit, its undo and its redo the map
    looks as a fresh scene draws it."""
    document, scene = live
    assert scene.layout is not None
    view = shown_view(scene)
    view.viewport().grab()
    drawn = counted_paints(monkeypatch)
    below = [scene.lane_items[EMOTION], scene.lane_items[PAINS]]
    tops = [item.header.rect.y for item in below]
    tall = scene.layout.cells[(2, TEXT)].card_ids[0]
    assert document.push(edits.edit_card(document, tall, text="a much longer text " * 12))
    view.viewport().grab()
    assert [item.header.rect.y for item in below] != tops  # the rows moved down
    assert all(
        view.mapToScene(view.viewport().rect()).boundingRect().contains(item.sceneBoundingRect())
        for item in below
    )
    assert drawn  # the card that grew is drawn again
    assert not {id(item.shapes) for item in below} & {id(shapes) for shapes in drawn}
    view.setScene(None)
    view.deleteLater()
    monkeypatch.undo()
    assert_edit_undo_redo_as_opened(document, scene)


def test_a_row_that_grew_keeps_its_header_words_and_moves_them(
    live: tuple[Document, MapScene], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row that grew draws no lane header again: its box and accent strip are
    rectangles Qt draws, its words a picture that moves down with the centred name; the
    edit, its undo and its redo each look as a fresh scene draws them."""
    document, scene = live
    assert scene.layout is not None
    view = shown_view(scene)
    view.viewport().grab()
    drawn = counted_paints(monkeypatch)
    lane = scene.lane_items[TEXT]
    words = lane.words
    assert words is not None and words.shapes
    shapes, middle = words.shapes, words.sceneBoundingRect().center().y()
    height = lane.header.rect.h
    tall = scene.layout.cells[(2, TEXT)].card_ids[0]
    assert document.push(edits.edit_card(document, tall, text="a much longer text " * 12))
    view.viewport().grab()
    assert lane.header.rect.h > height and drawn  # the row grew, the card is drawn
    assert lane.words is words and words.shapes is shapes
    assert not any(shown is shapes for shown in drawn)
    assert words.sceneBoundingRect().center().y() > middle  # the name moved down
    view.setScene(None)
    view.deleteLater()
    monkeypatch.undo()
    assert_edit_undo_redo_as_opened(document, scene)


def test_selecting_a_card_draws_its_outline_over_its_picture_not_the_card_again(
    live: tuple[Document, MapScene], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card's selection outline is an item of its own: selecting and letting go of a
    card changes the pixels around it only, and draws no card (nor anything else) again."""
    _document, scene = live
    assert scene.layout is not None
    view = shown_view(scene)
    before = pillow(view.viewport().grab().toImage())
    drawn = counted_paints(monkeypatch)
    card = scene.layout.cells[(1, TEXT)].card_ids[0]
    scene.select_cards([card])
    selected = pillow(view.viewport().grab().toImage())
    changed = strict_mask(before, selected).getbbox()
    box = view.mapFromScene(scene.card_items[card].sceneBoundingRect()).boundingRect()
    assert changed is not None  # the outline shows
    left, top, right, bottom = changed
    assert box.left() - 2 <= left and right <= box.right() + 3
    assert box.top() - 2 <= top and bottom <= box.bottom() + 3
    scene.clearSelection()
    after = pillow(view.viewport().grab().toImage())
    assert strict_mask(before, after).getbbox() is None  # and goes
    assert drawn == []
    view.setScene(None)
    view.deleteLater()


def test_cards_shifted_by_moves_undos_and_redos_are_drawn_as_a_fresh_scene_draws_them(
    live: tuple[Document, MapScene],
) -> None:
    """A move shifts the cards after it in both cells by one; they keep their records
    (positions set in place, `MapScene._cell_changed`), and a move inside a cell changes
    no record at all: after each move, undo and redo the live scene paints what a scene
    made afresh paints, and holds the file's positions."""
    document, scene = live
    assert scene.layout is not None
    first, second = scene.layout.cells[(1, TEXT)].card_ids[:2]
    assert document.push(edits.edit_card(document, second, text="a much longer text " * 6))
    before = painted(scene)
    moves = [
        edits.move_cards(document, [first], 1, TEXT, 2),  # inside its cell, to its end
        edits.move_cards(document, [second], 2, TEXT, 0),  # to the top of the next cell
    ]
    for move in moves:
        assert document.push(move)
        assert_painted_as_fresh(document, scene)
    assert painted(scene) != before  # the moves show
    for step in (document.undo, document.undo, document.redo, document.redo):
        step()
        assert_painted_as_fresh(document, scene)


def assert_painted_as_fresh(document: Document, scene: MapScene) -> None:
    scene.clearSelection()
    fresh = MapScene(document, Labels())
    fresh.show_map(scene.map_id)
    assert changed_pixels(painted(scene), painted(fresh)) == 0
    assert {i: (c.stage_id, c.lane_id, c.position) for i, c in scene.card_data.items()} == {
        i: (c.stage_id, c.lane_id, c.position) for i, c in fresh.card_data.items()
    }


def test_a_curve_below_a_row_a_move_grew_keeps_its_pictures_and_moves(
    live: tuple[Document, MapScene],
) -> None:
    """Cards moved into the row above the emotion lane make it taller: the curve, its
    segments and its faces keep the pictures they had (their items move by the row's
    shift, `curve_moved`, `point_moved`), and after the move, its undo and its redo the
    live scene paints what a scene made afresh paints."""
    document, scene = live
    assert scene.layout is not None
    curve = scene.curve_items[EMOTION]
    faces = [item for key, item in scene.point_items.items() if key[0] == EMOTION]
    kept = [(item, item.shapes) for item in (curve, *curve.pieces, *faces)]
    drawn = [curve.drawn, *(face.drawn for face in faces)]
    top = scene.layout.curves[EMOTION].area.y
    pains = [i for i, c in scene.card_data.items() if c.lane_id == PAINS][:4]
    assert document.push(edits.move_cards(document, pains, 1, TEXT, 0))
    shift = scene.layout.curves[EMOTION].area.y - top
    assert shift > 0  # the row above grew: the curve moved down
    for step in (None, document.undo, document.redo):
        if step is not None:
            step()
        assert_painted_as_fresh(document, scene)
        now = [curve.drawn, *(face.drawn for face in faces)]
        assert all(a is b for a, b in zip(now, drawn, strict=True))
        assert all(item.shapes is shapes for item, shapes in kept)  # not drawn again
        assert scene.curve_items[EMOTION] is curve
    assert [curve.y(), *(face.y() for face in faces)] == [shift] * (1 + len(faces))
    laid = scene.layout.curves[EMOTION]
    point = laid.points[1]
    level = (laid.area.h - 2 * scene.map_style.curve_padding) / 4
    view = MapView(scene)
    view.resize(900, 700)
    view.show()
    view.ensureVisible(point.x, point.y, 50, 50)
    view.viewport().grab()
    drag(view, QPointF(point.x, point.y), QPointF(point.x, point.y - level))
    saved = document.emotion_record(EMOTION, point.stage_id)
    assert saved is not None and saved.value == point.value + 1
    assert_painted_as_fresh(document, scene)  # a moved face dragged and drawn again
    view.setScene(None)
    view.close()
