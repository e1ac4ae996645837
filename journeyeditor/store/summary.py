"""What `journeyeditor info` tells about a file: its maps with their stages, lanes and
counts, read by a few SQL queries on the checked connection.

The interchange export would give the same figures, but it reads and converts every
card (most of `info` on a large map) and needs SQLAlchemy; these queries count in SQLite
and read in the export's order (tests/unit/test_summary.py compares the two).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

RUN_KEYS = ("kind", "imported", "source", "rows", "bad_rows")


def _by_map(raw: sqlite3.Connection, sql: str) -> dict[int, list[tuple[Any, ...]]]:
    """Rows whose first column is a map id, grouped by it, in the query's order."""
    found: dict[int, list[tuple[Any, ...]]] = {}
    for map_id, *rest in raw.execute(sql):
        found.setdefault(map_id, []).append(tuple(rest))
    return found


def _counts(raw: sqlite3.Connection, table: str) -> Counter[int]:
    """Rows of `table` (cards or emotion points) per map, through their stage."""
    sql = f"SELECT s.map_id, count(*) FROM {table} AS t JOIN stage AS s ON s.id = t.stage_id"
    return Counter(dict(raw.execute(sql + " GROUP BY s.map_id").fetchall()))


def project_summary(raw: sqlite3.Connection) -> dict[str, Any]:
    """The project's name, language, personas, departments and maps, read in one
    transaction (one snapshot, whoever writes meanwhile)."""
    raw.execute("BEGIN")
    try:
        name, language = raw.execute("SELECT name, language FROM project").fetchone()
        personas = raw.execute("SELECT id, name FROM persona ORDER BY position").fetchall()
        departments = raw.execute("SELECT name FROM department ORDER BY position").fetchall()
        maps = raw.execute(
            "SELECT id, name, state, persona_id FROM journey_map ORDER BY position, id"
        ).fetchall()
        stages = _by_map(raw, "SELECT map_id, name FROM stage ORDER BY map_id, position")
        lanes = _by_map(raw, "SELECT map_id, name, kind FROM lane ORDER BY map_id, position")
        runs = _by_map(
            raw, f"SELECT map_id, {', '.join(RUN_KEYS)} FROM measure_run ORDER BY map_id, id"
        )
        cards, emotions = _counts(raw, "card"), _counts(raw, "emotion_point")
    finally:
        raw.execute("ROLLBACK")
    persona_names = dict(personas)
    return {
        "project": name,
        "language": language,
        "personas": [persona for _id, persona in personas],
        "departments": [department for (department,) in departments],
        "cards": sum(cards.values()),
        "maps": [
            {
                "name": map_name,
                "state": state,
                "persona": persona_names.get(persona_id),
                "stages": [stage for (stage,) in stages.get(map_id, [])],
                "lanes": [{"name": lane, "kind": kind} for lane, kind in lanes.get(map_id, [])],
                "cards": cards[map_id],
                "emotion_points": emotions[map_id],
                "runs": [dict(zip(RUN_KEYS, run, strict=True)) for run in runs.get(map_id, [])],
            }
            for map_id, map_name, state, persona_id in maps
        ],
    }
