"""Survey answers to NPS, CES and verbatims, on small files whose figures are worked out
by hand in each test; French Excel files read through the dialect detection; bad rows
listed by line; a cancel leaves nothing behind."""

from __future__ import annotations

import codecs
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from journeyeditor.measure import csvdialect
from journeyeditor.measure.sources import BAD_ROWS_LISTED, FileSource, MeasureCancelled
from journeyeditor.measure.survey import (
    SurveyColumns,
    SurveyFigures,
    SurveyJob,
    SurveyResult,
    Verbatim,
)
from journeyeditor.model.limits import SURVEY_MIN_ANSWERS
from journeyeditor.store.errors import StageMappingError, SurveySourceError

HEADER = "stage;nps;effort;comment;answered;channel"
COLUMNS = SurveyColumns("stage", "nps", "effort", "comment", "answered", "channel")
PLAIN = SurveyColumns("stage", "nps", "effort", "comment")
STAGES = {"aware": ["Awareness", "Découverte"], "buy": ["Purchase"], "love": ["Advocacy"]}


def write(path: Path, lines: list[str], encoding: str = "utf-8", bom: bool = False) -> Path:
    data = "\r\n".join(lines).encode(encoding) + b"\r\n"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def survey(
    tmp_path: Path,
    rows: list[str],
    columns: SurveyColumns = COLUMNS,
    header: str = HEADER,
    verbatims: int = 3,
) -> SurveyResult:
    path = write(tmp_path / "survey.csv", [header, *rows])
    with SurveyJob(FileSource(path), columns, STAGES, verbatims, work_parent=tmp_path) as job:
        result = job.run()
    assert [p.name for p in tmp_path.iterdir()] == ["survey.csv"]
    return result


def figure(result: SurveyResult, stage: str, segment: str | None = None) -> SurveyFigures:
    (found,) = [f for f in result.figures if f.stage == stage and f.segment == segment]
    return found


def test_nps_of_exactly_zero_counts_each_band_at_its_edges(tmp_path: Path) -> None:
    """9 and 10 promote, 7 and 8 are passive, 0 to 6 detract: 2 − 2 of 6 is 0."""
    rows = [f"Awareness;{score};;;;" for score in (10, 9, 8, 7, 6, 0)]
    aware = figure(survey(tmp_path, rows), "aware")
    assert (aware.answers, aware.promoters, aware.passives, aware.detractors) == (6, 2, 2, 2)
    assert aware.nps == 0.0


def test_all_promoters_is_100_and_all_detractors_minus_100(tmp_path: Path) -> None:
    rows = ["Awareness;9;;;;", "Awareness;10;;;;", "Purchase;0;;;;", "Purchase;6;;;;"]
    result = survey(tmp_path, rows)
    assert figure(result, "aware").nps == 100.0
    assert figure(result, "buy").nps == -100.0


def test_one_answer_and_the_low_sample_warning(tmp_path: Path) -> None:
    result = survey(tmp_path, ["Purchase;8;;;;"])
    buy = figure(result, "buy")
    assert (buy.answers, buy.passives, buy.nps, buy.low_sample) == (1, 1, 0.0, True)
    below = ["Awareness;10;;;;"] * (SURVEY_MIN_ANSWERS - 1)
    at = ["Purchase;10;;;;"] * SURVEY_MIN_ANSWERS
    result = survey(tmp_path, below + at)
    assert figure(result, "aware").low_sample
    assert not figure(result, "buy").low_sample


def test_a_stage_nobody_answered_has_no_figures(tmp_path: Path) -> None:
    result = survey(tmp_path, ["Awareness;10;2;;;"])
    love = figure(result, "love")
    assert (love.answers, love.nps, love.effort_answers, love.effort_mean) == (0, None, 0, None)
    assert love.low_sample
    assert [f.stage for f in result.figures if f.segment is None] == ["aware", "buy", "love"]


def test_ces_is_the_mean_of_the_effort_answers_only(tmp_path: Path) -> None:
    """Efforts 2, 3.5 (decimal comma), 4 and one row without effort: (2+3.5+4)/3."""
    rows = ["Purchase;9;2;;;", "Purchase;9;3,5;;;", "Purchase;9;4.0;;;", "Purchase;9;;;;"]
    buy = figure(survey(tmp_path, rows), "buy")
    assert buy.effort_answers == 3 and buy.answers == 4
    assert buy.effort_mean == pytest.approx(9.5 / 3)


def test_an_empty_segment_value_is_its_own_segment(tmp_path: Path) -> None:
    rows = ["Purchase;10;;;;web", "Purchase;0;;;;", "Purchase;9;;;; ", "Awareness;10;;;;web"]
    result = survey(tmp_path, rows)
    assert [(f.segment, f.stage) for f in result.figures] == [
        (segment, stage) for segment in (None, "", "web") for stage in ("aware", "buy", "love")
    ]
    assert figure(result, "buy").answers == 3
    empty = figure(result, "buy", "")
    assert (empty.answers, empty.promoters, empty.detractors, empty.nps) == (2, 1, 1, 0.0)
    assert figure(result, "buy", "web").nps == 100.0
    assert figure(result, "aware", "").answers == 0


def test_without_a_segment_column_only_overall_figures(tmp_path: Path) -> None:
    header = "stage;nps;effort;comment"
    result = survey(tmp_path, ["Purchase;10;3;ok", "Purchase;0;5;"], PLAIN, header)
    assert {f.segment for f in result.figures} == {None}
    assert figure(result, "buy").nps == 0.0
    assert result.verbatims == (Verbatim("buy", "ok", None, None, 2),)


def test_the_most_recent_verbatims_per_stage_ties_broken_by_line(tmp_path: Path) -> None:
    """Per stage the N latest by date (undated last), then the later line; blank texts
    are not quotes; another stage keeps its own N."""
    rows = [
        "Purchase;9;;old;2026-01-01 10:00:00;web",  # line 2
        "Purchase;9;;same time, early line;2026-03-01 10:00:00;web",  # 3
        "Purchase;9;;   ;2026-12-01 10:00:00;web",  # 4: blank
        "Purchase;9;;undated;;store",  # 5
        "Purchase;9;;same time, late line;2026-03-01 10:00:00;",  # 6
        "Purchase;9;;newest;2026-06-01 10:00:00;web",  # 7
        "Awareness;9;;seen it;2026-01-01 10:00:00;web",  # 8
    ]
    result = survey(tmp_path, rows, verbatims=3)
    assert [(v.stage, v.text, v.line) for v in result.verbatims] == [
        ("aware", "seen it", 8),
        ("buy", "newest", 7),
        ("buy", "same time, late line", 6),
        ("buy", "same time, early line", 3),
    ]
    assert result.verbatims[1].answered == "2026-06-01T10:00:00"
    assert result.verbatims[2].segment == ""
    everything = survey(tmp_path, rows, verbatims=10)
    assert [v.text for v in everything.verbatims if v.stage == "buy"][-2:] == ["old", "undated"]
    assert survey(tmp_path, rows, verbatims=0).verbatims == ()


def test_bad_rows_are_listed_with_their_line_and_reason(tmp_path: Path) -> None:
    rows = [
        "Purchase;10;1;good;2026-01-01 10:00:00;web",  # 2
        "Unknown;10;1;x;2026-01-01 10:00:00;web",  # 3 stage
        ";10;1;x;2026-01-01 10:00:00;web",  # 4 stage
        "Purchase;11;1;x;2026-01-01 10:00:00;web",  # 5 nps
        "Purchase;7.5;1;x;2026-01-01 10:00:00;web",  # 6 nps
        "Purchase;-1;1;x;2026-01-01 10:00:00;web",  # 7 nps
        "Purchase;5;8;x;2026-01-01 10:00:00;web",  # 8 effort (scale 1-7)
        "Purchase;5;easy;x;2026-01-01 10:00:00;web",  # 9 effort
        "Purchase;5;0,5;x;2026-01-01 10:00:00;web",  # 10 effort
        "Purchase;5;3;x;yesterday;web",  # 11 answered
        "Purchase;5;3;x;2026-01-01 10:00:00",  # 12 columns
        '"  PURCHASE ";;;"two\r\nlines";;',  # 13-14: good, the stage in any case
    ]
    result = survey(tmp_path, rows)
    check = result.check
    assert (check.rows, check.good_rows, check.bad.total) == (12, 2, 10)
    assert [(row.line, row.reason) for row in check.bad.listed] == [
        (3, "stage"),
        (4, "stage"),
        (5, "nps"),
        (6, "nps"),
        (7, "nps"),
        (8, "effort"),
        (9, "effort"),
        (10, "effort"),
        (11, "answered"),
        (12, "columns"),
    ]
    assert check.bad.listed[0].text == rows[1]
    buy = figure(result, "buy")
    assert (buy.answers, buy.effort_answers) == (1, 1)
    assert [(v.text, v.line) for v in result.verbatims] == [("good", 2), ("two\r\nlines", 13)]


def test_many_bad_rows_list_the_first_hundred(tmp_path: Path) -> None:
    rows = [f"Purchase;{12 + i % 3};;;;" if i % 2 else "Purchase;9;;;;" for i in range(500)]
    check = survey(tmp_path, rows).check
    assert check.bad.total == 250 and len(check.bad.listed) == BAD_ROWS_LISTED
    assert [row.line for row in check.bad.listed] == list(range(3, 3 + 2 * BAD_ROWS_LISTED, 2))


FRENCH_HEADER = "Étape;Recommandation (0-10);Effort;Verbatim;Date de réponse;Canal"
FRENCH_ROWS = [
    "Découverte;10;3,5;Très clair, merci;31/12/2026 14:05;Internet",
    "DÉCOUVERTE;4;6,5;Trop de pub € !;02/01/2027 09:30;Magasin",
    "découverte ;9;1;« Parfait »;01/01/2027 08:00;Internet",
]
FRENCH = SurveyColumns(
    "Étape", "Recommandation (0-10)", "Effort", "Verbatim", "Date de réponse", "Canal"
)


@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [("cp1252", False, "cp1252"), ("utf-8", True, "utf-8-sig")],
)
def test_a_french_excel_survey_is_read_right(
    tmp_path: Path, encoding: str, bom: bool, detected: str
) -> None:
    path = write(tmp_path / "enquête.csv", [FRENCH_HEADER, *FRENCH_ROWS], encoding, bom)
    with SurveyJob(FileSource(path), FRENCH, STAGES, 5, work_parent=tmp_path) as job:
        check = job.check()
        result = job.run()
    assert check.dialect is not None
    assert (check.dialect.encoding, check.dialect.delimiter, check.dialect.decimal) == (
        detected,
        ";",
        ",",
    )
    assert check.dialect.timestamp_format == "%d/%m/%Y %H:%M"
    assert (check.rows, check.good_rows) == (3, 3)
    aware = figure(result, "aware")
    assert (aware.promoters, aware.detractors, aware.answers) == (2, 1, 3)
    assert aware.nps == pytest.approx(100 / 3)
    assert aware.effort_mean == pytest.approx((3.5 + 6.5 + 1) / 3)
    assert figure(result, "aware", "Magasin").nps == -100.0
    assert [(v.text, v.answered) for v in result.verbatims] == [
        ("Trop de pub € !", "2027-01-02T09:30:00"),
        ("« Parfait »", "2027-01-01T08:00:00"),
        ("Très clair, merci", "2026-12-31T14:05:00"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["enquête.csv"]


def test_a_parquet_survey_gives_the_same_figures(tmp_path: Path) -> None:
    """A Parquet row's line is its row number: the CSV's line less the header's."""
    rows = ["Purchase;10;2;great;2026-01-01 10:00:00;web", "Purchase;3;6;no;;store"]
    csv_result = survey(tmp_path, rows)
    path = tmp_path / "survey.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{tmp_path / 'survey.csv'}', delim=';', header=true, "
        f"all_varchar=true)) TO '{path}' (FORMAT parquet)"
    )
    con.close()
    with SurveyJob(FileSource(path), COLUMNS, STAGES, 3, work_parent=tmp_path) as job:
        parquet = job.run()
    assert parquet.figures == csv_result.figures
    assert [(v.text, v.line) for v in parquet.verbatims] == [("great", 1), ("no", 2)]
    assert [replace(v, line=v.line - 1) for v in csv_result.verbatims] == list(parquet.verbatims)


def test_a_missing_column_and_a_name_in_two_stages_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", ["stage;nps;effort", "Purchase;1;1"])
    with (
        pytest.raises(SurveySourceError, match="no column comment"),
        SurveyJob(FileSource(path), PLAIN, STAGES, 1, work_parent=tmp_path) as job,
    ):
        job.run()
    with pytest.raises(StageMappingError, match="names both"):
        SurveyJob(FileSource(path), PLAIN, {"a": ["Shop"], "b": [" shop "]}, 1)
    with pytest.raises(ValueError, match="verbatims"):
        SurveyJob(FileSource(path), PLAIN, STAGES, -1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_cancel_while_numbering_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvdialect, "_PROGRESS_EVERY", 10)
    path = write(tmp_path / "big.csv", [HEADER, *["Purchase;9;2;fine;;web"] * 200])
    work = tmp_path / "work"
    work.mkdir()
    job: SurveyJob
    seen: list[float | None] = []

    def phase(name: str) -> None:
        if name == "numbering":
            job.cancel()

    job = SurveyJob(FileSource(path), COLUMNS, STAGES, 1, work_parent=work, on_phase=phase)
    with pytest.raises(MeasureCancelled):
        job.run()
    seen.append(job.progress().fraction)
    assert list(work.iterdir()) == [] and seen == [None]
