"""`info`'s summary, read by a few SQL queries, says what the interchange export says:
the same names, counts and runs, in the same order (maps, personas, departments, stages
and lanes by position, not by id)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from journeyeditor.store import database, interchange
from journeyeditor.store.summary import project_summary


def _from_export(data: dict[str, Any]) -> dict[str, Any]:
    """The summary as `info` made it from the whole interchange export."""
    personas = {p["id"]: p["name"] for p in data["personas"]}
    return {
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
                "runs": [
                    {key: run[key] for key in ("kind", "imported", "source", "rows", "bad_rows")}
                    for run in m["runs"]
                ],
            }
            for m in data["maps"]
        ],
    }


def _both(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    journey = database.open_file(path, read_only=True)
    try:
        ours = project_summary(journey.raw)
        expected = _from_export(interchange.export_project(journey.raw))
    finally:
        journey.close()
    return ours, expected


def _reverse(path: Path, table: str) -> None:
    """Reverse the positions of `table`'s rows in each container, so id order differs."""
    container = "map_id" if table in ("stage", "lane") else "0"
    with sqlite3.connect(path) as raw:
        rows = raw.execute(f"SELECT id, {container}, position FROM {table}").fetchall()
        for row_id, group, position in rows:
            last = max(p for _i, g, p in rows if g == group)
            raw.execute(f"UPDATE {table} SET position = ? WHERE id = ?", (last - position, row_id))
    raw.close()


def test_the_sample_reads_as_the_export_does(sample_file: Path) -> None:
    ours, expected = _both(sample_file)
    assert ours == expected
    assert any(m["runs"] for m in ours["maps"]) and ours["cards"] > 100


@pytest.mark.parametrize("table", ["journey_map", "persona", "department", "stage", "lane"])
def test_positions_not_ids_give_the_order(sample_file: Path, table: str) -> None:
    _reverse(sample_file, table)
    database.check_file(sample_file)  # positions still 0…n-1: a sound file
    ours, expected = _both(sample_file)
    assert ours == expected


def test_an_empty_map_and_a_map_without_persona(sample_file: Path) -> None:
    with sqlite3.connect(sample_file) as raw:
        raw.execute("UPDATE journey_map SET persona_id = NULL WHERE position = 0")
        raw.execute(
            "INSERT INTO journey_map (id, position, name, persona_id, segment, state, description)"
            " VALUES (99, (SELECT count(*) FROM journey_map), 'Empty', NULL, '', 'ideal', '')"
        )
    raw.close()
    database.check_file(sample_file)
    ours, expected = _both(sample_file)
    assert ours == expected
    assert ours["maps"][0]["persona"] is None
    assert ours["maps"][-1] == {
        "name": "Empty",
        "state": "ideal",
        "persona": None,
        "stages": [],
        "lanes": [],
        "cards": 0,
        "emotion_points": 0,
        "runs": [],
    }
