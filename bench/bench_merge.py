"""Merging six department drafts against importing the same cards as JSON. Prints figures.

    .venv/bin/python bench/bench_merge.py [--cards 500] [--drafts 6] [--repeat 3]

The master is a one-map project (bench/projects.py) of `--cards` cards. Each draft is a
copy of it in which one department wrote `--cards` cards of its own, spelt its stage
names in capitals and felt differently at each stage. The merge is what File → Merge
from File… and `journeyeditor merge` do: open the master, read and check every draft,
plan (match names, skip the master's cards, average feelings) and push one undo step in
one transaction, once row by row (one Insert per card, as before the bulk path) and
once in bulk (InsertMany: one executemany), then the bulk step's undo and redo. The
baseline is the JSON importer writing a project holding the master and every draft's
cards (interchange.plan_import, then write_plan into a fresh file): about the same rows,
without matching, checks of the drafts or undo. See bench/README.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.projects import project_data
from journeyeditor.editing import merge
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import one_by_one
from journeyeditor.store import database, interchange

PATHS = ("row by row", "bulk")
"""Before: one Insert per card (operations.one_by_one); after: one InsertMany."""
DEPARTMENTS = ("Sales", "Marketing", "Support", "Logistics", "UX", "Légal")


def draft_data(master: dict[str, Any], number: int, cards: int) -> dict[str, Any]:
    """The master with one department's own cards, capitalised stages and other feelings."""
    data = copy.deepcopy(master)
    department = DEPARTMENTS[number % len(DEPARTMENTS)] + ("" if number < 6 else f" {number}")
    data["departments"] = [{"id": 1, "name": department, "color": "#336699"}]
    journey = data["maps"][0]
    for stage in journey["stages"]:
        stage["name"] = stage["name"].upper()
    lanes = [lane["id"] for lane in journey["lanes"] if lane["kind"] != "emotion"]
    first = max(card["id"] for card in journey["cards"]) + 1 if journey["cards"] else 1
    for n in range(cards):
        journey["cards"].append(
            {
                "id": first + n,
                "stage": 1 + n % len(journey["stages"]),
                "lane": lanes[n % len(lanes)],
                "text": f"{department} idea {n}",
                "department": 1,
            }
        )
    journey["cards"].sort(key=lambda c: (c["stage"], lanes.index(c["lane"]), c["id"]))
    for point in journey["emotions"]:
        point["value"] = (point["value"] + number) % 5 - 2
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    database.create_file(path, interchange.populate_from(interchange.plan_import(data, path)))
    return path


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--drafts", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])
    del app
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        master_data = project_data(args.cards)
        master = write(folder / "master.journey", master_data)
        drafts = [
            write(folder / f"draft-{n}.journey", draft_data(master_data, n, args.cards))
            for n in range(args.drafts)
        ]
        combined = copy.deepcopy(master_data)
        for n in range(args.drafts):
            extra = draft_data(master_data, n, args.cards)["maps"][0]["cards"]
            combined["maps"][0]["cards"] += extra[len(master_data["maps"][0]["cards"]) :]
        for number, card in enumerate(combined["maps"][0]["cards"], 1):
            card["id"] = number
            card.pop("department", None)
        phases: dict[str, list[float]] = {"open master": [], "read drafts": [], "plan": []}
        for path in PATHS:
            phases |= {f"push, {path}": [], f"merge in all, {path}": []}
        phases |= {"undo, bulk": [], "redo, bulk": [], "JSON import": []}
        added = 0
        for run in range(args.repeat):
            for path in PATHS:
                target = folder / f"run-{run}-{path}.journey"
                shutil.copyfile(master, target)
                start = time.perf_counter()
                document = Document.open(target)
                opened = time.perf_counter()
                read = [merge.read_draft(path, target) for path in drafts]
                loaded = time.perf_counter()
                plan = merge.plan_merge(document, read)
                planned = time.perf_counter()
                command = plan.command(document)
                if path == "row by row":
                    command = EditCommand(document, command.text(), one_by_one(plan.operations))
                assert document.push(command)
                pushed = time.perf_counter()
                if path == "bulk":
                    phases["undo, bulk"].append(timed(document.undo))
                    phases["redo, bulk"].append(timed(document.redo))
                    assert document.stack.index() == 1
                document.close()
                added = sum(summary.cards_added for summary in plan.drafts)
                phases["open master"].append(opened - start)
                phases["read drafts"].append(loaded - opened)
                phases["plan"].append(planned - loaded)
                phases[f"push, {path}"].append(pushed - planned)
                phases[f"merge in all, {path}"].append(pushed - start)
            imported = folder / f"import-{run}.journey"
            phases["JSON import"].append(
                timed(lambda path=imported: write(path, combined))  # type: ignore[misc]
            )
        figures = {name: statistics.median(values) for name, values in phases.items()}
        print(
            f"master {args.cards} cards, {args.drafts} drafts of {args.cards} own cards each "
            f"({added} cards added), median of {args.repeat}"
        )
        for name, value in figures.items():
            print(f"  {name:<28} {value * 1000:8.0f} ms")
        for path in PATHS:
            ratio = figures[f"merge in all, {path}"] / figures["JSON import"]
            print(f"  merge / JSON import, {path:<10} {ratio:6.1f} ×")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
