"""The bulk path of merging (operations.InsertMany): every new card in one executemany.

It must write exactly what the row-by-row path wrote (one Insert per card, kept as
`operations.one_by_one`), stay one undo step whose undo and redo give back the very same
rows, and refuse an undo when another program changed a merged card.
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing import edits, merge
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import InsertMany, one_by_one
from journeyeditor.store import database, interchange

from helpers.drafts import sample
from helpers.projects import file_contents, position_problems

TEXTS = ("Queue", "queue ", "Price", "Delay", "Chat", "Réponse", "reponse")
"""Few texts, some equal by `merge.key`, so that duplicates are skipped."""

Card = tuple[int, int, str]
"""A draft's card: stage index (past the master's: the draft's own new stage), lane index, text."""

cards = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 5), st.sampled_from(TEXTS)), max_size=25
)


def draft(master: dict[str, Any], path: Path, number: int, own: list[Card]) -> Path:
    """A copy of the master with one department, one new stage and `own` cards."""
    data = copy.deepcopy(master)
    data["departments"] = [{"id": 1, "name": f"Dept {number}", "color": "#336699"}]
    journey = data["maps"][0]
    journey["stages"].append({"id": 900, "name": f"New {number % 2}"})
    lanes = [lane["id"] for lane in journey["lanes"] if lane["kind"] != "emotion"]
    stages = [stage["id"] for stage in journey["stages"]]
    first = max((card["id"] for card in journey["cards"]), default=0) + 1
    for n, (stage, lane, text) in enumerate(own):
        journey["cards"].append(
            {
                "id": first + n,
                "stage": stages[min(stage, len(stages) - 1)],
                "lane": lanes[lane % len(lanes)],
                "text": f"{text} {n % 3}",
                "department": 1,
            }
        )
    plan = interchange.plan_import(data, path)
    database.create_file(path, interchange.populate_from(plan))
    return path


SIGNALS = (
    "cardAdded",
    "cardRemoved",
    "cellChanged",
    "stageAdded",
    "stageRemoved",
    "departmentAdded",
    "departmentRemoved",
    "emotionChanged",
)


def heard(document: Document) -> list[tuple[str, tuple[int, ...]]]:
    """What the views are told, from now on (sorted when compared: order may differ)."""
    events: list[tuple[str, tuple[int, ...]]] = []
    for name in SIGNALS:
        getattr(document, name).connect(lambda *args, name=name: events.append((name, args)))
    return events


def merge_into(path: Path, drafts: list[Path], bulk: bool) -> Document:
    document = Document.open(path)
    plan = merge.plan_merge(document, [merge.read_draft(p) for p in drafts])
    if bulk:
        command = plan.command(document)
        assert any(isinstance(step, InsertMany) for step in command.operations) == any(
            s.cards_added for s in plan.drafts
        )
    else:
        command = EditCommand(document, "row by row", one_by_one(plan.operations))
    assert document.push(command) or plan.empty
    return document


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cards, min_size=1, max_size=3))
def test_bulk_merge_writes_what_row_by_row_did_and_undoes_exactly(
    qapp: QCoreApplication, own: list[list[Card]]
) -> None:
    """Same rows, same signals to the views, and undo/redo give back the very rows."""
    del qapp
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        master = sample(folder / "master.journey", template="awareness-advocacy")
        journey = database.open_file(master, read_only=True)
        data = interchange.export_project(journey.raw)
        journey.close()
        drafts = [draft(data, folder / f"d{n}.journey", n, c) for n, c in enumerate(own)]
        single = shutil.copyfile(master, folder / "single.journey")
        document = merge_into(single, drafts, bulk=False)
        told = heard(document)
        document.undo()
        undone = sorted(told)
        document.redo()
        redone = sorted(told[len(undone) :])
        document.close()
        expected = file_contents(single)
        before = file_contents(master)
        document = merge_into(master, drafts, bulk=True)
        told = heard(document)
        try:
            assert file_contents(master) == expected
            for _ in range(2):
                del told[:]
                document.undo()
                assert file_contents(master) == before
                assert sorted(told) == undone
                del told[:]
                document.redo()
                assert file_contents(master) == expected
                assert sorted(told) == redone
        finally:
            document.close()


@pytest.fixture
def merged(qapp: QCoreApplication, tmp_path: Path) -> Document:
    """A master into which two drafts of 30 cards each were merged in bulk."""
    del qapp
    master = sample(tmp_path / "master.journey", template="awareness-advocacy")
    journey = database.open_file(master, read_only=True)
    data = interchange.export_project(journey.raw)
    journey.close()
    own = [(n % 4, n % 5, f"idea {n}") for n in range(30)]
    drafts = [draft(data, tmp_path / f"d{n}.journey", n, own) for n in range(2)]
    return merge_into(master, drafts, bulk=True)


def merged_card(document: Document) -> tuple[int, int, int, int]:
    """A bulk-merged card that is last in its cell: (id, stage, lane, position)."""
    connection = sqlite3.connect(document.path)
    row = connection.execute(
        "SELECT id, stage_id, lane_id, position FROM card WHERE source != '' "
        "ORDER BY position DESC, id LIMIT 1"
    ).fetchone()
    connection.close()
    return tuple(row)


def test_undo_refused_when_another_program_changed_a_merged_card(merged: Document) -> None:
    errors: list[str] = []
    merged.errorOccurred.connect(errors.append)
    card_id = merged_card(merged)[0]
    connection = sqlite3.connect(merged.path, isolation_level=None)
    connection.execute("UPDATE card SET text = 'changed elsewhere' WHERE id = ?", (card_id,))
    connection.close()
    changed = file_contents(merged.path)
    merged.check_external()
    merged.undo()
    try:
        assert errors and merged.stack.index() == 1
        assert file_contents(merged.path) == changed
    finally:
        merged.close()


def test_undo_leaves_a_card_another_program_added_at_its_key(merged: Document) -> None:
    """Another program adds a card after a merged one; undoing the merge takes the merged
    cards away and leaves that card where it was (keys with gaps: nothing closes up)."""
    card_id, stage_id, lane_id, position = merged_card(merged)
    connection = sqlite3.connect(merged.path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("CREATE TEMP TABLE late AS SELECT * FROM card WHERE id = ?", (card_id,))
    moved = "UPDATE late SET id = 99999, position = ?, text = 'late', source = ''"
    connection.execute(moved, (position + 1,))
    connection.execute("INSERT INTO card SELECT * FROM late")
    merged.check_external()
    merged.undo()
    try:
        assert merged.stack.index() == 0
        rows = connection.execute("SELECT count(*) FROM card WHERE source != ''").fetchone()
        assert rows == (0,)
        assert position_problems(lambda sql: connection.execute(sql).fetchall()) == []
        late = connection.execute("SELECT position FROM card WHERE id = 99999").fetchone()
        cell = "SELECT id FROM card WHERE stage_id = ? AND lane_id = ? ORDER BY position"
        assert late == (position + 1,)
        assert connection.execute(cell, (stage_id, lane_id)).fetchall()[-1] == (99999,)
    finally:
        connection.close()
        merged.close()


def test_ids_another_program_took_are_renumbered(qapp: QCoreApplication, tmp_path: Path) -> None:
    """Between planning and pushing, another program adds a card with the id the plan gave
    the first merged card: the bulk rows are renumbered under the write lock, not refused."""
    del qapp
    master = sample(tmp_path / "master.journey", template="awareness-advocacy")
    journey = database.open_file(master, read_only=True)
    data = interchange.export_project(journey.raw)
    journey.close()
    own = [(n % 4, n % 5, f"idea {n}") for n in range(12)]
    drafts = [draft(data, tmp_path / "d0.journey", 0, own)]
    document = Document.open(master)
    try:
        map_id = document.maps()[0].id
        stage, lane = document.stages(map_id)[0].id, document.lanes(map_id)[0].id
        assert document.push(edits.add_card(document, stage, lane, text="first"))
        plan = merge.plan_merge(document, [merge.read_draft(p) for p in drafts])
        bulk = next(step for step in plan.operations if isinstance(step, InsertMany))
        taken = bulk.rows[0]["id"]
        other = sqlite3.connect(master, isolation_level=None)
        copied = "CREATE TEMP TABLE late AS SELECT * FROM card WHERE text = 'first'"
        other.execute(copied)
        other.execute("UPDATE late SET id = ?, text = 'elsewhere'", (taken,))
        other.execute(
            "UPDATE late SET position = (SELECT count(*) FROM card c WHERE "
            "c.stage_id = late.stage_id AND c.lane_id = late.lane_id)"
        )
        other.execute("INSERT INTO card SELECT * FROM late")
        before = file_contents(master)
        assert document.push(plan.command(document))
        merged = other.execute("SELECT count(*) FROM card WHERE source = 'd0.journey'")
        assert merged.fetchone() == (12,)
        assert other.execute("SELECT text FROM card WHERE id = ?", (taken,)).fetchone() == (
            "elsewhere",
        )
        assert position_problems(lambda sql: other.execute(sql).fetchall()) == []
        document.undo()
        assert file_contents(master) == before
        other.close()
    finally:
        document.close()
