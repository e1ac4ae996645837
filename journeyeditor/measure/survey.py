"""Survey answers (one row per answer) reduced to NPS, CES and verbatims per stage.

A row names a stage (or a touchpoint standing for it), an NPS score, an effort score, a
free text, optionally when it was answered and a segment value. Per stage, overall and
per segment value (an empty value is the segment "", not the overall figures):

- NPS = % promoters (9-10) − % detractors (0-6) of the NPS answers, from −100 to +100,
  None without any; passives (7-8) count in the answers only;
- CES = the mean effort score of the effort answers, None without any;
- a figure from fewer than `limits.SURVEY_MIN_ANSWERS` NPS answers is a low sample.

An empty score is no answer (the row may still give a verbatim). A row is bad, listed
with its line and left out whole, when its stage is none of the stages' names (compared
trimmed, in any case), its NPS score is not a whole number from 0 to 10, its effort
score is not a number on the scale (a decimal comma or point both read), or its date
cannot be read. Verbatims: the most recent texts per stage (by date, undated last, then
by line, later first), empty texts ignored.

Everything is computed by DuckDB over the file's checked view (`sources`), streaming:
the figures are one grouped query, the verbatims a bounded top-N per stage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from journeyeditor.measure.csvdialect import LINE_COLUMN
from journeyeditor.measure.job import MeasureJob
from journeyeditor.measure.sources import (
    REASON_COLUMN,
    TIME_TEXT_COLUMN,
    FileSource,
    Session,
    SourceCheck,
    literal,
    quote,
)
from journeyeditor.model.limits import (
    MAX_STAGES_PER_MAP,
    NAME_MAX_CHARS,
    SURVEY_MIN_ANSWERS,
    TEXT_MAX_CHARS,
    VERBATIMS_PER_STAGE_MAX,
)
from journeyeditor.store.errors import EventSourceError, StageMappingError, SurveySourceError

EFFORT_SCALE = (1.0, 7.0)
"""The Customer Effort Score's usual scale (1 very easy … 7 very hard)."""


@dataclass(frozen=True)
class SurveyColumns:
    """Which columns hold the stage, the NPS score, the effort score, the free text and,
    optionally, when it was answered and a segment; `effort_scale` bounds effort."""

    stage: str
    nps: str
    effort: str
    text: str
    answered: str | None = None
    segment: str | None = None
    effort_scale: tuple[float, float] = EFFORT_SCALE

    def columns(self) -> tuple[str, ...]:
        optional = (self.answered, self.segment)
        return (self.stage, self.nps, self.effort, self.text, *(c for c in optional if c))


@dataclass(frozen=True)
class SurveyFigures:
    """One stage's answers, overall (`segment` None) or for one segment value."""

    stage: str
    segment: str | None
    answers: int
    promoters: int
    passives: int
    detractors: int
    effort_answers: int
    effort_mean: float | None

    @property
    def nps(self) -> float | None:
        if not self.answers:
            return None
        return 100 * (self.promoters - self.detractors) / self.answers

    @property
    def low_sample(self) -> bool:
        return self.answers < SURVEY_MIN_ANSWERS


@dataclass(frozen=True)
class Verbatim:
    """A free text as answered; `answered` is ISO 8601 ("2026-12-31T14:05:00")."""

    stage: str
    text: str
    answered: str | None
    segment: str | None
    line: int


@dataclass(frozen=True)
class SurveyResult:
    figures: tuple[SurveyFigures, ...]
    verbatims: tuple[Verbatim, ...]
    check: SourceCheck


def check_survey_stages(
    stages: Mapping[str, Sequence[str]], name: str = "stages"
) -> dict[str, tuple[str, ...]]:
    """Stage keys in order with their names trimmed; a name may mean one stage only."""
    if not stages:
        raise StageMappingError(name, "no stage")
    if len(stages) > MAX_STAGES_PER_MAP:
        raise StageMappingError(name, f"more than {MAX_STAGES_PER_MAP} stages")
    seen: dict[str, str] = {}
    checked: dict[str, tuple[str, ...]] = {}
    for key, names in stages.items():
        if not key or len(key) > NAME_MAX_CHARS:
            raise StageMappingError(name, "a stage has no key, or too long a key")
        trimmed = tuple(dict.fromkeys(text.strip() for text in names))
        for text in trimmed:
            if not text:
                raise StageMappingError(name, f"stage {key} has an empty name")
            other = seen.setdefault(text.casefold(), key)
            if other != key:
                raise StageMappingError(name, f"{text} names both {other} and {key}")
        checked[key] = trimmed
    return checked


def _text(column: str) -> str:
    return f"trim(CAST({quote(column)} AS VARCHAR))"


class SurveyRead:
    """The survey as a `sources.ReadSpec`: its columns, its time and its bad rows."""

    def __init__(self, columns: SurveyColumns, stages: Mapping[str, tuple[str, ...]]) -> None:
        self.survey = columns
        self.stages = stages

    @property
    def time_column(self) -> str | None:
        return self.survey.answered

    def columns(self) -> tuple[str, ...]:
        return self.survey.columns()

    def stage_sql(self) -> str:
        """The stage key a row's stage text means, NULL when none."""
        whens = " ".join(
            f"WHEN lower({literal(text)}) THEN {literal(key)}"
            for key, names in self.stages.items()
            for text in names
        )
        if not whens:
            return "CAST(NULL AS VARCHAR)"
        return f"CASE lower({_text(self.survey.stage)}) {whens} END"

    def nps_sql(self) -> str:
        """The NPS score, NULL when empty or not a whole number from 0 to 10."""
        text = _text(self.survey.nps)
        return (
            f"CASE WHEN regexp_full_match({text}, '[0-9]{{1,2}}') "
            f"AND CAST({text} AS INTEGER) <= 10 THEN CAST({text} AS INTEGER) END"
        )

    def effort_sql(self) -> str:
        """The effort score (decimal comma or point), NULL when empty or off the scale."""
        low, high = self.survey.effort_scale
        value = f"TRY_CAST(replace({_text(self.survey.effort)}, ',', '.') AS DOUBLE)"
        return (
            f"CASE WHEN isfinite({value}) AND {value} BETWEEN {float(low)!r} AND "
            f"{float(high)!r} THEN {value} END"
        )

    def bad_row_sql(self) -> str:
        def given(column: str) -> str:
            return f"coalesce({_text(column)}, '') <> ''"

        survey = self.survey
        cases = [
            f"WHEN ({self.stage_sql()}) IS NULL THEN 'stage'",
            f"WHEN {given(survey.nps)} AND ({self.nps_sql()}) IS NULL THEN 'nps'",
            f"WHEN {given(survey.effort)} AND ({self.effort_sql()}) IS NULL THEN 'effort'",
        ]
        if survey.answered is not None:
            cases.append(
                f"WHEN {given(TIME_TEXT_COLUMN)} AND {quote(survey.answered)} IS NULL "
                "THEN 'answered'"
            )
        return f"CASE {' '.join(cases)} END"


class SurveyJob(MeasureJob):
    """Check a survey file, then compute its figures and verbatims (see `MeasureJob`)."""

    numbered = True

    def __init__(
        self,
        source: FileSource,
        columns: SurveyColumns,
        stages: Mapping[str, Sequence[str]],
        verbatims_per_stage: int,
        work_parent: Path | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> None:
        if not 0 <= verbatims_per_stage <= VERBATIMS_PER_STAGE_MAX:
            raise ValueError(f"verbatims per stage: 0 to {VERBATIMS_PER_STAGE_MAX}")
        super().__init__(source, work_parent, on_phase)
        self.columns = columns
        self.stages = check_survey_stages(stages)
        self.read = SurveyRead(columns, self.stages)
        self.spec = self.read
        self.verbatims_per_stage = verbatims_per_stage
        self._check: SourceCheck | None = None

    def check(self) -> SourceCheck:
        try:
            self._check = super().check()
        except SurveySourceError:
            raise
        except EventSourceError as error:
            raise SurveySourceError(error.path, error.detail) from error
        return self._check

    def run(self) -> SurveyResult:
        """Figures and verbatims of the good rows (the check runs first if it has not)."""
        check = self._check or self.check()
        try:
            figures = self.query(self.figures_sql)
            verbatims = self.query(self.verbatims_sql) if self.verbatims_per_stage else []
        except EventSourceError as error:
            raise SurveySourceError(error.path, error.detail) from error
        return SurveyResult(self._figures(figures), self._verbatims(verbatims), check)

    def _answers(self, session: Session) -> str:
        segment = self.columns.segment
        seg = f"coalesce({_text(segment)}, '')" if segment else "CAST(NULL AS VARCHAR)"
        return (
            f"SELECT {self.read.stage_sql()} AS stage_key, {self.read.nps_sql()} AS nps, "
            f"{self.read.effort_sql()} AS effort, {seg} AS segment, "
            f"{_text(self.columns.text)} AS verbatim, {LINE_COLUMN} AS line, "
            f"{quote(self.columns.answered) if self.columns.answered else 'NULL'} AS answered "
            f"FROM {session.relation} WHERE {REASON_COLUMN} IS NULL"
        )

    def figures_sql(self, session: Session) -> str:
        return f"""WITH answers AS ({self._answers(session)})
SELECT GROUPING(segment), stage_key, segment, count(nps),
       count(CASE WHEN nps >= 9 THEN 1 END), count(CASE WHEN nps BETWEEN 7 AND 8 THEN 1 END),
       count(CASE WHEN nps <= 6 THEN 1 END), count(effort), avg(effort)
FROM answers GROUP BY GROUPING SETS ((stage_key), (stage_key, segment))"""

    def verbatims_sql(self, session: Session) -> str:
        n = self.verbatims_per_stage
        return f"""WITH answers AS ({self._answers(session)})
SELECT stage_key, max_by(
    {{'text': left(verbatim, {TEXT_MAX_CHARS}), 'answered': answered, 'segment': segment,
      'line': line}},
    {{'a': coalesce(CAST(answered AS TIMESTAMP), CAST('-infinity' AS TIMESTAMP)), 'l': line}},
    {n})
FROM answers WHERE verbatim <> '' GROUP BY stage_key"""

    def _figures(self, rows: Sequence[Sequence[Any]]) -> tuple[SurveyFigures, ...]:
        found: dict[tuple[str, str | None], Sequence[Any]] = {}
        values: set[str] = set()
        for overall, stage, segment, *counts in rows:
            key = None if overall else str(segment)
            if key is not None:
                if self.columns.segment is None:
                    continue  # the same group again, with no segment to name
                values.add(key)
            found[(str(stage), key)] = counts
        nothing = (0, 0, 0, 0, 0, None)
        out = []
        for segment_value in (None, *sorted(values)):
            for stage in self.stages:
                answers, pro, passive, detract, efforts, mean = found.get(
                    (stage, segment_value), nothing
                )
                out.append(
                    SurveyFigures(
                        stage=stage,
                        segment=segment_value,
                        answers=int(answers),
                        promoters=int(pro),
                        passives=int(passive),
                        detractors=int(detract),
                        effort_answers=int(efforts),
                        effort_mean=None if mean is None else float(mean),
                    )
                )
        return tuple(out)

    def _verbatims(self, rows: Sequence[Sequence[Any]]) -> tuple[Verbatim, ...]:
        by_stage = {str(stage): quotes for stage, quotes in rows}
        out = []
        for stage in self.stages:
            quotes = sorted(by_stage.get(stage, ()), key=_recency, reverse=True)
            for item in quotes:
                answered = item["answered"]
                out.append(
                    Verbatim(
                        stage=stage,
                        text=str(item["text"]),
                        answered=answered.isoformat() if isinstance(answered, datetime) else None,
                        segment=item["segment"],
                        line=int(item["line"]),
                    )
                )
        return tuple(out)


def _recency(item: Mapping[str, Any]) -> tuple[bool, datetime, int]:
    """Dated before undated, later before earlier, then the later line first."""
    answered = item["answered"]
    dated = isinstance(answered, datetime)
    return dated, answered if dated else datetime.min, int(item["line"])
