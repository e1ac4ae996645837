"""Nothing is ever cut: every text of the sample maps reaches every export whole.

Text the layout cannot fit wraps and its row grows; an ellipsis ("…") may appear in an
export only where the person typed one. PDF is read back with pdftotext; PNG, SVG and
print draw the primitives of `ExportSource` (the map, its sheets, covers and footers),
so those are walked directly, through the same layout every export uses.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from journeyeditor.editing.document import Document
from journeyeditor.render import drawing, layout
from journeyeditor.render.content import map_content
from journeyeditor.render.export import ExportOptions, ExportSource, export_pdf
from journeyeditor.render.layout import Header, TextLine
from journeyeditor.render.primitives import Group, Primitive, Text
from journeyeditor.store import templates

ELLIPSIS = "…"
Tool = Callable[[str], str]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def typed_ellipses(language: str) -> list[str]:
    """Every text of the sample that holds an ellipsis of its own, spaces made single."""
    path = templates.template_path("sample", language)
    data = json.loads(path.read_text(encoding="utf-8"))
    return [" ".join(text.split()) for text in _strings(data) if ELLIPSIS in text]


def language(document: Document) -> str:
    return document.project().language or "en"


def unexplained(lines: Iterable[str], typed: list[str]) -> list[str]:
    """Lines that hold an ellipsis no source text explains (the line is not part of one)."""
    return [
        line
        for line in lines
        if ELLIPSIS in line and not any(" ".join(line.split()) in text for text in typed)
    ]


def texts(shapes: Iterable[Primitive]) -> Iterator[str]:
    for shape in shapes:
        if isinstance(shape, Group):
            yield from texts(shape.items)
        elif isinstance(shape, Text):
            yield shape.line.text


OPTIONS = [
    ExportOptions(page="A3", landscape=True, cover=True),
    ExportOptions(page="A4", cover=True),
    ExportOptions(page="A4", tile=True, scale=0.6),
]


def test_the_sample_has_a_typed_ellipsis_to_tell_apart() -> None:
    """The check below must let a person's own "…" through: the sample holds one."""
    assert typed_ellipses("fr") and typed_ellipses("en")


@pytest.mark.parametrize("options", OPTIONS, ids=["a3-landscape-cover", "a4-cover", "a4-tiles"])
def test_no_ellipsis_in_the_pdf(
    sample_doc: Document, tmp_path: Path, tool: Tool, options: ExportOptions
) -> None:
    target = tmp_path / "sample.pdf"
    export_pdf(sample_doc, target, options)
    text = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(target), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = unexplained(text.splitlines(), typed_ellipses(language(sample_doc)))
    assert not found, f"cut in the PDF: {found}"


def test_no_ellipsis_in_what_png_svg_and_print_draw(sample_doc: Document) -> None:
    """The maps' primitives (PNG, SVG) and every printed sheet (print, preview)."""
    source = ExportSource(sample_doc)
    typed = typed_ellipses(language(sample_doc))
    drawn: list[str] = []
    for map_id in source.map_ids(ExportOptions(), every=True):
        drawn += texts(source.picture(map_id).shapes)
    for options in OPTIONS:
        for sheet in source.sheets(options):
            drawn += texts(sheet.items)
            if sheet.view is not None:
                drawn += texts(sheet.view.shapes)
    assert drawn
    found = unexplained(drawn, typed)
    assert not found, f"cut in a drawn export: {found}"


def _joined(lines: Iterable[TextLine]) -> str:
    return " ".join(line.text for line in lines)


def _inside(header: Header) -> bool:
    r = header.rect
    return all(
        r.y <= line.y - line.size and line.y + line.size * 0.3 <= r.bottom for line in header.lines
    )


def test_every_name_and_detail_is_laid_out_whole(sample_doc: Document) -> None:
    """Headers, the corner's map name, emotion notes and detail rows keep every word,
    inside their (grown) boxes: a dropped last line would leave no "…" to find."""
    source = ExportSource(sample_doc)
    words = drawing.Labels()
    measurer = layout.CardMeasurer(source.measure, meta=drawing.meta_lines(words, source.measure))
    for journey in sample_doc.maps():
        content = map_content(sample_doc, journey.id)
        laid = layout.layout_map(content, measurer)
        assert _joined(laid.title_lines) == " ".join(content.title.split())
        corner = Header(0, laid.corner, laid.title_lines, "")
        assert _inside(corner)
        stages = {stage.id: stage.name for stage in content.stages}
        lanes = {lane.id: lane.name for lane in content.lanes}
        for headers, names in ((laid.stages, stages), (laid.lanes, lanes)):
            for header in headers:
                assert _inside(header), header
                assert _joined(header.lines) == " ".join(names[header.id].split())
        for curve in laid.curves.values():
            notes = {p.stage_id: p.note for p in content.points if p.lane_id == curve.lane_id}
            for point in curve.points:
                assert _joined(point.note_lines) == " ".join(notes[point.stage_id].split())
        for box in laid.cards.values():
            if box.meta is None:
                continue
            text = drawing.meta_words(box.card, box.lane_kind, box.meta.w, words, source.measure)[0]
            # Words, compared whitespace by whitespace: a no-break space stays inside a line.
            assert " ".join(box.meta_lines).split() == text.split()
