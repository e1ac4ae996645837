"""The PDF: real text in the shipped font, embedded; sound structure; pages as asked."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from journeyeditor.editing.document import Document
from journeyeditor.render.export import ExportOptions, ExportSource, export_pdf, print_map
from journeyeditor.render.pages import PX, content_area, page_size, tiles
from journeyeditor.render.qt_sheets import configure_printer

from .render_cases import ACCENTS, DATE

Tool = Callable[[str], str]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """Text without any white space, so line breaks inside a card do not matter."""
    return "".join(text.split())


def info(tool: Tool, pdf: Path) -> dict[str, str]:
    lines = run(tool("pdfinfo"), str(pdf)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def test_every_card_text_comes_back_out(export_doc: Document, tmp_path: Path, tool: Tool) -> None:
    pdf = tmp_path / "all.pdf"
    export_pdf(export_doc, pdf, ExportOptions(cover=True, landscape=True, date=DATE))
    text = squeeze(run(tool("pdftotext"), "-raw", str(pdf), "-"))
    cards = [card for m in export_doc.maps() for card in export_doc.cards(m.id)]
    assert len(cards) > 100
    missing = [card.text for card in cards if squeeze(card.text) not in text]
    assert missing == []
    assert squeeze(ACCENTS) in text
    for word in ("é", "è", "à", "ç", "œ", "Œ", "«", "»", "€", "’"):
        assert word in text


def test_fonts_are_embedded_and_only_ours(export_doc: Document, tmp_path: Path, tool: Tool) -> None:
    pdf = tmp_path / "map.pdf"
    export_pdf(export_doc, pdf, ExportOptions(cover=True, date=DATE))
    rows = run(tool("pdffonts"), str(pdf)).splitlines()[2:]
    assert rows, "the PDF has no fonts, so no text"
    for row in rows:
        name, fields = row.split()[0], row.split()
        embedded = fields[-5]
        assert embedded == "yes", row
        assert "DejaVuSans" in name, row


def test_qpdf_finds_nothing_wrong(export_doc: Document, tmp_path: Path, tool: Tool) -> None:
    pdf = tmp_path / "map.pdf"
    export_pdf(export_doc, pdf, ExportOptions(page="A3", tile=True, cover=True, date=DATE))
    result = subprocess.run([tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize(
    ("page", "landscape", "points"),
    [
        ("A4", False, "595.276 x 841.89"),
        ("A3", True, "1190.55 x 841.89"),
        ("A2", False, "1190.55 x 1683.78"),
        ("Letter", True, "792 x 612"),
        ("Tabloid", False, "792 x 1224"),
    ],
)
def test_page_size_and_count_follow_the_options(
    export_doc: Document, tmp_path: Path, tool: Tool, page: str, landscape: bool, points: str
) -> None:
    pdf = tmp_path / "map.pdf"
    maps = len(export_doc.maps())
    written = export_pdf(export_doc, pdf, ExportOptions(page=page, landscape=landscape))
    found = info(tool, pdf)
    assert found["Page size"].startswith(points)
    assert int(found["Pages"]) == written == maps


def test_tiling_prints_every_sheet_with_page_numbers(
    export_doc: Document, tmp_path: Path, tool: Tool
) -> None:
    pdf = tmp_path / "poster.pdf"
    first = export_doc.maps()[0].id
    options = ExportOptions(maps=(first,), page="A4", tile=True, scale=2.0, cover=True)
    written = export_pdf(export_doc, pdf, options)
    picture = ExportSource(export_doc).picture(first)
    area = content_area(page_size("A4", False))
    expected = len(tiles((picture.width, picture.height), area, 2 * PX, 8 * 72 / 25.4))
    assert expected >= 4
    assert int(info(tool, pdf)["Pages"]) == written == expected + 1
    last = run(tool("pdftotext"), "-f", str(written), "-l", str(written), str(pdf), "-")
    assert f"Page {written} / {written}" in last
    assert re.search(r"(Sheet|Feuille) [A-Z]+\d+ (of|sur) \d+", last)


def test_every_map_in_one_pdf_with_an_outline(
    export_doc: Document, tmp_path: Path, tool: Tool
) -> None:
    pdf = tmp_path / "all.pdf"
    export_pdf(export_doc, pdf, ExportOptions(cover=True))
    found = json.loads(run(tool("qpdf"), "--json", "--json-key=outlines", str(pdf)))
    entries = [(entry["title"], entry["destpageposfrom1"]) for entry in found["outlines"]]
    names = [m.name for m in export_doc.maps()]
    assert entries == [(name, 1 + 2 * index) for index, name in enumerate(names)]


def test_print_goes_through_the_same_pages(
    export_doc: Document, tmp_path: Path, tool: Tool
) -> None:
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    configure_printer(printer, "A3", landscape=True)
    options = ExportOptions(cover=True, date=DATE)
    pages = print_map(export_doc, printer, options)
    assert pages == 2 * len(export_doc.maps())
    found = info(tool, target)
    assert int(found["Pages"]) == pages
    width, _x, height = found["Page size"].split()[:3]
    assert found["Page size"].endswith("(A3)") and float(width) > float(height)
