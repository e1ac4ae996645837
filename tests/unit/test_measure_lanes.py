"""Funnel and survey lanes: their figures in words, and where the layout puts them.

The words are checked as a person reads them (thousands, "%", signs, human times, in
both languages); the layout must show every row whole however narrow the stage, keep
a bar for a stage nobody reached, and a dash for a stage without figures.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeyeditor.model.limits import SURVEY_MIN_ANSWERS
from journeyeditor.render import fonts
from journeyeditor.render.layout import (
    CardMeasurer,
    FigureBox,
    LaneIn,
    MapContent,
    MapLayout,
    StageIn,
    layout_map,
)
from journeyeditor.render.measures import (
    BETTER,
    DOWN,
    MUTED,
    SAME,
    UP,
    WARN,
    WORSE,
    FigureText,
    FunnelFigures,
    MeasureIn,
    MeasureWords,
    RunIn,
    SurveyFigures,
    bar_share,
    duration,
    percent,
    signed,
)
from journeyeditor.render.numbers import MINUS, NARROW_NBSP, NBSP

WORDS = MeasureWords()
FRENCH = MeasureWords(reached="{0} atteints", days="j")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0 s"),
        (44.6, "45 s"),
        (720, "12 min"),
        (3600, "1 h"),
        (7500, "2 h 5 min"),
        (3 * 86400, "3 d"),
        (3 * 86400 + 4 * 3600, "3 d 4 h"),
        (12 * 86400 + 5 * 3600, "12 d"),
        (None, "–"),
    ],
)
def test_times_between_stages_read_in_human_units(seconds: float | None, expected: str) -> None:
    assert duration(seconds, WORDS, "en").replace(NBSP, " ") == expected


def test_french_times_say_days_their_way() -> None:
    assert duration(3 * 86400, FRENCH, "fr") == f"3{NBSP}j"
    assert duration(1500 * 86400, FRENCH, "fr") == f"1{NARROW_NBSP}500{NBSP}j"


def test_signs_and_percentages() -> None:
    assert signed(320, "en") == "+320"
    assert signed(-8, "fr") == f"{MINUS}8"
    assert signed(0, "en") == "0"
    assert percent(0.665, "en") == "67%"
    assert percent(0.0725, "fr") == f"7,3{NARROW_NBSP}%"


def funnel(reached: int, before: int | None = None) -> MeasureIn:
    previous = FunnelFigures(before) if before is not None else None
    now = FunnelFigures(reached, 0.5, 1200, 7500, 3 * 86400, 3, 4)
    return MeasureIn(1, 1, now, previous)


def test_funnel_rows_say_every_figure_in_the_maps_language() -> None:
    rows = FigureText(FRENCH, "fr").rows(funnel(12480, 12000))
    texts = [row.text for row in rows]
    assert texts[0] == f"12{NARROW_NBSP}480 atteints"
    assert f"50{NARROW_NBSP}% from previous" in texts
    assert f"1{NARROW_NBSP}200 dropped" in texts
    assert f"median 2{NBSP}h 5{NBSP}min, p90 3{NBSP}j" in texts
    assert "3 skipped" in texts and "4 came back" in texts
    assert (rows[-1].text, rows[-1].mark, rows[-1].tone) == ("+480", UP, BETTER)


def test_fewer_customers_than_last_run_is_worse_and_the_same_is_neither() -> None:
    text = FigureText()
    worse = text.rows(funnel(900, 1000))[-1]
    assert (worse.text, worse.mark, worse.tone) == (f"{MINUS}100", DOWN, WORSE)
    same = text.rows(funnel(1000, 1000))[-1]
    assert (same.mark, same.tone) == (SAME, MUTED)
    assert all(row.mark == "" for row in text.rows(funnel(1000)))


def test_a_stage_nobody_reached_shows_zero_and_one_without_figures_a_dash() -> None:
    text = FigureText()
    nobody = MeasureIn(1, 1, FunnelFigures(0))
    assert text.rows(nobody)[0].text == "0 reached"
    assert bar_share(nobody, 500) == 0.0
    assert bar_share(nobody, 0) == 0.0
    empty = MeasureIn(1, 1, None)
    assert [row.text for row in text.rows(empty)] == ["–"]
    assert bar_share(empty, 500) is None


def test_survey_rows_sign_the_nps_and_warn_under_the_threshold() -> None:
    text = FigureText()
    few = MeasureIn(2, 1, SurveyFigures(-12.5, 4.25, SURVEY_MIN_ANSWERS - 1))
    rows = text.rows(few)
    assert rows[0].text == f"NPS {MINUS}13"
    assert rows[1].text == "CES 4.3"
    assert rows[2].mark == WARN and rows[2].text.startswith(f"n = {SURVEY_MIN_ANSWERS - 1}")
    enough = text.rows(MeasureIn(2, 1, SurveyFigures(40, 3.0, SURVEY_MIN_ANSWERS)))
    assert enough[0].text == "NPS +40"
    assert enough[2].text == f"n = {SURVEY_MIN_ANSWERS}" and enough[2].mark == ""


def test_survey_changes_lower_effort_is_better() -> None:
    measured = MeasureIn(2, 1, SurveyFigures(10, 3.0, 100), SurveyFigures(20, 3.5, 90))
    rows = FigureText().rows(measured)
    nps, ces = rows[-2], rows[-1]
    assert (nps.text, nps.mark, nps.tone) == (f"NPS {MINUS}10", DOWN, WORSE)
    assert (ces.text, ces.mark, ces.tone) == (f"CES {MINUS}0.5", DOWN, BETTER)


def test_the_lane_header_names_the_run_and_the_one_compared_with() -> None:
    run = RunIn(1, dt.date(2026, 11, 2), dt.date(2026, 10, 2))
    assert FigureText().run(run) == ("Run of 2026-11-02", "vs 2026-10-02")
    assert FigureText(FRENCH, "fr").run(RunIn(1, dt.date(2026, 11, 2))) == ("Run of 02/11/2026",)
    assert FigureText().run(None) == ()


MEASURE = fonts.metrics().width
STAGES = (StageIn(1, "One", "#eeeeee", 200), StageIn(2, "Two", "#eeeeee", 200))
LANES = (LaneIn(10, "Funnel", "funnel", "#ffffff", 40), LaneIn(11, "Survey", "survey", "#fff", 40))


def laid(
    measures: tuple[MeasureIn, ...], width: float = 200, runs: tuple[RunIn, ...] = ()
) -> MapLayout:
    stages = tuple(StageIn(s.id, s.name, s.color, width) for s in STAGES)
    content = MapContent("Map", stages, LANES, (), (), measures, runs)
    return layout_map(content, CardMeasurer(MEASURE))


def figures(layout: MapLayout, stage: int, lane: int) -> FigureBox:
    box = layout.cells[(stage, lane)].figures
    assert box is not None
    return box


def test_bars_are_shares_of_the_maps_most_reached_and_nps_from_the_middle() -> None:
    layout = laid(
        (
            MeasureIn(10, 1, FunnelFigures(1000)),
            MeasureIn(10, 2, FunnelFigures(0)),
            MeasureIn(11, 1, SurveyFigures(-50, None, 40)),
        )
    )
    assert figures(layout, 1, 10).share == 1.0
    nobody = figures(layout, 2, 10)
    assert nobody.share == 0.0 and nobody.bar is not None
    assert nobody.lines[0].line.text == "0 reached"
    nps = figures(layout, 1, 11)
    assert nps.share == -0.5 and nps.centred
    dash = figures(layout, 2, 11)
    assert dash.bar is None and [f.line.text for f in dash.lines] == ["–"]


def test_the_lane_grows_to_every_row_and_its_header_to_the_run_dates() -> None:
    measured = (MeasureIn(10, 1, FunnelFigures(1000, 0.5, 10, 7500, 9000, 2, 3), FunnelFigures(9)),)
    wide, narrow = laid(measured), laid(measured, width=60)
    for layout in (wide, narrow):
        cell = layout.cells[(1, 10)]
        box = figures(layout, 1, 10)
        bottom = max(f.line.y + 4 for f in box.lines)
        assert bottom <= cell.rect.bottom
        for figure in box.lines:
            width = MEASURE(figure.line.text, figure.line.size, figure.line.bold)
            assert figure.line.x + width <= cell.rect.right + 0.01
    assert narrow.lanes[0].rect.h > wide.lanes[0].rect.h
    run = (RunIn(10, dt.date(2026, 11, 2), dt.date(2026, 10, 2)),)
    dated = laid(measured, runs=run).lanes[0]
    assert [line.text for line in dated.sub_lines] == ["Run of 2026-11-02", "vs 2026-10-02"]
    assert dated.sub_lines[-1].y <= dated.rect.bottom


@given(
    st.lists(st.integers(0, 10**15), min_size=1, max_size=4),
    st.floats(40, 400),
)
def test_any_figures_stay_inside_their_cell(reached: list[int], width: float) -> None:
    measures = tuple(
        MeasureIn(
            10, 1 + i % 2, FunnelFigures(r, None, r, float(r), float(r), r, r), FunnelFigures(0)
        )
        for i, r in enumerate(reached[:2])
    )
    layout = laid(measures, width)
    for (stage, lane), cell in layout.cells.items():
        if cell.figures is None:
            continue
        for figure in cell.figures.lines:
            text_width = MEASURE(figure.line.text, figure.line.size, figure.line.bold)
            assert figure.line.x + text_width <= cell.rect.right + 0.01, (stage, lane)
            assert figure.line.y <= cell.rect.bottom
