"""The Document when something else touches the file or a step fails in an unforeseen way.

Another connection deletes or changes a row under a push, an undo or a redo; a second
editor adds rows at the same time; an operation raises an exception nobody planned for.
In every case the file and the undo stack stay as they were and a person reads why.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits, voting
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Update
from journeyeditor.editing.rows import defaults
from journeyeditor.model import Card, LaneKind, Stage

from helpers.projects import export_file, file_contents, sha256


def other(path: Path) -> sqlite3.Connection:
    """Another program with the file open (autocommit: each statement commits)."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=0.5)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def delete_elsewhere(path: Path, card_id: int) -> None:
    """Another editor deletes a card; as ours, it leaves the gap in its cell's keys."""
    with other(path) as connection:
        connection.execute("DELETE FROM card WHERE id = ?", (card_id,))


def first_text_cell(document: Document) -> tuple[int, int]:
    map_id = document.maps()[0].id
    lane = next(lane for lane in document.lanes(map_id) if lane.kind == LaneKind.TEXT.value)
    return document.stages(map_id)[0].id, lane.id


def a_card(document: Document) -> Card:
    return document.cards(document.maps()[0].id)[0]


def state(document: Document) -> tuple[str, int, int]:
    return export_file(document.path), document.stack.count(), document.stack.index()


def raw_state(document: Document) -> tuple[object, int, int]:
    """The file's rows as sqlite3 reads them (an export would refuse a damaged file)."""
    return file_contents(document.path), document.stack.count(), document.stack.index()


def test_row_deleted_before_push(document: Document, errors: list[str]) -> None:
    card = a_card(document)
    command = edits.edit_card(document, card.id, text="mine")
    delete_elsewhere(document.path, card.id)
    before = state(document)
    assert not document.push(command)
    assert state(document) == before
    assert len(errors) == 1 and "another window or program" in errors[0]


@pytest.mark.parametrize("change", ["delete", "update"])
def test_row_changed_before_undo(document: Document, errors: list[str], change: str) -> None:
    card = a_card(document)
    assert document.push(edits.edit_card(document, card.id, text="mine"))
    if change == "delete":
        delete_elsewhere(document.path, card.id)
    else:
        with other(document.path) as connection:
            connection.execute("UPDATE card SET text = 'theirs' WHERE id = ?", (card.id,))
    before = state(document)
    digest = sha256(document.path)
    document.undo()
    assert state(document) == before, "a refused undo leaves the file and the stack"
    assert sha256(document.path) == digest
    assert len(errors) == 1 and "another window or program" in errors[0]


def test_row_changed_before_redo(document: Document, errors: list[str]) -> None:
    card = a_card(document)
    assert document.push(edits.edit_card(document, card.id, text="mine"))
    document.undo()
    with other(document.path) as connection:
        connection.execute("UPDATE card SET text = 'theirs' WHERE id = ?", (card.id,))
    before = state(document)
    document.redo()
    assert state(document) == before
    assert len(errors) == 1


def test_several_steps_one_vanished_row_nothing_applied(
    document: Document, errors: list[str]
) -> None:
    """A move of three cards whose last card is deleted meanwhile: none of them moves."""
    stage_id, lane_id = first_text_cell(document)
    cards = document.cards(document.maps()[0].id)[:3]
    assert document.push(edits.move_cards(document, [c.id for c in cards], stage_id, lane_id, 0))
    delete_elsewhere(document.path, cards[-1].id)
    before = state(document)
    document.undo()
    assert state(document) == before
    assert len(errors) == 1


def test_unforeseen_exception_rolls_back(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any exception in a step (here a RuntimeError after a first write) undoes it all."""
    cards = document.cards(document.maps()[0].id)[:2]
    command = edits.edit_cards(document, [c.id for c in cards], text="half")
    calls = 0
    original = Update.do

    def second_fails(self: Update, session: Any, notices: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("unforeseen")
        original(self, session, notices)

    monkeypatch.setattr(Update, "do", second_fails)
    before = state(document)
    assert not document.push(command)
    assert calls == 2, "the first update ran before the failure"
    assert state(document) == before
    assert [document.get(Card, c.id).text for c in cards] == [c.text for c in cards]  # type: ignore[union-attr]
    assert len(errors) == 1


def test_unforeseen_exception_in_undo_keeps_the_stack(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = a_card(document)
    assert document.push(edits.edit_card(document, card.id, text="mine"))
    monkeypatch.setattr(Update, "undo", lambda *_: (_ for _ in ()).throw(RuntimeError("boom")))
    before = state(document)
    document.undo()
    assert state(document) == before
    monkeypatch.undo()
    document.undo()
    assert document.get(Card, card.id).text == card.text  # type: ignore[union-attr]


def test_two_editors_never_refuse_each_others_cards(
    document: Document, second: Document, errors: list[str]
) -> None:
    stage_id, lane_id = first_text_cell(document)
    for turn in range(3):
        for editor, name in ((document, "one"), (second, "two")):
            command = edits.add_card(editor, stage_id, lane_id, text=f"{name} {turn}")
            assert editor.push(command), f"{name} refused on turn {turn}"
    texts = [card.text for card in document.cell(stage_id, lane_id)]
    for turn in range(3):
        assert f"one {turn}" in texts and f"two {turn}" in texts
    assert errors == []
    document.undo()
    assert "one 2" not in [card.text for card in document.cell(stage_id, lane_id)]


def test_renumbered_rows_keep_their_references(document: Document, second: Document) -> None:
    """A new stage reserves its emotion points' ids too; both are renumbered together."""
    map_id = document.maps()[0].id
    mine = edits.add_stage(document, map_id, name="Mine")
    theirs = edits.add_stage(second, map_id, name="Theirs")
    assert second.push(theirs)
    assert document.push(mine)
    names = [stage.name for stage in document.stages(map_id)]
    assert "Mine" in names and "Theirs" in names
    emotion = [lane.id for lane in document.lanes(map_id) if lane.kind == "emotion"]
    stages = {stage.name: stage.id for stage in document.stages(map_id)}
    for lane_id in emotion:
        assert document.emotion_point(lane_id, stages["Mine"]) is not None
        assert document.emotion_point(lane_id, stages["Theirs"]) is not None


def test_another_programs_commit_is_noticed(
    document: Document, qtbot: QtBot, errors: list[str]
) -> None:
    card = a_card(document)
    assert document.get(Card, card.id).text == card.text  # type: ignore[union-attr]
    with other(document.path) as connection:
        connection.execute("UPDATE card SET text = 'from elsewhere' WHERE id = ?", (card.id,))
    with qtbot.waitSignal(document.externallyChanged, timeout=5_000):
        pass
    assert document.get(Card, card.id).text == "from elsewhere"  # type: ignore[union-attr]
    assert errors == []


def test_own_commits_are_not_external(document: Document, qtbot: QtBot) -> None:
    card = a_card(document)
    assert document.push(edits.edit_card(document, card.id, text="mine"))
    with qtbot.assertNotEmitted(document.externallyChanged, wait=2 * Document.WATCH_INTERVAL_MS):
        pass


def test_no_edit_from_inside_an_announcement(document: Document, caplog: Any) -> None:
    """A view that pushes, undoes or redoes while hearing of an edit is refused."""
    card = a_card(document)
    inner: list[bool] = []

    def meddle(*_args: int) -> None:
        inner.append(document.push(edits.edit_card(document, card.id, text="echo")))
        document.undo()

    document.cardChanged.connect(meddle)
    assert document.push(edits.edit_card(document, card.id, text="mine"))
    document.cardChanged.disconnect(meddle)
    assert inner == [False]
    assert document.stack.count() == 1 and document.stack.index() == 1
    assert document.get(Card, card.id).text == "mine"  # type: ignore[union-attr]
    assert "being announced" in caplog.text


def test_undo_of_a_move_refused_at_its_commit_can_be_retried(
    document: Document, errors: list[str]
) -> None:
    """Another program reading the file when an undo commits (SQLite then refuses the
    commit, after the undo's writes): the undo is refused whole, and once the reader is
    gone the same undo works; the move's own record of where the card went is not lost
    to the refused attempt (it was, and every later undo was called a conflict)."""
    card = a_card(document)
    before = (card.stage_id, card.lane_id, card.position)
    target = next(c for c in document.cards(document.maps()[0].id) if c.stage_id != card.stage_id)
    assert document.push(edits.move_cards(document, [card.id], target.stage_id, target.lane_id, 0))
    moved = state(document)
    with other(document.path) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM card").fetchone()
        document.undo()
        reader.execute("COMMIT")
    assert state(document) == moved
    assert len(errors) == 1 and "being written by another program" in errors[0]
    document.undo()
    assert errors[1:] == []
    card = document.get(Card, card.id)  # type: ignore[assignment]
    assert (card.stage_id, card.lane_id, card.position) == before
    document.redo()
    assert errors[1:] == [] and state(document) == moved


def test_reading_while_told_of_a_refused_edit_leaves_no_lock(document: Document) -> None:
    """A view that reads while it hears of a refused edit (a message box repaints the
    map) must read as any other time: its read transaction ends, so no lock outlives it
    and other programs can write the file. It used to read as if inside the edit, and the
    file stayed locked until the next read."""
    card_id = a_card(document).id
    stage_id = first_text_cell(document)[0]
    document.session.expunge_all()
    document._recent.clear()
    read: list[Any] = []
    document.errorOccurred.connect(lambda _: read.append(document.get(Stage, stage_id)))
    blocker = other(document.path)
    blocker.execute("BEGIN IMMEDIATE")
    assert not document.push(edits.edit_card(document, card_id, text="blocked"))
    blocker.execute("ROLLBACK")
    assert read and read[0] is not None
    assert not document.session.in_transaction()
    blocker.execute("UPDATE project SET name = 'theirs'")
    blocker.close()


def test_redo_of_an_insert_whose_id_another_editor_took_is_a_conflict(
    document: Document, second: Document, errors: list[str]
) -> None:
    """One window adds a card and undoes it; the other, seeing the id free, adds its own
    card with it; the first window's redo cannot give its card that id again (later
    steps name it), so it is refused as a change made elsewhere, not as a broken rule."""
    stage_id, lane_id = first_text_cell(document)
    assert document.push(edits.add_card(document, stage_id, lane_id, text="mine"))
    document.undo()
    second.check_external()
    assert second.push(edits.add_card(second, stage_id, lane_id, text="theirs"))
    before = state(document)
    document.redo()
    assert state(document) == before
    assert len(errors) == 1 and "another window or program" in errors[0], errors


def test_a_held_row_read_again_leaves_no_lock(document: Document) -> None:
    """Another program's commit expires the rows a view holds; the view reads one of
    them again (SQLAlchemy loads it, opening a read), then asks `get` for it, which
    answers from the session: that answer ends the read too, so the file is not left
    locked against the other program's next commit."""
    card = a_card(document)
    held = document.get(Card, card.id)
    assert held is not None
    writer = other(document.path)
    writer.execute("UPDATE card SET text = 'theirs' WHERE id = ?", (card.id,))
    document.check_external()
    assert held.text == "theirs"
    assert document.get(Card, card.id) is held
    assert not document.session.in_transaction()
    writer.execute("UPDATE card SET text = 'theirs again' WHERE id = ?", (card.id,))
    writer.close()


def test_a_read_left_open_by_a_view_ends_at_the_next_watch(document: Document) -> None:
    """A view reading an expired object's field opens a read no Document query ends;
    the file watch ends it, so it never holds the file locked for long."""
    card = a_card(document)
    writer = other(document.path)
    writer.execute("UPDATE card SET text = 'theirs' WHERE id = ?", (card.id,))
    document.check_external()
    assert card.text == "theirs"
    document.check_external()
    assert not document.session.in_transaction()
    writer.execute("UPDATE card SET text = 'theirs again' WHERE id = ?", (card.id,))
    writer.close()


def test_a_read_that_raises_leaves_no_lock(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read refused halfway (another program holding the file past the busy timeout)
    still ends its transaction, so the Document does not keep the file locked after."""
    card = a_card(document)

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        document.session.connection()  # the read has begun
        raise sqlite3.OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(document.session, "scalars", refused)
        with pytest.raises(sqlite3.OperationalError):
            document.personas()
    assert not document.session.in_transaction()
    writer = other(document.path)
    writer.execute("UPDATE card SET text = 'theirs' WHERE id = ?", (card.id,))
    writer.close()


@pytest.mark.parametrize("how", ["deleted", "moved", "replaced"])
def test_an_edit_on_a_file_gone_from_under_the_window_says_so(
    document: Document, errors: list[str], tmp_path: Path, how: str
) -> None:
    """SQLite refuses to write a file deleted, moved or replaced while open, calling it
    "read-only"; the message says what happened instead, and nothing is written."""
    card = a_card(document)
    path = document.path
    before = path.read_bytes()
    if how == "deleted":
        path.unlink()
    elif how == "moved":
        path.rename(tmp_path / "elsewhere.journey")
    else:
        copy = tmp_path / "copy.journey"
        copy.write_bytes(before)
        copy.replace(path)
    document.push(edits.edit_card(document, card.id, text="lost?"))
    assert len(errors) == 1 and "deleted, moved or replaced" in errors[0], errors
    assert document.stack.count() == 0
    if how == "replaced":
        assert path.read_bytes() == before
    elif how == "moved":
        assert (tmp_path / "elsewhere.journey").read_bytes() == before


def add_card_elsewhere(path: Path, stage_id: int, lane_id: int) -> int:
    """Another editor puts a card at the end of a cell; returns its id."""
    with other(path) as connection:
        found = connection.execute(
            "SELECT max(id) + 1000, (SELECT count(*) FROM card WHERE stage_id = ? AND lane_id = ?)"
            " FROM card",
            (stage_id, lane_id),
        ).fetchone()
        values = {
            **defaults(Card),
            "id": found[0],
            "stage_id": stage_id,
            "lane_id": lane_id,
            "position": found[1],
            "text": "theirs",
        }
        connection.execute(
            f"INSERT INTO card ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
    return int(found[0])


def test_a_card_voted_for_elsewhere_is_not_deleted_with_the_vote(
    document: Document, errors: list[str]
) -> None:
    """Deleting a card deletes its votes first; a vote another program gave since would
    go with the card through the database's cascade, where no undo brings it back."""
    card = a_card(document)
    map_id = document.maps()[0].id
    assert document.push(voting.open_ballot(document, map_id, [card.lane_id]))
    ballot_id = document.ballots(map_id)[0].id
    command = edits.delete_cards(document, [card.id])
    with other(document.path) as connection:
        connection.execute(
            "INSERT INTO vote (id, ballot_id, card_id) VALUES (77, ?, ?)", (ballot_id, card.id)
        )
    before = state(document)
    assert not document.push(command)
    assert state(document) == before
    assert len(errors) == 1 and "another window or program" in errors[0]


def test_a_stage_filled_elsewhere_is_not_deleted_with_the_new_card(
    document: Document, errors: list[str]
) -> None:
    stage_id, lane_id = first_text_cell(document)
    command = edits.delete_stage(document, stage_id)
    theirs = add_card_elsewhere(document.path, stage_id, lane_id)
    before = state(document)
    assert not document.push(command)
    assert state(document) == before
    assert len(errors) == 1 and "another window or program" in errors[0]
    with other(document.path) as connection:
        assert connection.execute("SELECT text FROM card WHERE id = ?", (theirs,)).fetchone()


def test_undo_of_a_new_stage_another_program_filled_is_refused(
    document: Document, errors: list[str]
) -> None:
    map_id = document.maps()[0].id
    assert document.push(edits.add_stage(document, map_id))
    stage_id = max(stage.id for stage in document.stages(map_id))
    _, lane_id = first_text_cell(document)
    add_card_elsewhere(document.path, stage_id, lane_id)
    document.check_external()
    before = state(document)
    document.undo()
    assert state(document) == before
    assert len(errors) == 1 and "another window or program" in errors[0]


def test_another_programs_commit_read_in_plain_sql_is_still_noticed(
    document: Document, second: Document
) -> None:
    """Reads in plain SQL (`record`, `cell_ids`, `cell_maps`) ask no `PRAGMA
    data_version`: they read the file as it is. Another editor's step read that way is
    still noticed afterwards: a row the session holds is read again by `get`, and the
    file watch tells the views."""
    card = a_card(document)
    held = document.get(Card, card.id)
    assert held is not None
    cell = (card.stage_id, card.lane_id)
    assert second.push(edits.edit_card(second, card.id, text="theirs"))
    assert second.push(edits.move_cards(second, [card.id], cell[0], cell[1], 99))
    seen: list[str] = []
    document.externallyChanged.connect(lambda: seen.append("external"))
    found = document.record(Card, card.id)
    assert found is not None and found.text == "theirs"
    assert document.cell_ids(*cell)[-1] == card.id
    assert document.cell_maps(*cell) is not None
    got = document.get(Card, card.id)
    assert got is not None and got.text == "theirs"
    assert document.cell_keys(*cell)[-1] == (card.id, got.position)
    document.check_external()
    assert seen == ["external"]


def test_a_file_another_program_left_unfit_refuses_every_edit_until_it_is_sound_again(
    document: Document, errors: list[str]
) -> None:
    """Another program puts two cards of a cell on one key: the file would be refused at
    its next opening, so this window says so once, writes nothing (no push, no undo),
    keeps showing what it held, and edits again once that program has put the cell
    right."""
    assert document.push(edits.edit_card(document, a_card(document).id, text="before"))
    map_id = document.maps()[0].id
    stage_id, lane_id = next(
        (card.stage_id, card.lane_id)
        for card in document.cards(map_id)
        if len(document.cell_ids(card.stage_id, card.lane_id)) >= 2
    )
    (_, first_key), *_, (last, last_key) = document.cell_keys(stage_id, lane_id)
    heard: list[str] = []
    document.externallyChanged.connect(lambda: heard.append("changed"))
    with other(document.path) as connection:
        connection.execute("UPDATE card SET position = ? WHERE id = ?", (first_key, last))
    damaged = raw_state(document)
    document.check_external()
    document.check_external()
    assert len(errors) == 1 and "Another program changed" in errors[0], errors
    assert "positions are not distinct" in errors[0]
    assert heard == []  # the views keep the last sound map
    card = a_card(document)
    assert not document.push(edits.edit_card(document, card.id, text="refused"))
    document.undo()
    assert raw_state(document) == damaged
    assert len(errors) == 3 and all("Another program changed" in e for e in errors[1:])
    with other(document.path) as connection:
        connection.execute("UPDATE card SET position = ? WHERE id = ?", (last_key + 7, last))
    document.check_external()
    assert heard == ["changed"] and len(errors) == 3
    assert document.push(edits.edit_card(document, card.id, text="after"))
    assert document.get(Card, card.id).text == "after"


def test_a_trigger_another_program_adds_never_fires_on_our_writes(
    document: Document, errors: list[str]
) -> None:
    """A trigger added while the file is open would run with every write of ours; the
    file is checked again as at its opening, so the edit is refused and nothing fires."""
    card = a_card(document)
    with other(document.path) as connection:
        connection.execute(
            "CREATE TRIGGER wipe AFTER UPDATE ON card BEGIN DELETE FROM persona; END"
        )
        personas = connection.execute("SELECT count(*) FROM persona").fetchone()[0]
    assert not document.push(edits.edit_card(document, card.id, text="mine"))
    assert len(errors) == 1 and "Another program changed" in errors[0], errors
    with other(document.path) as connection:
        assert connection.execute("SELECT count(*) FROM persona").fetchone()[0] == personas
        assert (
            connection.execute("SELECT text FROM card WHERE id = ?", (card.id,)).fetchone()[0]
            == card.text
        )
