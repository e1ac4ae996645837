"""`journeyeditor import-events` and `import-survey` end to end in child processes: what
they print, bad rows listed and nothing written without --skip-bad-rows, a re-import
keeping the previous run, wrong maps and stages refused with the file unchanged, a
survey's columns saved with the map and read again by the next import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeyeditor import cli
from journeyeditor.editing.document import Document
from journeyeditor.editing.measures import apply_funnel, source_label
from journeyeditor.measure.sources import ColumnMapping, SqlSource
from journeyeditor.model import Card, LaneKind
from journeyeditor.store.errors import (
    BadEventRowsError,
    MeasureImportError,
    StageMappingError,
    SurveySourceError,
)
from tests.export import measured_cases

ROOT = Path(__file__).resolve().parents[2]
EVENTS = """customer,timestamp,event,channel
c1,2026-11-01 10:00:00,ad click,web
c1,2026-11-01 10:05:00,product page,web
c1,2026-11-02 09:00:00,purchase,web
c2,2026-11-01 11:00:00,ad view,shop
c2,2026-11-03 11:00:00,product page,shop
c3,2026-11-01 12:00:00,page_view,
"""
BAD = "c4,,ad click,web\nc5,2026-11-01 12:00:00,,web\n"
MAPPING = {
    "stages": [
        {"key": "awareness", "events": ["ad *", "page_view*"]},
        {"key": "Consideration", "events": ["product?page"]},
        {"key": "PURCHASE", "events": ["purchase*"]},
    ]
}
SURVEY = """stage,nps,effort,comment,answered
Awareness,9,2,Loved the ad,2026-11-20
awareness,3,6,Too many ads,2026-11-21
Purchase,10,1,Quick checkout,2026-11-22
"""


def journeyeditor(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    """The real command line, this worktree's code, in a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "journeyeditor", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    project = tmp_path / "p.journey"
    made = journeyeditor("new", project)
    assert made.returncode == 0, made.stderr
    events, bad = tmp_path / "events.csv", tmp_path / "bad.csv"
    events.write_text(EVENTS, encoding="utf-8")
    bad.write_text(EVENTS + BAD, encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    survey = tmp_path / "survey.csv"
    survey.write_text(SURVEY, encoding="utf-8")
    return {"project": project, "events": events, "bad": bad, "mapping": mapping, "survey": survey}


def _events(files: dict[str, Path], source: str = "events", *extra: str) -> Any:
    return journeyeditor(
        "import-events",
        files["project"],
        files[source],
        "--map",
        "current journey",
        "--mapping",
        files["mapping"],
        "--segment",
        "channel",
        *extra,
    )


def test_bad_rows_are_listed_and_nothing_is_written(files: dict[str, Path]) -> None:
    before = files["project"].read_bytes()
    done = _events(files, "bad")
    assert done.returncode == BadEventRowsError.exit_code
    assert "line 8" in done.stderr and "line 9" in done.stderr
    assert files["project"].read_bytes() == before
    assert sorted(p.name for p in files["project"].parent.glob("p*")) == ["p.journey"]


def test_import_events_saves_a_run_and_a_reimport_keeps_the_previous(
    files: dict[str, Path], qapp: Any
) -> None:
    del qapp
    done = _events(files, "bad", "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "Run 1 saved into the map “Current journey” of p.journey." in done.stdout
    assert "3 stages, 12 figures written." in done.stdout
    assert "A funnel lane was added to the map." in done.stdout
    assert "Consideration" in done.stdout and "66.7 %" in done.stdout
    again = _events(files)
    assert again.returncode == 0, again.stderr
    assert "Run 2 saved" in again.stdout and "lane was added" not in again.stdout
    info = journeyeditor("info", files["project"])
    assert "measured (events): 2 runs, the latest " in info.stdout and "events.csv" in info.stdout
    document = Document.open(files["project"], read_only=True)
    try:
        map_id = document.maps()[0].id
        newest, previous = document.latest_runs(map_id, "events")
        assert newest is not None and previous is not None
        assert (newest.id, previous.id) == (2, 1)
        assert (previous.rows, previous.bad_rows, newest.bad_rows) == (8, 2, 0)
        assert (newest.source, newest.segment_column) == ("events.csv", "channel")
        stages = document.stages(map_id)
        assert newest.at(stages[1].id).reached == 2
        assert newest.at(stages[0].id, "").reached == 1  # c3 has no channel
        kinds = [lane.kind for lane in document.lanes(map_id)]
        assert kinds.count(LaneKind.FUNNEL.value) == 1
    finally:
        document.close()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"map": "no such map"}, MeasureImportError.exit_code),
        ({"stage": "Nowhere"}, StageMappingError.exit_code),
    ],
)
def test_wrong_map_or_stage_is_refused_unchanged(
    files: dict[str, Path], change: dict[str, str], code: int
) -> None:
    if "stage" in change:
        files["mapping"].write_text(
            json.dumps({"stages": [{"key": change["stage"], "events": ["x"]}]}), encoding="utf-8"
        )
    before = files["project"].read_bytes()
    done = journeyeditor(
        "import-events",
        files["project"],
        files["events"],
        "--map",
        change.get("map", "Current journey"),
        "--mapping",
        files["mapping"],
    )
    assert done.returncode == code, done.stderr
    assert "p.journey" in done.stderr or "mapping.json" in done.stderr
    assert files["project"].read_bytes() == before


def test_import_survey_adds_figures_and_verbatims(files: dict[str, Path], qapp: Any) -> None:
    del qapp
    done = journeyeditor(
        "import-survey",
        files["project"],
        files["survey"],
        "--map",
        "Current journey",
        "--answered-column",
        "answered",
    )
    assert done.returncode == 0, done.stderr
    assert "3 verbatims added as cards." in done.stdout
    assert "A survey lane was added to the map." in done.stdout
    document = Document.open(files["project"], read_only=True)
    try:
        map_id = document.maps()[0].id
        newest, previous = document.latest_runs(map_id, "survey")
        assert newest is not None and previous is None
        awareness = document.stages(map_id)[0].id
        assert (newest.at(awareness).answers, newest.at(awareness).nps) == (2, 0.0)
        cards = document.cards(map_id)
        verbatims = [c for c in cards if c.source == "survey.csv"]
        assert {c.text for c in verbatims} == {"Loved the ad", "Too many ads", "Quick checkout"}
        assert all(isinstance(c, Card) and c.evidence == "research" for c in verbatims)
        lanes = {lane.id: lane for lane in document.lanes(map_id)}
        assert {lanes[c.lane_id].name for c in verbatims} == {"Verbatims"}
    finally:
        document.close()


def test_a_database_source_is_named_without_its_password() -> None:
    columns = ColumnMapping("customer", "timestamp", "event")
    label = source_label(SqlSource("postgresql://ann:s3cret@db.example:5432/shop", "ev", columns))
    assert "s3cret" not in label
    assert label.startswith("postgresql://ann:***@db.example:5432/shop") and label.endswith(" ev")


FRENCH_SURVEY = """Étape;Note;CES;Verbatim;Date;Canal
Awareness;9;2;Belle pub;2026-11-20;web
Purchase;4;6;Trop long;2026-11-21;shop
"""
FRENCH_COLUMNS = {"stage": "Étape", "nps": "Note", "effort": "CES", "text": "Verbatim"}


def _survey_file(files: dict[str, Path], name: str, text: str) -> Path:
    path = files["project"].parent / name
    path.write_text(text, encoding="utf-8")
    return path


def _saved_survey(project: Path) -> Any:
    from journeyeditor.editing.survey_mapping import saved_columns

    document = Document.open(project, read_only=True)
    try:
        map_id = document.maps()[0].id
        newest, _previous = document.latest_runs(map_id, "survey")
        return saved_columns(document, map_id), newest
    finally:
        document.close()


def test_the_next_survey_import_reuses_the_saved_columns(files: dict[str, Path], qapp: Any) -> None:
    del qapp
    mapping = files["project"].parent / "survey-mapping.json"
    mapping.write_text(json.dumps({"columns": FRENCH_COLUMNS}), encoding="utf-8")
    november = _survey_file(files, "novembre.csv", FRENCH_SURVEY)
    first = journeyeditor(
        "import-survey", files["project"], november, "--map", "Current journey",
        "--mapping", mapping, "--segment", "Canal",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    saved, _newest = _saved_survey(files["project"])
    assert (saved.stage, saved.nps, saved.effort, saved.text) == tuple(FRENCH_COLUMNS.values())
    assert (saved.answered, saved.segment) == (None, "Canal")
    december = _survey_file(files, "décembre.csv", FRENCH_SURVEY.replace("2026-11", "2026-12"))
    again = journeyeditor("import-survey", files["project"], december, "--map", "current journey")
    assert again.returncode == 0, again.stderr
    assert "Run 2 saved" in again.stdout
    _saved, newest = _saved_survey(files["project"])
    assert (newest.source, newest.segment_column, newest.rows) == ("décembre.csv", "Canal", 2)


def test_saved_columns_missing_from_the_file_are_named(files: dict[str, Path], qapp: Any) -> None:
    del qapp
    november = _survey_file(files, "novembre.csv", FRENCH_SURVEY)
    options = ("--stage-column", "Étape", "--nps-column", "Note", "--effort-column", "CES")
    first = journeyeditor(
        "import-survey", files["project"], november, "--map", "Current journey", *options,
        "--text-column", "Verbatim",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    before = files["project"].read_bytes()
    renamed = _survey_file(files, "renamed.csv", FRENCH_SURVEY.replace("CES", "Effort"))
    done = journeyeditor("import-survey", files["project"], renamed, "--map", "Current journey")
    assert done.returncode == SurveySourceError.exit_code, done.stderr
    assert done.stderr.startswith("renamed.csv cannot be read as a survey: it has no column CES")
    assert "of the survey mapping saved with the map “Current journey”" in done.stderr
    assert "give --mapping MAPPING.json" in done.stderr
    assert files["project"].read_bytes() == before


def test_without_a_mapping_given_or_saved_the_message_says_so(files: dict[str, Path]) -> None:
    before = files["project"].read_bytes()
    november = _survey_file(files, "novembre.csv", FRENCH_SURVEY)
    done = journeyeditor("import-survey", files["project"], november, "--map", "Current journey")
    assert done.returncode == SurveySourceError.exit_code, done.stderr
    assert "no --mapping was given and the map “Current journey” has no survey mapping" in (
        done.stderr
    )
    assert "no column stage, nps, effort, comment (its columns: Étape, Note," in done.stderr
    assert files["project"].read_bytes() == before


def test_info_names_the_run_saved_last_when_two_share_a_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: Any
) -> None:
    """Two imports in one second (a script, or CI): `info` named the first as the
    latest; the later one saved is, as the window shows."""
    del qapp
    path = measured_cases.make_measured(tmp_path / "same.journey", "en")
    document = Document.open(path)
    try:
        map_id = document.maps()[0].id
        stage_ids = [stage.id for stage in document.stages(map_id)]
        stamp = "2026-12-01T05:07:54Z"
        columns = measured_cases.MAPPING
        for source in ("first.csv", "second.csv"):
            result = measured_cases.funnel_result(stage_ids, (10, 5))
            command = apply_funnel(document, map_id, result, columns, source, stamp)
            assert document.push(command)
        newest, _before = document.latest_runs(map_id, "events")
        assert newest is not None and newest.source == "second.csv"
    finally:
        document.close()
    assert cli.main(["info", str(path)]) == 0
    said = capsys.readouterr().out
    assert f"measured (events): 4 runs, the latest {stamp} from second.csv" in said
