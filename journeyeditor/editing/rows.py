"""An edit's transaction, reads and writes of rows, on the file's own sqlite3 connection.

Through the ORM each statement of an edit cost a unit of work, a compiled-cache lookup
and a result set (a card move ran thirteen, plus the session's begin and commit): most
of the Document's share of an edit. Here the transaction is the driver's own
`BEGIN IMMEDIATE … COMMIT`, each statement is SQL written once per table and columns,
and the map of a stage is read once per edit. The session (which the Document keeps for
reads) is not told by the driver, so every write is logged and `settle` brings the ORM
objects the session still holds in line after the commit, as the ORM's own flushes and
`synchronize_session` did; a rolled-back edit changed none of them.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.base import instance_state
from sqlalchemy.orm.util import identity_key

from journeyeditor.store import content

Values = dict[str, Any]


def table_of(entity: type) -> Any:
    return entity.__table__  # type: ignore[attr-defined]


@cache
def columns(entity: type) -> tuple[str, ...]:
    """Every column of an entity's table, in order."""
    return tuple(column.key for column in table_of(entity).columns)


@cache
def defaults(entity: type) -> Values:
    """The values the model gives columns an insert leaves out (the ORM's `default=`)."""
    found: Values = {}
    for column in table_of(entity).columns:
        if column.default is not None and column.default.is_scalar:
            found[column.key] = column.default.arg
        elif column.nullable and not column.primary_key:
            found[column.key] = None
    return found


@cache
def record_type(entity: type) -> Any:
    """A named tuple of an entity's columns: a row as plain data, read without the ORM."""
    return namedtuple(f"{entity.__name__}Record", columns(entity))


@cache
def _flags(entity: type) -> tuple[int, ...]:
    """Indexes of the Boolean columns, which SQLite stores as 0 and 1."""
    kinds = [column.type for column in table_of(entity).columns]
    return tuple(n for n, kind in enumerate(kinds) if isinstance(kind, Boolean))


@cache
def _flag_keys(entity: type) -> frozenset[str]:
    keys = columns(entity)
    return frozenset(keys[index] for index in _flags(entity))


def record(entity: type, found: Sequence[Any]) -> Any:
    """A row read by `select_sql` as a `record_type` (Booleans as the ORM gives them)."""
    values = list(found)
    for index in _flags(entity):
        if values[index] is not None:
            values[index] = bool(values[index])
    return record_type(entity)(*values)


@cache
def _referrers(entity: type) -> tuple[tuple[str, str], ...]:
    """The (table, column) pairs whose rows the database deletes along with a row of
    `entity` (`ON DELETE CASCADE`). A `SET NULL` only detaches (a card from a
    department or a participant) and loses no content, so it is left to the database."""
    table = table_of(entity)
    return tuple(
        (other.name, key.parent.name)
        for other in table.metadata.sorted_tables
        for key in other.foreign_keys
        if key.column.table is table and key.ondelete == "CASCADE"
    )


def _name(entity: type) -> str:
    return f'"{table_of(entity).name}"'


@cache
def select_sql(entity: type) -> str:
    """Every column of rows of `entity`, to be followed by a condition."""
    names = ", ".join(f'"{key}"' for key in columns(entity))
    return f"SELECT {names} FROM {_name(entity)} WHERE "


def _marks(count: int) -> str:
    return ", ".join("?" * count)


@cache
def _insert_sql(entity: type, keys: tuple[str, ...]) -> str:
    names = ", ".join(f'"{key}"' for key in keys)
    return f"INSERT INTO {_name(entity)} ({names}) VALUES ({', '.join('?' * len(keys))})"


@cache
def _update_sql(entity: type, keys: tuple[str, ...]) -> str:
    assignments = ", ".join(f'"{key}" = ?' for key in keys)
    return f"UPDATE {_name(entity)} SET {assignments} WHERE id = ?"


@cache
def container_of(entity: type) -> tuple[str, ...] | None:
    """The columns of a positioned entity's container (None: not positioned)."""
    return content.CONTAINERS.get(table_of(entity).name)


@cache
def _inside(entity: type) -> str:
    """The condition `row is in the container`, one parameter per container column
    (always true for a table that is one container)."""
    return " AND ".join(f'"{c}" = ?' for c in content.CONTAINERS[table_of(entity).name]) or "1"


class Rows:
    """One edit's row reads and writes, logged for `settle`, and what they touched for
    the checks of positions before the commit: the containers (`places`) of tables
    numbered 0…n-1, the keys written (`keys`) in those of keys with gaps."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw
        self.log: list[tuple[Any, ...]] = []
        self.places: dict[str, set[tuple[Any, ...]]] = {}
        self.keys: dict[str, dict[tuple[Any, ...], set[int]]] = {}
        self._maps: dict[int, int] = {}

    def touch(self, entity: type, row: Values) -> None:
        """Note where `row` (a positioned entity's, with its container columns and
        position) is: a row written, left or deleted there. Other entities are let be."""
        group = container_of(entity)
        if group is not None:
            self.note(entity, tuple(row[column] for column in group), row["position"])

    def note(self, entity: type, place: tuple[Any, ...], position: int) -> None:
        """Note a row written at `position` in container `place`, or gone from there."""
        table = table_of(entity).name
        if table in content.KEYED:
            self.keys.setdefault(table, {}).setdefault(place, set()).add(position)
        else:
            self.places.setdefault(table, set()).add(place)

    def begin(self) -> None:
        """Start the edit's transaction, holding the write lock from its start (so an
        edit never fails half-way for want of it)."""
        self.raw.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        """Give up whatever the edit wrote; the log goes too (no object was settled)."""
        self.log.clear()
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run SQL in the edit's transaction (reads for the content rules)."""
        return self.raw.execute(sql, tuple(params)).fetchall()

    def get(self, entity: type, row_id: int) -> Values | None:
        found = self.raw.execute(select_sql(entity) + "id = ?", (row_id,)).fetchone()
        return dict(zip(columns(entity), found, strict=True)) if found is not None else None

    def get_many(self, entity: type, ids: Sequence[int]) -> list[Values]:
        """The rows of these ids that exist (bind at most `content.CHUNK` at a time)."""
        sql = select_sql(entity) + f"id IN ({_marks(len(ids))})"
        keys = columns(entity)
        return [dict(zip(keys, row, strict=True)) for row in self.raw.execute(sql, tuple(ids))]

    def map_of(self, stage_id: int) -> int:
        """The map a stage belongs to (0 when it is gone), read once per edit: a stage
        never changes map. The map's other stages come with it, in the same statement
        (a card moved to another stage asks for both)."""
        if stage_id not in self._maps:
            sql = (
                "SELECT id, map_id FROM stage WHERE map_id = "
                "(SELECT map_id FROM stage WHERE id = ?)"
            )
            self._maps.update(self.raw.execute(sql, (stage_id,)).fetchall())
        return self._maps.setdefault(stage_id, 0)

    def insert(self, entity: type, values: Values) -> Values:
        """Insert a row; returns it whole, with the model's defaults for what it omits."""
        row = {**defaults(entity), **values}
        keys = tuple(row)
        self.raw.execute(_insert_sql(entity, keys), tuple(row.values()))
        self.touch(entity, row)
        self.log.append(("gone", entity, row["id"]))
        return row

    def insert_many(self, entity: type, rows: Sequence[Values]) -> None:
        """Insert many rows in one executemany, each with the model's defaults. Unlike
        `insert` nothing is logged: the ids are new (a merge's thousands), and an object
        the session might hold for an id another program used and freed was expired when
        its commit was seen, so it is read again."""
        keys, base = columns(entity), defaults(entity)
        params = [tuple({**base, **row}.get(key) for key in keys) for row in rows]
        self.raw.executemany(_insert_sql(entity, keys), params)
        for row in rows:
            self.touch(entity, row)

    def delete_many(self, entity: type, ids: Sequence[int]) -> None:
        """Delete rows by id (bind at most `content.CHUNK` at a time)."""
        self.raw.execute(f"DELETE FROM {_name(entity)} WHERE id IN ({_marks(len(ids))})", ids)
        self.log.extend(("gone", entity, row_id) for row_id in ids)

    def referred(self, entity: type, ids: Sequence[int]) -> bool:
        """Whether a row still points at one of these (about to be deleted): an edit
        deletes or detaches what points at a row before the row itself, so a row left
        is one another program added since, which the database's cascade would take
        away without undo ever giving it back."""
        marks = _marks(len(ids))
        for table, column in _referrers(entity):
            sql = f"SELECT 1 FROM {table} WHERE {column} IN ({marks}) LIMIT 1"
            if self.raw.execute(sql, tuple(ids)).fetchone() is not None:
                return True
        return False

    def update(self, entity: type, row_id: int, values: Values) -> None:
        keys = tuple(values)
        self.raw.execute(_update_sql(entity, keys), (*values.values(), row_id))
        self.log.append(("set", entity, row_id, dict(values)))

    def delete(self, entity: type, row_id: int) -> None:
        self.raw.execute(f"DELETE FROM {_name(entity)} WHERE id = ?", (row_id,))
        self.log.append(("gone", entity, row_id))

    def count(self, entity: type, place: Sequence[Any], but: int | None = None) -> int:
        """How many rows a container holds, leaving out row `but`."""
        sql = f"SELECT count(*) FROM {_name(entity)} WHERE {_inside(entity)} AND id IS NOT ?"
        return int(self.raw.execute(sql, (*place, but)).fetchone()[0])

    def shift(
        self, entity: type, place: Sequence[Any], start: int, by: int, but: int | None = None
    ) -> int:
        """Move the positions from `start` on in a container by `by` (row `but` stays),
        in one statement: a cell of hundreds of cards is not read row by row. Returns
        how many rows moved."""
        sql = (
            f"UPDATE {_name(entity)} SET position = position + ? "
            f"WHERE {_inside(entity)} AND position >= ? AND id IS NOT ?"
        )
        moved = self.raw.execute(sql, (by, *place, start, but)).rowcount
        self.log.append(("shift", entity, tuple(place), start, by, but))
        self.places.setdefault(table_of(entity).name, set()).add(tuple(place))
        return int(moved)

    def keys_from(
        self, entity: type, place: Sequence[Any], index: int, but: int | None
    ) -> list[int]:
        """The positions of a container's rows at `index` and after it, two at most, in
        order (row `but` left out): one walk of the container's index."""
        sql = (
            f"SELECT position FROM {_name(entity)} WHERE {_inside(entity)} AND id IS NOT ? "
            "ORDER BY position, id LIMIT 2 OFFSET ?"
        )
        return [row[0] for row in self.raw.execute(sql, (*place, but, index))]

    def last_key(self, entity: type, place: Sequence[Any], but: int | None) -> int | None:
        """A container's highest position (row `but` left out); None when it is empty."""
        sql = f"SELECT max(position) FROM {_name(entity)} WHERE {_inside(entity)} AND id IS NOT ?"
        found = self.raw.execute(sql, (*place, but)).fetchone()[0]
        return None if found is None else int(found)

    def holder(self, entity: type, place: Sequence[Any], key: int, but: int) -> int | None:
        """The row other than `but` at position `key` in the container, if any."""
        sql = (
            f"SELECT id FROM {_name(entity)} WHERE {_inside(entity)} AND position = ? "
            "AND id IS NOT ? LIMIT 1"
        )
        found = self.raw.execute(sql, (*place, key, but)).fetchone()
        return None if found is None else int(found[0])

    def after(self, entity: type, place: Sequence[Any], row_id: int, but: int) -> int | None:
        """The index just after row `row_id` among the container's rows (row `but` left
        out), or None when `row_id` is not in the container."""
        sql = f"SELECT position FROM {_name(entity)} WHERE {_inside(entity)} AND id = ?"
        found = self.raw.execute(sql, (*place, row_id)).fetchone()
        if found is None:
            return None
        sql = (
            f"SELECT count(*) FROM {_name(entity)} WHERE {_inside(entity)} "
            "AND id IS NOT ? AND position <= ?"
        )
        return int(self.raw.execute(sql, (*place, but, found[0])).fetchone()[0])

    def ordered_keys(
        self, entity: type, place: Sequence[Any], but: int | None = None
    ) -> list[tuple[int, int]]:
        """A container's (id, position) pairs in order, leaving out row `but`."""
        sql = (
            f"SELECT id, position FROM {_name(entity)} WHERE {_inside(entity)} "
            "AND id IS NOT ? ORDER BY position, id"
        )
        return [(row[0], row[1]) for row in self.raw.execute(sql, (*place, but))]

    def ordered_ids(self, entity: type, place: Sequence[Any]) -> list[int]:
        """A container's row ids by position (then id)."""
        return [row_id for row_id, _ in self.ordered_keys(entity, place)]

    def settle(self, session: Session) -> None:
        """After the commit: bring the ORM objects `session` holds for the rows written
        in line with the file, replaying the log in order; a deleted row's object leaves
        the session. Costs nothing when the session holds none."""
        identity = session.identity_map
        if not len(identity):
            self.log.clear()
            return
        for entry in self.log:
            if entry[0] == "shift":
                _settle_shift(session, *entry[1:])
                continue
            held = identity.get(identity_key(entry[1], entry[2]))
            if held is None:
                continue
            if entry[0] == "gone":
                session.expunge(held)
                continue
            flags = _flag_keys(entry[1])
            for key, value in entry[3].items():
                if key in flags and value is not None:
                    value = bool(value)  # an undo writes back what it read: 0 or 1
                set_committed_value(held, key, value)
        self.log.clear()


def _settle_shift(
    session: Session, entity: type, place: tuple[Any, ...], start: int, by: int, but: int | None
) -> None:
    """What `Rows.shift` did, done to the objects the session holds. An object another
    program's commit expired may hold some columns again (settled by this edit): its id
    is its identity, and a position whose container is not loaded is expired too, to be
    read again, as it cannot be told whether the shift moved it."""
    keys = content.CONTAINERS[table_of(entity).name]
    for held in list(session.identity_map.values()):
        if type(held) is not entity:
            continue
        state = instance_state(held)
        loaded = state.dict
        position = loaded.get("position")
        if position is None or state.identity == (but,):
            continue
        if any(key not in loaded for key in keys):
            session.expire(held, ["position"])
        elif all(loaded[k] == v for k, v in zip(keys, place, strict=True)) and position >= start:
            set_committed_value(held, "position", position + by)
