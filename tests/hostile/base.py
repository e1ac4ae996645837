"""The base file every hostile case starts from, and the shape of its tables.

The base is the sample project plus a picture used as logo, persona photo and card image,
and a snapshot, made by the command line's own `import`, so that every table holds rows.
"""

from __future__ import annotations

import atexit
import base64
import functools
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyeditor.store import templates

from . import sqlite_edits as sql
from .children import journeyeditor_argv, run_checked
from helpers.projects import png_bytes

FILE_NAME = "hostile file.journey"


@dataclass(frozen=True)
class Case:
    """One hostile file: `build` makes it in an empty folder and returns the path to open."""

    id: str
    family: str
    build: Callable[[Path], Path]
    refused: bool = True


def base_project() -> dict[str, Any]:
    """The sample project, with a picture in every place one can go, and a snapshot."""
    data: dict[str, Any] = json.loads(
        templates.template_path("sample", "en").read_text(encoding="utf-8")
    )
    frozen = json.dumps(data, sort_keys=True)
    picture = base64.b64encode(png_bytes(8, 6, "teal")).decode("ascii")
    data["images"] = [{"id": 1, "format": "PNG", "width": 8, "height": 6, "data": picture}]
    data["project"]["logo_image"] = 1
    data["personas"][0]["photo_image"] = 1
    first = data["maps"][0]
    first["lanes"].append(
        {"id": 1000, "name": "Pictures", "kind": "image", "color": "#f4f4f4", "height": 130.0}
    )
    first["cards"].append(
        {"id": 1000, "stage": first["stages"][0]["id"], "lane": 1000, "text": "Shop", "image": 1}
    )
    data["snapshots"] = [
        {"id": 1, "name": "Before", "created": "2026-01-01T00:00:00", "data": frozen}
    ]
    workshop(data)
    measures(data)
    return data


def measures(data: dict[str, Any]) -> None:
    """A funnel and a survey lane, an event mapping and two runs with figures (schema 4),
    and a saved survey mapping (schema 5: the columns of runner.measure_inputs' survey),
    so that every measurement table has rows for the hostile values to go into."""
    first = data["maps"][0]
    stages = [stage["id"] for stage in first["stages"]]
    touch = next(lane["id"] for lane in first["lanes"] if lane["kind"] == "touchpoint")
    card = next(card["id"] for card in first["cards"] if card["lane"] == touch)
    lane = 1 + max(lane["id"] for m in data["maps"] for lane in m["lanes"])
    run = 1 + max((r["id"] for m in data["maps"] for r in m.get("runs", [])), default=0)
    first["lanes"] += [
        {"id": lane, "name": "Funnel", "kind": "funnel", "color": "#eef6f8", "height": 140.0},
        {"id": lane + 1, "name": "Survey", "kind": "survey", "color": "#fbf5ea", "height": 140.0},
    ]
    first["mapping"] = {
        "customer": "client",
        "time": "at",
        "event": "what",
        "segments": ["channel"],
        "stages": [{"stage": stages[0], "events": ["ad *", "visit*"], "touchpoints": [card]}],
    }
    first["survey_mapping"] = {
        "stage": "stage",
        "nps": "nps",
        "effort": "effort",
        "text": "comment",
        "answered": None,
        "segment": None,
        "effort_low": 1.0,
        "effort_high": 7.0,
    }
    first["runs"] = [
        {
            "id": run,
            "kind": "events",
            "imported": "2026-11-30T09:00:00Z",
            "source": "events.csv",
            "rows": 500,
            "bad_rows": 2,
            "segment_column": "channel",
            "funnel": [
                {"stage": stages[0], "segment": None, "customers": 90, "reached": 90},
                {
                    "stage": stages[1],
                    "segment": None,
                    "customers": 90,
                    "reached": 40,
                    "previous_reached": 90,
                    "from_previous": 35,
                    "timed": 35,
                    "median_seconds": 600.0,
                    "p90_seconds": 7200.0,
                },
                {"stage": stages[0], "segment": "", "customers": 10, "reached": 10},
            ],
        },
        {
            "id": run + 1,
            "kind": "survey",
            "imported": "2026-11-30T09:10:00Z",
            "source": "survey.csv",
            "rows": 60,
            "survey": [
                {
                    "stage": stages[1],
                    "segment": None,
                    "answers": 50,
                    "promoters": 20,
                    "passives": 20,
                    "detractors": 10,
                    "effort_answers": 40,
                    "effort_mean": 3.2,
                }
            ],
        },
    ]


def workshop(data: dict[str, Any]) -> None:
    """A department, two participants and a closed vote with two dots, so that every
    workshop table has rows for the hostile values (and swapped positions) to go into."""
    if not data["departments"]:
        data["departments"] = [{"id": 1, "name": "Support", "color": "#e07a5f"}]
    department = data["departments"][0]["id"]
    data["participants"] = [
        {"id": 1, "name": "Ada", "department": department},
        {"id": 2, "name": "Bea", "department": None},
    ]
    first = data["maps"][0]
    lane = next(lane["id"] for lane in first["lanes"] if lane["kind"] == "pain_point")
    card = next(card for card in first["cards"] if card["lane"] == lane)
    card.update(participant=1, created="2026-11-30T09:15:00Z", source="draft.journey")
    first["ballots"] = [
        {
            "id": 1,
            "allowance": 3,
            "is_open": False,
            "created": "2026-11-30T09:30:00Z",
            "lanes": [{"id": 1, "lane": lane}],
            "votes": [
                {"id": 1, "card": card["id"], "participant": 1},
                {"id": 2, "card": card["id"]},
            ],
        }
    ]


@functools.cache
def base_file() -> Path:
    """The base file, made once per process by `journeyeditor import`; never changed."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-base-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    source, target = folder / "base.json", folder / "base.journey"
    source.write_text(json.dumps(base_project()), encoding="utf-8")
    run_checked(journeyeditor_argv("import", str(source), "-o", str(target)))
    return target


def copy_base(folder: Path) -> Path:
    path = folder / FILE_NAME
    shutil.copyfile(base_file(), path)
    return path


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    declared: str
    not_null: bool
    rowid: bool  # INTEGER PRIMARY KEY: SQLite itself only stores integers there

    @property
    def affinity(self) -> str:
        """SQLite's column affinity rules (https://sqlite.org/datatype3.html 3.1)."""
        declared = self.declared.upper()
        if "INT" in declared:
            return "integer"
        if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
            return "text"
        if "BLOB" in declared or not declared:
            return "blob"
        if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
            return "real"
        return "numeric"

    @property
    def numeric(self) -> bool:
        return self.affinity in ("integer", "real", "numeric")

    def definition(self, declared: str | None = None, extra: str = "", null: bool = False) -> str:
        """This column's line in CREATE TABLE, with another type, clause or nullability."""
        not_null = " NOT NULL" if self.not_null and not null else ""
        return f"{self.name} {declared or self.declared}{extra}{not_null}"


@functools.cache
def columns() -> tuple[Column, ...]:
    """Every column of every table, as the base file declares it, table by table."""
    with sql.opened(base_file()) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found = []
        for table in tables:
            for _cid, name, declared, not_null, _default, pk, _hidden in connection.execute(
                f"PRAGMA table_xinfo({table})"
            ):
                rowid = bool(pk) and declared.upper() == "INTEGER"
                found.append(Column(table, name, declared, bool(not_null), rowid))
    return tuple(found)


def tables() -> list[str]:
    return sorted({column.table for column in columns()})


def foreign_keys() -> list[tuple[str, str, str]]:
    """(table, column, referenced table) for every foreign key of the base file."""
    with sql.opened(base_file()) as connection:
        return [
            (table, row[3], row[2])
            for table in tables()
            for row in connection.execute(f"PRAGMA foreign_key_list({table})")
        ]


# Cards carry every lane kind's fields: change a card whose lane shows the field.
CARD_KIND = {
    "severity": "pain_point",
    "owner": "opportunity",
    "priority": "opportunity",
    "value": "metric",
    "unit": "metric",
    "target": "metric",
    "direction": "metric",
    "target_low": "metric",
    "baseline": "metric",
    "period": "metric",
    "channel": "touchpoint",
    "owned": "touchpoint",
    "image_id": "image",
}


def target_row(table: str, column: str) -> str:
    """Which row a change to `column` goes to (a WHERE clause): the table's first row, or
    for a card field the first card of a lane kind that shows it."""
    if table == "card" and column in CARD_KIND:
        return (
            "rowid = (SELECT min(card.id) FROM card JOIN lane ON lane.id = card.lane_id"
            f" WHERE lane.kind = '{CARD_KIND[column]}')"
        )
    return f"rowid = (SELECT min(rowid) FROM {table})"


def edited(*statements: str, params: tuple[Any, ...] = ()) -> Callable[[Path], Path]:
    """A builder: the base file changed by plain SQL (the last statement takes `params`)."""

    def build(folder: Path) -> Path:
        path = copy_base(folder)
        for statement in statements[:-1]:
            sql.execute(path, statement)
        sql.execute(path, statements[-1], params)
        return path

    return build
