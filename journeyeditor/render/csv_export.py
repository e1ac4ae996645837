"""CSV export of a workshop's outcome: one row per card, for a spreadsheet or a script.

Excel guesses a CSV's encoding and separator from the system: a French Excel splits on
";" and writes decimals with a comma, and any Excel reads UTF-8 only after a byte order
mark. So the file is UTF-8 with a BOM, separated by ";" (decimal comma) when the project
is French and "," otherwise, unless a delimiter is asked for. Headers and words are in
the map's language (render/labels). Quoting is the csv module's: texts holding new
lines, quotes or the separator round-trip.

Card texts come from an untrusted file and the CSV is opened in a spreadsheet: a text
cell starting with = + - @ (or a tab or carriage return) would be read as a formula
(CSV injection), so it is written with a leading apostrophe ("'=1+1"), which a
spreadsheet shows as text. Numbers written by the export itself are left as they are.

    export_csv(document, "cards.csv", ExportOptions(delimiter=";"))
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from journeyeditor.editing.document import Document
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model import JourneyMap
from journeyeditor.render import labels
from journeyeditor.render.source import ExportOptions, ExportSource
from journeyeditor.store.files import write_atomically

COLUMNS = (
    QT_TRANSLATE_NOOP("Labels", "Map"),
    QT_TRANSLATE_NOOP("Labels", "Stage"),
    QT_TRANSLATE_NOOP("Labels", "Lane"),
    QT_TRANSLATE_NOOP("Labels", "Lane kind"),
    QT_TRANSLATE_NOOP("Labels", "Text"),
    QT_TRANSLATE_NOOP("Labels", "Department"),
    QT_TRANSLATE_NOOP("Labels", "Participant"),
    QT_TRANSLATE_NOOP("Labels", "Votes"),
    QT_TRANSLATE_NOOP("Labels", "Evidence"),
    QT_TRANSLATE_NOOP("Labels", "Created"),
    QT_TRANSLATE_NOOP("Labels", "Severity"),
    QT_TRANSLATE_NOOP("Labels", "Priority"),
    QT_TRANSLATE_NOOP("Labels", "Value"),
    QT_TRANSLATE_NOOP("Labels", "Unit"),
    QT_TRANSLATE_NOOP("Labels", "Target"),
)
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}
"""What `--delimiter` accepts, and the character each stands for."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A text a spreadsheet never reads as a formula (see the module's docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def delimiter_for(language: str, chosen: str | None) -> str:
    """The chosen separator (",", ";" or "tab"), else ";" for French and "," otherwise."""
    if chosen is not None:
        return DELIMITERS[chosen]
    return ";" if language == "fr" else ","


def figure(value: float | None, decimal_comma: bool) -> str:
    """A number as a spreadsheet of that locale reads it: no thousands separator."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if decimal_comma else text


def render_csv(source: ExportSource, options: ExportOptions) -> bytes:
    """The CSV's bytes: the cards of the chosen map, or of every map."""
    document = source.document
    language = document.project().language or "en"
    delimiter = delimiter_for(language, options.delimiter)
    comma = language == "fr" and delimiter != ","

    def word(text: str) -> str:
        return labels.word(text, language)

    card_words = labels.labels(language)
    departments = {d.id: d.name for d in document.departments()}
    people = {p.id: p.name for p in document.participants()}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([word(header) for header in COLUMNS])
    for map_id in source.map_ids(options, every=True):
        journey = document.get(JourneyMap, map_id)
        if journey is None:
            continue
        stages = {s.id: s.name for s in document.stages(map_id)}
        lanes = {lane.id: lane for lane in document.lanes(map_id)}
        for card in document.cards(map_id):
            lane = lanes[card.lane_id]
            evidence = labels.EVIDENCE.get(card.evidence)
            texts = [
                journey.name,
                stages[card.stage_id],
                lane.name,
                word(labels.LANE_KINDS.get(lane.kind, lane.kind)),
                card.text,
                departments.get(card.department_id or 0, ""),
                people.get(card.participant_id or 0, ""),
            ]
            writer.writerow(
                [
                    *[safe_cell(text) for text in texts],
                    str(card.votes),
                    word(evidence) if evidence else card.evidence,
                    card.created,
                    "" if card.severity is None else str(card.severity),
                    card_words.priorities.get(card.priority or "", card.priority or ""),
                    figure(card.value, comma),
                    safe_cell(card.unit or ""),
                    figure(card.target, comma),
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")


def export_csv(
    document: Document, path: Path | str, options: ExportOptions, source: ExportSource | None = None
) -> int:
    """Write the CSV whole or not at all; returns the number of maps it holds."""
    source = source if source is not None else ExportSource(document)
    write_atomically(Path(path), render_csv(source, options), document.path)
    return len(source.map_ids(options, every=True))
