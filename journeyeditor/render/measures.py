"""A map's measurements in words: funnel and survey figures per stage (pure: no Qt).

A funnel lane shows, per stage, how many customers reached it, the conversion from the
stage before, how many dropped, the time between stages, who skipped it or came back,
and the change since the previous run; a survey lane shows NPS, CES and the number of
answers, marked when they are too few to trust. The layout wraps these rows like any
text (nothing is cut) and every painter draws them, so the canvas and the exports agree.
Figures are written in the map's language (render/numbers.py); the words come from the
caller, already translated (render/labels.py), as a card's labels do.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from journeyeditor.model.limits import SURVEY_MIN_ANSWERS
from journeyeditor.render import numbers

FUNNEL = "funnel"
SURVEY = "survey"
MEASURE_KINDS = frozenset({FUNNEL, SURVEY})

UP, DOWN, SAME, WARN = "up", "down", "same", "warn"
"""Marks drawn before a row: the change's arrow, or the few-answers warning."""
STRONG, PLAIN, MUTED, BETTER, WORSE, CAUTION = (
    "strong",
    "plain",
    "muted",
    "better",
    "worse",
    "caution",
)
"""Tones of a row, which the drawing turns into weight and colour."""


@dataclass(frozen=True)
class FunnelFigures:
    """One stage of one funnel run (measure/funnel.py computes them)."""

    reached: int
    conversion: float | None = None
    """Share (0…1) of the previous stage's customers who reached this one."""
    dropped: int | None = None
    median_seconds: float | None = None
    p90_seconds: float | None = None
    skipped: int = 0
    came_back: int = 0


@dataclass(frozen=True)
class SurveyFigures:
    """One stage of one survey import: NPS (−100…+100), CES mean and how many answered."""

    nps: float | None
    ces: float | None
    answers: int


Figures = FunnelFigures | SurveyFigures


@dataclass(frozen=True)
class MeasureIn:
    """A stage's figures in a measurement lane, now and in the run before (if any)."""

    lane_id: int
    stage_id: int
    current: Figures | None
    previous: Figures | None = None


Segment = tuple[str, str]
"""Customers of one segment: a segment column and its value ('' for none there)."""


@dataclass(frozen=True)
class RunIn:
    """When a lane's figures were measured, and the run they are compared with."""

    lane_id: int
    date: dt.date | None
    previous_date: dt.date | None = None
    segment: Segment | None = None
    """Whose figures the lane shows: None for everyone, else (column, value) of the
    customers it counts (value '' for those without one)."""


@dataclass(frozen=True)
class FigureRow:
    """One row of a stage's figures: words, how they look, and a mark before them."""

    text: str
    tone: str = PLAIN
    mark: str = ""


@dataclass(frozen=True)
class MeasureWords:
    """The words of measurement lanes, translated by the caller (English defaults)."""

    reached: str = "{0} reached"
    converted: str = "{0} from previous"
    dropped: str = "{0} dropped"
    times: str = "median {0}, p90 {1}"
    skipped: str = "{0} skipped"
    came_back: str = "{0} came back"
    since: str = "vs {0}"
    nps: str = "NPS {0}"
    ces: str = "CES {0}"
    answers: str = "n = {0}"
    few: str = "under {0} answers"
    run: str = "Run of {0}"
    group: str = "only {0}"
    no_value: str = "(no value)"
    seconds: str = "s"
    minutes: str = "min"
    hours: str = "h"
    days: str = "d"


def date_text(day: dt.date, language: str) -> str:
    """A run's date as the language writes it with digits: 2026-11-02, 02/11/2026."""
    if language == "fr":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return day.isoformat()


def duration(seconds: float | None, words: MeasureWords, language: str) -> str:
    """A time between stages in human units: "45 s", "12 min", "2 h 5 min", "3 d 4 h", "12 d".

    Number and unit are joined by a no-break space, so wrapping never parts them.
    """
    if seconds is None or seconds != seconds or seconds < 0 or seconds == float("inf"):
        return numbers.MISSING

    def part(value: int, unit: str) -> str:
        return f"{numbers.number(value, language)}{numbers.NBSP}{unit}"

    whole = round(seconds)
    if whole < 60:
        return part(whole, words.seconds)
    minutes = round(seconds / 60)
    if minutes < 60:
        return part(minutes, words.minutes)
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return part(hours, words.hours) + (f" {part(rest, words.minutes)}" if rest else "")
    days, hours = divmod(round(seconds / 3600), 24)
    if days < 10 and hours:
        return f"{part(days, words.days)} {part(hours, words.hours)}"
    return part(round(seconds / 86400), words.days)


def signed(value: float, language: str) -> str:
    """A change or an NPS with its sign: "+320", "−8", "0" (zero has none)."""
    text = numbers.number(value, language)
    if text.startswith(numbers.MINUS) or text == "0":
        return text
    return "+" + text


def whole(value: float) -> int:
    """Rounded half away from zero (66.5 % shows 67 %, not Python's even 66 %)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def tenth(value: float) -> float:
    """To one decimal, half away from zero, as written (7.25 is 7.249999… in binary)."""
    return whole(round(value * 10, 9)) / 10


def percent(share: float, language: str) -> str:
    """A share as a whole-number percentage ("72%", "72 %"), one decimal under 10 %."""
    value = round(share * 100, 9)
    shown = tenth(value) if abs(value) < 10 else whole(value)
    return numbers.quantity(shown, "%", language)


def _change_row(delta: float, higher_better: bool, text: str) -> FigureRow:
    """The change since the previous run (whose date the lane's header gives): an arrow
    its way, green when better and red when worse in the figure's direction."""
    if delta == 0:
        return FigureRow(text, MUTED, SAME)
    tone = BETTER if (delta > 0) == higher_better else WORSE
    return FigureRow(text, tone, UP if delta > 0 else DOWN)


class FigureText:
    """Turns a stage's figures into rows, and a run into its header line, in one language."""

    def __init__(self, words: MeasureWords | None = None, language: str = "en") -> None:
        self.words = words or MeasureWords()
        self.language = language

    def run(self, run: RunIn | None) -> tuple[str, ...]:
        """The lane header's lines under its name: the run's date, the previous run's."""
        if run is None or run.date is None:
            return ()
        lines = [self.words.run.format(date_text(run.date, self.language))]
        if run.previous_date is not None:
            lines.append(self.words.since.format(date_text(run.previous_date, self.language)))
        if run.segment is not None:
            column, value = run.segment
            lines.append(self.words.group.format(f"{column}: {value or self.words.no_value}"))
        return tuple(lines)

    def rows(self, measure: MeasureIn) -> tuple[FigureRow, ...]:
        """The rows of one cell; a stage without figures is one dash."""
        current = measure.current
        before = measure.previous
        if isinstance(current, FunnelFigures):
            return self._funnel(current, before if isinstance(before, FunnelFigures) else None)
        if isinstance(current, SurveyFigures):
            return self._survey(current, before if isinstance(before, SurveyFigures) else None)
        return (FigureRow(numbers.MISSING, MUTED),)

    def _funnel(self, now: FunnelFigures, before: FunnelFigures | None) -> tuple[FigureRow, ...]:
        w, lang = self.words, self.language
        rows = [FigureRow(w.reached.format(numbers.number(now.reached, lang)), STRONG)]
        if now.conversion is not None:
            rows.append(FigureRow(w.converted.format(percent(now.conversion, lang))))
        if now.dropped is not None:
            rows.append(FigureRow(w.dropped.format(numbers.number(now.dropped, lang))))
        if now.median_seconds is not None:
            times = w.times.format(
                duration(now.median_seconds, w, lang), duration(now.p90_seconds, w, lang)
            )
            rows.append(FigureRow(times, MUTED))
        if now.skipped:
            rows.append(FigureRow(w.skipped.format(numbers.number(now.skipped, lang)), MUTED))
        if now.came_back:
            rows.append(FigureRow(w.came_back.format(numbers.number(now.came_back, lang)), MUTED))
        if before is not None:
            delta = now.reached - before.reached
            rows.append(_change_row(delta, True, signed(delta, lang)))
        return tuple(rows)

    def _survey(self, now: SurveyFigures, before: SurveyFigures | None) -> tuple[FigureRow, ...]:
        w, lang = self.words, self.language
        nps = signed(whole(now.nps), lang) if now.nps is not None else numbers.MISSING
        ces = numbers.number(tenth(now.ces), lang) if now.ces is not None else numbers.MISSING
        rows = [FigureRow(w.nps.format(nps), STRONG), FigureRow(w.ces.format(ces))]
        answers = w.answers.format(numbers.number(now.answers, lang))
        if now.answers < SURVEY_MIN_ANSWERS:
            few = w.few.format(numbers.number(SURVEY_MIN_ANSWERS, lang))
            rows.append(FigureRow(f"{answers} ({few})", CAUTION, WARN))
        else:
            rows.append(FigureRow(answers, MUTED))
        if before is not None and now.nps is not None and before.nps is not None:
            points = whole(now.nps) - whole(before.nps)
            rows.append(_change_row(points, True, w.nps.format(signed(points, lang))))
        if before is not None and now.ces is not None and before.ces is not None:
            delta = round(tenth(now.ces) - tenth(before.ces), 1)
            rows.append(_change_row(delta, False, w.ces.format(signed(delta, lang))))
        return tuple(rows)


def bar_share(measure: MeasureIn, most: int) -> float | None:
    """How much of a cell's bar is filled: reached / the map's most reached (funnel, 0…1),
    NPS / 100 (survey, −1…+1); None when the stage has no figures (no bar at all)."""
    current = measure.current
    if isinstance(current, FunnelFigures):
        return current.reached / most if most > 0 else 0.0
    if isinstance(current, SurveyFigures):
        return None if current.nps is None else max(-1.0, min(1.0, current.nps / 100))
    return None
