"""Funnel figures: a generated event log whose figures are worked out here in plain
Python, compared with what the one SQL text gives on DuckDB (CSV and Parquet) and on a
real PostgreSQL server; small hand-checked cases; cancelling mid-query."""

from __future__ import annotations

import csv
import fnmatch
import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import column, create_engine, insert, table, text

from journeyeditor.measure.funnel import (
    Breakdown,
    FunnelJob,
    FunnelResult,
    StageRule,
    glob_to_like,
    parse_stage_mapping,
)
from journeyeditor.measure.sources import (
    ColumnMapping,
    FileSource,
    MeasureCancelled,
    SqlSource,
)
from journeyeditor.store.errors import StageMappingError

from helpers.postgres import postgres_url  # noqa: F401  (fixture)

HEADER = ("customer", "occurred", "event", "channel", "age_band")
MAPPING = ColumnMapping("customer", "occurred", "event", ("channel", "age_band"))
STAGES = (
    StageRule("aware", ("ad *", "page_view*")),
    StageRule("consider", ("Product?Page", "compare*")),
    StageRule("cart", ("add to cart",)),
    StageRule("buy", ("purchase*",)),
    StageRule("love", ("review*", "referral")),
)
NAMES = (
    ("ad click", "ad view", "page_view", "Page_View_home"),
    ("product page", "PRODUCT-PAGE", "compare plans"),
    ("Add To Cart", "add to cart"),
    ("purchase", "Purchase completed"),
    ("review 5 stars", "referral"),
)
NOISE = ("newsletter", "login", "support_call")
START = datetime(2026, 3, 1, 8, 0)


@dataclass(frozen=True)
class Event:
    customer: str | None
    occurred: datetime | None
    event: str | None
    channel: str | None
    age_band: str | None


def generate(customers: int, seed: int = 11) -> list[Event]:
    """Paths with skips, comebacks, duplicates, ties on the first event (two channels),
    empty segments, noise events and rows without a customer or a time; shuffled."""
    rng = random.Random(seed)
    events: list[Event] = []
    for number in range(customers):
        who = f"c{number:05d}"
        channel = rng.choice(("web", "store", "app", None))
        age = rng.choice(("18-25", "26-40", "41-65", None))
        depth = rng.choices(range(1, 6), weights=(30, 25, 15, 20, 10))[0]
        reached = [k for k in range(depth) if k == 0 or k == depth - 1 or rng.random() > 0.15]
        when = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 20))
        for k in reached:
            # whole minutes, many equal gaps: ties in the percentiles
            when += timedelta(minutes=rng.choice((0, 5, 5, 30, 60, 240, 1440, 2880)))
            name = rng.choice(NAMES[k])
            events.append(Event(who, when, name, channel, age))
            if rng.random() < 0.1:  # duplicate row
                events.append(Event(who, when, name, channel, age))
        if len(reached) > 1 and rng.random() < 0.15:  # back to an earlier stage
            k = rng.choice(reached[:-1])
            events.append(Event(who, when + timedelta(hours=3), rng.choice(NAMES[k]), None, age))
        if rng.random() < 0.05:  # a second first event, same time, another channel
            first = min(e.occurred for e in events if e.customer == who and e.occurred)
            events.append(Event(who, first, NAMES[0][0], "zz-partner", None))
        if rng.random() < 0.2:
            events.append(Event(who, when - timedelta(days=30), rng.choice(NOISE), "web", age))
        if rng.random() < 0.05:  # a later stage first, then the one before it
            k = rng.randrange(1, len(NAMES))
            events.append(Event(f"r{number:05d}", when, rng.choice(NAMES[k]), channel, age))
            back = when + timedelta(minutes=rng.choice((1, 90)))
            events.append(Event(f"r{number:05d}", back, rng.choice(NAMES[k - 1]), channel, age))
    events += [
        Event(None, START, "purchase", "web", None),
        Event("", START, "purchase", "web", None),
        Event("c00001", None, "purchase", "web", None),
    ]
    rng.shuffle(events)
    return events


def _percentile(values: list[float], fraction: float) -> float | None:
    """percentile_cont: linear between the two nearest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _stage_of(name: str, stages: tuple[StageRule, ...]) -> int | None:
    for k, stage in enumerate(stages):
        if any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in stage.patterns):
            return k
    return None


def expected_funnel(
    events: list[Event], stages: tuple[StageRule, ...], segments: tuple[str, ...]
) -> dict[tuple[str | None, str | None], dict[str, object]]:
    """The figures, in plain Python, straight from the definitions in funnel.py."""
    per: dict[str, list[tuple[datetime, int, Event]]] = {}
    for e in events:
        if not e.customer or e.occurred is None or not e.event:
            continue
        k = _stage_of(e.event, stages)
        if k is not None:
            per.setdefault(e.customer, []).append((e.occurred, k, e))
    people = []
    for staged in per.values():
        first_seen = min(t for t, _k, _e in staged)
        at_first = [e for t, _k, e in staged if t == first_seen]
        seg = {}
        for name in segments:
            values = [getattr(e, name) for e in at_first if getattr(e, name)]
            seg[name] = min(values) if values else None
        firsts = {k: min(t for t, j, _e in staged if j == k) for _t, k, _e in staged}
        lasts = {k: max(t for t, j, _e in staged if j == k) for _t, k, _e in staged}
        people.append((seg, firsts, lasts))
    groups: dict[
        tuple[str | None, str | None], list[tuple[dict[int, datetime], dict[int, datetime]]]
    ] = {(None, None): [(f, last) for _s, f, last in people]}
    for name in segments:
        for seg, firsts, lasts in people:
            groups.setdefault((name, seg[name]), []).append((firsts, lasts))
    out: dict[tuple[str | None, str | None], dict[str, object]] = {}
    for key, members in groups.items():
        rows = []
        for k in range(len(stages)):
            reached = sum(1 for f, _l in members if k in f)
            both = [f for f, _l in members if k and k in f and k - 1 in f]
            gaps = [(f[k] - f[k - 1]).total_seconds() for f in both if f[k] >= f[k - 1]]
            later = range(k + 1, len(stages))
            skipped = sum(1 for f, _l in members if k not in f and any(j in f for j in later))
            back = sum(
                1 for f, last in members if k in f and any(j in f and last[k] > f[j] for j in later)
            )
            rows.append(
                (
                    reached,
                    len(both) if k else None,
                    skipped,
                    back,
                    len(gaps),
                    _percentile(gaps, 0.5),
                    _percentile(gaps, 0.9),
                )
            )
        out[key] = {"customers": len(members), "stages": rows}
    return out


def figures(breakdown: Breakdown) -> dict[str, object]:
    return {
        "customers": breakdown.customers,
        "stages": [
            (
                s.reached,
                s.from_previous,
                s.skipped,
                s.came_back,
                s.timed,
                s.median_seconds,
                s.p90_seconds,
            )
            for s in breakdown.stages
        ],
    }


def as_dict(result: FunnelResult) -> dict[tuple[str | None, str | None], dict[str, object]]:
    out = {(None, None): figures(result.overall)}
    for b in result.segments:
        out[(b.column, b.value)] = figures(b)
    return out


def assert_same(
    got: dict[tuple[str | None, str | None], dict[str, object]],
    want: dict[tuple[str | None, str | None], dict[str, object]],
) -> None:
    assert sorted(got, key=str) == sorted(want, key=str)
    for key, value in want.items():
        assert got[key]["customers"] == value["customers"], key
        for k, (g, w) in enumerate(zip(got[key]["stages"], value["stages"], strict=True)):  # type: ignore[call-overload]
            assert g[:5] == w[:5], (key, STAGES[k].key, g, w)
            for a, b in zip(g[5:], w[5:], strict=True):
                assert (a is None and b is None) or a == pytest.approx(b, abs=1e-6), (key, k, g, w)


def write_csv(path: Path, events: list[Event]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for e in events:
            writer.writerow(
                [
                    e.customer or "",
                    e.occurred.isoformat(sep=" ") if e.occurred else "",
                    e.event or "",
                    e.channel or "",
                    e.age_band or "",
                ]
            )


@pytest.fixture(scope="module")
def log() -> list[Event]:
    return generate(2500)


@pytest.fixture(scope="module")
def expected(log: list[Event]) -> dict[tuple[str | None, str | None], dict[str, object]]:
    return expected_funnel(log, STAGES, MAPPING.segments)


def test_the_generated_log_has_what_the_figures_must_cope_with(
    expected: dict[tuple[str | None, str | None], dict[str, object]],
) -> None:
    overall = expected[(None, None)]["stages"]
    assert all(row[2] > 0 for row in overall[1:-1])  # type: ignore[index]  # skips
    assert all(row[3] > 0 for row in overall[:-1])  # type: ignore[index]  # comebacks
    assert (("channel", None)) in expected and ("channel", "zz-partner") in expected


def test_csv_funnel_matches_plain_python(
    tmp_path: Path,
    log: list[Event],
    expected: dict[tuple[str | None, str | None], dict[str, object]],
) -> None:
    path = tmp_path / "events.csv"
    write_csv(path, log)
    with FunnelJob(FileSource(path, MAPPING), STAGES, work_parent=tmp_path) as job:
        check = job.check()
        result = job.run()
    assert check.rows == len(log) and check.bad.total == 3
    assert {row.reason for row in check.bad.listed} == {"customer", "timestamp"}
    assert_same(as_dict(result), expected)
    assert [s.stage for s in result.overall.stages] == [s.key for s in STAGES]


def test_parquet_gives_the_same_figures_as_csv(
    tmp_path: Path,
    log: list[Event],
    expected: dict[tuple[str | None, str | None], dict[str, object]],
) -> None:
    path = tmp_path / "events.csv"
    write_csv(path, log)
    parquet = tmp_path / "events.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true)) TO '{parquet}'")
    con.close()
    with FunnelJob(FileSource(parquet, MAPPING), STAGES, work_parent=tmp_path) as job:
        check = job.check()
        result = job.run()
    bad = [i + 1 for i, e in enumerate(log) if not e.customer or e.occurred is None]
    assert check.bad.total == 3 and [row.line for row in check.bad.listed] == bad
    assert_same(as_dict(result), expected)


def load_postgres(url: str, events: list[Event], name: str = "events") -> None:
    engine = create_engine(url)
    target = table(name, *(column(c) for c in HEADER))
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {name}"))
        connection.execute(
            insert(target),
            [
                {
                    "customer": e.customer,
                    "occurred": e.occurred,
                    "event": e.event,
                    "channel": e.channel,
                    "age_band": e.age_band,
                }
                for e in events
            ],
        )
    engine.dispose()


def test_postgres_runs_the_same_sql_to_the_same_figures(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
    log: list[Event],
    expected: dict[tuple[str | None, str | None], dict[str, object]],
) -> None:
    load_postgres(postgres_url, log)
    path = tmp_path / "events.csv"
    write_csv(path, log)
    with FunnelJob(FileSource(path, MAPPING), STAGES, work_parent=tmp_path) as job:
        duck_sql = job.sql()
    with FunnelJob(SqlSource(postgres_url, "events", MAPPING), STAGES) as job:
        assert job.sql() == duck_sql
        check = job.check()
        result = job.run()
    assert check.rows == len(log) and check.bad.total == 3
    assert_same(as_dict(result), expected)


def run_in_a_thread(job: FunnelJob) -> tuple[threading.Thread, list[BaseException | object]]:
    """Start `job.run()` in a thread, as the window's worker does: what it returns or
    raises goes into the list."""
    outcome: list[BaseException | object] = []

    def work() -> None:
        try:
            outcome.append(job.run())
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    return worker, outcome


def test_postgres_query_is_cancelled_where_it_runs(postgres_url: str) -> None:  # noqa: F811
    """A view that sleeps 2 ms a row makes the query last about 2 s; cancel stops it."""
    load_postgres(postgres_url, generate(300, seed=3))
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE OR REPLACE FUNCTION slow(value TEXT) RETURNS TEXT VOLATILE "
                "LANGUAGE sql AS $$ SELECT pg_sleep(0.002); SELECT value $$"
            )
        )
        connection.execute(
            text(
                "CREATE OR REPLACE VIEW slow_events AS SELECT slow(customer) AS customer, "
                "occurred, event, channel, age_band FROM events"
            )
        )
    engine.dispose()
    job = FunnelJob(SqlSource(postgres_url, "slow_events", MAPPING), STAGES)
    worker, outcome = run_in_a_thread(job)
    while job.progress().phase != "computing" and worker.is_alive():
        time.sleep(0.01)
    time.sleep(0.2)
    job.cancel()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], MeasureCancelled), outcome
    # stopped by the server (not noticed after the query had finished)
    assert type(outcome[0].__cause__).__name__ == "QueryCanceled"


def big_csv(path: Path, rows: int) -> None:
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT 'c' || (i % {rows // 4}) AS customer,
                  TIMESTAMP '2026-01-01' + to_seconds(i) AS occurred,
                  ['ad view', 'product page', 'add to cart', 'purchase'][1 + (i % 4)] AS event,
                  ['web', 'store'][1 + (i % 2)] AS channel, NULL AS age_band
             FROM range({rows}) t(i)) TO '{path}' (HEADER)"""
    )
    con.close()


def test_cancel_mid_query_leaves_nothing_behind(tmp_path: Path) -> None:
    """Cancel while DuckDB computes (its progress shows): the worker gets
    MeasureCancelled and the job's temporary folder (spill files too) is gone."""
    path = tmp_path / "big.csv"
    big_csv(path, 400_000)
    work = tmp_path / "work"
    work.mkdir()
    source = FileSource(path, MAPPING, threads=1)
    job = FunnelJob(source, STAGES, work_parent=work)
    worker, outcome = run_in_a_thread(job)
    seen = None
    while worker.is_alive():
        progress = job.progress()
        if progress.phase == "computing" and progress.fraction is not None:
            seen = progress
            break
        time.sleep(0.005)
    job.cancel()
    worker.join(60)
    assert seen is not None and 0 <= seen.fraction < 1  # type: ignore[operator]
    assert seen.rows_total is not None and seen.rows_total > 300_000
    assert len(outcome) == 1 and isinstance(outcome[0], MeasureCancelled), outcome
    assert isinstance(outcome[0].__cause__, duckdb.InterruptException)
    assert list(work.iterdir()) == []


def hand_events() -> list[Event]:
    t = START
    m = timedelta(minutes=1)
    return [
        # a: aware 0, consider 10, buy 30 (skips cart), back to consider at 40
        Event("a", t, "ad view", "web", None),
        Event("a", t + 10 * m, "product page", "web", None),
        Event("a", t + 30 * m, "purchase", "web", None),
        Event("a", t + 40 * m, "compare", "web", None),
        # b: rows out of order and duplicated; aware 0, consider 20, cart 25
        Event("b", t + 25 * m, "add to cart", "", None),
        Event("b", t + 20 * m, "Product Page", "", None),
        Event("b", t, "page_view", "", None),
        Event("b", t, "page_view", "", None),
        # c: consider only (skips aware)
        Event("c", t + 5 * m, "compare x", "store", None),
        # e: consider at 50, aware at 55: reached both, but in the wrong order (not timed)
        Event("e", t + 55 * m, "ad click", "store", None),
        Event("e", t + 50 * m, "compare", "store", None),
        # d: nothing but noise: not a customer of the funnel
        Event("d", t, "login", "web", None),
    ]


def test_hand_checked_figures(tmp_path: Path) -> None:
    path = tmp_path / "hand.csv"
    write_csv(path, hand_events())
    stages = (*STAGES[:4], StageRule("nobody", ("never*",)))
    with FunnelJob(FileSource(path, MAPPING), stages, work_parent=tmp_path) as job:
        result = job.run()
    overall = result.overall
    assert overall.customers == 4
    aware, consider, cart, buy, nobody = overall.stages
    assert (aware.reached, aware.skipped, aware.came_back) == (3, 1, 1)  # e came back
    assert (aware.from_previous, aware.conversion, aware.dropped) == (None, None, None)
    assert (consider.reached, consider.from_previous, consider.came_back) == (4, 3, 1)
    assert consider.conversion == 1.0 and consider.dropped == 0
    assert consider.timed == 2 and consider.median_seconds == 15 * 60  # 10 and 20 minutes
    assert consider.p90_seconds == pytest.approx(19 * 60)
    assert (cart.reached, cart.from_previous, cart.skipped, cart.dropped) == (1, 1, 1, 3)
    assert cart.conversion == pytest.approx(1 / 4)
    assert (buy.reached, buy.from_previous, buy.timed, buy.median_seconds) == (1, 0, 0, None)
    assert (nobody.reached, nobody.conversion, nobody.dropped) == (0, 0.0, 1)
    by_channel = {b.value: b for b in result.segments if b.column == "channel"}
    assert set(by_channel) == {"web", "store", None}
    assert [s.reached for s in by_channel[None].stages] == [1, 1, 1, 0, 0]


def test_an_empty_source_gives_zeros(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    write_csv(path, [Event("d", START, "login", "web", None)])
    with FunnelJob(FileSource(path, MAPPING), STAGES, work_parent=tmp_path) as job:
        result = job.run()
    assert result.overall.customers == 0 and result.segments == ()
    assert [s.reached for s in result.overall.stages] == [0] * len(STAGES)


def test_glob_patterns_become_escaped_like_patterns() -> None:
    assert glob_to_like("Add*to?cart") == "add%to_cart"
    assert glob_to_like("100%_off\\") == "100\\%\\_off\\\\"


def test_stage_mapping_forms_and_refusals() -> None:
    short = parse_stage_mapping({"see": "visit*", "buy": ["purchase", "order*"]})
    assert [(s.key, s.patterns) for s in short] == [
        ("see", ("visit*",)),
        ("buy", ("purchase", "order*")),
    ]
    full = parse_stage_mapping(
        {"stages": [{"key": "see", "events": ["v*"], "touchpoints": ["tp-1"]}]}
    )
    assert full[0].touchpoints == ("tp-1",)
    for bad in ({}, [], {"a": []}, {"a": 3}, {"stages": [{"events": ["x"]}]}):
        with pytest.raises(StageMappingError):
            parse_stage_mapping(bad)
