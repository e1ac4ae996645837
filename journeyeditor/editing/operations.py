"""Row operations: the smallest reversible edits, out of which every command is made.

Each operation captures what it needs for its own undo at the moment it runs, so a
command made of several operations undoes exactly, whatever the earlier ones moved.
Rows that have a `position` are kept numbered 0…n-1 inside their container; cards are
ordered by keys with gaps instead (order_keys), so that moving one writes its row alone.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect

from journeyeditor.editing import order_keys
from journeyeditor.editing.order_keys import Respaced
from journeyeditor.editing.rows import Rows, table_of
from journeyeditor.editing.rows import Values as Values
from journeyeditor.model import (
    Base,
    Card,
    Department,
    JourneyMap,
    Lane,
    Participant,
    Persona,
    Stage,
    limits,
)
from journeyeditor.store import content
from journeyeditor.store.content import chunks

if TYPE_CHECKING:
    from journeyeditor.editing.notices import Notices

CONTAINERS: dict[type, tuple[str, ...]] = {
    entity: content.CONTAINERS[entity.__tablename__]
    for entity in (JourneyMap, Persona, Department, Participant, Stage, Lane, Card)
}
"""Entities ordered inside a container (the file's rule, store/content.py)."""
AT_END = 1 << 30
"""An index past any container's end: a row put there lands last, wherever that is when
the edit runs (another editor may have added rows since the command was made)."""
KEYED = frozenset(entity for entity in CONTAINERS if table_of(entity).name in content.KEYED)
"""Entities ordered by keys with gaps (order_keys): nothing shifts when one comes or goes."""
PLACING = frozenset({"position", *(c for group in CONTAINERS.values() for c in group)})
"""Columns that place a row in its container: an Update never writes them."""


def row_values(row: Any) -> Values:
    """Every column of an ORM row, as a plain dict."""
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def _place(entity: type, values: Values) -> tuple[Any, ...]:
    """The container a row's values put it in (its container columns' values)."""
    return tuple(values[column] for column in CONTAINERS[entity])


def _open_gap(rows: Rows, entity: type, values: Values, position: int, but: int | None) -> int:
    """Shift the siblings at or after `position` down by one; return the clamped
    position. Row `but` (the one moving in) is neither counted nor shifted. The siblings
    being numbered 0…n-1, a shift that moved one shows `position` inside them: only a
    place past the last one costs a count, to be clamped to the end."""
    place = _place(entity, values)
    position = max(0, position)
    if rows.shift(entity, place, position, 1, but):
        return position
    return min(position, rows.count(entity, place, but))


def _placed(
    rows: Rows, entity: type, values: Values, index: int, but: int | None
) -> tuple[int, Respaced]:
    """The position of a row put at `index` of the container its `values` name (row
    `but`, the one moving, left out): a key between its neighbours', or `index` clamped
    with the siblings from there on shifted down; and the siblings spaced out for a key."""
    if entity in KEYED:
        return order_keys.key_for(rows, entity, _place(entity, values), index, but)
    return _open_gap(rows, entity, values, index, but), []


def _close_gap(rows: Rows, entity: type, row: Values) -> None:
    """The siblings after `row` move up by one (positions stay 0…n-1 without it); keys
    with gaps need nothing."""
    if entity in KEYED:
        return
    rows.shift(entity, _place(entity, row), row["position"] + 1, -1, row["id"])


class StaleRowError(LookupError):
    """A row is not as this step left it: another program changed the file since."""

    def __init__(self, entity: type, row_id: int) -> None:
        super().__init__(f"{entity.__name__} {row_id}")
        self.entity = entity
        self.row_id = row_id


def _row(rows: Rows, entity: type, row_id: int) -> Values:
    """The row an undo or redo works on; it must still be there."""
    row = rows.get(entity, row_id)
    if row is None:
        raise StaleRowError(entity, row_id)
    return row


def _taken(rows: Rows, entity: type, ids: Sequence[int]) -> None:
    """After an insert refused as breaking a rule: when an id it gave is another row's
    (another editor used it since this step was undone), say so; else let it stand."""
    for chunk in chunks(ids):
        found = rows.get_many(entity, chunk)
        if found:
            raise StaleRowError(entity, found[0]["id"])


def _put(rows: Rows, notices: Notices, entity: type, values: Values) -> None:
    """Insert a row whose id and position are settled."""
    try:
        row = rows.insert(entity, values)
    except sqlite3.IntegrityError:
        _taken(rows, entity, [values["id"]])
        raise
    notices.added(rows, entity, row)


def _key_free(rows: Rows, entity: type, values: Values, but: int) -> None:
    """Undo puts a keyed row back at its own key: the gap it left must still be free, or
    another program put a row there since."""
    if rows.holder(entity, _place(entity, values), values["position"], but) is not None:
        raise StaleRowError(entity, but)


def _unspace(rows: Rows, entity: type, respaced: Respaced, moving: int | None = None) -> None:
    """Undo of `order_keys.respace`: each row gets its key back, if it is still in its
    container at the key spacing gave it; else another program moved it since, and
    putting the old key back could sit it on another row's or undo that program's move.
    Once all are back, a key held by another row too is one another program took since,
    but for row `moving`: the row whose move made the room, about to leave the key it
    took (which may be one spacing replaced) for its own."""
    found: dict[int, Values] = {}
    for chunk in chunks([spaced.id for spaced in respaced]):
        found.update((row["id"], row) for row in rows.get_many(entity, chunk))
    for spaced in respaced:
        row = found.get(spaced.id)
        if row is None or _place(entity, row) != spaced.place or row["position"] != spaced.after:
            raise StaleRowError(entity, spaced.id)
        rows.update(entity, spaced.id, {"position": spaced.before})
        rows.touch(entity, {**row, "position": spaced.before})
    for spaced in respaced:
        if rows.holder(entity, spaced.place, spaced.before, spaced.id) not in (None, moving):
            raise StaleRowError(entity, spaced.id)


def _expect(entity: type, row: Values, values: Values) -> None:
    """Refuse to go on when `row` no longer holds `values` (someone else changed it)."""
    if any(row[key] != value for key, value in values.items()):
        raise StaleRowError(entity, row["id"])


class Operation(ABC):
    """A reversible change to rows; `do` and `undo` run inside one transaction."""

    @abstractmethod
    def do(self, rows: Rows, notices: Notices) -> None:
        """Apply the change, remembering what undoing it needs."""

    @abstractmethod
    def undo(self, rows: Rows, notices: Notices) -> None:
        """Put back exactly what `do` changed."""


@dataclass
class Insert(Operation):
    """Add a row with a known id (its `position`: the index it takes among its
    siblings, which make room; a keyed row's `position` is its key once done)."""

    entity: type
    values: Values
    index: int | None = None
    """Where among its siblings, kept from the first run for a redo."""
    respaced: Respaced = field(default_factory=list)

    def do(self, rows: Rows, notices: Notices) -> None:
        values = dict(self.values)
        if self.entity in CONTAINERS:
            if self.index is None:
                self.index = values.get("position", AT_END)
            values["position"], self.respaced = _placed(rows, self.entity, values, self.index, None)
            self.values["position"] = values["position"]
        _put(rows, notices, self.entity, values)

    def undo(self, rows: Rows, notices: Notices) -> None:
        _expect(self.entity, _row(rows, self.entity, self.values["id"]), self.values)
        Delete(self.entity, self.values["id"]).do(rows, notices)
        _unspace(rows, self.entity, self.respaced)


def _counts(rows: Rows, entity: type, containers: set[tuple[Any, ...]]) -> dict[Any, Any]:
    """Per container: (how many rows it holds, its highest position), in grouped reads."""
    names = CONTAINERS[entity]
    table = entity.__tablename__  # type: ignore[attr-defined]
    listed = ", ".join(names)
    found: dict[Any, Any] = {}
    for chunk in chunks(sorted({container[0] for container in containers})):
        sql = (
            f"SELECT {listed}, count(*), max(position) FROM {table} "
            f"WHERE {names[0]} IN ({', '.join('?' * len(chunk))}) GROUP BY {listed}"
        )
        for row in rows.execute(sql, chunk):
            found[tuple(row[: len(names)])] = (row[-2], row[-1])
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
    respaced: Respaced = field(default_factory=list)

    def do(self, rows: Rows, notices: Notices) -> None:
        self.respaced = []
        if self.entity in KEYED:
            self._append_keys(rows)
        elif self.entity in CONTAINERS:
            self._append(rows)
        try:
            rows.insert_many(self.entity, self.rows)
        except sqlite3.IntegrityError:
            _taken(rows, self.entity, [values["id"] for values in self.rows])
            raise
        notices.rows_added(rows, self.entity, self.rows)

    def _append(self, rows: Rows) -> None:
        """Give each row the next position of its container (0…n-1 kept)."""
        containers = {_place(self.entity, values) for values in self.rows}
        following = {
            place: count for place, (count, _) in _counts(rows, self.entity, containers).items()
        }
        for values in self.rows:
            place = _place(self.entity, values)
            values["position"] = following.get(place, 0)
            following[place] = values["position"] + 1

    def _append_keys(self, rows: Rows) -> None:
        """Give each row a key SPACING after the last of its container's, spacing out
        first a container whose keys would run past the highest."""
        containers = {_place(self.entity, values) for values in self.rows}
        found = _counts(rows, self.entity, containers)
        coming = Counter(_place(self.entity, values) for values in self.rows)
        following: dict[tuple[Any, ...], int] = {}
        for place in containers:
            count, highest = found.get(place, (0, None))
            past = coming[place] * order_keys.SPACING
            if highest is not None and highest + past > limits.MAX_ORDER_KEY:
                self.respaced += order_keys.respace(rows, self.entity, place, None)
                highest = count * order_keys.SPACING
            following[place] = (highest or 0) + order_keys.SPACING
        for values in self.rows:
            place = _place(self.entity, values)
            values["position"] = following[place]
            following[place] += order_keys.SPACING

    def undo(self, rows: Rows, notices: Notices) -> None:
        ids = [values["id"] for values in self.rows]
        found: dict[int, Values] = {}
        for chunk in chunks(ids):
            found.update((row["id"], row) for row in rows.get_many(self.entity, chunk))
        for values in self.rows:
            row = found.get(values["id"])
            if row is None or any(row[k] != v for k, v in values.items()):
                raise StaleRowError(self.entity, values["id"])
        notices.rows_removed(rows, self.entity, self.rows)
        for values in self.rows:
            rows.touch(self.entity, values)
        for chunk in chunks(ids):
            if rows.referred(self.entity, chunk):
                raise StaleRowError(self.entity, chunk[0])
            rows.delete_many(self.entity, chunk)
        if self.entity in KEYED:
            _unspace(rows, self.entity, self.respaced)
        elif self.entity in CONTAINERS:
            self._close_gaps(rows)

    def _close_gaps(self, rows: Rows) -> None:
        """Number again the containers where rows added after these are left behind a gap."""
        containers = {_place(self.entity, values) for values in self.rows}
        for place, (count, highest) in _counts(rows, self.entity, containers).items():
            if place in containers and highest != count - 1:
                for index, row_id in enumerate(rows.ordered_ids(self.entity, place)):
                    rows.update(self.entity, row_id, {"position": index})


@dataclass
class Delete(Operation):
    """Remove one row, remembering it whole so that undo puts it back in place."""

    entity: type
    id: int
    saved: Values = field(default_factory=dict)

    def do(self, rows: Rows, notices: Notices) -> None:
        row = _row(rows, self.entity, self.id)
        if self.saved:
            _expect(self.entity, row, self.saved)
        self.saved = row
        rows.touch(self.entity, row)
        notices.removed(rows, self.entity, row)
        if self.entity in CONTAINERS:
            _close_gap(rows, self.entity, row)
        if rows.referred(self.entity, (self.id,)):
            raise StaleRowError(self.entity, self.id)
        rows.delete(self.entity, self.id)

    def undo(self, rows: Rows, notices: Notices) -> None:
        if rows.get(self.entity, self.id) is not None:
            raise StaleRowError(self.entity, self.id)
        if self.entity in KEYED:
            _key_free(rows, self.entity, self.saved, self.id)
            _put(rows, notices, self.entity, dict(self.saved))
        else:
            Insert(self.entity, dict(self.saved)).do(rows, notices)


@dataclass
class Update(Operation):
    """Change some fields of one row (never its container or position)."""

    entity: type
    id: int
    after: Values
    before: Values = field(default_factory=dict)

    def do(self, rows: Rows, notices: Notices) -> None:
        row = _row(rows, self.entity, self.id)
        if self.before:
            _expect(self.entity, row, self.before)
        self.before = {key: row[key] for key in self.after}
        self._set(rows, notices, row, self.after)

    def undo(self, rows: Rows, notices: Notices) -> None:
        row = _row(rows, self.entity, self.id)
        _expect(self.entity, row, self.after)
        self._set(rows, notices, row, self.before)

    def _set(self, rows: Rows, notices: Notices, row: Values, values: Values) -> None:
        rows.update(self.entity, self.id, values)
        if self.entity in CONTAINERS and not PLACING.isdisjoint(values):
            rows.touch(self.entity, row)
            rows.touch(self.entity, {**row, **values})
        notices.changed(rows, self.entity, {**row, **values})


@dataclass
class Relocate(Operation):
    """Move a row to another place: another container, another position (the index it
    takes among the siblings there), or both. An `anchored` move goes right after row
    `follows` of the target (None: first), wherever that row is when the move runs (a
    redo after another program added rows there), and to the index only when that row
    is no longer there."""

    entity: type
    id: int
    target: Values
    origin: Values = field(default_factory=dict)
    landed: Values = field(default_factory=dict)
    respaced: Respaced = field(default_factory=list)
    follows: int | None = None
    anchored: bool = False

    def do(self, rows: Rows, notices: Notices) -> None:
        self.origin, self.landed, self.respaced = self._move(
            rows, notices, self.target, self.origin, self.anchored
        )

    def undo(self, rows: Rows, notices: Notices) -> None:
        if self.entity in KEYED:
            self._put_back(rows, notices)
        else:
            self._move(rows, notices, self.origin, self.landed, False)

    def _put_back(self, rows: Rows, notices: Notices) -> None:
        """Undo of a keyed move: the row goes back to its own key, the rows spaced out
        for it get theirs back."""
        row = _row(rows, self.entity, self.id)
        _expect(self.entity, row, self.landed)
        notices.moved(rows, self.entity, row)
        _unspace(rows, self.entity, self.respaced, self.id)
        _key_free(rows, self.entity, {**row, **self.origin}, self.id)
        rows.update(self.entity, self.id, self.origin)
        rows.touch(self.entity, row)
        rows.touch(self.entity, {**row, **self.origin})
        notices.moved(rows, self.entity, {**row, **self.origin})

    def _after(self, rows: Rows, place: Values, index: int) -> int:
        """Where an anchored move lands among the rows of `place`: just after `follows`,
        first when that is None, at `index` when `follows` is no longer there."""
        if self.follows is None:
            return 0
        found = rows.after(self.entity, _place(self.entity, place), self.follows, self.id)
        return index if found is None else found

    def _move(
        self, rows: Rows, notices: Notices, target: Values, expected: Values, anchored: bool
    ) -> tuple[Values, Values, Respaced]:
        """Move the row to `target`; `expected` is where it should be now (empty: anywhere).
        Returns where it was, where it landed and the siblings spaced out for its key,
        and changes nothing of this step: an undo refused after its writes (the file
        locked at its commit) must leave `landed` as the redo set it, or the undo tried
        again would call the row moved by another.

        The siblings after it close up, those at and after its new place make room (the
        row itself left out of both), then the row is written once where it lands; a
        keyed row (a card) is given a key between its new neighbours' instead, and none
        of its siblings moves unless its cell must be spaced out."""
        row = _row(rows, self.entity, self.id)
        _expect(self.entity, row, expected)
        keys = (*CONTAINERS[self.entity], "position")
        origin = {key: row[key] for key in keys}
        notices.moved(rows, self.entity, row)
        _close_gap(rows, self.entity, row)
        place = {**origin, **target}
        index = place["position"]
        if anchored:
            index = self._after(rows, place, index)
        place["position"], respaced = _placed(rows, self.entity, place, index, self.id)
        rows.update(self.entity, self.id, place)
        rows.touch(self.entity, row)
        rows.touch(self.entity, place)
        notices.moved(rows, self.entity, {**row, **place})
        return origin, place, respaced


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
