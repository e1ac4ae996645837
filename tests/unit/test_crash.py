"""Killing the editor at any moment loses at most the edit in flight.

A child process (tests/helpers/crash_child.py) edits a file through the Document and
reports each edit once push() has returned; the parent kills it with SIGKILL at random
moments, then checks that the file is sound, opens, and holds every reported edit.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from journeyeditor.editing.document import Document
from journeyeditor.store import database

from helpers.projects import export_file, position_problems, sha256, sqlite_rows

CHILD = Path(__file__).resolve().parent.parent / "helpers" / "crash_child.py"
ROUNDS = 8


@dataclass
class Report:
    """What one child said it did: finished edits, and the one in flight if any."""

    done: list[list[str]] = field(default_factory=list)
    in_flight: list[str] | None = None

    @classmethod
    def parse(cls, lines: list[str]) -> Report:
        report = cls()
        for line in lines:
            status, *words = line.split(" ")
            if status == "try":
                report.in_flight = words
            elif status == "done":
                assert words == report.in_flight, (words, report.in_flight)
                report.done.append(words)
                report.in_flight = None
            else:
                assert status == "ready", line
        return report


def card_texts(path: Path) -> dict[int, str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(connection.execute("SELECT id, text FROM card").fetchall())
    finally:
        connection.close()


def verify(report: Report, cards: dict[int, str]) -> None:
    """Every finished edit is in the file; the one in flight is there whole or not at all."""
    expected: dict[int, set[str | None]] = {}  # card id -> acceptable texts (None: gone)
    for kind, *args in report.done:
        if kind in ("add", "edit"):
            expected[int(args[0])] = {args[1]}
        elif kind == "delete":
            expected[int(args[0])] = {None}
        elif kind == "paste":
            prefix, count = args[0] + "-line", int(args[1])
            found = [t for t in cards.values() if t.startswith(prefix)]
            assert len(found) == count, f"paste {args[0]}: {len(found)} of {count} cards"
    if report.in_flight:
        kind, *args = report.in_flight
        if kind == "add":
            expected[int(args[0])] = {None, args[1]}
        elif kind == "edit":
            expected[int(args[0])] = expected[int(args[0])] | {args[1]}
        elif kind == "delete":
            expected[int(args[0])] = expected[int(args[0])] | {None}
        elif kind == "paste":
            prefix, count = args[0] + "-line", int(args[1])
            found = [t for t in cards.values() if t.startswith(prefix)]
            assert len(found) in (0, count), f"half a paste: {len(found)} of {count}"
    for card_id, acceptable in expected.items():
        assert cards.get(card_id) in acceptable, (card_id, cards.get(card_id), acceptable)


def kill_at_random(path: Path, seed: int, delay: float) -> tuple[Report, bool]:
    """Run a child on `path`, SIGKILL it `delay` seconds after it is ready."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == "ready\n", first + (child.stderr.read() if child.stderr else "")
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    journal = path.with_name(path.name + "-journal")
    hot = journal.exists() and journal.stat().st_size > 0
    return Report.parse(["ready", *rest.splitlines()]), hot


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_reported(sample_file: Path) -> None:
    rng = random.Random(20261123)
    kept: dict[int, str] = {}  # cards earlier rounds left, which later children never touch
    hot_journals = 0
    edits_seen = 0
    for round_number in range(ROUNDS):
        delay = rng.uniform(0.0, 0.4)
        report, hot = kill_at_random(sample_file, round_number, delay)
        hot_journals += hot
        edits_seen += len(report.done)
        # A read-only check works even with a hot journal, and leaves the file alone.
        before = sha256(sample_file)
        assert database.check_file(sample_file) == []
        assert sha256(sample_file) == before
        # Opening for editing rolls a hot journal back; then the file is whole.
        database.open_file(sample_file).close()
        connection = sqlite3.connect(sample_file)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            assert position_problems(sqlite_rows(connection)) == []
        finally:
            connection.close()
        cards = card_texts(sample_file)
        verify(report, cards)
        for card_id, text in kept.items():
            assert cards.get(card_id) == text, f"round {round_number} lost card {card_id}"
        mentioned = {int(words[1]) for words in report.done if words[0] in ("add", "edit")}
        kept.update({c: cards[c] for c in mentioned if c in cards})
    assert edits_seen > ROUNDS, "the children should have had time to edit"
    print(f"{edits_seen} edits reported, {hot_journals}/{ROUNDS} kills left a hot journal")


def test_hot_journal_after_a_crash(sample_file: Path, qapp: object) -> None:
    """A crash in the middle of a big transaction leaves a hot journal behind.

    Reading the file read-only (check, info, export, a read-only window) must see the
    last committed state without touching the file; opening it for editing rolls back.
    """
    del qapp
    committed = export_file(sample_file)
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"  # spill changed pages into the file
        "c.execute('BEGIN IMMEDIATE')\n"
        'c.execute("UPDATE card SET text = text || hex(randomblob(300))")\n'
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(sample_file)], check=True)
    journal = sample_file.with_name(sample_file.name + "-journal")
    assert journal.exists(), "the crash should have left a journal"
    damaged = (sha256(sample_file), sha256(journal))
    assert database.check_file(sample_file) == []
    assert export_file(sample_file) == committed
    viewer = Document.open(sample_file, read_only=True)
    try:
        assert viewer.export_json() == committed
    finally:
        viewer.close()
    assert (sha256(sample_file), sha256(journal)) == damaged, "reading changed nothing"
    document = Document.open(sample_file)
    try:
        assert document.export_json() == committed
    finally:
        document.close()
    assert not journal.exists() or journal.stat().st_size == 0
    assert export_file(sample_file) == committed
