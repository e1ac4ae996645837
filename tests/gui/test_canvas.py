"""Every canvas gesture, performed with real events on the view, checked in the file,
then undone and checked again."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QNativeGestureEvent, QPointingDevice
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.canvas.mime import PaletteItem
from journeyeditor.canvas.view_filter import ViewFilter
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, EmotionPoint, Lane, Stage
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import (
    center,
    click,
    double_click,
    drag,
    drop,
    mouse,
    press,
    release,
    wheel,
)
from helpers.interface import interface_in

CTRL = Qt.KeyboardModifier.ControlModifier


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def map_id(window: MainWindow) -> int:
    assert window.scene is not None and window.scene.map_id is not None
    return window.scene.map_id


def lane_of_kind(window: MainWindow, kind: str) -> Lane:
    return next(lane for lane in doc(window).lanes(map_id(window)) if lane.kind == kind)


def cell_rect(window: MainWindow, stage_id: int, lane_id: int):
    assert window.scene is not None and window.scene.layout is not None
    return window.scene.layout.cells[(stage_id, lane_id)].rect


def card_rect(window: MainWindow, card_id: int):
    assert window.scene is not None and window.scene.layout is not None
    return window.scene.layout.cards[card_id].rect


def show(window: MainWindow, rect) -> None:
    window.view.ensureVisible(rect.x, rect.y, rect.w, min(rect.h, 300), 20, 20)


def test_palette_card_dropped_into_cell_lands_there(window: MainWindow) -> None:
    document = doc(window)
    stage = document.stages(map_id(window))[3]
    lane = lane_of_kind(window, "pain_point")
    rect = cell_rect(window, stage.id, lane.id)
    show(window, rect)
    before = [c.id for c in document.cell(stage.id, lane.id)]
    item = PaletteItem("card", "pain_point", {"severity": 2})
    at = QPointF(rect.x + rect.w / 2, rect.bottom - 5)
    assert drop(window.view, item.mime(), at)
    after = document.cell(stage.id, lane.id)
    assert len(after) == len(before) + 1
    assert after[-1].severity == 2
    document.undo()
    assert [c.id for c in document.cell(stage.id, lane.id)] == before


def test_drag_card_to_another_cell_and_undo(window: MainWindow) -> None:
    document = doc(window)
    stages = document.stages(map_id(window))
    lane = lane_of_kind(window, "text")
    card = document.cell(stages[0].id, lane.id)[0]
    source = card_rect(window, card.id)
    target = cell_rect(window, stages[1].id, lane.id)
    window.view.fit()
    drag(window.view, center(source), QPointF(target.x + target.w / 2, target.bottom - 4))
    moved = document.get(Card, card.id)
    assert moved is not None and (moved.stage_id, moved.lane_id) == (stages[1].id, lane.id)
    assert document.cell_ids(stages[1].id, lane.id)[-1] == card.id
    document.undo()
    back = document.get(Card, card.id)
    assert back is not None and (back.stage_id, back.position) == (stages[0].id, card.position)
    assert document.cell_ids(stages[0].id, lane.id)[0] == card.id


def test_drag_card_to_a_new_place_in_its_cell(window: MainWindow) -> None:
    document = doc(window)
    stage = document.stages(map_id(window))[2]
    lane = lane_of_kind(window, "touchpoint")
    order = [c.id for c in document.cell(stage.id, lane.id)]
    assert len(order) >= 2
    show(window, cell_rect(window, stage.id, lane.id))
    first = card_rect(window, order[0])
    last = card_rect(window, order[-1])
    drag(window.view, center(first), QPointF(last.x + last.w / 2, last.bottom - 2))
    assert [c.id for c in document.cell(stage.id, lane.id)] == [*order[1:], order[0]]
    document.undo()
    assert [c.id for c in document.cell(stage.id, lane.id)] == order


def test_drag_stage_header_reorders_stages(window: MainWindow) -> None:
    document = doc(window)
    window.view.fit()
    order = [s.id for s in document.stages(map_id(window))]
    assert window.scene is not None and window.scene.layout is not None
    headers = window.scene.layout.stages
    first, third = headers[0].rect, headers[2].rect
    drag(window.view, center(first), QPointF(third.right - 5, third.y + third.h / 2))
    assert [s.id for s in document.stages(map_id(window))] == [
        order[1],
        order[2],
        order[0],
        *order[3:],
    ]
    document.undo()
    assert [s.id for s in document.stages(map_id(window))] == order


def test_drag_lane_header_reorders_lanes(window: MainWindow) -> None:
    document = doc(window)
    window.view.fit()
    order = [lane.id for lane in document.lanes(map_id(window))]
    assert window.scene is not None and window.scene.layout is not None
    second = window.scene.layout.lanes[1].rect
    drag(window.view, center(second), QPointF(second.x + 40, 2))
    assert window.scene.layout is not None
    assert [lane.id for lane in document.lanes(map_id(window))] == [order[1], order[0], *order[2:]]
    document.undo()
    assert [lane.id for lane in document.lanes(map_id(window))] == order


def test_drag_stage_border_resizes_and_undo(window: MainWindow) -> None:
    document = doc(window)
    stage = document.stages(map_id(window))[0]
    stage_id, width = stage.id, stage.width
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.stages[0].rect
    edge = QPointF(rect.right - 2, rect.y + rect.h / 2)
    drag(window.view, edge, edge + QPointF(80, 0))
    resized = document.get(Stage, stage_id)
    assert resized is not None and resized.width == pytest.approx(width + 80, abs=1)
    assert window.scene.layout.stages[0].rect.w == pytest.approx(width + 80, abs=1)
    document.undo()
    restored = document.get(Stage, stage_id)
    assert restored is not None and restored.width == width


def test_drag_lane_border_resizes(window: MainWindow) -> None:
    document = doc(window)
    lane = document.lanes(map_id(window))[1]
    lane_id, height = lane.id, lane.height
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.lanes[1].rect
    edge = QPointF(rect.x + rect.w / 2, rect.bottom - 2)
    drag(window.view, edge, edge + QPointF(0, 120))
    grown = document.get(Lane, lane_id)
    assert grown is not None and grown.height == pytest.approx(rect.h + 120, abs=1)
    document.undo()
    assert document.get(Lane, lane_id).height == height  # type: ignore[union-attr]


def test_double_click_card_edits_text_in_place_as_plain_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    document = doc(window)
    card = document.cards(map_id(window))[0]
    original = card.text
    rect = card_rect(window, card.id)
    show(window, rect)
    double_click(window.view, center(rect))
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "<b>Nouveau</b> texte")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    edited = document.get(Card, card.id)
    assert edited is not None and edited.text == "<b>Nouveau</b> texte"
    assert window.scene is not None and window.scene.layout is not None
    drawn = " ".join(line.text for line in window.scene.layout.cards[card.id].lines)
    assert "<b>Nouveau</b>" in drawn
    document.undo()
    assert document.get(Card, card.id).text == original  # type: ignore[union-attr]


def test_double_click_stage_header_renames_in_place(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    stage = document.stages(map_id(window))[1]
    name = stage.name
    assert window.scene is not None and window.scene.layout is not None
    double_click(window.view, center(window.scene.layout.stages[1].rect))
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Comparaison")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.get(Stage, stage.id).name == "Comparaison"  # type: ignore[union-attr]
    document.undo()
    assert document.get(Stage, stage.id).name == name  # type: ignore[union-attr]


def test_context_menu_adds_recolours_and_deletes_stages_and_lanes(window: MainWindow) -> None:
    document = doc(window)
    assert window.scene is not None and window.scene.layout is not None
    count = len(document.stages(map_id(window)))
    header = window.scene.layout.stages[0].rect
    menu = build_menu(window.scene, center(header), window.view)
    assert menu is not None
    actions = {action.text(): action for action in menu.actions()}
    actions["Insert stage after"].trigger()
    stages = document.stages(map_id(window))
    assert len(stages) == count + 1
    new_stage = stages[1]
    lanes_kinds = [lane.kind for lane in document.lanes(map_id(window))]
    assert document.emotion_point(lane_of_kind(window, "emotion").id, new_stage.id) is not None
    assert window.scene.layout.stages[1].id == new_stage.id
    menu = build_menu(window.scene, center(window.scene.layout.stages[1].rect), window.view)
    assert menu is not None
    {a.text(): a for a in menu.actions()}["Delete stage"].trigger()
    assert len(document.stages(map_id(window))) == count
    lane_header = window.scene.layout.lanes[0].rect
    menu = build_menu(window.scene, center(lane_header), window.view)
    assert menu is not None
    below = next(a for a in menu.actions() if a.menu() is not None).menu()
    next(a for a in below.actions() if a.text() == "Metrics").trigger()
    kinds = [lane.kind for lane in document.lanes(map_id(window))]
    assert kinds == [lanes_kinds[0], "metric", *lanes_kinds[1:]]
    document.undo()
    document.undo()
    document.undo()
    assert [lane.kind for lane in document.lanes(map_id(window))] == lanes_kinds
    assert len(document.stages(map_id(window))) == count


def test_rubber_band_ctrl_click_and_delete(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    assert window.scene is not None and window.scene.layout is not None
    window.view.fit()
    stages = document.stages(map_id(window))
    lane = lane_of_kind(window, "touchpoint")
    cell = cell_rect(window, stages[0].id, lane.id)
    inside = [c.id for c in document.cell(stages[0].id, lane.id)]
    drag(window.view, QPointF(cell.x + 2, cell.y + 2), QPointF(cell.right - 2, cell.bottom - 2))
    assert sorted(window.scene.selected_cards()) == sorted(inside)
    extra = document.cell(stages[1].id, lane.id)[0].id
    click(window.view, center(card_rect(window, extra)), CTRL)
    assert set(window.scene.selected_cards()) == {*inside, extra}
    total = len(document.cards(map_id(window)))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(document.cards(map_id(window))) == total - len(inside) - 1
    document.undo()
    assert len(document.cards(map_id(window))) == total


def test_copy_paste_cards_and_plain_text_lines(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    assert window.scene is not None
    stages = document.stages(map_id(window))
    lane = lane_of_kind(window, "pain_point")
    source = document.cell(stages[0].id, lane.id)[0]
    count = len(document.cell(stages[0].id, lane.id))
    window.view.fit()
    click(window.view, center(card_rect(window, source.id)))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_V, CTRL)
    cell = document.cell(stages[0].id, lane.id)
    copy = cell[1]  # after the card copied, the cell's first
    assert (copy.text, copy.severity, copy.evidence) == (
        source.text,
        source.severity,
        source.evidence,
    )
    assert copy.id != source.id
    QApplication.clipboard().setText("Premier\nDeuxième\n\nTroisième")
    qtbot.keyClick(window.view, Qt.Key.Key_V, CTRL)
    texts = [c.text for c in document.cell(stages[0].id, lane.id)]
    assert texts[2:5] == ["Premier", "Deuxième", "Troisième"]
    document.undo()
    document.undo()
    assert len(document.cell(stages[0].id, lane.id)) == count


def test_drag_emotion_face_snaps_and_undo(window: MainWindow) -> None:
    document = doc(window)
    assert window.scene is not None and window.scene.layout is not None
    lane = lane_of_kind(window, "emotion")
    curve = window.scene.layout.curves[lane.id]
    point = curve.points[0]
    show(window, curve.area)
    top = curve.area.y + window.scene.map_style.curve_padding
    drag(window.view, QPointF(point.x, point.y), QPointF(point.x, top + 3))
    saved = document.emotion_point(lane.id, point.stage_id)
    assert saved is not None and saved.value == 2
    document.undo()
    restored = document.get(EmotionPoint, saved.id)
    assert restored is not None and restored.value == point.value


def test_zoom_with_ctrl_wheel_fit_and_pan(window: MainWindow) -> None:
    view = window.view
    at = view.mapToScene(view.viewport().rect().center())
    wheel(view, at, 2, CTRL)
    assert view.zoom() == pytest.approx(1.25**2, rel=0.01)
    wheel(view, at, -4, CTRL)
    assert view.zoom() == pytest.approx(1.25**-2, rel=0.01)
    view.zoom_actual()
    start = view.horizontalScrollBar().value()
    middle = Qt.MouseButton.MiddleButton
    centre = view.mapToScene(view.viewport().rect().center())
    drag(view, centre, centre - QPointF(200, 0), button=middle)
    assert view.horizontalScrollBar().value() > start
    view.fit()
    assert window.scene is not None and window.scene.layout is not None
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.width() >= window.scene.layout.width - 1
    assert visible.height() >= window.scene.layout.height - 1


def test_space_drag_pans(window: MainWindow, qtbot: QtBot) -> None:
    view = window.view
    view.zoom_actual()
    view.setFocus()
    start = view.verticalScrollBar().value()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    centre = view.mapToScene(view.viewport().rect().center())
    press(view, centre)
    drag(view, centre, centre - QPointF(0, 150))
    release(view, centre - QPointF(0, 150))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.verticalScrollBar().value() > start
    assert doc(window).stack.count() == 0


def test_find_highlights_and_filter_fades(window: MainWindow, qtbot: QtBot) -> None:
    assert window.scene is not None
    scene = window.scene
    window.find_bar.focus_find()
    qtbot.keyClicks(window.find_bar.find_box, "instagram")
    found = scene.matches()
    assert found and all("instagram" in scene.card_data[c].text.lower() for c in found)
    assert all(scene.card_items[c].highlighted for c in found)
    qtbot.keyClick(window.find_bar.find_box, Qt.Key.Key_Return)
    assert scene.selected_cards() == [found[0]]
    scene.set_filter(ViewFilter(evidence="research"))
    for card_id, item in scene.card_items.items():
        kept = scene.card_data[card_id].evidence == "research"
        assert item.opacity() == (1.0 if kept else pytest.approx(0.18))
    assert doc(window).stack.count() == 0


def test_palette_lane_and_stage_drops(window: MainWindow) -> None:
    document = doc(window)
    assert window.scene is not None and window.scene.layout is not None
    window.view.fit()
    lanes = document.lanes(map_id(window))
    second = window.scene.layout.lanes[1].rect
    assert drop(
        window.view,
        PaletteItem("lane", "opportunity").mime(),
        QPointF(second.x + 300, second.y + 3),
    )
    after = document.lanes(map_id(window))
    assert len(after) == len(lanes) + 1 and after[1].kind == "opportunity"
    stages = document.stages(map_id(window))
    first = window.scene.layout.stages[0].rect
    assert drop(window.view, PaletteItem("stage").mime(), QPointF(first.x + 3, first.y + 20))
    assert len(document.stages(map_id(window))) == len(stages) + 1
    document.undo()
    document.undo()
    assert [lane.id for lane in document.lanes(map_id(window))] == [lane.id for lane in lanes]


def test_every_gesture_is_saved_at_once(window: MainWindow, sample_file: Path) -> None:
    document = doc(window)
    stage = document.stages(map_id(window))[0]
    width = stage.width
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.stages[0].rect
    edge = QPointF(rect.right - 2, rect.y + rect.h / 2)
    drag(window.view, edge, edge + QPointF(50, 0))
    other = Document.open(sample_file, read_only=True)
    try:
        saved = other.get(Stage, stage.id)
        assert saved is not None and saved.width == pytest.approx(width + 50, abs=1)
    finally:
        other.close()


def test_pinch_zooms_around_the_fingers(window: MainWindow) -> None:
    view = window.view
    view.zoom_actual()
    local = QPointF(view.viewport().rect().center())
    device = QPointingDevice.primaryPointingDevice()
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        device,
        2,
        local,
        local,
        QPointF(view.viewport().mapToGlobal(local.toPoint())),
        0.5,
        QPointF(0, 0),
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.5, rel=0.01)
    assert doc(window).stack.count() == 0


def test_recolour_stage_lane_and_cards_from_the_context_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The colour dialog is modal; the colour a person would pick there is given here."""
    document = doc(window)
    assert window.scene is not None and window.scene.layout is not None
    monkeypatch.setattr("journeyeditor.canvas.context_menu.pick_color", lambda *_a: "#123456")
    stage = document.stages(map_id(window))[0]
    old_color = stage.color
    menu = build_menu(window.scene, center(window.scene.layout.stages[0].rect), window.view)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Colour…").trigger()
    assert document.get(Stage, stage.id).color == "#123456"  # type: ignore[union-attr]
    lane = document.lanes(map_id(window))[0]
    menu = build_menu(window.scene, center(window.scene.layout.lanes[0].rect), window.view)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Colour…").trigger()
    assert document.get(Lane, lane.id).color == "#123456"  # type: ignore[union-attr]
    card = document.cards(map_id(window))[0]
    menu = build_menu(window.scene, center(card_rect(window, card.id)), window.view)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Colour…").trigger()
    assert document.get(Card, card.id).color == "#123456"  # type: ignore[union-attr]
    document.undo()
    document.undo()
    document.undo()
    assert document.get(Stage, stage.id).color == old_color  # type: ignore[union-attr]


def test_far_zoom_draws_cards_as_blocks_in_their_cells_and_still_drags(
    window: MainWindow,
) -> None:
    assert window.scene is not None and window.scene.layout is not None
    scene, view = window.scene, window.view
    view.set_zoom(0.2)
    assert scene.overview
    assert not any(item.face.isVisible() for item in scene.card_items.values())
    blocks = sum(len(cell.overview) for cell in scene.cell_items.values())
    assert blocks == len(scene.card_items)
    document = doc(window)
    stages = document.stages(map_id(window))
    lane = lane_of_kind(window, "text")
    card = document.cell(stages[0].id, lane.id)[0].id
    target = cell_rect(window, stages[2].id, lane.id)
    drag(view, center(card_rect(window, card)), QPointF(target.x + 20, target.bottom - 3))
    moved = document.get(Card, card)
    assert moved is not None and moved.stage_id == stages[2].id
    view.zoom_actual()
    assert not scene.overview
    assert all(item.face.isVisible() for item in scene.card_items.values())
    assert all(not cell.overview for cell in scene.cell_items.values())


@pytest.mark.parametrize(("zoom", "extra", "drags"), [(2.0, 1, True), (0.6, -2, False)])
def test_a_drag_starts_after_the_same_distance_on_screen_at_any_zoom(
    window: MainWindow, zoom: float, extra: int, drags: bool
) -> None:
    """The platform's drag distance is in pixels: zoomed in, a hand's move just past it
    lifts the card (it is far fewer map units); zoomed out, a tremble just short of it
    does not (it is more map units than the distance)."""
    view = window.view
    scene = window.scene
    assert scene is not None
    stage = doc(window).stages(map_id(window))[1]
    card = doc(window).cell(stage.id, lane_of_kind(window, "text").id)[0]
    view.set_zoom(zoom)
    rect = card_rect(window, card.id)
    scene.bring_into_view(QRectF(rect.x, rect.y, rect.w, rect.h), 40, 40)
    QApplication.processEvents()
    grip = QPointF(rect.x + 10, rect.y + 10)
    press(view, grip)
    item = scene.card_items[card.id]
    before = item.scenePos()
    away = view.mapFromScene(grip) + QPoint(0, QApplication.startDragDistance() + extra)
    mouse(view, QEvent.Type.MouseMove, view.mapToScene(away), Qt.MouseButton.NoButton)
    assert scene.card_drag.active is drags
    assert (item.scenePos() != before) is drags
    release(view, view.mapToScene(away))
    assert doc(window).cell_ids(stage.id, card.lane_id)[0] == card.id


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", ["1 match", "5 matches", "0 matches"]),
        ("fr", ["1 résultat", "5 résultats", "0 résultat"]),
    ],
)
def test_the_find_count_is_said_in_words(
    window: MainWindow,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    counts: list[str],
) -> None:
    """'1 match(es)' read as a mistake: one match, several matches, in each language."""
    english = language == "en"  # the interface's own words: no translator to install
    with contextlib.nullcontext() if english else interface_in(qapp, language, monkeypatch):
        said = []
        for text in ("Instagram ad", "shop", "no card says this"):
            window.find_bar.find_box.setText(text)
            said.append(window.find_bar.count.text())
    assert said == counts
