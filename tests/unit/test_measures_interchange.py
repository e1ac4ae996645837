"""Measurements in the JSON interchange: a v4 project's mapping and runs survive an export
and an import byte for byte, and the import refuses (naming the place) what the file check
would refuse."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from journeyeditor.store import database, interchange
from journeyeditor.store.errors import BadInterchangeError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v4.journey"


def exported(path: Path) -> str:
    journey = database.open_file(path, read_only=True)
    try:
        return interchange.export_text(journey.raw)
    finally:
        journey.close()


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(exported(FIXTURE))
    return loaded


def test_round_trip_is_byte_identical(data: dict[str, Any], tmp_path: Path) -> None:
    text = interchange.dumps(data)
    first = data["maps"][0]
    assert first["mapping"]["segments"] == ["channel"] and len(first["runs"]) == 2
    assert [f["segment"] for f in first["runs"][0]["funnel"]] == [None, None, "web", ""]
    target = tmp_path / "again.journey"
    database.create_file(target, interchange.populate_from(interchange.plan_import(data)))
    assert exported(target) == text


def _refused(data: dict[str, Any], change: Any) -> str:
    changed = copy.deepcopy(data)
    change(changed["maps"][0])
    with pytest.raises(BadInterchangeError) as raised:
        interchange.plan_import(changed)
    return str(raised.value)


def _funnel_lane(m: dict[str, Any]) -> int:
    return int(next(lane["id"] for lane in m["lanes"] if lane["kind"] == "funnel"))


CASES = {
    "card on a lane of figures": (
        lambda m: m["cards"][0].update(lane=_funnel_lane(m)),
        "maps[0].cards[0].lane: is a lane of figures",
    ),
    "funnel figures on a survey run": (
        lambda m: m["runs"][1].update(funnel=[{"stage": 1}]),
        "maps[0].runs[1].funnel: figures of a run that is not of events",
    ),
    "a figure twice": (
        lambda m: m["runs"][0]["funnel"].append(dict(m["runs"][0]["funnel"][0])),
        "maps[0].runs[0].funnel[4]: a second figure for the same stage and segment",
    ),
    "a figure at another map's stage": (
        lambda m: m["runs"][0]["funnel"][0].update(stage=999),
        "maps[0].runs[0].funnel[0].stage: names a missing stage",
    ),
    "more bad rows than rows": (
        lambda m: m["runs"][0].update(bad_rows=m["runs"][0]["rows"] + 1),
        "maps[0].runs[0].bad_rows: is more than rows",
    ),
    "an unknown run kind": (
        lambda m: m["runs"][0].update(kind="rumours"),
        "maps[0].runs[0].kind: must be one of events, survey",
    ),
    "a negative count": (
        lambda m: m["runs"][0]["funnel"][0].update(reached=-1),
        "maps[0].runs[0].funnel[0].reached: must be between",
    ),
    "an effort off the scale": (
        lambda m: m["runs"][1]["survey"][0].update(effort_mean=11.0),
        "maps[0].runs[1].survey[0].effort_mean: must be between",
    ),
    "an id on a figure": (
        lambda m: m["runs"][0]["funnel"][0].update(id=5),
        "maps[0].runs[0].funnel[0]: unknown field 'id'",
    ),
    "an empty event name": (
        lambda m: m["mapping"]["stages"][0]["events"].append(""),
        "maps[0].mapping.stages[0].events[2]: must not be empty",
    ),
    "a touchpoint that is no card": (
        lambda m: m["mapping"]["stages"][0]["touchpoints"].append(424242),
        "maps[0].mapping.stages[0].touchpoints[1]: names a missing card",
    ),
    "a mapping stage twice": (
        lambda m: m["mapping"]["stages"].append(dict(m["mapping"]["stages"][0])),
        "maps[0].mapping.stages[2].stage: is listed twice",
    ),
    "segments not a list": (
        lambda m: m["mapping"].update(segments="channel"),
        "maps[0].mapping.segments: must be a list",
    ),
    "a mapping that is no object": (
        lambda m: m.update(mapping=[1]),
        "maps[0].mapping: must be an object or null",
    ),
    "too many runs of one kind": (
        lambda m: m.update(
            runs=[
                {"id": 100 + n, "kind": "survey", "imported": "2026-11-30T09:00:00Z"}
                for n in range(51)
            ]
        ),
        "maps[0].runs[50]: more than 50 runs of one kind",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_import_refuses_what_the_file_check_refuses(data: dict[str, Any], case: str) -> None:
    change, message = CASES[case]
    assert message in _refused(data, change)
