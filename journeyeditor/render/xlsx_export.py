"""Excel export: each map as a grid (stages × lanes) and every card as a filterable row.

A client opens the workbook to sort, count and annotate what the map holds, so the map
sheets read like the map (stage columns, lane rows, a cell's cards one per line, a
measured lane's figures as drawn), the "Cards" sheet has one typed row per card, and the
"Measures" sheet one typed row per stage and segment of the newest funnel and survey
runs (a map's lanes show everyone's only). Words are in the map's language, like printed
pages. Text from the untrusted file is made safe for the workbook: characters XML cannot
hold are dropped, and text that looks like a formula is stored as a string.

    export_xlsx(document, "map.xlsx", ExportOptions())
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from journeyeditor.editing.document import Document
from journeyeditor.editing.measured import FunnelRow, Run, SurveyRow
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model import Card, Image, JourneyMap, Lane, Stage
from journeyeditor.model.enums import FIGURE_LANES, LaneKind, RunKind
from journeyeditor.render import colors, content, drawing, labels, numbers
from journeyeditor.render.layout import MapContent
from journeyeditor.render.ranking import Ranked
from journeyeditor.render.source import ExportOptions, ExportSource
from journeyeditor.store.files import write_atomically

Value = str | float | dt.date | None
"""What a cell holds: text (never a formula), a number, a date, or nothing."""
CARDS = QT_TRANSLATE_NOOP("Labels", "Cards")
RANKING = QT_TRANSLATE_NOOP("Labels", "Ranking")
MAP = QT_TRANSLATE_NOOP("Labels", "Map")
FEELINGS = {
    -2: QT_TRANSLATE_NOOP("Labels", "Very negative"),
    -1: QT_TRANSLATE_NOOP("Labels", "Negative"),
    0: QT_TRANSLATE_NOOP("Labels", "Neutral"),
    1: QT_TRANSLATE_NOOP("Labels", "Positive"),
    2: QT_TRANSLATE_NOOP("Labels", "Very positive"),
}
COLUMNS = (
    (QT_TRANSLATE_NOOP("Labels", "Map"), 24),
    (QT_TRANSLATE_NOOP("Labels", "Stage"), 18),
    (QT_TRANSLATE_NOOP("Labels", "Lane"), 18),
    (QT_TRANSLATE_NOOP("Labels", "Lane kind"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Position"), 9),
    (QT_TRANSLATE_NOOP("Labels", "Text"), 50),
    (QT_TRANSLATE_NOOP("Labels", "Colour"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Channel"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Ownership"), 11),
    (QT_TRANSLATE_NOOP("Labels", "Severity"), 9),
    (QT_TRANSLATE_NOOP("Labels", "Owner"), 16),
    (QT_TRANSLATE_NOOP("Labels", "Priority"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Value"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Unit"), 8),
    (QT_TRANSLATE_NOOP("Labels", "Target"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Evidence"), 18),
    (QT_TRANSLATE_NOOP("Labels", "Department"), 16),
    (QT_TRANSLATE_NOOP("Labels", "Votes"), 7),
    (QT_TRANSLATE_NOOP("Labels", "Image"), 16),
)
"""The Cards sheet's columns: header (a Labels string) and width in characters."""
MEASURES = QT_TRANSLATE_NOOP("Labels", "Measures")
MEASURE_COLUMNS = (
    (QT_TRANSLATE_NOOP("Labels", "Map"), 24),
    (QT_TRANSLATE_NOOP("Labels", "Measure"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Measured on"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Stage"), 18),
    (QT_TRANSLATE_NOOP("Labels", "Segment by"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Segment"), 16),
    (QT_TRANSLATE_NOOP("Labels", "Reached"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Converted from previous stage"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Dropped"), 10),
    (QT_TRANSLATE_NOOP("Labels", "Median time from previous stage (hours)"), 16),
    (QT_TRANSLATE_NOOP("Labels", "NPS"), 7),
    (QT_TRANSLATE_NOOP("Labels", "CES"), 7),
    (QT_TRANSLATE_NOOP("Labels", "Answers"), 9),
)
"""The Measures sheet's columns: every stage's figures of the newest funnel and survey
runs, for everyone and for each segment value (which the map's lanes leave out)."""
EVERYONE = QT_TRANSLATE_NOOP("Labels", "Everyone")
NO_VALUE = QT_TRANSLATE_NOOP("Labels", "(no value)")
NUMBER_FORMATS = {7: "#,##0", 8: "0%", 9: "#,##0", 10: "0.0", 11: "0", 12: "0.0", 13: "#,##0"}
"""The Measures sheet's number columns as Excel shows them (by column number). Cells
hold the exact figures; the spreadsheet rounds them for display, halves away from zero
as the map does (`measures.whole`, `tenth`)."""

SHEET_NAME_MAX = 31
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
CELL_MAX_CHARS = 32_767
"""Excel's limit on one cell's text; a card text (TEXT_MAX_CHARS) always fits."""
ROW_MAX_POINTS = 409.0
LINE_POINTS = 15.0
"""Height of one wrapped line of 11 pt text, in points."""
PIXELS_PER_CHAR = 7.0
"""A stage's width on the map (pixels) over an Excel column width (characters)."""
COLUMN_CHARS = (22.0, 60.0)
THIN = Side(style="thin", color="FFB0B4BA")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
FONT = "Calibri"
HEADER_FILL = "#dfe3e8"


def safe_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids, within Excel's cell limit."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    return clean if len(clean) <= CELL_MAX_CHARS else clean[: CELL_MAX_CHARS - 1] + "…"


def put(sheet: Worksheet, row: int, column: int, value: Value) -> Cell:
    """Write a value; text always as a string, never read as a formula."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # only merged cells are otherwise, and none is merged
    if isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def sheet_names(wanted: Iterable[str], reserved: Sequence[str] = ()) -> list[str]:
    """Names Excel accepts: no []:*?/\\, no edge apostrophe, ≤ 31 characters, unique."""
    taken = {name.casefold() for name in reserved}
    names = []
    for name in wanted:
        base = SHEET_NAME_BAD.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name))
        base = " ".join(base.split()).strip("'").strip() or "Map"
        candidate = base[:SHEET_NAME_MAX].rstrip("' ")
        number = 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip("' ") + suffix
        taken.add(candidate.casefold())
        names.append(candidate)
    return names


def fill(color: str) -> PatternFill:
    red, green, blue, _alpha = colors.rgba(color)
    hex_color = f"FF{red:02X}{green:02X}{blue:02X}"
    return PatternFill(fill_type="solid", start_color=hex_color, end_color=hex_color)


def font_on(color: str = "#ffffff", bold: bool = False, size: float = 11) -> Font:
    """Black text, or white on a dark fill."""
    red, green, blue, _alpha = colors.rgba(color)
    dark = 0.299 * red + 0.587 * green + 0.114 * blue < 140
    return Font(name=FONT, size=size, bold=bold, color="FFFFFFFF" if dark else "FF000000")


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide.

    Generous (0.95 of the width): a reader's font may be wider than Calibri, and a row
    a little too tall reads better than one that hides its last line.
    """
    per_line = max(1.0, width * 0.95 - 1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def fit_row(sheet: Worksheet, row: int, texts: Iterable[tuple[str, float]]) -> None:
    """Make the row tall enough for its longest wrapped text (Excel's maximum at most)."""
    lines = max((wrapped_lines(text, width) for text, width in texts), default=1)
    sheet.row_dimensions[row].height = min(ROW_MAX_POINTS, lines * LINE_POINTS + 4)


def print_setup(sheet: Worksheet, title_rows: str, title_columns: str | None = None) -> None:
    """Landscape, as wide as the page, headers repeated on every printed page."""
    sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def header_row(sheet: Worksheet, columns: Sequence[tuple[str, float]]) -> None:
    """A table sheet's first row: headers on a grey fill, each column its width."""
    for column, (header, width) in enumerate(columns, 1):
        cell = put(sheet, 1, column, header)
        cell.font, cell.border = font_on(HEADER_FILL, bold=True), BORDER
        cell.fill, cell.alignment = fill(HEADER_FILL), WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width


def data_row(sheet: Worksheet, row: int, values: Sequence[Value]) -> None:
    for column, value in enumerate(values, 1):
        cell = put(sheet, row, column, value)
        cell.font, cell.alignment = font_on(), WRAP


def filterable(sheet: Worksheet, columns: int, last_row: int) -> None:
    """Header kept in view and repeated on printed pages, every column filterable."""
    sheet.freeze_panes = "A2"
    print_setup(sheet, "1:1")
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_row, 1)}"


class WorkbookWriter:
    """Builds the workbook of one export (the words of the map's language at hand)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.language = document.project().language or "en"
        self.labels = labels.labels(self.language)
        self.departments = {d.id: d.name for d in document.departments()}

    @property
    def date_format(self) -> str:
        """A day as the map writes it in its language (`measures.date_text`)."""
        return "dd/mm/yyyy" if self.language == "fr" else "yyyy-mm-dd"

    def word(self, text: str) -> str:
        return labels.word(text, self.language)

    def feeling(self, value: int) -> str:
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return f"{sign}{abs(value)} {self.word(FEELINGS.get(value, FEELINGS[0]))}"

    def card_line(self, card: Card, kind: str) -> str:
        """A card as one entry of its cell: its text, and a metric's figures."""
        if kind != LaneKind.METRIC or card.value is None:
            return card.text
        figures = numbers.metric_line(card, self.language)
        colon = "\u00a0:" if self.language == "fr" else ":"  # French puts a space before ":"
        return f"{card.text}{colon} {figures}" if card.text else figures

    def map_sheet(self, sheet: Worksheet, map_id: int, source: ExportSource) -> None:
        """The map as a grid: stages across, lanes down, a cell's cards one per line."""
        journey = self.document.get(JourneyMap, map_id)
        stages = self.document.stages(map_id)
        lanes = self.document.lanes(map_id)
        cells: dict[tuple[int, int], list[Card]] = {}
        for card in self.document.cards(map_id):
            cells.setdefault((card.stage_id, card.lane_id), []).append(card)
        points = {(p.stage_id, p.lane_id): p for p in self.document.emotion_points(map_id)}
        figures, runs = self._figures(source.content(map_id))
        title = journey.name if journey else ""
        corner = put(sheet, 1, 1, title)
        corner.font, corner.alignment, corner.border = font_on(bold=True), WRAP, BORDER
        sheet.column_dimensions["A"].width = COLUMN_CHARS[0]
        widths = [
            self._stage_header(sheet, column, stage) for column, stage in enumerate(stages, 2)
        ]
        headers = [(s.name, width) for s, width in zip(stages, widths, strict=True)]
        fit_row(sheet, 1, [(title, COLUMN_CHARS[0]), *headers])
        for row, lane in enumerate(lanes, 2):
            name = "\n".join((lane.name, *runs.get(lane.id, ())))
            header = put(sheet, row, 1, name)
            header.fill, header.font = fill(lane.color), font_on(lane.color, bold=True)
            header.alignment, header.border = WRAP, BORDER
            texts = [(name, COLUMN_CHARS[0])]
            for column, stage in enumerate(stages, 2):
                if lane.kind == LaneKind.EMOTION:
                    point = points.get((stage.id, lane.id))
                    entries = [self.feeling(point.value), point.note] if point else []
                elif lane.kind in FIGURE_LANES:
                    entries = figures.get((stage.id, lane.id), [])
                else:
                    kind = lane.kind
                    entries = [self.card_line(c, kind) for c in cells.get((stage.id, lane.id), [])]
                    entries = [f"• {entry}" for entry in entries]
                text = "\n".join(entry for entry in entries if entry)
                cell = put(sheet, row, column, text)
                cell.fill, cell.font = fill(lane.color), font_on(lane.color)
                cell.alignment, cell.border = WRAP, BORDER
                texts.append((text, widths[column - 2]))
            fit_row(sheet, row, texts)
        sheet.freeze_panes = "B2"
        print_setup(sheet, "1:1", "A:A")

    def _figures(
        self, mapped: MapContent
    ) -> tuple[dict[tuple[int, int], list[str]], dict[int, tuple[str, ...]]]:
        """The lines of each funnel and survey cell, and the run lines under each such
        lane's name: the words the map draws there, from the content the pictures are
        drawn from (its segment included)."""
        words = drawing.figure_text(self.labels)
        cells = {(m.stage_id, m.lane_id): [r.text for r in words.rows(m)] for m in mapped.measures}
        return cells, {run.lane_id: words.run(run) for run in mapped.runs}

    def measures_sheet(self, sheet: Worksheet, map_ids: Sequence[int]) -> int:
        """Every stage's figures of each map's newest funnel and survey runs, for everyone
        then each segment value, one typed row each; returns how many rows."""
        heads = [(self.word(header), width) for header, width in MEASURE_COLUMNS]
        header_row(sheet, heads)
        widths = [width for _header, width in MEASURE_COLUMNS]
        row = 2
        kinds = (
            (RunKind.EVENTS.value, LaneKind.FUNNEL.value),
            (RunKind.SURVEY.value, LaneKind.SURVEY.value),
        )
        for map_id in map_ids:
            journey = self.document.get(JourneyMap, map_id)
            if journey is None:
                continue
            stages = self.document.stages(map_id)
            for run_kind, lane_kind in kinds:
                run, _before = self.document.latest_runs(map_id, run_kind)
                if run is None:
                    continue
                when: Value = content.run_day(run.imported) or run.imported
                start = [journey.name, self.word(labels.LANE_KINDS[lane_kind]), when]
                figures = {(figure.stage, figure.segment): figure for figure in run.figures}
                groups = (None, *run.segments())
                for stage in stages:
                    for segment in groups:
                        found = figures.get((stage.id, segment))
                        if found is None:
                            continue
                        values = [*start, stage.name, *self._group(run, segment)]
                        values += self._numbers(found)
                        data_row(sheet, row, values)
                        for column, number_format in NUMBER_FORMATS.items():
                            sheet.cell(row=row, column=column).number_format = number_format
                        sheet.cell(row=row, column=3).number_format = self.date_format
                        texts = zip(values, widths, strict=True)
                        fit_row(sheet, row, [(v, w) for v, w in texts if isinstance(v, str)])
                        row += 1
        fit_row(sheet, 1, heads)
        filterable(sheet, len(MEASURE_COLUMNS), row - 1)
        return row - 2

    def _group(self, run: Run, segment: str | None) -> list[Value]:
        """Whom a row counts: everyone, or the customers of one segment value."""
        if segment is None:
            return ["", self.word(EVERYONE)]
        return [run.segment_column, segment or self.word(NO_VALUE)]

    @staticmethod
    def _numbers(found: FunnelRow | SurveyRow) -> list[Value]:
        """A stage's figures in the Measures columns, exact: a funnel's, then a survey's."""
        if isinstance(found, FunnelRow):
            median = found.median_seconds
            hours = median / 3600 if median is not None else None
            return [found.reached, found.conversion, found.dropped, hours, None, None, None]
        effort = found.effort_mean if found.effort_answers else None
        return [None, None, None, None, found.nps, effort, found.answers]

    def _stage_header(self, sheet: Worksheet, column: int, stage: Stage) -> float:
        """Write a stage's header; returns its column's width in characters."""
        header = put(sheet, 1, column, stage.name)
        header.fill, header.font = fill(stage.color), font_on(stage.color, bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
        header.border = BORDER
        width = max(COLUMN_CHARS[0], min(COLUMN_CHARS[1], stage.width / PIXELS_PER_CHAR))
        sheet.column_dimensions[get_column_letter(column)].width = width
        return width

    def card_row(
        self, journey: JourneyMap, card: Card, number: int, stage: Stage, lane: Lane
    ) -> list[Value]:
        """A card's fields; `number`: its place in its cell, counted from 1."""
        channel = self.labels.channels.get(card.channel or "", card.channel or "")
        owned = (
            "" if card.owned is None else (self.labels.own if card.owned else self.labels.external)
        )
        priority = self.labels.priorities.get(card.priority or "", card.priority or "")
        evidence = labels.EVIDENCE.get(card.evidence)
        image = self.document.get(Image, card.image_id)
        return [
            journey.name,
            stage.name,
            lane.name,
            self.word(labels.LANE_KINDS.get(lane.kind, lane.kind)),
            number,
            card.text,
            card.color or "",
            channel,
            owned,
            card.severity,
            card.owner or "",
            priority,
            card.value,
            card.unit or "",
            card.target,
            self.word(evidence) if evidence else card.evidence,
            self.departments.get(card.department_id or 0, ""),
            card.votes,
            f"{image.format.upper()} {image.width} × {image.height}" if image else "",
        ]

    def cards_sheet(self, sheet: Worksheet, map_ids: Sequence[int]) -> None:
        """One row per card with every field, filterable, its header always in view."""
        header_row(sheet, [(self.word(header), width) for header, width in COLUMNS])
        row = 2
        for map_id in map_ids:
            journey = self.document.get(JourneyMap, map_id)
            if journey is None:
                continue
            stages = {s.id: s for s in self.document.stages(map_id)}
            lanes = {lane.id: lane for lane in self.document.lanes(map_id)}
            numbers: Counter[tuple[int, int]] = Counter()
            for card in self.document.cards(map_id):  # in order inside each cell
                numbers[card.stage_id, card.lane_id] += 1
                number = numbers[card.stage_id, card.lane_id]
                stage, lane = stages[card.stage_id], lanes[card.lane_id]
                values = self.card_row(journey, card, number, stage, lane)
                data_row(sheet, row, values)
                fit_row(sheet, row, self._texts(values))
                row += 1
        fit_row(sheet, 1, self._texts([self.word(header) for header, _width in COLUMNS]))
        filterable(sheet, len(COLUMNS), row - 1)

    def ranking_sheet(self, sheet: Worksheet, source: ExportSource, map_ids: Sequence[int]) -> None:
        """The top pain points and opportunities of each map, ranked as every summary is
        (`ranking.ranked`): the same list as the PDF's summary page and the ranked panel."""
        words = source.summary_words()
        headers = (self.word(MAP), *words.columns)
        widths = (24, 7, 60, 18, 18, 7, 16)
        header_row(sheet, list(zip(headers, widths, strict=True)))
        row = 2
        for map_id in map_ids:
            journey = self.document.get(JourneyMap, map_id)
            for entry in source.top(map_id):
                values: list[Value] = [
                    journey.name if journey else "",
                    entry.rank,
                    entry.card.text,
                    entry.stage,
                    entry.lane,
                    entry.card.votes,
                    self._weight(entry, words.priorities),
                ]
                data_row(sheet, row, values)
                texts = zip(values, widths, strict=True)
                fit_row(sheet, row, [(v, w) for v, w in texts if isinstance(v, str)])
                row += 1
        filterable(sheet, len(headers), row - 1)

    @staticmethod
    def _weight(entry: Ranked, priorities: dict[str, str]) -> str | int | None:
        """A pain point's severity (1…3) or an opportunity's priority, in words."""
        if entry.kind == LaneKind.PAIN_POINT.value:
            return entry.card.severity
        return priorities.get(entry.card.priority or "", "")

    @staticmethod
    def _texts(values: Sequence[Value]) -> list[tuple[str, float]]:
        """The texts of a Cards row with their columns' widths."""
        return [
            (value, width)
            for value, (_header, width) in zip(values, COLUMNS, strict=True)
            if isinstance(value, str)
        ]

    def build(self, map_ids: Sequence[int], source: ExportSource) -> Workbook:
        workbook = Workbook()
        for blank in workbook.worksheets:
            workbook.remove(blank)
        cards_name, ranking_name = sheet_names([self.word(CARDS), self.word(RANKING)])
        maps = [self.document.get(JourneyMap, map_id) for map_id in map_ids]
        wanted = [m.name if m else self.word(MAP) for m in maps]
        names = sheet_names(wanted, [cards_name, ranking_name])
        for map_id, name in zip(map_ids, names, strict=True):
            self.map_sheet(workbook.create_sheet(name), map_id, source)
        self.cards_sheet(workbook.create_sheet(cards_name), map_ids)
        self.ranking_sheet(workbook.create_sheet(ranking_name), source, map_ids)
        (measures_name,) = sheet_names([self.word(MEASURES)], [cards_name, ranking_name, *names])
        if not self.measures_sheet(workbook.create_sheet(measures_name), map_ids):
            workbook.remove(workbook[measures_name])  # nothing measured: no empty sheet
        return workbook


def render_xlsx(source: ExportSource, options: ExportOptions) -> bytes:
    """The workbook's bytes: the chosen map, or every map, the Cards and Ranking sheets."""
    map_ids = source.map_ids(options, every=True)
    workbook = WorkbookWriter(source.document).build(map_ids, source)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_xlsx(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> int:
    """Write the workbook; returns its number of map sheets."""
    source = source if source is not None else ExportSource(document)
    write_atomically(Path(path), render_xlsx(source, options), document.path)
    return len(source.map_ids(options, every=True))
