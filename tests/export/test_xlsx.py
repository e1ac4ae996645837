"""The Excel export: every card in its stage × lane cell and in the Cards sheet, safe text,
valid sheet names, and a workbook LibreOffice Calc opens."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pytestqt.qtbot import QtBot

from journeyeditor import cli
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.content import map_content
from journeyeditor.render.export import ExportOptions
from journeyeditor.render.ranking import ranked
from journeyeditor.render.xlsx_export import SHEET_NAME_MAX, export_xlsx, sheet_names
from journeyeditor.ui.export_dialog import ALL_MAPS, ExportDialog
from tests.helpers.office import convert_to_pdf
from tests.helpers.projects import reopened

from .measured_cases import make_measured, measure_by_segment

Tool = Callable[[str], str]
EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
TRICKY = ("=1+1", "+A1", "-2+3", "@SUM(A1:A2)", '=HYPERLINK("http://x")')


def export(document_path: Path, out: Path, *extra: str) -> Workbook:
    argv = ["export", str(document_path), "--format", "xlsx", "-o", str(out), *extra]
    assert cli.main(argv) == 0
    return load_workbook(out)


def sheet(workbook: Workbook, name: str) -> Worksheet:
    found = workbook[name]
    assert isinstance(found, Worksheet)
    return found


def grid(worksheet: Worksheet) -> dict[tuple[str, str], str]:
    """A map sheet's cells by (stage name, lane name)."""
    stages = [str(c.value or "") for c in worksheet[1]][1:]
    cells = {}
    for row in worksheet.iter_rows(min_row=2, values_only=True):
        for stage, value in zip(stages, row[1:], strict=True):
            cells[(stage, str(row[0] or ""))] = str(value or "")
    return cells


def rows_of(worksheet: Worksheet) -> list[dict[str, object]]:
    rows = list(worksheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def card_rows(workbook: Workbook) -> list[dict[str, object]]:
    """The Cards sheet's rows (French, as the export project is)."""
    return rows_of(sheet(workbook, "Fiches"))


def test_every_card_in_its_cell_and_its_row(
    export_file: Path, export_doc: Document, tmp_path: Path
) -> None:
    workbook = export(export_file, tmp_path / "all.xlsx")
    maps = export_doc.maps()
    assert workbook.sheetnames == [
        *sheet_names(m.name for m in maps),
        "Fiches",
        "Classement",
        "Mesures",  # the sample's concert map is measured
    ]
    rows = card_rows(workbook)
    departments = {d.id: d.name for d in export_doc.departments()}
    expected_rows = []
    for journey, name in zip(maps, workbook.sheetnames, strict=False):
        cells = grid(sheet(workbook, name))
        stages = {s.id: s.name for s in export_doc.stages(journey.id)}
        lanes = {lane.id: lane.name for lane in export_doc.lanes(journey.id)}
        for card in export_doc.cards(journey.id):
            cell = cells[(stages[card.stage_id], lanes[card.lane_id])]
            entry = re.compile(re.escape(f"• {card.text}") + "(\u00a0?: .*)?")
            assert any(entry.fullmatch(line) for line in cell.split("\n")), card.text
            where = (journey.name, stages[card.stage_id], lanes[card.lane_id])
            expected_rows.append(
                (
                    *where,
                    export_doc.cell_ids(card.stage_id, card.lane_id).index(card.id) + 1,
                    card.text,
                    card.votes,
                    departments.get(card.department_id or 0),
                )
            )
        for point in export_doc.emotion_points(journey.id):
            cell = cells[(stages[point.stage_id], lanes[point.lane_id])]
            assert point.note in cell
    got = [
        tuple(
            r[k] for k in ("Carte", "Étape", "Couloir", "Position", "Texte", "Votes", "Département")
        )
        for r in rows
    ]
    assert got == expected_rows


def test_fields_in_the_map_language(export_file: Path, tmp_path: Path) -> None:
    workbook = export(export_file, tmp_path / "fields.xlsx")
    rows = card_rows(workbook)
    accents = next(r for r in rows if str(r["Texte"]).startswith("Œuvre"))
    assert accents["Niveau de preuve"] == "Étayé par la recherche"
    touchpoint = next(r for r in rows if r["Canal"])
    assert touchpoint["Type de couloir"] == "Points de contact"
    assert touchpoint["Maîtrise"] in ("Interne", "Externe")
    metric = next(r for r in rows if r["Valeur"] is not None)
    assert isinstance(metric["Valeur"], float | int) and metric["Unité"]
    first = sheet(workbook, workbook.sheetnames[0])
    emotions = [str(c.value) for c in first["B"] if c.value and "positif" in str(c.value)]
    assert emotions or any("Neutre" in str(c.value) for c in first["B"])


def test_cards_sheet_is_filterable(export_file: Path, tmp_path: Path) -> None:
    workbook = export(export_file, tmp_path / "filter.xlsx")
    cards = sheet(workbook, "Fiches")
    assert cards.freeze_panes == "A2"
    assert cards.auto_filter.ref == f"A1:S{cards.max_row}"
    first = sheet(workbook, workbook.sheetnames[0])
    assert first.freeze_panes == "B2"
    assert first.cell(2, 2).alignment.wrap_text


def test_one_chosen_map(export_file: Path, export_doc: Document, tmp_path: Path) -> None:
    chosen = export_doc.maps()[1]
    workbook = export(export_file, tmp_path / "one.xlsx", "--map", chosen.name)
    assert workbook.sheetnames == [*sheet_names([chosen.name]), "Fiches", "Classement"]
    assert {r["Carte"] for r in card_rows(workbook)} == {chosen.name}
    assert len(card_rows(workbook)) == len(export_doc.cards(chosen.id))


def test_ranking_sheet_lists_every_map_s_top_cards_in_order(
    export_file: Path, export_doc: Document, tmp_path: Path
) -> None:
    workbook = export(export_file, tmp_path / "ranking.xlsx")
    rows = rows_of(sheet(workbook, "Classement"))
    expected = [
        (journey.name, entry.rank, entry.card.text, entry.stage, entry.card.votes)
        for journey in export_doc.maps()
        for entry in ranked(map_content(export_doc, journey.id))
    ]
    found = [(r["Carte"], r["Rang"], r["Fiche"], r["Étape"], r["Votes"]) for r in rows]
    assert expected and found == expected


def test_sheet_names_valid_and_unique() -> None:
    long = "Parcours client très détaillé pour la boutique du centre-ville"
    wanted = [long, long, "a[b]c:d*e?f/g\\h", "", "'quoted'", "FICHES", "x" * 40, "x" * 40]
    names = sheet_names(wanted, reserved=["Fiches"])
    assert len({n.casefold() for n in names} | {"fiches"}) == len(names) + 1
    for name in names:
        assert 0 < len(name) <= SHEET_NAME_MAX
        assert not EXCEL_FORBIDDEN.search(name)
        assert not name.startswith("'") and not name.endswith("'")
    assert names[0] == long[:SHEET_NAME_MAX]
    assert names[1].endswith(" (2)")


@pytest.fixture
def hostile(branded_copy: Document) -> Document:
    """Maps with long, identical, forbidden names; cards that look like formulas or hold
    control characters."""
    maps = branded_copy.maps()
    long = "Parcours [très] long : magasin / web * test ? \\ " * 2
    for journey in maps[:3]:
        assert branded_copy.push(edits.edit_map(branded_copy, journey.id, name=long))
    assert branded_copy.push(edits.edit_map(branded_copy, maps[3].id, name="Fiches"))
    assert branded_copy.push(edits.edit_map(branded_copy, maps[4].id, name="Carte\x07 bip"))
    first = maps[0].id
    stage = branded_copy.stages(first)[0]
    lane = next(x for x in branded_copy.lanes(first) if x.kind == "text")
    for text in (*TRICKY, "bell\x07 tab\x0b esc\x1b end"):
        assert branded_copy.push(edits.add_card(branded_copy, stage.id, lane.id, text=text))
    return branded_copy


def test_hostile_names_and_texts(hostile: Document, tmp_path: Path) -> None:
    out = tmp_path / "hostile.xlsx"
    export_xlsx(hostile, out, ExportOptions())
    workbook = load_workbook(out)
    names = workbook.sheetnames
    assert len({n.casefold() for n in names}) == len(names) == len(hostile.maps()) + 3
    for name in names:
        assert 0 < len(name) <= SHEET_NAME_MAX and not EXCEL_FORBIDDEN.search(name)
    assert "Carte bip" in names
    texts = {str(r["Texte"]) for r in card_rows(workbook)}
    assert set(TRICKY) <= texts
    assert "bell tab esc end" in texts
    cards = sheet(workbook, "Fiches")
    for row in cards.iter_rows(min_row=2):
        if row[5].value in TRICKY:
            assert row[5].data_type == "s"
    with zipfile.ZipFile(out) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member), member


def test_libreoffice_opens_it(hostile: Document, tmp_path: Path, tool: Tool) -> None:
    soffice = tool("soffice")
    out = tmp_path / "calc.xlsx"
    export_xlsx(hostile, out, ExportOptions(maps=(hostile.maps()[1].id,)))
    pdf = convert_to_pdf(soffice, out, tmp_path)
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True)
    words = " ".join(text.stdout.split())
    for card in hostile.cards(hostile.maps()[1].id)[:5]:
        assert " ".join(card.text.split()[:2]) in words


def test_never_onto_the_input(export_file: Path) -> None:
    argv = ["export", str(export_file), "--format", "xlsx", "-o", str(export_file), "--force"]
    assert cli.main(argv) != 0


def test_dialog_exports_a_workbook(qtbot: QtBot, branded_copy: Document, tmp_path: Path) -> None:
    dialog = ExportDialog(branded_copy, branded_copy.maps()[1].id)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    dialog.map_combo.setCurrentIndex(dialog.map_combo.findData(ALL_MAPS))
    dialog.refresh()
    assert dialog.map_combo.currentData() == ALL_MAPS
    assert not dialog.paper_group.isEnabled() and not dialog.image_group.isEnabled()
    assert dialog.preview.image.isNull()
    assert "(5)" in dialog.summary.text()
    out = tmp_path / "dialog.xlsx"
    assert dialog.export_to(out)
    dialog.done(0)
    assert len(load_workbook(out).sheetnames) == len(branded_copy.maps()) + 3


def _measured_by_segment(path: Path) -> Document:
    """The sample measured (two funnel and two survey runs), then a newest funnel run and
    a newest survey run broken down by device."""
    document = Document.open(make_measured(path, "en"))
    measure_by_segment(document, document.maps()[0].id)
    return document


def test_measured_lanes_read_as_the_map_draws_them(tmp_path: Path) -> None:
    """A funnel or survey lane's cells hold the lines the map draws there, its header the
    run's date: the workbook left them empty."""
    path = make_measured(tmp_path / "measured.journey", "en")
    with reopened(path) as document:
        name = document.maps()[0].name
    workbook = export(path, tmp_path / "measured.xlsx", "--map", name)
    rows = list(sheet(workbook, workbook.sheetnames[0]).iter_rows(values_only=True))
    headers = {str(row[0]).split("\n")[0]: row for row in rows[1:]}
    funnel, survey = headers["Funnel"], headers["Survey"]
    assert str(funnel[0]).split("\n")[1:] == ["Run of 2026-11-02", "vs 2026-10-02"]
    assert str(funnel[1]).startswith("48,210 reached")
    assert "62% from previous" in str(funnel[2]) and "18,085 dropped" in str(funnel[2])
    assert str(survey[1]).startswith("NPS +41\nCES 3.4\nn = 412")
    assert str(funnel[-1]) == "–"


def test_the_measures_sheet_gives_everyone_and_each_segment_stage_by_stage(
    tmp_path: Path,
) -> None:
    document = _measured_by_segment(tmp_path / "segments.journey")
    path = document.path
    first = document.maps()[0]
    stages, name = [stage.name for stage in document.stages(first.id)], first.name
    document.close()
    workbook = export(path, tmp_path / "segments.xlsx")
    assert workbook.sheetnames[-1] == "Measures"
    measured = rows_of(sheet(workbook, "Measures"))
    assert {r["Map"] for r in measured} == {name, "Nell books concert tickets online"}
    found = [r for r in measured if r["Map"] == name]
    funnel = [
        (r["Stage"], r["Segment by"], r["Segment"], r["Reached"])
        for r in found
        if r["Measure"] == "Funnel"
    ]
    assert funnel == [
        (stages[0], None, "Everyone", 1000),
        (stages[0], "device", "(no value)", 300),
        (stages[0], "device", "mobile", 700),
        (stages[1], None, "Everyone", 600),
        (stages[1], "device", "(no value)", 250),
        (stages[1], "device", "mobile", 350),
    ]
    second = next(r for r in found if r["Measure"] == "Funnel" and r["Stage"] == stages[1])
    assert second["Converted from previous stage"] == pytest.approx(0.6)
    assert second["Dropped"] == 400
    assert second["Measured on"] == dt.datetime(2026, 11, 25)  # a date: it sorts and filters
    survey = [r for r in found if r["Measure"] == "Survey"]
    assert [(r["Segment"], r["NPS"], r["CES"], r["Answers"]) for r in survey] == [
        ("Everyone", 50, 2.5, 40),
        ("mobile", pytest.approx(100 / 3), None, 30),  # exact; shown as 33 ("0")
    ]
    measures = sheet(workbook, "Measures")
    formats = [measures.cell(5, column).number_format for column in (3, 7, 8, 10, 11, 12)]
    assert formats == ["yyyy-mm-dd", "#,##0", "0%", "0.0", "0", "0.0"]
    concert = "Nell books concert tickets online"  # longer than its column: it wraps
    tall = next(
        row for row in range(2, measures.max_row + 1) if measures.cell(row, 1).value == concert
    )
    assert (measures.row_dimensions[tall].height or 0) > 15


def test_a_map_never_measured_has_no_measures_sheet(export_file: Path, tmp_path: Path) -> None:
    """The second map of the sample was never measured: no empty sheet (the one chosen
    map test above shows the same in its list of sheets)."""
    with reopened(export_file) as document:
        name = document.maps()[1].name
    workbook = export(export_file, tmp_path / "plain.xlsx", "--map", name)
    assert workbook.sheetnames[-2:] == ["Fiches", "Classement"]


def test_the_measures_sheet_in_french(tmp_path: Path) -> None:
    path = make_measured(tmp_path / "mesures.journey", "fr")
    workbook = export(path, tmp_path / "mesures.xlsx")
    assert workbook.sheetnames[-1] == "Mesures"
    headers = [cell.value for cell in sheet(workbook, "Mesures")[1]]
    assert headers[:3] == ["Carte", "Mesure", "Mesuré le"]
    assert sheet(workbook, "Mesures").cell(2, 3).number_format == "dd/mm/yyyy"
