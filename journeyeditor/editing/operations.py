"""Row operations: the smallest reversible edits, out of which every command is made.

Each operation captures what it needs for its own undo at the moment it runs, so a
command made of several operations undoes exactly, whatever the earlier ones moved.
Rows that have a `position` are kept numbered 0…n-1 inside their container.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from journeyeditor.model import (
    Base,
    Card,
    Department,
    JourneyMap,
    Lane,
    Participant,
    Persona,
    Stage,
)
from journeyeditor.store import content
from journeyeditor.store.content import chunks

if TYPE_CHECKING:
    from journeyeditor.editing.notices import Notices

Values = dict[str, Any]

CONTAINERS: dict[type, tuple[str, ...]] = {
    entity: content.CONTAINERS[entity.__tablename__]
    for entity in (JourneyMap, Persona, Department, Participant, Stage, Lane, Card)
}
"""Entities numbered 0…n-1 inside a container (the file's rule, store/content.py)."""


def row_values(row: Any) -> Values:
    """Every column of an ORM row, as a plain dict."""
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def _siblings(session: Session, entity: type, where: Values) -> list[Any]:
    columns = CONTAINERS[entity]
    query: Any = select(entity).where(*[getattr(entity, c) == where[c] for c in columns])
    order = (getattr(entity, "position"), getattr(entity, "id"))  # noqa: B009
    return list(session.scalars(query.order_by(*order)))


def _shift(session: Session, entity: type, where: Values, start: int, by: int) -> None:
    """Move the positions from `start` on in a container by `by`, in one statement (a
    cell of hundreds of cards is not read row by row); rows held by the session follow."""
    position = getattr(entity, "position")  # noqa: B009
    inside = [getattr(entity, c) == where[c] for c in CONTAINERS[entity]]
    session.execute(
        update(entity).where(*inside, position >= start).values(position=position + by),
        execution_options={"synchronize_session": "evaluate"},
    )


def _open_gap(session: Session, entity: type, where: Values, position: int) -> int:
    """Shift siblings at or after `position` down by one; return the clamped position.
    A row parked at position -1 while it moves is not counted."""
    position_column = getattr(entity, "position")  # noqa: B009
    inside = [getattr(entity, c) == where[c] for c in CONTAINERS[entity]]
    count = session.scalar(select(func.count()).where(*inside, position_column >= 0)) or 0
    position = max(0, min(position, count))
    _shift(session, entity, where, position, 1)
    return position


def _close_gap(session: Session, entity: type, row: Any) -> None:
    """The siblings after `row` move up by one (positions stay 0…n-1 without it)."""
    _shift(session, entity, row_values(row), row.position + 1, -1)


class StaleRowError(LookupError):
    """A row is not as this step left it: another program changed the file since."""

    def __init__(self, entity: type, row_id: int) -> None:
        super().__init__(f"{entity.__name__} {row_id}")
        self.entity = entity
        self.row_id = row_id


def _row(session: Session, entity: type, row_id: int) -> Any:
    """The row an undo or redo works on; it must still be there."""
    row = session.get(entity, row_id)
    if row is None:
        raise StaleRowError(entity, row_id)
    return row


def _expect(entity: type, row: Any, values: Values) -> None:
    """Refuse to go on when `row` no longer holds `values` (someone else changed it)."""
    if any(getattr(row, key) != value for key, value in values.items()):
        raise StaleRowError(entity, row.id)


class Operation(ABC):
    """A reversible change to rows; `do` and `undo` run inside one transaction."""

    @abstractmethod
    def do(self, session: Session, notices: Notices) -> None:
        """Apply the change, remembering what undoing it needs."""

    @abstractmethod
    def undo(self, session: Session, notices: Notices) -> None:
        """Put back exactly what `do` changed."""


@dataclass
class Insert(Operation):
    """Add a row with a known id (and position, shifting its siblings)."""

    entity: type
    values: Values

    def do(self, session: Session, notices: Notices) -> None:
        values = dict(self.values)
        if self.entity in CONTAINERS:
            values["position"] = _open_gap(
                session, self.entity, values, values.get("position", 1 << 30)
            )
            self.values["position"] = values["position"]
        row = self.entity(**values)
        session.add(row)
        session.flush()
        notices.added(session, row)

    def undo(self, session: Session, notices: Notices) -> None:
        _expect(self.entity, _row(session, self.entity, self.values["id"]), self.values)
        Delete(self.entity, self.values["id"]).do(session, notices)


def _container_of(entity: type, values: Values) -> tuple[Any, ...]:
    return tuple(values[column] for column in CONTAINERS[entity])


def _counts(session: Session, entity: type, containers: set[tuple[Any, ...]]) -> dict[Any, Any]:
    """Per container: (how many rows it holds, its highest position), in grouped reads."""
    columns = [getattr(entity, c) for c in CONTAINERS[entity]]
    position = getattr(entity, "position")  # noqa: B009
    found: dict[Any, Any] = {}
    for chunk in chunks(sorted({container[0] for container in containers})):
        query = select(*columns, func.count(), func.max(position)).where(columns[0].in_(chunk))
        for row in session.execute(query.group_by(*columns)):
            found[tuple(row[: len(columns)])] = (row[-2], row[-1])
    return found


@dataclass
class InsertMany(Operation):
    """Add many rows of one table (ids known), each at the end of its container.

    The bulk path of large edits (merging drafts): one executemany INSERT for all the
    rows instead of a read of the siblings and a flush per row. Rows land in the order
    given after what their containers hold, as Inserts at the end would; undo checks
    every row is as this step left it, then deletes them all.
    """

    entity: type
    rows: list[Values]

    def do(self, session: Session, notices: Notices) -> None:
        if self.entity in CONTAINERS:
            self._append(session)
        table = self.entity.__table__  # type: ignore[attr-defined]
        for chunk in chunks(self.rows):
            session.execute(insert(table), [dict(values) for values in chunk])
        notices.rows_added(session, self.entity, self.rows)

    def _append(self, session: Session) -> None:
        """Give each row the next position of its container (0…n-1 kept)."""
        containers = {_container_of(self.entity, values) for values in self.rows}
        following = {
            place: count for place, (count, _) in _counts(session, self.entity, containers).items()
        }
        for values in self.rows:
            place = _container_of(self.entity, values)
            values["position"] = following.get(place, 0)
            following[place] = values["position"] + 1

    def undo(self, session: Session, notices: Notices) -> None:
        mapper: Any = inspect(self.entity)
        keys = [attr.key for attr in mapper.column_attrs]
        ident = getattr(self.entity, "id")  # noqa: B009
        ids = [values["id"] for values in self.rows]
        found: dict[int, Any] = {}
        for chunk in chunks(ids):
            query = select(*[getattr(self.entity, k) for k in keys]).where(ident.in_(chunk))
            found.update((row.id, row) for row in session.execute(query))
        for values in self.rows:
            row = found.get(values["id"])
            if row is None or any(getattr(row, k) != v for k, v in values.items()):
                raise StaleRowError(self.entity, values["id"])
        notices.rows_removed(session, self.entity, self.rows)
        for chunk in chunks(ids):
            session.execute(delete(self.entity).where(ident.in_(chunk)))
        if self.entity in CONTAINERS:
            self._close_gaps(session)

    def _close_gaps(self, session: Session) -> None:
        """Number again the containers where rows added after these are left behind a gap."""
        containers = {_container_of(self.entity, values) for values in self.rows}
        for place, (count, highest) in _counts(session, self.entity, containers).items():
            if place in containers and highest != count - 1:
                where = dict(zip(CONTAINERS[self.entity], place, strict=True))
                for index, sibling in enumerate(_siblings(session, self.entity, where)):
                    sibling.position = index
        session.flush()


@dataclass
class Delete(Operation):
    """Remove one row, remembering it whole so that undo puts it back in place."""

    entity: type
    id: int
    saved: Values = field(default_factory=dict)

    def do(self, session: Session, notices: Notices) -> None:
        row = _row(session, self.entity, self.id)
        if self.saved:
            _expect(self.entity, row, self.saved)
        self.saved = row_values(row)
        notices.removed(session, row)
        if self.entity in CONTAINERS:
            _close_gap(session, self.entity, row)
        session.delete(row)
        session.flush()

    def undo(self, session: Session, notices: Notices) -> None:
        if session.get(self.entity, self.id) is not None:
            raise StaleRowError(self.entity, self.id)
        Insert(self.entity, dict(self.saved)).do(session, notices)


@dataclass
class Update(Operation):
    """Change some fields of one row (never its container or position)."""

    entity: type
    id: int
    after: Values
    before: Values = field(default_factory=dict)

    def do(self, session: Session, notices: Notices) -> None:
        row = _row(session, self.entity, self.id)
        if self.before:
            _expect(self.entity, row, self.before)
        self.before = {key: getattr(row, key) for key in self.after}
        self._set(session, notices, row, self.after)

    def undo(self, session: Session, notices: Notices) -> None:
        row = _row(session, self.entity, self.id)
        _expect(self.entity, row, self.after)
        self._set(session, notices, row, self.before)

    @staticmethod
    def _set(session: Session, notices: Notices, row: Any, values: Values) -> None:
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        notices.changed(session, row)


@dataclass
class Relocate(Operation):
    """Move a row to another place: another container, another position, or both."""

    entity: type
    id: int
    target: Values
    origin: Values = field(default_factory=dict)
    landed: Values = field(default_factory=dict)

    def do(self, session: Session, notices: Notices) -> None:
        self.origin = self._move(session, notices, self.target, self.origin)

    def undo(self, session: Session, notices: Notices) -> None:
        self._move(session, notices, self.origin, self.landed)

    def _move(self, session: Session, notices: Notices, target: Values, expected: Values) -> Values:
        """Move the row to `target`; `expected` is where it should be now (empty: anywhere)."""
        row = _row(session, self.entity, self.id)
        _expect(self.entity, row, expected)
        keys = (*CONTAINERS[self.entity], "position")
        origin = {key: getattr(row, key) for key in keys}
        notices.moved(session, row)
        _close_gap(session, self.entity, row)
        place = {**origin, **target}
        for key in CONTAINERS[self.entity]:
            setattr(row, key, place[key])
        row.position = -1
        session.flush()
        row.position = _open_gap(session, self.entity, place, place["position"])
        session.flush()
        notices.moved(session, row)
        self.landed = {key: getattr(row, key) for key in keys}
        return origin


def _references() -> dict[type, dict[str, type]]:
    """For each entity, its columns that hold another entity's id (from the foreign keys)."""
    by_table = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    return {
        mapper.class_: {
            column.key: by_table[next(iter(column.foreign_keys)).column.table.name]
            for column in mapper.columns
            if column.foreign_keys
        }
        for mapper in Base.registry.mappers
    }


def renumber(operations: list[Operation], new_ids: dict[tuple[type, int], int]) -> None:
    """Give rows that a command inserts other ids, and every reference to them with them.

    Used when another program took an id between the command's making and its first run.
    """
    references = _references()

    def fix(entity: type, values: Values) -> None:
        for key, target in references[entity].items():
            if (target, values.get(key)) in new_ids:
                values[key] = new_ids[(target, values[key])]
        if "id" in values and (entity, values["id"]) in new_ids:
            values["id"] = new_ids[(entity, values["id"])]

    for entity, values in inserted(operations):
        fix(entity, values)
    for step in operations:
        if isinstance(step, Update):
            fix(step.entity, step.after)
        elif isinstance(step, Relocate):
            fix(step.entity, step.target)
        if isinstance(step, (Delete, Update, Relocate)):
            step.id = new_ids.get((step.entity, step.id), step.id)


def inserted(operations: Sequence[Operation]) -> Iterator[tuple[type, Values]]:
    """Every row that operations insert when run forward: (entity, its values)."""
    for step in operations:
        if isinstance(step, Insert):
            yield step.entity, step.values
        elif isinstance(step, InsertMany):
            yield from ((step.entity, values) for values in step.rows)


def one_by_one(operations: Sequence[Operation]) -> list[Operation]:
    """The same edit with each bulk insert made row by row (an Insert at the end of its
    container per row): the path bulk inserts replaced, kept to compare them with it."""
    single: list[Operation] = []
    for step in operations:
        if isinstance(step, InsertMany):
            single += [Insert(step.entity, dict(values)) for values in step.rows]
        else:
            single.append(step)
    return single


def touched_rows(
    operations: Sequence[Operation], forward: bool
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Ids of the rows that operations write (run forward, or undone), by table; and of
    those, the rows they add (which may push a count over its limit)."""
    touched: dict[str, list[int]] = {}
    grown: dict[str, list[int]] = {}
    for step in operations:
        table = step.entity.__tablename__  # type: ignore[attr-defined]
        if isinstance(step, InsertMany):
            if forward:
                ids = [values["id"] for values in step.rows]
                touched.setdefault(table, []).extend(ids)
                grown.setdefault(table, []).extend(ids)
            continue
        added = (isinstance(step, Insert) and forward) or (isinstance(step, Delete) and not forward)
        if isinstance(step, Insert) and forward:
            row_id = step.values["id"]
        elif added or isinstance(step, (Update, Relocate)):
            row_id = step.id  # type: ignore[attr-defined]
        else:
            continue
        touched.setdefault(table, []).append(row_id)
        if added:
            grown.setdefault(table, []).append(row_id)
    return touched, grown
