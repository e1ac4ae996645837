"""Merging offline drafts into the open project, as one undo step.

In a workshop each department may fill in its own copy of the map offline; the
facilitator merges the copies (drafts) back. Planning writes nothing: it reads the
master and the drafts and returns a `MergePlan`, a summary per draft (what will be
added, matched and skipped) and the row operations that do it, with every new row's id
allocated up front, so the whole merge is one `EditCommand` whose undo gives the master
back exactly.

Names (maps, stages, lanes, departments, participants, personas) and card texts are
compared by `key`: accents dropped, case folded, white space collapsed ("Considération"
and "consideration " are one stage). A draft's card is skipped when its cell already
holds a card of the same text (in the master or from an earlier draft of this merge).
Emotion points are averaged: the new value is the mean of every feeling (each point
counts `samples` times), rounded half away from zero, and `samples` is their sum. A
draft already merged (the master holds cards whose `source` is its file name) adds its
new cards but not its feelings again, so merging the same draft twice changes nothing.

A draft is untrusted: it is opened read-only with every check (`store.database`).
"""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document, translate
from journeyeditor.editing.operations import Insert, InsertMany, Operation, Update, Values
from journeyeditor.model import (
    Card,
    Department,
    EmotionPoint,
    Image,
    JourneyMap,
    Lane,
    LaneKind,
    Participant,
    Stage,
    limits,
)
from journeyeditor.store import database, interchange
from journeyeditor.store.errors import MergeError
from journeyeditor.store.files import is_same_file

Record = dict[str, Any]
SHOWN = 8
"""Names listed in a summary line; the rest are counted."""


def key(name: str) -> str:
    """How names and card texts are compared: without accents, case or extra spaces."""
    if name.isascii():  # no accents to drop: the same result, without decomposing
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def rounded_mean(total: int, count: int) -> int:
    """`total / count` rounded half away from zero, in integers (no float error)."""
    sign = -1 if total < 0 else 1
    return sign * ((2 * abs(total) + count) // (2 * count))


@dataclass(frozen=True)
class Draft:
    """A draft file's content as interchange data (docs/file-format.md)."""

    path: Path
    data: Record

    @property
    def name(self) -> str:
        return self.path.name


def read_draft(path: Path | str, master: Path | str | None = None) -> Draft:
    """Open a draft read-only with every check; raises a JourneyFileError if it is unfit."""
    path = Path(path)
    if master is not None and path.exists() and is_same_file(path, master):
        raise MergeError(path, translate("Merge", "it is the project being merged into"))
    journey = database.open_file(path, read_only=True)
    try:
        data = interchange.export_project(journey.raw)
    finally:
        journey.close()
    return Draft(path, data)


@dataclass
class DraftSummary:
    """What merging one draft does, for the preview and the command line."""

    name: str
    maps_added: list[str] = field(default_factory=list)
    maps_matched: list[str] = field(default_factory=list)
    stages_added: list[str] = field(default_factory=list)
    stages_matched: int = 0
    lanes_added: list[str] = field(default_factory=list)
    lanes_matched: int = 0
    departments_added: list[str] = field(default_factory=list)
    departments_matched: int = 0
    participants_added: list[str] = field(default_factory=list)
    participants_matched: int = 0
    cards_added: int = 0
    added_texts: list[str] = field(default_factory=list)
    cards_skipped: list[str] = field(default_factory=list)
    """Texts of the draft's cards already in their cell (duplicates)."""
    emotions_merged: int = 0
    already_merged: bool = False
    """The master already holds cards from a draft of this name: feelings not counted again."""

    @property
    def changes(self) -> bool:
        return bool(
            self.maps_added
            or self.stages_added
            or self.lanes_added
            or self.departments_added
            or self.participants_added
            or self.cards_added
            or self.emotions_merged
        )


@dataclass
class MergePlan:
    drafts: list[DraftSummary]
    operations: list[Operation]

    @property
    def empty(self) -> bool:
        return not self.operations

    def command(self, document: Document) -> EditCommand:
        """The whole merge as one undo step."""
        text = translate("Edits", "Merge from %n files").replace("%n", str(len(self.drafts)))
        if len(self.drafts) == 1:
            text = translate("Edits", "Merge from {0}").format(self.drafts[0].name)
        return EditCommand(document, text, self.operations)


@dataclass
class _Feeling:
    """An emotion point being averaged: its row (None: new), sum of feelings and count."""

    point_id: int | None
    total: int
    count: int
    note: str
    before: tuple[int, int] | None


@dataclass
class _Target:
    """A master map (or one this merge adds) as the planner sees it."""

    map_id: int
    stages: dict[str, int] = field(default_factory=dict)
    lanes: dict[str, tuple[int, str]] = field(default_factory=dict)
    stage_count: int = 0
    lane_count: int = 0
    cells: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    cell_counts: dict[tuple[int, int], int] = field(default_factory=dict)


def _first(names: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """Name key → value, the first of equal names winning."""
    found: dict[str, Any] = {}
    for name, value in names:
        found.setdefault(key(name), value)
    return found


class _Planner:
    def __init__(self, document: Document) -> None:
        self.document = document
        master = document.export_data()
        self.operations: list[Operation] = []
        self.cards: list[Values] = []
        """New cards, inserted together after every row they refer to (the bulk path)."""
        self.departments = _first([(d["name"], d["id"]) for d in master["departments"]])
        self.department_count = len(master["departments"])
        self.participants = _first([(p["name"], p["id"]) for p in master["participants"]])
        self.participant_count = len(master["participants"])
        self.personas = _first([(p["name"], p["id"]) for p in master["personas"]])
        self.map_count = len(master["maps"])
        self.maps: dict[str, _Target] = {}
        self.feelings: dict[tuple[int, int], _Feeling] = {}
        self.merged_names = {
            card["source"] for m in master["maps"] for card in m["cards"] if card["source"]
        }
        for journey in master["maps"]:
            self.maps.setdefault(key(journey["name"]), self._target(journey))

    def _target(self, journey: Record) -> _Target:
        target = _Target(journey["id"], stage_count=len(journey["stages"]))
        target.lane_count = len(journey["lanes"])
        target.stages = _first([(s["name"], s["id"]) for s in journey["stages"]])
        target.lanes = _first([(ln["name"], (ln["id"], ln["kind"])) for ln in journey["lanes"]])
        for card in journey["cards"]:
            cell = (card["stage"], card["lane"])
            target.cells.setdefault(cell, set()).add(key(card["text"]))
            target.cell_counts[cell] = target.cell_counts.get(cell, 0) + 1
        for point in journey["emotions"]:
            self.feelings[(point["lane"], point["stage"])] = _Feeling(
                point["id"],
                point["value"] * point["samples"],
                point["samples"],
                point["note"],
                (point["value"], point["samples"]),
            )
        return target

    def _new_id(self, entity: type) -> int:
        return self.document.next_id(entity)

    # Project-wide rows

    def department(self, draft: Record, summary: DraftSummary, draft_id: int | None) -> int | None:
        if draft_id is None:
            return None
        row = next(d for d in draft["departments"] if d["id"] == draft_id)
        found = self.departments.get(key(row["name"]))
        if found is not None:
            return int(found)
        new_id = self._new_id(Department)
        values = {"id": new_id, "name": row["name"], "color": row["color"]}
        self.operations.append(Insert(Department, {**values, "position": self.department_count}))
        self.department_count += 1
        self.departments[key(row["name"])] = new_id
        summary.departments_added.append(row["name"])
        return new_id

    def project_rows(self, draft: Record, summary: DraftSummary) -> dict[int, int | None]:
        """Match or add the draft's departments and participants; its participant ids →
        the master's."""
        for row in draft["departments"]:
            if key(row["name"]) in self.departments:
                summary.departments_matched += 1
            else:
                self.department(draft, summary, row["id"])
        people: dict[int, int | None] = {}
        for row in draft["participants"]:
            found = self.participants.get(key(row["name"]))
            if found is not None:
                summary.participants_matched += 1
                people[row["id"]] = found
                continue
            new_id = self._new_id(Participant)
            values = {
                "id": new_id,
                "name": row["name"],
                "department_id": self.department(draft, summary, row["department"]),
                "position": self.participant_count,
            }
            self.operations.append(Insert(Participant, values))
            self.participant_count += 1
            self.participants[key(row["name"])] = new_id
            summary.participants_added.append(row["name"])
            people[row["id"]] = new_id
        return people

    # Maps

    def target(self, journey: Record, into: str | None, summary: DraftSummary) -> _Target:
        name = into if into is not None else journey["name"]
        found = self.maps.get(key(name))
        if found is not None:
            summary.maps_matched.append(journey["name"])
            return found
        new_id = self._new_id(JourneyMap)
        persona = self.personas.get(key(journey.get("persona_name") or ""))
        values = {
            "id": new_id,
            "name": journey["name"],
            "persona_id": persona,
            "segment": journey["segment"],
            "state": journey["state"],
            "description": journey["description"],
            "position": self.map_count,
        }
        self.operations.append(Insert(JourneyMap, values))
        self.map_count += 1
        target = _Target(new_id)
        self.maps[key(journey["name"])] = target
        summary.maps_added.append(journey["name"])
        return target

    def merge_map(
        self,
        draft: Draft,
        journey: Record,
        target: _Target,
        people: dict[int, int | None],
        summary: DraftSummary,
        feelings: bool,
    ) -> None:
        stages: dict[int, int] = {}
        for row in journey["stages"]:
            found = target.stages.get(key(row["name"]))
            if found is None:
                found = self._new_id(Stage)
                values: Values = {
                    "id": found,
                    "map_id": target.map_id,
                    "position": target.stage_count,
                }
                values.update(name=row["name"], color=row["color"], width=row["width"])
                self.operations.append(Insert(Stage, values))
                target.stage_count += 1
                target.stages[key(row["name"])] = found
                summary.stages_added.append(row["name"])
            else:
                summary.stages_matched += 1
            stages[row["id"]] = found
        lanes: dict[int, tuple[int, str]] = {}
        for row in journey["lanes"]:
            match = target.lanes.get(key(row["name"]))
            if match is None:
                match = (self._new_id(Lane), row["kind"])
                values = {"id": match[0], "map_id": target.map_id, "position": target.lane_count}
                values.update(
                    name=row["name"], kind=row["kind"], color=row["color"], height=row["height"]
                )
                self.operations.append(Insert(Lane, values))
                target.lane_count += 1
                target.lanes[key(row["name"])] = match
                summary.lanes_added.append(row["name"])
            else:
                summary.lanes_matched += 1
            lanes[row["id"]] = match
        images: dict[int, int] = {}
        for card in journey["cards"]:
            cell = (stages[card["stage"]], lanes[card["lane"]][0])
            text_key = key(card["text"])
            texts = target.cells.setdefault(cell, set())
            if text_key in texts:
                summary.cards_skipped.append(card["text"])
                continue
            texts.add(text_key)
            values = {f.column: card[f.key] for f in interchange.CARD}
            values.update(
                id=self._new_id(Card),
                stage_id=cell[0],
                lane_id=cell[1],
                position=target.cell_counts.get(cell, 0),
                department_id=self.department(draft.data, summary, card["department"]),
                participant_id=people.get(card["participant"]) if card["participant"] else None,
                image_id=self.image(draft.data, card["image"], images),
                source=draft.name,
            )
            target.cell_counts[cell] = values["position"] + 1
            self.cards.append(values)
            summary.cards_added += 1
            summary.added_texts.append(card["text"])
        if feelings:
            for point in journey["emotions"]:
                lane_id, kind = lanes[point["lane"]]
                if kind == LaneKind.EMOTION.value:
                    self.feel(lane_id, stages[point["stage"]], point)
                    summary.emotions_merged += 1

    def image(self, draft: Record, image_id: int | None, copied: dict[int, int]) -> int | None:
        """Copy a card's picture from the draft (already checked with Pillow on opening)."""
        if image_id is None:
            return None
        if image_id not in copied:
            row = next(i for i in draft["images"] if i["id"] == image_id)
            copied[image_id] = self._new_id(Image)
            values = {"id": copied[image_id], "format": row["format"], "width": row["width"]}
            values.update(height=row["height"], data=base64.b64decode(row["data"]))
            self.operations.append(Insert(Image, values))
        return copied[image_id]

    def feel(self, lane_id: int, stage_id: int, point: Record) -> None:
        feeling = self.feelings.get((lane_id, stage_id))
        if feeling is None:
            self.feelings[(lane_id, stage_id)] = _Feeling(
                None, point["value"] * point["samples"], point["samples"], point["note"], None
            )
            return
        feeling.total += point["value"] * point["samples"]
        feeling.count += point["samples"]

    def emotion_operations(self) -> list[Operation]:
        """One Update or Insert per emotion point whose average the merge changed."""
        operations: list[Operation] = []
        for (lane_id, stage_id), feeling in self.feelings.items():
            samples = min(feeling.count, limits.MAX_MERGED_SAMPLES)
            changes: Values = {
                "value": rounded_mean(feeling.total, feeling.count),
                "samples": samples,
            }
            if feeling.point_id is None:
                values: Values = {"id": self._new_id(EmotionPoint), "lane_id": lane_id}
                values.update(stage_id=stage_id, note=feeling.note, **changes)
                operations.append(Insert(EmotionPoint, values))
            elif feeling.before != (changes["value"], changes["samples"]):
                operations.append(Update(EmotionPoint, feeling.point_id, changes))
        return operations


def plan_merge(
    document: Document,
    drafts: Sequence[Draft],
    map_name: str | None = None,
    into: str | None = None,
) -> MergePlan:
    """What merging `drafts` into the document would do; writes nothing.

    `map_name`: only the drafts' map of that name. `into`: the master's map every merged
    map goes into (by default each draft map goes into the master map of its name, or
    is added as a new map).
    """
    planner = _Planner(document)
    if into is not None and key(into) not in planner.maps:
        names = ", ".join(f"“{m.name}”" for m in document.maps())
        detail = translate("Merge", "it has no map named “{0}” (its maps: {1})")
        raise MergeError(document.path, detail.format(into, names))
    summaries = []
    for draft in drafts:
        summary = DraftSummary(draft.name)
        summary.already_merged = draft.name in planner.merged_names
        people = planner.project_rows(draft.data, summary)
        personas = {p["id"]: p["name"] for p in draft.data["personas"]}
        chosen = [
            m for m in draft.data["maps"] if map_name is None or key(m["name"]) == key(map_name)
        ]
        if not chosen:
            names = ", ".join(f"“{m['name']}”" for m in draft.data["maps"])
            detail = translate("Merge", "it has no map named “{0}” (its maps: {1})")
            raise MergeError(draft.path, detail.format(map_name, names))
        for journey in chosen:
            journey = {**journey, "persona_name": personas.get(journey["persona"])}
            target = planner.target(journey, into, summary)
            planner.merge_map(draft, journey, target, people, summary, not summary.already_merged)
        planner.merged_names.add(draft.name)
        summaries.append(summary)
    operations = list(planner.operations)
    if planner.cards:
        operations.append(InsertMany(Card, planner.cards))
    return MergePlan(summaries, operations + planner.emotion_operations())


@dataclass(frozen=True)
class Section:
    """One line of a draft's summary, with the names it counts (shown under it)."""

    text: str
    names: tuple[str, ...] = ()


def sections(summary: DraftSummary) -> list[Section]:
    """What merging one draft does, as lines for a person (the preview, the command line)."""

    def listed(label: str, names: Sequence[str]) -> list[Section]:
        return [Section(label.format(len(names)), tuple(names))] if names else []

    lines: list[Section] = []
    lines += listed(translate("Merge", "new maps: {0}"), summary.maps_added)
    lines += listed(translate("Merge", "new stages: {0}"), summary.stages_added)
    lines += listed(translate("Merge", "new lanes: {0}"), summary.lanes_added)
    lines += listed(translate("Merge", "new departments: {0}"), summary.departments_added)
    lines += listed(translate("Merge", "new participants: {0}"), summary.participants_added)
    cards = translate("Merge", "cards added: {0}").format(summary.cards_added)
    lines.append(Section(cards, tuple(summary.added_texts)))
    lines += listed(
        translate("Merge", "cards skipped, already in their cell: {0}"), summary.cards_skipped
    )
    matched = translate(
        "Merge", "matched: {0} stages, {1} lanes, {2} departments, {3} participants"
    )
    counts = (
        summary.stages_matched,
        summary.lanes_matched,
        summary.departments_matched,
        summary.participants_matched,
    )
    lines.append(Section(matched.format(*counts)))
    if summary.already_merged:
        text = translate("Merge", "already merged before: its feelings are not counted again")
    else:
        text = translate("Merge", "feelings averaged in: {0}").format(summary.emotions_merged)
    lines.append(Section(text))
    return lines


def describe(summary: DraftSummary) -> list[str]:
    """The summary as text lines, with the first few names of each list."""
    lines = []
    for section in sections(summary):
        names = ", ".join(f"“{name}”" for name in section.names[:SHOWN])
        if len(section.names) > SHOWN:
            more = translate("Merge", "and {0} more").format(len(section.names) - SHOWN)
            names = f"{names} {more}"
        lines.append(f"{section.text} ({names})" if names else section.text)
    return lines
