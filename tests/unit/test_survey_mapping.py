"""The survey mapping saved with a map (schema version 5): a real schema-4 file migrates
to it, a survey import saves its columns in its one undo step (undo gives back the
mapping saved before), deleting and duplicating a map keep it with the map, and the JSON
interchange carries it both ways and refuses what the file check refuses."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeyeditor.editing import edits, measures, survey_mapping
from journeyeditor.editing.document import Document
from journeyeditor.measure.sources import BadRows, SourceCheck
from journeyeditor.measure.survey import SurveyColumns, SurveyFigures, SurveyResult
from journeyeditor.model import SurveyMapping, limits
from journeyeditor.store import database, interchange, schema
from journeyeditor.store.errors import BadInterchangeError

from helpers.projects import sha256

FIXTURES = Path(__file__).parents[1] / "fixtures"
FRENCH = SurveyColumns(
    "Étape", "Note NPS", "Effort", "Commentaire", "Date de réponse", "Canal", (1.0, 5.0)
)
PLAIN = SurveyColumns("stage", "nps", "effort", "comment", None, None, (0.0, 10.0))


def _import(document: Document, columns: SurveyColumns | None) -> bool:
    """A survey import into the first map with one figure, saving `columns`."""
    map_id = document.maps()[0].id
    stage = str(document.stages(map_id)[0].id)
    result = SurveyResult(
        (SurveyFigures(stage, None, 40, 20, 10, 10, 30, 2.5),), (), SourceCheck(40, 40, BadRows())
    )
    command = measures.apply_survey(document, map_id, result, "survey.csv", columns=columns)
    return document.push(command)


def _saved(document: Document, map_id: int | None = None) -> SurveyColumns | None:
    return survey_mapping.saved_columns(document, map_id or document.maps()[0].id)


# Migration


def test_a_real_schema_4_file_migrates_to_the_latest_after_a_backup(tmp_path: Path) -> None:
    copy_path = tmp_path / "old.journey"
    shutil.copyfile(FIXTURES / "schema_v4.journey", copy_path)
    before = json.loads(_exported(copy_path))  # read-only: migrated in memory
    assert sha256(copy_path) == sha256(FIXTURES / "schema_v4.journey")
    journey = database.open_file(copy_path)
    try:
        assert journey.version == schema.LATEST_VERSION >= 5
        assert journey.raw.execute("PRAGMA user_version").fetchone() == (schema.LATEST_VERSION,)
        assert journey.raw.execute("SELECT count(*) FROM survey_mapping").fetchone() == (0,)
        assert journey.raw.execute("SELECT count(*) FROM event_mapping").fetchone() == (1,)
    finally:
        journey.close()
    backup = tmp_path / "old.v4.bak.journey"
    assert sha256(backup) == sha256(FIXTURES / "schema_v4.journey")
    kept, migrated = _rows(backup), _rows(copy_path)
    assert migrated.pop("survey_mapping") == [] and migrated.pop("alembic_version") == [
        (schema.revision_for(schema.LATEST_VERSION),)
    ]
    assert kept.pop("alembic_version") == [("0004",)]
    assert migrated == kept, "every row of schema 4 is kept as it was"
    assert database.check_file(copy_path) == []
    after = json.loads(_exported(copy_path))
    assert after == before and "survey_mapping" not in after["maps"][0]
    document = Document.open(copy_path)
    try:
        assert _saved(document) is None
        assert _import(document, FRENCH) and _saved(document) == FRENCH
    finally:
        document.close()
    assert database.check_file(copy_path) == []


def test_the_schema_5_fixture_holds_its_saved_mapping(tmp_path: Path) -> None:
    copy_path = tmp_path / "v5.journey"
    shutil.copyfile(FIXTURES / "schema_v5.journey", copy_path)
    document = Document.open(copy_path)
    try:
        assert _saved(document) == SurveyColumns(
            "Étape", "Note NPS", "Effort", "Commentaire", "Date de réponse", None, (1.0, 5.0)
        )
    finally:
        document.close()


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read with plain SQLite."""
    raw = sqlite3.connect(path)
    try:
        names = [n for (n,) in raw.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
        return {
            name: raw.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names
        }
    finally:
        raw.close()


def _exported(path: Path) -> str:
    journey = database.open_file(path, read_only=True)
    try:
        return interchange.export_text(journey.raw)
    finally:
        journey.close()


# The import's undo step


def test_undo_of_an_import_gives_back_the_mapping_saved_before(document: Document) -> None:
    assert _saved(document) is None
    assert _import(document, FRENCH)
    assert _saved(document) == FRENCH
    assert _import(document, PLAIN)
    assert _saved(document) == PLAIN
    assert document.stack.count() == 2
    document.undo()
    assert _saved(document) == FRENCH
    document.undo()
    assert _saved(document) is None
    document.redo()
    assert _saved(document) == FRENCH
    assert document.stack.count() == 2


def test_an_import_without_columns_or_with_the_same_ones_keeps_the_saved_row(
    document: Document,
) -> None:
    assert _import(document, FRENCH)
    row = document.measure_rows(SurveyMapping, document.maps()[0].id)[0].id
    assert _import(document, None) and _import(document, FRENCH)
    assert [r.id for r in document.measure_rows(SurveyMapping, document.maps()[0].id)] == [row]


@pytest.mark.parametrize(
    "columns",
    [
        SurveyColumns("", "nps", "effort", "comment"),
        SurveyColumns("stage", "nps", "effort", "c" * (limits.NAME_MAX_CHARS + 1)),
        SurveyColumns("stage", "nps", "effort", "comment", effort_scale=(7.0, 1.0)),
        SurveyColumns("stage", "nps", "effort", "comment", effort_scale=(1.0, 99.0)),
    ],
    ids=["empty", "too_long", "upside_down", "off_range"],
)
def test_columns_the_file_check_would_refuse_are_refused_before_writing(
    document: Document, columns: SurveyColumns
) -> None:
    with pytest.raises(measures.MeasureRefused):
        _import(document, columns)
    assert document.stack.count() == 0 and _saved(document) is None


def test_deleting_and_duplicating_a_map_keep_its_mapping_with_it(document: Document) -> None:
    assert _import(document, FRENCH)
    map_id = document.maps()[0].id
    assert document.push(edits.duplicate_map(document, map_id, "Ideal", "ideal"))
    assert _saved(document, document.maps()[-1].id) == FRENCH
    assert document.push(edits.delete_map(document, map_id))
    assert len(document.session.query(SurveyMapping).all()) == 1
    document.undo()
    assert _saved(document, map_id) == FRENCH


def test_missing_columns_are_named_in_order() -> None:
    header = ("Étape", "Effort", "Canal")
    assert survey_mapping.missing_columns(FRENCH, header) == (
        "Note NPS",
        "Commentaire",
        "Date de réponse",
    )
    assert survey_mapping.missing_columns(PLAIN, ("comment", "effort", "nps", "stage")) == ()


# Interchange


def _one_map(mapping: Any) -> dict[str, Any]:
    return {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "maps": [{"id": 1, "stages": [{"id": 1}], "lanes": [{"id": 1}], "survey_mapping": mapping}],
    }


names = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"),
    min_size=1,
    max_size=40,
)
scales = st.tuples(
    st.floats(*limits.EFFORT_RANGE, allow_nan=False), st.floats(*limits.EFFORT_RANGE)
).filter(lambda pair: pair[0] < pair[1])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.fixed_dictionaries(
        {"stage": names, "nps": names, "effort": names, "text": names},
        optional={"answered": st.none() | names, "segment": st.none() | names},
    ),
    scales,
)
def test_any_saved_mapping_round_trips_through_json(
    tmp_path_factory: pytest.TempPathFactory, columns: dict[str, Any], scale: tuple[float, float]
) -> None:
    mapping = {**columns, "effort_low": scale[0], "effort_high": scale[1]}
    target = tmp_path_factory.mktemp("round") / "mapped.journey"
    data = _one_map(mapping)
    database.create_file(target, interchange.populate_from(interchange.plan_import(data)))
    assert database.check_file(target) == []
    text = _exported(target)
    exported = json.loads(text)["maps"][0]["survey_mapping"]
    assert exported == {"answered": None, "segment": None, **mapping}
    again = target.with_name("again.journey")
    plan = interchange.plan_import(json.loads(text))
    database.create_file(again, interchange.populate_from(plan))
    assert _exported(again) == text


GOOD = {"stage": "s", "nps": "n", "effort": "e", "text": "t", "effort_low": 1, "effort_high": 7}
REFUSED = {
    "empty": ({**GOOD, "nps": ""}, "maps[0].survey_mapping.nps: must not be empty"),
    "empty optional": (
        {**GOOD, "segment": ""},
        "maps[0].survey_mapping.segment: must not be empty",
    ),
    "upside down": (
        {**GOOD, "effort_low": 7, "effort_high": 1},
        "maps[0].survey_mapping.effort_high: must be more than effort_low",
    ),
    "off the scale": (
        {**GOOD, "effort_high": 11},
        "maps[0].survey_mapping.effort_high: must be between",
    ),
    "not an object": ("stage", "maps[0].survey_mapping: must be an object or null"),
    "unknown field": ({**GOOD, "verbatims": 5}, "maps[0].survey_mapping: unknown field"),
    "a number for a column": ({**GOOD, "text": 3}, "maps[0].survey_mapping.text: must be str"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_the_import_refuses_what_the_file_check_refuses(case: str) -> None:
    mapping, message = REFUSED[case]
    with pytest.raises(BadInterchangeError) as raised:
        interchange.plan_import(copy.deepcopy(_one_map(mapping)))
    assert message in str(raised.value)
