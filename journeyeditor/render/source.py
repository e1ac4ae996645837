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
from journeyeditor.render import content, drawing, fonts, labels, layout, pdf_painter, ranking
from journeyeditor.render.cover import CoverIn, FiguresIn, PersonaIn, TopCard, cover_shapes
from journeyeditor.render.frame import Framed, frame_map
from journeyeditor.render.layout import Rect
from journeyeditor.render.measures import Segment
from journeyeditor.render.pages import (
    AUTO,
    LANDSCAPE,
    ORIENTATIONS,
    PORTRAIT,
    PX,
    Size,
    page_size,
)
from journeyeditor.render.pictures import decode
from journeyeditor.render.primitives import Box, Primitive
from journeyeditor.render.print_words import print_words
from journeyeditor.render.ranking import Ranked, ranked
from journeyeditor.render.sheets import (
    Branding,
    MapPicture,
    Pages,
    Part,
    PrintWords,
    roomier,
    sheet_tiling,
)
from journeyeditor.render.summary_page import SummaryWords, summary_shapes
from journeyeditor.store.errors import BadImageError, JourneyFileError
from journeyeditor.store.images import check_image

translate = QCoreApplication.translate

TOP_CARDS = 3
"""Pain points, and opportunities, listed among a cover's key figures."""
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
    """Kept for callers that predate `orientation`: True means "landscape"."""
    tile: bool = False
    scale: float = 1.0
    """Printed size when tiling: 1.0 prints a map pixel as 1/96 inch."""
    cover: bool = False
    dpi: int = 96
    transparent: bool = False
    date: dt.date | None = None
    """The date on the cover and the frame; today when None."""
    orientation: str = ""
    """portrait, landscape, or auto: each map (and its cover) on the paper turned the way
    that prints it larger, or on fewer sheets when tiled. Empty: from `landscape`."""
    frame: bool = False
    """PNG and SVG: a title block, the date, the persona and a legend around the map."""
    text_as_paths: bool = False
    """SVG: text drawn as glyph outlines (the same look without the font, not selectable)."""
    summary: bool = False
    """A page of the map's top pain points and opportunities after it (when it has some)."""
    delimiter: str | None = None
    """CSV: ",", ";" or "tab"; None follows the project's language (render/csv_export)."""

    def __post_init__(self) -> None:
        chosen = self.orientation or (LANDSCAPE if self.landscape else PORTRAIT)
        if chosen not in ORIENTATIONS:
            raise ValueError(f"orientation {chosen!r} is not one of {ORIENTATIONS}")
        object.__setattr__(self, "orientation", chosen)
        object.__setattr__(self, "landscape", chosen == LANDSCAPE)


class ExportSource:
    """A document's maps laid out once and drawn as often as needed (the preview redraws).
    `segment`: the customers (segment column, value) whose figures the lanes of figures
    show, as the window shows them (None: everyone's)."""

    def __init__(self, document: Document, segment: Segment | None = None) -> None:
        self.document = document
        self.segment = segment
        self.measure = fonts.metrics().width
        self._layouts: dict[int, tuple[layout.MapContent, layout.MapLayout]] = {}
        self._pictures: dict[int, MapPicture] = {}
        self._contents: dict[int, layout.MapContent] = {}
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

    def content(self, map_id: int) -> layout.MapContent:
        """The map's plain content, read once per source."""
        if map_id not in self._contents:
            self._contents[map_id] = content.map_content(self.document, map_id, self.segment)
        return self._contents[map_id]

    def figures(self, map_id: int) -> FiguresIn:
        """The cover's key figures: counts, and the top cards as render/ranking ranks them."""
        mapped = self.content(map_id)

        def top(kind: LaneKind) -> tuple[TopCard, ...]:
            found = ranking.ranked(mapped, (kind.value,), limit=TOP_CARDS)
            return tuple(TopCard(r.rank, r.card.text, r.stage, r.card.votes) for r in found)

        return FiguresIn(
            stages=len(mapped.stages),
            lanes=len(mapped.lanes),
            cards=len(mapped.cards),
            pains=top(LaneKind.PAIN_POINT),
            opportunities=top(LaneKind.OPPORTUNITY),
        )

    def layout(self, map_id: int) -> tuple[layout.MapContent, layout.MapLayout]:
        """A map's content and its layout, made once (the picture and the slides share it)."""
        found = self._layouts.get(map_id)
        if found is None:
            mapped = self.content(map_id)
            words = labels.labels(self.language)
            measurer = layout.CardMeasurer(
                self.measure,
                meta=drawing.meta_lines(words, self.measure),
                figures=drawing.figure_text(words),
            )
            found = (mapped, layout.layout_map(mapped, measurer))
            self._layouts[map_id] = found
        return found

    def picture(self, map_id: int) -> MapPicture:
        found = self._pictures.get(map_id)
        if found is None:
            mapped, laid = self.layout(map_id)
            words = labels.labels(self.language)
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

    def frame(self, map_id: int, options: ExportOptions) -> Framed | None:
        """The frame around a PNG or SVG of the map, when asked for (never cached: the
        dialog's preview follows branding edits)."""
        if not options.frame:
            return None
        picture = self.picture(map_id)
        cover = self.cover(map_id, options.date)
        return frame_map(
            picture.width, picture.height, cover, self.branding(), self.words(), self.measure
        )

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

    def image_data(self, image_id: int) -> bytes | None:
        """The image's bytes if Pillow finds them sound, else None (the picture is left out)."""
        return self._checked(image_id)

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
            figures=self.figures(map_id),
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

        `page` is the paper of a printer, used as it is turned unless the orientation is
        auto. With auto each map and its cover are on the paper turned the way `roomier`
        chooses, so one PDF may mix portrait and landscape pages.
        Pages are made one at a time as they are drawn: a tiled map may take thousands.
        """
        paper = page or page_size(options.page, options.landscape)
        branding, words = self.branding(), self.words()
        scale = PX * options.scale if options.tile else None
        parts = []
        for map_id in self.map_ids(options, every=True):
            picture = self.picture(map_id)
            here = roomier(picture, paper, scale) if options.orientation == AUTO else paper
            cover = (
                partial(self._cover_shapes, map_id, options.date, here, branding, words)
                if options.cover
                else None
            )
            tiles = sheet_tiling(picture, here, scale) if scale is not None else None
            top = self.top(map_id) if options.summary else []
            summary = (
                partial(
                    summary_shapes,
                    here,
                    picture.title,
                    top,
                    self.summary_words(),
                    branding.accent,
                    self.measure,
                )
                if top
                else None
            )
            parts.append(Part(picture, cover, tiles, here, summary))
        return Pages(parts, paper, branding, words, self.measure)

    def summary_words(self) -> SummaryWords:
        """The summary page's words in the map's language, like the cover's."""
        plain = SummaryWords()

        def word(text: str) -> str:
            return labels.word(text, self.language)

        return SummaryWords(
            title=word(plain.title),
            columns=tuple(word(name) for name in plain.columns),
            more=word(plain.more),
            priorities={key: word(text) for key, text in labels.PRIORITIES.items()},
        )

    def top(self, map_id: int) -> list[Ranked]:
        """The map's ranked pain points and opportunities, as the summary page lists them."""
        return ranked(content.map_content(self.document, map_id))

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
