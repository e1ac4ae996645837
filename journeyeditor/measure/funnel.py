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
from typing import Any, Generic, TypeVar

from journeyeditor.measure.job import MeasureJob
from journeyeditor.measure.sources import ColumnMapping, Source, literal, quote
from journeyeditor.model.limits import MAX_STAGES_PER_MAP, NAME_MAX_CHARS
from journeyeditor.store.errors import EventSourceError, StageMappingError

ANY_STAGE = -1

K = TypeVar("K")
"""What names a figure's stage: its key (str) when measured, its id (int) when stored."""


@dataclass(frozen=True)
class StageRule:
    """A stage's key, the event names that mean it (glob: `*`, `?`, any case) and the
    touchpoint cards its figures belong to, if any."""

    key: str
    patterns: tuple[str, ...]
    touchpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageFigures(Generic[K]):
    """One stage's funnel figures; `editing.measured.FunnelRow` reads them back stored."""

    stage: K
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
    stages: tuple[StageFigures[str], ...]


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


def read_mapping(path: Path) -> dict[str, Any]:
    """A mapping file's JSON object, for the command line and the window alike;
    StageMappingError says why it cannot be read as one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise StageMappingError(path, str(error).splitlines()[0]) from error
    if not isinstance(data, dict):
        raise StageMappingError(path, "expected a JSON object")
    return data


def load_stage_mapping(path: Path) -> tuple[StageRule, ...]:
    return parse_stage_mapping(read_mapping(path), str(path))


def _by_stage(whens: Sequence[str], alias: str, otherwise: str = "0") -> str:
    """One column of `per_stage`: a value per stage number (`WHEN k THEN …`)."""
    if not whens:
        return f"{otherwise} AS {alias}"
    return f"CASE k.stage {' '.join(whens)} ELSE {otherwise} END AS {alias}"


def funnel_sql(relation: str, mapping: ColumnMapping, stages: Sequence[StageRule]) -> str:
    """The query, for `relation` (a quoted table or view) seen through `mapping`.

    Each step reads the one before once (a window for the first staged time, one GROUP BY
    per customer, a cross join with the stage numbers), so no CTE is read twice: DuckDB
    would hold such a CTE whole in memory, where joins, windows and aggregates spill to
    disk past its memory limit, which keeps the peak the same for 1 or 10 million rows."""
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
    seg_first = "".join(
        f", min(CASE WHEN event_time = first_seen THEN {seg} END) AS {seg}" for seg in segs
    )
    reached = [f"WHEN {k} THEN CASE WHEN f{k} IS NOT NULL THEN 1 ELSE 0 END" for k in range(count)]
    from_previous, skipped, back, gap = [], [], [], []
    for k in range(count):
        later = [f"f{j}" for j in range(k + 1, count)]
        if later:
            skipped.append(
                f"WHEN {k} THEN CASE WHEN f{k} IS NULL AND "
                f"({' OR '.join(f + ' IS NOT NULL' for f in later)}) THEN 1 ELSE 0 END"
            )
            back.append(
                f"WHEN {k} THEN CASE WHEN {' OR '.join(f'l{k} > {f}' for f in later)} "
                "THEN 1 ELSE 0 END"
            )
        if k:
            both = f"f{k - 1} IS NOT NULL AND f{k} IS NOT NULL"
            from_previous.append(f"WHEN {k} THEN CASE WHEN {both} THEN 1 ELSE 0 END")
            gap.append(
                f"WHEN {k} THEN CASE WHEN {both} AND f{k} >= f{k - 1} THEN CAST("
                f"EXTRACT(EPOCH FROM f{k}) - EXTRACT(EPOCH FROM f{k - 1}) "
                "AS DOUBLE PRECISION) END"
            )

    numbers = ", ".join(f"({k})" for k in range(ANY_STAGE, count))
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
  SELECT *, min(event_time) OVER (PARTITION BY customer_id) AS first_seen FROM (
    SELECT customer_id, event_time{seg_list}, CASE {whens} END AS stage
    FROM src
    WHERE customer_id IS NOT NULL AND trim(customer_id) <> '' AND event_time IS NOT NULL
      AND event_name IS NOT NULL AND trim(event_name) <> ''
  ) AS classified
  WHERE stage IS NOT NULL
),
customer AS (
  SELECT customer_id{firsts}{seg_first}
  FROM staged GROUP BY customer_id
),
per_stage AS (
  SELECT k.stage{seg_list},
         {_by_stage([f"WHEN {ANY_STAGE} THEN 1", *reached], "reached")},
         {_by_stage(from_previous, "from_previous")},
         {_by_stage(skipped, "skipped")},
         {_by_stage(back, "came_back")},
         {_by_stage(gap, "gap", "CAST(NULL AS DOUBLE PRECISION)")}
  FROM customer CROSS JOIN (VALUES {numbers}) AS k(stage)
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
    figures: list[StageFigures[str]] = []
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
