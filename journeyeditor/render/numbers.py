"""Figures written the way the map's language writes them (pure: no Qt, no locale).

The map's language, not the desktop's, decides: a French map says « 48 000 », « 4,1 »,
« 72 % » and « 24 € » wherever it is exported; an English one "48,000", "4.1", "72%"
and "€24". QLocale would do this but is Qt; the rules of the two languages the app
writes (store/content.py LANGUAGES) are short enough to state here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from journeyeditor.model.metrics import goal

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "–"
SIGNIFICANT = 6
"""Digits kept, as `%g` keeps them (1234567 shows whole, 0.333333… as 0.333333)."""
CURRENCIES = frozenset("€$£¥₹₽₩")


@dataclass(frozen=True)
class Rules:
    group: str
    decimal: str
    percent: str
    """Between a number and "%"."""
    currency_first: bool
    currency: str
    """Between a number and a currency symbol written after it."""


RULES = {
    "en": Rules(group=",", decimal=".", percent="", currency_first=True, currency=""),
    "fr": Rules(
        group=NARROW_NBSP, decimal=",", percent=NARROW_NBSP, currency_first=False, currency=NBSP
    ),
}


def rules(language: str) -> Rules:
    return RULES.get(language, RULES["en"])


def number(value: float | None, language: str, cents: bool = False) -> str:
    """`value` with grouped thousands and the language's decimal mark; "–" for none.
    `cents`: an amount of money that is not whole shows two decimals ("0.50")."""
    if value is None:
        return MISSING
    if value != value or value in (float("inf"), float("-inf")):
        return MISSING
    whole = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    decimals = max(0, SIGNIFICANT - whole)
    text = f"{abs(value):,.{decimals}f}"
    if cents and "." in text and round(abs(value), 2) != round(abs(value)):
        text = f"{abs(value):,.2f}"
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "0":
        value = 0.0
    found = rules(language)
    text = text.replace(",", "\0").replace(".", found.decimal).replace("\0", found.group)
    return (MINUS if value < 0 else "") + text


def quantity(value: float | None, unit: str | None, language: str) -> str:
    """`value` with its unit placed as the language places it.

    "%" and currency symbols are written with each number (FR "72 %", "24 €"; EN "72%",
    "€24"), a unit starting with "/" right after it ("4,1/5"), other words once after a
    space ("12 000 visites": a long unit word may go to the next line of a narrow card,
    rather than be cut in two). A missing value is never given a unit.
    """
    unit = (unit or "").strip()
    text = number(value, language, cents=unit in CURRENCIES)
    if not unit or value is None:
        return text
    found = rules(language)
    if unit == "%":
        return text + found.percent + unit
    if unit in CURRENCIES:
        if found.currency_first:
            sign = MINUS if text.startswith(MINUS) else ""
            return sign + unit + text.removeprefix(MINUS)
        return text + found.currency + unit
    if unit.startswith("/"):
        return text + unit
    return text + " " + unit


def attached(unit: str | None) -> bool:
    """Whether a unit is written with every number ("%", "€", "/5") rather than once."""
    unit = (unit or "").strip()
    return unit == "%" or unit in CURRENCIES or unit.startswith("/")


def metric_figures(
    value: float | None,
    unit: str | None,
    language: str,
    direction: str | None = None,
    target: float | None = None,
    target_low: float | None = None,
) -> str:
    """A metric's value against its target, the direction shown by its sign:
    "72% / ≤ 40%", "1,2 % / ≥ 3 %", "12,000 / ≥ 20,000 visits", "52 / 40–60"."""
    found = goal(direction, target, target_low)
    each = attached(unit)

    def shown(number_: float | None) -> str:
        return quantity(number_, unit, language) if each else number(number_, language)

    tail = " " + (unit or "").strip() if (unit or "").strip() and not each else ""
    if found is None:
        return shown(value) + (tail if value is not None else "")
    if found.low is not None and found.high is not None:
        aim = f"{shown(found.low)}–{shown(found.high)}"
    elif found.low is not None:
        aim = f"≥{NBSP}{shown(found.low)}"
    else:
        aim = f"≤{NBSP}{shown(found.high)}"
    return f"{shown(value)} / {aim}{tail}"


class MetricFields(Protocol):
    """What a metric line is made of: a map's card as drawn, or a row of the file."""

    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def target_low(self) -> float | None: ...
    @property
    def period(self) -> str | None: ...


def metric_line(card: MetricFields, language: str) -> str:
    """A metric card's figures in `language`, then its period: "72% / ≤ 40% · Q3 2026"."""
    text = metric_figures(
        card.value, card.unit, language, card.direction, card.target, card.target_low
    )
    return f"{text} · {card.period}" if card.period else text
