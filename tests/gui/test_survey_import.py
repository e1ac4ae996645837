"""Data → Import Survey…: a French Excel survey file previewed with its columns guessed,
checked (a row naming no stage of the map is listed), reduced in the worker thread and
applied as one undo step with its verbatims; refusing the bad rows writes nothing; the
columns chosen are saved with the map and chosen again by the next import's preview."""

from __future__ import annotations

import codecs
import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from journeyeditor.editing import survey_mapping
from journeyeditor.editing.document import Document
from journeyeditor.measure.survey import SurveyColumns
from journeyeditor.ui import survey_import
from journeyeditor.ui.bad_rows_dialog import BadRowsDialog
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.survey_import import SurveyImport, SurveyPreviewDialog, survey_stages

MAP_ID = 1
HEADER = "Étape;Note NPS;Effort;Commentaire;Date de réponse;Canal"
ROWS = (
    "Awareness;10;2;Très belle publicité;31/12/2026 14:05;Internet",
    "Awareness;6;5;Trop d'annonces;01/01/2027 09:00;Magasin",
    "Purchase;9;1;Paiement rapide, merci €;02/01/2027 10:30;Internet",
    "Nulle part;8;3;Étape inconnue;03/01/2027 11:00;Internet",
)


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    path = tmp_path / "enquête.csv"
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    return path


def test_the_preview_guesses_the_survey_columns(qtbot: QtBot, survey: Path) -> None:
    dialog = SurveyPreviewDialog(survey)
    qtbot.addWidget(dialog)
    assert dialog.encoding.currentData() == "utf-8-sig"
    assert dialog.date_format.currentData() == "%d/%m/%Y %H:%M"
    assert dialog.survey_columns() == SurveyColumns(
        "Étape", "Note NPS", "Effort", "Commentaire", "Date de réponse", "Canal", (1.0, 7.0)
    )
    dialog.columns["segment"].setCurrentIndex(0)
    assert dialog.survey_columns().segment is None


def test_stage_names_and_touchpoints_name_the_map_s_stages(document: Document) -> None:
    stages = survey_stages(document, MAP_ID)
    assert list(stages) == ["1", "2", "3", "4", "5"]
    assert stages["1"][0] == "Awareness" and len(stages["1"]) > 1  # its touchpoint cards


@pytest.mark.parametrize("choice", ["import", "cancel"])
def test_survey_import_is_one_undo_step(
    qtbot: QtBot, document: Document, survey: Path, choice: str
) -> None:
    before = document.export_json()
    dialog = SurveyPreviewDialog(survey)
    qtbot.addWidget(dialog)
    flow = SurveyImport(document, MAP_ID)
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.measure(dialog.source(), dialog.survey_columns(), 5)
        run = flow.run
        assert run is not None
        qtbot.waitUntil(lambda: run.bad_rows_dialog is not None, timeout=20000)
        bad = run.bad_rows_dialog
        assert bad is not None
        assert bad.table.item(0, 0).text() == "5"
        assert bad.table.item(0, 1).text() == "the stage is not one of the map's"
        if choice == "import":
            bad.import_button.click()
        else:
            bad.cancel_button.click()
    assert done.args == [choice == "import"]
    if choice == "cancel":
        assert document.export_json() == before and document.stack.count() == 0
        return
    assert document.stack.count() == 1
    newest, _previous = document.latest_runs(MAP_ID, "survey")
    assert newest is not None and newest.rows == 4 and newest.bad_rows == 1
    assert newest.at(1).answers == 2 and newest.at(1).nps == 0.0
    texts = {card.text for card in document.cards(MAP_ID)}
    assert "Paiement rapide, merci €" in texts
    document.undo()
    assert document.export_json() == before
    assert all(card.text != "Paiement rapide, merci €" for card in document.cards(MAP_ID))
    document.redo()
    assert "Très belle publicité" in {card.text for card in document.cards(MAP_ID)}


def test_the_data_menu_imports_a_survey_into_the_map_shown(
    qtbot: QtBot, window: MainWindow, survey: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Data")
    assert [a.text() for a in data.actions()] == ["Import &Events…", "Import &Survey…"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(survey), ""))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SurveyPreviewDialog):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        elif isinstance(dialog, BadRowsDialog):
            dialog.import_button.click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    assert window.document is not None and window.scene is not None
    shown = window.scene.map_id
    assert shown is not None
    window.import_survey_action.trigger()
    qtbot.waitUntil(lambda: window.importing is None, timeout=20000)
    timer.stop()
    assert window.document.stack.count() == 1
    assert window.statusBar().currentMessage().startswith("The figures are on the map")
    newest, _previous = window.document.latest_runs(shown, "survey")
    assert newest is not None and newest.source == survey.name


SAVED = SurveyColumns("Étape", "Note NPS", "Effort", "Commentaire", None, "Canal", (0.0, 10.0))


def test_the_preview_chooses_the_saved_columns_again(qtbot: QtBot, survey: Path) -> None:
    """Saved columns win over the guesses (the answered column saved as none stays none,
    though the file has one), and the saved effort scale is chosen."""
    dialog = SurveyPreviewDialog(survey, SAVED)
    qtbot.addWidget(dialog)
    assert dialog.survey_columns() == SAVED
    assert dialog.effort_scale.currentData() == (0.0, 10.0)
    assert dialog.saved_note.isHidden()
    odd = dataclasses.replace(SAVED, effort_scale=(1.0, 4.0))
    other = SurveyPreviewDialog(survey, odd)
    qtbot.addWidget(other)
    assert other.survey_columns() == odd


def test_saved_columns_the_file_lacks_are_guessed_and_named(qtbot: QtBot, survey: Path) -> None:
    renamed = dataclasses.replace(SAVED, text="Verbatim", segment="Région")
    dialog = SurveyPreviewDialog(survey, renamed)
    qtbot.addWidget(dialog)
    chosen = dialog.survey_columns()
    assert (chosen.stage, chosen.text, chosen.segment) == ("Étape", "Commentaire", None)
    assert not dialog.saved_note.isHidden()
    assert "no column Verbatim, Région" in dialog.saved_note.text()


def test_an_import_saves_its_columns_for_the_next_one(
    qtbot: QtBot, document: Document, survey: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = SurveyImport(document, MAP_ID)
    chosen = dataclasses.replace(SAVED, answered="Date de réponse", effort_scale=(1.0, 5.0))
    with qtbot.waitSignal(flow.finished, timeout=20000):
        flow.measure(SurveyPreviewDialog(survey).source(), chosen, 5)
        run = flow.run
        assert run is not None
        qtbot.waitUntil(lambda: run.bad_rows_dialog is not None, timeout=20000)
        assert run.bad_rows_dialog is not None
        run.bad_rows_dialog.import_button.click()
    assert survey_mapping.saved_columns(document, MAP_ID) == chosen
    offered: list[SurveyColumns | None] = []

    def preview(path: Path, saved: SurveyColumns | None, parent: object) -> SurveyPreviewDialog:
        offered.append(saved)
        dialog = SurveyPreviewDialog(path, saved)
        qtbot.addWidget(dialog)
        QTimer.singleShot(0, dialog.reject)
        return dialog

    monkeypatch.setattr(survey_import, "SurveyPreviewDialog", preview)
    again = SurveyImport(document, MAP_ID)
    with qtbot.waitSignal(again.finished, timeout=20000):
        again.open_file(survey)
    assert offered == [chosen]
    document.undo()
    assert survey_mapping.saved_columns(document, MAP_ID) is None
