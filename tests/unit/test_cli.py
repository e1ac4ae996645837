"""The command line: new, templates, info, check, export/import, exit codes.

Most calls run `cli.main` in this process (fast); a few run the real entry points
(`.venv/bin/journeyeditor`, `python -m journeyeditor`) to check they are wired up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeyeditor import __version__, cli
from journeyeditor.store import database, templates
from journeyeditor.store.errors import (
    BadInterchangeError,
    FileMissingError,
    NotAJourneyFileError,
    OutputExistsError,
    WriteFailedError,
)

from helpers.projects import export_file, folder_listing, sha256

USAGE = 1  # cli.py: "Exit codes: 0 done, 1 usage, and each file problem its own code"


@pytest.fixture
def run(qapp: Any, capsys: pytest.CaptureFixture[str]) -> Any:
    """Run the command line in this process: (exit code, stdout, stderr).

    Takes pytest-qt's application first, so the command line does not make a bare
    QCoreApplication that GUI tests would then inherit.
    """
    del qapp

    def call(*argv: str | Path) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def entry_point(*argv: str | Path, module: bool = False) -> subprocess.CompletedProcess[str]:
    program = [sys.executable, "-m", "journeyeditor"]
    if not module:
        program = [str(Path(sys.executable).with_name("journeyeditor"))]
    return subprocess.run([*program, *map(str, argv)], capture_output=True, text=True, timeout=60)


def test_templates_lists_every_template(run: Any) -> None:
    code, out, err = run("templates")
    assert (code, err) == (0, "")
    assert out.split() == templates.template_ids()


def test_new_makes_a_sound_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "project.journey"
    code, out, _err = run("new", path)
    assert code == 0 and "Created" in out and templates.DEFAULT in out
    assert database.check_file(path) == []
    assert folder_listing(tmp_path) == ["project.journey"]
    expected = templates.template_path(templates.DEFAULT, "en").read_text(encoding="utf-8")
    assert export_file(path) == expected


@pytest.mark.parametrize(("template_id", "language"), [("sample", "fr"), ("blank", "en")])
def test_new_from_a_template_and_language(
    run: Any, tmp_path: Path, template_id: str, language: str
) -> None:
    path = tmp_path / "t.journey"
    assert run("new", path, "--template", template_id, "--lang", language)[0] == 0
    expected = templates.template_path(template_id, language).read_text(encoding="utf-8")
    assert export_file(path) == expected


@pytest.mark.parametrize(
    ("locale", "argv", "language"),
    [
        ("fr_FR.UTF-8", [], "fr"),
        ("en_GB.UTF-8", [], "en"),
        ("fr_FR.UTF-8", ["--lang", "en"], "en"),
    ],
)
def test_new_follows_the_interface_language(
    tmp_path: Path, locale: str, argv: list[str], language: str
) -> None:
    """Under a French locale `new` makes the French sample unless --lang says otherwise:
    the language the command line already speaks, not English always."""
    path = tmp_path / "made.journey"
    kept = {k: v for k, v in os.environ.items() if k not in ("LC_MESSAGES", "LANGUAGE")}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "journeyeditor", "new", str(path), "--template", "sample", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**kept, "LANG": locale, "LC_ALL": locale, "PYTHONPATH": str(root)},
    )
    assert result.returncode == 0, result.stderr
    expected = templates.template_path("sample", language).read_text(encoding="utf-8")
    assert export_file(path) == expected


def test_new_refuses_to_overwrite_without_force(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "project.journey"
    path.write_bytes(b"precious")
    code, out, err = run("new", path, "--template", "blank")
    assert code == OutputExistsError.exit_code and out == ""
    assert "project.journey" in err and "--force" in err and len(err.splitlines()) == 1
    assert "disk space" not in err
    assert path.read_bytes() == b"precious"
    assert folder_listing(tmp_path) == ["project.journey"]
    code, _out, _err = run("new", path, "--template", "blank", "--force")
    assert code == 0 and database.check_file(path) == []


def test_new_in_a_missing_folder(run: Any, tmp_path: Path) -> None:
    code, _out, err = run("new", tmp_path / "nowhere" / "p.journey")
    assert code == WriteFailedError.exit_code and "p.journey" in err
    assert folder_listing(tmp_path) == []


def test_info_text(run: Any, sample_file: Path) -> None:
    code, out, err = run("info", sample_file)
    assert (code, err) == (0, "")
    data = json.loads(export_file(sample_file))
    lines = out.splitlines()
    assert lines[0] == f"sample.journey — {data['project']['name']} (en)"
    cards = sum(len(m["cards"]) for m in data["maps"])
    people = f"{len(data['personas'])} personas, {len(data['departments'])} departments"
    assert lines[1] == f"{len(data['maps'])} maps, {cards} cards, {people}"
    for journey_map in data["maps"]:
        assert journey_map["name"] in out
        assert " → ".join(s["name"] for s in journey_map["stages"]) in out


def test_info_json(run: Any, sample_file: Path) -> None:
    code, out, _err = run("info", sample_file, "--json")
    assert code == 0
    info = json.loads(out)
    data = json.loads(export_file(sample_file))
    assert info["file"] == str(sample_file)
    assert info["project"] == data["project"]["name"] and info["language"] == "en"
    assert info["personas"] == [p["name"] for p in data["personas"]]
    assert info["departments"] == [d["name"] for d in data["departments"]]
    assert [m["name"] for m in info["maps"]] == [m["name"] for m in data["maps"]]
    assert [m["cards"] for m in info["maps"]] == [len(m["cards"]) for m in data["maps"]]
    assert info["cards"] == sum(len(m["cards"]) for m in data["maps"])
    first = info["maps"][0]
    assert first["lanes"][0] == {"name": "Touchpoints", "kind": "touchpoint"}
    assert first["persona"] == data["personas"][0]["name"]
    assert first["emotion_points"] == len(data["maps"][0]["emotions"])


def test_check_good_file(run: Any, sample_file: Path) -> None:
    before = sha256(sample_file)
    assert run("check", sample_file) == (0, "sample.journey: sound.\n", "")
    assert sha256(sample_file) == before


def test_export_import_round_trip(run: Any, sample_file: Path, tmp_path: Path) -> None:
    exported = tmp_path / "out.json"
    code, out, _err = run("export", sample_file, "--format", "json", "-o", exported)
    assert code == 0 and "Exported" in out
    text = exported.read_text(encoding="utf-8")
    assert text == export_file(sample_file)
    imported = tmp_path / "in.journey"
    code, out, _err = run("import", exported, "-o", imported)
    assert code == 0 and "Imported" in out
    again = tmp_path / "again.json"
    assert run("export", imported, "--format", "json", "-o", again)[0] == 0
    assert again.read_bytes() == exported.read_bytes()
    assert sorted(folder_listing(tmp_path)) == sorted(
        ["sample.journey", "out.json", "in.journey", "again.json"]
    )


def test_import_refuses_to_overwrite_without_force(
    run: Any, sample_file: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "out.json"
    assert run("export", sample_file, "--format", "json", "-o", exported)[0] == 0
    target = tmp_path / "target.journey"
    assert run("new", target, "--template", "blank")[0] == 0
    before = sha256(target)
    code, _out, err = run("import", exported, "-o", target)
    assert code == OutputExistsError.exit_code and "--force" in err
    assert sha256(target) == before
    assert run("import", exported, "-o", target, "--force")[0] == 0
    assert export_file(target) == export_file(sample_file)


def test_export_of_a_missing_or_foreign_file(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, _out, err = run("export", tmp_path / "ghost.journey", "--format", "json", "-o", out)
    assert code == FileMissingError.exit_code and "ghost.journey" in err
    text = tmp_path / "notes.journey"
    text.write_text("hello", encoding="utf-8")
    code, _out, err = run("export", text, "--format", "json", "-o", out)
    assert code == NotAJourneyFileError.exit_code and "notes.journey" in err
    assert not out.exists()


def test_export_into_a_missing_folder(run: Any, sample_file: Path, tmp_path: Path) -> None:
    code, _out, err = run(
        "export", sample_file, "--format", "json", "-o", tmp_path / "no" / "out.json"
    )
    assert code == WriteFailedError.exit_code and "out.json" in err


def test_import_of_bad_json(run: Any, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"format": "journeyeditor-project", "version": 1, "maps": 3}')
    code, _out, err = run("import", source, "-o", tmp_path / "x.journey")
    assert code == BadInterchangeError.exit_code
    assert err.strip() == "bad.json cannot be imported: maps: must be a list of objects."
    assert folder_listing(tmp_path) == ["bad.json"]


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["info"],
        ["export", "x.journey"],
        ["export", "x.journey", "--format", "docx", "-o", "x.docx"],
        ["export", "x.journey", "--format", "json"],
        ["import", "x.json"],
        ["new"],
        ["new", "x.journey", "--template", "no-such-template"],
        ["new", "x.journey", "--lang", "de"],
        ["info", "x.journey", "--colour"],
    ],
    ids=" ".join,
)
def test_bad_arguments(run: Any, tmp_path: Path, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == USAGE, "usage errors exit 1, not 2 (which is FileMissingError's code)"
    assert "usage:" in err and out == ""
    assert folder_listing(tmp_path) == []


def test_help_and_version(run: Any) -> None:
    code, out, _err = run("--help")
    assert code == 0 and "usage:" in out
    for command in cli.COMMANDS:
        assert command in out
    assert run("--version") == (0, __version__ + "\n", "")


def test_entry_points(sample_file: Path, tmp_path: Path) -> None:
    """The installed script and `python -m journeyeditor` reach the same command line."""
    result = entry_point("check", sample_file)
    assert (result.returncode, result.stdout) == (0, "sample.journey: sound.\n")
    out = tmp_path / "m.json"
    result = entry_point("export", sample_file, "--format", "json", "-o", out, module=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == export_file(sample_file)
    result = entry_point("check", tmp_path / "ghost.journey", module=True)
    assert result.returncode == FileMissingError.exit_code
    assert result.stderr == "ghost.journey: no such file.\n"
    result = entry_point("check")
    assert result.returncode == USAGE and "usage:" in result.stderr
