"""What an export draws from an open project: maps laid out, covers, printed sheets.

Pictures and images are computed once per source and reused, so the export dialog's
preview can redraw on every change of option without laying the map out again.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PIL import Image as PilImage
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QImage
from reportlab.lib.utils import ImageReader

from journeyeditor import __version__
from journeyeditor.editing.document import Document, image_bytes
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model import Image, JourneyMap, Persona
from journeyeditor.model.enums import Channel, Evidence, LaneKind
from journeyeditor.render import content, drawing, fonts, labels, layout, pdf_painter
from journeyeditor.render.cover import CoverIn, PersonaIn, cover_shapes
from journeyeditor.render.layout import Rect
from journeyeditor.render.pages import PX, Size, page_size
from journeyeditor.render.pictures import decode
from journeyeditor.render.primitives import Box, Primitive
from journeyeditor.render.print_words import print_words
from journeyeditor.render.sheets import (
    Branding,
    MapPicture,
    Pages,
    Part,
    PrintWords,
    sheet_tiling,
)
from journeyeditor.store.errors import BadImageError, JourneyFileError
from journeyeditor.store.images import check_image

translate = QCoreApplication.translate

PDF_IMAGE_SIDE = 2000
"""Longest side of a picture placed in a PDF, in pixels: enough for print, not more."""


class ExportError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be exported: {detail}.")
    exit_code = 12


@dataclass(frozen=True)
class ExportOptions:
    """What a person chose in the export dialog or on the command line."""

    maps: tuple[int, ...] = ()
    """Map ids; none means every map for PDF and print, the first map for PNG and SVG."""
    page: str = "A4"
    landscape: bool = False
    tile: bool = False
    scale: float = 1.0
    """Printed size when tiling: 1.0 prints a map pixel as 1/96 inch."""
    cover: bool = False
    dpi: int = 96
    transparent: bool = False
    date: dt.date | None = None
    """The date on the cover; today when None."""
    delimiter: str | None = None
    """CSV: ",", ";" or "tab"; None follows the project's language (render/csv_export)."""


class ExportSource:
    """A document's maps laid out once and drawn as often as needed (the preview redraws)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.measure = fonts.metrics().width
        self._pictures: dict[int, MapPicture] = {}
        self._sound: dict[int, bytes | None] = {}
        self._qt_images: dict[int, QImage | None] = {}
        self._pdf_images: dict[int, ImageReader | None] = {}

    @property
    def language(self) -> str:
        return self.document.project().language or "en"

    def map_ids(self, options: ExportOptions, every: bool) -> list[int]:
        """The maps to export; refuses an unknown map and a project without maps."""
        for map_id in options.maps:
            if self.document.get(JourneyMap, map_id) is None:
                raise ExportError(
                    self.document.path,
                    translate("Export", "it has no map number {0}").format(map_id),
                )
        if options.maps:
            return list(options.maps)
        ids = [m.id for m in self.document.maps()]
        if not ids:
            raise ExportError(self.document.path, translate("Export", "it has no map"))
        return ids if every else ids[:1]

    def picture(self, map_id: int) -> MapPicture:
        found = self._pictures.get(map_id)
        if found is None:
            mapped = content.map_content(self.document, map_id)
            words = labels.labels(self.language)
            measurer = layout.CardMeasurer(
                self.measure, meta=drawing.meta_lines(words, self.measure)
            )
            laid = layout.layout_map(mapped, measurer)
            shapes = drawing.map_shapes(laid, words, self.measure)
            if (
                shapes
                and isinstance(shapes[0], Box)
                and shapes[0].rect == Rect(0, 0, laid.width, laid.height)
            ):
                shapes = shapes[1:]  # the white under the map: the page or image supplies it
            found = MapPicture.of(mapped.title, laid.width, laid.height, shapes, self.measure)
            self._pictures[map_id] = found
        return found

    # Images, checked again: a .journey file is untrusted input.

    def _checked(self, image_id: int) -> bytes | None:
        """The image's bytes if Pillow finds them sound (an image is never changed in place)."""
        if image_id not in self._sound:
            data = image_bytes(self.document, image_id)
            try:
                self._sound[image_id] = check_image(data).data if data is not None else None
            except BadImageError:
                self._sound[image_id] = None
        return self._sound[image_id]

    def _usable(self, image_id: int | None) -> int | None:
        """`image_id` if it names a sound image, else None (the picture is left out)."""
        return image_id if image_id is not None and self._checked(image_id) else None

    def qt_image(self, image_id: int) -> QImage | None:
        if image_id not in self._qt_images:
            self._qt_images[image_id] = decode(self._checked(image_id))
        return self._qt_images[image_id]

    def pdf_image(self, image_id: int) -> ImageReader | None:
        """Images for the PDF, no larger than print needs."""
        if image_id not in self._pdf_images:
            data = self._checked(image_id)
            reader = None
            if data is not None:
                with PilImage.open(io.BytesIO(data)) as opened:
                    picture = opened.convert(
                        "RGBA" if "A" in opened.getbands() or opened.mode == "P" else "RGB"
                    )
                picture.thumbnail((PDF_IMAGE_SIDE, PDF_IMAGE_SIDE))
                reader = ImageReader(picture)
            self._pdf_images[image_id] = reader
        return self._pdf_images[image_id]

    def _ratio(self, image_id: int | None) -> float:
        image = self.document.get(Image, image_id)
        return image.width / image.height if image is not None and image.height else 1.0

    # Printed pages

    def branding(self) -> Branding:
        project = self.document.project()
        logo = self._usable(project.logo_image_id)
        return Branding(project.name, project.accent_color or "#2f6fdb", logo, self._ratio(logo))

    def words(self) -> PrintWords:
        return print_words(self.language)

    def cover(self, map_id: int, date: dt.date | None = None) -> CoverIn:
        """What the cover of a map says: only the kinds, channels and departments it uses."""
        journey = self.document.get(JourneyMap, map_id)
        lanes = self.document.lanes(map_id)
        cards = self.document.cards(map_id)
        kind_of = {lane.id: lane.kind for lane in lanes}
        kinds = [k.value for k in LaneKind if k.value in kind_of.values()]
        used = {card.channel for card in cards if kind_of.get(card.lane_id) == LaneKind.TOUCHPOINT}
        departments = {card.department_id for card in cards}
        evidence = {card.evidence for card in cards}
        when = date or dt.date.today()
        day = QDate(when.year, when.month, when.day)
        return CoverIn(
            title=journey.name if journey else "",
            date=QLocale(self.language).toString(day, QLocale.FormatType.LongFormat),
            state=journey.state if journey else "",
            segment=journey.segment if journey else "",
            description=journey.description if journey else "",
            persona=self._persona(journey.persona_id if journey else None),
            lane_kinds=tuple(kinds),
            channels=tuple(c.value for c in Channel if c.value in used),
            departments=tuple(
                (d.name, d.color) for d in self.document.departments() if d.id in departments
            ),
            evidence=tuple(e.value for e in Evidence if e.value in evidence),
            emotions=LaneKind.EMOTION.value in kinds,
        )

    def _persona(self, persona_id: int | None) -> PersonaIn | None:
        persona = self.document.get(Persona, persona_id)
        if persona is None:
            return None
        photo = self._usable(persona.photo_image_id)
        return PersonaIn(
            name=persona.name,
            role=persona.role,
            age=persona.age,
            category=persona.category,
            quote=persona.quote,
            goals=persona.goals,
            frustrations=persona.frustrations,
            photo=photo,
            photo_ratio=self._ratio(photo),
        )

    def sheets(self, options: ExportOptions, page: Size | None = None) -> Pages:
        """Every printed page: per map an optional cover, then the map fitted or tiled.

        Pages are made one at a time as they are drawn: a tiled map may take thousands.
        """
        page = page or page_size(options.page, options.landscape)
        branding, words = self.branding(), self.words()
        parts = []
        for map_id in self.map_ids(options, every=True):
            picture = self.picture(map_id)
            cover = (
                partial(self._cover_shapes, map_id, options.date, page, branding, words)
                if options.cover
                else None
            )
            tiles = sheet_tiling(picture, page, PX * options.scale) if options.tile else None
            parts.append(Part(picture, cover, tiles))
        return Pages(parts, page, branding, words, self.measure)

    def _cover_shapes(
        self,
        map_id: int,
        date: dt.date | None,
        page: Size,
        branding: Branding,
        words: PrintWords,
    ) -> Sequence[Primitive]:
        return cover_shapes(page, self.cover(map_id, date), branding, words, self.measure)

    def pdf_info(self, options: ExportOptions) -> pdf_painter.PdfInfo:
        ids = self.map_ids(options, every=True)
        project = self.document.project().name
        title = self.picture(ids[0]).title if len(ids) == 1 else project
        return pdf_painter.PdfInfo(
            title=title or project,
            subject=project,
            creator=f"Journey Editor {__version__}",
            language=self.language,
        )
