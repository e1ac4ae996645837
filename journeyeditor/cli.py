"""The command line: the GUI by default, and sub-commands that need no display.

    journeyeditor [FILE]
    journeyeditor new FILE [--template ID] [--lang fr|en] [--force]
    journeyeditor templates
    journeyeditor info FILE [--json]
    journeyeditor check FILE
    journeyeditor export FILE --format json -o OUT
    journeyeditor export FILE [--map NAME] --format pdf|png|svg -o OUT [--page A3]
                         [--orientation portrait|landscape|auto] [--landscape]
                         [--fit|--tile] [--scale 100] [--cover]
                         [--dpi 300] [--transparent] [--frame]
                         [--text-as-paths|--no-text-as-paths]
    journeyeditor export FILE [--map NAME] --format xlsx|pptx -o OUT
    journeyeditor export FILE [--map NAME] --format csv -o OUT [--delimiter ,|;|tab]
    journeyeditor import IN.json -o FILE.journey [--force]
    journeyeditor merge MASTER DRAFT... [--map NAME] [--into MAP] [--dry-run]
    journeyeditor funnel EVENTS.csv|--source URL --table T --stages MAPPING.json
                         [--segment COL] [--json] [--skip-bad-rows]   (cli_funnel.py)
    journeyeditor import-events FILE EVENTS.csv|--source URL --table T --map NAME
                         --mapping MAPPING.json [--segment COL] [--skip-bad-rows]
    journeyeditor import-survey FILE SURVEY.csv --map NAME [--mapping MAPPING.json]
                         [--segment COL] [--verbatims N] [--skip-bad-rows]   (cli_measure.py)

--landscape is short for --orientation landscape. With --orientation auto each map's
pages (its cover too) are turned the way that prints the map larger, or on fewer sheets
with --tile, so one PDF may mix portrait and landscape pages. --fit prints each map as
large as the page's content area allows in its binding dimension, centred in the other.
xlsx is a workbook of the maps' cards; pptx a 16:9 deck (cover, each map as editable
shapes, split into parts when too big to read, the top pain points and opportunities).

Exit codes: 0 done, 1 usage, and each file problem its own code (store/errors.py);
70 an internal error (a bug: one line on stderr names the log file with the details),
130 interrupted (Ctrl+C), 141 stdout closed early (`info F | head -1`), quietly.

Qt is loaded only for what needs it (drawn exports, and the sub-commands that edit through
the Document, whose messages Qt then translates); the others read the translated messages
from the same .qm file without Qt (journeyeditor/qm.py). `info`, `check` and the JSON
export read a current file through sqlite3 alone (store/summary.py,
store/interchange_export.py), without SQLAlchemy; Alembic and SQLAlchemy are loaded only
to migrate an older file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeyeditor import __version__, cli_funnel, cli_measure, crash, i18n, paint_threads
from journeyeditor.render.paper import LANDSCAPE, ORIENTATIONS, PAGE_SIZES, PORTRAIT
from journeyeditor.store import database, templates
from journeyeditor.store.errors import JourneyFileError, MergeError, OutputExistsError
from journeyeditor.store.files import refuse_input, write_atomically
from journeyeditor.store.summary import project_summary

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from journeyeditor.editing.document import Document

COMMANDS = (
    "new",
    "templates",
    "info",
    "check",
    "export",
    "import",
    "funnel",
    "import-events",
    "import-survey",
    "merge",
)
QT_FREE = frozenset({"new", "templates", "info", "check", "import", "funnel"})
"""Sub-commands that never load Qt (model, store and measure know nothing of it), nor does
the JSON export: every message they print goes through `i18n.translate`."""
Exporter = Callable[[argparse.Namespace], None]
EXPORTERS: dict[str, Exporter] = {}


translate = i18n.translate


def _say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _refuse_existing(path: Path, force: bool, *inputs: Path) -> None:
    """Outputs never replace their input, and replace another file only with --force."""
    refuse_input(path, *inputs)
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputExistsError(path)


def cmd_new(args: argparse.Namespace) -> None:
    from journeyeditor.store import interchange

    path = Path(args.file)
    _refuse_existing(path, args.force)
    language = args.lang or i18n.interface_language()
    plan = templates.template_plan(args.template, language)
    database.create_file(path, interchange.populate_from(plan))
    _say(
        translate("cli", "Created {0} from template {1} ({2}).").format(
            path, args.template, language
        )
    )


def cmd_templates(args: argparse.Namespace) -> None:
    del args
    for template_id in templates.template_ids():
        _say(template_id)


def summary(path: Path) -> dict[str, Any]:
    """What `info` tells: the project's maps with their stages, lanes and card counts."""
    journey = database.open_file(path, read_only=True)
    try:
        return {"file": str(path), **project_summary(journey.raw)}
    finally:
        journey.close()


def cmd_info(args: argparse.Namespace) -> None:
    info = summary(Path(args.file))
    if args.json:
        _say(json.dumps(info, indent=2, ensure_ascii=False))
        return
    _say(f"{Path(args.file).name} — {info['project']} ({info['language']})")
    _say(
        translate("cli", "{0} maps, {1} cards, {2} personas, {3} departments").format(
            len(info["maps"]), info["cards"], len(info["personas"]), len(info["departments"])
        )
    )
    for number, journey_map in enumerate(info["maps"], 1):
        _say(
            translate("cli", "{0}. {1} [{2}]: {3} stages, {4} lanes, {5} cards").format(
                number,
                journey_map["name"],
                journey_map["state"],
                len(journey_map["stages"]),
                len(journey_map["lanes"]),
                journey_map["cards"],
            )
        )
        _say("   " + " → ".join(journey_map["stages"]))
        runs = journey_map["runs"]
        for kind in dict.fromkeys(run["kind"] for run in runs):
            mine = [run for run in runs if run["kind"] == kind]
            # Runs come in the order they were saved: of two saved in the same second,
            # the later is the latest, as the window shows (`measured.runs_query`).
            latest = sorted(mine, key=lambda run: run["imported"])[-1]
            _say(
                "   "
                + translate("cli", "measured ({0}): {1} runs, the latest {2} from {3}").format(
                    kind, len(mine), latest["imported"], latest["source"]
                )
            )


def cmd_check(args: argparse.Namespace) -> None:
    findings = database.check_file(Path(args.file))
    note = translate("cli", " (read-only)") if "read-only" in findings else ""
    _say(translate("cli", "{0}: sound{1}.").format(Path(args.file).name, note))


def export_json(args: argparse.Namespace) -> None:
    """The project as JSON, read through sqlite3 alone after the checks `info` makes
    (an older file is migrated in memory first)."""
    from journeyeditor.store.interchange_export import export_text

    journey = database.open_file(Path(args.file), read_only=True)
    try:
        text = export_text(journey.raw)
    finally:
        journey.close()
    write_atomically(Path(args.output), text.encode("utf-8"), Path(args.file))


EXPORTERS["json"] = export_json


def export_drawn(args: argparse.Namespace) -> None:
    """PDF, PNG or SVG of the project's maps, drawn as on the canvas, an Excel workbook or CSV."""
    _application(["export"])
    from journeyeditor.editing.document import Document
    from journeyeditor.render import export

    document = Document.open(Path(args.file), read_only=True)
    try:
        maps = (_map_named(document, args.map, export.ExportError),) if args.map else ()
        options = export.ExportOptions(
            maps=maps,
            page=args.page,
            orientation=args.orientation,
            tile=args.tile,
            scale=args.scale / 100,
            cover=args.cover,
            dpi=args.dpi,
            transparent=args.transparent,
            frame=args.frame,
            text_as_paths=args.text_as_paths,
            delimiter=args.delimiter,
        )
        source = None
        if args.segment is not None:
            chosen = maps or tuple(m.id for m in document.maps())
            segment = _measured_segment(document, chosen, args, export.ExportError)
            source = export.ExportSource(document, segment)
        export.EXPORTS[args.format](document, Path(args.output), options, source)
    finally:
        document.close()


def _measured_segment(
    document: Document,
    map_ids: Sequence[int],
    args: argparse.Namespace,
    error: type[JourneyFileError],
) -> tuple[str, str]:
    """`--segment COLUMN=VALUE` (or VALUE alone, when one column has it) as measured by
    a newest run of the maps exported; refused otherwise, naming those measured: a typo
    would show everyone's figures under no warning."""
    from journeyeditor.render.content import segments_of

    found = list(dict.fromkeys(pair for m in map_ids for pair in segments_of(document, m)))
    column, equals, value = str(args.segment).partition("=")
    matches = (
        [pair for pair in found if pair == (column, value)]
        if equals
        else [pair for pair in found if pair[1] == column]
    )
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"“{c}={v}”" for c, v in found) or "—"
    detail = translate("cli", "no run of these maps measured the segment “{0}” (measured: {1})")
    if len(matches) > 1:
        detail = translate("cli", "“{0}” is a value of several columns: name one ({1})")
    raise error(document.path, detail.format(args.segment, names))


def _map_named(document: Document, name: str, error: type[JourneyFileError]) -> int:
    """The id of the map called `name` (exactly, else ignoring case)."""
    maps = document.maps()
    exact = [m.id for m in maps if m.name == name]
    loose = [m.id for m in maps if m.name.casefold() == name.casefold()]
    if exact or loose:
        return (exact or loose)[0]
    names = ", ".join(f"“{m.name}”" for m in maps)
    detail = translate("cli", "it has no map named “{0}” (its maps: {1})")
    raise error(document.path, detail.format(name, names))


for _format in ("pdf", "png", "svg", "xlsx", "pptx", "csv"):
    EXPORTERS[_format] = export_drawn
SEGMENTED = frozenset({"pdf", "png", "svg", "xlsx", "pptx"})
"""The formats that draw lanes of figures, which `--segment` changes."""


def cmd_export(args: argparse.Namespace) -> None:
    _refuse_existing(Path(args.output), args.force, Path(args.file))
    EXPORTERS[args.format](args)
    _say(translate("cli", "Exported {0} to {1}.").format(Path(args.file).name, args.output))


def cmd_import(args: argparse.Namespace) -> None:
    from journeyeditor.store import interchange

    source, target = Path(args.input), Path(args.output)
    _refuse_existing(target, args.force, source)
    plan = interchange.plan_import(interchange.read_json_file(source), source)
    database.create_file(target, interchange.populate_from(plan))
    _say(translate("cli", "Imported {0} into {1}.").format(source.name, target))


def cmd_merge(args: argparse.Namespace) -> None:
    """Merge drafts into the master in one transaction (one undo step in the window)."""
    from journeyeditor.editing import merge
    from journeyeditor.editing.document import Document

    master = Path(args.master)
    document = Document.open(master, read_only=args.dry_run)
    try:
        drafts = [merge.read_draft(Path(path), master) for path in args.drafts]
        plan = merge.plan_merge(document, drafts, map_name=args.map, into=args.into)
        for summary in plan.drafts:
            _say(f"{summary.name}:")
            for line in merge.describe(summary):
                _say(f"  {line}")
        if args.dry_run or plan.empty:
            _say(translate("cli", "Nothing was written to {0}.").format(master.name))
            return
        problems: list[str] = []
        document.errorOccurred.connect(problems.append)
        if not document.push(plan.command(document)):
            raise MergeError(master, " ".join(problems))
        _say(translate("cli", "Merged into {0}.").format(master.name))
    finally:
        document.close()


def _bounded(text: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            translate("cli", "expected a number from {0} to {1}").format(low, high)
        )
    return value


def _percent(text: str) -> float:
    return _bounded(text, 10, 1000)


def _dpi(text: str) -> int:
    return round(_bounded(text, 36, 1200))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeyeditor", description=translate("cli", "Customer journey map editor.")
    )
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help=translate("cli", "create a project file from a template"))
    new.add_argument("file")
    new.add_argument("--template", default=templates.DEFAULT, choices=templates.template_ids())
    new.add_argument(
        "--lang",
        choices=templates.LANGUAGES,
        help=translate("cli", "the template's language (default: the interface's)"),
    )
    new.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing file")
    )
    new.set_defaults(run=cmd_new)
    sub.add_parser("templates", help=translate("cli", "list template ids")).set_defaults(
        run=cmd_templates
    )
    info = sub.add_parser("info", help=translate("cli", "describe a project file"))
    info.add_argument("file")
    info.add_argument("--json", action="store_true")
    info.set_defaults(run=cmd_info)
    check = sub.add_parser("check", help=translate("cli", "check that a project file is sound"))
    check.add_argument("file")
    check.set_defaults(run=cmd_check)
    export = sub.add_parser("export", help=translate("cli", "export a project"))
    export.add_argument("file")
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument("-o", "--output", required=True)
    export.add_argument(
        "--map",
        help=translate(
            "cli", "the map to export (default: every map in a PDF or workbook, else the first)"
        ),
    )
    export.add_argument(
        "--page", default="A4", choices=list(PAGE_SIZES), help=translate("cli", "paper size (PDF)")
    )
    turn = export.add_mutually_exclusive_group()
    turn.add_argument(
        "--orientation",
        default=PORTRAIT,
        choices=ORIENTATIONS,
        help=translate(
            "cli", "paper orientation; auto turns each map's pages to print it larger (PDF)"
        ),
    )
    turn.add_argument(
        "--landscape",
        dest="orientation",
        action="store_const",
        const=LANDSCAPE,
        help=translate("cli", "the same as --orientation landscape"),
    )
    mode = export.add_mutually_exclusive_group()
    mode.add_argument(
        "--fit",
        dest="tile",
        action="store_false",
        default=False,
        help=translate("cli", "each map on one page (PDF, default)"),
    )
    mode.add_argument(
        "--tile",
        dest="tile",
        action="store_true",
        help=translate("cli", "each map across pages at --scale (PDF)"),
    )
    export.add_argument(
        "--scale",
        type=_percent,
        default=100.0,
        help=translate("cli", "printed size in percent when tiling (default 100)"),
    )
    export.add_argument(
        "--cover",
        action="store_true",
        help=translate("cli", "a cover page with persona and legend before each map (PDF)"),
    )
    export.add_argument(
        "--segment",
        metavar="COLUMN=VALUE",
        help=translate(
            "cli",
            "funnel and survey lanes show the figures of the customers with this segment "
            "value, VALUE alone when one column has it, COLUMN= for those without one "
            "(as the window's “Figures for”; default: everyone)",
        ),
    )
    export.add_argument(
        "--dpi",
        type=_dpi,
        default=96,
        help=translate("cli", "resolution of a PNG: 96 for screens, 300 for print"),
    )
    export.add_argument(
        "--transparent",
        action="store_true",
        help=translate("cli", "no white background (PNG, SVG)"),
    )
    export.add_argument(
        "--frame",
        action="store_true",
        help=translate(
            "cli", "a title, the date, the persona and a legend around the map (PNG, SVG)"
        ),
    )
    export.add_argument(
        "--text-as-paths",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=translate(
            "cli",
            "text drawn as outlines, the same on machines without the font (SVG, default)",
        ),
    )
    export.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        help=translate("cli", "CSV separator (default: ; for a French project, else ,)"),
    )
    export.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing file")
    )
    export.set_defaults(run=cmd_export)
    imp = sub.add_parser("import", help=translate("cli", "make a project file from a JSON export"))
    imp.add_argument("input")
    imp.add_argument("-o", "--output", required=True)
    imp.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing file")
    )
    imp.set_defaults(run=cmd_import)
    cli_funnel.add_parser(sub)
    cli_measure.add_parsers(sub)
    merging = sub.add_parser("merge", help=translate("cli", "merge draft copies into a project"))
    merging.add_argument("master")
    merging.add_argument("drafts", nargs="+")
    merging.add_argument("--map", help=translate("cli", "merge only the drafts' map of this name"))
    merging.add_argument(
        "--into", help=translate("cli", "the project's map to merge into (default: by name)")
    )
    merging.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("cli", "show what would change, write nothing"),
    )
    merging.set_defaults(run=cmd_merge)
    return parser


def _application(argv: Sequence[str]) -> QCoreApplication:
    """Exports draw with Qt's painter, which needs a GUI application, never a display."""
    from PySide6.QtCore import QCoreApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    if argv[:1] != ["export"]:
        return QCoreApplication([sys.argv[0]])
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    paint_threads.keep_painting_serial()

    return QGuiApplication([sys.argv[0]])


def _loads_qt(args: argparse.Namespace) -> bool:
    return args.command not in QT_FREE and not (args.command == "export" and args.format == "json")


def run_command(argv: Sequence[str]) -> int:
    language = i18n.system_language()
    i18n.use_catalogue(language)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        # argparse exits 2 on a usage error, which is FileMissingError's code: use 1.
        return 1 if exit_.code else 0
    if args.command == "export" and args.segment is not None and args.format not in SEGMENTED:
        # A usage error as argparse's: the other formats draw no lanes of figures.
        sys.stderr.write(translate("cli", "--segment is for pdf, png, svg, xlsx and pptx"))
        sys.stderr.write("\n")
        return 1
    if language != "en" and _loads_qt(args):
        # Editing and drawing translate through Qt (render/, editing/): its translator too.
        i18n.install(_application(argv), language)
    try:
        args.run(args)
    except JourneyFileError as error:
        sys.stderr.write(error.message(translate) + "\n")
        return error.exit_code
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (argv and argv[0] in COMMANDS) or any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return crash.command_line(run_command, argv)
    from journeyeditor.app import run_gui

    return run_gui(argv)
