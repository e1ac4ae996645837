"""How much the store and the Document cost over plain sqlite3. Prints figures; never fails.

    .venv/bin/python bench/bench_store.py [--cards 10000] [--edits 200] [--repeat 5]

1. Opening a big project: Document.open (header, integrity and schema checks) plus
   reading every map's stages, lanes, cards and emotion points through the Document,
   against plain sqlite3 reading the same rows in the same process.
2. One edit: add_card and edit_card pushed through the Document (build the command,
   one transaction, commit, signals), against plain sqlite3 doing the same INSERT or
   UPDATE with a commit each, with the same pragmas (journal_mode=DELETE,
   synchronous=FULL). Both wait for the disk, so the ratio says what our layers add.
3. Another program's commit: what a window pays to check the file again as at its
   opening (`database.recheck`: identity, tables, content, quick_check) before it
   reloads, against plain sqlite3's `PRAGMA quick_check` alone.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's package

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import LaneKind
from journeyeditor.model.enums import CARDLESS_LANES
from journeyeditor.store import database, interchange

KINDS = [k.value for k in LaneKind if k is not LaneKind.IMAGE]
"""Every lane kind but pictures', so that the project has lanes of each kind."""
STAGES = LANES = 10
LANE_KINDS = [KINDS[n % len(KINDS)] for n in range(LANES)]
CARD_LANES = sum(kind not in CARDLESS_LANES for kind in LANE_KINDS)
"""How many of a map's lanes hold cards (not the emotion lane or the lanes of figures)."""


def big_project(cards: int) -> dict[str, Any]:
    """Interchange data: maps of 10 stages × 10 lanes with `cards` cards spread over them.

    Cards go only in lanes that hold cards: the importer refuses a card in a lane of
    figures, and the canvas shows none in an emotion lane.
    """
    maps_count = max(1, cards // 1000)
    per_cell, extra = divmod(cards, maps_count * STAGES * CARD_LANES)
    ids = {"stage": 0, "lane": 0, "card": 0, "emotion": 0}

    def new(kind: str) -> int:
        ids[kind] += 1
        return ids[kind]

    maps = []
    for m in range(maps_count):
        stages: list[dict[str, Any]] = [
            {"id": new("stage"), "name": f"Stage {s}"} for s in range(STAGES)
        ]
        lanes: list[dict[str, Any]] = [
            {"id": new("lane"), "name": f"Lane {n}", "kind": kind}
            for n, kind in enumerate(LANE_KINDS)
        ]
        cells = [
            (s["id"], lane["id"])
            for s in stages
            for lane in lanes
            if lane["kind"] not in CARDLESS_LANES
        ]
        card_list = []
        for c, (stage, lane) in enumerate(cells):
            count = per_cell + (m * len(cells) + c < extra)  # the rest, one to a cell
            card_list += [
                {
                    "id": new("card"),
                    "stage": stage,
                    "lane": lane,
                    "text": f"Card {k} of cell {stage}/{lane}: some words a person wrote",
                    "votes": k % 4,
                }
                for k in range(count)
            ]
        emotion_lanes = [lane["id"] for lane in lanes if lane["kind"] == "emotion"]
        emotions = [
            {"id": new("emotion"), "lane": lane, "stage": s["id"], "value": (s["id"] % 5) - 2}
            for lane in emotion_lanes
            for s in stages
        ]
        maps.append(
            {
                "id": m + 1,
                "name": f"Map {m + 1}",
                "stages": stages,
                "lanes": lanes,
                "cards": card_list,
                "emotions": emotions,
            }
        )
    return {"format": interchange.FORMAT, "version": interchange.VERSION, "maps": maps}


def write(path: Path, data: dict[str, Any]) -> None:
    """The .journey file of `data`, written through the importer's plan in one transaction."""
    database.create_file(path, interchange.populate_from(interchange.plan_import(data, "bench")))


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(repeat: int, action: Callable[[], Any]) -> float:
    return statistics.median(timed(action) for _ in range(repeat))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# 1. Opening


def open_with_document(path: Path) -> int:
    document = Document.open(path)
    try:
        rows = 0
        for journey_map in document.maps():
            rows += len(document.stages(journey_map.id)) + len(document.lanes(journey_map.id))
            rows += len(document.cards(journey_map.id))
            rows += len(document.emotion_points(journey_map.id))
        return rows
    finally:
        document.close()


def open_with_sqlite(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        rows = 0
        maps = connection.execute("SELECT * FROM journey_map ORDER BY position").fetchall()
        for journey_map in maps:
            map_id = journey_map[0]
            rows += len(
                connection.execute(
                    "SELECT * FROM stage WHERE map_id = ? ORDER BY position", (map_id,)
                ).fetchall()
            )
            rows += len(
                connection.execute(
                    "SELECT * FROM lane WHERE map_id = ? ORDER BY position", (map_id,)
                ).fetchall()
            )
            rows += len(
                connection.execute(
                    "SELECT card.* FROM card JOIN stage ON stage.id = card.stage_id "
                    "WHERE stage.map_id = ? ORDER BY card.stage_id, card.lane_id, card.position",
                    (map_id,),
                ).fetchall()
            )
            rows += len(
                connection.execute(
                    "SELECT emotion_point.* FROM emotion_point "
                    "JOIN stage ON stage.id = emotion_point.stage_id WHERE stage.map_id = ?",
                    (map_id,),
                ).fetchall()
            )
        return rows
    finally:
        connection.close()


# 2. Edits


def document_edits(path: Path, count: int) -> dict[str, list[float]]:
    document = Document.open(path)
    try:
        journey_map = document.maps()[0]
        stages = document.stages(journey_map.id)
        lane = document.lanes(journey_map.id)[0]
        added: list[int] = []
        build_and_push: list[float] = []
        push_only: list[float] = []
        for n in range(count):
            start = time.perf_counter()
            command = edits.add_card(document, stages[n % len(stages)].id, lane.id, text=f"b{n}")
            middle = time.perf_counter()
            assert document.push(command)
            end = time.perf_counter()
            build_and_push.append(end - start)
            push_only.append(end - middle)
            added.append(command.operations[0].values["id"])  # type: ignore[attr-defined]
        edit_build_and_push: list[float] = []
        for n, card_id in enumerate(added):
            start = time.perf_counter()
            assert document.push(edits.edit_card(document, card_id, text=f"edited {n}"))
            edit_build_and_push.append(time.perf_counter() - start)
        return {
            "add_card (build + push)": build_and_push,
            "add_card (push only)": push_only,
            "edit_card (build + push)": edit_build_and_push,
        }
    finally:
        document.close()


def sqlite_edits(path: Path, count: int) -> dict[str, list[float]]:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        map_id = connection.execute("SELECT id FROM journey_map ORDER BY position").fetchone()[0]
        stages = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM stage WHERE map_id = ? ORDER BY position", (map_id,)
            )
        ]
        lane = connection.execute(
            "SELECT id FROM lane WHERE map_id = ? ORDER BY position", (map_id,)
        ).fetchone()[0]
        created = dt.datetime.now().isoformat(timespec="seconds")  # as edits.add_card writes it
        inserts: list[float] = []
        added: list[int] = []
        for n in range(count):
            start = time.perf_counter()
            stage = stages[n % len(stages)]
            connection.execute("BEGIN IMMEDIATE")
            position = connection.execute(
                "SELECT count(*) FROM card WHERE stage_id = ? AND lane_id = ?", (stage, lane)
            ).fetchone()[0]
            cursor = connection.execute(
                "INSERT INTO card (stage_id, lane_id, position, text, votes, evidence, created) "
                "VALUES (?, ?, ?, ?, 0, 'assumption', ?)",
                (stage, lane, position, f"s{n}", created),
            )
            connection.execute("COMMIT")
            inserts.append(time.perf_counter() - start)
            assert cursor.lastrowid is not None
            added.append(cursor.lastrowid)
        updates: list[float] = []
        for n, card_id in enumerate(added):
            start = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE card SET text = ? WHERE id = ?", (f"edited {n}", card_id))
            connection.execute("COMMIT")
            updates.append(time.perf_counter() - start)
        return {"INSERT + commit": inserts, "UPDATE + commit": updates}
    finally:
        connection.close()


def recheck_times(path: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of `database.recheck` on an open file, and of a plain quick_check."""
    journey = database.open_file(path)
    plain = sqlite3.connect(path)
    try:
        ours = median_of(repeat, lambda: database.recheck(path, journey.raw))
        bare = median_of(repeat, lambda: plain.execute("PRAGMA quick_check").fetchall())
    finally:
        plain.close()
        journey.close()
    return ours, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", help="where to put the files (default: a temporary one)")
    args = parser.parse_args(argv)

    folder = Path(args.folder or tempfile.mkdtemp(prefix="journey-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        path = folder / "big.journey"
        path.unlink(missing_ok=True)
        data = big_project(args.cards)
        built = timed(lambda: write(path, data))
        size = path.stat().st_size
        cards = sum(len(m["cards"]) for m in data["maps"])
        print(f"Project: {len(data['maps'])} maps, {cards} cards, {size / 1e6:.1f} MB")
        print(f"  built through the interchange plan in {built * 1000:.0f} ms")
        print(f"  folder: {folder} (on {os.statvfs(folder).f_bsize}-byte blocks)")
        print()

        rows = open_with_document(path)
        assert rows == open_with_sqlite(path), "both ways must read the same rows"
        ours = median_of(args.repeat, lambda: open_with_document(path))
        plain = median_of(args.repeat, lambda: open_with_sqlite(path))
        checks = median_of(args.repeat, lambda: Document.open(path).close())
        print(f"Open and read all {rows} rows (median of {args.repeat})")
        print(f"  Document.open + reads   {ours * 1000:8.1f} ms")
        print(f"    of which Document.open alone (checks) {checks * 1000:.1f} ms")
        print(f"  plain sqlite3           {plain * 1000:8.1f} ms")
        print(f"  ratio                   {ours / plain:8.1f} ×")
        print()

        ours_copy, plain_copy = folder / "ours.journey", folder / "plain.journey"
        shutil.copyfile(path, ours_copy)
        shutil.copyfile(path, plain_copy)
        ours_times = document_edits(ours_copy, args.edits)
        plain_times = sqlite_edits(plain_copy, args.edits)
        print(f"One edit, {args.edits} times (journal_mode=DELETE, synchronous=FULL)")
        print(f"  {'':28}{'median':>10}{'p95':>10}")
        for name, values in [*ours_times.items(), *plain_times.items()]:
            median, p95 = statistics.median(values), percentile(values, 0.95)
            print(f"  {name:28}{median * 1000:8.2f}ms{p95 * 1000:8.2f}ms")
        for ours_name, plain_name in [
            ("add_card (build + push)", "INSERT + commit"),
            ("edit_card (build + push)", "UPDATE + commit"),
        ]:
            ratio = statistics.median(ours_times[ours_name]) / statistics.median(
                plain_times[plain_name]
            )
            print(f"  ratio {ours_name} / {plain_name}: {ratio:.1f} ×")
        print()
        ours, plain = recheck_times(path, args.repeat)
        print(f"Another program committed: the file checked again (median of {args.repeat})")
        print(f"  database.recheck        {ours * 1000:8.1f} ms")
        print(f"  plain PRAGMA quick_check {plain * 1000:7.1f} ms")
        print(f"  ratio                   {ours / plain:8.1f} ×")
    finally:
        if not args.folder:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
