"""Dot voting in the window, with real clicks: choosing who votes, starting a vote in
its dialog, clicking cards (dots drawn; a click's dot comes once the double-click
interval is over, and a double-click edits without a dot), V, taking a vote back,
sorting a cell, the ranked panel and its top-N filter."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHeaderView, QPlainTextEdit
from pytestqt.qtbot import QtBot

from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.canvas.scene import FADED
from journeyeditor.editing import edits, voting
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, LaneKind
from journeyeditor.render.ranking import ranked
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.voting_panel import StartVoteDialog

from helpers.canvas_driver import center, click, double_click

DOT = QColor("#2f6fdb")


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def shown_map(window: MainWindow) -> int:
    assert window.scene is not None and window.scene.map_id is not None
    return window.scene.map_id


def lane_id(window: MainWindow, kind: str) -> int:
    return next(lane.id for lane in doc(window).lanes(shown_map(window)) if lane.kind == kind)


def cards_of(window: MainWindow, kind: str) -> list[int]:
    lane = lane_id(window, kind)
    return [card.id for card in doc(window).cards(shown_map(window)) if card.lane_id == lane]


def votes(window: MainWindow, card_id: int) -> int:
    card = doc(window).get(Card, card_id)
    assert card is not None
    return card.votes


def add_people(window: MainWindow, *names: str) -> list[int]:
    document = doc(window)
    for name in names:
        assert document.push(edits.add_participant(document, name, None))
    return [p.id for p in document.participants()[-len(names) :]]


def choose_voter(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click a participant's row in the Vote panel."""
    table = window.voting_panel.people
    item = table.item(row, 0)
    assert item is not None
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center()
    )


def start_in_dialog(qtbot: QtBot, window: MainWindow, allowance: int = 3) -> list[int]:
    """Click "Start vote…" and confirm the dialog; return the lanes it offered checked."""
    checked: list[int] = []

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StartVoteDialog)
        checked.extend(dialog.lane_ids())
        assert dialog.allowance.value() == voting.DEFAULT_ALLOWANCE
        dialog.allowance.setValue(allowance)
        dialog.accept()

    QTimer.singleShot(0, confirm)
    qtbot.mouseClick(window.voting_panel.start_button, Qt.MouseButton.LeftButton)
    assert doc(window).open_ballot(shown_map(window)) is not None
    return checked


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the last click's dot is given or dropped (the double-click interval)."""
    qtbot.waitUntil(lambda: window.voting_panel.waiting is None, timeout=5_000)


def show_card(window: MainWindow, card_id: int) -> QPointF:
    assert window.scene is not None and window.scene.layout is not None
    rect = window.scene.layout.cards[card_id].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, rect.h, 40, 40)
    return center(rect)


def dot_pixels(window: MainWindow, card_id: int) -> int:
    """Pixels of the dots' blue inside the card as the view shows it (selection cleared,
    since the selection outline is the same blue)."""
    assert window.scene is not None and window.scene.layout is not None
    window.scene.clearSelection()
    QApplication.processEvents()
    rect = window.scene.layout.cards[card_id].rect
    top_left = window.view.mapFromScene(QPointF(rect.x, rect.y))
    bottom_right = window.view.mapFromScene(QPointF(rect.right, rect.bottom))
    image: QImage = window.view.viewport().grab(QRect(top_left, bottom_right)).toImage()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if _near(QColor(image.pixel(x, y)), DOT)
    )


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_clicking_cards_of_the_vote_gives_dots_that_show(qtbot: QtBot, window: MainWindow) -> None:
    ann, _bob = add_people(window, "Ann", "Bob")
    choose_voter(qtbot, window, 0)
    assert window.workshop is not None and window.workshop.participant_id == ann
    offered = start_in_dialog(qtbot, window, allowance=2)
    assert offered == [lane_id(window, "pain_point"), lane_id(window, "opportunity")]
    assert window.voting_panel.state.text().endswith(". 2 dots per participant.")
    pain = cards_of(window, LaneKind.PAIN_POINT.value)[0]
    assert doc(window).push(edits.edit_card(doc(window), pain, votes=0))
    at = show_card(window, pain)
    assert dot_pixels(window, pain) == 0
    click(window.view, at)
    settled(qtbot, window)
    assert votes(window, pain) == 1
    one_dot = dot_pixels(window, pain)
    assert one_dot > 0
    assert window.voting_panel.people.item(0, 1).text() == "1"  # type: ignore[union-attr]
    click(window.view, at)
    settled(qtbot, window)
    assert votes(window, pain) == 2
    assert dot_pixels(window, pain) > one_dot
    click(window.view, at)
    settled(qtbot, window)
    assert votes(window, pain) == 2
    assert "used all 2" in window.voting_panel.notice.text()
    other = cards_of(window, LaneKind.TOUCHPOINT.value)[0]
    before = votes(window, other)
    click(window.view, show_card(window, other))
    assert window.voting_panel.waiting is None
    assert votes(window, other) == before
    doc(window).undo()
    assert votes(window, pain) == 1
    assert window.voting_panel.people.item(0, 1).text() == "1"  # type: ignore[union-attr]


def test_no_voter_is_asked_for_and_v_votes_for_the_selected_card(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_people(window, "Ann")
    lanes = [lane_id(window, "pain_point")]
    assert doc(window).push(voting.open_ballot(doc(window), shown_map(window), lanes))
    window.voting_panel.refresh()
    pain = cards_of(window, LaneKind.PAIN_POINT.value)[1]
    start = votes(window, pain)
    click(window.view, show_card(window, pain))
    assert votes(window, pain) == start
    assert "Choose who is voting" in window.voting_panel.notice.text()
    choose_voter(qtbot, window, 0)
    assert window.scene is not None
    window.scene.select_cards([pain])
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V)
    assert votes(window, pain) == start + 1


def test_take_back_my_vote_from_the_card_menu(qtbot: QtBot, window: MainWindow) -> None:
    add_people(window, "Ann")
    choose_voter(qtbot, window, 0)
    start_in_dialog(qtbot, window)
    pain = cards_of(window, LaneKind.PAIN_POINT.value)[0]
    at = show_card(window, pain)
    start = votes(window, pain)
    click(window.view, at)
    settled(qtbot, window)
    assert window.scene is not None
    menu = build_menu(window.scene, at, window.view)
    assert menu is not None
    action = next(a for a in menu.actions() if a.text() == "Take back my vote")
    assert action.isEnabled()
    action.trigger()
    assert votes(window, pain) == start
    ballot = doc(window).open_ballot(shown_map(window))
    assert ballot is not None and doc(window).votes(ballot.id) == []


def test_a_double_click_on_a_voted_card_edits_it_and_leaves_no_dot(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_people(window, "Ann")
    choose_voter(qtbot, window, 0)
    start_in_dialog(qtbot, window)
    pain = cards_of(window, LaneKind.PAIN_POINT.value)[0]
    at = show_card(window, pain)
    start, steps = votes(window, pain), doc(window).stack.count()
    double_click(window.view, at)
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None and editor.isVisible()
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # past the interval: still none
    assert votes(window, pain) == start and doc(window).stack.count() == steps
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # A click still votes, as one undo step, and two quick clicks on two cards both count.
    other = cards_of(window, LaneKind.PAIN_POINT.value)[1]
    second = votes(window, other)
    click(window.view, at)
    click(window.view, show_card(window, other))
    settled(qtbot, window)
    assert (votes(window, pain), votes(window, other)) == (start + 1, second + 1)
    assert doc(window).stack.count() == steps + 2
    doc(window).undo()
    assert votes(window, other) == second


def test_sort_by_votes_from_the_cell_menu(window: MainWindow) -> None:
    document = doc(window)
    pain = cards_of(window, LaneKind.PAIN_POINT.value)[0]
    card = document.get(Card, pain)
    assert card is not None and window.scene is not None
    stage, lane = card.stage_id, card.lane_id
    for text in ("second", "third"):
        assert document.push(edits.add_card(document, stage, lane, text=text))
    order = [c.id for c in document.cell(stage, lane)]
    for card_id, count in zip(order, (0, 1, 4), strict=False):
        assert document.push(edits.edit_card(document, card_id, votes=count))
    assert window.scene.layout is not None
    cell = window.scene.layout.cells[(stage, lane)].rect
    menu = build_menu(window.scene, QPointF(cell.x + cell.w / 2, cell.bottom - 3), window.view)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Sort by votes").trigger()
    assert [c.id for c in document.cell(stage, lane)][:3] == [order[2], order[1], order[0]]


def test_ranked_panel_shows_ties_in_map_order_and_top_n_fades_the_rest(
    qtbot: QtBot, window: MainWindow
) -> None:
    document = doc(window)
    assert window.scene is not None
    pains = cards_of(window, LaneKind.PAIN_POINT.value)
    ideas = cards_of(window, LaneKind.OPPORTUNITY.value)
    everything = pains + ideas
    for card_id in everything:
        assert document.push(edits.edit_card(document, card_id, votes=0, severity=None))
    tied_late, tied_early = pains[-1], pains[0]
    assert document.push(edits.edit_cards(document, [tied_late, tied_early], votes=3))
    assert document.push(edits.edit_card(document, ideas[0], votes=5))
    window.ranked_dock.raise_()
    qtbot.waitUntil(window.ranked_panel.isVisible)
    panel = window.ranked_panel
    listed = panel.card_ids()
    assert listed[:3] == [ideas[0], tied_early, tied_late]
    ranks = [panel.table.item(row, 0).text() for row in range(3)]  # type: ignore[union-attr]
    assert ranks == ["1", "2", "2"]
    assert listed == [entry.card.id for entry in ranked(window.scene.content())]
    panel.top_only.setChecked(True)
    panel.top_count.setValue(2)
    items = window.scene.card_items
    assert items[ideas[0]].opacity() == 1.0 and items[tied_early].opacity() == 1.0
    assert items[tied_late].opacity() == FADED
    assert all(item.opacity() == FADED for i, item in items.items() if i not in listed[:2])
    assert document.push(edits.edit_card(document, tied_late, votes=4))
    assert items[tied_late].opacity() == 1.0 and items[tied_early].opacity() == FADED
    assert panel.card_ids()[:2] == [ideas[0], tied_late]
    panel.top_only.setChecked(False)
    assert all(item.opacity() == 1.0 for item in items.values())


def test_ranked_table_columns_fit_their_contents_after_a_refresh(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The table is filled with its columns' fitting off (on, each item refitted every
    column: seconds for a hundred rows); it must be back on once the rows are in."""
    window.ranked_dock.raise_()
    qtbot.waitUntil(window.ranked_panel.isVisible)
    table = window.ranked_panel.table
    window.ranked_panel.refresh()
    header = table.horizontalHeader()
    assert table.rowCount() > 0
    for column in range(table.columnCount() - 1):
        fitted = column != 1
        resize_mode = header.sectionResizeMode(column)
        assert (resize_mode == QHeaderView.ResizeMode.ResizeToContents) == fitted, column
        if fitted:
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), column


def test_one_dot_is_said_as_one(qtbot: QtBot, window: MainWindow) -> None:
    """'1 dot(s) per participant' read as a mistake."""
    start_in_dialog(qtbot, window, allowance=1)
    assert window.voting_panel.state.text().endswith(". One dot per participant.")
