"""`journeyeditor import-events` and `import-survey`: measure a map from the command
line and save the figures into the project, as the window's import does (one undo step).

    journeyeditor import-events FILE.journey EVENTS.csv|EVENTS.parquet --map NAME
                                --mapping MAPPING.json [--segment COL] [--skip-bad-rows]
                                [--customer COL] [--time COL] [--event COL]
    journeyeditor import-events FILE.journey --source URL --table T --map NAME
                                --mapping MAPPING.json [...]
    journeyeditor import-survey FILE.journey SURVEY.csv --map NAME [--mapping MAPPING.json]
                                [--stage-column COL] [--nps-column COL]
                                [--effort-column COL] [--text-column COL]
                                [--answered-column COL] [--segment COL]
                                [--verbatims N] [--skip-bad-rows]

The events' MAPPING.json is the funnel's (`journeyeditor funnel --stages`), its stages
named by the map's stage names (in any case); a survey's is `{"columns": {"stage": …,
"nps": …, "effort": …, "text": …, "answered": …}, "stages": {"Stage name": ["what the
survey calls it", …]}}`, by default every stage of the map by its own name. Without
--mapping, the columns saved with the map by its last survey import are read (with its
segment and effort scale), else the defaults; every import saves the columns it read
(`editing/survey_mapping.py`). Bad rows are
listed on stderr (the first 100 with their line, the rest counted); with any, nothing is
written unless --skip-bad-rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeyeditor import cli_funnel, i18n
from journeyeditor.model import limits
from journeyeditor.store.errors import (
    BadEventRowsError,
    MeasureImportError,
    StageMappingError,
)

if TYPE_CHECKING:
    from journeyeditor.editing.command import EditCommand
    from journeyeditor.editing.document import Document
    from journeyeditor.editing.measures import Applied
    from journeyeditor.measure.sources import SourceCheck
    from journeyeditor.measure.survey import SurveyColumns

translate = i18n.translate
"""The engine and the Document are imported when a command runs, so that building the
command line's parser costs nothing (`info`, `check` start quickly)."""
SURVEY_COLUMNS = {
    "stage": "stage",
    "nps": "nps",
    "effort": "effort",
    "text": "comment",
    "answered": None,
}
VERBATIMS = 5


def add_parsers(sub: Any) -> None:
    """The two sub-commands, added to the command line's sub-parsers."""
    events = sub.add_parser(
        "import-events",
        help=translate("cli", "measure a map's funnel from event data and save it"),
    )
    events.add_argument("file")
    cli_funnel.add_source_options(events)
    _map_options(events)
    events.add_argument(
        "--mapping", required=True, help=translate("cli", "JSON file: stages and event names")
    )
    cli_funnel.add_skip_option(events)
    events.set_defaults(run=cmd_import_events)
    survey = sub.add_parser(
        "import-survey", help=translate("cli", "measure a map from survey answers and save it")
    )
    survey.add_argument("file")
    survey.add_argument("survey", help=translate("cli", "a CSV or Parquet file"))
    _map_options(survey)
    survey.add_argument(
        "--mapping",
        help=translate(
            "cli",
            "JSON file: the survey's columns and stage names (default: the columns saved "
            "with the map by its last survey import)",
        ),
    )
    for name in SURVEY_COLUMNS:
        survey.add_argument(
            f"--{name}-column",
            help=translate("cli", "the survey's column of this (see --mapping)"),
        )
    survey.add_argument(
        "--verbatims",
        type=int,
        default=VERBATIMS,
        help=translate("cli", "verbatims kept per stage, the most recent (default: 5)"),
    )
    cli_funnel.add_skip_option(survey)
    survey.set_defaults(run=cmd_import_survey)


def _map_options(parser: Any) -> None:
    parser.add_argument("--map", required=True, help=translate("cli", "the map to measure"))
    parser.add_argument("--segment", help=translate("cli", "a column to break the figures down by"))


def _say(text: str = "", stream: Any = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def _map_id(document: Document, name: str) -> int:
    """The id of the map called `name` (exactly, else ignoring case)."""
    maps = document.maps()
    found = [m.id for m in maps if m.name == name]
    found += [m.id for m in maps if m.name.casefold() == name.casefold()]
    if found:
        return found[0]
    names = ", ".join(f"“{m.name}”" for m in maps)
    detail = translate("cli", "it has no map named “{0}” (its maps: {1})")
    raise MeasureImportError(document.path, detail.format(name, names))


def _bad_rows(check: SourceCheck, skip: bool, name: str) -> None:
    """List the bad rows; with any and no --skip-bad-rows, stop before writing."""
    cli_funnel.report_bad_rows(check)
    if check.bad.total and not skip:
        raise BadEventRowsError(name, str(check.bad.total))


def _push(document: Document, command: EditCommand) -> None:
    problems: list[str] = []
    document.errorOccurred.connect(problems.append)
    if not document.push(command):
        raise MeasureImportError(document.path, " ".join(problems))


def _report(document: Document, applied: Applied, map_id: int, kind: str) -> None:
    from journeyeditor.model import JourneyMap

    found = document.get(JourneyMap, map_id)
    lines = [
        translate("cli", "Run {run} saved into the map “{map}” of {file}.").format(
            run=applied.run_id, map=found.name if found else map_id, file=document.path.name
        ),
        translate("cli", "{stages} stages, {figures} figures written.").format(
            stages=applied.stages, figures=applied.figures
        ),
    ]
    if applied.lane_added:
        lines.append(translate("cli", "A {kind} lane was added to the map.").format(kind=kind))
    if applied.verbatims:
        lines.append(
            translate("cli", "{count} verbatims added as cards.").format(count=applied.verbatims)
        )
    if applied.pruned:
        lines.append(
            translate("cli", "{count} older runs deleted (the newest {most} are kept).").format(
                count=applied.pruned, most=limits.MAX_RUNS_PER_KIND
            )
        )
    for line in lines:
        _say(line)


def _refused(document: Document, error: ValueError) -> MeasureImportError:
    return MeasureImportError(document.path, str(error))


def cmd_import_events(args: argparse.Namespace) -> None:
    from journeyeditor.editing import measures
    from journeyeditor.editing.document import Document
    from journeyeditor.measure.funnel import FunnelJob, load_stage_mapping

    mapping_file = Path(args.mapping)
    args.segment = [args.segment] if args.segment else []
    columns = cli_funnel.column_mapping(mapping_file, args)
    source = cli_funnel.event_source(args, columns)
    named = load_stage_mapping(mapping_file)
    document = Document.open(Path(args.file))
    try:
        map_id = _map_id(document, args.map)
        try:
            stages = measures.stage_rules(document, map_id, named)
        except measures.MeasureRefused as error:
            raise StageMappingError(mapping_file, str(error)) from error
        with FunnelJob(source, stages) as job:
            check = job.check()
            _bad_rows(check, args.skip_bad_rows, source.name)
            result = job.run()
        label = measures.source_label(source)
        try:
            command, applied = measures.plan_funnel(
                document, map_id, result, columns, label, None, check.rows, check.bad.total
            )
        except measures.MeasureRefused as error:
            raise _refused(document, error) from error
        _push(document, command)
        _report(document, applied, map_id, translate("cli", "funnel"))
        cli_funnel.print_breakdown(_named(document, map_id, result.overall))
    finally:
        document.close()


def _named(document: Document, map_id: int, breakdown: Any) -> Any:
    """The breakdown with the map's stage names instead of stage ids, to print."""
    import dataclasses

    names = _stage_names(document, map_id)
    figures = tuple(dataclasses.replace(f, stage=names[f.stage]) for f in breakdown.stages)
    return dataclasses.replace(breakdown, stages=figures)


def _stage_names(document: Document, map_id: int) -> dict[str, str]:
    return {str(stage.id): stage.name for stage in document.stages(map_id)}


def _survey_mapping(
    args: argparse.Namespace, saved: SurveyColumns | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The survey's columns (mapping file, else the map's `saved` ones, else the
    defaults; then options) and its stages by map name."""
    from journeyeditor.measure.funnel import read_mapping

    columns: dict[str, Any] = dict(SURVEY_COLUMNS)
    stages: dict[str, list[str]] = {}
    if saved is not None and not args.mapping:
        columns.update((name, getattr(saved, name)) for name in SURVEY_COLUMNS)
    if args.mapping:
        path = Path(args.mapping)
        data = read_mapping(path)
        given = data.get("columns", {})
        listed = data.get("stages", {})
        if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
            raise StageMappingError(path, "columns must map names to column names")
        if not isinstance(listed, dict) or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in listed.values()
        ):
            raise StageMappingError(path, "stages must map stage names to lists of texts")
        columns.update({k: v for k, v in given.items() if k in columns})
        stages = {str(k): list(v) for k, v in listed.items()}
    for name in SURVEY_COLUMNS:
        value = getattr(args, f"{name}_column")
        if value:
            columns[name] = value
    return columns, stages


def _survey_columns(
    args: argparse.Namespace, saved: SurveyColumns | None
) -> tuple[SurveyColumns, dict[str, list[str]]]:
    """The columns to read (see `_survey_mapping`; the segment and effort scale saved
    are kept when the saved mapping is used) and the stages named by a mapping file."""
    from journeyeditor.measure.survey import SurveyColumns

    columns, named = _survey_mapping(args, saved)
    if saved is not None and not args.mapping:
        segment, scale = args.segment or saved.segment, saved.effort_scale
        return SurveyColumns(segment=segment, effort_scale=scale, **columns), named
    return SurveyColumns(segment=args.segment or None, **columns), named


def _survey_header(path: Path) -> tuple[str, ...] | None:
    """A survey file's column names, None when they cannot be read here (the import's
    own check then says why)."""
    from journeyeditor.measure import preview
    from journeyeditor.measure.csvdialect import detect_dialect
    from journeyeditor.store.errors import EventSourceError

    try:
        dialect = None if preview.is_parquet(path) else detect_dialect(path)
        return preview.preview(path, dialect, 0).header
    except (OSError, EventSourceError):
        return None


def _check_survey_columns(
    args: argparse.Namespace, columns: SurveyColumns, saved: SurveyColumns | None, map_name: str
) -> None:
    """Refuse, saying where the columns came from, a survey file that lacks columns
    which no mapping file named (the map's saved ones, or the defaults)."""
    from journeyeditor.editing.survey_mapping import missing_columns
    from journeyeditor.store.errors import SurveySourceError

    path = Path(args.survey)
    header = None if args.mapping else _survey_header(path)
    missing = missing_columns(columns, header) if header is not None else ()
    if not missing:
        return
    if saved is not None:
        detail = translate(
            "cli",
            "it has no column {missing} of the survey mapping saved with the map “{map}” "
            "(its columns: {found}); give --mapping MAPPING.json or --stage-column, "
            "--nps-column… for this file",
        )
    else:
        detail = translate(
            "cli",
            "no --mapping was given and the map “{map}” has no survey mapping saved, and it "
            "has no column {missing} (its columns: {found}); give --mapping MAPPING.json "
            "or --stage-column, --nps-column…",
        )
    found = ", ".join(header or ())
    raise SurveySourceError(
        path, detail.format(missing=", ".join(missing), map=map_name, found=found)
    )


def cmd_import_survey(args: argparse.Namespace) -> None:
    from journeyeditor.editing import measures
    from journeyeditor.editing.document import Document
    from journeyeditor.editing.survey_mapping import saved_columns
    from journeyeditor.measure.funnel import StageRule
    from journeyeditor.measure.sources import FileSource
    from journeyeditor.measure.survey import SurveyJob
    from journeyeditor.model import JourneyMap

    source = FileSource(Path(args.survey))
    document = Document.open(Path(args.file))
    try:
        map_id = _map_id(document, args.map)
        saved = saved_columns(document, map_id)
        survey_columns, named = _survey_columns(args, saved)
        found = document.get(JourneyMap, map_id)
        _check_survey_columns(args, survey_columns, saved, found.name if found else args.map)
        if named:
            wanted = [StageRule(name, tuple(texts)) for name, texts in named.items()]
        else:
            wanted = [StageRule(s.name, (s.name,)) for s in document.stages(map_id)]
        try:
            rules = measures.stage_rules(document, map_id, wanted)
            verbatims = max(0, args.verbatims)
            job = SurveyJob(source, survey_columns, {r.key: r.patterns for r in rules}, verbatims)
        except (measures.MeasureRefused, ValueError) as error:
            raise StageMappingError(args.mapping or args.map, str(error)) from error
        with job:
            check = job.check()
            _bad_rows(check, args.skip_bad_rows, source.name)
            result = job.run()
        try:
            command, applied = measures.plan_survey(
                document,
                map_id,
                result,
                measures.source_label(source),
                None,
                check.rows,
                check.bad.total,
                survey_columns.segment or "",
                survey_columns,
            )
        except measures.MeasureRefused as error:
            raise _refused(document, error) from error
        _push(document, command)
        _report(document, applied, map_id, translate("cli", "survey"))
        _print_survey(document, map_id, result)
    finally:
        document.close()


def _print_survey(document: Document, map_id: int, result: Any) -> None:
    names = _stage_names(document, map_id)
    rows = [
        [
            translate("cli", "stage"),
            translate("cli", "answers"),
            translate("cli", "NPS"),
            translate("cli", "effort"),
        ]
    ]
    for figure in result.figures:
        if figure.segment is None:
            nps = "-" if figure.nps is None else f"{figure.nps:+.0f}"
            effort = "-" if figure.effort_mean is None else f"{figure.effort_mean:.1f}"
            rows.append([names.get(figure.stage, figure.stage), str(figure.answers), nps, effort])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        _say("  ".join(cells).rstrip())
