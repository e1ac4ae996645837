"""PNG and SVG files: size, resolution written in the file, background, real text."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image as PilImage

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render.export import (
    MAX_PIXELS,
    ExportError,
    ExportOptions,
    ExportSource,
    export_png,
    export_svg,
    image_size,
)

from .render_cases import ACCENTS, first_map

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("dpi", [96, 300])
def test_png_has_the_size_and_resolution_asked_for(
    export_doc: Document, tmp_path: Path, dpi: int
) -> None:
    target = tmp_path / "map.png"
    size = export_png(export_doc, target, ExportOptions(dpi=dpi))
    picture = ExportSource(export_doc).picture(first_map(export_doc))
    with PilImage.open(target) as image:
        assert image.size == size == image_size(picture, dpi)
        assert image.width == pytest.approx((picture.width + 32) * dpi / 96, abs=1)
        assert tuple(round(d) for d in image.info["dpi"]) == (dpi, dpi)
        assert image.mode == "RGB"
        assert image.getpixel((2, 2)) == (255, 255, 255)


def test_transparent_png_shows_through_around_the_map(export_doc: Document, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    export_png(export_doc, target, ExportOptions(transparent=True))
    with PilImage.open(target) as image:
        assert image.mode == "RGBA"
        corner = image.getpixel((2, 2))
        middle = image.getpixel((image.width // 2, image.height // 2))
        assert isinstance(corner, tuple) and isinstance(middle, tuple)
        assert (corner[3], middle[3]) == (0, 255)


def test_png_of_a_chosen_map(export_doc: Document, tmp_path: Path) -> None:
    third = export_doc.maps()[2].id
    target = tmp_path / "third.png"
    size = export_png(export_doc, target, ExportOptions(maps=(third,)))
    assert size == image_size(ExportSource(export_doc).picture(third), 96)


def test_too_large_a_png_is_refused_before_drawing(
    export_doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("journeyeditor.render.export.MAX_PIXELS", 1000)
    target = tmp_path / "huge.png"
    with pytest.raises(ExportError) as raised:
        export_png(export_doc, target, ExportOptions(dpi=600))
    assert "600 DPI" in raised.value.message()
    assert not target.exists()
    assert MAX_PIXELS > 100_000_000


def test_svg_keeps_text_as_text(export_doc: Document, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    export_svg(export_doc, target, ExportOptions())
    root = ElementTree.parse(target).getroot()
    picture = ExportSource(export_doc).picture(first_map(export_doc))
    view = [float(v) for v in root.attrib["viewBox"].split()]
    assert view == [0, 0, picture.width + 32, picture.height + 32]
    words = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    squeezed = "".join(words.split())
    for card in export_doc.cards(first_map(export_doc)):
        assert "".join(card.text.split()) in squeezed
    assert "".join(ACCENTS.split()) in squeezed
    assert root.find(f"{SVG}title") is not None


def test_transparent_svg_has_no_backdrop(export_doc: Document, tmp_path: Path) -> None:
    plain, clear = tmp_path / "plain.svg", tmp_path / "clear.svg"
    export_svg(export_doc, plain, ExportOptions())
    export_svg(export_doc, clear, ExportOptions(transparent=True))
    assert plain.stat().st_size > clear.stat().st_size
    assert 'fill="#ffffff"' in plain.read_text()[:3000]


def test_a_project_without_maps_says_so(branded_copy: Document, tmp_path: Path) -> None:
    for journey_map in branded_copy.maps():
        assert branded_copy.push(edits.delete_map(branded_copy, journey_map.id))
    with pytest.raises(ExportError) as raised:
        export_png(branded_copy, tmp_path / "none.png", ExportOptions())
    assert "has no map" in raised.value.message()
