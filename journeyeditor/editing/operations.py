"""Row operations: the smallest reversible edits, out of which every command is made.

Each operation captures what it needs for its own undo at the moment it runs, so a
command made of several operations undoes exactly, whatever the earlier ones moved.
Rows that have a `position` are kept numbered 0…n-1 inside their container.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from journeyeditor.model import Card, Department, JourneyMap, Lane, Persona, Stage

if TYPE_CHECKING:
    from journeyeditor.editing.notices import Notices

Values = dict[str, Any]

CONTAINERS: dict[type, tuple[str, ...]] = {
    JourneyMap: (),
    Persona: (),
    Department: (),
    Stage: ("map_id",),
    Lane: ("map_id",),
    Card: ("stage_id", "lane_id"),
}


def row_values(row: Any) -> Values:
    """Every column of an ORM row, as a plain dict."""
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def _siblings(session: Session, entity: type, where: Values) -> list[Any]:
    columns = CONTAINERS[entity]
    query: Any = select(entity).where(*[getattr(entity, c) == where[c] for c in columns])
    order = (getattr(entity, "position"), getattr(entity, "id"))  # noqa: B009
    return list(session.scalars(query.order_by(*order)))


def _open_gap(session: Session, entity: type, where: Values, position: int) -> int:
    """Shift siblings at or after `position` down by one; return the clamped position."""
    siblings = _siblings(session, entity, where)
    position = max(0, min(position, len(siblings)))
    for index, sibling in enumerate(siblings):
        sibling.position = index + 1 if index >= position else index
    return position


def _close_gap(session: Session, entity: type, row: Any) -> None:
    siblings = [s for s in _siblings(session, entity, row_values(row)) if s is not row]
    for index, sibling in enumerate(siblings):
        sibling.position = index


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
        Delete(self.entity, self.values["id"]).do(session, notices)


@dataclass
class Delete(Operation):
    """Remove one row, remembering it whole so that undo puts it back in place."""

    entity: type
    id: int
    saved: Values = field(default_factory=dict)

    def do(self, session: Session, notices: Notices) -> None:
        row = session.get(self.entity, self.id)
        if row is None:
            raise LookupError(f"{self.entity.__name__} {self.id} does not exist")
        self.saved = row_values(row)
        notices.removed(session, row)
        if self.entity in CONTAINERS:
            _close_gap(session, self.entity, row)
        session.delete(row)
        session.flush()

    def undo(self, session: Session, notices: Notices) -> None:
        Insert(self.entity, dict(self.saved)).do(session, notices)


@dataclass
class Update(Operation):
    """Change some fields of one row (never its container or position)."""

    entity: type
    id: int
    after: Values
    before: Values = field(default_factory=dict)

    def do(self, session: Session, notices: Notices) -> None:
        row = session.get(self.entity, self.id)
        if row is None:
            raise LookupError(f"{self.entity.__name__} {self.id} does not exist")
        self.before = {key: getattr(row, key) for key in self.after}
        self._set(session, notices, row, self.after)

    def undo(self, session: Session, notices: Notices) -> None:
        row = session.get(self.entity, self.id)
        assert row is not None
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

    def do(self, session: Session, notices: Notices) -> None:
        self.origin = self._move(session, notices, self.target)

    def undo(self, session: Session, notices: Notices) -> None:
        self._move(session, notices, self.origin)

    def _move(self, session: Session, notices: Notices, target: Values) -> Values:
        row = session.get(self.entity, self.id)
        if row is None:
            raise LookupError(f"{self.entity.__name__} {self.id} does not exist")
        keys = (*CONTAINERS[self.entity], "position")
        origin = {key: getattr(row, key) for key in keys}
        notices.moved(session, row)
        _close_gap(session, self.entity, row)
        place = {**origin, **target}
        for key in CONTAINERS[self.entity]:
            setattr(row, key, place[key])
        row.position = -1
        session.flush()
        siblings = [s for s in _siblings(session, self.entity, place) if s is not row]
        position = max(0, min(place["position"], len(siblings)))
        siblings.insert(position, row)
        for index, sibling in enumerate(siblings):
            sibling.position = index
        session.flush()
        notices.moved(session, row)
        return origin
