"""The Document's own share of the four canvas edits, with no scene listening, beside
plain sqlite3 writing the same rows (ratio = ours ÷ sqlite3).

    python bench/bench_edits.py [--cards 2000 10000] [--repeat 30] [--folder /dev/shm]

Each edit is built by its edits function and pushed (read the rows it needs, run its
operations, check the rows it wrote, commit, emit its notices), as the canvas does it:
a card moved to the top of the next stage, a card added at the top of a cell, a card's
text changed, an emotion point set one level up or down. The sqlite3 baseline writes the
same rows with the least SQL (the row itself, given a key below its new cell's first:
cards are ordered by keys with gaps, editing/order_keys.py) in a write transaction with
the editor's journal mode and `synchronous=FULL`, and checks nothing. Prints wall
and CPU milliseconds (median, p95) and both ratios (CPU time is what this process spent,
which other work on the machine slows less than the wall clock); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication

from bench.projects import make_project
from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document

Edit = Callable[[int], Callable[[], object]]
"""Given the repeat's number, reads what the edit needs (untimed) and returns the edit."""


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(action: Edit, count: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of the edits `action(n)` gives for n in 0…count-1,
    after two warm-ups."""
    for n in range(2):
        action(n)()
    wall: list[float] = []
    cpu: list[float] = []
    for n in range(count):
        edit = action(n)
        start, start_cpu = time.perf_counter(), time.process_time()
        edit()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


TOP = "SELECT coalesce(min(position), 0) - 1 FROM card WHERE stage_id = ? AND lane_id = ?"
"""A key before a cell's first card (the baseline's files are never opened again)."""


def places(connection: sqlite3.Connection) -> tuple[list[int], int, int, int, int]:
    """Stage ids in order, the first card lane, the first text lane, the emotion lane and
    its map (the bench project's layout, bench/projects.py)."""
    stages = [row[0] for row in connection.execute("SELECT id FROM stage ORDER BY position")]
    lanes = list(connection.execute("SELECT id, kind, map_id FROM lane ORDER BY position"))
    first = next(lane for lane, kind, _ in lanes if kind not in ("emotion", "funnel", "survey"))
    text = next(lane for lane, kind, _ in lanes if kind == "text")
    emotion = next(lane for lane, kind, _ in lanes if kind == "emotion")
    return stages, first, text, emotion, lanes[0][2]


def ours(path: Path, count: int) -> dict[str, tuple[list[float], list[float]]]:
    with sqlite3.connect(path) as connection:
        stages, first, text_lane, emotion_lane, _ = places(connection)
    document = Document.open(path)
    document.committed.connect(lambda: None)

    def pushing(build: Callable[[], EditCommand]) -> Callable[[], object]:
        def run() -> None:
            if not document.push(build()):
                raise RuntimeError("the edit was refused")

        return run

    def move(n: int) -> Callable[[], object]:
        stage = stages[n % len(stages)]
        card_id = document.cell_ids(stage, first)[0]
        target = stages[(n + 1) % len(stages)]
        return pushing(lambda: edits.move_cards(document, [card_id], target, first, 0))

    def add(n: int) -> Callable[[], object]:
        fields = {"text": f"new card {n}", "created": edits.stamp()}
        return pushing(lambda: edits.add_card(document, stages[0], text_lane, 0, **fields))

    card_id = document.cell_ids(stages[0], text_lane)[-1]

    def text(n: int) -> Callable[[], object]:
        words = "edited " * (1 + 12 * (n % 3)) + str(n)
        return pushing(lambda: edits.edit_card(document, card_id, text=words))

    def emotion(n: int) -> Callable[[], object]:
        stage = stages[n % len(stages)]
        point = document.emotion_point(emotion_lane, stage)
        assert point is not None
        value = point.value - 1 if point.value > -2 else point.value + 1
        return pushing(lambda: edits.set_emotion(document, emotion_lane, stage, value))

    figures = {
        name: measure(action, count)
        for name, action in (("card move", move), ("card add", add), ("text edit", text))
    }
    figures["emotion drag"] = measure(emotion, count)
    document.close()
    return figures


def raw(path: Path, count: int) -> dict[str, tuple[list[float], list[float]]]:
    """The same rows written with plain sqlite3, in a write transaction each."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    stages, first, text_lane, emotion_lane, _ = places(connection)
    next_id = connection.execute("SELECT max(id) FROM card").fetchone()[0]

    def write(*statements: tuple[str, tuple[object, ...]]) -> Callable[[], object]:
        def run() -> None:
            connection.execute("BEGIN IMMEDIATE")
            for sql, params in statements:
                connection.execute(sql, params)
            connection.execute("COMMIT")

        return run

    def move(n: int) -> Callable[[], object]:
        stage, target = stages[n % len(stages)], stages[(n + 1) % len(stages)]
        card_id = connection.execute(
            "SELECT id FROM card WHERE stage_id = ? AND lane_id = ? ORDER BY position LIMIT 1",
            (stage, first),
        ).fetchone()[0]
        return write(
            (
                f"UPDATE card SET stage_id = ?, position = ({TOP}) WHERE id = ?",
                (target, target, first, card_id),
            )
        )

    def add(n: int) -> Callable[[], object]:
        nonlocal next_id
        next_id += 1
        return write(
            (
                "INSERT INTO card (id, stage_id, lane_id, position, text, votes, evidence, "
                f"created) VALUES (?, ?, ?, ({TOP}), ?, 0, 'assumption', '2026-11-30T00:00:00Z')",
                (next_id, stages[0], text_lane, stages[0], text_lane, f"new card {n}"),
            )
        )

    card_id = connection.execute(
        "SELECT id FROM card WHERE stage_id = ? AND lane_id = ? ORDER BY position DESC LIMIT 1",
        (stages[0], text_lane),
    ).fetchone()[0]

    def text(n: int) -> Callable[[], object]:
        words = "edited " * (1 + 12 * (n % 3)) + str(n)
        return write(("UPDATE card SET text = ? WHERE id = ?", (words, card_id)))

    def emotion(n: int) -> Callable[[], object]:
        stage = stages[n % len(stages)]
        return write(
            (
                "UPDATE emotion_point SET value = CASE WHEN value > -2 THEN value - 1 "
                "ELSE value + 1 END WHERE lane_id = ? AND stage_id = ?",
                (emotion_lane, stage),
            )
        )

    figures = {
        name: measure(action, count)
        for name, action in (
            ("card move", move),
            ("card add", add),
            ("text edit", text),
            ("emotion drag", emotion),
        )
    }
    connection.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--folder",
        help="where the project files go (the system's temporary folder by default); "
        "a tmpfs such as /dev/shm leaves the disk's flushes out",
    )
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-edits-", dir=args.folder))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores: above 1 other work shares them)")
    print(
        f"{'cards':>6}  {'edit':<13} {'ours ms (p95)':>15} {'cpu':>6} "
        f"{'sqlite3 ms (p95)':>17} {'cpu':>6} {'ratio':>7} {'cpu':>6}"
    )
    for count in args.cards:
        path = make_project(folder / f"{count}.journey", count)
        mine = ours(path, args.repeat)
        base = raw(path, args.repeat)
        for name, (wall, cpu) in mine.items():
            bare_wall, bare_cpu = base[name]
            median, bare_median = statistics.median(wall), statistics.median(bare_wall)
            spent, bare_spent = statistics.median(cpu), statistics.median(bare_cpu)
            print(
                f"{count:>6}  {name:<13} {median:>7.2f} ({p95(wall):>5.2f}) "
                f"{spent:>6.2f} {bare_median:>9.2f} ({p95(bare_wall):>5.2f}) "
                f"{bare_spent:>6.2f} {median / bare_median:>6.1f}× {spent / bare_spent:>5.1f}×"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
