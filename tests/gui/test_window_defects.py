"""Defects seen by eye in the real window: a dropped card cancelled with Escape, palette
cards on lanes of another kind, closed panels, and export dialogs that outlived their use."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import shiboken6
from conftest import make_project
from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QPlainTextEdit,
    QToolBar,
)
from pytestqt.qtbot import QtBot

from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.canvas.mime import PaletteItem
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Lane
from journeyeditor.render.layout import Rect
from journeyeditor.ui.export_dialog import ExportDialog
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import drop, viewport_point
from helpers.interface import interface_in

if TYPE_CHECKING:
    from gui.conftest import Disk

NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def lane_of_kind(window: MainWindow, kind: str) -> Lane:
    assert window.scene is not None and window.scene.map_id is not None
    return next(lane for lane in doc(window).lanes(window.scene.map_id) if lane.kind == kind)


def cell_point(
    window: MainWindow, lane_kind: str, stage_index: int = 1
) -> tuple[int, int, QPointF]:
    """A stage, a lane of `lane_kind`, and a point low in their cell, scrolled into view."""
    scene = window.scene
    assert scene is not None and scene.layout is not None and scene.map_id is not None
    stage = doc(window).stages(scene.map_id)[stage_index]
    lane = lane_of_kind(window, lane_kind)
    rect: Rect = scene.layout.cells[(stage.id, lane.id)].rect
    window.view.ensureVisible(rect.x, rect.y, rect.w, min(rect.h, 300), 20, 20)
    return stage.id, lane.id, QPointF(rect.x + rect.w / 2, rect.bottom - 5)


def inline_editor(window: MainWindow) -> QPlainTextEdit:
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None and editor.isVisible()
    return editor


# (a) Escape on a new card


def test_escape_on_a_freshly_dropped_card_leaves_neither_card_nor_step(
    window: MainWindow, disk: Disk, qtbot: QtBot
) -> None:
    document = doc(window)
    stage_id, lane_id, at = cell_point(window, "pain_point")
    cell = [c.id for c in document.cell(stage_id, lane_id)]
    rows, steps = disk.rows("card"), document.stack.count()
    assert drop(window.view, PaletteItem("card", "pain_point", {"severity": 2}).mime(), at)
    assert disk.rows("card") == rows + 1  # the card is there while its text is typed
    qtbot.keyClick(inline_editor(window), Qt.Key.Key_Escape)
    assert disk.rows("card") == rows
    assert [c.id for c in document.cell(stage_id, lane_id)] == cell
    assert (document.stack.count(), document.stack.index()) == (steps, steps)
    assert not window.redo_action.isEnabled()


def test_a_dropped_card_with_text_typed_is_kept(
    window: MainWindow, disk: Disk, qtbot: QtBot
) -> None:
    document = doc(window)
    stage_id, lane_id, at = cell_point(window, "text")
    rows = disk.rows("card")
    assert drop(window.view, PaletteItem("card", "text").mime(), at)
    editor = inline_editor(window)
    qtbot.keyClicks(editor, "Reads the reviews")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert disk.rows("card") == rows + 1
    assert document.cell(stage_id, lane_id)[-1].text == "Reads the reviews"


def test_escape_on_a_card_added_from_the_context_menu_leaves_nothing(
    window: MainWindow, disk: Disk, qtbot: QtBot
) -> None:
    document = doc(window)
    _stage, _lane, at = cell_point(window, "text")
    assert window.scene is not None
    menu = build_menu(window.scene, at, window.view)
    assert menu is not None
    rows, steps = disk.rows("card"), document.stack.count()
    add = next(a for a in menu.actions() if a.text() == "Add card here")
    add.trigger()
    assert disk.rows("card") == rows + 1
    qtbot.keyClick(inline_editor(window), Qt.Key.Key_Escape)
    assert disk.rows("card") == rows
    assert (document.stack.count(), document.stack.index()) == (steps, steps)


def test_escape_on_an_existing_card_keeps_it(window: MainWindow, disk: Disk, qtbot: QtBot) -> None:
    document = doc(window)
    stage_id, lane_id, _at = cell_point(window, "text")
    card = document.cell(stage_id, lane_id)[0]
    assert window.scene is not None
    window.scene.edit_card(card.id)
    editor = inline_editor(window)
    qtbot.keyClicks(editor, "Not kept")
    rows, steps = disk.rows("card"), document.stack.count()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert disk.rows("card") == rows and document.stack.count() == steps
    assert disk.value("card", "text", card.id) == card.text


# (b) A card of a kind lands only on a lane of its kind


def drag_over(window: MainWindow, item: PaletteItem, at: QPointF) -> bool:
    """Enter and move over the view with a palette drag; True if the view would take it."""
    local = viewport_point(window.view, at)
    data = item.mime()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(local, actions, data, NO_BUTTON, NO_MODIFIER)
    QApplication.sendEvent(window.view.viewport(), enter)
    move = QDragMoveEvent(local, actions, data, NO_BUTTON, NO_MODIFIER)
    QApplication.sendEvent(window.view.viewport(), move)
    return move.isAccepted()


def test_a_pain_point_is_refused_on_a_touchpoint_lane_and_says_where_it_goes(
    window: MainWindow,
) -> None:
    document = doc(window)
    assert window.scene is not None
    stage_id, lane_id, at = cell_point(window, "touchpoint")
    pain = PaletteItem("card", "pain_point", {"severity": 2})
    cell, steps = [c.id for c in document.cell(stage_id, lane_id)], document.stack.count()
    assert not drag_over(window, pain, at)
    assert not window.scene.guide.isVisible()
    assert "Pain points" in window.statusBar().currentMessage()
    assert not drop(window.view, pain.mime(), at)
    assert [c.id for c in document.cell(stage_id, lane_id)] == cell
    assert document.stack.count() == steps


def test_each_palette_card_lands_on_its_own_lane_kind(window: MainWindow, qtbot: QtBot) -> None:
    assert window.scene is not None
    for kind in ("touchpoint", "pain_point", "opportunity", "metric"):
        _stage, _lane, at = cell_point(window, kind)
        assert drag_over(window, PaletteItem("card", kind), at), kind
        assert window.scene.guide.isVisible()
        others = {"touchpoint", "pain_point", "opportunity", "metric", "emotion"} - {kind}
        for other in sorted(others):
            _stage, _lane, elsewhere = cell_point(window, other)
            assert not drag_over(window, PaletteItem("card", kind), elsewhere), (kind, other)


def test_a_plain_card_goes_anywhere_but_the_emotion_lane(window: MainWindow) -> None:
    assert window.scene is not None
    note = PaletteItem("card", "text")
    for kind in ("text", "touchpoint", "pain_point", "opportunity", "metric"):
        _stage, _lane, at = cell_point(window, kind)
        assert drag_over(window, note, at), kind
    _stage, _lane, at = cell_point(window, "emotion")
    assert not drag_over(window, note, at)
    assert "emotion" in window.statusBar().currentMessage()


# (c) Every panel can come back from the View menu


def test_the_view_menu_brings_back_every_closed_panel(window: MainWindow, qtbot: QtBot) -> None:
    view_actions = window.view_menu.actions()
    panels = [*window.findChildren(QDockWidget), *window.findChildren(QToolBar)]
    assert window.inspector_dock in panels
    for panel in panels:
        action = panel.toggleViewAction()
        assert action in view_actions, panel.windowTitle()
        panel.close() if isinstance(panel, QDockWidget) else panel.hide()
        assert not panel.isVisible()
        action.trigger()
        qtbot.waitUntil(panel.isVisible)


# (d) Export and print dialogs are deleted on close and listen only while shown


def listeners(document: Document) -> int:
    return document.receivers(SIGNAL("projectChanged()"))


def deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_export_dialog_is_gone_once_closed(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    before = listeners(document)
    seen: list[ExportDialog] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, close_it)
            return
        seen.append(dialog)
        assert listeners(document) > before  # shown: it follows the branding
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        qtbot.mouseClick(
            box.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton
        )

    for _ in range(2):
        QTimer.singleShot(0, close_it)
        window.export()
        deleted_later()
    assert len(seen) == 2
    assert not any(shiboken6.isValid(dialog) for dialog in seen)
    assert window.findChildren(ExportDialog) == []
    assert listeners(document) == before
    assert document.push(edits.edit_project(document, accent_color="#123456"))


def test_print_leaves_no_dialog_behind(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    before = listeners(document)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    window.print_map()
    deleted_later()
    assert window.findChildren(ExportDialog) == []
    assert listeners(document) == before


def test_a_hidden_export_dialog_does_not_redraw_on_edits(window: MainWindow, qtbot: QtBot) -> None:
    document = doc(window)
    assert window.scene is not None
    before = listeners(document)
    dialog = ExportDialog(document, window.scene.map_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    document.push(edits.edit_project(document, accent_color="#123456"))
    assert dialog._timer.isActive()  # a redraw is on its way
    dialog._timer.stop()
    dialog.hide()
    assert listeners(document) == before
    document.push(edits.edit_project(document, accent_color="#654321"))
    assert not dialog._timer.isActive()
    dialog.show()  # shown again: it catches up and listens again
    swatch = dialog.branding.accent_button.icon().pixmap(14, 14).toImage().pixelColor(7, 7)
    assert swatch.name() == "#654321"
    document.push(edits.edit_project(document, accent_color="#abcdef"))
    assert dialog._timer.isActive()
    dialog.close()


@pytest.mark.parametrize(("project", "interface"), [("en", "fr"), ("fr", "en")])
def test_new_from_a_template_follows_the_interface_language(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    project: str,
    interface: str,
) -> None:
    """File › New makes the template in the interface's language, as `journeyeditor new`
    does, whatever the language of the project open beside it."""
    opened = make_project(tmp_path / "open.journey", language=project)
    made = tmp_path / "made.journey"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(made), ""))
    with contextlib.ExitStack() as stack:
        if interface != "en":
            stack.enter_context(interface_in(qapp, interface, monkeypatch))
        main = MainWindow()
        qtbot.addWidget(main)
        main.open_path(opened)
        sample = main.template_names()["sample"]
        monkeypatch.setattr(QInputDialog, "getItem", lambda *_args: (sample, True))
        main.new_project()
        main.close()
    connection = sqlite3.connect(made)
    try:
        assert connection.execute("SELECT language FROM project").fetchone() == (interface,)
    finally:
        connection.close()


def test_another_project_opened_in_the_window_shows_its_first_map(
    window: MainWindow, tmp_path: Path
) -> None:
    """Every project's first map is map 1: the window kept 'map 1 is current' from the
    project before, told the new map view nothing, and showed no map at all."""
    other = make_project(tmp_path / "other.journey")
    assert window.scene is not None and window.scene.map_id is not None
    window.open_or_warn(other)
    assert window.document is not None and window.document.path == other
    first = window.document.maps()[0].id
    assert window.scene.map_id == first
    assert window.maps_panel.current_map() == first
    assert window.scene.layout is not None and window.scene.layout.cards
