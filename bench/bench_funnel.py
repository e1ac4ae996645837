"""Funnel figures from a big events CSV: time and peak memory. Prints figures; never fails.

    .venv/bin/python bench/bench_funnel.py [--rows 1000000 5000000] [--folder /tmp]

For each size, a CSV of that many events (one customer for five events, five stages and
some noise, two segment columns) is written streaming by DuckDB into a temporary folder,
then each step runs in a child process of its own so that its peak memory
(getrusage's ru_maxrss) is its own:

- baseline: DuckDB alone, `SELECT count(DISTINCT customer) FROM read_csv(…)` with the same
  memory limit and threads: one pass that reads every row and keeps a set of customers;
- check: FunnelJob.check(), the pass that counts rows and lists bad ones;
- funnel: FunnelJob.run(), the funnel SQL, overall and per value of both segments.

The ratio is step / baseline in the same run. Peak memory should stay near the memory
limit (1 GB by default) whatever the number of rows. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = {
    "aware": ["ad *", "page_view*"],
    "consider": ["product page", "compare*"],
    "cart": ["add to cart"],
    "buy": ["purchase*"],
    "love": ["review*"],
}
EVENTS = ["ad view", "page_view", "product page", "compare", "add to cart", "purchase",
          "review 5", "login", "newsletter"]  # fmt: skip


def write_events(path: Path, rows: int) -> None:
    """Customers of about five events each, times spread over a year, in hash order."""
    import duckdb

    customers = max(1, rows // 5)
    names = "[" + ", ".join(f"'{name}'" for name in EVENTS) + "]"
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(
        f"""COPY (
          SELECT 'c' || (hash(i) % {customers}) AS customer,
                 TIMESTAMP '2026-01-01' + to_seconds(CAST(hash(i * 7) % 31536000 AS BIGINT))
                   AS occurred,
                 {names}[1 + CAST(hash(i * 13) % {len(EVENTS)} AS INTEGER)] AS event,
                 ['web', 'store', 'app'][1 + CAST(hash(i) % 3 AS INTEGER)] AS channel,
                 ['18-25', '26-40', '41-65', NULL][1 + CAST(hash(i) % 4 AS INTEGER)] AS age_band
          FROM range({rows}) t(i)
        ) TO '{path}' (HEADER)"""
    )
    con.close()


def child(step: str, path: Path) -> None:
    """Run one step here and print its seconds and this process's peak memory."""
    import duckdb

    from journeyeditor.measure.funnel import FunnelJob, parse_stage_mapping
    from journeyeditor.measure.sources import MEMORY_LIMIT, THREADS, ColumnMapping, FileSource

    mapping = ColumnMapping("customer", "occurred", "event", ("channel", "age_band"))
    started = time.perf_counter()
    if step == "baseline":
        con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": THREADS})
        con.execute(f"SELECT count(DISTINCT customer) FROM read_csv('{path}')").fetchall()
        con.close()
    else:
        with FunnelJob(FileSource(path, mapping), parse_stage_mapping(STAGES)) as job:
            job.check() if step == "check" else job.run()
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


def measure(step: str, path: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", step, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--folder", type=Path, default=None, help="where to write the CSV")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for rows in args.rows:
        folder = Path(tempfile.mkdtemp(prefix="bench-funnel-", dir=args.folder))
        try:
            path = folder / "events.csv"
            started = time.perf_counter()
            write_events(path, rows)
            size = path.stat().st_size / 1e6
            print(f"\n{rows:,} events, {size:,.0f} MB CSV written in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            base = measure("baseline", path)
            print(f"  {'step':<9}{'seconds':>9}{'× base':>9}{'rows/s':>13}{'peak MB':>10}")
            for step in ("baseline", "check", "funnel"):
                got = base if step == "baseline" else measure(step, path)
                ratio = got["seconds"] / base["seconds"]
                speed = rows / got["seconds"]
                print(f"  {step:<9}{got['seconds']:>9.2f}{ratio:>9.2f}{speed:>13,.0f}"
                      f"{got['peak_mb']:>10,.0f}")  # fmt: skip
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
