"""Saving what was measured into a map, each import one undo step.

`apply_funnel` and `apply_survey` save the figures a measuring job computed (and, for
events, the mapping it used), add a run to the map's dated history, give the map a
lane to show them when it has none, and delete the runs beyond `limits.MAX_RUNS_PER_KIND`;
`apply_survey` also adds the survey's verbatims as research cards in a "Verbatims" lane
and saves the columns it read (`editing/survey_mapping.py`).
Undo gives back exactly the file before the import.

Stage keys: the `key` of every `StageRule` (and the `stage` of survey figures and
verbatims) is a stage id written in decimal ("12"). `stage_rules` turns the stage names
of a mapping file (matched ignoring case and surrounding spaces) into such keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journeyeditor import i18n
from journeyeditor.editing import survey_mapping
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document, translate
from journeyeditor.editing.edits import _new_lane, stamp
from journeyeditor.editing.measured import FIGURES
from journeyeditor.editing.operations import Delete, Insert, Operation
from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.measure.funnel import FunnelResult, StageRule
from journeyeditor.measure.sources import ColumnMapping, FileSource, SqlSource
from journeyeditor.measure.survey import SurveyColumns, SurveyResult
from journeyeditor.model import (
    Card,
    EventMapping,
    Evidence,
    FunnelFigure,
    JourneyMap,
    LaneKind,
    MappingSegment,
    MeasureRun,
    RunKind,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    limits,
)

STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
FUNNEL = QT_TRANSLATE_NOOP("Measures", "Funnel")
SURVEY = QT_TRANSLATE_NOOP("Measures", "Survey")
VERBATIMS = QT_TRANSLATE_NOOP("Measures", "Verbatims")
"""Names of the lanes an import adds, written into the map in its project's language."""


class MeasureRefused(ValueError):
    """Figures that cannot be saved into this map; the message is translated."""


def _refuse(text: str, **values: Any) -> MeasureRefused:
    """A refusal whose `text` is already translated, its fields filled in."""
    return MeasureRefused(text.format(**values))


@dataclass(frozen=True)
class Applied:
    """What an import will write, for the command line and the window to say."""

    run_id: int
    lane_id: int
    stages: int
    figures: int
    pruned: int
    verbatims: int = 0
    lane_added: bool = False


def source_label(source: FileSource | SqlSource) -> str:
    """How a run names where its figures came from: a file's name, or a database URL
    without its password, and the table."""
    if isinstance(source, FileSource):
        return source.path.name
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(source.url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        url = re.sub(r"(//[^/:@]*):[^/@]*@", r"\1:***@", source.url)
    return f"{url} {source.table}"


def clip(text: str, most: int) -> str:
    """`text` cut to `most` characters, an ellipsis marking the cut."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _stage_ids(document: Document, map_id: int) -> dict[str, int]:
    if document.get(JourneyMap, map_id) is None:
        raise _refuse(translate("Measures", "There is no map {map}."), map=map_id)
    return {str(stage.id): stage.id for stage in document.stages(map_id)}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def stage_rules(
    document: Document, map_id: int, rules: Sequence[StageRule]
) -> tuple[StageRule, ...]:
    """Rules whose keys name stages (a stage id, or a stage name in any case) with keys
    made stage ids, and touchpoints (card ids, or the text of a card of that stage)
    made card ids; MeasureRefused names what matches nothing."""
    stages = document.stages(map_id)
    by_name = {_key(stage.name): stage for stage in reversed(stages)}
    by_id = {str(stage.id): stage for stage in stages}
    cards = document.cards(map_id)
    resolved = []
    for rule in rules:
        stage = by_name.get(_key(rule.key)) or by_id.get(rule.key.strip())
        if stage is None:
            raise _refuse(
                translate("Measures", "The map has no stage called {name}."), name=rule.key
            )
        touchpoints = []
        for wanted in rule.touchpoints:
            card = next(
                (
                    c
                    for c in cards
                    if str(c.id) == wanted.strip()
                    or (c.stage_id == stage.id and _key(c.text) == _key(wanted))
                ),
                None,
            )
            if card is None:
                raise _refuse(
                    translate(
                        "Measures", "Stage {stage} has no card {card} to measure as a touchpoint."
                    ),
                    stage=stage.name,
                    card=wanted,
                )
            touchpoints.append(str(card.id))
        resolved.append(StageRule(str(stage.id), rule.patterns, tuple(touchpoints)))
    return tuple(resolved)


def _mapping_operations(
    document: Document, map_id: int, columns: ColumnMapping, rules: Sequence[StageRule]
) -> list[Operation]:
    """Replace the map's saved mapping with `columns` and `rules`."""
    saved: tuple[Any, ...] = (StageTouchpoint, StagePattern, MappingSegment, EventMapping)
    operations: list[Operation] = [
        Delete(entity, row.id) for entity in saved for row in document.measure_rows(entity, map_id)
    ]
    if len(columns.segments) > limits.MAX_SEGMENT_COLUMNS:
        raise _refuse(
            translate("Measures", "More than {most} segment columns."),
            most=limits.MAX_SEGMENT_COLUMNS,
        )
    for name in (columns.customer, columns.timestamp, columns.event, *columns.segments):
        if not name or len(name) > limits.NAME_MAX_CHARS:
            raise _refuse(translate("Measures", "A column name is empty or too long."))
    operations.append(
        Insert(
            EventMapping,
            {
                "id": document.next_id(EventMapping),
                "map_id": map_id,
                "customer_column": columns.customer,
                "time_column": columns.timestamp,
                "event_column": columns.event,
            },
        )
    )
    for position, name in enumerate(columns.segments):
        values = {"id": document.next_id(MappingSegment), "map_id": map_id}
        operations.append(Insert(MappingSegment, {**values, "position": position, "name": name}))
    stage_of = _stage_ids(document, map_id)
    card_ids = {card.id for card in document.cards(map_id)}
    for rule in rules:
        stage_id = stage_of.get(rule.key)
        if stage_id is None:
            raise _refuse(translate("Measures", "The map has no stage {key}."), key=rule.key)
        if (
            len(rule.patterns) > limits.MAX_PATTERNS_PER_STAGE
            or len(rule.touchpoints) > limits.MAX_PATTERNS_PER_STAGE
        ):
            raise _refuse(
                translate("Measures", "A stage lists more than {most} event names or touchpoints."),
                most=limits.MAX_PATTERNS_PER_STAGE,
            )
        for position, pattern in enumerate(rule.patterns):
            if not pattern or len(pattern) > limits.NAME_MAX_CHARS:
                raise _refuse(translate("Measures", "An event name is empty or too long."))
            values = {"id": document.next_id(StagePattern), "stage_id": stage_id}
            operations.append(
                Insert(StagePattern, {**values, "position": position, "pattern": pattern})
            )
        for position, card in enumerate(dict.fromkeys(rule.touchpoints)):
            if not card.isdigit() or int(card) not in card_ids:
                raise _refuse(translate("Measures", "The map has no card {card}."), card=card)
            values = {"id": document.next_id(StageTouchpoint), "stage_id": stage_id}
            operations.append(
                Insert(StageTouchpoint, {**values, "card_id": int(card), "position": position})
            )
    return operations


def _lane_name(document: Document, name: str) -> str:
    """A lane name of this module in the project's language, not the interface's: a
    French consultant importing into an English client's map adds English lanes."""
    return i18n.in_language("Measures", name, document.project().language)


def _figure_lane(
    document: Document, map_id: int, kind: LaneKind, name: str
) -> tuple[int, list[Operation]]:
    """The map's first lane of `kind`, or an Insert of a new one at the end named `name`
    (a source string of this module) in the project's language."""
    lanes = document.lanes(map_id)
    found = next((lane for lane in lanes if lane.kind == kind.value), None)
    if found is not None:
        return found.id, []
    if len(lanes) >= limits.MAX_LANES_PER_MAP:
        raise _refuse(
            translate("Measures", "The map has {most} lanes, the most it may have."),
            most=limits.MAX_LANES_PER_MAP,
        )
    name = _lane_name(document, name)
    insert = _new_lane(document, map_id, len(lanes), name, kind.value, height=140.0)
    return int(insert.values["id"]), [insert]


def _run_operations(
    document: Document,
    map_id: int,
    kind: RunKind,
    source_name: str,
    imported: str,
    rows: int,
    bad_rows: int,
    segment_column: str,
) -> tuple[int, list[Operation], list[Operation]]:
    """The new run's Insert, and the deletions of the runs (figures first) it pushes past
    the limit."""
    if not STAMP.fullmatch(imported):
        raise _refuse(
            translate("Measures", "{stamp} is not a time as 2026-11-30T09:15:00Z."), stamp=imported
        )
    run_id = document.next_id(MeasureRun)
    insert = Insert(
        MeasureRun,
        {
            "id": run_id,
            "map_id": map_id,
            "kind": kind.value,
            "imported": imported,
            "source": clip(source_name, limits.NAME_MAX_CHARS),
            "rows": max(0, min(rows, limits.COUNT_MAX)),
            "bad_rows": max(0, min(bad_rows, rows, limits.COUNT_MAX)),
            "segment_column": clip(segment_column, limits.NAME_MAX_CHARS),
        },
    )
    kept = limits.MAX_RUNS_PER_KIND - 1
    older = sorted(document.runs(map_id, kind.value), key=lambda r: (r.imported, r.id))
    pruned: list[Operation] = []
    gone = older[: max(0, len(older) - kept)]
    if gone:
        figures = FIGURES[kind.value]
        rows_of_map = document.measure_rows(figures, map_id)
        for run in gone:
            pruned += [Delete(figures, f.id) for f in rows_of_map if f.run_id == run.id]
            pruned.append(Delete(MeasureRun, run.id))
    return run_id, [insert], pruned


@dataclass(frozen=True)
class _RunSteps:
    """What every import writes besides its figures: the run, the older runs it pushes
    past the limit, and the figure lane when the map has none."""

    run_id: int
    run: list[Operation]
    pruned: list[Operation]
    lane_id: int
    lane: list[Operation]

    def applied(self, stages: int, figures: int, verbatims: int = 0) -> Applied:
        pruned = sum(isinstance(s, Delete) and s.entity is MeasureRun for s in self.pruned)
        return Applied(
            self.run_id,
            self.lane_id,
            stages,
            figures,
            pruned,
            verbatims=verbatims,
            lane_added=bool(self.lane),
        )


def _run_steps(
    document: Document,
    map_id: int,
    kind: RunKind,
    lane: tuple[LaneKind, str],
    source_name: str,
    imported: str,
    rows: int,
    bad_rows: int,
    segment_column: str,
) -> _RunSteps:
    """The run's Insert and pruning (`_run_operations`), then its lane (`_figure_lane`)."""
    run_id, run, pruned = _run_operations(
        document, map_id, kind, source_name, imported, rows, bad_rows, segment_column
    )
    lane_id, lane_insert = _figure_lane(document, map_id, *lane)
    return _RunSteps(run_id, run, pruned, lane_id, lane_insert)


def _stage_id(stage_of: dict[str, int], key: str) -> int:
    """The id of the stage a figure's key names; a map without it refuses the import."""
    stage_id = stage_of.get(key)
    if stage_id is None:
        raise _refuse(translate("Measures", "The map has no stage {key}."), key=key)
    return stage_id


def _segment_value(value: str | None) -> str:
    """A segment value as stored: None (no value in the column) is ''."""
    text = "" if value is None else value
    if len(text) > limits.NAME_MAX_CHARS:
        raise _refuse(
            translate("Measures", "A segment value is longer than {most} characters."),
            most=limits.NAME_MAX_CHARS,
        )
    return text


def _count(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 <= value <= limits.COUNT_MAX:
        raise _refuse(translate("Measures", "A count is out of range: {value}."), value=value)
    return int(value)


def _seconds(value: float | None) -> float | None:
    if value is None:
        return None
    return max(0.0, min(float(value), limits.SECONDS_MAX))


def _check_segments(values: set[str | None]) -> None:
    if len(values) > limits.MAX_SEGMENT_VALUES:
        raise _refuse(
            translate(
                "Measures",
                "The segment column has {count} values, more than {most}; choose a column"
                " with fewer.",
            ),
            count=len(values),
            most=limits.MAX_SEGMENT_VALUES,
        )


def plan_funnel(
    document: Document,
    map_id: int,
    result: FunnelResult,
    mapping: ColumnMapping,
    source_name: str,
    imported: str | None = None,
    rows: int = 0,
    bad_rows: int = 0,
) -> tuple[EditCommand, Applied]:
    """The import of a funnel as one command, and what it will write."""
    imported = imported or stamp()
    stage_of = _stage_ids(document, map_id)
    columns = {b.column for b in result.segments}
    if len(columns) > 1:
        raise _refuse(translate("Measures", "A run is broken down by one segment column at most."))
    _check_segments({b.value for b in result.segments})
    operations = _mapping_operations(document, map_id, mapping, result.stages)
    steps = _run_steps(
        document,
        map_id,
        RunKind.EVENTS,
        (LaneKind.FUNNEL, FUNNEL),
        source_name,
        imported,
        rows,
        bad_rows,
        next(iter(columns), None) or "",
    )
    figures: list[Operation] = []
    for breakdown in (result.overall, *result.segments):
        segment = None if breakdown.column is None else _segment_value(breakdown.value)
        for figure in breakdown.stages:
            stage_id = _stage_id(stage_of, figure.stage)
            values = {
                "id": document.next_id(FunnelFigure),
                "run_id": steps.run_id,
                "stage_id": stage_id,
                "segment": segment,
                "customers": _count(breakdown.customers),
                "reached": _count(figure.reached),
                "previous_reached": _count(figure.previous_reached),
                "from_previous": _count(figure.from_previous),
                "skipped": _count(figure.skipped),
                "came_back": _count(figure.came_back),
                "timed": _count(figure.timed),
                "median_seconds": _seconds(figure.median_seconds),
                "p90_seconds": _seconds(figure.p90_seconds),
            }
            figures.append(Insert(FunnelFigure, values))
    command = EditCommand(
        document,
        translate("Measures", "Import events"),
        [*steps.pruned, *operations, *steps.lane, *steps.run, *figures],
    )
    return command, steps.applied(len(result.stages), len(figures))


def apply_funnel(
    document: Document,
    map_id: int,
    result: FunnelResult,
    mapping: ColumnMapping,
    source_name: str,
    imported: str | None = None,
    rows: int = 0,
    bad_rows: int = 0,
) -> EditCommand:
    """One undo step saving a funnel into a map: the mapping (`mapping`'s columns and
    the result's stage rules), a run (`imported`: ISO UTC, now by default) with its
    figures, a funnel lane when the map has none, and the history pruned to the limit."""
    return plan_funnel(document, map_id, result, mapping, source_name, imported, rows, bad_rows)[0]


def _verbatims_lane(document: Document, map_id: int, added: int) -> tuple[int, list[Operation]]:
    """The map's text lane named Verbatims (in any case, in any of our languages), or a
    new one, named in the project's language, after the `added` lanes the same import adds."""
    name = _lane_name(document, VERBATIMS)
    wanted = {_key(i18n.in_language("Measures", VERBATIMS, other)) for other in i18n.LANGUAGES}
    lanes = document.lanes(map_id)
    for lane in lanes:
        if lane.kind == LaneKind.TEXT.value and _key(lane.name) in wanted:
            return lane.id, []
    if len(lanes) + added >= limits.MAX_LANES_PER_MAP:
        raise _refuse(
            translate("Measures", "The map has {most} lanes, the most it may have."),
            most=limits.MAX_LANES_PER_MAP,
        )
    insert = _new_lane(document, map_id, len(lanes) + added, name, LaneKind.TEXT.value)
    return int(insert.values["id"]), [insert]


def plan_survey(
    document: Document,
    map_id: int,
    result: SurveyResult,
    source_name: str,
    imported: str | None = None,
    rows: int = 0,
    bad_rows: int = 0,
    segment_column: str = "",
    columns: SurveyColumns | None = None,
) -> tuple[EditCommand, Applied]:
    """The import of survey figures and verbatims as one command, and what it writes;
    with `columns`, the map's saved survey mapping becomes them in the same step."""
    imported = imported or stamp()
    stage_of = _stage_ids(document, map_id)
    saved: list[Operation] = []
    if columns is not None:
        if (problem := survey_mapping.problem(columns)) is not None:
            raise MeasureRefused(problem)
        saved = survey_mapping.mapping_operations(document, map_id, columns)
    _check_segments({f.segment for f in result.figures if f.segment is not None})
    steps = _run_steps(
        document,
        map_id,
        RunKind.SURVEY,
        (LaneKind.SURVEY, SURVEY),
        source_name,
        imported,
        rows,
        bad_rows,
        segment_column,
    )
    figures: list[Operation] = []
    for figure in result.figures:
        stage_id = _stage_id(stage_of, figure.stage)
        if figure.effort_mean is not None and not (
            limits.EFFORT_RANGE[0] <= figure.effort_mean <= limits.EFFORT_RANGE[1]
        ):
            raise _refuse(
                translate("Measures", "A mean effort is out of range: {value}."),
                value=figure.effort_mean,
            )
        values = {
            "id": document.next_id(SurveyFigure),
            "run_id": steps.run_id,
            "stage_id": stage_id,
            "segment": None if figure.segment is None else _segment_value(figure.segment),
            "answers": _count(figure.answers),
            "promoters": _count(figure.promoters),
            "passives": _count(figure.passives),
            "detractors": _count(figure.detractors),
            "effort_answers": _count(figure.effort_answers),
            "effort_mean": figure.effort_mean,
        }
        figures.append(Insert(SurveyFigure, values))
    cards, verbatim_lane = _verbatim_cards(
        document, map_id, result, source_name, imported, len(steps.lane)
    )
    command = EditCommand(
        document,
        translate("Measures", "Import survey"),
        [*steps.pruned, *saved, *steps.lane, *steps.run, *figures, *verbatim_lane, *cards],
    )
    stages = len({f.stage for f in result.figures})
    return command, steps.applied(stages, len(figures), verbatims=len(cards))


def _verbatim_cards(
    document: Document,
    map_id: int,
    result: SurveyResult,
    source_name: str,
    imported: str,
    added_lanes: int,
) -> tuple[list[Operation], list[Operation]]:
    """Research cards for the verbatims a cell does not already hold, and the Insert of
    the Verbatims lane when they need one."""
    if not result.verbatims:
        return [], []
    stage_of = _stage_ids(document, map_id)
    lane_id, lane = _verbatims_lane(document, map_id, added_lanes)
    existing = document.cards(map_id)
    seen = {(c.stage_id, _key(c.text)) for c in existing if c.lane_id == lane_id}
    sizes: dict[int, int] = {}
    for card in existing:
        if card.lane_id == lane_id:
            sizes[card.stage_id] = sizes.get(card.stage_id, 0) + 1
    source = clip(source_name, limits.NAME_MAX_CHARS)
    cards: list[Operation] = []
    for verbatim in result.verbatims:
        stage_id = stage_of.get(verbatim.stage)
        if stage_id is None:
            raise _refuse(translate("Measures", "The map has no stage {key}."), key=verbatim.stage)
        text = clip(verbatim.text.replace("\x00", "").strip(), limits.TEXT_MAX_CHARS)
        if not text or (stage_id, _key(text)) in seen:
            continue
        seen.add((stage_id, _key(text)))
        answered = verbatim.answered or ""
        position = sizes.get(stage_id, 0)
        sizes[stage_id] = position + 1
        values = {
            "id": document.next_id(Card),
            "stage_id": stage_id,
            "lane_id": lane_id,
            "position": position,
            "text": text,
            "evidence": Evidence.RESEARCH.value,
            "source": source,
            "created": answered if STAMP.fullmatch(answered) else imported,
            "votes": 0,
        }
        cards.append(Insert(Card, values))
    if len(existing) + len(cards) > limits.MAX_CARDS_PER_MAP:
        raise _refuse(
            translate("Measures", "The verbatims would give the map more than {most} cards."),
            most=limits.MAX_CARDS_PER_MAP,
        )
    return cards, lane if cards else []


def apply_survey(
    document: Document,
    map_id: int,
    result: SurveyResult,
    source_name: str,
    imported: str | None = None,
    rows: int = 0,
    bad_rows: int = 0,
    segment_column: str = "",
    columns: SurveyColumns | None = None,
) -> EditCommand:
    """One undo step saving survey figures into a map: a run with its figures, a survey
    lane when the map has none, the verbatims as research cards (source: the survey) in
    the Verbatims lane (made when missing), the history pruned to the limit, and with
    `columns` the map's saved survey mapping."""
    return plan_survey(
        document, map_id, result, source_name, imported, rows, bad_rows, segment_column, columns
    )[0]
