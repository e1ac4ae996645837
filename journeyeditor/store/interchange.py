"""Importing the JSON interchange format (docs/file-format.md): a whole project, checked
completely, then written in one transaction.

The field tables (store/interchange_fields.py) drive the export
(store/interchange_export.py), this validation and the import alike, so the three can
never disagree about a field's name, type or default; their names, and the export's,
are offered here too for the callers that import and export.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, insert

from journeyeditor.model import (
    Ballot,
    BallotLane,
    Card,
    Department,
    EmotionPoint,
    EventMapping,
    FunnelFigure,
    Image,
    JourneyMap,
    Lane,
    LaneKind,
    MappingSegment,
    MeasureRun,
    Participant,
    Persona,
    Project,
    RunKind,
    Snapshot,
    Stage,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    SurveyMapping,
    Vote,
    limits,
)
from journeyeditor.model.enums import FIGURE_LANES
from journeyeditor.store.engine import write_transaction
from journeyeditor.store.errors import BadImageError, BadInterchangeError
from journeyeditor.store.images import check_image
from journeyeditor.store.interchange_export import dumps, export_project, export_text
from journeyeditor.store.interchange_fields import (
    BALLOT,
    BALLOT_LANE,
    CARD,
    DEPARTMENT,
    EMOTION,
    FIGURE_FIELDS,
    FORMAT,
    IDS,
    IMAGE,
    LANE,
    MAP,
    MAPPING,
    MAPPING_STAGE,
    PARTICIPANT,
    PERSONA,
    PROJECT,
    REQUIRED,
    RUN,
    SNAPSHOT,
    STAGE,
    SURVEY_MAPPING,
    VERSION,
    VOTE,
    Field,
    Record,
)

__all__ = [
    "BALLOT",
    "BALLOT_LANE",
    "CARD",
    "DEPARTMENT",
    "EMOTION",
    "FORMAT",
    "IMAGE",
    "LANE",
    "MAP",
    "PARTICIPANT",
    "PERSONA",
    "PROJECT",
    "SNAPSHOT",
    "STAGE",
    "VERSION",
    "VOTE",
    "Plan",
    "check_lexemes",
    "dumps",
    "export_project",
    "export_text",
    "parse_json",
    "plan_import",
    "populate_from",
    "read_json_file",
    "write_plan",
]


MAX_DEPTH = 16
"""Deepest nesting of arrays and objects read (the format itself needs five: the project,
its maps, a map, its cards, a card); refused before parsing, which would recurse."""
MAX_DIGITS = 20
"""Longest integer read; every integer of the format has at most 16 digits (limits.ID_MAX)."""

COUNTS = {
    "images": limits.MAX_IMAGES,
    "departments": limits.MAX_DEPARTMENTS,
    "participants": limits.MAX_PARTICIPANTS,
    "ballots": limits.MAX_BALLOTS,
    "votes": limits.MAX_VOTES,
    "personas": limits.MAX_PERSONAS,
    "maps": limits.MAX_MAPS,
    "stages": limits.MAX_STAGES_PER_MAP,
    "lanes": limits.MAX_LANES_PER_MAP,
    "cards": limits.MAX_CARDS_PER_MAP,
    "emotions": limits.MAX_STAGES_PER_MAP * limits.MAX_LANES_PER_MAP,
    "runs": limits.MAX_RUNS_PER_KIND * len(RunKind),
    "funnel": limits.MAX_FIGURES_PER_RUN,
    "survey": limits.MAX_FIGURES_PER_RUN,
}
"""Most objects in each list (emotions: one per stage and emotion lane at most)."""

NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
"""NUL, and halves of surrogate pairs (JSON's "\\ud800" escape alone): not text anywhere."""

NESTED = {
    "stages",
    "lanes",
    "cards",
    "emotions",
    "ballots",
    "votes",
    "mapping",
    "survey_mapping",
    "runs",
    "segments",
    "events",
    "touchpoints",
    "funnel",
    "survey",
}
"""Keys of lists inside an object (a map's parts, a ballot's lanes and votes)."""


def brief(value: Any) -> str:
    """A short, printable picture of a value for a message (a file may hold anything)."""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large number"
    text = ascii(value) if isinstance(value, str | int | None) else type(value).__name__
    return text if len(text) <= 40 else text[:36] + "…" + text[-1]


class _Reader:
    """Validates interchange data, naming the first wrong place in plain words."""

    def __init__(self, source: Path | str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> BadInterchangeError:
        return BadInterchangeError(self.source, f"{where}: {problem}")

    def items(self, parent: Record, key: str, where: str) -> list[Record]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{where}{key}", "must be a list of objects")
        most = COUNTS.get(key)
        if most is not None and len(value) > most:
            raise self.fail(f"{where}{key}", f"holds {len(value)} objects, more than {most}")
        return value

    def record(self, raw: Record, fields: tuple[Field, ...], where: str) -> Record:
        """Column values for one object, defaults filled in, every value checked."""
        unknown = set(raw) - {field.key for field in fields} - {"width", "height"}
        unknown -= NESTED
        if unknown:
            raise self.fail(where, f"unknown field {brief(sorted(unknown)[0])}")
        values: Record = {}
        for field in fields:
            spot = f"{where}.{field.key}"
            if field.key not in raw:
                if field.key in REQUIRED:
                    raise self.fail(spot, "is missing")
                values[field.column] = field.default
                continue
            values[field.column] = self.value(raw[field.key], field, spot)
        return values

    def value(self, value: Any, field: Field, spot: str) -> Any:
        if value is None:
            if field.nullable:
                return None
            raise self.fail(spot, "must not be empty")
        if field.kind is bytes:
            return self.base64(value, field, spot)
        if field.kind is float and isinstance(value, int) and not isinstance(value, bool):
            self.within(value, field, spot)  # before float(), which overflows past 1e308
            value = float(value)
        if (field.kind is int and isinstance(value, bool)) or not isinstance(value, field.kind):
            raise self.fail(spot, f"must be {field.kind.__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            # Python's json reads NaN and Infinity; SQLite turns NaN into null, and an
            # export holding Infinity would not be JSON at all.
            raise self.fail(spot, "must be a finite number")
        if isinstance(value, str):
            self.text(value, field, spot)
        if field.choices and value not in field.choices:
            raise self.fail(spot, f"must be one of {', '.join(field.choices)}")
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.within(value, field, spot)
        return value

    def within(self, value: float, field: Field, spot: str) -> None:
        if field.bounds is not None and not field.bounds[0] <= value <= field.bounds[1]:
            low, high = field.bounds
            raise self.fail(spot, f"must be between {brief(low)} and {brief(high)}")

    def text(self, value: str, field: Field, spot: str) -> None:
        if len(value) > field.max_chars:
            raise self.fail(spot, f"is longer than {field.max_chars} characters")
        bad = NOT_TEXT.search(value)
        if bad is not None:
            raise self.fail(spot, f"holds {bad.group()!a} at {bad.start()}, which is not text")
        if field.color and not limits.is_color(value):
            raise self.fail(spot, "must be a colour: #rgb, #rrggbb or #rrggbbaa")

    def listed(self, parent: Record, key: str, where: str, kind: type, most: int) -> list[Any]:
        """A list of plain values (texts or ids) under `key`, each checked as a name
        (non-empty text) or an id."""
        value = parent.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", "must be a list")
        if len(value) > most:
            raise self.fail(f"{where}.{key}", f"holds {len(value)} values, more than {most}")
        field = Field(key, key, kind, bounds=IDS if kind is int else None)
        out = []
        for index, item in enumerate(value):
            spot = f"{where}.{key}[{index}]"
            out.append(self.value(item, field, spot))
            if kind is str and not item:
                raise self.fail(spot, "must not be empty")
        return out

    def base64(self, value: Any, field: Field, spot: str) -> bytes:
        if not isinstance(value, str):
            raise self.fail(spot, "must be base64 text")
        if len(value) > field.max_chars:
            raise self.fail(
                spot, f"is larger than an image may be ({limits.IMAGE_MAX_BYTES} bytes)"
            )
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise self.fail(spot, "is not valid base64") from exc


def _table(entity: type) -> Table:
    table = entity.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


@dataclass
class Plan:
    """Rows ready to insert, table by table, in an order foreign keys accept."""

    rows: list[tuple[type, list[Record]]]


def plan_import(data: Any, source: Path | str = "JSON") -> Plan:
    """Check interchange data completely and turn it into rows, or raise on the first fault."""
    reader = _Reader(source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise reader.fail("format", f"this is not a Journey Editor project ({FORMAT!r})")
    if data.get("version") != VERSION:
        raise reader.fail("version", f"version {brief(data.get('version'))} is not {VERSION}")
    ids: dict[str, set[int]] = {}

    def collect(
        entity: str, key: str, fields: tuple[Field, ...], parent: Record, where: str = ""
    ) -> list[Record]:
        records = []
        for index, raw in enumerate(reader.items(parent, key, where)):
            values = reader.record(raw, fields, f"{where}{key}[{index}]")
            seen = ids.setdefault(entity, set())
            if values["id"] in seen:
                raise reader.fail(f"{where}{key}[{index}].id", "is used twice")
            seen.add(values["id"])
            values["position"] = index
            records.append(values)
        return records

    def refer(value: Any, entity: str, spot: str, scope: set[int] | None = None) -> None:
        pool = ids.get(entity, set()) if scope is None else scope
        if value is not None and value not in pool:
            raise reader.fail(spot, f"names a missing {entity} ({value})")

    project_raw = data.get("project", {})
    if not isinstance(project_raw, dict):
        raise reader.fail("project", "must be an object")
    project = reader.record(project_raw, PROJECT, "project")
    images = collect("image", "images", IMAGE, data)
    for index, image in enumerate(images):
        try:
            checked = check_image(image["data"], f"images[{index}]")
        except BadImageError as exc:
            raise reader.fail(f"images[{index}]", exc.detail) from exc
        image.update(format=checked.format, width=checked.width, height=checked.height)
        del image["position"]
    refer(project["logo_image_id"], "image", "project.logo_image")
    project["id"] = 1
    departments = collect("department", "departments", DEPARTMENT, data)
    participants = collect("participant", "participants", PARTICIPANT, data)
    for index, participant in enumerate(participants):
        refer(participant["department_id"], "department", f"participants[{index}].department")
    personas = collect("persona", "personas", PERSONA, data)
    for index, persona in enumerate(personas):
        refer(persona["photo_image_id"], "image", f"personas[{index}].photo_image")
    maps, stages, lanes, cards, points = [], [], [], [], []
    measured: dict[type, list[Record]] = {}
    ballots: list[Record] = []
    ballot_lanes: list[Record] = []
    votes: list[Record] = []
    for m, raw_map in enumerate(reader.items(data, "maps", "")):
        where = f"maps[{m}]"
        values = reader.record(raw_map, MAP, where)
        if values["id"] in ids.setdefault("map", set()):
            raise reader.fail(f"{where}.id", "is used twice")
        ids["map"].add(values["id"])
        values["position"] = m
        refer(values["persona_id"], "persona", f"{where}.persona")
        maps.append(values)
        map_stages = collect("stage", "stages", STAGE, raw_map, f"{where}.")
        map_lanes = collect("lane", "lanes", LANE, raw_map, f"{where}.")
        for row in map_stages + map_lanes:
            row["map_id"] = values["id"]
        stage_ids = {row["id"] for row in map_stages}
        lane_ids = {row["id"] for row in map_lanes}
        emotion_lanes = {row["id"] for row in map_lanes if row["kind"] == LaneKind.EMOTION.value}
        figure_lanes = {row["id"] for row in map_lanes if row["kind"] in FIGURE_LANES}
        cell_sizes: dict[tuple[int, int], int] = {}
        for c, card in enumerate(collect("card", "cards", CARD, raw_map, f"{where}.")):
            spot = f"{where}.cards[{c}]"
            refer(card["stage_id"], "stage", f"{spot}.stage", stage_ids)
            refer(card["lane_id"], "lane", f"{spot}.lane", lane_ids)
            if card["lane_id"] in figure_lanes:
                raise reader.fail(f"{spot}.lane", "is a lane of figures, which holds no cards")
            refer(card["department_id"], "department", f"{spot}.department")
            refer(card["participant_id"], "participant", f"{spot}.participant")
            refer(card["image_id"], "image", f"{spot}.image")
            cell = (card["stage_id"], card["lane_id"])
            card["position"] = cell_sizes.get(cell, 0)
            cell_sizes[cell] = card["position"] + 1
            cards.append(card)
        cells: set[tuple[int, int]] = set()
        for e, point in enumerate(collect("emotion", "emotions", EMOTION, raw_map, f"{where}.")):
            spot = f"{where}.emotions[{e}]"
            refer(point["stage_id"], "stage", f"{spot}.stage", stage_ids)
            refer(point["lane_id"], "lane", f"{spot}.lane", lane_ids)
            if point["lane_id"] not in emotion_lanes:
                raise reader.fail(f"{spot}.lane", "is not an emotion lane")
            if (point["lane_id"], point["stage_id"]) in cells:
                raise reader.fail(spot, "a second point for the same lane and stage")
            cells.add((point["lane_id"], point["stage_id"]))
            del point["position"]
            points.append(point)
        card_ids = {card["id"] for card in cards if card["stage_id"] in stage_ids}
        open_ballots = 0
        for b, ballot in enumerate(collect("ballot", "ballots", BALLOT, raw_map, f"{where}.")):
            spot = f"{where}.ballots[{b}]"
            open_ballots += bool(ballot["is_open"])
            if open_ballots > 1:
                raise reader.fail(f"{spot}.is_open", "a second open vote on the same map")
            ballot["map_id"] = values["id"]
            del ballot["position"]
            ballots.append(ballot)
            voted = raw_map["ballots"][b]
            seen_lanes: set[int] = set()
            for n, row in enumerate(
                collect("ballot_lane", "lanes", BALLOT_LANE, voted, f"{spot}.")
            ):
                refer(row["lane_id"], "lane", f"{spot}.lanes[{n}].lane", lane_ids)
                if row["lane_id"] in seen_lanes:
                    raise reader.fail(f"{spot}.lanes[{n}].lane", "is listed twice")
                seen_lanes.add(row["lane_id"])
                row["ballot_id"] = ballot["id"]
                del row["position"]
                ballot_lanes.append(row)
            for n, row in enumerate(collect("vote", "votes", VOTE, voted, f"{spot}.")):
                refer(row["card_id"], "card", f"{spot}.votes[{n}].card", card_ids)
                refer(row["participant_id"], "participant", f"{spot}.votes[{n}].participant")
                row["ballot_id"] = ballot["id"]
                del row["position"]
                votes.append(row)
        map_cards = {card["id"] for card in cards if card["stage_id"] in stage_ids}
        _plan_mapping(reader, raw_map, where, values["id"], stage_ids, map_cards, measured)
        _plan_survey_mapping(reader, raw_map, where, values["id"], measured)
        _plan_runs(reader, raw_map, where, values["id"], stage_ids, measured, collect)
        stages += map_stages
        lanes += map_lanes
    snapshots = collect("snapshot", "snapshots", SNAPSHOT, data)
    for snapshot in snapshots:
        del snapshot["position"]
    return Plan(
        [
            (Image, images),
            (Project, [project]),
            (Department, departments),
            (Participant, participants),
            (Persona, personas),
            (JourneyMap, maps),
            (Stage, stages),
            (Lane, lanes),
            (Card, cards),
            (EmotionPoint, points),
            (Ballot, ballots),
            (BallotLane, ballot_lanes),
            (Vote, votes),
            *((entity, measured.get(entity, [])) for entity in MEASURED),
            (Snapshot, snapshots),
        ]
    )


MEASURED: tuple[type, ...] = (
    EventMapping,
    MappingSegment,
    StagePattern,
    StageTouchpoint,
    SurveyMapping,
    MeasureRun,
    FunnelFigure,
    SurveyFigure,
)
"""Measurement tables (schema versions 4 and 5), in an order foreign keys accept."""


def _add(measured: dict[type, list[Record]], entity: type, record: Record) -> None:
    """Add a row to the plan; rows without an id in JSON are numbered in order."""
    rows = measured.setdefault(entity, [])
    record.setdefault("id", len(rows) + 1)
    rows.append(record)


def _optional_object(
    reader: _Reader, raw_map: Record, key: str, where: str
) -> tuple[Record | None, str]:
    """A map's optional object under `key` (None when absent or null) and where it is."""
    raw = raw_map.get(key)
    spot = f"{where}.{key}"
    if raw is not None and not isinstance(raw, dict):
        raise reader.fail(spot, "must be an object or null")
    return raw, spot


def _plan_survey_mapping(
    reader: _Reader, raw_map: Record, where: str, map_id: int, measured: dict[type, list[Record]]
) -> None:
    """A map's saved survey columns, as the file check wants them: the four required
    ones named, an optional one null or named, the effort scale running upwards."""
    raw, spot = _optional_object(reader, raw_map, "survey_mapping", where)
    if raw is None:
        return
    record = reader.record(raw, SURVEY_MAPPING, spot)
    for field in SURVEY_MAPPING[:6]:
        if record[field.column] == "":
            raise reader.fail(f"{spot}.{field.key}", "must not be empty (null: no column)")
    if not record["effort_low"] < record["effort_high"]:
        raise reader.fail(f"{spot}.effort_high", "must be more than effort_low")
    _add(measured, SurveyMapping, {**record, "map_id": map_id})


def _plan_mapping(
    reader: _Reader,
    raw_map: Record,
    where: str,
    map_id: int,
    stage_ids: set[int],
    card_ids: set[int],
    measured: dict[type, list[Record]],
) -> None:
    """A map's event mapping: its columns, segment columns, and per stage the event
    names and touchpoint cards (of the map)."""
    raw, spot = _optional_object(reader, raw_map, "mapping", where)
    if raw is None:
        return
    _add(measured, EventMapping, {**reader.record(raw, MAPPING, spot), "map_id": map_id})
    segments = reader.listed(raw, "segments", spot, str, limits.MAX_SEGMENT_COLUMNS)
    for position, name in enumerate(segments):
        record = {"map_id": map_id, "position": position, "name": name}
        _add(measured, MappingSegment, record)
    seen: set[int] = set()
    for n, item in enumerate(reader.items(raw, "stages", f"{spot}.")):
        place = f"{spot}.stages[{n}]"
        stage_id = reader.record(item, MAPPING_STAGE, place)["stage_id"]
        if stage_id not in stage_ids:
            raise reader.fail(f"{place}.stage", f"names a missing stage ({stage_id})")
        if stage_id in seen:
            raise reader.fail(f"{place}.stage", "is listed twice")
        seen.add(stage_id)
        most = limits.MAX_PATTERNS_PER_STAGE
        for position, pattern in enumerate(reader.listed(item, "events", place, str, most)):
            record = {"stage_id": stage_id, "position": position, "pattern": pattern}
            _add(measured, StagePattern, record)
        cards = reader.listed(item, "touchpoints", place, int, most)
        for position, card in enumerate(cards):
            if card not in card_ids:
                raise reader.fail(
                    f"{place}.touchpoints[{position}]", f"names a missing card ({card})"
                )
            if card in cards[:position]:
                raise reader.fail(f"{place}.touchpoints[{position}]", "is listed twice")
            record = {"stage_id": stage_id, "card_id": card, "position": position}
            _add(measured, StageTouchpoint, record)


def _plan_runs(
    reader: _Reader,
    raw_map: Record,
    where: str,
    map_id: int,
    stage_ids: set[int],
    measured: dict[type, list[Record]],
    collect: Callable[..., list[Record]],
) -> None:
    """A map's measurement runs and their figures: of the run's kind, at the map's
    stages, once per stage and segment."""
    per_kind: dict[str, int] = {}
    for r, run in enumerate(collect("run", "runs", RUN, raw_map, f"{where}.")):
        spot = f"{where}.runs[{r}]"
        if run["bad_rows"] > run["rows"]:
            raise reader.fail(f"{spot}.bad_rows", "is more than rows")
        per_kind[run["kind"]] = per_kind.get(run["kind"], 0) + 1
        if per_kind[run["kind"]] > limits.MAX_RUNS_PER_KIND:
            raise reader.fail(spot, f"more than {limits.MAX_RUNS_PER_KIND} runs of one kind")
        del run["position"]
        _add(measured, MeasureRun, {**run, "map_id": map_id})
        raw_run = raw_map["runs"][r]
        for kind, (key, fields) in FIGURE_FIELDS.items():
            listed = reader.items(raw_run, key, f"{spot}.")
            if listed and kind != run["kind"]:
                raise reader.fail(f"{spot}.{key}", f"figures of a run that is not of {kind}")
            entity = FunnelFigure if kind == RunKind.EVENTS.value else SurveyFigure
            cells: set[tuple[int, str | None]] = set()
            for n, raw_figure in enumerate(listed):
                place = f"{spot}.{key}[{n}]"
                figure = reader.record(raw_figure, fields, place)
                if figure["stage_id"] not in stage_ids:
                    raise reader.fail(
                        f"{place}.stage", f"names a missing stage ({figure['stage_id']})"
                    )
                cell = (figure["stage_id"], figure["segment"])
                if cell in cells:
                    raise reader.fail(place, "a second figure for the same stage and segment")
                cells.add(cell)
                _add(measured, entity, {**figure, "run_id": run["id"]})


def write_plan(connection: Connection, plan: Plan, *, replace: bool = False) -> None:
    """Insert a checked plan (after emptying the project when `replace`)."""
    if replace:
        for entity, _rows in reversed(plan.rows):
            connection.execute(delete(_table(entity)))
    for entity, records in plan.rows:
        if records:
            connection.execute(insert(_table(entity)), records)


LEXEMES = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"'  # a string, skipped whole: brackets inside do not count
    r"|[\[{]|[\]}]"
    rf"|(?<![\w.+-])-?\d{{{MAX_DIGITS + 1},}}(?![\w.])"  # an integer too long for any field
)


def check_lexemes(text: str, path: Path) -> None:
    """Refuse what would make the parser itself fail, naming the line.

    Python's json recurses for every nested array or object (a file nested 50,000
    deep would end in RecursionError) and converts integers of any length (slowly,
    and beyond 4,300 digits not at all), so nesting and long integers are checked here
    first, in one pass that skips strings. (NaN and Infinity, which Python's json also
    reads, are refused by the fields, which can name their place.)
    """
    depth = 0
    for match in LEXEMES.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        if token in "[{":
            depth += 1
            if depth <= MAX_DEPTH:
                continue
            problem = f"arrays and objects nested more than {MAX_DEPTH} deep"
        elif token in "]}":
            depth -= 1
            continue
        else:
            problem = f"a number of {len(token.lstrip('-'))} digits, more than {MAX_DIGITS}"
        line = text.count("\n", 0, match.start()) + 1
        raise BadInterchangeError(path, f"line {line}: {problem}")


def read_json_file(path: Path | str) -> Any:
    """Parse a JSON file, with a message naming the line of a syntax error."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BadInterchangeError(path, "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInterchangeError(path, str(exc)) from exc
    return parse_json(text, path)


def parse_json(text: str, path: Path | str = "JSON") -> Any:
    """Interchange data from JSON text, or BadInterchangeError naming the line at fault."""
    path = Path(path)
    check_lexemes(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInterchangeError(path, f"line {exc.lineno}: {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:  # the check above should leave none
        raise BadInterchangeError(path, str(exc)) from exc


def populate_from(plan: Plan) -> Callable[[Engine], None]:
    """A `create_file` populate step that writes `plan` in one transaction."""

    def populate(engine: Engine) -> None:
        with write_transaction(engine) as connection:
            write_plan(connection, plan)

    return populate
