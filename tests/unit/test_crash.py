"""Killing the editor at any moment loses at most the edit in flight, never half of it.

A child process (tests/helpers/crash_child.py) edits cards through the Document: adds,
pastes, text edits, moves to another cell, reorders inside a cell, deletes. Just before
each COMMIT it reports, from inside the write transaction, the card table the edit will
leave. The parent kills it with SIGKILL, then checks that the file opens, passes the
integrity check, and holds exactly the card table before the edit in flight or exactly
the one after it: every card in its cell at its place, moved or not, whole.

Half the rounds kill the child while it holds a write transaction open: it pauses in
the commit hook of a chosen kind of edit (one round per kind: a move to another cell,
a reorder, a paste…), after writing every row, and the parent kills it on reading
that. So kills during a write are not left to chance. The other half kill after a
random delay, wherever that falls.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from journeyeditor.editing.document import Document
from journeyeditor.store import database

from helpers.crash_child import CARD_STATE
from helpers.projects import child_environment, export_file, position_problems, sha256, sqlite_rows

CHILD = Path(__file__).resolve().parent.parent / "helpers" / "crash_child.py"
KINDS = ("move-between", "reorder", "paste", "add", "edit", "delete")
"""The edits crash_child makes; each is killed inside its write once per run."""

State = list[list[Any]]


@dataclass
class Report:
    """What one child said: the edits it finished, and the one in flight if any."""

    done: list[str] = field(default_factory=list)
    in_flight: str | None = None
    after: State | None = None
    """The card table the edit in flight will leave, if it reached its commit."""
    last_done: State | None = None
    """The card table the last finished edit left."""

    @classmethod
    def parse(cls, lines: list[str]) -> Report:
        report = cls()
        for line in lines:
            status, number, *rest = line.split(" ", 2)
            said = f"{status} {number}"
            if status == "try":
                assert report.in_flight is None, said
                report.in_flight, report.after = rest[0].split(" ")[0], None
            elif status == "write":
                assert report.in_flight is not None, said
                assert report.after is None, f"{said}: a second COMMIT in one edit"
                report.after = json.loads(rest[0])
            elif status == "done":
                assert report.in_flight is not None and report.after is not None, said
                report.done.append(report.in_flight)
                report.last_done, report.in_flight, report.after = report.after, None, None
            else:
                raise AssertionError(f"unexpected line from the child: {said}")
        return report

    @property
    def killed_in_write(self) -> bool:
        """The last word was `write`: the kill came inside the transaction, before COMMIT
        returned."""
        return self.in_flight is not None and self.after is not None


def card_state(path: Path) -> State:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [list(row) for row in connection.execute(CARD_STATE)]
    finally:
        connection.close()


def run_and_kill(path: Path, seed: int, pause: tuple[int, str], delay: float) -> Report:
    """Run a child; kill it inside the write of the edit `pause` names (number from which,
    kind), or else `delay` seconds after it is ready."""
    pause_at, pause_kind = pause
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed), str(pause_at), pause_kind],
        env=child_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == "ready\n", first + (child.stderr.read() if child.stderr else "")
        if pause_at:
            kind, number = "", 0
            while True:
                line = child.stdout.readline()
                assert line, child.stderr.read() if child.stderr else "the child stopped"
                lines.append(line.rstrip("\n"))
                words = line.split(" ", 3)
                if words[0] == "try":
                    number, kind = int(words[1]), words[2]
                elif words[0] == "write" and kind == pause_kind and number >= pause_at:
                    break
        else:
            time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()
        # A line the kill cut short was not said: the child was still writing it.
        lines += rest.split("\n")[:-1]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    return Report.parse(lines)


def check_file_after_kill(path: Path) -> None:
    """The file checks clean (read-only, without touching it), opens, and is whole."""
    before = sha256(path)
    assert database.check_file(path) == []
    assert sha256(path) == before, "a read-only check changed the file"
    database.open_file(path).close()  # rolls a hot journal back
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert position_problems(sqlite_rows(connection)) == []
    finally:
        connection.close()


@pytest.mark.slow
def test_sigkill_keeps_each_edit_whole_or_absent(sample_file: Path) -> None:
    rng = random.Random(20261123)
    state = card_state(sample_file)
    kinds: dict[str, int] = {}
    killed_in_write: list[str] = []
    plan = [(rng.randint(1, 8), kind) for kind in KINDS] + [(0, "")] * len(KINDS)
    for round_number, pause in enumerate(plan):
        paused = bool(pause[0])
        report = run_and_kill(sample_file, round_number, pause, rng.uniform(0.05, 0.4))
        if paused:
            assert report.killed_in_write, f"round {round_number}: the kill missed the write"
            assert report.in_flight == pause[1]
        if report.killed_in_write and report.in_flight:
            killed_in_write.append(report.in_flight)
        check_file_after_kill(sample_file)
        before = report.last_done if report.last_done is not None else state
        if report.in_flight is None:
            acceptable = [before]  # killed between edits
        elif report.after is None:
            acceptable = [before]  # killed before the edit wrote anything
        else:
            acceptable = [before, report.after]
        found = card_state(sample_file)
        assert any(found == state for state in acceptable), (
            f"round {round_number}: after {len(report.done)} edits, with "
            f"{report.in_flight!r} in flight, the cards are neither before nor after it"
        )
        if paused:
            assert found == before, "an edit killed before its COMMIT must leave no trace"
        for kind in [*report.done, *([report.in_flight] if report.in_flight else [])]:
            kinds[kind] = kinds.get(kind, 0) + 1
        state = found
    assert set(KINDS) <= set(killed_in_write), killed_in_write
    for kind in KINDS:
        assert kinds.get(kind, 0) > 0, f"no {kind} was checked: {kinds}"
    print(f"edits checked: {kinds}; kills inside the write of: {killed_in_write}")


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
