"""How quickly the command line answers, against importing SQLAlchemy. Prints figures; never fails.

    .venv/bin/python bench/bench_cli.py [--cards 10000] [--repeat 7]

`journeyeditor info`, `check` and `export --format json` run as a person runs them
(`python -m journeyeditor …`, a new process each time) on the sample project and on a
project of `--cards` cards (bench/projects.py), interleaved with `python -c "import
sqlalchemy"` in the same run; each figure is the median of `--repeat` runs, as wall time
and as the child's CPU time (user + system, steadier on a busy machine), with its ratio
to the baseline. One more row runs `info` under a French locale (its messages read from
the .qm without Qt). Last, where the JSON export of the `--cards` project spends its CPU
time in this process (least of `--repeat`): opening with every check, reading the
records, writing the text, and `json.dumps` without indent as a floor. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.projects import make_project  # noqa: E402
from journeyeditor.store import database, interchange, interchange_export, templates  # noqa: E402

LOCALES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def _env(language: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALES}
    env["LANG"] = "fr_FR.UTF-8" if language == "fr" else "C.UTF-8"
    return env


def _once(argv: list[str], language: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=ROOT, env=_env(language), check=True, stdout=subprocess.DEVNULL, timeout=600
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def _imports(argv: list[str], language: str) -> str:
    """Which of Qt, Alembic and SQLAlchemy one run imported (from `python -X importtime`)."""
    result = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        cwd=ROOT,
        env=_env(language),
        capture_output=True,
        text=True,
        check=True,
    )
    tops = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in result.stderr.splitlines()}
    heavy = sorted(tops & {"PySide6", "alembic", "sqlalchemy"})
    return ", ".join(heavy) or "none"


def _pieces(path: Path, repeat: int) -> dict[str, float]:
    """Least CPU seconds of each step of the JSON export of `path`, in this process."""
    best: dict[str, float] = {}

    def timed(name: str, step: Callable[..., Any], *args: Any, **options: Any) -> Any:
        start = time.process_time()
        result = step(*args, **options)
        best[name] = min(best.get(name, float("inf")), time.process_time() - start)
        return result

    for _ in range(repeat):
        journey = timed("open with every check", database.open_file, path, read_only=True)
        data = timed("export_project (records)", interchange_export.export_project, journey.raw)
        timed("dumps (canonical text)", interchange_export.dumps, data)
        timed("floor: json.dumps, no indent", json.dumps, data, ensure_ascii=False)
        journey.close()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sample = work / "sample.journey"
        database.create_file(
            sample, interchange.populate_from(templates.template_plan("sample", "en"))
        )
        big = make_project(work / f"cards{args.cards}.journey", args.cards)
        out = str(work / "out.json")
        runs: dict[str, tuple[list[str], str]] = {
            "import sqlalchemy": ([python, "-c", "import sqlalchemy"], "en")
        }
        for label, path in (("sample", sample), (f"{args.cards:,} cards", big)):
            cli = [python, "-m", "journeyeditor"]
            runs[f"info, {label}"] = ([*cli, "info", str(path)], "en")
            runs[f"check, {label}"] = ([*cli, "check", str(path)], "en")
            runs[f"export json, {label}"] = (
                [*cli, "export", str(path), "--format", "json", "-o", out, "--force"],
                "en",
            )
        runs["info, sample, French locale"] = (runs["info, sample"][0], "fr")
        for argv, language in runs.values():
            _once(argv, language)  # warm the file cache and compiled bytecode
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(args.repeat):
            for name, (argv, language) in runs.items():
                times[name].append(_once(argv, language))
        base_wall = statistics.median(w for w, _c in times["import sqlalchemy"])
        base_cpu = statistics.median(c for _w, c in times["import sqlalchemy"])
        print(f'median of {args.repeat} runs; ratio = command ÷ `python -c "import sqlalchemy"`')
        print(f"{'command':34} {'wall':>8} {'ratio':>6} {'CPU':>8} {'ratio':>6}  imported")
        for name, (argv, language) in runs.items():
            wall = statistics.median(w for w, _c in times[name])
            cpu = statistics.median(c for _w, c in times[name])
            heavy = "" if name == "import sqlalchemy" else _imports(argv, language)
            print(
                f"{name:34} {wall:7.3f}s {wall / base_wall:5.2f}× "
                f"{cpu:7.3f}s {cpu / base_cpu:5.2f}×  {heavy}"
            )
        print(
            f"\nthe JSON export of {args.cards:,} cards in this process, least CPU of {args.repeat}"
        )
        for name, seconds in _pieces(big, args.repeat).items():
            print(f"{name:34} {seconds:7.3f}s {seconds / base_cpu:5.2f}× of the baseline's CPU")


if __name__ == "__main__":
    main()
