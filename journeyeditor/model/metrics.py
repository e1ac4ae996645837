"""Whether a metric meets its target, read in the metric's own direction (no Qt here).

A metric is good when it is at least its target (`higher`), at most it (`lower`), or
inside `target_low`…`target` (`range`; a range with one end only is that one-sided
target). It is `near` when it misses by no more than `TOLERANCE` of the target it
missed (10 % of |target|: a 40 % cart-abandonment target is near up to 44 %), else
`missed`; without a value or a target it is `neutral` and nothing claims attainment.
The canvas and every export colour a metric by `status`, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from journeyeditor.model.enums import Direction

TOLERANCE = 0.10
"""How far on the wrong side of a target still counts as near: a share of |target|."""


class Status(StrEnum):
    MET = "met"
    NEAR = "near"
    MISSED = "missed"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Goal:
    """The values that meet a metric's target: `low`…`high`, None meaning unbounded."""

    low: float | None
    high: float | None

    def status(self, value: float | None) -> Status:
        if value is None:
            return Status.NEUTRAL
        if self.low is not None and value < self.low:
            return _near_or_missed(self.low - value, self.low)
        if self.high is not None and value > self.high:
            return _near_or_missed(value - self.high, self.high)
        return Status.MET


def _near_or_missed(gap: float, bound: float) -> Status:
    return Status.NEAR if gap <= TOLERANCE * abs(bound) else Status.MISSED


_DIRECTIONS = {d.value: d for d in Direction}


def direction_of(direction: str | None) -> Direction:
    """A card's direction; none (every metric of a version 1 file) is higher-is-better."""
    return _DIRECTIONS.get(direction or "", Direction.HIGHER)


def goal(direction: str | None, target: float | None, target_low: float | None) -> Goal | None:
    """What meets the target, or None when there is no target to meet."""
    way = direction_of(direction)
    if way is Direction.RANGE:
        if target is None and target_low is None:
            return None
        if target is not None and target_low is not None and target_low > target:
            target_low, target = target, target_low
        return Goal(target_low, target)
    if target is None:
        return None
    return Goal(target, None) if way is Direction.HIGHER else Goal(None, target)


def status(
    value: float | None,
    target: float | None,
    direction: str | None = None,
    target_low: float | None = None,
) -> Status:
    """Whether `value` meets its target in `direction` (see the module's docstring)."""
    found = goal(direction, target, target_low)
    return Status.NEUTRAL if found is None else found.status(value)
