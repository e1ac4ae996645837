"""Running a hostile file through every public entry point, and judging what happened.

Each entry point runs in a child process (children.py) on its own fresh copy of the
case: `check`, `info --json`, `export --format json|png|pdf|svg`, `import-events` and
`import-survey` (sound event and survey files, inputs/) and the main window.
Whatever the file, none may print a Python traceback, die by a signal, run past the
time limit, change a byte of the file or of anything beside it, or leave new files
there. A file the case says is refused must be refused with a non-zero exit code and
one line naming it (the window: a message naming it, and no document open; the two
imports: `check`'s exit code, the one `store/errors.py` documents for that problem); a
harmless one must be accepted, and an import then writes into the file alone, or
refuses a file offered read-only (WAL mode) with ReadOnlyFileError's code.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journeyeditor.store.errors import ReadOnlyFileError

from .base import base_project
from .children import Outcome, journeyeditor_argv, run_child
from .corpus import Case
from helpers.projects import sha256

WINDOW_CHILD = Path(__file__).with_name("window_child.py")
JOBS = int(os.environ.get("HOSTILE_JOBS", "2"))
Argv = Callable[[Path, Path, Path], list[str]]
"""The child's command line, given the case's file, the output folder and the inputs."""


def _export(fmt: str) -> Argv:
    return lambda path, out, _inputs: journeyeditor_argv(
        "export", str(path), "--format", fmt, "-o", str(out / f"out.{fmt}")
    )


def measure_inputs(folder: Path) -> str:
    """Sound event and survey files, and an event mapping, for the base file's first map
    (whose name this returns) and its first two stages."""
    first = base_project()["maps"][0]
    stages = [stage["name"] for stage in first["stages"][:2]]
    (folder / "events.csv").write_text(
        "customer,timestamp,event\nc1,2026-11-01 10:00:00,ad click\n"
        "c1,2026-11-01 10:05:00,product page\n",
        encoding="utf-8",
    )
    rules = [{"key": stages[0], "events": ["ad *"]}, {"key": stages[1], "events": ["product*"]}]
    (folder / "mapping.json").write_text(json.dumps({"stages": rules}), encoding="utf-8")
    (folder / "survey.csv").write_text(
        f"stage,nps,effort,comment\n{stages[0]},9,2,Loved it\n", encoding="utf-8"
    )
    return str(first["name"])


def _import_events(path: Path, _out: Path, inputs: Path) -> list[str]:
    map_name = measure_inputs(inputs)
    events, mapping = str(inputs / "events.csv"), str(inputs / "mapping.json")
    return journeyeditor_argv(
        "import-events", str(path), events, "--map", map_name, "--mapping", mapping
    )


def _import_survey(path: Path, _out: Path, inputs: Path) -> list[str]:
    map_name = measure_inputs(inputs)
    return journeyeditor_argv(
        "import-survey", str(path), str(inputs / "survey.csv"), "--map", map_name
    )


EXPORTS = ("json", "png", "pdf", "svg")
IMPORTS = ("import-events", "import-survey")
"""Commands that write into the file: only a sound, writable one may change."""
COMMANDS: dict[str, Argv] = {
    "check": lambda path, _out, _inputs: journeyeditor_argv("check", str(path)),
    "info": lambda path, _out, _inputs: journeyeditor_argv("info", str(path), "--json"),
    **{fmt: _export(fmt) for fmt in EXPORTS},
    "import-events": _import_events,
    "import-survey": _import_survey,
    "window": lambda path, _out, _inputs: [sys.executable, str(WINDOW_CHILD), str(path)],
}


# What is on disk


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry of `folder` by name: its kind and content (links are not followed)."""
    found = {}
    for entry in sorted(folder.iterdir()):
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[entry.name] = f"link to {os.readlink(entry)}"
        elif stat.S_ISREG(mode):
            found[entry.name] = f"file {sha256(entry)}"
        elif stat.S_ISDIR(mode):
            found[entry.name] = f"folder {fingerprint(entry)}"
        else:
            found[entry.name] = f"special file {stat.S_IFMT(mode):o}"
    return found


def disk_changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changes = [f"removed {name}" for name in before if name not in after]
    changes += [f"changed {name}" for name, was in before.items() if after.get(name, was) != was]
    changes += [f"left {name}" for name in after if name not in before]
    return changes


# How a child ended


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def shown(text: str) -> str:
    """A message as a problem quotes it: one line, cut at 200 characters."""
    return repr(text[:200])


def exception_line(stderr: str) -> str:
    """The exception a traceback ends with: the first unindented line after its header."""
    lines = stderr.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("Traceback"))
    return next((line for line in lines[start + 1 :] if line[:1].strip()), "")


def crash_symptoms(outcome: Outcome) -> list[str]:
    """A timeout (children.TIMEOUT_S), a signal, a fatal interpreter error, a traceback."""
    if outcome.returncode is None:
        return ["timeout"]
    found = []
    if outcome.returncode < 0:
        found.append(f"killed by {signal.Signals(-outcome.returncode).name}")
    fatal = [line for line in outcome.stderr.splitlines() if "Fatal Python error" in line]
    if fatal:
        found.append(fatal[0][:200])
    elif "Traceback (most recent call last)" in outcome.stderr:
        found.append(f"traceback: {exception_line(outcome.stderr)[:200]}")
    return found


def refusal_problems(name: str, refused: bool, code: int, stdout: str, stderr: str) -> list[str]:
    """The command line's answer against the expectation: refused with one line naming
    the file and a non-zero exit code, or accepted with exit code 0."""
    if not refused:
        return [] if code == 0 else [f"refused (exit {code}): {shown(last_line(stderr))}"]
    if code == 0:
        return ["accepted (exit 0)"]
    lines = stderr.strip().splitlines()
    if len(lines) != 1 or name not in lines[0]:
        return [f"refusal is not one line naming the file: {shown(stderr)}"]
    return [] if not stdout.strip() else [f"refused but printed {shown(stdout)}"]


def window_problems(name: str, refused: bool, stdout: str) -> list[str]:
    try:
        report = json.loads(last_line(stdout))
    except ValueError:
        return [f"no report from the window: {shown(last_line(stdout))}"]
    opened, messages = report["opened"], report["messages"]
    said = shown(messages[-1]) if messages else "nothing"
    if not refused:
        return [] if opened else [f"refused, saying {said}"]
    if opened:
        return ["opened the file"]
    if not messages or name not in messages[-1]:
        return [f"refusal does not name the file: said {said}"]
    return []


def import_problems(name: str, refused: bool, code: int, stdout: str, stderr: str) -> list[str]:
    """An import on an accepted file: done (exit 0), or a file offered read-only refused
    as such, in one line naming it."""
    if refused or code != ReadOnlyFileError.exit_code:
        return refusal_problems(name, refused, code, stdout, stderr)
    return refusal_problems(name, True, code, stdout, stderr)


def child_problems(case: Case, command: str, work: Path) -> tuple[list[str], int | None]:
    """Build `case` in `work`, run one command on it in a child: what went wrong, and
    its exit code (None at the time limit)."""
    folder, out, inputs, home = work / "case", work / "out", work / "inputs", work / "home"
    for place in (folder, out, inputs, home):
        place.mkdir(parents=True)
    path = case.build(folder)
    before = fingerprint(folder)
    outcome = run_child(COMMANDS[command](path, out, inputs), home)
    found = crash_symptoms(outcome)
    if not found and outcome.returncode is not None:
        judge = import_problems if command in IMPORTS else refusal_problems
        if command == "window":
            found += window_problems(path.name, case.refused, outcome.stdout)
        else:
            found += judge(
                path.name, case.refused, outcome.returncode, outcome.stdout, outcome.stderr
            )
    changes = disk_changes(before, fingerprint(folder))
    written = f"changed {path.name}"
    if command in IMPORTS and outcome.returncode == 0:
        if written in changes:
            changes.remove(written)
        else:
            found.append("exit 0 but the file is unchanged")
    found += [f"beside the file: {change}" for change in changes]
    outputs = sorted(p.name for p in out.iterdir())
    if outcome.returncode != 0 and outputs:
        found.append(f"failed but left {', '.join(outputs)}")
    if outcome.returncode == 0 and command in EXPORTS and not outputs:
        found.append("exit 0 but wrote nothing")
    return found, outcome.returncode


def all_commands(case: Case, work: Path) -> dict[str, list[str]]:
    """Every command's problems with `case`, JOBS children at a time; an import refusing
    a refused file must exit with `check`'s code for it."""
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        futures = {
            command: pool.submit(child_problems, case, command, work / command)
            for command in COMMANDS
        }
        results = {command: future.result() for command, future in futures.items()}
    checked = results["check"][1]
    for command in IMPORTS:
        found, code = results[command]
        if case.refused and code not in (None, 0, checked):
            found.append(f"exit {code}, not check's {checked}")
    return {command: found for command, (found, _code) in results.items()}


# Where a family has a case that reaches further into layout and painting, that one.
PREFERRED = {"huge": "card.text.huge", "control": "card.text.at_limit"}


def _rank(case: Case) -> tuple[bool, str]:
    """Preferred first, then the lowest hash of the id: a stable, unbiased pick."""
    preferred = PREFERRED.get(case.family) == case.id
    return (not preferred, hashlib.sha256(case.id.encode()).hexdigest())


def representatives(cases: Iterable[Case]) -> list[Case]:
    """One case per family, and every side-file case (reading and writing paths differ
    most there)."""
    chosen: dict[str, Case] = {}
    for case in cases:
        best = chosen.get(case.family)
        if case.family == "side":
            chosen[case.id] = case
        elif best is None or _rank(case) < _rank(best):
            chosen[case.family] = case
    return sorted(chosen.values(), key=lambda case: case.id)
