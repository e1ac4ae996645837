"""Importing a big events CSV (check + funnel) beside sqlite3's `.import`: speed and
peak memory. Prints figures; never fails.

    .venv/bin/python bench/bench_funnel.py [--rows 1000000 10000000] [--folder /tmp]

For each size, a CSV of that many events (one customer for five events, five stages and
some noise, two segment columns) is written streaming by DuckDB into a temporary folder,
then each step runs in a child process of its own, so that its peak memory is its own:

- sqlite3: the `sqlite3` command line's `.import` of the same CSV into a new database
  file, the plain way of loading a CSV that every machine has (a small Python child
  starts it and reads its peak from `wait4`'s `ru_maxrss`, which starts from that
  child's own few megabytes);
- import: what the app does with the file, `FunnelJob.check()` (rows counted, bad rows
  listed) then `FunnelJob.run()` (the funnel overall and per value of both segments);
  peak memory from /proc's VmHWM (`ru_maxrss` of a child starts from its parent's).

The ratio is import / sqlite3 in the same run. Peak memory should not grow with the
number of rows: DuckDB's memory limit (256 MB by default) bounds it, spilling to disk past
it. The last lines compare the largest size's peak with the smallest's. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
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


def own_peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    return int(status.split()[0]) / 1024


def child(step: str, path: Path, memory_limit: str | None) -> None:
    """Run one step here and print its figures as JSON."""
    if step == "sqlite3":
        database = path.with_suffix(".sqlite")
        started = time.perf_counter()
        process = subprocess.Popen(
            ["sqlite3", str(database), ".mode csv", f".import '{path}' events"],
            stdout=subprocess.DEVNULL,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status:
            raise SystemExit(f"sqlite3 failed ({status})")
        database.unlink()
        print(json.dumps({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}))
        return

    from journeyeditor.measure.funnel import FunnelJob, parse_stage_mapping
    from journeyeditor.measure.sources import MEMORY_LIMIT, ColumnMapping, FileSource

    mapping = ColumnMapping("customer", "occurred", "event", ("channel", "age_band"))
    started = time.perf_counter()
    source = FileSource(path, mapping, memory_limit=memory_limit or MEMORY_LIMIT)
    with FunnelJob(source, parse_stage_mapping(STAGES)) as job:
        check = job.check()
        checked = time.perf_counter()
        job.run()
    seconds = time.perf_counter() - started
    if check.rows != check.good_rows:
        raise SystemExit(f"{check.rows - check.good_rows} bad rows in the generated file")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "check": checked - started,
                "funnel": seconds - (checked - started),
                "peak_mb": own_peak_mb(),
            }
        )
    )


def measure(step: str, path: Path, memory_limit: str | None) -> dict[str, float]:
    limit = ["--memory-limit", memory_limit] if memory_limit else []
    result = subprocess.run(
        [sys.executable, __file__, "--child", step, str(path), *limit],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"{step} failed ({result.returncode}): {last}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--folder", type=Path, default=None, help="where to write the CSV")
    parser.add_argument("--memory-limit", default=None, help="DuckDB's, e.g. 256MB")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.memory_limit)
        return
    from journeyeditor.measure.sources import MEMORY_LIMIT, THREADS

    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command line is needed (apt-get install sqlite3)")
    limit = args.memory_limit or MEMORY_LIMIT
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"DuckDB memory limit {limit}, {THREADS} threads")  # fmt: skip
    peaks: dict[int, float] = {}
    for rows in args.rows:
        folder = Path(tempfile.mkdtemp(prefix="bench-funnel-", dir=args.folder))
        try:
            path = folder / "events.csv"
            started = time.perf_counter()
            write_events(path, rows)
            size = path.stat().st_size / 1e6
            print(f"\n{rows:,} events, {size:,.0f} MB CSV written in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            base = measure("sqlite3", path, args.memory_limit)
            got = measure("import", path, args.memory_limit)
            print(f"  {'step':<28}{'seconds':>9}{'rows/s':>13}{'peak MB':>10}")
            for name, figures in (("sqlite3 .import", base), ("import (check + funnel)", got)):
                speed = rows / figures["seconds"]
                print(f"  {name:<28}{figures['seconds']:>9.2f}{speed:>13,.0f}"
                      f"{figures['peak_mb']:>10,.0f}")  # fmt: skip
            print(f"    of which check {got['check']:.2f} s, funnel {got['funnel']:.2f} s; "
                  f"import / sqlite3: {got['seconds'] / base['seconds']:.2f} × the time, "
                  f"{got['peak_mb'] / base['peak_mb']:.1f} × the memory")  # fmt: skip
            peaks[rows] = got["peak_mb"]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if len(peaks) > 1:
        low, high = min(peaks), max(peaks)
        print(f"\npeak memory of the import: {peaks[low]:,.0f} MB at {low:,} rows, "
              f"{peaks[high]:,.0f} MB at {high:,} rows ({high / low:.0f} × the rows, "
              f"{peaks[high] / peaks[low]:.2f} × the memory)")  # fmt: skip


if __name__ == "__main__":
    main()
