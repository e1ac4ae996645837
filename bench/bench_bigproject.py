"""A big project in the window: 50 maps of 2,000 cards. Prints figures beside baselines.

    python bench/bench_bigproject.py [--maps 50] [--cards 2000] [--switch 5] [--profile DIR]

In the main window (offscreen, 1920×1080), in one run:
- **open**: `open_path` of the big project until its first map is painted (`grab()`);
  baseline: the same, for a project holding only that one map;
- **switch**: choosing another map in the maps panel until it is painted, for several
  maps; target ≤ 1.5× the first paint of that map alone (the baseline above: every map of
  the big project is that same map, its texts suffixed);
- **find**: typing a word in the find box (the find bar searches the map shown and
  highlights its matches); baseline: plain `sqlite3` selecting that map's matching cards
  with `LIKE`;
- **open alone**: `Document.open` (every check of the file, `check_all` included);
- **JSON export**: what `journeyeditor export --format json` does in-process (open the file
  read-only with its checks, then `interchange.export_text`); baseline: plain `sqlite3`
  reading every row of the same tables and writing them with `json.dumps`.
`--profile DIR` writes a cProfile file per figure there. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from bench.projects import make_big_project, make_project
from journeyeditor import paint_threads
from journeyeditor.editing.document import Document
from journeyeditor.store import database, interchange
from journeyeditor.ui.main_window import MainWindow

WIDTH, HEIGHT = 1920, 1080
WORD = "livraison"
TABLES = ("project", "journey_map", "stage", "lane", "card", "emotion_point")


Times = tuple[float, float]
"""Wall and CPU seconds (this process's user + system: steadier when others share the
cores; Qt paints offscreen in this process)."""


class Timer:
    """Times actions, profiling each into `folder` when one is given."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def __call__(self, name: str, action: Callable[[], Any]) -> Times:
        profile = cProfile.Profile() if self.folder is not None else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.enable()
        action()
        if profile is not None:
            profile.disable()
        times = (time.perf_counter() - wall, time.process_time() - cpu)
        if profile is not None and self.folder is not None:
            profile.dump_stats(self.folder / f"{name.replace(' ', '-')}.prof")
        return times


def median(samples: list[Times]) -> Times:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def show(label: str, ours: Times, base: Times, note: str = "") -> None:
    """One line: wall and CPU time, each with its ratio to the baseline."""
    cells = [
        f"{o * 1000:7.0f} / {b * 1000:6.0f} ms {o / b:5.2f} ×"
        for o, b in zip(ours, base, strict=True)
    ]
    print(f"  {label:<40} {cells[0]}   {cells[1]}  {note}".rstrip())


def window() -> MainWindow:
    shown = MainWindow()
    shown.resize(WIDTH, HEIGHT)
    shown.show()
    QApplication.processEvents()
    return shown


def painted(shown: MainWindow) -> None:
    QApplication.processEvents()
    shown.view.viewport().grab()


def first_paint(path: Path, timer: Timer, name: str) -> tuple[Times, MainWindow]:
    shown = window()

    def open_and_paint() -> None:
        shown.open_path(path)
        painted(shown)

    return timer(name, open_and_paint), shown


def alone_paint(path: Path, timer: Timer) -> Times:
    """The baseline: the first paint of a project holding only the map, in a new window."""
    times, shown = first_paint(path, timer, "alone")
    shown.close()
    shown.deleteLater()
    QApplication.processEvents()
    return times


def switch(shown: MainWindow, map_id: int) -> None:
    shown.maps_panel.select_map(map_id)
    painted(shown)


def open_close(path: Path) -> None:
    Document.open(path).close()


def sqlite_find(path: Path, map_id: int) -> int:
    connection = sqlite3.connect(path)
    query = (
        "SELECT card.id FROM card JOIN stage ON stage.id = card.stage_id "
        "WHERE stage.map_id = ? AND card.text LIKE ?"
    )
    rows = connection.execute(query, (map_id, f"%{WORD}%")).fetchall()
    connection.close()
    return len(rows)


def sqlite_export(path: Path) -> str:
    """The floor of an export: every row of the same tables, read and written as JSON."""
    connection = sqlite3.connect(path)
    data = {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in TABLES
    }
    connection.close()
    return json.dumps(data, ensure_ascii=False)


def cli_export(path: Path) -> str:
    journey = database.open_file(path, read_only=True)
    try:
        return interchange.export_text(journey.raw)
    finally:
        journey.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=50)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--switch", type=int, default=5, help="maps switched to")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    paint_threads.keep_painting_serial()  # as the app paints
    app = QApplication.instance() or QApplication([])
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    timer = Timer(args.profile)
    with tempfile.TemporaryDirectory(prefix="bench-big-") as name:
        folder = Path(name)
        start = time.perf_counter()
        big = make_big_project(folder / "big.journey", args.maps, args.cards)
        alone = make_project(folder / "alone.journey", args.cards)
        built = time.perf_counter() - start
        total = args.maps * args.cards
        print(f"{args.maps} maps × {args.cards} cards ({total:,}), built in {built:.1f} s")
        print(f"window {WIDTH}×{HEIGHT}, offscreen; median of {args.repeat}")
        print(f"  {'figure':<40} {'wall: ours / baseline, ratio':>29}   {'CPU: the same':>26}")
        alone_paint(alone, Timer(None))  # warm-up: fonts, first window, imports
        baselines = [alone_paint(alone, timer)]
        opened, shown = first_paint(big, timer, "open big")
        assert shown.document is not None
        maps = [m.id for m in shown.document.maps()]
        step = max(1, len(maps) // args.switch)
        chosen = list(dict.fromkeys([*maps[step - 1 :: step][: args.switch], maps[0]]))
        switches: dict[int, list[Times]] = {map_id: [] for map_id in chosen}
        for run in range(args.repeat):
            if run:
                baselines.append(alone_paint(alone, timer))
            for map_id in chosen:
                switches[map_id].append(timer(f"switch {map_id}", partial(switch, shown, map_id)))
        baseline = median(baselines)
        show("open the project, first paint", opened, baseline)
        for map_id, samples in switches.items():
            show(f"switch to map {maps.index(map_id) + 1}", median(samples), baseline)
        finds = []
        found = ""
        for _ in range(args.repeat):
            finds.append(timer("find", partial(shown.find_bar.find_box.setText, WORD)))
            found = shown.find_bar.count.text()
            shown.find_bar.find_box.setText("")
        shown.close()
        floor = median([timer("sqlite find", partial(sqlite_find, big, maps[0])) for _ in finds])
        show(f"find “{WORD}”, shown map / LIKE", median(finds), floor, found)
        opening = median([timer("document open", partial(open_close, big)) for _ in finds])
        print(f"  {'Document.open (checks, check_all)':<40} {opening[0] * 1000:7.0f} ms")
        exports = [timer("json export", partial(cli_export, big)) for _ in finds]
        floor = median([timer("sqlite export", partial(sqlite_export, big)) for _ in finds])
        show("JSON export / sqlite3 rows + json", median(exports), floor)
    del app


if __name__ == "__main__":
    main()
