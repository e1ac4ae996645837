"""Layout work is bounded: text wraps in linear time, and no value makes geometry blow up.

A card may hold one unbroken word as long as the file allows; wrapping it must cost
time in proportion to its length, and stage widths, lane heights or emotion values
that slipped past the file checks must still give finite rectangles, never an
OverflowError. Growth is shown by counting the work the measure does, never by timing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from journeyeditor.model.limits import LANE_HEIGHT_RANGE, STAGE_WIDTH_RANGE
from journeyeditor.render import fonts
from journeyeditor.render.layout import (
    STYLE,
    CardIn,
    CardMeasurer,
    LaneIn,
    MapContent,
    MapLayout,
    PointIn,
    Rect,
    StageIn,
    layout_map,
    wrap,
)

MEASURE = fonts.metrics().width


class CountingMeasure:
    """The real font measure, counting its calls and the characters it was handed."""

    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0

    def __call__(self, text: str, size: float, bold: bool) -> float:
        self.calls += 1
        self.chars += len(text)
        return MEASURE(text, size, bold)


def fits(line: str, width: float, size: float, bold: bool = False) -> bool:
    """No wider than `width` (up to float rounding), or a single character that never fits."""
    return MEASURE(line, size, bold) <= width + 1e-9 * max(1.0, abs(width)) or len(line) <= 1


def test_a_long_unbroken_word_is_cut_into_lines_that_fit_and_rebuild_it() -> None:
    word = "Anticonstitutionnellement-" * 400 + "é" * 3000
    lines = wrap(word, 150.0, 12.0, MEASURE)
    assert len(lines) > 100
    assert "".join(lines) == word
    assert all(fits(line, 150.0, 12.0) for line in lines)
    # Each line but the last is as long as fits: one more character would overflow.
    start = 0
    for line in lines[:-1]:
        start += len(line)
        assert MEASURE(line + word[start], 12.0, False) > 150.0


def test_a_word_cut_inside_a_sentence_keeps_its_neighbours() -> None:
    lines = wrap("avant " + "x" * 200 + " après", 100.0, 12.0, MEASURE)
    assert lines[0] == "avant"
    assert "".join(lines[1:-1]) + lines[-1].removesuffix(" après") == "x" * 200
    assert lines[-1].endswith("après")


def located(text: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """Find each line in `text` in order, skipping only spaces and newlines between them."""
    position = 0
    for line in lines:
        found = text.find(line, position) if line else position
        assert found >= 0, f"{line!r} is not in the text after {position}"
        skipped = text[position:found]
        assert skipped.strip(" \n") == "", f"wrapping dropped {skipped!r}"
        yield found, line
        position = found + len(line)
    assert text[position:].strip(" \n") == "", "wrapping dropped the end of the text"


TEXTS = st.text(
    alphabet=st.sampled_from("aiWmé日€-.  \n" + "\u0301"),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(
    text=TEXTS,
    width=st.floats(min_value=0.0, max_value=400.0),
    size=st.sampled_from([8.0, 10.0, 12.0, 14.0]),
    bold=st.booleans(),
)
def test_wrapping_loses_and_reorders_nothing_and_every_line_fits(
    text: str, width: float, size: float, bold: bool
) -> None:
    lines = wrap(text, width, size, MEASURE, bold)
    assert len(lines) >= text.count("\n") + 1
    for _position, line in located(text, lines):
        assert fits(line, width, size, bold), (line, MEASURE(line, size, bold), width)
    kept = "".join(lines).replace(" ", "")
    assert kept == text.replace(" ", "").replace("\n", "")


def work(text: str) -> CountingMeasure:
    counting = CountingMeasure()
    wrap(text, 120.0, 12.0, counting)
    return counting


def test_wrapping_an_unbroken_word_grows_linearly_with_its_length() -> None:
    """Four times the characters, at most about four times the measuring."""
    small, large = work("x" * 20_000), work("x" * 80_000)
    assert large.chars <= 4 * small.chars + 100
    assert large.calls <= 4 * small.calls + 10
    assert small.chars <= 3 * 20_000


def test_wrapping_words_grows_linearly_with_their_number() -> None:
    small, large = work("mot " * 5_000), work("mot " * 20_000)
    assert large.chars <= 4 * small.chars + 100
    assert large.calls <= 4 * small.calls + 10


def test_the_font_remembers_words_but_not_whole_texts() -> None:
    metrics = fonts.FontMetrics()
    metrics.width("y" * 100_000, 12.0)
    metrics.width("mot", 12.0)
    assert "mot" in metrics._words[False]
    assert all(
        len(text) <= fonts.CACHED_CHARS for texts in metrics._words.values() for text in texts
    )


def content(width: float, height: float, value: int) -> MapContent:
    return MapContent(
        "Titre",
        (StageIn(1, "Un", "#ffffff", width), StageIn(2, "Deux", "#ffffff", 240.0)),
        (
            LaneIn(1, "Texte", "text", "#f4f4f4", height),
            LaneIn(2, "Émotions", "emotion", "#f4f4f4", height),
        ),
        (CardIn(1, 1, 1, 0, "un " * 50), CardIn(2, 2, 2, 0, "x" * 500)),
        (PointIn(2, 1, value, "note"), PointIn(2, 2, 0, "")),
    )


def rects(laid: MapLayout) -> Iterator[Rect]:
    yield laid.corner
    yield from (header.rect for header in (*laid.stages, *laid.lanes))
    yield from (cell.rect for cell in laid.cells.values())
    yield from (box.rect for box in laid.cards.values())
    yield from (curve.area for curve in laid.curves.values())


def assert_finite(laid: MapLayout) -> None:
    assert math.isfinite(laid.width) and math.isfinite(laid.height)
    for rect in rects(laid):
        assert all(math.isfinite(v) for v in (rect.x, rect.y, rect.w, rect.h)), rect
    for curve in laid.curves.values():
        for point in curve.points:
            assert math.isfinite(point.y) and -2 <= point.value <= 2


def test_huge_and_infinite_sizes_are_clamped_to_the_limits() -> None:
    for width, height, value in (
        (1e308, 1e308, 10**400),
        (math.inf, math.inf, -(10**400)),
        (math.nan, math.nan, 3),
        (-math.inf, -1e308, -3),
    ):
        laid = layout_map(content(width, height, value), CardMeasurer(MEASURE))
        assert_finite(laid)
        assert STYLE.min_stage_width <= laid.stages[0].rect.w <= STAGE_WIDTH_RANGE[1]
        assert laid.lanes[0].rect.h >= STYLE.min_lane_height
        assert laid.curves[2].area.h <= LANE_HEIGHT_RANGE[1]


@settings(max_examples=100, deadline=None)
@given(
    width=st.floats(allow_nan=True, allow_infinity=True),
    height=st.floats(allow_nan=True, allow_infinity=True),
    value=st.integers(min_value=-(10**500), max_value=10**500),
)
def test_no_size_or_value_makes_the_layout_raise(width: float, height: float, value: int) -> None:
    assert_finite(layout_map(content(width, height, value), CardMeasurer(MEASURE)))


def test_sizes_within_the_limits_are_kept() -> None:
    low, high = STAGE_WIDTH_RANGE
    for width in (STYLE.min_stage_width, 777.5, high):
        laid = layout_map(content(width, LANE_HEIGHT_RANGE[1], 2), CardMeasurer(MEASURE))
        assert laid.stages[0].rect.w == width
        assert laid.curves[2].area.h == LANE_HEIGHT_RANGE[1]
    assert low <= STYLE.min_stage_width
