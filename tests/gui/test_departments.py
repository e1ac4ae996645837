"""The departments panel: every action by real clicks and keys, one undo step each, and
the lists following the Document (undo, redo); the legend on the canvas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.primitives import Text
from journeyeditor.ui.departments_panel import DepartmentsPanel
from journeyeditor.ui.main_window import LEGEND_KEY, MainWindow

if TYPE_CHECKING:
    from gui.conftest import Disk


@pytest.fixture
def panel(document: Document, qtbot: QtBot) -> Iterator[DepartmentsPanel]:
    widget = DepartmentsPanel()
    qtbot.addWidget(widget)
    widget.resize(320, 700)
    widget.set_document(document)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def rows(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def click_row(qtbot: QtBot, widget: QListWidget, text: str) -> None:
    row = rows(widget).index(text)
    widget.scrollToItem(widget.item(row))
    center = widget.visualItemRect(widget.item(row)).center()
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert widget.currentRow() == row


def retype(qtbot: QtBot, field: object, text: str) -> None:
    """Select what the field shows, type `text` over it and press Return."""
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def department_rows(disk: Disk) -> list[tuple[str, str]]:
    return [
        (name, color)
        for name, color in disk._query("SELECT name, color FROM department ORDER BY position", ())
    ]


def cards_of(disk: Disk, department_id: int) -> int:
    query = "SELECT count(*) FROM card WHERE department_id = ?"
    return int(disk._query(query, (department_id,))[0][0])


def say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)


def test_showing_every_row_pushes_nothing(document: Document, qtbot: QtBot, disk: Disk) -> None:
    sales = document.departments()[0].id
    document.push(edits.add_participant(document, "Ana", sales))
    document.push(edits.add_participant(document, "Bo", None))
    steps, before = document.stack.count(), department_rows(disk)
    widget = DepartmentsPanel()
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.show()
    qtbot.waitExposed(widget)
    for name in rows(widget.departments.list):
        click_row(qtbot, widget.departments.list, name)
        assert widget.department_name.text() == name
    for text in rows(widget.participants.list):
        click_row(qtbot, widget.participants.list, text)
        widget.department_name.setFocus()
        widget.participant_name.setFocus()
    widget.department_name.setFocus()
    assert document.stack.count() == steps
    assert department_rows(disk) == before


def test_add_then_name_a_department(panel: DepartmentsPanel, disk: Disk, qtbot: QtBot) -> None:
    document = panel.document
    assert document is not None
    before = department_rows(disk)
    qtbot.mouseClick(panel.departments.buttons["add"], Qt.MouseButton.LeftButton)
    added = department_rows(disk)
    assert added[:-1] == before and added[-1][0] == "New department"
    assert added[-1][1] not in {color for _n, color in before}
    assert panel.departments.list.currentItem().text() == "New department"
    assert panel.department_name.hasFocus()
    qtbot.keyClicks(panel.department_name, "Finance")  # the name is selected: typed over
    qtbot.keyClick(panel.department_name, Qt.Key.Key_Return)
    assert department_rows(disk)[-1][0] == "Finance"
    assert rows(panel.departments.list)[-1] == "Finance"
    document.undo()
    assert rows(panel.departments.list)[-1] == "New department"
    document.undo()
    assert department_rows(disk) == before
    assert rows(panel.departments.list) == [name for name, _c in before]
    document.redo()
    document.redo()
    assert rows(panel.departments.list)[-1] == "Finance"


def test_rename_a_department(panel: DepartmentsPanel, disk: Disk, qtbot: QtBot) -> None:
    document = panel.document
    assert document is not None
    click_row(qtbot, panel.departments.list, "Support")
    steps = document.stack.count()
    retype(qtbot, panel.department_name, "Customer care")
    assert document.stack.count() == steps + 1
    assert [n for n, _c in department_rows(disk)][2] == "Customer care"
    assert rows(panel.departments.list)[2] == "Customer care"
    retype(qtbot, panel.department_name, "   ")  # no name: nothing saved, the name back
    assert document.stack.count() == steps + 1
    assert panel.department_name.text() == "Customer care"
    document.undo()
    assert [n for n, _c in department_rows(disk)][2] == "Support"
    assert panel.department_name.text() == "Support"


def test_recolour_a_department(
    panel: DepartmentsPanel, disk: Disk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = panel.document
    assert document is not None
    monkeypatch.setattr(QColorDialog, "getColor", lambda *_a: QColor("#123456"))
    click_row(qtbot, panel.departments.list, "Marketing")
    old = department_rows(disk)[1][1]
    qtbot.mouseClick(panel.department_color.button, Qt.MouseButton.LeftButton)
    assert department_rows(disk)[1] == ("Marketing", "#123456")
    assert panel.departments.list.item(1).toolTip() == "#123456"
    document.undo()
    assert department_rows(disk)[1] == ("Marketing", old)
    assert panel.department_color.value() == old


def test_reorder_departments(panel: DepartmentsPanel, disk: Disk, qtbot: QtBot) -> None:
    document = panel.document
    assert document is not None
    names = rows(panel.departments.list)
    click_row(qtbot, panel.departments.list, names[1])
    qtbot.mouseClick(panel.departments.buttons["down"], Qt.MouseButton.LeftButton)
    moved = [names[0], names[2], names[1], *names[3:]]
    assert [n for n, _c in department_rows(disk)] == moved
    assert rows(panel.departments.list) == moved
    assert panel.departments.list.currentItem().text() == names[1]
    qtbot.mouseClick(panel.departments.buttons["up"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.departments.buttons["up"], Qt.MouseButton.LeftButton)
    assert rows(panel.departments.list) == [names[1], names[0], *names[2:]]
    assert not panel.departments.buttons["up"].isEnabled()
    document.undo()
    document.undo()
    assert rows(panel.departments.list) == moved
    document.undo()
    assert [n for n, _c in department_rows(disk)] == names


def test_delete_a_department_leaves_its_cards_unassigned(
    panel: DepartmentsPanel, disk: Disk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = panel.document
    assert document is not None
    sales = document.departments()[0]
    document.push(edits.add_participant(document, "Ana", sales.id))
    cards = cards_of(disk, sales.id)
    assert cards > 0
    say_yes(monkeypatch)
    click_row(qtbot, panel.departments.list, "Sales")
    qtbot.mouseClick(panel.departments.buttons["delete"], Qt.MouseButton.LeftButton)
    assert "Sales" not in [n for n, _c in department_rows(disk)]
    assert "Sales" not in rows(panel.departments.list)
    assert cards_of(disk, sales.id) == 0
    assert rows(panel.participants.list) == ["Ana"]
    assert disk.value("participant", "department_id", name="Ana") is None
    document.undo()
    assert rows(panel.departments.list)[0] == "Sales"
    assert cards_of(disk, sales.id) == cards
    assert rows(panel.participants.list) == ["Ana — Sales"]


def test_participants_add_rename_reassign_reorder_delete(
    panel: DepartmentsPanel, disk: Disk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = panel.document
    assert document is not None
    support = next(d for d in document.departments() if d.name == "Support")
    click_row(qtbot, panel.departments.list, "Support")
    qtbot.mouseClick(panel.participants.buttons["add"], Qt.MouseButton.LeftButton)
    assert panel.participant_name.hasFocus()
    qtbot.keyClicks(panel.participant_name, "Ana")
    qtbot.keyClick(panel.participant_name, Qt.Key.Key_Return)
    assert disk.value("participant", "department_id", name="Ana") == support.id
    assert rows(panel.participants.list) == ["Ana — Support"]
    qtbot.mouseClick(panel.participants.buttons["add"], Qt.MouseButton.LeftButton)
    retype(qtbot, panel.participant_name, "Bo")
    assert rows(panel.participants.list) == ["Ana — Support", "Bo — Support"]
    # Bo to the next department in the combo, by the keyboard (an `activated` choice)
    combo = panel.participant_department
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    after_support = document.departments()[
        [d.id for d in document.departments()].index(support.id) + 1
    ]
    assert disk.value("participant", "department_id", name="Bo") == after_support.id
    assert rows(panel.participants.list)[1] == f"Bo — {after_support.name}"
    qtbot.mouseClick(panel.participants.buttons["up"], Qt.MouseButton.LeftButton)
    assert rows(panel.participants.list) == [f"Bo — {after_support.name}", "Ana — Support"]
    document.undo()
    assert rows(panel.participants.list)[0] == "Ana — Support"
    document.undo()
    assert disk.value("participant", "department_id", name="Bo") == support.id
    say_yes(monkeypatch)
    click_row(qtbot, panel.participants.list, "Ana — Support")
    qtbot.mouseClick(panel.participants.buttons["delete"], Qt.MouseButton.LeftButton)
    assert rows(panel.participants.list) == ["Bo — Support"]
    assert disk.rows("participant") == 1
    document.undo()
    assert rows(panel.participants.list) == ["Ana — Support", "Bo — Support"]
    assert disk.rows("participant") == 2


def test_declining_deletes_nothing(
    panel: DepartmentsPanel, disk: Disk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = panel.document
    assert document is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    steps = document.stack.count()
    click_row(qtbot, panel.departments.list, "UX")
    qtbot.mouseClick(panel.departments.buttons["delete"], Qt.MouseButton.LeftButton)
    assert "UX" in rows(panel.departments.list)
    assert document.stack.count() == steps


def test_another_programs_changes_show(
    panel: DepartmentsPanel, sample_file: Path, qtbot: QtBot
) -> None:
    document = panel.document
    assert document is not None
    other = Document.open(sample_file)
    try:
        ux = next(d for d in other.departments() if d.name == "UX")
        assert other.push(edits.edit_department(other, ux.id, name=""))
        assert other.push(edits.add_participant(other, "Zoé", ux.id))
    finally:
        other.close()
    with qtbot.waitSignal(document.externallyChanged, timeout=5_000):
        pass
    assert "(unnamed department)" in rows(panel.departments.list)
    assert rows(panel.participants.list) == ["Zoé — (unnamed department)"]


def legend_words(window: MainWindow) -> list[str]:
    assert window.scene is not None
    return [shape.line.text for shape in window.scene.legend.shapes if isinstance(shape, Text)]


def test_legend_toggle(window: MainWindow, qtbot: QtBot) -> None:
    scene = window.scene
    assert scene is not None and scene.layout is not None
    legend = scene.legend
    assert window.legend_action.isChecked() and legend.isVisible()
    words = legend_words(window)
    used = {card.department for card in scene.card_data.values()} - {None}
    assert used and all(name in words for name in used)
    assert "SUP" in words and "Departments" in words
    box = legend.sceneBoundingRect()
    assert box.bottom() <= 0 and scene.sceneRect().contains(box)  # above the map, in view
    window.view.fit()
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert seen.contains(box) and seen.contains(0, scene.layout.height - 1)
    window.view_menu.setFocus()
    window.legend_action.trigger()
    assert not legend.isVisible()
    assert QSettings().value(LEGEND_KEY, type=bool) is False
    assert scene.sceneRect().top() == -40
    window.legend_action.trigger()
    assert legend.isVisible()
    assert QSettings().value(LEGEND_KEY, type=bool) is True


def test_legend_choice_is_remembered(sample_file: object, qtbot: QtBot) -> None:
    QSettings().setValue(LEGEND_KEY, False)
    main = MainWindow()
    qtbot.addWidget(main)
    main.open_path(sample_file)  # type: ignore[arg-type]
    assert main.scene is not None
    assert not main.legend_action.isChecked() and not main.scene.legend.isVisible()
    main.close()
