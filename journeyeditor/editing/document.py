"""The Document: the only writer of an open project, and the undo stack around it.

Views read through the Document's queries and change things only by pushing an
EditCommand. Each command runs in one short transaction and, once committed, is
announced by fine-grained signals; a command that fails changes nothing, neither in
the file nor on the undo stack, and is reported through `errorOccurred`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import instance_state
from sqlalchemy.orm.util import identity_key

from journeyeditor import crash
from journeyeditor.editing import measured
from journeyeditor.editing.notices import Notices
from journeyeditor.editing.operations import (
    Operation,
    StaleRowError,
    inserted,
    renumber,
    touched_rows,
)
from journeyeditor.editing.rows import Rows, columns, record, select_sql
from journeyeditor.model import (
    Ballot,
    BallotLane,
    Card,
    Department,
    EmotionPoint,
    Image,
    JourneyMap,
    Lane,
    Participant,
    Persona,
    Project,
    Snapshot,
    Stage,
    StageTouchpoint,
    Vote,
)
from journeyeditor.store import content, database, interchange
from journeyeditor.store.errors import (
    DamagedElsewhereError,
    FileGoneError,
    FileLockedError,
    JourneyFileError,
    ReadOnlyFileError,
    WriteFailedError,
)
from journeyeditor.store.files import file_identity, is_same_file

T = TypeVar("T")
LOG = logging.getLogger(__name__)


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


FORESEEN = (SQLAlchemyError, sqlite3.Error, LookupError, ValueError, UnicodeError)
"""What the file or its rules can refuse (locked, read-only, full, a broken rule, a row
gone): each has a plain message. Anything else inside an edit is a bug. The row
operations write through the driver (editing/rows.py), whose errors are sqlite3's."""


class EditFailed(Exception):
    """An edit that could not be saved; its message is for a person."""


class Document(QObject):
    """An open project: reads, the undo stack, and change signals."""

    projectChanged = Signal()
    mapAdded = Signal(int)
    mapRemoved = Signal(int)
    mapChanged = Signal(int)
    mapsReordered = Signal()
    stageAdded = Signal(int, int)
    stageRemoved = Signal(int, int)
    stageChanged = Signal(int, int)
    stagesReordered = Signal(int)
    laneAdded = Signal(int, int)
    laneRemoved = Signal(int, int)
    laneChanged = Signal(int, int)
    lanesReordered = Signal(int)
    cardAdded = Signal(int, int)
    cardRemoved = Signal(int, int)
    cardChanged = Signal(int, int)
    cellChanged = Signal(int, int, int)
    emotionChanged = Signal(int, int, int)
    personaAdded = Signal(int)
    personaRemoved = Signal(int)
    personaChanged = Signal(int)
    personasReordered = Signal()
    departmentAdded = Signal(int)
    departmentRemoved = Signal(int)
    departmentChanged = Signal(int)
    departmentsReordered = Signal()
    participantsChanged = Signal()
    votingChanged = Signal()
    """A ballot opened, closed or changed, or a vote was given or taken back."""
    imageAdded = Signal(int)
    imageRemoved = Signal(int)
    imageChanged = Signal(int)
    snapshotsChanged = Signal()
    measuresChanged = Signal(int)
    """A map's event mapping or measurement runs changed (map id)."""
    pathChanged = Signal(str)
    errorOccurred = Signal(str)
    committed = Signal()
    """After the signals of one committed edit, undo or redo: views redraw once here."""
    externallyChanged = Signal()
    """Another program (or window) committed to the file. The lists have been told (the
    project, maps, personas, departments and snapshots signals went first); views of a
    map read it again here."""

    WATCH_INTERVAL_MS = 700
    RECENT = 256
    """Rows read by `get` kept held, so that asking again costs no query."""

    def __init__(self, journey: database.JourneyFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journey = journey
        self._identity = file_identity(journey.path)
        self.session = Session(journey.engine, expire_on_commit=False, autoflush=False)
        self.stack = QUndoStack(self)
        self._reserved: dict[type, int] = {}
        self._recent: OrderedDict[tuple[type, int], Any] = OrderedDict()
        self._failed = False
        self._writing = False
        self._announcing = False
        self._seen_version = self._data_version()
        self._external = False
        self._damaged: DamagedElsewhereError | None = None
        """Another program's commit left the file unfit: nothing is written until one
        makes it sound again."""
        self._damage_told = False
        self._watch = QTimer(self)
        self._watch.setInterval(self.WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self.check_external)
        if QCoreApplication.instance() is not None:
            self._watch.start()

    # Opening and closing

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Document:
        """Open a checked file; raises JourneyFileError with a message for a person."""
        return cls(database.open_file(path, read_only=read_only))

    @property
    def path(self) -> Path:
        return self._journey.path

    @property
    def read_only(self) -> bool:
        return self._journey.read_only

    def close(self) -> None:
        self._watch.stop()
        self.stack.clear()
        self._recent.clear()
        self.session.close()
        self._journey.close()

    def save_as(self, path: Path | str) -> None:
        """Copy the project to `path` with SQLite's backup API and go on editing there."""
        path = Path(path)
        if is_same_file(path, self.path):
            return
        database.save_copy(self._journey, path)
        journey = database.open_file(path)
        self.session.close()
        self._journey.close()
        self._journey = journey
        self._identity = file_identity(path)
        self.session = Session(journey.engine, expire_on_commit=False, autoflush=False)
        self._recent.clear()
        self._reserved.clear()
        self._seen_version = self._data_version()
        self._damaged, self._damage_told = None, False
        self.pathChanged.emit(str(path))

    # Other programs writing the same file

    def _data_version(self) -> int:
        """SQLite's count of commits made by other connections to this file."""
        return int(self._journey.raw.execute("PRAGMA data_version").fetchone()[0])

    def _sync(self) -> None:
        """When another program has committed: check the file again as at its opening,
        then forget cached rows and reserved ids. A file it left unfit keeps the rows
        held (the views go on showing the last sound map) and refuses every edit."""
        version = self._data_version()
        if version == self._seen_version:
            return
        try:
            database.recheck(self.path, self._journey.raw)
        except DamagedElsewhereError as exc:
            self._seen_version, self._damaged = version, exc
            return
        except sqlite3.OperationalError:
            return  # locked or busy now: checked at the next poll, or the edit refused
        self._seen_version = version
        self._damaged, self._damage_told = None, False
        self.session.expire_all()
        self._reserved.clear()
        self._external = True

    def check_external(self) -> None:
        """Tell the views when another program changed the file (polled by a timer),
        and the person once when it left the file unfit."""
        if self._writing:
            return
        self._end_read()  # a read a view's lazy load left open ends here at the latest
        self._sync()
        if self._damaged is not None and not self._damage_told:
            self._damage_told = True
            self._report(self._damaged.message(translate))
        if self._external:
            self._external = False
            for broad in (
                self.projectChanged,
                self.mapsReordered,
                self.personasReordered,
                self.departmentsReordered,
                self.participantsChanged,
                self.votingChanged,
                self.snapshotsChanged,
            ):
                broad.emit()
            self.externallyChanged.emit()

    # Reading

    def _all(self, query: Any) -> list[Any]:
        """Run a read and end its transaction at once, so no lock outlives it."""
        with self._reading():
            return list(self.session.scalars(query))

    def get(self, entity: type[T], row_id: int | None) -> T | None:
        """One row by id. The session's object is current when it holds one unexpired
        (edits settle the objects they wrote, another program's commits expire them all),
        so it comes back without a query; the last RECENT rows read are kept held for
        that, as a view asks for the same stage, lane or card again and again."""
        if row_id is None:
            return None
        with self._reading():  # ends also a read the caller left open (an expired object loaded)
            held = self.session.identity_map.get(identity_key(entity, row_id))
            if held is not None and not instance_state(held).expired_attributes:
                row: T | None = held
            else:
                row = self.session.get(entity, row_id)
        if row is not None:
            self._recent[(entity, row_id)] = row
            self._recent.move_to_end((entity, row_id))
            if len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)
        return row

    def record(self, entity: type, row_id: int) -> Any | None:
        """One row as plain data (a named tuple with the entity's attributes), read
        without the ORM: what a view that copies a row after each edit needs, at a
        fraction of `get`'s cost when the session does not hold the row."""
        found = self._read(select_sql(entity) + "id = ?", (row_id,))
        return record(entity, found[0]) if found else None

    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """A read in SQL through the driver: one statement is its own read transaction
        (or part of the edit's), without the ORM's cost per query. It reads the file as
        it is, so it asks no `PRAGMA data_version` (a move made four such reads, each
        asking): that check only tells the session's objects and the reserved ids to be
        forgotten, and the next read through the session, the next edit and the watch
        timer each still make it, so another program's commit is noticed all the same."""
        try:
            return self._journey.raw.execute(sql, tuple(params)).fetchall()
        finally:
            self._end_read()  # a read a caller's lazy load left open ends here, as before

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A read's transaction, ended even when the read raises (a lock held too long by
        another program), so that no read lock outlives the read."""
        self._begin_read()
        try:
            yield
        finally:
            self._end_read()

    def _begin_read(self) -> None:
        if not self._writing and not self.session.in_transaction():
            self._sync()

    def _end_read(self) -> None:
        """End a read's transaction; a read inside an edit leaves the edit's transaction be."""
        if not self._writing and self.session.in_transaction():
            self.session.commit()

    def project(self) -> Project:
        rows = self._all(select(Project))
        return rows[0] if rows else Project(id=1, name="", language="en", accent_color="#2f6fdb")

    def maps(self) -> list[JourneyMap]:
        return self._all(select(JourneyMap).order_by(JourneyMap.position))

    def stages(self, map_id: int) -> list[Stage]:
        return self._all(select(Stage).where(Stage.map_id == map_id).order_by(Stage.position))

    def lanes(self, map_id: int) -> list[Lane]:
        return self._all(select(Lane).where(Lane.map_id == map_id).order_by(Lane.position))

    def cards(self, map_id: int) -> list[Card]:
        """Every card of a map, ordered inside each cell."""
        query = (
            select(Card)
            .join(Stage, Stage.id == Card.stage_id)
            .where(Stage.map_id == map_id)
            .order_by(Card.stage_id, Card.lane_id, Card.position)
        )
        return self._all(query)

    def cell(self, stage_id: int, lane_id: int) -> list[Card]:
        query = select(Card).where(Card.stage_id == stage_id, Card.lane_id == lane_id)
        return self._all(query.order_by(Card.position))

    def card_rows(self, map_id: int, columns: Sequence[str]) -> list[Any]:
        """The `columns` of every card of a map, ordered inside each cell, as SQLite
        holds them (a flag is 0 or 1): for a view that copies them all at once. Plain
        SQL, neither ORM objects nor typed rows, which cost twice as much to build for
        thousands of cards; the stages are a subquery, so SQLite reads the cards in the
        order of their cell index, with no sorting."""
        table = Card.__table__.c
        names = ", ".join(f'"{table[name].name}"' for name in columns)
        sql = (
            f"SELECT {names} FROM card WHERE stage_id IN (SELECT id FROM stage WHERE map_id = ?)"
            " ORDER BY stage_id, lane_id, position"
        )
        with self._reading():
            return list(self.session.connection().exec_driver_sql(sql, (map_id,)))

    def stage_records(self, map_id: int) -> list[Any]:
        """A map's stages in order as plain data (`record`): what a view copies."""
        return self._records(Stage, "map_id = ? ORDER BY position", (map_id,))

    def lane_records(self, map_id: int) -> list[Any]:
        """A map's lanes in order as plain data (`record`)."""
        return self._records(Lane, "map_id = ? ORDER BY position", (map_id,))

    def emotion_records(self, map_id: int) -> list[Any]:
        """A map's emotion points as plain data (`record`)."""
        where = "stage_id IN (SELECT id FROM stage WHERE map_id = ?)"
        return self._records(EmotionPoint, where, (map_id,))

    def department_records(self) -> list[Any]:
        """The project's departments in order as plain data (`record`)."""
        return self._records(Department, "1 ORDER BY position", ())

    def _records(self, entity: type, where: str, params: Sequence[Any]) -> list[Any]:
        """Rows of `entity` read in SQL as plain data: a map's first paint reads each
        kind once, and the ORM's first query of a kind costs a few milliseconds."""
        return [record(entity, row) for row in self._read(select_sql(entity) + where, params)]

    def cell_maps(self, stage_id: int, lane_id: int) -> tuple[int, int, str] | None:
        """The map of a stage, the map and kind of a lane, in one statement (None when
        either is gone): what an edit putting cards in a cell checks."""
        sql = "SELECT s.map_id, l.map_id, l.kind FROM stage s, lane l WHERE s.id = ? AND l.id = ?"
        found = self._read(sql, (stage_id, lane_id))
        return (found[0][0], found[0][1], str(found[0][2])) if found else None

    def cell_ids(self, stage_id: int, lane_id: int) -> list[int]:
        """The ids of a cell's cards in order."""
        return [card_id for card_id, _ in self.cell_keys(stage_id, lane_id)]

    def cell_keys(self, stage_id: int, lane_id: int) -> list[tuple[int, int]]:
        """A cell's cards as (id, position) pairs in order: what a view needs after
        cards came, went or moved there."""
        sql = "SELECT id, position FROM card WHERE stage_id = ? AND lane_id = ? ORDER BY position"
        return [(row[0], row[1]) for row in self._read(sql, (stage_id, lane_id))]

    def emotion_points(self, map_id: int) -> list[EmotionPoint]:
        query = (
            select(EmotionPoint)
            .join(Stage, Stage.id == EmotionPoint.stage_id)
            .where(Stage.map_id == map_id)
        )
        return self._all(query)

    def emotion_point(self, lane_id: int, stage_id: int) -> EmotionPoint | None:
        sql = "SELECT id FROM emotion_point WHERE lane_id = ? AND stage_id = ?"
        found = self._read(sql, (lane_id, stage_id))
        return self.get(EmotionPoint, found[0][0]) if found else None

    def emotion_record(self, lane_id: int, stage_id: int) -> Any | None:
        """The curve's point at a stage as plain data (see `record`): one statement, for
        a view that copies it after each edit."""
        sql = select_sql(EmotionPoint) + "lane_id = ? AND stage_id = ?"
        found = self._read(sql, (lane_id, stage_id))
        return record(EmotionPoint, found[0]) if found else None

    def emotion_place(self, lane_id: int, stage_id: int) -> tuple[str, Any | None] | None:
        """A lane's kind and its curve's point at a stage (plain data, None without one),
        in one statement: what an emotion edit checks and updates; None without the lane."""
        names = ", ".join(f'p."{key}"' for key in columns(EmotionPoint))
        sql = (
            f"SELECT l.kind, {names} FROM lane l LEFT JOIN emotion_point p"
            " ON p.lane_id = l.id AND p.stage_id = ? WHERE l.id = ?"
        )
        found = self._read(sql, (stage_id, lane_id))
        if not found:
            return None
        kind, *point = found[0]
        return str(kind), record(EmotionPoint, point) if point[0] is not None else None

    def personas(self) -> list[Persona]:
        return self._all(select(Persona).order_by(Persona.position))

    def departments(self) -> list[Department]:
        return self._all(select(Department).order_by(Department.position))

    def participants(self) -> list[Participant]:
        return self._all(select(Participant).order_by(Participant.position))

    def ballots(self, map_id: int) -> list[Ballot]:
        """A map's votes, oldest first."""
        return self._all(select(Ballot).where(Ballot.map_id == map_id).order_by(Ballot.id))

    def open_ballot(self, map_id: int) -> Ballot | None:
        """The vote running on a map (one at most; the file check sees to it)."""
        return next((ballot for ballot in self.ballots(map_id) if ballot.is_open), None)

    def ballot_lanes(self, ballot_id: int) -> list[int]:
        """Ids of the lanes a ballot votes on."""
        query = select(BallotLane).where(BallotLane.ballot_id == ballot_id).order_by(BallotLane.id)
        return [row.lane_id for row in self._all(query)]

    def ballot_lane_rows(self, map_id: int) -> list[BallotLane]:
        """The ballot-lane rows of every ballot of a map."""
        query = (
            select(BallotLane)
            .join(Ballot, Ballot.id == BallotLane.ballot_id)
            .where(Ballot.map_id == map_id)
            .order_by(BallotLane.id)
        )
        return self._all(query)

    def votes(self, ballot_id: int) -> list[Vote]:
        return self._all(select(Vote).where(Vote.ballot_id == ballot_id).order_by(Vote.id))

    def votes_on(self, card_ids: Sequence[int]) -> list[Vote]:
        """Every vote given to these cards, in any ballot (deleting a card takes them too)."""
        if not card_ids:
            return []
        return self._all(select(Vote).where(Vote.card_id.in_(card_ids)).order_by(Vote.id))

    def measure_rows(self, entity: type[T], map_id: int) -> list[T]:
        """A map's rows of a measurement table (mapping, patterns, runs, figures)."""
        return self._all(measured.map_rows_query(entity, map_id))

    def touchpoints_of(self, card_ids: Sequence[int]) -> list[StageTouchpoint]:
        """The stage mappings that name these cards as touchpoints."""
        if not card_ids:
            return []
        query = select(StageTouchpoint).where(StageTouchpoint.card_id.in_(card_ids))
        return self._all(query.order_by(StageTouchpoint.id))

    def runs(self, map_id: int, kind: str) -> list[Any]:
        """A map's measurement runs of `kind` ('events', 'survey'), newest first."""
        return self._all(measured.runs_query(map_id, kind))

    def latest_runs(
        self, map_id: int, kind: str
    ) -> tuple[measured.Run | None, measured.Run | None]:
        """The newest run of `kind` and the one before, with figures (`measured.Run`)."""
        with self._reading():
            return measured.latest_runs(self.session, map_id, kind)

    def snapshots(self) -> list[Snapshot]:
        return self._all(select(Snapshot).order_by(Snapshot.id))

    def snapshot_list(self) -> list[tuple[int, str, str]]:
        """Each snapshot's id, name and time taken, oldest first, without its frozen
        project (tens of megabytes each in a big project)."""
        return [
            tuple(row)
            for row in self._read("SELECT id, name, created FROM snapshot ORDER BY id", ())
        ]

    def snapshot_text(self, snapshot_id: int) -> str | None:
        """A snapshot's frozen project (interchange JSON text), None when it is gone."""
        rows = self._read("SELECT data FROM snapshot WHERE id = ?", (snapshot_id,))
        return str(rows[0][0]) if rows else None

    def maps_of_cards(self, card_ids: Sequence[int]) -> dict[int, int]:
        """The map of each card that exists, in one read per CHUNK of ids (a move asks
        this of every card it moves: loading each as an ORM object cost a query each)."""
        found: dict[int, int] = {}
        for part in content.chunks(list(card_ids)):
            sql = (
                "SELECT card.id, stage.map_id FROM card JOIN stage ON stage.id = card.stage_id"
                f" WHERE card.id IN ({', '.join('?' * len(part))})"
            )
            found.update(self._read(sql, part))
        return found

    def map_of_card(self, card_id: int) -> int | None:
        card = self.get(Card, card_id)
        stage = self.get(Stage, card.stage_id) if card else None
        return stage.map_id if stage else None

    def export_data(self) -> dict[str, Any]:
        """The project as interchange data (docs/file-format.md)."""
        with self._reading():
            return interchange.export_project(self._journey.raw)

    def export_json(self) -> str:
        return interchange.dumps(self.export_data())

    def next_id(self, entity: type) -> int:
        """A fresh id for a row a command will insert (ids stay stable across undo/redo).

        The highest id is read once per table; this Document is the file's only writer,
        so counting on from there stays unique (ids freed by undo are simply not reused).
        Later ids touch no file (a merge takes thousands): another program's rows that
        took some are renumbered under the write lock (`_claim_ids`).
        """
        if entity not in self._reserved:
            column = entity.id  # type: ignore[attr-defined]
            with self._reading():
                self._reserved[entity] = self.session.scalar(select(func.max(column))) or 0
        self._reserved[entity] += 1
        return self._reserved[entity]

    def _claim_ids(self, rows: Rows, operations: Sequence[Operation]) -> None:
        """Inside the write transaction: renumber new rows whose ids another program took.

        Ids are reserved when a command is made; a second editor of the same file may
        have used some of them since. Renumbering here, under the write lock, means the
        two never refuse each other's edits.
        """
        wanted: dict[type, list[int]] = {}
        for entity, values in inserted(operations):
            wanted.setdefault(entity, []).append(values["id"])
        new_ids: dict[tuple[type, int], int] = {}
        for entity, ids in wanted.items():
            table = entity.__tablename__  # type: ignore[attr-defined]
            taken = {
                row_id
                for chunk in content.chunks(ids)
                for (row_id,) in rows.execute(
                    f"SELECT id FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                )
            }
            if not taken:
                continue
            highest = max(rows.execute(f"SELECT max(id) FROM {table}")[0][0] or 0, *ids)
            for old in sorted(taken):
                highest += 1
                new_ids[(entity, old)] = highest
            self._reserved[entity] = highest
        if new_ids:
            renumber(list(operations), new_ids)

    # Writing

    def push(self, command: Any) -> bool:
        """Run `command` once; only if it committed does it join the undo stack."""
        if self._busy():
            return False
        if self.read_only:
            self._report(ReadOnlyFileError(self.path, "opened read-only").message(translate))
            return False
        if not self._run(command.operations, forward=True, fresh=True):
            return False
        command.skip_next = True
        self.stack.push(command)
        return True

    def undo(self) -> None:
        if not self._busy():
            self._step(self.stack.undo, self.stack.redo)

    def redo(self) -> None:
        if not self._busy():
            self._step(self.stack.redo, self.stack.undo)

    def _step(self, go: Any, back: Any) -> None:
        """Undo or redo; when the file refuses it, put the stack back where it was."""
        self._failed = False
        index = self.stack.index()
        go()
        if self._failed and self.stack.index() != index:
            moved = self.stack.command(min(index, self.stack.index()))
            moved.skip_next = True  # type: ignore[attr-defined]
            back()

    def run_from_stack(self, operations: Sequence[Operation], forward: bool) -> None:
        """Called by a command's redo/undo; failures are remembered for `_step`."""
        if not self._run(operations, forward):
            self._failed = True

    def _run(self, operations: Sequence[Operation], forward: bool, fresh: bool = False) -> bool:
        """Apply operations in one write transaction: all of them, or none and a message.

        Any exception rolls the whole transaction back (whatever raised it), so neither
        the file nor a later read can ever see half a step. `fresh` marks a first run,
        whose new rows may still be renumbered. The transaction and the writes go through
        the driver (`rows.Rows`); the session's objects are settled once it committed.
        """
        notices = Notices()
        steps: Iterable[Operation] = operations if forward else reversed(operations)
        if self.session.in_transaction():
            self.session.commit()  # a read left open: close it, so the edit starts afresh
        self._writing = True
        rows = Rows(self._journey.raw)
        failure: Exception | None = None
        try:
            rows.begin()
            self._sync()
            if self._damaged is not None:
                raise self._damaged
            if fresh:
                self._claim_ids(rows, operations)
            for step in steps:
                if forward:
                    step.do(rows, notices)
                else:
                    step.undo(rows, notices)
            touched, grown = touched_rows(operations, forward)
            content.check_rows(rows.execute, touched, grown)
            content.check_positions(rows.execute, rows.places)
            content.check_keys(rows.execute, rows.keys)
            rows.commit()
        except Exception as exc:
            # Every failure, whatever raised it, is rolled back whole and reported.
            rows.rollback()
            failure = exc
        except BaseException:
            rows.rollback()
            raise
        finally:
            self._writing = False
        if failure is not None:
            # Told once the edit is over: views that read on hearing it (a message box
            # repaints the map) end their reads, so no lock outlives them.
            if isinstance(failure, DamagedElsewhereError):
                self._damage_told = True
                self._report(failure.message(translate))
            elif isinstance(failure, FORESEEN):
                self._report(self._explain(failure))
            else:
                self._unforeseen(failure)
            return False
        rows.settle(self.session)
        self._announcing = True
        try:
            for name, args in notices.take():
                getattr(self, name).emit(*args)
            self.committed.emit()
        finally:
            self._announcing = False
        return True

    def _busy(self) -> bool:
        """Refuse an edit, undo or redo asked for while views hear of the last one: it
        would run inside another step's announcement (a view's signal loop)."""
        if self._announcing:
            LOG.error("an edit was asked for while another was being announced; refused")
        return self._announcing

    def _unforeseen(self, exc: Exception) -> None:
        """A bug inside an edit, already rolled back: the window's crash dialog (through
        crash.py's hooks) rather than a message blaming the file; without the hooks (the
        command line, tests) it is logged and told through errorOccurred."""
        if crash.report_caught("edit", exc):
            return
        LOG.error("an edit failed and was rolled back", exc_info=exc)
        self._report(
            translate(
                "Document",
                "This step was not applied because of an internal error ({0}). "
                "Nothing was changed.",
            ).format(crash.Failure.of("edit", (type(exc), exc, None)).summary)
        )

    def _explain(self, exc: Exception) -> str:
        text = str(getattr(exc, "orig", exc))
        if isinstance(exc, StaleRowError):
            return translate(
                "Document",
                "This step was not applied: another window or program has changed the same "
                "part of the map since. Nothing was changed.",
            )
        if isinstance(exc, UnicodeError):
            text = "text that is not valid Unicode"
        integrity = (IntegrityError, sqlite3.IntegrityError, content.ContentError, UnicodeError)
        operational = (OperationalError, sqlite3.OperationalError)
        if isinstance(exc, integrity):
            return translate("Document", "This change breaks a rule of the map: {0}").format(text)
        error: JourneyFileError
        if isinstance(exc, operational) and ("locked" in text or "busy" in text):
            error = FileLockedError(self.path)
        elif file_identity(self.path) != self._identity:
            error = FileGoneError(self.path)
        elif isinstance(exc, operational) and ("readonly" in text or self._protected()):
            error = ReadOnlyFileError(self.path, text)
        else:
            error = WriteFailedError(self.path, text)
        return error.message(translate)

    def _protected(self) -> bool:
        """Whether the file has become write-protected (SQLite then says only "I/O error")."""
        try:
            return database.is_read_only(self.path)
        except OSError:
            return False

    def _report(self, message: str) -> None:
        self.errorOccurred.emit(message)


def image_bytes(document: Document, image_id: int | None) -> bytes | None:
    image = document.get(Image, image_id)
    return image.data if image is not None else None
