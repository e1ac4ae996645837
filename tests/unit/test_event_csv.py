"""CSV files as real offices write them: French Excel (`;`, decimal comma, day-first
dates, Windows-1252 or UTF-8 with BOM) detected right and read right; bad rows listed
with their line (the first 100) and counted; a cancelled transcoding leaves nothing."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from journeyeditor import cli
from journeyeditor.measure import csvdialect
from journeyeditor.measure.csvdialect import CsvDialect, detect_dialect
from journeyeditor.measure.funnel import FunnelJob, StageRule
from journeyeditor.measure.sources import (
    BAD_ROWS_LISTED,
    ColumnMapping,
    FileSource,
    MeasureCancelled,
    open_session,
)
from journeyeditor.store.errors import BadEventRowsError, EventSourceError, StageMappingError

FRENCH_HEADER = "Client;Date de l'événement;Événement;Canal;Montant (€)"
FRENCH_ROWS = [
    "C001;31/12/2026 14:05;Visite du site;Internet;12,50",
    "C001;02/01/2027 09:30;Achat œuvre;Internet;1 234,00",
    "C002;05/01/2027 18:00;Visite du site;Magasin;0,99",
    "C002;06/01/2027 08:15;Réclamation €;Magasin;3,10",
]
FRENCH = ColumnMapping("Client", "Date de l'événement", "Événement", ("Canal",))
STAGES = (
    StageRule("visite", ("visite*",)),
    StageRule("achat", ("achat*",)),
    StageRule("réclamation", ("réclamation*",)),
)


def write(path: Path, lines: list[str], encoding: str, bom: bool = False) -> Path:
    data = "\r\n".join(lines).encode(encoding) + b"\r\n"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def read_back(path: Path, mapping: ColumnMapping) -> list[tuple[object, ...]]:
    session = open_session(FileSource(path, mapping), path.parent)
    try:
        return session.execute(
            f'SELECT "{mapping.customer}", "{mapping.timestamp}", "{mapping.event}" '
            f"FROM {session.relation} ORDER BY 2"
        )
    finally:
        session.close()


@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [("cp1252", False, "cp1252"), ("utf-8", True, "utf-8-sig"), ("utf-8", False, "utf-8")],
)
def test_french_excel_csv_is_detected_and_read(
    tmp_path: Path, encoding: str, bom: bool, detected: str
) -> None:
    path = write(tmp_path / "export.csv", [FRENCH_HEADER, *FRENCH_ROWS], encoding, bom)
    dialect = detect_dialect(path, FRENCH.timestamp)
    assert dialect == CsvDialect(
        encoding=detected,
        delimiter=";",
        decimal=",",
        timestamp_format="%d/%m/%Y %H:%M",
        header=("Client", "Date de l'événement", "Événement", "Canal", "Montant (€)"),
        timestamp_column="Date de l'événement",
    )
    rows = read_back(path, FRENCH)
    assert [row[2] for row in rows] == [
        "Visite du site",
        "Achat œuvre",
        "Visite du site",
        "Réclamation €",
    ]
    assert str(rows[0][1]) == "2026-12-31 14:05:00"
    with FunnelJob(FileSource(path, FRENCH), STAGES, work_parent=tmp_path) as job:
        check = job.check()
        result = job.run()
    assert (check.rows, check.good_rows, check.bad.total) == (4, 4, 0)
    assert [s.reached for s in result.overall.stages] == [2, 1, 1]
    assert {b.value for b in result.segments} == {"Internet", "Magasin"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_comma_iso_and_quoted_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "events.csv",
        [
            "id,ts,name,segment",
            'a,2026-05-01T10:00:00,"visit, home page",x',
            'b,2026-05-02T11:30:00,"say ""hi""",y',
        ],
        "utf-8",
    )
    dialect = detect_dialect(path, "ts")
    assert (dialect.delimiter, dialect.decimal, dialect.timestamp_format) == (",", ".", None)
    rows = read_back(path, ColumnMapping("id", "ts", "name"))
    assert [row[2] for row in rows] == ["visit, home page", 'say "hi"']


def test_month_first_dates_when_a_day_passes_twelve(tmp_path: Path) -> None:
    lines = ["id;when;what", "a;01/02/2026 10:00;x", "b;12/31/2026 10:00;y"]
    dialect = detect_dialect(write(tmp_path / "us.csv", lines, "utf-8"), "when")
    assert dialect.timestamp_format == "%m/%d/%Y %H:%M"


def test_day_first_wins_when_both_read(tmp_path: Path) -> None:
    lines = ["id;when;what", "a;01/02/2026 10:00;x", "b;03/04/2026 10:00;y"]
    dialect = detect_dialect(write(tmp_path / "fr.csv", lines, "utf-8"), "when")
    assert dialect.timestamp_format == "%d/%m/%Y %H:%M"


def test_an_overridden_dialect_is_the_one_used(tmp_path: Path) -> None:
    """Read as cp1252 a UTF-8 file would show `Ã©`: the person's choice wins."""
    path = write(tmp_path / "x.csv", ["c;t;e", "a;2026-01-01 10:00:00;café"], "utf-8")
    detected = detect_dialect(path, "t")
    forced = CsvDialect("cp1252", ";", ".", None, detected.header, "t")
    session = open_session(FileSource(path, ColumnMapping("c", "t", "e"), forced), tmp_path)
    try:
        assert session.execute(f"SELECT e FROM {session.relation}") == [("cafÃ©",)]
    finally:
        session.close()


def test_bad_rows_are_listed_by_line_and_counted(tmp_path: Path) -> None:
    """150 bad rows of four kinds among good ones: the first 100 by line, all counted."""
    lines = ["client;quand;événement;canal"]
    bad_lines: dict[int, str] = {}
    for i in range(400):
        line_number = len(lines) + 1
        kind = i % 8
        if kind == 1:
            lines.append(f"c{i};pas une date;Visite;web")
            bad_lines[line_number] = "timestamp"
        elif kind == 3:
            lines.append(f";01/03/2026 10:{i % 60:02d};Visite;web")
            bad_lines[line_number] = "customer"
        elif kind == 5 and i % 16 == 5:
            lines.append(f"c{i};01/03/2026 10:00;Visite")
            bad_lines[line_number] = "columns"
        elif kind == 5:
            lines.append(f"c{i};01/03/2026 10:00;Visite;web;de trop")
            bad_lines[line_number] = "columns"
        elif kind == 7 and i % 16 == 7:
            lines.append(f"c{i};;Visite;web")
            bad_lines[line_number] = "timestamp"
        else:
            lines.append(f"c{i};01/03/2026 {i % 24:02d}:00;Visite;web")
    path = write(tmp_path / "bad.csv", lines, "cp1252")
    mapping = ColumnMapping("client", "quand", "événement", ("canal",))
    with FunnelJob(FileSource(path, mapping), STAGES, work_parent=tmp_path) as job:
        check = job.check()
        result = job.run()
    assert len(bad_lines) == 175
    assert check.bad.total == 175 and check.bad.unlisted == 175 - BAD_ROWS_LISTED
    assert check.rows == 400 and check.good_rows == 225
    first = sorted(bad_lines)[:BAD_ROWS_LISTED]
    assert [row.line for row in check.bad.listed] == first
    assert [row.reason for row in check.bad.listed] == [bad_lines[n] for n in first]
    assert check.bad.listed[0].text == lines[first[0] - 1]
    assert result.overall.stages[0].reached == 225


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["a;b;c", "1;2026-01-01 00:00:00;x"], "utf-8")
    with pytest.raises(EventSourceError, match="no column client"):
        open_session(FileSource(path, ColumnMapping("client", "b", "c")), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_cancel_while_transcoding_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvdialect, "CHUNK_BYTES", 64)
    path = write(tmp_path / "big.csv", [FRENCH_HEADER, *FRENCH_ROWS * 50], "cp1252")
    work = tmp_path / "work"
    work.mkdir()
    job: FunnelJob

    def phase(name: str) -> None:
        if name == "transcoding":
            job.cancel()

    job = FunnelJob(FileSource(path, FRENCH), STAGES, work_parent=work, on_phase=phase)
    with pytest.raises(MeasureCancelled):
        job.check()
    assert list(work.iterdir()) == []
    with pytest.raises(MeasureCancelled):
        job.run()
    assert list(work.iterdir()) == []


@pytest.fixture
def run(qapp: Any, capsys: pytest.CaptureFixture[str]) -> Any:
    """The command line in this process: (exit code, stdout, stderr)."""
    del qapp

    def call(*argv: str | Path) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_command_line_funnel_of_a_french_file(run: Any, tmp_path: Path) -> None:
    rows = [*FRENCH_ROWS, "C003;pas une date;Visite du site;Internet;1,00"]
    path = write(tmp_path / "export.csv", [FRENCH_HEADER, *rows], "cp1252")
    stages = tmp_path / "stages.json"
    columns = {"customer": "Client", "time": "Date de l'événement", "event": "Événement"}
    rules = [{"key": s.key, "events": list(s.patterns)} for s in STAGES]
    stages.write_text(json.dumps({"columns": columns, "stages": rules}), encoding="utf-8")

    code, out, err = run("funnel", path, "--stages", stages, "--segment", "Canal")
    assert code == BadEventRowsError.exit_code and out == ""
    assert "line 6: the time cannot be read: C003;pas une date" in err

    code, out, err = run(
        "funnel", path, "--stages", stages, "--segment", "Canal", "--skip-bad-rows", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["rows"], data["good_rows"], data["bad_rows"]) == (5, 4, 1)
    assert [s["reached"] for s in data["overall"]["stages"]] == [2, 1, 1]
    assert data["overall"]["stages"][1]["conversion"] == 0.5
    assert {b["value"] for b in data["segments"]} == {"Internet", "Magasin"}

    code, out, _err = run("funnel", path, "--stages", stages, "--skip-bad-rows")
    assert code == 0 and "All customers: 2 customers" in out
    assert out.splitlines()[1].split() == [
        "stage", "reached", "conversion", "dropped", "skipped", "came", "back", "median",
        "time", "90%", "time",
    ]  # fmt: skip


def test_command_line_errors_have_their_codes(run: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "e.csv", ["a;b;c", "1;2026-01-01 00:00:00;x"], "utf-8")
    stages = tmp_path / "stages.json"
    stages.write_text('{"see": "x*"}', encoding="utf-8")
    code, _out, err = run("funnel", path, "--stages", stages)
    assert code == EventSourceError.exit_code and "no column customer" in err
    stages.write_text("{not json", encoding="utf-8")
    code, _out, err = run("funnel", path, "--stages", stages)
    assert code == StageMappingError.exit_code and "stages.json" in err
    stages.write_text('{"see": "x*"}', encoding="utf-8")
    code, _out, err = run("funnel", "--stages", stages, "--source", "sqlite://")
    assert code == EventSourceError.exit_code and "--table" in err


def test_two_hundred_thousand_bad_rows_keep_a_hundred_and_a_count(tmp_path: Path) -> None:
    """Rows DuckDB rejects (wrong width) and rows it reads but cannot use (no customer),
    200,000 in all among good ones: the first 100 by line are listed and the rest
    counted, and DuckDB itself keeps at most one rejected row per scan of the file."""
    bad = 200_000
    lines = ["client;quand;événement;canal", "c;01/03/2026 10:00;Visite;web"]
    for i in range(bad):
        lines.append(f"c{i};01/03/2026 10:00;Visite" if i % 2 else ";01/03/2026 10:00;Visite;w")
    path = write(tmp_path / "bad.csv", lines, "utf-8")
    mapping = ColumnMapping("client", "quand", "événement", ("canal",))
    session = open_session(FileSource(path, mapping), tmp_path)
    try:
        check = session.check()
        kept = session.rejects_kept()  # type: ignore[attr-defined]
    finally:
        session.close()
    assert (check.rows, check.good_rows, check.bad.total) == (bad + 1, 1, bad)
    assert check.bad.unlisted == bad - BAD_ROWS_LISTED
    assert [row.line for row in check.bad.listed] == list(range(3, 3 + BAD_ROWS_LISTED))
    assert [row.reason for row in check.bad.listed[:2]] == ["customer", "columns"]
    assert [row.text for row in check.bad.listed[:2]] == lines[2:4]
    assert 1 <= kept <= 2
