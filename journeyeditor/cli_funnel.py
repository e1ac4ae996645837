"""`journeyeditor funnel`: funnel figures from an events file or a database table, printed
as a table (or JSON), to try the measuring engine without the window.

    journeyeditor funnel EVENTS.csv|EVENTS.parquet --stages MAPPING.json
    journeyeditor funnel --source URL --table TABLE --stages MAPPING.json
                         [--customer COL] [--time COL] [--event COL]
                         [--segment COL]... [--json] [--skip-bad-rows]

MAPPING.json is `{"stage": ["pattern", …], …}` or `{"columns": {"customer": …, "time": …,
"event": …}, "stages": [{"key": …, "events": […], "touchpoints": […]}, …]}`; options win
over its columns. Bad rows are listed on stderr (the first 100 with their line); with any,
nothing is computed unless --skip-bad-rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeyeditor import i18n
from journeyeditor.store.errors import BadEventRowsError, EventSourceError

if TYPE_CHECKING:
    from journeyeditor.measure.funnel import Breakdown, FunnelResult
    from journeyeditor.measure.sources import ColumnMapping, FileSource, SourceCheck, SqlSource

translate = i18n.translate
"""The engine (DuckDB, SQLAlchemy's drivers) is imported when the command runs, so that
building the command line's parser costs nothing (`info`, `check` start quickly)."""
DEFAULT_COLUMNS = {"customer": "customer", "time": "timestamp", "event": "event"}


def add_parser(sub: Any) -> None:
    """The sub-command, added to the command line's sub-parsers."""
    funnel = sub.add_parser(
        "funnel", help=translate("cli", "funnel figures per stage from event data")
    )
    add_source_options(funnel)
    funnel.add_argument(
        "--stages", required=True, help=translate("cli", "JSON file: stages and event names")
    )
    funnel.add_argument(
        "--segment",
        action="append",
        default=[],
        help=translate("cli", "a column to break the figures down by (repeatable)"),
    )
    funnel.add_argument("--json", action="store_true")
    add_skip_option(funnel)
    funnel.set_defaults(run=cmd_funnel)


def add_source_options(parser: Any) -> None:
    """The events (a file, or --source with --table) and their columns' options."""
    parser.add_argument("events", nargs="?", help=translate("cli", "a CSV or Parquet file"))
    parser.add_argument("--source", help=translate("cli", "a database URL instead of a file"))
    parser.add_argument("--table", help=translate("cli", "the table of events (with --source)"))
    columns = {
        "customer": translate("cli", "the column of customer ids (default: customer)"),
        "time": translate("cli", "the column of event times (default: timestamp)"),
        "event": translate("cli", "the column of event names (default: event)"),
    }
    for name, text in columns.items():
        parser.add_argument(f"--{name}", help=text)


def add_skip_option(parser: Any) -> None:
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help=translate("cli", "measure the good rows when some rows cannot be used"),
    )


def _mapping(args: argparse.Namespace) -> ColumnMapping:
    return column_mapping(Path(args.stages), args)


def column_mapping(path: Path, args: argparse.Namespace) -> ColumnMapping:
    """The columns named in the mapping file's "columns", then by the options (which
    win), else the defaults; `args.segment` lists the segment columns."""
    from journeyeditor.measure.sources import ColumnMapping

    columns = dict(DEFAULT_COLUMNS)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None  # load_stage_mapping says what is wrong with it
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        columns.update({k: str(v) for k, v in data["columns"].items() if k in columns})
    columns.update({k: getattr(args, k) for k in columns if getattr(args, k)})
    return ColumnMapping(
        columns["customer"], columns["time"], columns["event"], tuple(args.segment)
    )


def event_source(args: argparse.Namespace, mapping: ColumnMapping) -> FileSource | SqlSource:
    from journeyeditor.measure.sources import FileSource, SqlSource

    if args.source:
        if args.events or not args.table:
            raise EventSourceError(
                args.table or "--source", "give either a file, or --source with --table"
            )
        return SqlSource(args.source, args.table, mapping)
    if not args.events:
        raise EventSourceError("-", "give an events file, or --source with --table")
    return FileSource(Path(args.events), mapping)


def _say(text: str = "", stream: Any = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def report_bad_rows(check: SourceCheck) -> None:
    from journeyeditor.measure.sources import REASON_CONTEXT, REASONS

    for row in check.bad.listed:
        where = translate("cli", "line {line}").format(line=row.line) if row.line else "-"
        reason = translate(REASON_CONTEXT, REASONS[row.reason])
        _say(f"{where}: {reason}: {row.text}", sys.stderr)
    if check.bad.unlisted:
        more = translate("cli", "… and {count} more bad rows").format(count=check.bad.unlisted)
        _say(more, sys.stderr)


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes = round(seconds / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return translate("cli", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return translate("cli", "{h} h {m:02d}").format(h=hours, m=minutes)
    return translate("cli", "{m} min").format(m=minutes)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def print_breakdown(breakdown: Breakdown) -> None:
    if breakdown.column is None:
        title = translate("cli", "All customers")
    else:
        value = breakdown.value if breakdown.value is not None else translate("cli", "(none)")
        title = f"{breakdown.column} = {value}"
    _say(
        translate("cli", "{title}: {count} customers").format(
            title=title, count=breakdown.customers
        )
    )
    headings = [
        translate("cli", "stage"),
        translate("cli", "reached"),
        translate("cli", "conversion"),
        translate("cli", "dropped"),
        translate("cli", "skipped"),
        translate("cli", "came back"),
        translate("cli", "median time"),
        translate("cli", "90% time"),
    ]
    rows = [
        [
            s.stage,
            str(s.reached),
            _percent(s.conversion),
            "-" if s.dropped is None else str(s.dropped),
            str(s.skipped),
            str(s.came_back),
            duration(s.median_seconds),
            duration(s.p90_seconds),
        ]
        for s in breakdown.stages
    ]
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]
    for row in [headings, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        _say("  ".join(cells).rstrip())
    _say()


def as_json(result: FunnelResult, check: SourceCheck) -> dict[str, Any]:
    def figures(breakdown: Breakdown) -> dict[str, Any]:
        out = dataclasses.asdict(breakdown)
        for stage, data in zip(breakdown.stages, out["stages"], strict=True):
            data["conversion"], data["dropped"] = stage.conversion, stage.dropped
        return out

    return {
        "rows": check.rows,
        "good_rows": check.good_rows,
        "bad_rows": check.bad.total,
        "stages": [dataclasses.asdict(rule) for rule in result.stages],
        "overall": figures(result.overall),
        "segments": [figures(b) for b in result.segments],
    }


def cmd_funnel(args: argparse.Namespace) -> None:
    from journeyeditor.measure.funnel import FunnelJob, load_stage_mapping

    stages = load_stage_mapping(Path(args.stages))
    source = event_source(args, _mapping(args))
    with FunnelJob(source, stages) as job:
        check = job.check()
        report_bad_rows(check)
        if check.bad.total and not args.skip_bad_rows:
            raise BadEventRowsError(source.name, str(check.bad.total))
        result = job.run()
    if args.json:
        _say(json.dumps(as_json(result, check), indent=2, ensure_ascii=False))
        return
    for breakdown in (result.overall, *result.segments):
        print_breakdown(breakdown)
