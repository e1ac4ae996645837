"""Schema version 3, the workshop's data: participants, who wrote a card and when, dot
votes, merged emotion samples. Migration, file checks, JSON round trip, and deletes that
give everything back on undo (the database's cascades would not)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.editing.workshop import Workshop
from journeyeditor.model import Ballot, Card, Participant, Vote
from journeyeditor.store import database, interchange, schema
from journeyeditor.store.errors import BadInterchangeError, InvalidContentError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def workshop(tmp_path: Path, qapp: QCoreApplication) -> Iterator[Document]:
    """The version 3 fixture (a closed and an open ballot, votes, a participant)."""
    path = tmp_path / "workshop.journey"
    shutil.copyfile(FIXTURES / "schema_v3.journey", path)
    document = Document.open(path)
    yield document
    document.close()


def test_a_version_2_file_gains_the_workshop_columns_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.journey"
    shutil.copyfile(FIXTURES / "schema_v2.journey", path)
    journey = database.open_file(path)
    journey.close()
    assert (tmp_path / "old.v2.bak.journey").is_file()
    raw = sqlite3.connect(path)
    try:
        cards = raw.execute("SELECT DISTINCT participant_id, created, source FROM card").fetchall()
        samples = raw.execute("SELECT DISTINCT samples FROM emotion_point").fetchall()
        empty = [
            raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("participant", "ballot", "ballot_lane", "vote")
        ]
        version = raw.execute("PRAGMA user_version").fetchone()[0]
    finally:
        raw.close()
    assert cards == [(None, "", None)]
    assert samples == [(1,)]
    assert empty == [0, 0, 0, 0]
    assert version == schema.LATEST_VERSION
    assert database.check_file(path) == []


def test_new_cards_record_when_they_were_written(workshop: Document) -> None:
    stage, lane = workshop.stages(1)[0], workshop.lanes(1)[0]
    workshop.push(edits.add_card(workshop, stage.id, lane.id, text="Stamped", department_id=1))
    card = workshop.cell(stage.id, lane.id)[-1]
    assert card.text == "Stamped"
    assert len(card.created) == 20 and card.created.endswith("Z") and card.created[10] == "T"
    assert card.created[:10] == edits.stamp()[:10]
    workshop.stack.undo()
    workshop.stack.redo()
    assert workshop.cell(stage.id, lane.id)[-1].created == card.created


@pytest.mark.parametrize(
    "delete",
    [
        lambda d: edits.delete_cards(d, [8]),
        lambda d: edits.delete_stage(d, 2),
        lambda d: edits.delete_lane(d, 4),
        lambda d: edits.delete_map(d, 1),
        lambda d: edits.delete_participant(d, 1),
        lambda d: edits.delete_department(d, 1),
    ],
    ids=["card", "stage", "lane", "map", "participant", "department"],
)
def test_deletes_take_votes_along_and_undo_gives_everything_back(
    workshop: Document, delete: object
) -> None:
    before = workshop.export_json()
    assert len(workshop.votes(1)) == 2
    workshop.push(delete(workshop))  # type: ignore[operator]
    after = workshop.export_data()
    workshop.stack.undo()
    assert workshop.export_json() == before
    workshop.stack.redo()
    assert workshop.export_data() == after
    assert database.check_file(workshop.path) == []


def test_deleting_a_participant_leaves_their_cards_and_votes_unattributed(
    workshop: Document,
) -> None:
    workshop.push(edits.delete_participant(workshop, 1))
    assert workshop.get(Participant, 1) is None
    card = workshop.get(Card, 8)
    assert card is not None and card.participant_id is None and card.department_id == 1
    assert [vote.participant_id for vote in workshop.votes(1)] == [None, None]


def test_deleting_a_department_unassigns_its_participants(workshop: Document) -> None:
    workshop.push(edits.delete_department(workshop, 1))
    assert [p.department_id for p in workshop.participants()] == [None]


def test_participants_are_added_renamed_moved_and_undone(workshop: Document) -> None:
    workshop.push(edits.add_participant(workshop, "Bea", None))
    workshop.push(edits.move_participant(workshop, workshop.participants()[-1].id, 0))
    assert [p.name for p in workshop.participants()] == ["Bea", "Ada"]
    workshop.push(edits.edit_participant(workshop, workshop.participants()[0].id, name="Béa"))
    assert [p.name for p in workshop.participants()] == ["Béa", "Ada"]
    for _ in range(3):
        workshop.stack.undo()
    assert [p.name for p in workshop.participants()] == ["Ada"]


def test_the_fixture_round_trips_through_json(workshop: Document, tmp_path: Path) -> None:
    data = workshop.export_data()
    ballots = data["maps"][0]["ballots"]
    assert [b["is_open"] for b in ballots] == [False, True]
    assert ballots[0]["votes"] == [
        {"id": 1, "card": 8, "participant": 1},
        {"id": 2, "card": 8, "participant": None},
    ]
    copy = tmp_path / "copy.journey"
    database.create_file(copy, interchange.populate_from(interchange.plan_import(data)))
    journey = database.open_file(copy, read_only=True)
    try:
        assert interchange.export_text(journey.raw) == interchange.dumps(data)
    finally:
        journey.close()


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("UPDATE ballot SET is_open = 1", "ballot"),
        ("INSERT INTO ballot_lane VALUES (9, 1, 99)", "ballot_lane"),
        ("UPDATE emotion_point SET samples = 0", "samples"),
        ("UPDATE card SET created = 'x' || hex(zeroblob(40)) WHERE id = 8", "created"),
        ("UPDATE ballot SET allowance = 0 WHERE id = 2", "allowance"),
        ("UPDATE participant SET position = 3", "position"),
    ],
)
def test_hostile_workshop_rows_are_refused_on_open(
    workshop: Document, tmp_path: Path, sql: str, named: str
) -> None:
    workshop.close()
    path = tmp_path / "broken.journey"
    shutil.copyfile(FIXTURES / "schema_v3.journey", path)
    raw = sqlite3.connect(path)
    if "99" in sql:
        # a lane of another map: give the project a second map with its own lane
        raw.execute(
            "INSERT INTO journey_map (id, position, name, segment, state, description)"
            " VALUES (2, 1, 'Other', '', 'current', '')"
        )
        raw.execute(
            "INSERT INTO lane (id, map_id, position, name, kind, color, height)"
            " VALUES (99, 2, 0, 'x', 'text', '#ffffff', 100)"
        )
    raw.execute(sql)
    raw.commit()
    raw.close()
    with pytest.raises(InvalidContentError) as caught:
        database.open_file(path, read_only=True)
    assert named in str(caught.value)


def test_a_vote_for_a_card_of_another_map_is_refused_by_the_edit_check(
    workshop: Document,
) -> None:
    workshop.push(edits.duplicate_map(workshop, 1, "Copy"))
    other_card = workshop.cards(2)[0].id
    command = edits._command(
        workshop,
        "vote",
        [edits.Insert(Vote, {"id": 50, "ballot_id": 2, "card_id": other_card})],
    )
    before = workshop.export_json()
    workshop.push(command)
    assert workshop.export_json() == before
    assert workshop.get(Ballot, 2) is not None


def test_json_with_two_open_ballots_on_one_map_is_refused(workshop: Document) -> None:
    data = workshop.export_data()
    data["maps"][0]["ballots"][0]["is_open"] = True
    with pytest.raises(BadInterchangeError, match="second open vote"):
        interchange.plan_import(data)


def test_the_current_speaker_stamps_new_cards_and_is_forgotten_when_deleted(
    workshop: Document,
) -> None:
    speaker = Workshop(workshop)
    seen: list[dict[str, object]] = []
    speaker.changed.connect(lambda: seen.append(speaker.card_fields()))
    assert speaker.card_fields() == {}
    speaker.set_participant(1)
    assert speaker.card_fields() == {"department_id": 1, "participant_id": 1}
    workshop.push(edits.add_department(workshop, "Sales", "#3d5a80"))
    sales = workshop.departments()[-1].id
    speaker.set_department(sales)
    assert speaker.card_fields() == {"department_id": sales}
    with pytest.raises(ValueError):
        speaker.set_participant(99)
    speaker.set_participant(1)
    workshop.push(edits.delete_participant(workshop, 1))
    assert speaker.card_fields() == {"department_id": 1}
    workshop.push(edits.delete_department(workshop, 1))
    assert speaker.card_fields() == {}
    assert len(seen) == 5
