"""The export dialog: live preview, choices offered per format, remembered, branding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.ui.export_dialog import ALL_MAPS, ExportDialog

from .render_cases import drawn_png

Make = Callable[[Document], ExportDialog]


@pytest.fixture
def make(qtbot: QtBot) -> Iterator[Make]:
    """Dialogs on the document's second map, ended after the test (no preview left pending)."""
    made: list[ExportDialog] = []

    def open_dialog(document: Document) -> ExportDialog:
        dialog = ExportDialog(document, document.maps()[1].id)
        qtbot.addWidget(dialog)
        made.append(dialog)
        return dialog

    yield open_dialog
    for dialog in made:
        dialog.done(0)


def test_preview_follows_the_choices(make: Make, qtbot: QtBot, branded_copy: Document) -> None:
    dialog = make(branded_copy)
    assert dialog.format() == "pdf"
    assert dialog.map_combo.currentData() == branded_copy.maps()[1].id
    assert not dialog.preview.image.isNull()
    assert dialog.summary.text() == "Pages: 1, A4 landscape"
    dialog.cover_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Pages: 2"))
    assert dialog.page_label.text() == "Page 1 of 2"
    first = dialog.preview.image.copy()
    dialog.next_button.click()
    assert dialog.page_label.text() == "Page 2 of 2"
    assert dialog.preview.image != first
    assert not dialog.next_button.isEnabled()


def test_the_preview_turns_with_the_orientation(make: Make, branded_copy: Document) -> None:
    """Automatic turns the wide map's page sideways, and the preview shows it turned."""
    dialog = make(branded_copy)
    shapes = {}
    for orientation in ("portrait", "auto", "landscape"):
        dialog.orientation_combo.setCurrentIndex(dialog.orientation_combo.findData(orientation))
        dialog.refresh()
        image = dialog.preview.image
        shapes[orientation] = image.width() > image.height()
    assert shapes == {"portrait": False, "auto": True, "landscape": True}
    assert dialog.options().orientation == "landscape"
    dialog.orientation_combo.setCurrentIndex(dialog.orientation_combo.findData("auto"))
    dialog.refresh()
    assert dialog.summary.text() == "Pages: 1, A4 automatic orientation"


def test_image_formats_take_one_map(make: Make, qtbot: QtBot, branded_copy: Document) -> None:
    dialog = make(branded_copy)
    dialog.map_combo.setCurrentIndex(dialog.map_combo.findData(ALL_MAPS))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("png"))
    dialog.refresh()
    assert dialog.map_combo.currentData() == branded_copy.maps()[1].id
    assert not dialog.paper_group.isEnabled() and dialog.dpi_combo.isEnabled()
    assert not dialog.print_button.isEnabled()
    assert "pixels" in dialog.summary.text() and "300 DPI" in dialog.summary.text()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("svg"))
    dialog.refresh()
    assert not dialog.dpi_combo.isEnabled() and dialog.background_combo.isEnabled()


def test_choices_are_remembered(
    make: Make, qtbot: QtBot, branded_copy: Document, tmp_path: Path
) -> None:
    dialog = make(branded_copy)
    dialog.page_combo.setCurrentIndex(dialog.page_combo.findData("A3"))
    dialog.orientation_combo.setCurrentIndex(dialog.orientation_combo.findData("auto"))
    dialog.tile.setChecked(True)
    dialog.scale_spin.setValue(150)
    dialog.cover_check.setChecked(True)
    target = tmp_path / "out" / "poster.pdf"
    target.parent.mkdir()
    assert dialog.export_to(target)
    assert target.read_bytes().startswith(b"%PDF")
    again = make(branded_copy)
    options = again.options()
    assert (options.page, options.orientation, options.tile) == ("A3", "auto", True)
    assert (options.scale, options.cover) == (1.5, True)
    assert again.settings.value("export/folder") == str(target.parent)


def test_a_failed_export_is_explained(
    make: Make,
    qtbot: QtBot,
    branded_copy: Document,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    dialog = make(branded_copy)
    assert not dialog.export_to(tmp_path / "missing" / "map.pdf")
    assert shown and "map.pdf" in shown[0] and "folder does not exist" in shown[0]


def test_branding_is_kept_in_the_project(
    make: Make, qtbot: QtBot, branded_copy: Document, tmp_path: Path
) -> None:
    dialog = make(branded_copy)
    assert dialog.branding.set_accent("#118833")
    assert branded_copy.project().accent_color == "#118833"
    branded_copy.undo()
    assert branded_copy.project().accent_color == "#c0392b"
    logo = tmp_path / "logo.png"
    logo.write_bytes(drawn_png(90, 90, "#118833", "#ffffff"))
    before = branded_copy.project().logo_image_id
    assert dialog.branding.set_logo(logo)
    assert branded_copy.project().logo_image_id not in (None, before)
    dialog.branding.remove_logo()
    assert branded_copy.project().logo_image_id is None
    assert not dialog.branding.remove_logo_button.isEnabled()


def test_read_only_projects_keep_their_branding(make: Make, export_doc: Document) -> None:
    dialog = make(export_doc)
    assert not dialog.branding.isEnabled()
    assert dialog.suggested_name() == export_doc.maps()[1].name


def test_file_names_are_made_safe(make: Make, branded_copy: Document) -> None:
    first = branded_copy.maps()[1].id
    assert branded_copy.push(edits.edit_map(branded_copy, first, name='A/B: "C"?'))
    dialog = make(branded_copy)
    assert dialog.suggested_name() == "A-B- -C"
