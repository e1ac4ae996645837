"""Quick capture with real events: double-click an empty spot of a cell (or Enter on the
current cell), type, Enter; the chain of cards, Escape, pasting lines into a cell, and
the Workshop toolbar's department and participant on every new card."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, Qt, QTime
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from gui.keys import choose
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, Lane
from journeyeditor.render.layout import Rect
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import viewport_point

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def map_id(window: MainWindow) -> int:
    assert window.scene is not None and window.scene.map_id is not None
    return window.scene.map_id


def lane_of_kind(window: MainWindow, kind: str) -> Lane:
    return next(lane for lane in doc(window).lanes(map_id(window)) if lane.kind == kind)


def empty_spot(window: MainWindow, stage_id: int, lane_id: int) -> QPointF:
    """A point of the cell below its last card (scrolled into view)."""
    assert window.scene is not None and window.scene.layout is not None
    layout = window.scene.layout
    cell = layout.cells[(stage_id, lane_id)]
    bottom = max((layout.cards[c].rect.bottom for c in cell.card_ids), default=cell.rect.y)
    rect: Rect = cell.rect
    at = QPointF(rect.x + rect.w / 2, (bottom + rect.bottom) / 2)
    assert rect.bottom - bottom > 10, "the cell has no empty spot to click"
    window.view.ensureVisible(rect.x, at.y() - 40, rect.w, 80, 20, 20)
    return at


def click_at(window: MainWindow, qtbot: QtBot, at: QPointF) -> None:
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=viewport_point(window.view, at))


def double_click_at(window: MainWindow, qtbot: QtBot, at: QPointF) -> None:
    qtbot.mouseDClick(window.view.viewport(), LEFT, pos=viewport_point(window.view, at))


def editor(window: MainWindow) -> QPlainTextEdit | None:
    """The open inline editor, if any (closed ones are hidden, then deleted)."""
    found = [
        e
        for e in window.view.viewport().findChildren(QPlainTextEdit, "inlineEditor")
        if e.isVisible()
    ]
    assert len(found) <= 1
    return found[0] if found else None


def open_editor(window: MainWindow) -> QPlainTextEdit:
    found = editor(window)
    assert found is not None, "no inline editor is open"
    return found


def back_to_the_map(window: MainWindow, qtbot: QtBot) -> None:
    """The window active again once a combo's popup has closed (offscreen keeps the
    popup as the active window)."""
    window.activateWindow()
    qtbot.waitActive(window)


def cell_texts(window: MainWindow, stage_id: int, lane_id: int) -> list[str]:
    return [card.text for card in doc(window).cell(stage_id, lane_id)]


@pytest.fixture
def place(window: MainWindow) -> tuple[int, int]:
    """A pain point cell of the sample's second stage."""
    return doc(window).stages(map_id(window))[1].id, lane_of_kind(window, "pain_point").id


@pytest.fixture
def speaker(window: MainWindow, qtbot: QtBot) -> tuple[int, int]:
    """A participant of a department, chosen as a person would on the Workshop toolbar."""
    document = doc(window)
    department = document.departments()[1]
    document.push(edits.add_participant(document, "Awa", department.id))
    participant = document.participants()[-1]
    choose(qtbot, window.workshop_bar.participant, participant.id)
    back_to_the_map(window, qtbot)
    return department.id, participant.id


def test_double_click_type_enter_writes_one_stamped_card(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int], speaker: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    steps = document.stack.count()
    double_click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    qtbot.keyClicks(open_editor(window), "Queue at the counter")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    assert cell_texts(window, stage_id, lane_id) == [*before, "Queue at the counter"]
    card = document.cell(stage_id, lane_id)[-1]
    assert (card.department_id, card.participant_id) == speaker
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", card.created)
    assert document.stack.count() == steps + 1
    assert window.workshop is not None and window.workshop.participant_id == speaker[1]
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert editor(window) is None
    assert document.stack.count() == steps + 1
    document.undo()
    assert cell_texts(window, stage_id, lane_id) == before
    document.redo()
    redone = document.get(Card, card.id)
    assert redone is not None and redone.text == "Queue at the counter"
    assert redone.participant_id == speaker[1]


def test_enter_chains_cards_below_each_other_one_step_each(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    steps = document.stack.count()
    double_click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    for text in ("One", "Two", "Three"):
        qtbot.keyClicks(open_editor(window), text)
        qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert editor(window) is None
    assert cell_texts(window, stage_id, lane_id) == [*before, "One", "Two", "Three"]
    assert document.stack.count() == steps + 3
    document.undo()
    assert cell_texts(window, stage_id, lane_id) == [*before, "One", "Two"]
    document.undo()
    document.undo()
    assert cell_texts(window, stage_id, lane_id) == before
    for _ in range(3):
        document.redo()
    assert cell_texts(window, stage_id, lane_id) == [*before, "One", "Two", "Three"]


def test_double_click_between_cards_inserts_there_and_shift_enter_breaks_lines(
    window: MainWindow, qtbot: QtBot
) -> None:
    document = doc(window)
    stage_id, lane_id = next(
        (stage.id, lane.id)
        for lane in document.lanes(map_id(window))
        for stage in document.stages(map_id(window))
        if len(document.cell(stage.id, lane.id)) >= 2
    )
    cards = document.cell(stage_id, lane_id)
    assert window.scene is not None and window.scene.layout is not None
    first = window.scene.layout.cards[cards[0].id].rect
    second = window.scene.layout.cards[cards[1].id].rect
    gap = QPointF(first.x + first.w / 2, (first.bottom + second.y) / 2)
    window.view.ensureVisible(first.x, first.y, first.w, 100, 20, 20)
    double_click_at(window, qtbot, gap)
    qtbot.keyClicks(open_editor(window), "Upper")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(open_editor(window), "lower")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    texts = cell_texts(window, stage_id, lane_id)
    assert texts[:3] == [cards[0].text, "Upper\nlower", cards[1].text]


def test_escape_on_an_empty_new_card_leaves_nothing(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    total = len(document.cards(map_id(window)))
    steps, index = document.stack.count(), document.stack.index()
    double_click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert editor(window) is None
    assert len(document.cards(map_id(window))) == total
    assert (document.stack.count(), document.stack.index()) == (steps, index)


def test_escape_on_typed_text_keeps_the_card_and_ends_the_chain(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    steps = document.stack.count()
    double_click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    qtbot.keyClicks(open_editor(window), "Said before Esc")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert editor(window) is None
    assert cell_texts(window, stage_id, lane_id) == [*before, "Said before Esc"]
    assert document.stack.count() == steps + 1


def test_clicking_elsewhere_commits_the_typed_card(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    double_click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    qtbot.keyClicks(open_editor(window), "Left by a click")
    window.find_bar.find_box.setFocus()
    qtbot.waitUntil(lambda: editor(window) is None)
    assert cell_texts(window, stage_id, lane_id) == [*before, "Left by a click"]


def test_double_click_on_a_card_still_edits_it(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    card = document.cell(stage_id, lane_id)[0]
    total = len(document.cards(map_id(window)))
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.cards[card.id].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, rect.h, 20, 20)
    double_click_at(window, qtbot, QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))
    assert open_editor(window).toPlainText() == card.text
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert len(document.cards(map_id(window))) == total


def test_double_click_in_the_emotion_lane_types_no_card(window: MainWindow, qtbot: QtBot) -> None:
    assert window.scene is not None and window.scene.layout is not None
    stage = doc(window).stages(map_id(window))[1]
    rect = window.scene.layout.cells[(stage.id, lane_of_kind(window, "emotion").id)].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, rect.h, 20, 20)
    double_click_at(window, qtbot, QPointF(rect.x + 6, rect.bottom - 4))
    assert editor(window) is None


def test_click_makes_the_cell_current_and_enter_types_into_it(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int], speaker: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    steps = document.stack.count()
    click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    assert window.scene is not None and window.scene.current_cell == place
    assert window.scene.cell_items[place].current
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    qtbot.keyClicks(open_editor(window), "Typed from the keyboard")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert cell_texts(window, stage_id, lane_id) == [*before, "Typed from the keyboard"]
    card = document.cell(stage_id, lane_id)[-1]
    assert (card.department_id, card.participant_id) == speaker
    assert document.stack.count() == steps + 1
    assert window.view.hasFocus(), "after Escape the keys go to the map again"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.scene.current_cell is None
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert editor(window) is None


def test_lines_pasted_into_the_current_cell_make_one_card_each_in_one_step(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int], speaker: tuple[int, int]
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    before = cell_texts(window, stage_id, lane_id)
    steps = document.stack.count()
    click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    QApplication.clipboard().setText("Too many forms\n\n  Lost password \nNo phone line")
    qtbot.keyClick(window.view, Qt.Key.Key_V, CTRL)
    pasted = ["Too many forms", "Lost password", "No phone line"]
    assert cell_texts(window, stage_id, lane_id) == [*before, *pasted]
    new = document.cell(stage_id, lane_id)[len(before) :]
    assert {(c.department_id, c.participant_id) for c in new} == {speaker}
    assert all(c.created for c in new)
    assert document.stack.count() == steps + 1
    document.undo()
    assert cell_texts(window, stage_id, lane_id) == before
    document.redo()
    assert cell_texts(window, stage_id, lane_id) == [*before, *pasted]


def test_department_alone_stamps_palette_cards_too(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    department = document.departments()[0]
    choose(qtbot, window.workshop_bar.department, department.id)
    back_to_the_map(window, qtbot)
    assert window.workshop is not None and window.workshop.department_id == department.id
    stage_id, lane_id = place
    assert window.scene is not None
    assert window.scene.add_card(stage_id, lane_id, 0, {"severity": 2})
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    card = document.cell(stage_id, lane_id)[0]
    assert (card.department_id, card.participant_id, card.severity) == (department.id, None, 2)


def test_toolbar_follows_participants_added_and_undone(window: MainWindow) -> None:
    document = doc(window)
    combo = window.workshop_bar.participant
    count = combo.count()
    document.push(edits.add_participant(document, "Bram", None))
    assert combo.count() == count + 1 and combo.itemText(count) == "Bram"
    document.undo()
    assert combo.count() == count


@pytest.fixture
def in_kolkata(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time 5 h 30 ahead of UTC (Qt reads TZ afresh)."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_inspector_shows_who_wrote_a_card_and_when_in_local_time(
    window: MainWindow,
    qtbot: QtBot,
    place: tuple[int, int],
    speaker: tuple[int, int],
    in_kolkata: None,
) -> None:
    document = doc(window)
    stage_id, lane_id = place
    fields = {"text": "Stamped", "created": "2026-01-15T23:30:00Z", "participant_id": speaker[1]}
    document.push(edits.add_card(document, stage_id, lane_id, 0, **fields))
    card = document.cell(stage_id, lane_id)[0]
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.cards[card.id].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, rect.h, 20, 20)
    click_at(window, qtbot, QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))
    form = window.inspector.card_form
    assert form.isVisible() and form.created.isVisible()
    local = QDateTime(QDate(2026, 1, 16), QTime(5, 0))
    assert form.created.text() == QLocale().toString(local, QLocale.FormatType.ShortFormat)
    assert form.participant.value() == speaker[1]
    assert form.participant.currentText() == "Awa"
    steps = document.stack.count()
    choose(qtbot, form.participant, None)
    stored = document.get(Card, card.id)
    assert stored is not None and stored.participant_id is None
    assert document.stack.count() == steps + 1
    document.undo()
    assert form.participant.value() == speaker[1]


def test_arrow_keys_move_the_current_cell_past_the_emotion_lane(
    window: MainWindow, qtbot: QtBot, place: tuple[int, int]
) -> None:
    document = doc(window)
    stages = [stage.id for stage in document.stages(map_id(window))]
    lanes = [lane.id for lane in document.lanes(map_id(window)) if lane.kind != "emotion"]
    all_lanes = [lane.id for lane in document.lanes(map_id(window))]
    stage_id, lane_id = place
    click_at(window, qtbot, empty_spot(window, stage_id, lane_id))
    assert window.scene is not None
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.current_cell == (stages[2], lane_id)
    emotion = lane_of_kind(window, "emotion").id
    above = all_lanes[all_lanes.index(emotion) - 1]
    click_at(window, qtbot, empty_spot(window, stage_id, above))
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.scene.current_cell == (stage_id, lanes[lanes.index(above) + 1])
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    assert window.scene.current_cell == (stage_id, above)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    qtbot.keyClicks(open_editor(window), "Moved here")
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Return)
    qtbot.keyClick(open_editor(window), Qt.Key.Key_Escape)
    assert cell_texts(window, stage_id, above)[-1] == "Moved here"
