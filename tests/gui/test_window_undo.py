"""Undo and redo in the real window, with the keys a person presses: each finished change
in the inspector is exactly one step, and undo and redo bring back both the widget and
the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from gui.keys import retype
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import click

if TYPE_CHECKING:
    from gui.conftest import Disk

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def doc(window: MainWindow) -> Document:
    assert window.document is not None
    return window.document


def test_changing_the_persona_of_a_map_is_one_step_that_undoes_and_redoes(
    window: MainWindow, disk: Disk, qtbot: QtBot
) -> None:
    document = doc(window)
    assert window.scene is not None and window.scene.map_id is not None
    map_id = window.scene.map_id
    click(window.view, QPointF(-20, -20))  # the canvas background, outside every item
    inspector = window.inspector
    assert inspector.selection.kind == "map"
    combo = inspector.map_form.persona
    persona_name = {p.id: p.name for p in document.personas()}
    thomas = disk.value("journey_map", "persona_id", map_id)
    assert persona_name[thomas] == "Thomas" and combo.currentText() == "Thomas"
    start = document.stack.index()

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next persona: Nell
    nell = disk.value("journey_map", "persona_id", map_id)
    assert persona_name[nell] == "Nell" and combo.currentText() == "Nell"
    assert (document.stack.count(), document.stack.index()) == (start + 1, start + 1)

    for _ in range(4):
        qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
        assert disk.value("journey_map", "persona_id", map_id) == thomas
        assert combo.currentText() == "Thomas"
        assert document.stack.count() == start + 1
    assert document.stack.index() == 0
    assert not window.undo_action.isEnabled()

    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL_SHIFT)
    for _ in range(start):
        qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL_SHIFT)
    assert disk.value("journey_map", "persona_id", map_id) == nell
    assert combo.currentText() == "Nell"
    assert (document.stack.count(), document.stack.index()) == (start + 1, start + 1)
    assert not window.redo_action.isEnabled()


def test_an_edit_of_the_shown_map_does_not_reload_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The maps list is rebuilt on every map edit; that is not a change of map."""
    document = doc(window)
    assert window.scene is not None and window.scene.map_id is not None
    map_id = window.scene.map_id
    loads: list[int | None] = []
    monkeypatch.setattr(window.scene, "show_map", loads.append)
    with qtbot.assertNotEmitted(window.maps_panel.currentMapChanged):
        document.push(edits.edit_map(document, map_id, name="Renamed", persona_id=None))
        document.undo()
        document.redo()
    assert loads == []
    assert window.maps_panel.current_map() == map_id


def test_a_refresh_caused_by_the_saving_cannot_save_again(
    window: MainWindow, disk: Disk, qtbot: QtBot
) -> None:
    """Whatever an edit sets off while it is announced (here: asking the inspector to
    save pending edits, as a selection change does) adds no second step."""
    document = doc(window)
    assert window.scene is not None and window.scene.map_id is not None
    map_id = window.scene.map_id
    click(window.view, QPointF(-20, -20))
    document.mapChanged.connect(lambda _id: window.inspector.commit_pending())
    start = document.stack.count()
    retype(qtbot, window.inspector.map_form.segment, "Night owls")
    assert document.stack.count() == start + 1
    assert disk.value("journey_map", "segment", map_id) == "Night owls"
    qtbot.keyClick(window.inspector.map_form.segment, Qt.Key.Key_Z, CTRL)
    assert document.stack.index() == start
    assert window.inspector.map_form.segment.text() != "Night owls"
