"""The summary page: the map's ranked pain points and opportunities after the map, in
the map's language, only when asked for and only for a map that has some."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render import fonts
from journeyeditor.render.export import ExportOptions, ExportSource, export_pdf
from journeyeditor.render.layout import CardIn, LaneIn, MapContent, StageIn
from journeyeditor.render.pages import page_size
from journeyeditor.render.primitives import Text
from journeyeditor.render.ranking import ranked
from journeyeditor.render.summary_page import SUMMARY_LIMIT, SummaryWords, summary_shapes
from journeyeditor.ui.export_dialog import ExportDialog

from .test_pdf import Tool, info, squeeze

A4 = page_size("A4", False)


def _words_in(shapes: list[object]) -> list[str]:
    return [shape.line.text for shape in shapes if isinstance(shape, Text)]


def _content(count: int, text: str = "card") -> MapContent:
    return MapContent(
        "Map",
        (StageIn(1, "Discover", "#fff", 200),),
        (LaneIn(10, "Pains", "pain_point", "#fff", 100),),
        tuple(CardIn(i, 1, 10, i, f"c{i} {text}", votes=count - i) for i in range(count)),
    )


def test_rows_follow_the_ranking_and_long_texts_wrap_whole() -> None:
    measure = fonts.metrics().width
    long = " ".join(f"word{i}" for i in range(60))
    content = _content(3, long)
    shapes = summary_shapes(A4, "Map", ranked(content), SummaryWords(), "#c0392b", measure)
    texts = _words_in(shapes)
    for card in range(3):
        lines = [t for t in texts if t.startswith(f"c{card} ")]
        assert len(lines) == 1
        start = texts.index(lines[0])
        words = " ".join(texts[start : start + 30]).split()
        assert [w for w in words if w.startswith("word")][:60] == long.split()
    tops = [
        next(s.line.y for s in shapes if isinstance(s, Text) and s.line.text.startswith(f"c{i} "))
        for i in range(3)
    ]
    assert tops == sorted(tops)


def test_rows_past_the_page_are_counted_not_drawn() -> None:
    measure = fonts.metrics().width
    entries = ranked(_content(40, "a card long enough to take four or five lines " * 4))
    words = SummaryWords(more="… and {0} more")
    shapes = summary_shapes(A4, "Map", entries, words, "#c0392b", measure)
    texts = _words_in(shapes)
    shown = sum(1 for i in range(40) if any(t.startswith(f"c{i} ") for t in texts))
    assert 1 < shown < SUMMARY_LIMIT
    assert [t for t in texts if re.match(r"c\d+ ", t)][:shown] == [
        next(t for t in texts if t.startswith(f"c{i} ")) for i in range(shown)
    ]
    assert f"… and {40 - shown} more" in texts
    bottom = max(shape.line.y for shape in shapes if isinstance(shape, Text))
    assert bottom < A4[1] - 36


def test_the_pdf_gets_the_page_after_each_map_that_has_ranked_cards(
    export_doc: Document, tmp_path: Path, tool: Tool
) -> None:
    source = ExportSource(export_doc)
    first = export_doc.maps()[0].id
    plain = len(source.sheets(ExportOptions(maps=(first,))))
    assert len(source.sheets(ExportOptions(maps=(first,), summary=True))) == plain + 1
    pdf = tmp_path / "summary.pdf"
    export_pdf(export_doc, pdf, ExportOptions(maps=(first,), summary=True, cover=True))
    pages = int(info(tool, pdf)["Pages"])
    assert pages == plain + 2
    last = subprocess.run(
        [tool("pdftotext"), "-f", str(pages), "-l", str(pages), "-raw", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Principaux irritants et opportunités" in last
    best = source.top(first)[0]
    assert squeeze(best.card.text) in squeeze(last)
    assert f"Page {pages} / {pages}" in last


def test_no_page_for_a_map_without_pain_points_or_opportunities(branded_copy: Document) -> None:
    first = branded_copy.maps()[0].id
    source = ExportSource(branded_copy)
    plain = len(source.sheets(ExportOptions(maps=(first,))))
    ranked_lanes = [
        lane.id for lane in branded_copy.lanes(first) if lane.kind in ("pain_point", "opportunity")
    ]
    for lane_id in ranked_lanes:
        assert branded_copy.push(edits.delete_lane(branded_copy, lane_id))
    source = ExportSource(branded_copy)
    assert len(source.sheets(ExportOptions(maps=(first,), summary=True))) == plain


def test_the_export_dialog_offers_it_and_remembers_it(qtbot: QtBot, branded_copy: Document) -> None:
    dialog = ExportDialog(branded_copy, branded_copy.maps()[0].id)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("Pages: 1,")
    dialog.summary_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Pages: 2,"))
    dialog.next_button.click()
    assert dialog.page_label.text() == "Page 2 of 2"
    dialog.save_settings()
    dialog.done(0)
    again = ExportDialog(branded_copy, branded_copy.maps()[0].id)
    qtbot.addWidget(again)
    assert again.summary_check.isChecked() and again.options().summary
    again.done(0)
