"""How the export test project and each golden image are made.

Shared by the tests and by tools/refresh_goldens.py, so a refreshed golden is made
exactly as the test makes the image it compares with it.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PIL import Image as PilImage
from PIL import ImageDraw
from PySide6.QtCore import QRectF

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Persona, Project
from journeyeditor.render.export import ExportOptions, ExportSource, export_pdf, render_png
from journeyeditor.render.measures import MEASURE_KINDS
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.images import check_image

from .canvas import map_scene, map_size, scene_image
from .measured_cases import make_measured

GOLDEN = Path(__file__).resolve().parent / "golden"
DATE = dt.date(2025, 3, 14)
ACCENTS = "Œuvre à côté : « ça coûte 12 € », l’été — très bien, de bon cœur"
GOLDEN_CHANGED = 20
"""Pixels that may change (tests/export/pixels.py, strict: the same renderer) between a
golden image and the image made now; hiding a page number changes over 100."""
GOLDEN_DPI = 60


def drawn_png(width: int, height: int, fill: str, ring: str) -> bytes:
    """A small picture drawn by Pillow, the same on every run."""
    image = PilImage.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, width - 1, height - 1), radius=min(width, height) // 5, fill=fill)
    pen.ellipse((width * 0.3, height * 0.2, width * 0.7, height * 0.8), outline=ring, width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def make_project(path: Path) -> Path:
    """The French sample, branded (logo, accent colour), a persona photo, and a card of accents."""
    plan = templates.template_plan("sample", "fr")
    database.create_file(path, interchange.populate_from(plan))
    document = Document.open(path)
    try:
        project = document.project()
        logo = check_image(drawn_png(240, 80, "#c0392b", "#ffffff"))
        photo = check_image(drawn_png(120, 150, "#3d85c6", "#f2d15c"))
        first = document.maps()[0]
        lane = next(x for x in document.lanes(first.id) if x.kind == "text")
        stage = document.stages(first.id)[0]
        for command in (
            edits.set_image(document, Project, project.id, "logo_image_id", logo),
            edits.edit_project(document, accent_color="#c0392b"),
            edits.set_image(document, Persona, first.persona_id or 1, "photo_image_id", photo),
            edits.add_card(document, stage.id, lane.id, text=ACCENTS, evidence="research"),
        ):
            assert document.push(command)
    finally:
        document.close()
    return path


def canvas_image(document: Document, map_id: int) -> PilImage.Image:
    """The map as the window's scene draws it at 100 %."""
    with map_scene(document, map_id) as scene:
        width, height = map_size(scene)
        return scene_image(scene, (round(width), round(height)), QRectF(0, 0, width, height))


def rasterise(pdf: Path, page: int, dpi: float) -> PilImage.Image:
    """One PDF page as poppler's pdftoppm draws it."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                f"{dpi:.6f}",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                "-png",
                str(pdf),
                str(prefix),
            ],
            check=True,
        )
        with PilImage.open(prefix.with_suffix(".png")) as image:
            return image.convert("RGB")


def first_map(document: Document) -> int:
    return document.maps()[0].id


def _pdf_page(options: ExportOptions, page: int) -> Callable[[Document, Path], PilImage.Image]:
    def make(document: Document, folder: Path) -> PilImage.Image:
        target = folder / "golden.pdf"
        chosen = replace(options, maps=(first_map(document),))
        export_pdf(document, target, chosen)
        return rasterise(target, page, GOLDEN_DPI)

    return make


def framed_png(document: Document, folder: Path) -> PilImage.Image:
    """The first map framed (title, persona, legend) as a PNG, as `export --frame` writes it."""
    del folder
    options = ExportOptions(maps=(first_map(document),), frame=True, date=DATE, dpi=GOLDEN_DPI)
    data = render_png(ExportSource(document), first_map(document), options)
    with PilImage.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


def measured_lanes(language: str) -> Callable[[Document, Path], PilImage.Image]:
    """The funnel and survey lanes of a measured sample (tests/export/measured_cases.py)
    as the window's scene draws them, cut from the whole map at 100 %."""

    def make(document: Document, folder: Path) -> PilImage.Image:
        del document
        path = make_measured(folder / f"measured_{language}.journey", language)
        measured = Document.open(path, read_only=True)
        try:
            map_id = first_map(measured)
            _content, laid = ExportSource(measured).layout(map_id)
            top = min(h.rect.y for h in laid.lanes if h.kind in MEASURE_KINDS)
            image = canvas_image(measured, map_id)
        finally:
            measured.close()
        return image.crop((0, round(top), image.width, image.height))

    return make


GOLDENS: dict[str, Callable[[Document, Path], PilImage.Image]] = {
    "canvas_fr.png": lambda document, _folder: canvas_image(document, first_map(document)),
    "pdf_cover_a4_landscape.png": _pdf_page(
        ExportOptions(page="A4", landscape=True, cover=True, date=DATE), 1
    ),
    "pdf_fit_a4_landscape.png": _pdf_page(
        ExportOptions(page="A4", landscape=True, cover=True, date=DATE), 2
    ),
    "pdf_cover_a3_portrait.png": _pdf_page(ExportOptions(page="A3", cover=True, date=DATE), 1),
    "pdf_tile_a4_portrait_2.png": _pdf_page(ExportOptions(page="A4", tile=True, date=DATE), 2),
    "png_framed_fr.png": framed_png,
    "measured_lanes_en.png": measured_lanes("en"),
    "measured_lanes_fr.png": measured_lanes("fr"),
}


def have_poppler() -> bool:
    return shutil.which("pdftoppm") is not None
