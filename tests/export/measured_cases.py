"""A measured project for the export tests: the sample map with two funnel runs and two
survey runs saved through the import commands (editing/measures.py), as a person's
imports would save them, so the canvas and every export read them from the file.

Shared by tests/export/test_measure_lanes.py and the goldens (render_cases.py).
"""

from __future__ import annotations

from pathlib import Path

from journeyeditor.editing.document import Document
from journeyeditor.editing.measures import apply_funnel, apply_survey
from journeyeditor.measure.funnel import Breakdown, FunnelResult, StageFigures, StageRule
from journeyeditor.measure.sources import BadRows, ColumnMapping, SourceCheck
from journeyeditor.measure.survey import SurveyFigures, SurveyResult
from journeyeditor.store import database, interchange, templates

MAPPING = ColumnMapping("customer", "timestamp", "event")
FIRST_RUN = "2026-10-02T08:00:00Z"
SECOND_RUN = "2026-11-02T08:00:00Z"
SURVEY_RUNS = ("2026-08-01T10:00:00Z", "2026-11-20T10:00:00Z")
REACHED = (48_210, 30_125, 12_480, 0)
"""Customers per measured stage in the newer run; the fourth stage nobody reached, the
stages after it have no figures at all (a dash)."""
BEFORE = (47_000, 30_600, 11_900, 0)
MEDIAN, P90 = 7_500.0, 3 * 86_400.0
FEW = 12
SKIPPED = 34
"""Customers who skipped the third stage in the newer run."""
"""Answers at the second surveyed stage: under the threshold, so it is marked."""


def funnel_result(
    stage_ids: list[int], reached: tuple[int, ...], skipped_third: int = SKIPPED
) -> FunnelResult:
    """Figures for the first len(reached) stages; the rest of the map is not mapped."""
    rules = tuple(StageRule(str(stage), (f"event_{stage}",)) for stage in stage_ids)
    figures = []
    for index, (stage, count) in enumerate(zip(stage_ids, reached, strict=False)):
        before = reached[index - 1] if index else None
        figures.append(
            StageFigures(
                stage=str(stage),
                reached=count,
                previous_reached=before,
                from_previous=min(count, before) if before is not None else None,
                skipped=skipped_third if index == 2 else 17 * index,
                came_back=5 * index,
                timed=count,
                median_seconds=MEDIAN * index if index and count else None,
                p90_seconds=P90 * index if index and count else None,
            )
        )
    overall = Breakdown(None, None, reached[0], tuple(figures))
    return FunnelResult(rules[: len(reached)], overall, ())


def survey_result(stage_ids: list[int], newer: bool) -> SurveyResult:
    """NPS +32 (412 answers) at the first stage, −8 (12 answers) at the second."""
    first = (250, 80, 82) if newer else (230, 80, 90)
    second = (3, 5, 4) if newer else (4, 10, 6)
    figures = (
        SurveyFigures(str(stage_ids[0]), None, sum(first), *first, sum(first), 3.4),
        SurveyFigures(str(stage_ids[1]), None, sum(second), *second, FEW, 4.9 if newer else 4.5),
    )
    answers = sum(f.answers for f in figures)
    return SurveyResult(figures, (), SourceCheck(answers, answers, BadRows()))


def measure(document: Document, map_id: int, skipped_third: int = SKIPPED) -> None:
    """Two funnel runs and two survey runs into the map, each one undo step."""
    stage_ids = [stage.id for stage in document.stages(map_id)]
    for stamp, reached in ((FIRST_RUN, BEFORE), (SECOND_RUN, REACHED)):
        result = funnel_result(stage_ids, reached, skipped_third)
        assert document.push(apply_funnel(document, map_id, result, MAPPING, "events.csv", stamp))
    for stamp, newer in zip(SURVEY_RUNS, (False, True), strict=True):
        answers = survey_result(stage_ids, newer)
        assert document.push(apply_survey(document, map_id, answers, "survey.csv", stamp))


def make_measured(path: Path, language: str, skipped_third: int = SKIPPED) -> Path:
    """The sample project in `language`, its first map measured."""
    database.create_file(
        path, interchange.populate_from(templates.template_plan("sample", language))
    )
    document = Document.open(path)
    try:
        measure(document, document.maps()[0].id, skipped_third)
    finally:
        document.close()
    return path


SEGMENT_RUN = "2026-11-25T08:00:00Z"


def measure_by_segment(document: Document, map_id: int) -> None:
    """A newest funnel run and a newest survey run broken down by device: everyone 1,000
    and 600 reached; mobile 700 and 350; no device 300 and 250. The survey: everyone NPS
    +50 (40 answers, CES 2.5), mobile +33 (30 answers, no effort answered)."""
    stage_ids = [stage.id for stage in document.stages(map_id)]
    overall = funnel_result(stage_ids, (1000, 600))
    mobile = funnel_result(stage_ids, (700, 350)).overall.stages
    unknown = funnel_result(stage_ids, (300, 250)).overall.stages
    result = FunnelResult(
        overall.stages,
        overall.overall,
        (Breakdown("device", "mobile", 700, mobile), Breakdown("device", None, 300, unknown)),
    )
    command = apply_funnel(document, map_id, result, MAPPING, "events.csv", SEGMENT_RUN)
    assert document.push(command)
    first = str(stage_ids[0])
    figures = (
        SurveyFigures(first, None, 40, 25, 10, 5, 40, 2.5),
        SurveyFigures(first, "mobile", 30, 15, 10, 5, 0, None),
    )
    answers = SurveyResult(figures, (), SourceCheck(40, 40, BadRows()))
    survey = apply_survey(
        document, map_id, answers, "survey.csv", SEGMENT_RUN, segment_column="device"
    )
    assert document.push(survey)
