"""PNG and SVG that stand alone: the frame (title, date, persona, legend) and SVG text
drawn as outlines."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image as PilImage
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from journeyeditor import cli
from journeyeditor.editing.document import Document
from journeyeditor.render import fonts
from journeyeditor.render.cover import CoverIn, PersonaIn
from journeyeditor.render.export import (
    ExportOptions,
    ExportSource,
    image_size,
    map_offset,
    render_png,
    render_svg,
)
from journeyeditor.render.frame import Framed, frame_map
from journeyeditor.render.layout import Rect
from journeyeditor.render.primitives import Text
from journeyeditor.render.print_words import print_words
from journeyeditor.render.sheets import Branding, extent, overlaps
from journeyeditor.ui.export_dialog import ExportDialog

from .canvas import pillow
from .pixels import compare
from .render_cases import ACCENTS, DATE, first_map
from helpers.projects import child_environment

SVG = "{http://www.w3.org/2000/svg}"
OUTLINE_WORST = 250
OUTLINE_TOTAL = 12_000
"""Changed pixels (one-pixel shifts forgiven) in the worst square and in all, between an
SVG with text as <text> and one with text as outlines, both drawn by QtSvg (measured:
182 and about 8,000 of 2.7 million). QtSvg sets <text> with its own kerning, so a long
line drifts by a pixel or two from the outlines, which keep the export's advances. A
line of text left out or drawn at another size changes a square densely."""


def png(data: bytes) -> PilImage.Image:
    with PilImage.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


def svg_image(data: bytes) -> PilImage.Image:
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    image = QImage(round(box.width()), round(box.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return pillow(image)


def words_of(framed: Framed) -> list[str]:
    return [shape.line.text for shape in framed.shapes if isinstance(shape, Text)]


@pytest.mark.parametrize("dpi", [96, 150])
def test_framed_png_holds_the_map_unchanged(
    export_doc: Document, dpi: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map part of a framed PNG is the unframed PNG, shifted: at a DPI where the
    shift is not a whole number of pixels too, and drawn in several bands."""
    source = ExportSource(export_doc)
    map_id = first_map(export_doc)
    monkeypatch.setattr("journeyeditor.render.export.BAND_PIXELS", 1_000_000)
    plain = png(render_png(source, map_id, ExportOptions(dpi=dpi)))
    options = ExportOptions(dpi=dpi, frame=True, date=DATE)
    framed = png(render_png(source, map_id, options))
    frame = source.frame(map_id, options)
    assert frame is not None
    assert framed.size == image_size(frame, dpi)
    assert framed.width > plain.width and framed.height > plain.height
    dx, dy = map_offset(frame, dpi / 96)
    assert dy > 0
    inside = framed.crop((dx, dy, dx + plain.width, dy + plain.height))
    found = compare(inside, plain, shifts=False)
    assert found.changed == 0, found.describe()


def test_the_frame_names_the_map_and_shows_its_legend(export_doc: Document) -> None:
    source = ExportSource(export_doc)
    map_id = first_map(export_doc)
    journey = export_doc.maps()[0]
    frame = source.frame(map_id, ExportOptions(frame=True, date=DATE))
    assert frame is not None
    said = words_of(frame)
    assert journey.name in said
    assert export_doc.project().name in said
    state_and_date = next(text for text in said if "14 mars 2025" in text)
    assert state_and_date.startswith("Parcours actuel")
    persona = next(text for text in said if text.startswith("Thomas"))
    assert journey.segment in persona
    for heading in ("Légende", "Couloirs", "Canaux", "Départements", "Niveau de preuve"):
        assert heading in said, heading
    assert "Irritants" in said and "Site web" in said
    assert source.frame(map_id, ExportOptions()) is None


def _cover(title: str = "Map") -> CoverIn:
    return CoverIn(
        title=title,
        date="14 March 2025",
        state="current",
        segment="Urban men",
        persona=PersonaIn("Thomas", role="Engineer"),
        lane_kinds=("text", "touchpoint", "pain_point", "opportunity"),
        channels=("web", "store", "email"),
        departments=(("Sales", "#e76f51"), ("Marketing", "#457b9d")),
        evidence=("assumption", "research"),
        emotions=True,
    )


def _framed(width: float, height: float, cover: CoverIn) -> Framed:
    words = print_words("en")
    return frame_map(
        width, height, cover, Branding("Project", logo=1), words, fonts.metrics().width
    )


@pytest.mark.parametrize(("width", "height", "beside"), [(3000, 900, False), (700, 1800, True)])
def test_legend_beside_a_tall_map_below_a_wide_one_never_over_it(
    width: float, height: float, beside: bool
) -> None:
    framed = _framed(width, height, _cover())
    measure = fonts.metrics().width
    where = Rect(framed.map_x, framed.map_y, width, height)
    heading = next(s for s in framed.shapes if isinstance(s, Text) and s.line.text == "Legend")
    if beside:
        assert heading.line.x >= where.right and heading.line.y < where.bottom
    else:
        assert heading.line.y > where.bottom
    for shape in framed.shapes:
        box = extent(shape, measure)
        assert not overlaps(box, where), shape
        assert box.right <= framed.width + 1 and box.bottom <= framed.height + 1, shape


def test_a_long_title_wraps_instead_of_being_cut() -> None:
    title = " ".join(["Parcours"] * 60)
    framed = _framed(400, 300, _cover(title))
    measure = fonts.metrics().width
    lines = [s for s in framed.shapes if isinstance(s, Text) and s.line.text.startswith("Parcours")]
    assert len(lines) > 3
    assert " ".join(s.line.text for s in lines) == title
    for shape in lines:
        assert extent(shape, measure).right <= framed.width + 1


def _texts(data: bytes) -> list[ElementTree.Element]:
    return list(ElementTree.fromstring(data).iter(f"{SVG}text"))


def test_svg_text_as_outlines_looks_the_same(export_doc: Document) -> None:
    source = ExportSource(export_doc)
    map_id = first_map(export_doc)
    options = ExportOptions(frame=True, date=DATE)
    as_text = render_svg(source, map_id, options)
    outlined = render_svg(source, map_id, ExportOptions(frame=True, date=DATE, text_as_paths=True))
    assert _texts(outlined) == []
    assert len(list(ElementTree.fromstring(outlined).iter(f"{SVG}path"))) > 100
    words = "".join("".join(t.itertext()) for t in _texts(as_text))
    squeezed = "".join(words.split())
    cards = export_doc.cards(map_id)
    assert cards
    for card in cards:
        assert "".join(card.text.split()) in squeezed, card.text
    assert "".join(ACCENTS.split()) in squeezed
    assert "Légende" in squeezed
    found = compare(svg_image(as_text), svg_image(outlined))
    assert found.worst <= OUTLINE_WORST and found.changed <= OUTLINE_TOTAL, found.describe()


def test_command_line_frame_and_outlines(
    export_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--frame (in a child process, as a person runs it), and SVG text as outlines unless
    --no-text-as-paths."""
    framed_png = tmp_path / "framed.png"
    command = [sys.executable, "-m", "journeyeditor", "export", str(export_file), "--frame"]
    result = subprocess.run(
        [*command, "--format", "png", "-o", str(framed_png)],
        env=child_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    argv = ["export", str(export_file), "-o"]
    plain_png, outlined, as_text = tmp_path / "plain.png", tmp_path / "a.svg", tmp_path / "b.svg"
    assert cli.main([*argv, str(plain_png), "--format", "png"]) == 0
    assert cli.main([*argv, str(outlined), "--format", "svg"]) == 0
    assert cli.main([*argv, str(as_text), "--format", "svg", "--no-text-as-paths"]) == 0
    capsys.readouterr()
    with PilImage.open(plain_png) as plain, PilImage.open(framed_png) as framed:
        assert framed.width > plain.width and framed.height > plain.height
    assert _texts(outlined.read_bytes()) == []
    assert len(list(ElementTree.parse(outlined).getroot().iter(f"{SVG}path"))) > 100
    words = "".join("".join(t.itertext()) for t in _texts(as_text.read_bytes()))
    assert "".join(ACCENTS.split()) in "".join(words.split())


def pixels_said(dialog: ExportDialog) -> tuple[int, int]:
    """The image size the dialog's summary gives ("1792 × 1485 pixels; …")."""
    found = re.match(r"(\d+) × (\d+) pixels", dialog.summary.text())
    assert found is not None, dialog.summary.text()
    return int(found[1]), int(found[2])


def test_dialog_frames_png_and_svg_by_default(qtbot: QtBot, branded_copy: Document) -> None:
    dialog = ExportDialog(branded_copy, branded_copy.maps()[0].id)
    qtbot.addWidget(dialog)
    try:
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("png"))
        dialog.refresh()
        assert dialog.frame_check.isChecked() and dialog.options().frame
        assert not dialog.outlines_check.isEnabled()
        framed, framed_size = dialog.preview.image.copy(), pixels_said(dialog)
        dialog.frame_check.setChecked(False)
        dialog.refresh()
        plain, plain_size = dialog.preview.image.copy(), pixels_said(dialog)
        assert framed_size[0] > plain_size[0] and framed_size[1] > plain_size[1]
        assert framed.width() / framed.height() != pytest.approx(
            plain.width() / plain.height(), abs=0.05
        ), "the preview shows the frame"
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("svg"))
        dialog.refresh()
        assert dialog.outlines_check.isEnabled() and dialog.options().text_as_paths
        dialog.outlines_check.setChecked(False)
        assert not dialog.options().text_as_paths
    finally:
        dialog.done(0)
    again = ExportDialog(branded_copy, branded_copy.maps()[0].id)
    qtbot.addWidget(again)
    try:
        assert not again.frame_check.isChecked() and not again.outlines_check.isChecked()
    finally:
        again.done(0)
