"""A quick command line: `info`, `check` and the JSON export of a current file import
neither Qt nor Alembic nor SQLAlchemy (they read through sqlite3); an older file still
migrates (then Alembic is imported); the stored schema signature is what the migrations
build; French messages still appear, read from the .qm without Qt.

Each command runs in a child started as a person starts it (`python -X importtime -m
journeyeditor …`), and the modules it imported are read from Python's own report.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journeyeditor import i18n
from journeyeditor.store import database, schema
from journeyeditor.store.errors import MergeError

from helpers.projects import export_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "shiboken6", "alembic")
READING = (
    "sqlalchemy",
    "journeyeditor.model.entities",
    "journeyeditor.render.layout",
    "PIL",
    "logging.handlers",
)
"""What `info`, `check` and the JSON export of a file without images do without."""
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def _env(**locale: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return {**env, **(locale or {"LANG": "C.UTF-8"})}


def _run(*argv: str | Path, **locale: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the command line in a child: its result and the top packages it imported
    (with every module's full name too)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "journeyeditor", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=_env(**locale),
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return result, modules | {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("command", ["info", "check", "export"])
def test_a_current_file_needs_neither_qt_nor_alembic(
    command: str, sample_file: Path, tmp_path: Path
) -> None:
    argv: list[str | Path] = [command, sample_file]
    if command == "export":
        argv += ["--format", "json", "-o", tmp_path / "out.json"]
    result, imported = _run(*argv)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"sqlite3", "journeyeditor.store.database"} <= imported  # the report was read
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
    if command == "export":
        assert (tmp_path / "out.json").read_text(encoding="utf-8") == export_file(sample_file)
    # read through sqlite3 alone; no map layout for the parser's paper sizes
    assert not imported & set(READING), sorted(imported & set(READING))


def test_an_older_file_still_migrates(tmp_path: Path) -> None:
    old = tmp_path / "old.journey"
    shutil.copy(FIXTURES / "schema_v1.journey", old)
    before = old.read_bytes()
    result, imported = _run("info", old, "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "alembic" in imported and "PySide6" not in imported
    assert old.read_bytes() == before  # read-only: migrated in memory
    journey = database.open_file(old)  # migrated in place, after a backup
    try:
        assert journey.version == schema.LATEST_VERSION
    finally:
        journey.close()
    assert (tmp_path / "old.v1.bak.journey").exists()
    assert json.loads(result.stdout)["project"] == "Schema v1 fixture"


def test_french_messages_appear_without_qt(sample_file: Path, tmp_path: Path) -> None:
    result, imported = _run("info", sample_file, LANG="fr_FR.UTF-8")
    assert result.returncode == 0, result.stderr[-2000:]
    assert " cartes, " in result.stdout.splitlines()[1]
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))  # read from the .qm
    result, imported = _run("check", tmp_path / "ghost.journey", LANGUAGE="fr", LANG="en_US")
    assert "fichier introuvable" in result.stderr
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_commands_that_load_qt_translate_through_it_in_french(sample_file: Path) -> None:
    """A merge edits through the Document, whose messages only Qt's translator knows."""
    result, imported = _run("merge", sample_file, sample_file, "--dry-run", LANG="fr_FR.UTF-8")
    assert result.returncode == MergeError.exit_code, result.stderr[-2000:]
    assert "c’est le projet dans lequel on fusionne" in result.stderr
    assert "PySide6" in imported


@pytest.mark.parametrize(
    "locale",
    [
        {"LANG": "fr_FR.UTF-8"},
        {"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"},
        {"LANG": "fr_FR.UTF-8", "LC_ALL": "C"},
        {"LANG": "en_GB", "LANGUAGE": "fr"},
        {"LANG": "fr_FR", "LANGUAGE": "en:fr"},
        {"LANG": "en_US", "LANGUAGE": ":fr"},
        {"LANG": "POSIX", "LANGUAGE": "fr"},
        {"LANG": "C.UTF-8", "LANGUAGE": "fr_CA"},
        {"LANGUAGE": "fr"},
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere Qt is asked")
def test_the_language_is_read_as_qt_reads_it(
    locale: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    script = (
        "from PySide6.QtCore import QLocale; from journeyeditor import i18n; "
        "print(QLocale.system().name(), i18n.environment_locale())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=_env(**locale),
        check=True,
    )
    qt_name, ours = result.stdout.split()
    assert qt_name.split("_")[0] == ours.split("_")[0].split("-")[0]
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in locale.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == ("fr" if qt_name.startswith("fr") else "en")


def test_stored_signature_is_what_the_migrations_build() -> None:
    assert schema.SIGNATURE_FILE.read_text(encoding="utf-8") == schema.signature_text(), (
        "run `python -m journeyeditor.store.schema --write-signature`"
    )
    assert schema.head_revision() == schema.revision_for(schema.LATEST_VERSION)


def test_write_signature_writes_the_stored_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "signature.json"
    monkeypatch.setattr(schema, "SIGNATURE_FILE", target)
    assert schema.main(["--write-signature"]) == 0
    assert target.read_bytes() == (ROOT / "journeyeditor/store/schema_signature.json").read_bytes()


@pytest.mark.parametrize("library", ["same", "other"])
def test_another_sqlite_library_is_checked_against_the_migrations(
    library: str, sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored signature that differs from a sound file refuses it only when this
    process runs the SQLite version that wrote it; else the migrations decide."""
    stored = json.loads(schema.SIGNATURE_FILE.read_text(encoding="utf-8"))
    stored["versions"][str(schema.LATEST_VERSION)]["card"]["sql"] += " "
    if library == "other":
        stored["sqlite"] = "0.0.0"
    monkeypatch.setattr(schema, "_stored", lambda: stored)
    raw = sqlite3.connect(sample_file)
    try:
        found = schema.compare(raw, schema.LATEST_VERSION)
    finally:
        raw.close()
    assert found.altered == (["card"] if library == "same" else [])
