"""Funnel figures per stage from an event source, overall and per segment value.

One SQL text, written with what DuckDB and PostgreSQL both understand (LIKE, lower(),
CASE, GROUPING SETS, percentile_cont … WITHIN GROUP, EXTRACT(EPOCH FROM …)), runs
unchanged on a file (DuckDB) and where a database keeps its table, so that only the
aggregates travel. Definitions, per customer:

- an event belongs to the first stage (in order) with a matching pattern; events of no
  stage, and rows without a customer, a time or an event name, are left out;
- a customer reaches a stage with any event of it; their segment values are those of their
  first staged event (the smallest value when several events share that time);
- from_previous: reached this stage and the one before; conversion = from_previous /
  reached before, dropped = reached before − from_previous;
- time between stages: first event of the previous stage → first event of this one, for
  customers who reached both in that order (median and 90th percentile, in seconds);
- skipped: did not reach this stage but reached a later one;
- came back: had an event of this stage after their first event of a later stage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyeditor.measure.job import MeasureJob
from journeyeditor.measure.sources import ColumnMapping, Source, literal, quote
from journeyeditor.model.limits import MAX_STAGES_PER_MAP, NAME_MAX_CHARS
from journeyeditor.store.errors import EventSourceError, StageMappingError

ANY_STAGE = -1


@dataclass(frozen=True)
class StageRule:
    """A stage's key, the event names that mean it (glob: `*`, `?`, any case) and the
    touchpoint cards its figures belong to, if any."""

    key: str
    patterns: tuple[str, ...]
    touchpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageFigures:
    stage: str
    reached: int
    previous_reached: int | None
    from_previous: int | None
    skipped: int
    came_back: int
    timed: int
    median_seconds: float | None
    p90_seconds: float | None

    @property
    def conversion(self) -> float | None:
        if not self.previous_reached or self.from_previous is None:
            return None
        return self.from_previous / self.previous_reached

    @property
    def dropped(self) -> int | None:
        if self.previous_reached is None or self.from_previous is None:
            return None
        return self.previous_reached - self.from_previous


@dataclass(frozen=True)
class Breakdown:
    """The funnel of one group: everyone (`column` None) or one value of a segment
    column (`value` None for customers with no value there)."""

    column: str | None
    value: str | None
    customers: int
    stages: tuple[StageFigures, ...]


@dataclass(frozen=True)
class FunnelResult:
    stages: tuple[StageRule, ...]
    overall: Breakdown
    segments: tuple[Breakdown, ...]


def glob_to_like(pattern: str) -> str:
    """`*` and `?` become `%` and `_`; LIKE's own `%`, `_` and the escape `\\` are escaped.
    Lower-cased, for `lower(name) LIKE …`."""
    out = []
    for char in pattern.lower():
        if char in "%_\\":
            out.append("\\" + char)
        elif char == "*":
            out.append("%")
        elif char == "?":
            out.append("_")
        else:
            out.append(char)
    return "".join(out)


def check_stages(stages: Sequence[StageRule], name: str = "stages") -> tuple[StageRule, ...]:
    if not stages:
        raise StageMappingError(name, "no stage")
    if len(stages) > MAX_STAGES_PER_MAP:
        raise StageMappingError(name, f"more than {MAX_STAGES_PER_MAP} stages")
    keys = [stage.key for stage in stages]
    for stage in stages:
        if not stage.key or len(stage.key) > NAME_MAX_CHARS:
            raise StageMappingError(name, "a stage has no key, or too long a key")
        if keys.count(stage.key) > 1:
            raise StageMappingError(name, f"stage {stage.key} is given twice")
        if not stage.patterns or not all(stage.patterns):
            raise StageMappingError(name, f"stage {stage.key} has no event name")
    return tuple(stages)


def _strings(value: object, name: str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise StageMappingError(name, f"{what} must be a text or a list of texts")


def parse_stage_mapping(data: object, name: str = "stages") -> tuple[StageRule, ...]:
    """`{"stage": ["pattern", …], …}` in order, or `{"stages": [{"key": …, "events": […],
    "touchpoints": […]}, …]}`."""
    if isinstance(data, dict) and isinstance(data.get("stages"), list):
        rules = []
        for item in data["stages"]:
            if not isinstance(item, dict) or not isinstance(item.get("key"), str):
                raise StageMappingError(name, "each stage needs a key")
            rules.append(
                StageRule(
                    item["key"],
                    _strings(item.get("events", []), name, "events"),
                    _strings(item.get("touchpoints", []), name, "touchpoints"),
                )
            )
        return check_stages(rules, name)
    if isinstance(data, dict):
        return check_stages(
            [StageRule(str(key), _strings(value, name, "events")) for key, value in data.items()],
            name,
        )
    raise StageMappingError(name, "expected a JSON object")


def load_stage_mapping(path: Path) -> tuple[StageRule, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise StageMappingError(path, str(error).splitlines()[0]) from error
    return parse_stage_mapping(data, str(path))


def funnel_sql(relation: str, mapping: ColumnMapping, stages: Sequence[StageRule]) -> str:
    """The query, for `relation` (a quoted table or view) seen through `mapping`."""
    count = len(stages)
    segs = [f"seg_{i}" for i in range(len(mapping.segments))]
    seg_src = "".join(
        f", NULLIF(CAST({quote(column)} AS VARCHAR), '') AS {seg}"
        for seg, column in zip(segs, mapping.segments, strict=True)
    )
    seg_list = "".join(f", {seg}" for seg in segs)
    whens = " ".join(
        "WHEN "
        + " OR ".join(
            f"event_name LIKE {literal(glob_to_like(p))} ESCAPE '\\'" for p in stage.patterns
        )
        + f" THEN {k}"
        for k, stage in enumerate(stages)
    )
    firsts = "".join(
        f", min(CASE WHEN stage = {k} THEN event_time END) AS f{k}"
        f", max(CASE WHEN stage = {k} THEN event_time END) AS l{k}"
        for k in range(count)
    )
    seg_min = "".join(f", min(s.{seg}) AS {seg}" for seg in segs)
    branches = [
        f"SELECT {ANY_STAGE} AS stage{seg_list}, 1 AS reached, 0 AS from_previous, "
        "0 AS skipped, 0 AS came_back, CAST(NULL AS DOUBLE PRECISION) AS gap FROM customer"
    ]
    for k in range(count):
        later = [f"f{j}" for j in range(k + 1, count)]
        skipped = (
            f"CASE WHEN f{k} IS NULL AND ({' OR '.join(f + ' IS NOT NULL' for f in later)}) "
            "THEN 1 ELSE 0 END"
            if later
            else "0"
        )
        back = (
            f"CASE WHEN {' OR '.join(f'l{k} > {f}' for f in later)} THEN 1 ELSE 0 END"
            if later
            else "0"
        )
        if k:
            both = f"f{k - 1} IS NOT NULL AND f{k} IS NOT NULL"
            from_previous = f"CASE WHEN {both} THEN 1 ELSE 0 END"
            gap = (
                f"CASE WHEN {both} AND f{k} >= f{k - 1} THEN CAST("
                f"EXTRACT(EPOCH FROM f{k}) - EXTRACT(EPOCH FROM f{k - 1}) "
                "AS DOUBLE PRECISION) END"
            )
        else:
            from_previous, gap = "0", "CAST(NULL AS DOUBLE PRECISION)"
        branches.append(
            f"SELECT {k} AS stage{seg_list}, CASE WHEN f{k} IS NOT NULL THEN 1 ELSE 0 END, "
            f"{from_previous}, {skipped}, {back}, {gap} FROM customer"
        )
    union = "\nUNION ALL ".join(branches)
    if segs:
        sets = ", ".join(["(stage)", *(f"(stage, {seg})" for seg in segs)])
        group_by = f"GROUPING SETS ({sets})"
        grouping = "".join(f"GROUPING({seg}) AS g_{seg}, " for seg in segs)
    else:
        group_by, grouping = "stage", ""
    return f"""WITH src AS (
  SELECT CAST({quote(mapping.customer)} AS VARCHAR) AS customer_id,
         {quote(mapping.timestamp)} AS event_time,
         lower(CAST({quote(mapping.event)} AS VARCHAR)) AS event_name{seg_src}
  FROM {relation}
),
staged AS (
  SELECT * FROM (
    SELECT customer_id, event_time{seg_list}, CASE {whens} END AS stage
    FROM src
    WHERE customer_id IS NOT NULL AND trim(customer_id) <> '' AND event_time IS NOT NULL
      AND event_name IS NOT NULL AND trim(event_name) <> ''
  ) AS classified
  WHERE stage IS NOT NULL
),
per_customer AS (
  SELECT customer_id, min(event_time) AS first_seen{firsts}
  FROM staged GROUP BY customer_id
),
segment_of AS (
  SELECT s.customer_id{seg_min}
  FROM staged s JOIN per_customer p
    ON s.customer_id = p.customer_id AND s.event_time = p.first_seen
  GROUP BY s.customer_id
),
customer AS (
  SELECT p.*{"".join(f", g.{seg}" for seg in segs)}
  FROM per_customer p JOIN segment_of g ON g.customer_id = p.customer_id
),
per_stage AS (
{union}
)
SELECT {grouping}stage{seg_list}, sum(reached), sum(from_previous), sum(skipped),
       sum(came_back), count(gap),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY gap)
FROM per_stage
GROUP BY {group_by}
"""


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def read_rows(
    rows: Sequence[Sequence[Any]], mapping: ColumnMapping, stages: Sequence[StageRule]
) -> FunnelResult:
    """Turn the query's rows into breakdowns, overall first, then each segment column's
    values in order (no value last)."""
    width = len(mapping.segments)
    groups: dict[tuple[str | None, str | None], dict[int, Sequence[Any]]] = {(None, None): {}}
    for row in rows:
        flags, rest = row[:width], row[width:]
        stage, values = int(rest[0]), rest[1 : 1 + width]
        key: tuple[str | None, str | None] = (None, None)
        for i in range(width):
            if not flags[i]:
                key = (mapping.segments[i], None if values[i] is None else str(values[i]))
        groups.setdefault(key, {})[stage] = rest[1 + width :]
    breakdowns = [
        _breakdown(column, value, by_stage, stages) for (column, value), by_stage in groups.items()
    ]
    order = {column: i for i, column in enumerate(mapping.segments)}
    breakdowns.sort(
        key=lambda b: (
            -1 if b.column is None else order[b.column],
            b.value is None,
            b.value or "",
        )
    )
    return FunnelResult(tuple(stages), breakdowns[0], tuple(breakdowns[1:]))


def _breakdown(
    column: str | None,
    value: str | None,
    by_stage: dict[int, Sequence[Any]],
    stages: Sequence[StageRule],
) -> Breakdown:
    """One group's figures; a group with no row at all (an empty source) is all zeros."""
    nothing = (0, 0, 0, 0, 0, None, None)
    figures: list[StageFigures] = []
    for k, rule in enumerate(stages):
        reached, from_previous, skipped, back, timed, median, p90 = by_stage.get(k, nothing)
        figures.append(
            StageFigures(
                stage=rule.key,
                reached=int(reached),
                previous_reached=figures[-1].reached if figures else None,
                from_previous=int(from_previous) if k else None,
                skipped=int(skipped),
                came_back=int(back),
                timed=int(timed),
                median_seconds=_float(median),
                p90_seconds=_float(p90),
            )
        )
    customers = int(by_stage.get(ANY_STAGE, nothing)[0])
    return Breakdown(column, value, customers, tuple(figures))


class FunnelJob(MeasureJob):
    """Check an event source, then compute its funnel (see `MeasureJob`)."""

    def __init__(
        self,
        source: Source,
        stages: Sequence[StageRule],
        work_parent: Path | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> None:
        if source.mapping is None:
            raise EventSourceError(source.name, "no columns given")
        super().__init__(source, work_parent, on_phase)
        self.mapping: ColumnMapping = source.mapping
        self.stages = check_stages(stages)

    def sql(self) -> str:
        return funnel_sql(self._open().relation, self.mapping, self.stages)

    def run(self) -> FunnelResult:
        """The figures; a cancel or an error closes the job (nothing is left behind)."""
        rows = self.query(lambda session: funnel_sql(session.relation, self.mapping, self.stages))
        return read_rows(rows, self.mapping, self.stages)
