"""Metrics that tell the truth: direction, status, bar colour, figures, schema version 2.

The table below is every metric card of the sample project with the direction a
consultant would give it and the status its figures then have; the sample must agree,
and the bar drawn for it must be in that status's colour.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from journeyeditor.model.metrics import TOLERANCE, Status, status
from journeyeditor.render import drawing
from journeyeditor.render.drawing import STATUS_COLOR, Labels
from journeyeditor.render.layout import CardIn, Rect
from journeyeditor.render.numbers import metric_figures, number, quantity
from journeyeditor.render.primitives import Box, Line
from journeyeditor.store import database, interchange, schema, templates
from journeyeditor.store.errors import BadInterchangeError

from helpers.projects import export_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MET, NEAR, MISSED, NEUTRAL = Status.MET, Status.NEAR, Status.MISSED, Status.NEUTRAL
H, L = "higher", "lower"

SAMPLE_METRICS: dict[int, tuple[str, str, Status]] = {
    # card id: (what it measures, direction, status of its figures)
    8: ("SEO rank 14, target 3", L, MISSED),
    9: ("site visits 12,000 of 20,000", H, MISSED),
    18: ("click-through 3.2 % of 5 %", H, MISSED),
    28: ("conversion 1.8 % of 3 %", H, MISSED),
    29: ("cost per conversion €24, target €15", L, MISSED),
    36: ("repeat purchase 22 % of 30 %", H, MISSED),
    44: ("NPS 46 of 60", H, MISSED),
    45: ("referrals 35 of 80", H, MISSED),
    50: ("SEO rank 3, target 3", L, MET),
    55: ("sample-to-purchase 25 % of 25 %", H, MET),
    61: ("conversion 3 % of 3 %", H, MET),
    66: ("repeat purchase 30 % of 30 %", H, MET),
    72: ("NPS 60 of 60", H, MET),
    81: ("customers 160 of 200", H, MISSED),
    91: ("waiting time 12 min, target 5", L, MISSED),
    92: ("customers leaving the queue 8 %, target 2 %", L, MISSED),
    101: ("average basket €3.40 of €4", H, MISSED),
    110: ("card payments 65 % of 80 %", H, MISSED),
    111: ("satisfaction 3.1/5 of 4.2", H, MISSED),
    118: ("newsletter subscribers 48,000 of 60,000", H, MISSED),
    126: ("SEO rank 4, target 1", L, MISSED),
    136: ("bounce rate 58 %, target 35 %", L, MISSED),
    145: ("cart abandonment 72 %, target 40 %", L, MISSED),
    146: ("conversion 1.2 % of 3 %", H, MISSED),
    154: ("NPS −32 of 20", H, MISSED),
    155: ("CES 4.1, target 2 (1 = easy)", L, MISSED),
    163: ("organic visits 8,500 of 15,000", H, MISSED),
    164: ("social engagement 2.4 % of 4 %", H, MISSED),
    174: ("click-through 4.8 % of 6 %", H, MISSED),
    175: ("cost per click €0.62, target €0.50", L, MISSED),
    183: ("in-store conversion 18 % of 25 %", H, MISSED),
    184: ("phones sold 340 of 400", H, MISSED),
    192: ("CSAT 78 % of 90 %", H, MISSED),
    200: ("NPS 41 of 50", H, MISSED),
    201: ("4- and 5-star reviews 86 % of 92 % (within 10 %)", H, NEAR),
}


def sample_metric_cards(language: str) -> dict[int, dict[str, Any]]:
    data = json.loads(templates.template_path("sample", language).read_text(encoding="utf-8"))
    found = {}
    for journey_map in data["maps"]:
        kinds = {lane["id"]: lane["kind"] for lane in journey_map["lanes"]}
        found.update({c["id"]: c for c in journey_map["cards"] if kinds[c["lane"]] == "metric"})
    return found


def card_in(card: dict[str, Any]) -> CardIn:
    return CardIn(
        card["id"],
        1,
        1,
        0,
        card["text"],
        value=card["value"],
        unit=card["unit"],
        target=card["target"],
        direction=card["direction"],
        target_low=card["target_low"],
        baseline=card["baseline"],
        period=card["period"],
    )


def measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.65 if bold else 0.6)


META = Rect(10, 40, 200, 20)
BAR = Rect(META.x + META.w * 0.58, META.y + 7, META.w * 0.42, 6)
"""Where a card's detail row puts its bar (drawing._meta)."""


def bar_fills(shapes: list[Any]) -> list[Box]:
    """The boxes drawn in a status colour: the bar's fill."""
    colours = set(STATUS_COLOR.values())
    return [s for s in shapes if isinstance(s, Box) and s.fill in colours]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_sample_metric_has_its_direction_and_status(language: str) -> None:
    cards = sample_metric_cards(language)
    assert set(cards) == set(SAMPLE_METRICS), "a sample metric is missing from the table"
    for card_id, (what, direction, expected) in SAMPLE_METRICS.items():
        card = cards[card_id]
        assert card["direction"] == direction, (language, what)
        found = status(card["value"], card["target"], card["direction"], card["target_low"])
        assert found is expected, (language, what, found)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_sample_metric_bar_is_drawn_in_its_status_colour(language: str) -> None:
    for card_id, card in sample_metric_cards(language).items():
        what, _direction, expected = SAMPLE_METRICS[card_id]
        fills = bar_fills(drawing.metric_bar(card_in(card), BAR))
        assert [box.fill for box in fills] == [STATUS_COLOR[expected]], (language, what)


STATUS_CASES = [
    # value, target, direction, target_low, expected
    (None, 10.0, H, None, NEUTRAL),
    (5.0, None, H, None, NEUTRAL),
    (5.0, None, L, None, NEUTRAL),
    (5.0, None, "range", None, NEUTRAL),
    (10.0, 10.0, None, None, MET),  # no direction: higher is better, as in version 1
    (9.0, 10.0, None, None, NEAR),
    (8.9, 10.0, H, None, MISSED),
    (72.0, 40.0, L, None, MISSED),
    (44.0, 40.0, L, None, NEAR),
    (40.0, 40.0, L, None, MET),
    (12.0, 40.0, L, None, MET),
    (-32.0, 20.0, H, None, MISSED),
    (-10.5, -10.0, H, None, NEAR),
    (-11.5, -10.0, H, None, MISSED),
    (0.0, 0.0, L, None, MET),
    (0.1, 0.0, L, None, MISSED),
    (50.0, 60.0, "range", 40.0, MET),
    (60.0, 60.0, "range", 40.0, MET),
    (37.0, 60.0, "range", 40.0, NEAR),
    (35.0, 60.0, "range", 40.0, MISSED),
    (65.0, 60.0, "range", 40.0, NEAR),
    (67.0, 60.0, "range", 40.0, MISSED),
    (50.0, 40.0, "range", 60.0, MET),  # ends given the wrong way round
    (70.0, 60.0, "range", None, MISSED),  # only the high end: at most 60
    (10.0, None, "range", 40.0, MISSED),  # only the low end: at least 40
    (45.0, None, "range", 40.0, MET),
]


@pytest.mark.parametrize(("value", "target", "direction", "low", "expected"), STATUS_CASES)
def test_status(
    value: float | None,
    target: float | None,
    direction: str | None,
    low: float | None,
    expected: Status,
) -> None:
    assert status(value, target, direction, low) is expected


def test_tolerance_is_ten_percent_of_the_target() -> None:
    """The documented amber band (docs/file-format.md)."""
    assert TOLERANCE == 0.10
    assert status(110.0, 100.0, L) is NEAR and status(110.01, 100.0, L) is MISSED


def test_no_target_draws_no_fill_and_no_tick() -> None:
    shapes = drawing.metric_bar(CardIn(1, 1, 1, 0, "x", value=5.0), BAR)
    assert bar_fills(shapes) == []
    assert [s for s in shapes if isinstance(s, Line)] == []


def test_a_missed_lower_is_better_metric_runs_past_its_target() -> None:
    """Cart abandonment 72 % against at most 40 %: the red fill crosses the target tick."""
    card = CardIn(1, 1, 1, 0, "x", value=72.0, unit="%", target=40.0, direction=L)
    shapes = drawing.metric_bar(card, BAR)
    (fill,) = bar_fills(shapes)
    (tick,) = [s for s in shapes if isinstance(s, Line)]
    assert fill.fill == STATUS_COLOR[MISSED]
    assert fill.rect.right > tick.points[0][0] + 20


def test_a_value_below_zero_fills_from_a_marked_zero() -> None:
    """NPS −32 against at least 20: the red fill runs left from zero, which is marked."""
    card = CardIn(1, 1, 1, 0, "x", value=-32.0, target=20.0, direction=H)
    shapes = drawing.metric_bar(card, BAR)
    (fill,) = bar_fills(shapes)
    marks = sorted(s.points[0][0] for s in shapes if isinstance(s, Line))
    bar_x, bar_w = META.x + META.w * 0.58, META.w * 0.42
    zero = bar_x + 32 / 52 * bar_w
    assert marks == [pytest.approx(zero), pytest.approx(bar_x + bar_w)]
    assert fill.rect.x == pytest.approx(bar_x) and fill.rect.right == pytest.approx(zero)


def test_a_range_draws_its_band_and_both_ends() -> None:
    card = CardIn(1, 1, 1, 0, "x", value=50.0, target=60.0, target_low=40.0, direction="range")
    shapes = drawing.metric_bar(card, BAR)
    ticks = sorted(s.points[0][0] for s in shapes if isinstance(s, Line))
    band = [s for s in shapes if isinstance(s, Box) and s.fill == drawing.RANGE_BAND]
    assert len(ticks) == 2 and len(band) == 1
    assert band[0].rect.x == pytest.approx(ticks[0]) and band[0].rect.right == pytest.approx(
        ticks[1]
    )


# Figures in the map's language

NNBSP, NBSP = "\u202f", "\u00a0"
FIGURES = [
    # value, unit, english, french
    (48000.0, None, "48,000", f"48{NNBSP}000"),
    (1234567.89, None, "1,234,568", f"1{NNBSP}234{NNBSP}568"),
    (4.1, None, "4.1", "4,1"),
    (0.001234, None, "0.001234", "0,001234"),
    (-32.0, None, "−32", "−32"),
    (1e15, None, "1,000,000,000,000,000", NNBSP.join(["1"] + ["000"] * 5)),
    (72.0, "%", "72%", f"72{NNBSP}%"),
    (3.2, "%", "3.2%", f"3,2{NNBSP}%"),
    (24.0, "€", "€24", f"24{NBSP}€"),
    (0.5, "€", "€0.50", f"0,50{NBSP}€"),
    (-3.5, "$", "−$3.50", f"−3,50{NBSP}$"),
    (4.1, "/5", "4.1/5", "4,1/5"),
    (12000.0, "visits", "12,000 visits", f"12{NNBSP}000 visits"),
    (None, "%", "–", "–"),
]


@pytest.mark.parametrize(("value", "unit", "english", "french"), FIGURES)
def test_quantities_in_english_and_french(
    value: float | None, unit: str | None, english: str, french: str
) -> None:
    assert quantity(value, unit, "en") == english
    assert quantity(value, unit, "fr") == french


def test_an_unknown_language_writes_english() -> None:
    assert number(48000.5, "de") == "48,000.5"


METRIC_TEXTS = [
    (72.0, "%", L, 40.0, None, f"72% / ≤{NBSP}40%", f"72{NNBSP}% / ≤{NBSP}40{NNBSP}%"),
    (
        48000.0,
        "subscribers",
        H,
        60000.0,
        None,
        f"48,000 / ≥{NBSP}60,000 subscribers",
        f"48{NNBSP}000 / ≥{NBSP}60{NNBSP}000 subscribers",
    ),
    (24.0, "€", L, 15.0, None, f"€24 / ≤{NBSP}€15", f"24{NBSP}€ / ≤{NBSP}15{NBSP}€"),
    (52.0, None, "range", 60.0, 40.0, "52 / 40–60", "52 / 40–60"),
    (5.0, "min", None, None, None, "5 min", "5 min"),
    (None, "%", H, 3.0, None, f"– / ≥{NBSP}3%", f"– / ≥{NBSP}3{NNBSP}%"),
]


@pytest.mark.parametrize(
    ("value", "unit", "direction", "target", "low", "english", "french"), METRIC_TEXTS
)
def test_metric_figures_show_the_direction(
    value: float | None,
    unit: str | None,
    direction: str,
    target: float | None,
    low: float | None,
    english: str,
    french: str,
) -> None:
    assert metric_figures(value, unit, "en", direction, target, low) == english
    assert metric_figures(value, unit, "fr", direction, target, low) == french


def test_the_period_follows_the_figures() -> None:
    card = CardIn(1, 1, 1, 0, "x", value=3.0, unit="%", target=2.0, period="Q3 2026")
    assert (
        drawing.metric_text(card, Labels(language="fr"))
        == f"3{NNBSP}% / ≥{NBSP}2{NNBSP}% · Q3 2026"
    )


# Schema version 2


def card_rows(path: Path, columns: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT {columns} FROM card ORDER BY id").fetchall()
    finally:
        connection.close()


def test_a_version_1_file_is_migrated_with_a_backup_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "old.journey"
    shutil.copyfile(FIXTURES / "schema_v1.journey", path)
    old = "id, stage_id, lane_id, position, text, value, unit, target, evidence"
    before = card_rows(path, old)
    journey = database.open_file(path)
    try:
        assert journey.version == schema.LATEST_VERSION
    finally:
        journey.close()
    assert (tmp_path / "old.v1.bak.journey").is_file()
    assert card_rows(tmp_path / "old.v1.bak.journey", old) == before
    assert card_rows(path, old) == before
    assert {row for row in card_rows(path, "direction, target_low, baseline, period")} == {
        (None, None, None, None)
    }
    assert database.check_file(path) == []


def test_the_version_2_fixture_holds_every_new_field() -> None:
    rows = card_rows(
        FIXTURES / "schema_v2.journey", "direction, target, target_low, baseline, period"
    )
    assert ("range", 60.0, 40.0, 35.5, "Q3 2026") in rows


def metric_project(**fields: Any) -> dict[str, Any]:
    card = {"id": 1, "stage": 1, "lane": 1, "text": "Basket", "value": 52.0, **fields}
    return {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "project": {"name": "Metrics"},
        "maps": [
            {
                "id": 1,
                "name": "Map",
                "stages": [{"id": 1, "name": "Buy"}],
                "lanes": [{"id": 1, "name": "Metrics", "kind": "metric"}],
                "cards": [card],
            }
        ],
    }


def test_json_round_trip_keeps_direction_range_baseline_and_period(tmp_path: Path) -> None:
    fields = {
        "direction": "range",
        "target": 60.0,
        "target_low": 40.0,
        "baseline": -35.5,
        "period": "last 30 days « été »",
    }
    first = tmp_path / "first.journey"
    database.create_file(
        first, interchange.populate_from(interchange.plan_import(metric_project(**fields)))
    )
    exported = export_file(first)
    card = json.loads(exported)["maps"][0]["cards"][0]
    assert {key: card[key] for key in fields} == fields
    second = tmp_path / "second.journey"
    plan = interchange.plan_import(json.loads(exported), "again")
    database.create_file(second, interchange.populate_from(plan))
    assert export_file(second) == exported


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("direction", "sideways", "direction"),
        ("target_low", 1e16, "target_low"),
        ("baseline", "12", "baseline"),
        ("period", "x" * 1001, "period"),
    ],
)
def test_json_import_refuses_a_bad_new_field(field: str, value: Any, words: str) -> None:
    with pytest.raises(BadInterchangeError, match=words):
        interchange.plan_import(metric_project(**{field: value}))
