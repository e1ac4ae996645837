"""The History panel in the real window: a snapshot taken, undone and redone; compared
with the project after an edit, a change activated showing its card on its map; deleted
and given back by undo; saved as a project of its own and opened; a hostile snapshot
refused with a message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import make_project
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card
from journeyeditor.ui.history_panel import ChangesDialog, HistoryPanel
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.open_lock import OpenLock
from journeyeditor.ui.persona_dialog import PersonaDialog
from tests.gui.conftest import Disk

from helpers.projects import file_contents


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def texts(panel: HistoryPanel) -> list[str]:
    return [panel.list.item(row).text() for row in range(panel.list.count())]


@pytest.fixture
def panel(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> HistoryPanel:
    """The window's History panel holding one snapshot, 'Before the workshop'."""

    def named(dialog: QInputDialog) -> QDialog.DialogCode:
        assert dialog.textValue() == "Snapshot 1"  # the default name
        dialog.setTextValue("Before the workshop")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", named)
    assert window.history_panel.hint.isVisibleTo(window.history_panel)
    window.history_panel.buttons["take"].click()
    return window.history_panel


def changes_shown(dialog: ChangesDialog) -> dict[str, list[str]]:
    """Each map's heading (the rows that cannot be chosen) with the changes under it."""
    found: dict[str, list[str]] = {}
    heading = ""
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsSelectable:
            found[heading].append(item.text())
        else:
            heading = item.text()
            found[heading] = []
    return found


def test_a_snapshot_taken_is_one_undoable_step(
    window: MainWindow, panel: HistoryPanel, disk: Disk
) -> None:
    assert disk.rows("snapshot") == 1
    assert texts(panel)[0].startswith("Before the workshop — ")
    assert panel.list.currentRow() == 0
    assert not panel.hint.isVisibleTo(panel)
    window.undo_action.trigger()
    assert disk.rows("snapshot") == 0
    assert texts(panel) == []
    assert panel.hint.isVisibleTo(panel)
    assert not panel.buttons["compare"].isEnabled()
    window.redo_action.trigger()
    assert disk.rows("snapshot") == 1
    assert texts(panel)[0].startswith("Before the workshop — ")


def test_compare_lists_the_change_and_shows_its_card_on_its_map(
    window: MainWindow, panel: HistoryPanel
) -> None:
    document = doc(window)
    other_map = document.maps()[2]
    card = document.cards(other_map.id)[0]
    assert window.scene is not None and window.scene.map_id != other_map.id
    assert document.push(edits.edit_card(document, card.id, text="A new reading"))
    panel.list.setCurrentRow(0)
    panel.buttons["compare"].click()
    (dialog,) = panel.dialogs
    shown = changes_shown(dialog)
    assert list(shown) == [f"{other_map.name} (1)"]
    (change,) = shown[f"{other_map.name} (1)"]
    assert change.startswith("Rewrote “") and change.endswith("as “A new reading”")
    assert dialog.summary.text() == f"One change, in “{other_map.name}”."
    dialog.list.itemActivated.emit(dialog.list.item(1))
    assert window.scene.map_id == other_map.id
    assert window.scene.selected_cards() == [card.id]
    assert window.maps_panel.current_map() == other_map.id
    window.undo_action.trigger()
    dialog.refresh()
    assert changes_shown(dialog) == {}
    assert dialog.summary.text() == "Nothing has changed since this snapshot."
    dialog.close()
    assert panel.dialogs == []


def test_a_deleted_snapshot_comes_back_with_undo(
    window: MainWindow, panel: HistoryPanel, disk: Disk
) -> None:
    panel.list.setCurrentRow(0)
    panel.buttons["delete"].click()
    assert disk.rows("snapshot") == 0 and texts(panel) == []
    window.undo_action.trigger()
    assert disk.rows("snapshot") == 1
    assert texts(panel)[0].startswith("Before the workshop — ")


def test_a_snapshot_saved_as_a_project_opens_as_it_was(
    window: MainWindow,
    panel: HistoryPanel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = doc(window)
    card = document.cards(document.maps()[0].id)[0]
    old_text, project = card.text, document.path
    assert document.push(edits.edit_card(document, card.id, text="Changed after"))
    target = tmp_path / "saved" / "before.journey"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    panel.list.setCurrentRow(0)
    panel.buttons["save"].click()
    assert doc(window).path == target
    saved = doc(window).get(Card, card.id)
    assert saved is not None and saved.text == old_text
    assert doc(window).snapshot_list() == []  # a project of its own, without history
    with sqlite3.connect(project) as connection:
        (text,) = connection.execute("SELECT text FROM card WHERE id = ?", (card.id,)).fetchone()
    assert text == "Changed after"


def test_saving_over_the_open_project_is_refused(
    window: MainWindow, panel: HistoryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = doc(window)
    start = file_contents(document.path)
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(document.path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    panel.list.setCurrentRow(0)
    panel.buttons["save"].click()
    assert warned == [f"{document.path.name} is open in Journey Editor. Choose another file."]
    assert file_contents(document.path) == start


def test_no_file_is_written_over_one_another_window_edits(
    window: MainWindow,
    panel: HistoryPanel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another window has a project open: a snapshot saved as a project, Save As and
    New aimed at its file are each refused, and that file is left as it was (written
    whole, it would have taken the place of the file the other window edits)."""
    other = make_project(tmp_path / "other.journey")
    elsewhere = OpenLock(other)
    assert elsewhere.take()
    start, here = file_contents(other), doc(window).path
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(other), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *_a: ("Blank: Before / During / After", True)
    )
    panel.list.setCurrentRow(0)
    panel.buttons["save"].click()
    window.save_as_action.trigger()
    window.new_action.trigger()
    assert warned == ["other.journey is open in Journey Editor. Choose another file."] * 3
    assert file_contents(other) == start
    assert doc(window).path == here
    elsewhere.release()


def test_a_hostile_snapshot_is_refused_with_a_message(
    window: MainWindow, panel: HistoryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = doc(window)
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute("UPDATE snapshot SET data = ?", ("[" * 100_000,))
    document.check_external()
    start = file_contents(document.path)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    panel.list.setCurrentRow(0)
    panel.buttons["compare"].click()
    panel.buttons["save"].click()
    assert len(warned) == 2
    assert all("cannot be imported" in text and "nested" in text for text in warned)
    assert QApplication.overrideCursor() is None  # the wait cursor went with the work
    assert panel.dialogs == []
    assert file_contents(document.path) == start


def test_the_file_proposed_for_a_snapshot_is_a_name_in_the_projects_folder(
    window: MainWindow, panel: HistoryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot's name may hold what a file name cannot (a date with slashes would
    name folders): the file proposed keeps the rest, beside the project."""
    document = doc(window)
    assert document.push(edits.take_snapshot(document, "Review 1/12: final?"))
    proposed: list[Path] = []

    def save_name(*args: object) -> tuple[str, str]:
        proposed.append(Path(str(args[2])))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    panel.list.setCurrentRow(0)
    assert texts(panel)[0].startswith("Review 1/12: final? — ")
    panel.buttons["save"].click()
    assert proposed == [document.path.parent / "Review 1-12- final.journey"]


def test_a_project_open_read_only_is_compared_but_not_written(
    window: MainWindow, panel: HistoryPanel
) -> None:
    """Read-only: Take and Delete are off, Compare and Save as stay on."""
    path = doc(window).path
    window.open_path(path, read_only=True)
    assert doc(window).read_only
    panel.list.setCurrentRow(0)
    enabled = {key: button.isEnabled() for key, button in panel.buttons.items()}
    assert enabled == {"take": False, "compare": True, "save": True, "delete": False}


def test_no_file_is_written_over_one_a_read_only_window_shows(
    window: MainWindow,
    panel: HistoryPanel,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second window of this program shows a project read-only, so it left no mark
    beside the file: Save As and a snapshot saved as a project aimed at it are refused
    all the same (found by a review)."""
    other = make_project(tmp_path / "shown.journey")
    reader = MainWindow()
    qtbot.addWidget(reader)
    reader.open_path(other, read_only=True)
    reader.show()
    start = file_contents(other)
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(other), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    panel.list.setCurrentRow(0)
    panel.buttons["save"].click()
    window.save_as_action.trigger()
    assert warned == ["shown.journey is open in Journey Editor. Choose another file."] * 2
    assert file_contents(other) == start
    reader.close()


def test_two_snapshots_chosen_are_compared_with_each_other(
    window: MainWindow, panel: HistoryPanel
) -> None:
    """What changed between two moments: what came after the newer is left out."""
    document = doc(window)
    first, second = document.cards(document.maps()[0].id)[:2]
    assert document.push(edits.edit_card(document, first.id, text="Between the two"))
    assert document.push(edits.take_snapshot(document, "After the workshop"))
    assert document.push(edits.edit_card(document, second.id, text="After both"))
    panel.list.selectAll()
    enabled = {key: button.isEnabled() for key, button in panel.buttons.items()}
    assert enabled == {"take": True, "compare": True, "save": False, "delete": False}
    panel.buttons["compare"].click()
    (dialog,) = panel.dialogs
    assert dialog.windowTitle() == "Changes from “Before the workshop” to “After the workshop”"
    buttons = [button.text() for button in dialog.findChildren(QPushButton)]
    assert "&Refresh" not in buttons  # two snapshots do not change
    (changes,) = changes_shown(dialog).values()
    assert len(changes) == 1 and changes[0].endswith("as “Between the two”")
    dialog.list.itemActivated.emit(dialog.list.item(1))
    assert window.scene is not None and window.scene.selected_cards() == [first.id]
    dialog.close()


def test_a_project_no_window_shows_any_more_can_be_written_over(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A persona dialog opened on the first project outlived it, still naming it: Save
    As onto the first project, once the window shows another, was refused (found by a
    review). Only windows showing a project count, and the dialog goes once used."""
    first = doc(window).path
    monkeypatch.setattr(PersonaDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    window.personas_panel.select_persona(doc(window).personas()[0].id)
    window.personas_panel.edit_current()
    window.open_path(make_project(tmp_path / "second.journey"))
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(first), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    window.save_as_action.trigger()
    assert warned == []
    assert doc(window).path == first


def test_a_deleted_snapshot_s_number_is_not_given_again(
    window: MainWindow, panel: HistoryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def named(dialog: QInputDialog) -> QDialog.DialogCode:
        offered.append(dialog.textValue())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", named)
    panel.buttons["take"].click()  # "Snapshot 2", beside "Before the workshop"
    panel.list.setCurrentRow(1)
    panel.buttons["delete"].click()  # "Before the workshop" goes: one left
    panel.buttons["take"].click()
    assert offered == ["Snapshot 2", "Snapshot 3"]


def test_two_chosen_one_gone_compares_nothing(window: MainWindow, panel: HistoryPanel) -> None:
    """Another program deleted one of the two snapshots chosen: the other is not
    silently compared with the project now instead (found by a review)."""
    document = doc(window)
    assert document.push(edits.take_snapshot(document, "Second"))
    panel.list.selectAll()
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute("DELETE FROM snapshot WHERE name = 'Second'")
    panel.buttons["compare"].click()
    assert panel.dialogs == []


def test_the_changed_cards_are_highlighted_on_the_map_while_asked(
    window: MainWindow, panel: HistoryPanel
) -> None:
    document = doc(window)
    scene = window.scene
    assert scene is not None
    changed, kept = document.cards(scene.map_id or 0)[:2]
    assert document.push(edits.edit_card(document, changed.id, text="Rewritten"))
    panel.list.setCurrentRow(0)
    panel.buttons["compare"].click()
    (dialog,) = panel.dialogs
    assert not scene.card_items[changed.id].highlighted
    dialog.mark.setChecked(True)
    assert scene.card_items[changed.id].highlighted
    assert not scene.card_items[kept.id].highlighted
    window.find_bar.find_box.setText("no card says this")
    assert window.find_bar.count.text() == "0 matches"  # find counts its own matches
    assert scene.card_items[changed.id].highlighted
    window.find_bar.find_box.setText("")
    dialog.mark.setChecked(False)
    assert not scene.card_items[changed.id].highlighted
    dialog.mark.setChecked(True)
    dialog.close()
    assert not scene.card_items[changed.id].highlighted
    assert document.stack.count() == 2  # the edit and the snapshot: highlighting wrote nothing
