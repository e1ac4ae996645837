"""The command line: the GUI by default, and sub-commands that need no display.

    journeyeditor [FILE]
    journeyeditor new FILE [--template ID] [--lang fr|en] [--force]
    journeyeditor templates
    journeyeditor info FILE [--json]
    journeyeditor check FILE
    journeyeditor export FILE --format json -o OUT
    journeyeditor import IN.json -o FILE.journey [--force]

Exit codes: 0 done, 1 usage, and each file problem its own code (store/errors.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from journeyeditor import __version__, i18n
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.errors import JourneyFileError, WriteFailedError

COMMANDS = ("new", "templates", "info", "check", "export", "import")
Exporter = Callable[[argparse.Namespace], None]
EXPORTERS: dict[str, Exporter] = {}


def tr(text: str) -> str:
    return QCoreApplication.translate("cli", text)


def _say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def write_atomically(path: Path, data: bytes) -> None:
    """Write a whole output file or nothing: aside first, then renamed into place."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        raise WriteFailedError(path, exc.strerror or str(exc)) from exc


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise WriteFailedError(path, tr("it already exists; add --force to replace it"))


def cmd_new(args: argparse.Namespace) -> None:
    path = Path(args.file)
    _refuse_existing(path, args.force)
    plan = templates.template_plan(args.template, args.lang)
    database.create_file(path, interchange.populate_from(plan))
    _say(tr("Created {0} from template {1} ({2}).").format(path, args.template, args.lang))


def cmd_templates(args: argparse.Namespace) -> None:
    del args
    for template_id in templates.template_ids():
        _say(template_id)


def summary(path: Path) -> dict[str, Any]:
    """What `info` tells: the project's maps with their stages, lanes and card counts."""
    journey = database.open_file(path, read_only=True)
    try:
        with journey.engine.connect() as connection:
            data = interchange.export_project(connection)
    finally:
        journey.close()
    personas = {p["id"]: p["name"] for p in data["personas"]}
    return {
        "file": str(path),
        "project": data["project"]["name"],
        "language": data["project"]["language"],
        "personas": [p["name"] for p in data["personas"]],
        "departments": [d["name"] for d in data["departments"]],
        "cards": sum(len(m["cards"]) for m in data["maps"]),
        "maps": [
            {
                "name": m["name"],
                "state": m["state"],
                "persona": personas.get(m["persona"]),
                "stages": [s["name"] for s in m["stages"]],
                "lanes": [{"name": lane["name"], "kind": lane["kind"]} for lane in m["lanes"]],
                "cards": len(m["cards"]),
                "emotion_points": len(m["emotions"]),
            }
            for m in data["maps"]
        ],
    }


def cmd_info(args: argparse.Namespace) -> None:
    info = summary(Path(args.file))
    if args.json:
        _say(json.dumps(info, indent=2, ensure_ascii=False))
        return
    _say(f"{Path(args.file).name} — {info['project']} ({info['language']})")
    _say(
        tr("{0} maps, {1} cards, {2} personas, {3} departments").format(
            len(info["maps"]), info["cards"], len(info["personas"]), len(info["departments"])
        )
    )
    for number, journey_map in enumerate(info["maps"], 1):
        _say(
            tr("{0}. {1} [{2}]: {3} stages, {4} lanes, {5} cards").format(
                number,
                journey_map["name"],
                journey_map["state"],
                len(journey_map["stages"]),
                len(journey_map["lanes"]),
                journey_map["cards"],
            )
        )
        _say("   " + " → ".join(journey_map["stages"]))


def cmd_check(args: argparse.Namespace) -> None:
    findings = database.check_file(Path(args.file))
    note = tr(" (read-only)") if "read-only" in findings else ""
    _say(tr("{0}: sound{1}.").format(Path(args.file).name, note))


def export_json(args: argparse.Namespace) -> None:
    journey = database.open_file(Path(args.file), read_only=True)
    try:
        text = interchange.export_text(journey.engine)
    finally:
        journey.close()
    write_atomically(Path(args.output), text.encode("utf-8"))


EXPORTERS["json"] = export_json


def cmd_export(args: argparse.Namespace) -> None:
    EXPORTERS[args.format](args)
    _say(tr("Exported {0} to {1}.").format(Path(args.file).name, args.output))


def cmd_import(args: argparse.Namespace) -> None:
    source, target = Path(args.input), Path(args.output)
    plan = interchange.plan_import(interchange.read_json_file(source), source)
    _refuse_existing(target, args.force)
    database.create_file(target, interchange.populate_from(plan))
    _say(tr("Imported {0} into {1}.").format(source.name, target))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeyeditor", description=tr("Customer journey map editor.")
    )
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help=tr("create a project file from a template"))
    new.add_argument("file")
    new.add_argument("--template", default=templates.DEFAULT, choices=templates.template_ids())
    new.add_argument("--lang", default="en", choices=templates.LANGUAGES)
    new.add_argument("--force", action="store_true", help=tr("replace an existing file"))
    new.set_defaults(run=cmd_new)
    sub.add_parser("templates", help=tr("list template ids")).set_defaults(run=cmd_templates)
    info = sub.add_parser("info", help=tr("describe a project file"))
    info.add_argument("file")
    info.add_argument("--json", action="store_true")
    info.set_defaults(run=cmd_info)
    check = sub.add_parser("check", help=tr("check that a project file is sound"))
    check.add_argument("file")
    check.set_defaults(run=cmd_check)
    export = sub.add_parser("export", help=tr("export a project"))
    export.add_argument("file")
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument("-o", "--output", required=True)
    export.set_defaults(run=cmd_export)
    imp = sub.add_parser("import", help=tr("make a project file from a JSON export"))
    imp.add_argument("input")
    imp.add_argument("-o", "--output", required=True)
    imp.add_argument("--force", action="store_true", help=tr("replace an existing file"))
    imp.set_defaults(run=cmd_import)
    return parser


def run_command(argv: Sequence[str]) -> int:
    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    i18n.install(app)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        args.run(args)
    except JourneyFileError as error:
        sys.stderr.write(error.message(QCoreApplication.translate) + "\n")
        return error.exit_code
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (argv and argv[0] in COMMANDS) or any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return run_command(argv)
    from journeyeditor.app import run_gui

    return run_gui(argv)
