"""The Document and every edit builder: file contents, undo/redo, signals, failures.

Each edit is pushed, then the file is read back through a freshly opened Document;
then it is undone (the file must equal its earlier export, byte for byte) and redone
(equal to the export after the push).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Delete, Insert
from journeyeditor.model import (
    Card,
    Department,
    EmotionPoint,
    Image,
    JourneyMap,
    Lane,
    LaneKind,
    Persona,
    Stage,
)
from journeyeditor.store import images
from journeyeditor.store.errors import ReadOnlyFileError

from helpers.projects import (
    SignalRecorder,
    export_file,
    mixed_cards,
    png_bytes,
    position_problems,
    reopened,
    sqlite_rows,
)

Check = Callable[[Document, bool], None]


@dataclass
class Sample:
    """Handy ids in the sample project's first two maps."""

    map_id: int
    other_map: int
    stages: list[int]
    lanes: list[int]
    text_lane: int
    emotion_lane: int
    pain_lane: int
    other_stage: int
    other_lane: int


@pytest.fixture
def sample(document: Document) -> Sample:
    first, second = document.maps()[:2]
    lanes = document.lanes(first.id)

    def kind(value: str) -> int:
        return next(lane.id for lane in lanes if lane.kind == value)

    return Sample(
        map_id=first.id,
        other_map=second.id,
        stages=[s.id for s in document.stages(first.id)],
        lanes=[lane.id for lane in lanes],
        text_lane=kind(LaneKind.TEXT.value),
        emotion_lane=kind(LaneKind.EMOTION.value),
        pain_lane=kind(LaneKind.PAIN_POINT.value),
        other_stage=document.stages(second.id)[0].id,
        other_lane=document.lanes(second.id)[0].id,
    )


@pytest.fixture
def recorder(document: Document) -> SignalRecorder:
    return SignalRecorder(document)


def file_is_sound(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = sqlite_rows(connection)
        assert position_problems(rows) == []
        assert mixed_cards(rows) == 0
    finally:
        connection.close()


def apply_undo_redo(document: Document, command: EditCommand, check: Check) -> None:
    """Push `command`, then undo and redo it, checking a freshly reopened file each time."""
    path = document.path
    before = export_file(path)
    steps = document.stack.count()
    assert document.push(command), "the edit should have been saved"
    assert document.stack.count() == steps + 1
    assert document.stack.undoText() == command.text()
    after = export_file(path)
    assert after != before, "the edit should have changed the file"
    file_is_sound(path)
    with reopened(path) as fresh:
        check(fresh, True)
    document.undo()
    assert export_file(path) == before
    with reopened(path) as fresh:
        check(fresh, False)
    document.redo()
    assert export_file(path) == after
    with reopened(path) as fresh:
        check(fresh, True)
    file_is_sound(path)


def texts(document: Document, stage_id: int, lane_id: int) -> list[str]:
    return [card.text for card in document.cell(stage_id, lane_id)]


# Cards


def test_add_card(document: Document, sample: Sample, recorder: SignalRecorder) -> None:
    stage, lane = sample.stages[0], sample.text_lane
    old = texts(document, stage, lane)
    command = edits.add_card(document, stage, lane, text="Hello", severity=2, evidence="research")
    card_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def check(doc: Document, applied: bool) -> None:
        card = doc.get(Card, card_id)
        if applied:
            assert texts(doc, stage, lane) == [*old, "Hello"]
            assert card is not None and card.severity == 2 and card.evidence == "research"
        else:
            assert texts(doc, stage, lane) == old and card is None

    apply_undo_redo(document, command, check)
    assert recorder.of("cardAdded")[0] == (sample.map_id, card_id)
    assert (sample.map_id, stage, lane) in recorder.of("cellChanged")


def test_add_card_at_an_index_shifts_the_others(document: Document, sample: Sample) -> None:
    stage, lane = sample.stages[0], sample.lanes[0]
    old = texts(document, stage, lane)
    assert len(old) >= 2

    def check(doc: Document, applied: bool) -> None:
        expected = [old[0], "between", *old[1:]] if applied else old
        assert texts(doc, stage, lane) == expected
        assert len({c.position for c in doc.cell(stage, lane)}) == len(expected), "distinct keys"

    apply_undo_redo(document, edits.add_card(document, stage, lane, 1, text="between"), check)


def test_edit_card(document: Document, sample: Sample) -> None:
    card = document.cell(sample.stages[1], sample.pain_lane)[0]
    command = edits.edit_card(document, card.id, text="Changed", severity=3, votes=4)

    def check(doc: Document, applied: bool) -> None:
        now = doc.get(Card, card.id)
        assert now is not None
        if applied:
            assert (now.text, now.severity, now.votes) == ("Changed", 3, 4)
        else:
            assert (now.text, now.severity, now.votes) == (card.text, card.severity, card.votes)

    apply_undo_redo(document, command, check)


def test_edit_card_refuses_fields_only_moves_change(document: Document) -> None:
    card = document.cards(document.maps()[0].id)[0]
    for field in ("position", "stage_id", "lane_id", "id", "no_such_field"):
        with pytest.raises(ValueError, match=field):
            edits.edit_card(document, card.id, **{field: 1})


def test_move_cards_to_another_cell(document: Document, sample: Sample) -> None:
    source = (sample.stages[2], sample.lanes[0])
    target = (sample.stages[4], sample.text_lane)
    moving = [c.id for c in document.cell(*source)][:2]
    old_source = [c.id for c in document.cell(*source)]
    old_target = [c.id for c in document.cell(*target)]
    command = edits.move_cards(document, moving, *target, 0)

    def check(doc: Document, applied: bool) -> None:
        now_source = [c.id for c in doc.cell(*source)]
        now_target = [c.id for c in doc.cell(*target)]
        if applied:
            assert now_source == [i for i in old_source if i not in moving]
            assert now_target == [*moving, *old_target]
        else:
            assert (now_source, now_target) == (old_source, old_target)
        for cell in (source, target):
            assert len({c.position for c in doc.cell(*cell)}) == len(doc.cell(*cell))

    apply_undo_redo(document, command, check)


def test_move_card_inside_its_cell(document: Document, sample: Sample) -> None:
    cell = (sample.stages[2], sample.lanes[0])
    old = [c.id for c in document.cell(*cell)]
    assert len(old) == 3

    def check(doc: Document, applied: bool) -> None:
        expected = [old[1], old[2], old[0]] if applied else old
        assert [c.id for c in doc.cell(*cell)] == expected

    apply_undo_redo(document, edits.move_cards(document, [old[0]], *cell, 2), check)


def test_delete_cards(document: Document, sample: Sample) -> None:
    cell = (sample.stages[2], sample.lanes[0])
    old = document.cell(*cell)
    command = edits.delete_cards(document, [old[0].id, old[2].id])

    def check(doc: Document, applied: bool) -> None:
        ids = [c.id for c in doc.cell(*cell)]
        assert ids == ([old[1].id] if applied else [c.id for c in old])
        if not applied:
            restored = doc.get(Card, old[0].id)
            assert restored is not None and restored.text == old[0].text
            assert restored.channel == old[0].channel and restored.owned == old[0].owned

    apply_undo_redo(document, command, check)


def test_paste_text_makes_one_card_per_line(document: Document, sample: Sample) -> None:
    cell = (sample.stages[3], sample.text_lane)
    old = texts(document, *cell)
    command = edits.paste_text(document, *cell, 0, "first\r\n\n   second  \n\t\nthird")
    assert command.text() == "Add 3 cards"

    def check(doc: Document, applied: bool) -> None:
        expected = ["first", "second", "third", *old] if applied else old
        assert texts(doc, *cell) == expected

    apply_undo_redo(document, command, check)
    document.undo()
    assert texts(document, *cell) == old, "a paste is one undo step"


def test_pasting_only_blank_lines_adds_nothing(document: Document, sample: Sample) -> None:
    command = edits.paste_text(document, sample.stages[0], sample.text_lane, None, " \n\n\t")
    assert command.operations == []


# Stages and lanes


def test_add_stage_gets_emotion_points(document: Document, sample: Sample) -> None:
    command = edits.add_stage(document, sample.map_id, 1, name="Waiting")
    stage_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def check(doc: Document, applied: bool) -> None:
        names = [s.name for s in doc.stages(sample.map_id)]
        if applied:
            assert names[1] == "Waiting" and len(names) == len(sample.stages) + 1
            point = doc.emotion_point(sample.emotion_lane, stage_id)
            assert point is not None and point.value == 0
        else:
            assert "Waiting" not in names and doc.get(Stage, stage_id) is None
            assert doc.emotion_point(sample.emotion_lane, stage_id) is None

    apply_undo_redo(document, command, check)


@pytest.mark.parametrize(
    "changes", [{"name": "Renamed"}, {"color": "#010203"}, {"width": 512.5}], ids=str
)
def test_edit_stage(document: Document, sample: Sample, changes: dict[str, Any]) -> None:
    stage_id = sample.stages[2]
    ((key, value),) = changes.items()
    old = getattr(document.get(Stage, stage_id), key)

    def check(doc: Document, applied: bool) -> None:
        assert getattr(doc.get(Stage, stage_id), key) == (value if applied else old)

    command = edits.edit_stage(document, stage_id, **changes)
    assert command.text() == ("Resize stage" if key == "width" else "Edit stage")
    apply_undo_redo(document, command, check)


def test_move_stage(document: Document, sample: Sample) -> None:
    order = sample.stages

    def check(doc: Document, applied: bool) -> None:
        expected = [*order[1:4], order[0], *order[4:]] if applied else order
        assert [s.id for s in doc.stages(sample.map_id)] == expected

    apply_undo_redo(document, edits.move_stage(document, order[0], 3), check)


def test_delete_stage_takes_its_cards_and_points(document: Document, sample: Sample) -> None:
    stage_id = sample.stages[1]
    cards = [c.id for c in document.cards(sample.map_id) if c.stage_id == stage_id]
    assert cards

    def check(doc: Document, applied: bool) -> None:
        ids = [s.id for s in doc.stages(sample.map_id)]
        present = [doc.get(Card, c) is not None for c in cards]
        point = doc.emotion_point(sample.emotion_lane, stage_id)
        if applied:
            assert stage_id not in ids and not any(present) and point is None
        else:
            assert ids == sample.stages and all(present) and point is not None

    apply_undo_redo(document, edits.delete_stage(document, stage_id), check)


def test_add_emotion_lane_gets_a_point_per_stage(document: Document, sample: Sample) -> None:
    command = edits.add_lane(document, sample.map_id, LaneKind.EMOTION.value, 0, name="Feel")
    lane_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def check(doc: Document, applied: bool) -> None:
        lanes = doc.lanes(sample.map_id)
        points = [doc.emotion_point(lane_id, s) for s in sample.stages]
        if applied:
            assert (lanes[0].id, lanes[0].name, lanes[0].height) == (lane_id, "Feel", 160.0)
            assert all(p is not None and p.value == 0 for p in points)
        else:
            assert [lane.id for lane in lanes] == sample.lanes and points == [None] * 5

    apply_undo_redo(document, command, check)


@pytest.mark.parametrize(
    "changes", [{"name": "Renamed"}, {"color": "#0a0b0c"}, {"height": 33.0}], ids=str
)
def test_edit_lane(document: Document, sample: Sample, changes: dict[str, Any]) -> None:
    lane_id = sample.text_lane
    ((key, value),) = changes.items()
    old = getattr(document.get(Lane, lane_id), key)

    def check(doc: Document, applied: bool) -> None:
        assert getattr(doc.get(Lane, lane_id), key) == (value if applied else old)

    apply_undo_redo(document, edits.edit_lane(document, lane_id, **changes), check)


def test_move_lane(document: Document, sample: Sample) -> None:
    order = sample.lanes

    def check(doc: Document, applied: bool) -> None:
        expected = [order[-1], *order[:-1]] if applied else order
        assert [lane.id for lane in doc.lanes(sample.map_id)] == expected

    apply_undo_redo(document, edits.move_lane(document, order[-1], 0), check)


def test_delete_emotion_lane(document: Document, sample: Sample) -> None:
    lane_id = sample.emotion_lane
    notes = {p.stage_id: p.note for p in document.emotion_points(sample.map_id)}

    def check(doc: Document, applied: bool) -> None:
        points = {p.stage_id: p.note for p in doc.emotion_points(sample.map_id)}
        if applied:
            assert doc.get(Lane, lane_id) is None and points == {}
        else:
            assert points == notes

    apply_undo_redo(document, edits.delete_lane(document, lane_id), check)


def test_delete_missing_stage_or_lane_refused_at_build(document: Document) -> None:
    with pytest.raises(ValueError):
        edits.delete_stage(document, 99_999)
    with pytest.raises(ValueError):
        edits.delete_lane(document, 99_999)


# Emotions


@pytest.mark.parametrize(
    ("value", "stored"), [(5, 2), (-3.7, -2), (0.6, 1), (-1, -1), (2, 2), (-0.4, 0)]
)
def test_set_emotion_snaps_to_the_scale(
    document: Document, sample: Sample, value: float, stored: int
) -> None:
    stage_id = sample.stages[3]
    old = document.emotion_point(sample.emotion_lane, stage_id)
    assert old is not None
    if old.value == stored:
        document.push(
            edits.set_emotion(document, sample.emotion_lane, stage_id, 0 if stored else 1)
        )
        old = document.emotion_point(sample.emotion_lane, stage_id)
        assert old is not None
    command = edits.set_emotion(document, sample.emotion_lane, stage_id, value, note="Hm")  # type: ignore[arg-type]

    def check(doc: Document, applied: bool) -> None:
        point = doc.emotion_point(sample.emotion_lane, stage_id)
        assert point is not None and point.id == old.id
        assert (point.value, point.note) == ((stored, "Hm") if applied else (old.value, old.note))

    apply_undo_redo(document, command, check)


def test_set_emotion_creates_a_missing_point(document: Document, sample: Sample) -> None:
    lane_id, stage_id = sample.emotion_lane, sample.stages[0]
    point = document.emotion_point(lane_id, stage_id)
    assert point is not None
    assert document.push(EditCommand(document, "drop", [Delete(EmotionPoint, point.id)]))
    assert document.emotion_point(lane_id, stage_id) is None

    def check(doc: Document, applied: bool) -> None:
        point = doc.emotion_point(lane_id, stage_id)
        assert (point.value if point else None) == (-2 if applied else None)

    apply_undo_redo(document, edits.set_emotion(document, lane_id, stage_id, -9), check)


def test_emotion_on_a_lane_of_another_kind_is_refused(document: Document, sample: Sample) -> None:
    with pytest.raises(ValueError, match="not an emotion lane"):
        edits.set_emotion(document, sample.text_lane, sample.stages[0], 1)
    errors: list[str] = []
    document.errorOccurred.connect(errors.append)
    values = {"id": document.next_id(EmotionPoint), "lane_id": sample.text_lane}
    point = Insert(EmotionPoint, {**values, "stage_id": sample.stages[0], "value": 1, "note": ""})
    assert not document.push(EditCommand(document, "forced", [point]))
    assert len(errors) == 1 and "not on an emotion lane" in errors[0]


# Maps


def test_add_map(document: Document) -> None:
    command = edits.add_map(
        document, "Fresh", ["A", "B", "C"], [("Doing", "text"), ("Feeling", "emotion")], "ideal"
    )
    map_id = command.operations[0].values["id"]  # type: ignore[attr-defined]
    count = len(document.maps())

    def check(doc: Document, applied: bool) -> None:
        maps = doc.maps()
        if applied:
            assert len(maps) == count + 1 and maps[-1].id == map_id
            assert (maps[-1].name, maps[-1].state) == ("Fresh", "ideal")
            assert [s.name for s in doc.stages(map_id)] == ["A", "B", "C"]
            assert [(lane.name, lane.kind) for lane in doc.lanes(map_id)] == [
                ("Doing", "text"),
                ("Feeling", "emotion"),
            ]
            assert len(doc.emotion_points(map_id)) == 3
        else:
            assert len(maps) == count and doc.get(JourneyMap, map_id) is None

    apply_undo_redo(document, command, check)


def test_duplicate_map(document: Document, sample: Sample) -> None:
    command = edits.duplicate_map(document, sample.map_id, "Copy", "ideal")
    copy_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def content(doc: Document, map_id: int) -> dict[str, Any]:
        stages = {s.id: s.position for s in doc.stages(map_id)}
        lanes = {lane.id: lane.position for lane in doc.lanes(map_id)}
        return {
            "stages": [(s.name, s.color, s.width) for s in doc.stages(map_id)],
            "lanes": [(lane.name, lane.kind) for lane in doc.lanes(map_id)],
            "cards": sorted(
                (stages[c.stage_id], lanes[c.lane_id], index, c.text, c.severity)
                for s in doc.stages(map_id)
                for lane in doc.lanes(map_id)
                for index, c in enumerate(doc.cell(s.id, lane.id))
            ),
            "emotions": sorted(
                (stages[p.stage_id], lanes[p.lane_id], p.value, p.note)
                for p in doc.emotion_points(map_id)
            ),
        }

    original = content(document, sample.map_id)

    def check(doc: Document, applied: bool) -> None:
        if applied:
            copy = doc.get(JourneyMap, copy_id)
            assert copy is not None and (copy.name, copy.state) == ("Copy", "ideal")
            assert content(doc, copy_id) == original
            assert not {c.id for c in doc.cards(copy_id)} & {c.id for c in doc.cards(sample.map_id)}
        else:
            assert doc.get(JourneyMap, copy_id) is None
        assert content(doc, sample.map_id) == original

    apply_undo_redo(document, command, check)


def test_rename_map(document: Document, sample: Sample) -> None:
    old = document.get(JourneyMap, sample.map_id)
    assert old is not None

    def check(doc: Document, applied: bool) -> None:
        now = doc.get(JourneyMap, sample.map_id)
        assert now is not None and now.name == ("New name" if applied else old.name)

    apply_undo_redo(document, edits.edit_map(document, sample.map_id, name="New name"), check)


def test_move_map(document: Document) -> None:
    order = [m.id for m in document.maps()]

    def check(doc: Document, applied: bool) -> None:
        expected = [*order[1:3], order[0], *order[3:]] if applied else order
        assert [m.id for m in doc.maps()] == expected

    apply_undo_redo(document, edits.move_map(document, order[0], 2), check)


def test_delete_map(document: Document, sample: Sample) -> None:
    cards = [c.id for c in document.cards(sample.map_id)]

    def check(doc: Document, applied: bool) -> None:
        if applied:
            assert sample.map_id not in [m.id for m in doc.maps()]
            assert doc.stages(sample.map_id) == [] and doc.lanes(sample.map_id) == []
            assert all(doc.get(Card, c) is None for c in cards)
        else:
            assert doc.maps()[0].id == sample.map_id
            assert [c.id for c in doc.cards(sample.map_id)] == [
                c.id for c in document.cards(sample.map_id)
            ]

    apply_undo_redo(document, edits.delete_map(document, sample.map_id), check)


# Personas, departments, images, project, snapshots


def test_add_edit_delete_persona(document: Document, sample: Sample) -> None:
    count = len(document.personas())
    command = edits.add_persona(document, name="Zoé", age=41, quote="« Vite »")
    persona_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def added(doc: Document, applied: bool) -> None:
        personas = doc.personas()
        assert len(personas) == count + applied
        if applied:
            assert (personas[-1].id, personas[-1].name, personas[-1].age) == (persona_id, "Zoé", 41)

    apply_undo_redo(document, command, added)

    def edited(doc: Document, applied: bool) -> None:
        persona = doc.get(Persona, persona_id)
        assert persona is not None and persona.role == ("Chef" if applied else "")

    apply_undo_redo(document, edits.edit_persona(document, persona_id, role="Chef"), edited)

    owner = document.get(JourneyMap, sample.map_id)
    assert owner is not None and owner.persona_id is not None
    used = owner.persona_id
    drawn_for = [m.id for m in document.maps() if m.persona_id == used]

    def deleted(doc: Document, applied: bool) -> None:
        assert (doc.get(Persona, used) is None) == applied
        for map_id in drawn_for:
            journey = doc.get(JourneyMap, map_id)
            assert journey is not None and journey.persona_id == (None if applied else used)

    apply_undo_redo(document, edits.delete_persona(document, used), deleted)


def test_add_edit_delete_department(document: Document, sample: Sample) -> None:
    command = edits.add_department(document, "Legal", "#101010")
    department_id = command.operations[0].values["id"]  # type: ignore[attr-defined]

    def added(doc: Document, applied: bool) -> None:
        names = [d.name for d in doc.departments()]
        assert ("Legal" in names) == applied

    apply_undo_redo(document, command, added)

    def edited(doc: Document, applied: bool) -> None:
        department = doc.get(Department, department_id)
        assert department is not None
        assert department.color == ("#202020" if applied else "#101010")

    apply_undo_redo(
        document, edits.edit_department(document, department_id, color="#202020"), edited
    )

    used = next(c.department_id for c in document.cards(sample.map_id) if c.department_id)
    attributed = [
        c.id for m in document.maps() for c in document.cards(m.id) if c.department_id == used
    ]

    def deleted(doc: Document, applied: bool) -> None:
        assert (doc.get(Department, used) is None) == applied
        for card_id in attributed:
            card = doc.get(Card, card_id)
            assert card is not None and card.department_id == (None if applied else used)
        assert [d.position for d in doc.departments()] == list(range(len(doc.departments())))

    apply_undo_redo(document, edits.delete_department(document, used), deleted)


def test_set_replace_and_clear_persona_photo(document: Document) -> None:
    persona_id = document.personas()[0].id
    first = images.check_image(png_bytes(4, 4, "red"))
    second = images.check_image(png_bytes(6, 2, "blue"))

    def photo(doc: Document) -> Image | None:
        persona = doc.get(Persona, persona_id)
        assert persona is not None
        return doc.get(Image, persona.photo_image_id)

    command = edits.set_image(document, Persona, persona_id, "photo_image_id", first)

    def set_first(doc: Document, applied: bool) -> None:
        image = photo(doc)
        assert (image.data if image else None) == (first.data if applied else None)

    apply_undo_redo(document, command, set_first)
    first_id = photo(document).id  # type: ignore[union-attr]

    def replaced(doc: Document, applied: bool) -> None:
        image = photo(doc)
        assert image is not None
        assert (image.width, image.height) == ((6, 2) if applied else (4, 4))
        assert (doc.get(Image, first_id) is None) == applied, "the old picture goes"

    apply_undo_redo(
        document, edits.set_image(document, Persona, persona_id, "photo_image_id", second), replaced
    )

    def cleared(doc: Document, applied: bool) -> None:
        assert (photo(doc) is None) == applied
        assert len(json.loads(doc.export_json())["images"]) == (0 if applied else 1)

    apply_undo_redo(
        document, edits.set_image(document, Persona, persona_id, "photo_image_id", None), cleared
    )


def test_edit_project(document: Document) -> None:
    old = document.project()

    def check(doc: Document, applied: bool) -> None:
        project = doc.project()
        expected = ("Client X", "#000000") if applied else (old.name, old.accent_color)
        assert (project.name, project.accent_color) == expected

    apply_undo_redo(
        document, edits.edit_project(document, name="Client X", accent_color="#000000"), check
    )


def test_take_snapshot(document: Document, recorder: SignalRecorder) -> None:
    def check(doc: Document, applied: bool) -> None:
        snapshots = doc.snapshots()
        assert [s.name for s in snapshots] == (["Workshop 1"] if applied else [])
        if applied:
            frozen = json.loads(snapshots[0].data)
            current = json.loads(doc.export_json())
            assert frozen == {**current, "snapshots": []}

    apply_undo_redo(document, edits.take_snapshot(document, "Workshop 1"), check)
    assert "snapshotsChanged" in recorder.names()


def test_snapshots_do_not_nest(document: Document) -> None:
    """Each snapshot freezes the project, not the earlier snapshots (or sizes double)."""
    for number in range(4):
        assert document.push(edits.take_snapshot(document, f"s{number}"))
    sizes = [len(s.data) for s in document.snapshots()]
    assert max(sizes) < 1.05 * min(sizes), sizes
    assert all(json.loads(s.data)["snapshots"] == [] for s in document.snapshots())


# Signals are fine-grained


def _signal_cases(sample: Sample, document: Document) -> dict[str, tuple[EditCommand, set[str]]]:
    card = document.cell(sample.stages[0], sample.lanes[0])[0]
    return {
        "edit card": (edits.edit_card(document, card.id, text="x"), {"cardChanged"}),
        "add card": (
            edits.add_card(document, sample.stages[0], sample.text_lane),
            {"cardAdded", "cellChanged"},
        ),
        "move card": (
            edits.move_cards(document, [card.id], sample.stages[1], sample.text_lane, 0),
            {"cardChanged", "cellChanged"},
        ),
        "delete card": (edits.delete_cards(document, [card.id]), {"cardRemoved", "cellChanged"}),
        "edit stage": (edits.edit_stage(document, sample.stages[0], width=99.0), {"stageChanged"}),
        "move stage": (edits.move_stage(document, sample.stages[0], 2), {"stagesReordered"}),
        "add stage": (edits.add_stage(document, sample.map_id), {"stageAdded", "emotionChanged"}),
        "edit lane": (edits.edit_lane(document, sample.lanes[0], name="L"), {"laneChanged"}),
        "move lane": (edits.move_lane(document, sample.lanes[0], 3), {"lanesReordered"}),
        "add text lane": (edits.add_lane(document, sample.map_id), {"laneAdded"}),
        "set emotion": (
            edits.set_emotion(document, sample.emotion_lane, sample.stages[0], -2),
            {"emotionChanged"},
        ),
        "rename map": (edits.edit_map(document, sample.map_id, name="M"), {"mapChanged"}),
        "move map": (edits.move_map(document, sample.map_id, 1), {"mapsReordered"}),
        "add persona": (edits.add_persona(document), {"personaAdded"}),
        "edit persona": (
            edits.edit_persona(document, document.personas()[0].id, name="P"),
            {"personaChanged"},
        ),
        "add department": (edits.add_department(document, "D", "#123123"), {"departmentAdded"}),
        "edit project": (edits.edit_project(document, name="N"), {"projectChanged"}),
        "snapshot": (edits.take_snapshot(document, "S"), {"snapshotsChanged"}),
    }


SIGNAL_CASES = [
    "edit card", "add card", "move card", "delete card", "edit stage", "move stage",
    "add stage", "edit lane", "move lane", "add text lane", "set emotion", "rename map",
    "move map", "add persona", "edit persona", "add department", "edit project", "snapshot",
]  # fmt: skip


@pytest.mark.parametrize("case", SIGNAL_CASES)
def test_signals_are_fine_grained(
    document: Document, sample: Sample, recorder: SignalRecorder, case: str
) -> None:
    command, expected = _signal_cases(sample, document)[case]
    recorder.clear()
    assert document.push(command)
    assert recorder.names() == expected
    assert len(recorder.calls) == len(set(recorder.calls)), "each notice is sent once"
    recorder.clear()
    document.undo()
    assert recorder.names() <= expected | {
        "cardRemoved", "cardAdded", "stageRemoved", "laneRemoved", "personaRemoved",
        "departmentRemoved",
    }  # fmt: skip
    assert recorder.names(), "undo announces what it changed"


def test_edit_card_emits_card_changed_only(
    qtbot: QtBot, document: Document, sample: Sample
) -> None:
    card = document.cell(sample.stages[0], sample.lanes[0])[0]
    for signal in (document.stageChanged, document.mapChanged, document.cellChanged):
        with qtbot.assertNotEmitted(signal), qtbot.waitSignal(document.cardChanged) as blocker:
            document.push(edits.edit_card(document, card.id, text=f"t{signal}"))
        assert blocker.args == [sample.map_id, card.id]
    with qtbot.waitSignal(document.cardChanged) as blocker:
        document.undo()
    assert blocker.args == [sample.map_id, card.id]


def test_signals_come_after_the_commit(document: Document, sample: Sample) -> None:
    """A slot reading the file from another connection already sees the change."""
    card = document.cell(sample.stages[0], sample.lanes[0])[0]
    seen: list[str] = []

    def read_from_disk(map_id: int, card_id: int) -> None:
        connection = sqlite3.connect(document.path)
        row = connection.execute("SELECT text FROM card WHERE id = ?", (card_id,)).fetchone()
        connection.close()
        seen.append(row[0])

    document.cardChanged.connect(read_from_disk)
    document.push(edits.edit_card(document, card.id, text="committed"))
    assert seen == ["committed"]


# Merging


def test_repeated_resizes_merge_into_one_step(document: Document, sample: Sample) -> None:
    stage_id = sample.stages[0]
    old = document.get(Stage, stage_id)
    assert old is not None
    before = export_file(document.path)
    count = document.stack.count()
    for width in (300.0, 320.0, 333.0):
        assert document.push(edits.edit_stage(document, stage_id, merge=True, width=width))
    assert document.stack.count() == count + 1
    with reopened(document.path) as fresh:
        assert getattr(fresh.get(Stage, stage_id), "width", None) == 333.0
    document.undo()
    assert document.get(Stage, stage_id).width == old.width  # type: ignore[union-attr]
    assert export_file(document.path) == before
    document.redo()
    with reopened(document.path) as fresh:
        assert getattr(fresh.get(Stage, stage_id), "width", None) == 333.0


def test_unlike_edits_do_not_merge(document: Document, sample: Sample) -> None:
    count = document.stack.count()
    first, second = sample.stages[:2]
    document.push(edits.edit_stage(document, first, merge=True, width=300.0))
    document.push(edits.edit_stage(document, first, merge=True, name="other field"))
    document.push(edits.edit_stage(document, second, merge=True, width=300.0))
    document.push(edits.edit_stage(document, second, width=310.0))  # not asked to merge
    document.push(edits.edit_stage(document, second, width=320.0))
    assert document.stack.count() == count + 5


def test_emotion_drags_merge(document: Document, sample: Sample) -> None:
    stage_id = sample.stages[2]
    old = document.emotion_point(sample.emotion_lane, stage_id)
    assert old is not None
    count = document.stack.count()
    for value in (-2, -1, 0, 1, 2):
        document.push(edits.set_emotion(document, sample.emotion_lane, stage_id, value, merge=True))
    assert document.stack.count() == count + 1
    document.undo()
    assert document.emotion_point(sample.emotion_lane, stage_id).value == old.value  # type: ignore[union-attr]


# Failing edits change nothing


@pytest.fixture
def unchanged(document: Document, recorder: SignalRecorder) -> Iterator[list[str]]:
    """Asserts afterwards that the file and the undo stack are as they were."""
    before = export_file(document.path)
    state = (document.stack.count(), document.stack.index())
    errors: list[str] = []
    document.errorOccurred.connect(errors.append)
    recorder.clear()
    yield errors
    assert export_file(document.path) == before
    assert (document.stack.count(), document.stack.index()) == state
    assert recorder.names() <= {"errorOccurred"}, "a failed edit announces no change"
    file_is_sound(document.path)


def test_card_across_two_maps_refused_at_build(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    with pytest.raises(ValueError, match="same map"):
        edits.add_card(document, sample.stages[0], sample.other_lane, text="nope")
    with pytest.raises(ValueError, match="same map"):
        edits.paste_text(document, sample.other_stage, sample.lanes[0], None, "a\nb")
    card = document.cards(sample.map_id)[0]
    with pytest.raises(ValueError, match="same map"):
        edits.move_cards(document, [card.id], sample.stages[0], sample.other_lane, 0)
    with pytest.raises(ValueError, match="same map"):
        edits.move_cards(document, [card.id], 99_999, sample.lanes[0], 0)
    assert unchanged == [], "refused before anything was pushed"


def test_card_into_a_lane_of_figures_or_a_lane_gone_refused_at_build(
    document: Document, sample: Sample
) -> None:
    """The cell check of card edits (one statement, `Document.cell_maps`) refuses a lane
    of figures and a lane that is not there, and passes a cell of one map."""
    assert document.push(edits.add_lane(document, sample.map_id, "funnel"))
    funnel = document.lanes(sample.map_id)[-1].id
    card = document.cards(sample.map_id)[0]
    with pytest.raises(ValueError, match="figures"):
        edits.add_card(document, sample.stages[0], funnel, text="nope")
    with pytest.raises(ValueError, match="figures"):
        edits.move_cards(document, [card.id], sample.stages[0], funnel, 0)
    with pytest.raises(ValueError, match="same map"):
        edits.move_cards(document, [card.id], sample.stages[0], 99_999, 0)
    assert document.push(edits.move_cards(document, [card.id], sample.stages[1], card.lane_id, 0))
    assert document.cell_ids(sample.stages[1], card.lane_id)[0] == card.id


@pytest.mark.parametrize(
    "changes",
    [{"severity": 9}, {"votes": -1}, {"evidence": "hearsay"}, {"priority": "urgent"}],
    ids=str,
)
def test_check_violation_changes_nothing(
    document: Document, sample: Sample, unchanged: list[str], changes: dict[str, Any]
) -> None:
    card = document.cell(sample.stages[1], sample.pain_lane)[0]
    assert not document.push(edits.edit_card(document, card.id, text="lost", **changes))
    assert len(unchanged) == 1 and "breaks a rule" in unchanged[0]
    again = document.get(Card, card.id)
    assert again is not None and again.text == card.text and again.votes == card.votes


def test_failure_in_the_middle_of_a_command_changes_nothing(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    """Several operations, the last one failing: the earlier ones are rolled back too."""
    cards = document.cards(sample.map_id)[:3]
    command = edits.delete_cards(document, [cards[0].id, cards[1].id, 99_999])
    assert not document.push(command)
    assert len(unchanged) == 1
    add = edits.paste_text(document, sample.stages[0], sample.text_lane, 0, "one\ntwo")
    add.operations.append(edits.edit_card(document, cards[2].id, severity=0).operations[0])
    assert not document.push(add)
    assert len(unchanged) == 2


def test_bad_emotion_value_refused_by_the_file(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    point = document.emotion_point(sample.emotion_lane, sample.stages[0])
    assert point is not None
    command = edits.edit(document, EmotionPoint, point.id, "Set emotion", value=5)
    assert not document.push(command)
    assert len(unchanged) == 1


@contextmanager
def other_writer(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the file's write lock (rollback journal: RESERVED)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_locked_file_edit_changes_nothing(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    command = edits.add_card(document, sample.stages[0], sample.text_lane, text="blocked")
    with other_writer(document.path):
        assert not document.push(command)
    assert len(unchanged) == 1 and "being written by another program" in unchanged[0]
    assert "sample.journey" in unchanged[0]


def test_locked_file_undo_and_redo_keep_the_stack(
    document: Document, sample: Sample, qtbot: QtBot
) -> None:
    card = document.cards(sample.map_id)[0]
    assert document.push(edits.edit_card(document, card.id, text="v2"))
    after = export_file(document.path)
    index = document.stack.index()
    blocker = sqlite3.connect(document.path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with qtbot.waitSignal(document.errorOccurred, timeout=5_000):
            document.undo()
        assert document.stack.index() == index, "a failed undo stays undoable"
        blocker.execute("ROLLBACK")
        assert export_file(document.path) == after
        document.undo()
        assert document.stack.index() == index - 1
        assert document.get(Card, card.id).text == card.text  # type: ignore[union-attr]
        blocker.execute("BEGIN IMMEDIATE")
        with qtbot.waitSignal(document.errorOccurred, timeout=5_000):
            document.redo()
        assert document.stack.index() == index - 1, "a failed redo stays redoable"
        blocker.execute("ROLLBACK")
        document.redo()
        assert document.stack.index() == index
        assert export_file(document.path) == after
    finally:
        blocker.close()


def test_read_only_connection_mid_session(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    """The file turns read-only under the editor (simulated: root ignores file modes)."""
    command = edits.add_card(document, sample.stages[0], sample.text_lane)
    document._journey.raw.execute("PRAGMA query_only = ON")
    try:
        assert not document.push(command)
    finally:
        document._journey.raw.execute("PRAGMA query_only = OFF")
    assert len(unchanged) == 1 and "read-only" in unchanged[0]


def test_full_disk_changes_nothing(
    document: Document, sample: Sample, unchanged: list[str]
) -> None:
    raw = document._journey.raw
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count = {pages}")
    try:
        text = "\n".join(f"line {n} " + "x" * 500 for n in range(200))
        assert not document.push(
            edits.paste_text(document, sample.stages[0], sample.text_lane, 0, text)
        )
    finally:
        raw.execute("PRAGMA max_page_count = 1073741823")
    assert len(unchanged) == 1 and "could not be written" in unchanged[0]


def test_read_only_document_refuses_edits(sample_file: Path, qapp: Any) -> None:
    del qapp
    document = Document.open(sample_file, read_only=True)
    try:
        errors: list[str] = []
        document.errorOccurred.connect(errors.append)
        map_id = document.maps()[0].id
        assert not document.push(edits.edit_map(document, map_id, name="x"))
        assert errors == [ReadOnlyFileError(sample_file, "opened read-only").message()]
        assert document.stack.count() == 0
    finally:
        document.close()


def test_save_as_goes_on_editing_the_copy(
    document: Document, sample: Sample, tmp_path: Path
) -> None:
    original = export_file(document.path)
    target = tmp_path / "copy.journey"
    paths: list[str] = []
    document.pathChanged.connect(paths.append)
    document.save_as(target)
    assert paths == [str(target)] and document.path == target
    assert document.push(edits.edit_map(document, sample.map_id, name="Only in the copy"))
    assert export_file(tmp_path / "sample.journey") == original
    assert "Only in the copy" in export_file(target)


def test_reading_while_another_program_writes(document: Document, sample: Sample) -> None:
    with other_writer(document.path):
        assert document.maps()[0].id == sample.map_id
        assert edits.add_card(document, sample.stages[0], sample.text_lane, text="built")
