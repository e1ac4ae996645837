"""Cards' order in a cell, kept by keys with gaps (the file's rule since schema 6).

A cell's cards are in the order of their `position`: distinct keys from 0 to
`limits.MAX_ORDER_KEY`, with gaps between them. A card moved or added among them takes a
key halfway between its new neighbours', so the edit writes that card's row alone. With
cards numbered 0…n-1, a card moved to the top of a cell renumbered every card after it
in both cells: hundreds of rows spread over the whole file, which the journal and the
commit then wrote page by page (7 ms of a 10,000-card move on disk, bench/README.md).
Where two neighbours' keys leave no room, the cell is spaced out again first
(`respace`); the keys it replaced are kept, so that undo gives each of them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from journeyeditor.editing.rows import Rows
from journeyeditor.model import limits

SPACING = 1 << 20
"""The gap `respace` leaves between keys (and an added card after the last): twenty
cards put in at the same place before the cell is spaced out again."""


class Spaced(NamedTuple):
    """A row `respace` gave a new key: in which container, from which key to which."""

    id: int
    place: tuple[Any, ...]
    before: int
    after: int


Respaced = list[Spaced]


def between(before: int | None, after: int | None) -> int | None:
    """A key after `before` and before `after` (None: no neighbour on that side), or
    None when they leave no room."""
    if before is None:
        if after is None:
            return SPACING
        return after // 2 if after > 0 else None
    if after is None:
        key = before + SPACING
        return key if key <= limits.MAX_ORDER_KEY else None
    return before + (after - before) // 2 if after - before >= 2 else None


def _key_at(
    rows: Rows, entity: type, place: Sequence[Any], index: int, but: int | None
) -> int | None:
    """The key that puts a row at `index` among the container's rows (row `but` left
    out; past the end is at the end), or None when its neighbours leave no room."""
    if index <= 0:
        found = rows.keys_from(entity, place, 0, but)
        return between(None, found[0] if found else None)
    found = rows.keys_from(entity, place, index - 1, but)
    if not found:
        return between(rows.last_key(entity, place, but), None)
    return between(found[0], found[1] if len(found) > 1 else None)


def key_for(
    rows: Rows, entity: type, place: Sequence[Any], index: int, but: int | None
) -> tuple[int, Respaced]:
    """The key of a row put at `index` in the container `place` (row `but`, the one
    moving, left out of its rows), and the rows spaced out to make room for it."""
    key = _key_at(rows, entity, place, index, but)
    if key is not None:
        return key, []
    respaced = respace(rows, entity, place, but)
    key = _key_at(rows, entity, place, index, but)
    if key is None:  # a cell's cards are far fewer than MAX_ORDER_KEY / SPACING
        raise ValueError("no order key left after spacing the container out")
    return key, respaced


def respace(rows: Rows, entity: type, place: Sequence[Any], but: int | None) -> Respaced:
    """Give the container's rows (but `but`) the keys SPACING, 2 × SPACING, … in their
    order; returns the keys replaced (undo gives them back, `operations._unspace`)."""
    replaced: Respaced = []
    for n, (row_id, key) in enumerate(rows.ordered_keys(entity, place, but), 1):
        if key != n * SPACING:
            rows.update(entity, row_id, {"position": n * SPACING})
            rows.note(entity, tuple(place), n * SPACING)
            replaced.append(Spaced(row_id, tuple(place), key, n * SPACING))
    return replaced
