"""The JSON export read through sqlite3 (store/interchange_export.py) writes, byte for
byte, the text the export wrote before through SQLAlchemy (tests/helpers/old_export.py):
on every template, a big generated project, a project of odd values (measurement runs,
an event mapping, votes, pictures as base64, unusual text and floats, positions against
ids), the hostile corpus's accepted files (WAL ones through a private copy), and every
older schema's fixture migrated in memory; and through the Document too, inside its
session's transaction.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile.base import base_project
from hostile.corpus import all_cases
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing.document import Document
from journeyeditor.model import limits
from journeyeditor.store import database, interchange, interchange_export, schema, templates

from helpers.old_export import old_export_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.projects import make_project  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
ODD_TEXT = (
    'Zoë 🙂 e\u0301 \u202eàl’envers\u202c \u2028 \u2029 line\nbreak "quoted" back\\slash'
    " \ttab \x01\x1f\x7f \ufeff 你好 𝄞"
)


def assert_same_export(path: Path) -> None:
    """Today's export of `path` (opened read-only with every check) is the old text."""
    journey = database.open_file(path, read_only=True)
    try:
        new = interchange_export.export_text(journey.raw)
        old = old_export_text(journey.engine)
    finally:
        journey.close()
    if new != old:
        lines = zip(new.splitlines(), old.splitlines(), strict=False)
        first = next((n, a, b) for n, (a, b) in enumerate(lines, 1) if a != b)
        pytest.fail(f"line {first[0]}: new {first[1]!r}, old {first[2]!r}")


def odd_project() -> dict[str, Any]:
    """The hostile base (pictures, snapshot, votes, mapping, runs), with odd text and
    floats everywhere they may go, and positions running against ids."""
    data = base_project()
    first = data["maps"][0]
    for index, card in enumerate(first["cards"]):
        card["text"] = f"{ODD_TEXT} {index}"
    metric = next(lane["id"] for lane in first["lanes"] if lane["kind"] == "metric")
    extremes = (0.1, 1e-7, -123456789.125, limits.NUMBER_MAX_ABS, -0.0, 2.0**-1074, 1 / 3)
    for index, card in enumerate(c for c in first["cards"] if c["lane"] == metric):
        card.update(
            value=extremes[index % len(extremes)],
            target=-extremes[(index + 1) % len(extremes)],
            target_low=extremes[(index + 2) % len(extremes)],
            baseline=7,
            unit="€/m²",
            period="2026-Q4",
            direction="lower",
        )
    touch = next(lane["id"] for lane in first["lanes"] if lane["kind"] == "touchpoint")
    stages = [stage["id"] for stage in first["stages"]]
    first["mapping"]["segments"] = ["channel", "région ✓", ODD_TEXT[:20]]
    first["mapping"]["stages"] = [
        {
            "stage": stages[0],
            "events": ["ad *", "visit*", "é*"],
            "touchpoints": [card["id"] for card in first["cards"] if card["lane"] == touch][:3],
        },
        {"stage": stages[2], "events": ["buy"]},
    ]
    first["lanes"].append({"id": 2000, "name": "Ressenti", "kind": "emotion", "height": 150.25})
    first["emotions"] += [
        {"id": 5000 + n, "lane": 2000, "stage": stage, "value": n % 5 - 2, "note": ODD_TEXT}
        for n, stage in enumerate(stages)
    ]
    first["stages"][0]["width"] = 240.5
    first["lanes"][0]["height"] = 123.456
    first["description"] = ODD_TEXT
    data["project"]["name"] = ODD_TEXT[:40]
    data["personas"][0].update(quote=ODD_TEXT, age=None)
    for key in ("stages", "lanes"):
        for journey in data["maps"]:
            journey[key].reverse()
    data["maps"].reverse()
    data["personas"].reverse()
    return data


REVERSED = {
    "card": "stage_id, lane_id",
    "stage_pattern": "stage_id",
    "stage_touchpoint": "stage_id",
    "mapping_segment": "map_id",
}
"""Tables whose rows an import numbers in id order, and their containers."""


def make_odd(path: Path) -> Path:
    """The odd project, its rows of REVERSED then placed against their ids."""
    plan = interchange.plan_import(odd_project(), path)
    database.create_file(path, interchange.populate_from(plan))
    raw = sqlite3.connect(path)
    with raw:
        for table, container in REVERSED.items():
            rows = raw.execute(f"SELECT id, {container}, position FROM {table}").fetchall()
            last: dict[tuple[Any, ...], int] = {}
            for _id, *group, position in rows:
                last[tuple(group)] = max(last.get(tuple(group), 0), position)
            raw.executemany(
                f"UPDATE {table} SET position = ? WHERE id = ?",
                [(last[tuple(group)] - position, row_id) for row_id, *group, position in rows],
            )
    raw.close()
    database.check_file(path)  # still a sound file
    return path


@pytest.mark.parametrize("template", templates.template_ids())
@pytest.mark.parametrize("language", templates.LANGUAGES)
def test_every_template(template: str, language: str, tmp_path: Path) -> None:
    path = tmp_path / "t.journey"
    database.create_file(
        path, interchange.populate_from(templates.template_plan(template, language))
    )
    assert_same_export(path)


def test_a_big_generated_project(tmp_path: Path) -> None:
    assert_same_export(make_project(tmp_path / "big.journey", 3000))


def test_odd_values(tmp_path: Path) -> None:
    path = make_odd(tmp_path / "odd.journey")
    data = json.loads(_export(path))
    first = data["maps"][-1]
    assert first["runs"] and first["mapping"]["stages"] and first["ballots"][0]["votes"]
    assert data["images"][0]["data"] and data["snapshots"]  # what the comparison covers
    assert_same_export(path)


@pytest.mark.parametrize(
    "case", [case for case in all_cases() if not case.refused], ids=lambda case: case.id
)
def test_accepted_hostile_files(case: Any, tmp_path: Path) -> None:
    assert_same_export(case.build(tmp_path))


@pytest.mark.parametrize("version", range(1, schema.LATEST_VERSION + 1))
def test_every_schema_fixture_older_ones_migrated_in_memory(version: int, tmp_path: Path) -> None:
    path = tmp_path / "old.journey"
    shutil.copyfile(FIXTURES / f"schema_v{version}.journey", path)
    assert_same_export(path)


def test_the_document_exports_the_same_inside_its_session(
    tmp_path: Path, qapp: QCoreApplication
) -> None:
    del qapp
    path = make_odd(tmp_path / "odd.journey")
    old = _export(path, old=True)
    document = Document.open(path)
    try:
        document.cards(document.maps()[0].id)  # a read the session may leave open
        assert document.export_json() == old
        assert document.export_json() == old  # and again, the read ended
    finally:
        document.close()


def _export(path: Path, old: bool = False) -> str:
    journey = database.open_file(path, read_only=True)
    try:
        if old:
            return old_export_text(journey.engine)
        return interchange_export.export_text(journey.raw)
    finally:
        journey.close()
