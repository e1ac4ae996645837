"""CSV outcome export (render/csv_export.py): one row per card, read back with the csv
module; French projects get ";" and a decimal comma, English ","; always UTF-8 with a
BOM; --delimiter overrides; awkward texts round-trip; formulas are defused; LibreOffice
Calc opens it."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from journeyeditor import cli
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.csv_export import export_csv
from journeyeditor.render.export import EXPORTS
from journeyeditor.render.source import ExportOptions
from journeyeditor.ui.export_dialog import ALL_MAPS, ExportDialog

from helpers.drafts import sample

Tool = Callable[[str], str]
BOM = "\ufeff"
TRICKY = ('semi;colon\nnew line "quoted"', "=1+1", "+33 6 12", "-minus", "@SUM(A1)", "plain")


@pytest.fixture(scope="module", params=["en", "fr"])
def project(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, qapp: Any
) -> Path:
    del qapp
    return sample(tmp_path_factory.mktemp("csv") / f"sample-{request.param}.journey", request.param)


@pytest.fixture
def document(project: Path) -> Iterator[Document]:
    doc = Document.open(project, read_only=True)
    yield doc
    doc.close()


def read(path: Path, delimiter: str) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def test_every_card_once_with_its_fields(document: Document, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    export_csv(document, out, ExportOptions())
    french = document.project().language == "fr"
    rows = read(out, ";" if french else ",")
    header, body = rows[0], rows[1:]
    assert header[:5] == (
        ["Carte", "Étape", "Couloir", "Type de couloir", "Texte"]
        if french
        else ["Map", "Stage", "Lane", "Lane kind", "Text"]
    )
    departments = {d.id: d.name for d in document.departments()}
    expected = []
    for journey in document.maps():
        stages = {s.id: s.name for s in document.stages(journey.id)}
        lanes = {lane.id: lane.name for lane in document.lanes(journey.id)}
        for card in document.cards(journey.id):
            expected.append(
                [
                    journey.name,
                    stages[card.stage_id],
                    lanes[card.lane_id],
                    card.text,
                    departments.get(card.department_id or 0, ""),
                    str(card.votes),
                    card.created,
                ]
            )
    assert len(body) == len(expected) > 100
    got = [[r[0], r[1], r[2], r[4], r[5], r[7], r[9]] for r in body]
    assert got == expected
    assert all(len(row) == len(header) for row in body)
    figures = [r[12] for r in body if r[12]] + [r[14] for r in body if r[14]]
    decimal, other = (",", ".") if french else (".", ",")
    assert any(decimal in figure for figure in figures)
    assert not any(other in figure for figure in figures)


def test_french_is_semicolon_english_comma(document: Document, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    export_csv(document, out, ExportOptions())
    first = out.read_bytes().decode("utf-8").splitlines()[0]
    separator = ";" if document.project().language == "fr" else ","
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert first.count(separator) == 14


@pytest.mark.parametrize(("chosen", "character"), [("tab", "\t"), (";", ";"), (",", ",")])
def test_delimiter_override(
    document: Document, tmp_path: Path, chosen: str, character: str
) -> None:
    out = tmp_path / "cards.csv"
    export_csv(document, out, ExportOptions(delimiter=chosen))
    rows = read(out, character)
    assert len(rows[0]) == 15 and len(rows) > 100


@pytest.fixture
def tricky(tmp_path: Path, qapp: Any) -> Iterator[Document]:
    del qapp
    document = Document.open(sample(tmp_path / "tricky.journey"))
    journey = document.maps()[0].id
    stage, lane = document.stages(journey)[0].id, document.lanes(journey)[1].id
    document.push(edits.add_cards(document, stage, lane, None, [{"text": t} for t in TRICKY]))
    yield document
    document.close()


def test_awkward_texts_round_trip_and_formulas_are_defused(
    tricky: Document, tmp_path: Path
) -> None:
    out = tmp_path / "tricky.csv"
    export_csv(tricky, out, ExportOptions(maps=(tricky.maps()[0].id,)))
    texts = [row[4] for row in read(out, ",")[1:]]
    assert TRICKY[0] in texts and "plain" in texts
    for formula in TRICKY[1:5]:
        assert formula not in texts and "'" + formula in texts


def test_command_line(document: Document, tmp_path: Path) -> None:
    out = tmp_path / "cli.csv"
    name = document.maps()[2].name
    argv = ["export", str(document.path), "--format", "csv", "-o", str(out)]
    assert cli.main([*argv, "--delimiter", "tab", "--map", name]) == 0
    rows = read(out, "\t")
    assert {row[0] for row in rows[1:]} == {name}
    assert len(rows) == len(document.cards(document.maps()[2].id)) + 1
    assert "csv" in EXPORTS


def test_libreoffice_opens_it(tricky: Document, tmp_path: Path, tool: Tool) -> None:
    """Calc reads the same rows and cells as the csv module: every card a row, the
    multi-line text whole in its cell, the defused formulas as text."""
    soffice = tool("soffice")
    out = tmp_path / "calc.csv"
    map_id = tricky.maps()[0].id
    export_csv(tricky, out, ExportOptions(maps=(map_id,)))
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(tmp_path / "calc.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(tricky.cards(map_id))
    cells = {row[4].value: row[4].data_type for row in rows}
    assert cells[TRICKY[0]] == "s"
    for formula in TRICKY[1:5]:
        assert cells["'" + formula] == "s"


def test_dialog_offers_csv(qtbot: QtBot, tricky: Document, tmp_path: Path) -> None:
    dialog = ExportDialog(tricky, tricky.maps()[0].id)
    qtbot.addWidget(dialog)
    index = dialog.format_combo.findData("csv")
    assert dialog.format_combo.itemText(index) == "CSV (.csv)"
    dialog.format_combo.setCurrentIndex(index)
    dialog.map_combo.setCurrentIndex(dialog.map_combo.findData(ALL_MAPS))
    dialog.refresh()
    assert "CSV" in dialog.summary.text()
    out = tmp_path / "dialog.csv"
    assert dialog.export_to(out)
    assert len(read(out, ",")) > 100
