"""Personas: the dialog saves everything in one undo step; the panel adds and deletes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing.document import Document
from journeyeditor.model import Image, JourneyMap, Persona
from journeyeditor.ui.persona_dialog import PersonaDialog
from journeyeditor.ui.personas_panel import PersonasPanel

from helpers.projects import png_bytes

if TYPE_CHECKING:
    from gui.conftest import Disk


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "face.png"
    path.write_bytes(png_bytes(12, 16, "#c87850"))
    return path


@pytest.fixture
def panel(document: Document, qtbot: QtBot) -> Iterator[PersonasPanel]:
    widget = PersonasPanel()
    qtbot.addWidget(widget)
    widget.set_document(document)
    yield widget


def names(panel: PersonasPanel) -> list[str]:
    return [panel.list.item(i).text().split("\n")[0] for i in range(panel.list.count())]


def test_edit_fields_and_photo_in_one_step(
    document: Document, disk: Disk, photo: Path, qtbot: QtBot
) -> None:
    persona = document.personas()[0]
    name, role, age = persona.name, persona.role, persona.age
    assert persona.photo_image_id is None
    dialog = PersonaDialog(document, persona.id)
    qtbot.addWidget(dialog)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Tom")
    dialog.age.setValue(0)  # "not said"
    dialog.goals.selectAll()
    qtbot.keyClicks(dialog.goals, "Smell good")
    assert dialog.load_photo(str(photo))
    assert not dialog.photo_error.isVisible()
    steps = document.stack.count()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert document.stack.count() == steps + 1
    saved = disk.get(Persona, persona.id)
    assert saved is not None
    assert (saved.name, saved.role, saved.age, saved.goals) == ("Tom", role, None, "Smell good")
    assert saved.photo_image_id is not None
    image = disk.get(Image, saved.photo_image_id)
    assert image is not None and (image.format, image.width, image.height) == ("PNG", 12, 16)
    document.undo()
    saved = disk.get(Persona, persona.id)
    assert saved is not None
    assert (saved.name, saved.age, saved.photo_image_id) == (name, age, None)


def test_remove_photo(document: Document, disk: Disk, photo: Path, qtbot: QtBot) -> None:
    persona = document.personas()[0]
    first = PersonaDialog(document, persona.id)
    qtbot.addWidget(first)
    first.load_photo(str(photo))
    first.accept()
    second = PersonaDialog(document, persona.id)
    qtbot.addWidget(second)
    assert second.remove_button.isEnabled()
    second.remove_photo()
    second.accept()
    assert disk.get(Persona, persona.id).photo_image_id is None  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Persona, persona.id).photo_image_id is not None  # type: ignore[union-attr]


def test_bad_image_is_refused_and_changes_nothing(
    document: Document, disk: Disk, tmp_path: Path, qtbot: QtBot
) -> None:
    bad = tmp_path / "holiday.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n but not really a picture")
    persona = document.personas()[0]
    dialog = PersonaDialog(document, persona.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.load_photo(str(bad))
    assert dialog.photo_error.isVisible()
    assert "holiday.png" in dialog.photo_error.text()
    assert not dialog.photo_changed
    steps = document.stack.count()
    dialog.accept()
    assert document.stack.count() == steps
    assert disk.get(Persona, persona.id).photo_image_id is None  # type: ignore[union-attr]


def test_add_persona_through_the_dialog(
    panel: PersonasPanel,
    document: Document,
    disk: Disk,
    monkeypatch: pytest.MonkeyPatch,
    photo: Path,
) -> None:
    def fill_in(dialog: PersonaDialog) -> int:
        dialog.name.setText("Zoé")
        dialog.role.setText("Student")
        dialog.load_photo(str(photo))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(PersonaDialog, "exec", fill_in)
    before = len(document.personas())
    panel.add_persona()
    added = disk.personas()[-1]
    assert len(disk.personas()) == before + 1
    assert (added.name, added.role) == ("Zoé", "Student")
    assert added.photo_image_id is not None
    assert names(panel)[-1] == "Zoé"
    assert panel.current_persona() == added.id
    document.undo()  # the fields and photo
    document.undo()  # the persona itself
    assert len(disk.personas()) == before
    assert "Zoé" not in names(panel)


def test_cancelling_a_new_persona_leaves_none(
    panel: PersonasPanel, document: Document, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PersonaDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    before = len(document.personas())
    panel.add_persona()
    assert len(disk.personas()) == before
    assert panel.list.count() == before


def test_delete_persona_asks_and_undoes(
    panel: PersonasPanel, document: Document, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    thomas = document.personas()[0]
    drawn_for = [m.id for m in document.maps() if m.persona_id == thomas.id]
    assert drawn_for
    panel.select_persona(thomas.id)
    panel.delete_current()
    assert "keep existing" in asked[0]
    assert disk.get(Persona, thomas.id) is None
    assert "Thomas" not in names(panel)
    assert all(disk.get(JourneyMap, i).persona_id is None for i in drawn_for)  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Persona, thomas.id) is not None
    assert all(disk.get(JourneyMap, i).persona_id == thomas.id for i in drawn_for)  # type: ignore[union-attr]
    assert names(panel)[0] == "Thomas"


def test_declining_the_question_deletes_nothing(
    panel: PersonasPanel, document: Document, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    persona = document.personas()[0]
    panel.select_persona(persona.id)
    panel.delete_current()
    assert disk.get(Persona, persona.id) is not None
