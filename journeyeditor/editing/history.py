"""What changed in a project since one of its snapshots (PRODUCT.md: a map is updated for
months; keep its history, see what changed).

A snapshot is the project's interchange text frozen at a moment (`edits.take_snapshot`).
Like everything in a `.journey` file it is untrusted: `read_snapshot` checks it whole with
the JSON importer's own checks before anything reads it. `compare` then matches maps,
stages, lanes, cards and emotion points by id (ids stay with their rows for the life of
a project) and says each difference in words, per map, with the card it is about where
there is one, for the window to show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from journeyeditor.editing.document import translate
from journeyeditor.store import interchange
from journeyeditor.store.interchange_fields import CARD, EMOTION, LANE, MAP, STAGE, Field

Record = Mapping[str, Any]
SHORT = 60
"""Characters of a card's text quoted in a change; longer texts end in an ellipsis."""
OPENING, CLOSING = "“\"«‘'", "”\"»’'"
"""Marks a card's text may already open and close with."""
UNCOMPARED = frozenset({"id", "stage", "lane", "text", "created"})
"""Card keys that are not one of its details: its identity, its place, its text."""


@dataclass(frozen=True)
class Change:
    """One difference, in words; `card_id`: the card of the project now it is about."""

    text: str
    card_id: int | None = None


@dataclass(frozen=True)
class MapChanges:
    """A map's differences. `map_id` is None for a map deleted since the snapshot."""

    map_id: int | None
    name: str
    changes: tuple[Change, ...]


class Frozen(NamedTuple):
    """A snapshot's project read: its interchange data, and the rows that saving it as a
    project of its own writes."""

    data: dict[str, Any]
    plan: interchange.Plan


def read_snapshot(text: str, name: str) -> Frozen:
    """The snapshot's project, checked as an imported JSON file is (`plan_import`):
    raises `BadInterchangeError` naming `name` for anything a stranger's file could hold
    that the project's own export never writes."""
    data = interchange.parse_json(text, name)
    return Frozen(dict(data), interchange.plan_import(data, name))


def _filled(records: Iterable[Record], fields: tuple[Field, ...]) -> list[dict[str, Any]]:
    return [
        {field.key: record.get(field.key, field.default) for field in fields} for record in records
    ]


def _maps(data: Mapping[str, Any]) -> list[Record]:
    """The maps of checked interchange data, every field there: the importer takes a
    missing field as its default (and a missing list as empty), so a snapshot may omit
    what the export always writes, and the omission is no change."""
    found: list[Record] = []
    for raw in data.get("maps", []):
        record = _filled([raw], MAP)[0]
        listed = (("stages", STAGE), ("lanes", LANE), ("cards", CARD), ("emotions", EMOTION))
        for key, fields in listed:
            record[key] = _filled(raw.get(key, []), fields)
        found.append(record)
    return found


def quoted(text: str) -> str:
    """A card's text on one line, cut to SHORT characters, in quotes (its own, when it
    has them)."""
    line = " ".join(text.split())
    if len(line) > SHORT:
        line = line[: SHORT - 1].rstrip() + "…"
    if len(line) > 1 and line[0] in OPENING and line[-1] in CLOSING:
        return line  # a quote already (a thought): quoting it again doubles its marks
    return translate("History", "“{0}”").format(line)


def _by_id(records: Iterable[Record]) -> dict[int, Record]:
    return {record["id"]: record for record in records}


def _feeling(value: int | None) -> str:
    if value is None:
        return translate("History", "none")
    return f"{value:+d}".replace("-", "−") if value else "0"


def _field_names() -> dict[str, str]:
    """Card details in words, for 'changed the evidence, votes of …'."""
    return {
        "color": translate("History", "colour"),
        "channel": translate("History", "channel"),
        "owned": translate("History", "ownership"),
        "severity": translate("History", "severity"),
        "owner": translate("History", "owner"),
        "priority": translate("History", "priority"),
        "value": translate("History", "value"),
        "unit": translate("History", "unit"),
        "target": translate("History", "target"),
        "target_low": translate("History", "target"),
        "baseline": translate("History", "baseline"),
        "department": translate("History", "department"),
        "votes": translate("History", "votes"),
        "evidence": translate("History", "evidence"),
        "image": translate("History", "picture"),
        "direction": translate("History", "direction"),
        "period": translate("History", "period"),
        "participant": translate("History", "author"),
        "source": translate("History", "source"),
    }


class _MapComparison:
    """The differences of one map present in both versions."""

    def __init__(self, before: Record, after: Record) -> None:
        self.before, self.after = before, after
        self.stages = (_by_id(before["stages"]), _by_id(after["stages"]))
        self.lanes = (_by_id(before["lanes"]), _by_id(after["lanes"]))
        self.changes: list[Change] = []

    def cell(self, card: Record, now: bool) -> str:
        """'Stage · Lane' of a card, named as in its version."""
        stages, lanes = (self.stages[1], self.lanes[1]) if now else (self.stages[0], self.lanes[0])
        return f"{stages[card['stage']]['name']} · {lanes[card['lane']]['name']}"

    def run(self) -> tuple[Change, ...]:
        if self.before["name"] != self.after["name"]:
            self._say(
                translate("History", "Renamed the map “{0}” to “{1}”"),
                self.before["name"],
                self.after["name"],
            )
        self._columns(
            self.stages,
            translate("History", "Added the stage “{0}”"),
            translate("History", "Removed the stage “{0}”"),
            translate("History", "Renamed the stage “{0}” to “{1}”"),
            translate("History", "Put the stages in another order"),
        )
        self._columns(
            self.lanes,
            translate("History", "Added the lane “{0}”"),
            translate("History", "Removed the lane “{0}”"),
            translate("History", "Renamed the lane “{0}” to “{1}”"),
            translate("History", "Put the lanes in another order"),
        )
        self._cards()
        self._emotions()
        return tuple(self.changes)

    def _say(self, template: str, *values: str, card_id: int | None = None) -> None:
        self.changes.append(Change(template.format(*values), card_id))

    def _columns(
        self,
        found: tuple[dict[int, Record], dict[int, Record]],
        added: str,
        removed: str,
        renamed: str,
        reordered: str,
    ) -> None:
        """Stages or lanes: added, removed, renamed, and their order among those kept."""
        old, new = found
        for row_id, row in new.items():
            if row_id not in old:
                self._say(added, row["name"])
            elif old[row_id]["name"] != row["name"]:
                self._say(renamed, old[row_id]["name"], row["name"])
        for row_id, row in old.items():
            if row_id not in new:
                self._say(removed, row["name"])
        kept = [row_id for row_id in old if row_id in new]
        if kept != [row_id for row_id in new if row_id in old]:
            self._say(reordered)

    def _cards(self) -> None:
        old = _by_id(self.before["cards"])
        new = _by_id(self.after["cards"])
        names = _field_names()
        for card_id, card in new.items():
            was = old.get(card_id)
            text = quoted(card["text"])
            if was is None:
                self._say(
                    translate("History", "Added {0} in {1}"),
                    text,
                    self.cell(card, True),
                    card_id=card_id,
                )
                continue
            if (was["stage"], was["lane"]) != (card["stage"], card["lane"]):
                self._say(
                    translate("History", "Moved {0} from {1} to {2}"),
                    text,
                    self.cell(was, False),
                    self.cell(card, True),
                    card_id=card_id,
                )
            if was["text"] != card["text"]:
                self._say(
                    translate("History", "Rewrote {0} as {1}"),
                    quoted(was["text"]),
                    text,
                    card_id=card_id,
                )
            details = [
                names.get(key, key)
                for key in card
                if key not in UNCOMPARED and was.get(key) != card[key]
            ]
            if details:
                self._say(
                    translate("History", "Changed the {0} of {1}"),
                    ", ".join(dict.fromkeys(details)),
                    text,
                    card_id=card_id,
                )
        for card_id, was in old.items():
            if card_id not in new:
                self._say(
                    translate("History", "Removed {0} from {1}"),
                    quoted(was["text"]),
                    self.cell(was, False),
                )

    def _emotions(self) -> None:
        """The curve's points, by stage of each emotion lane kept in both versions."""
        old = {(p["lane"], p["stage"]): p["value"] for p in self.before["emotions"]}
        new = {(p["lane"], p["stage"]): p["value"] for p in self.after["emotions"]}
        stages, lanes = self.stages[1], self.lanes[1]
        for key in sorted(old.keys() | new.keys()):
            lane, stage = key
            if old.get(key) == new.get(key) or lane not in lanes or stage not in stages:
                continue
            if lane not in self.lanes[0] or stage not in self.stages[0]:
                continue  # a lane or stage added since: said once, as added
            self._say(
                translate("History", "Emotion at {0} in {1}: {2} → {3}"),
                stages[stage]["name"],
                lanes[lane]["name"],
                _feeling(old.get(key)),
                _feeling(new.get(key)),
            )


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[MapChanges]:
    """The differences from `before` (a snapshot's project) to `after` (the project
    now), per map in the order of the maps now, then the maps deleted since; maps with
    no difference are left out."""
    old = _by_id(_maps(before))
    now_maps = _maps(after)
    found: list[MapChanges] = []
    for record in now_maps:
        was = old.get(record["id"])
        if was is None:
            added = (Change(translate("History", "Added this map")),)
            found.append(MapChanges(record["id"], record["name"], added))
            continue
        changes = _MapComparison(was, record).run()
        if changes:
            found.append(MapChanges(record["id"], record["name"], changes))
    now = {record["id"] for record in now_maps}
    for map_id, record in old.items():
        if map_id not in now:
            removed = (Change(translate("History", "Deleted this map")),)
            found.append(MapChanges(None, record["name"], removed))
    return found
