"""The inspector: each finished edit reaches the file as one undo step, and undoes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.keys import choose, retype
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, EmotionPoint, JourneyMap, Lane, Stage
from journeyeditor.ui.fields import MIXED
from journeyeditor.ui.inspector import Inspector

if TYPE_CHECKING:
    from gui.conftest import Disk


@pytest.fixture
def inspector(document: Document, qtbot: QtBot) -> Iterator[Inspector]:
    widget = Inspector()
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.resize(300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def first_map(document: Document) -> JourneyMap:
    return document.maps()[0]


def card_in(document: Document, kind: str) -> Card:
    """The first card of the first map in a lane of `kind`."""
    journey_map = first_map(document)
    lanes = {lane.id: lane for lane in document.lanes(journey_map.id)}
    return next(c for c in document.cards(journey_map.id) if lanes[c.lane_id].kind == kind)


def test_card_text_is_one_step_when_the_edit_is_finished(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "text")
    original = card.text
    inspector.show_cards([card.id])
    box = inspector.card_form.text
    assert box.toPlainText() == original
    steps = document.stack.count()
    box.selectAll()
    qtbot.keyClicks(box, "Asks a friend")
    assert document.stack.count() == steps  # nothing while typing
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert document.stack.count() == steps + 1
    assert box.textCursor().position() == len("Asks a friend")  # the refresh left it there
    assert disk.get(Card, card.id).text == "Asks a friend"  # type: ignore[union-attr]
    assert box.toPlainText() == "Asks a friend"
    document.undo()
    assert disk.get(Card, card.id).text == original  # type: ignore[union-attr]
    assert box.toPlainText() == original


def test_card_text_is_saved_when_focus_leaves(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "text")
    original = card.text
    inspector.show_cards([card.id])
    box = inspector.card_form.text
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, "!")
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusOut))
    assert disk.get(Card, card.id).text == original + "!"  # type: ignore[union-attr]


def test_pending_text_is_saved_before_the_selection_changes(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "text")
    other = card_in(document, "touchpoint")
    inspector.show_cards([card.id])
    inspector.card_form.text.selectAll()
    qtbot.keyClicks(inspector.card_form.text, "Typed, then clicked elsewhere")
    inspector.show_cards([other.id])
    assert disk.get(Card, card.id).text == "Typed, then clicked elsewhere"  # type: ignore[union-attr]
    assert inspector.card_form.text.toPlainText() == other.text


def test_a_refresh_keeps_what_is_being_typed(
    inspector: Inspector, document: Document, qtbot: QtBot
) -> None:
    card = card_in(document, "text")
    original = card.text
    inspector.show_cards([card.id])
    box = inspector.card_form.text
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " and more")
    position = box.textCursor().position()
    document.push(edits.edit_card(document, card.id, votes=7))
    assert inspector.card_form.votes.value() == 7
    assert box.toPlainText() == original + " and more"
    assert box.textCursor().position() == position


def test_evidence(inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot) -> None:
    card = card_in(document, "text")
    assert card.evidence == "research"
    inspector.show_cards([card.id])
    choose(qtbot, inspector.card_form.evidence, "assumption")
    assert disk.get(Card, card.id).evidence == "assumption"  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Card, card.id).evidence == "research"  # type: ignore[union-attr]
    assert inspector.card_form.evidence.value() == "research"


def test_touchpoint_channel_and_owned(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "touchpoint")
    assert (card.channel, card.owned) == ("website", False)
    inspector.show_cards([card.id])
    form = inspector.card_form
    assert form.channel.isVisible() and form.owned.isVisible()
    assert not form.severity.isVisible() and not form.metric_value.isVisible()
    choose(qtbot, form.channel, "social")
    choose(qtbot, form.owned, True)
    saved = disk.get(Card, card.id)
    assert saved is not None and (saved.channel, saved.owned) == ("social", True)
    document.undo()
    document.undo()
    saved = disk.get(Card, card.id)
    assert saved is not None and (saved.channel, saved.owned) == ("website", False)


def test_pain_point_severity(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "pain_point")
    original = card.severity
    inspector.show_cards([card.id])
    form = inspector.card_form
    assert form.severity.isVisible() and not form.channel.isVisible()
    choose(qtbot, form.severity, 3)
    assert disk.get(Card, card.id).severity == 3  # type: ignore[union-attr]
    choose(qtbot, form.severity, None)
    assert disk.get(Card, card.id).severity is None  # type: ignore[union-attr]
    document.undo()
    document.undo()
    assert disk.get(Card, card.id).severity == original  # type: ignore[union-attr]


def test_opportunity_owner_and_priority(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "opportunity")
    inspector.show_cards([card.id])
    form = inspector.card_form
    retype(qtbot, form.owner, "Support")
    choose(qtbot, form.priority, "low")
    saved = disk.get(Card, card.id)
    assert saved is not None and (saved.owner, saved.priority) == ("Support", "low")
    retype(qtbot, form.owner, "")
    assert disk.get(Card, card.id).owner is None  # type: ignore[union-attr]


def test_metric_value_empty_then_number_then_empty(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "metric")
    assert card.value == 14.0
    inspector.show_cards([card.id])
    value = inspector.card_form.metric_value
    steps = document.stack.count()
    retype(qtbot, value, "")
    assert disk.get(Card, card.id).value is None  # type: ignore[union-attr]
    retype(qtbot, value, "12.5")
    assert disk.get(Card, card.id).value == 12.5  # type: ignore[union-attr]
    retype(qtbot, value, "")
    assert disk.get(Card, card.id).value is None  # type: ignore[union-attr]
    assert document.stack.count() == steps + 3
    retype(qtbot, value, "twelve")  # unreadable: put back, nothing saved
    assert value.text() == ""
    assert document.stack.count() == steps + 3
    document.undo()
    assert disk.get(Card, card.id).value == 12.5  # type: ignore[union-attr]
    assert value.value() == 12.5
    document.undo()
    document.undo()
    assert disk.get(Card, card.id).value == 14.0  # type: ignore[union-attr]


def test_card_colour_back_to_lane_default(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    card = card_in(document, "text")
    document.push(edits.edit_card(document, card.id, color="#ffcc00"))
    inspector.show_cards([card.id])
    reset = inspector.card_form.color.reset_button
    assert reset is not None and reset.isEnabled()
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert disk.get(Card, card.id).color is None  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Card, card.id).color == "#ffcc00"  # type: ignore[union-attr]


def test_several_cards_get_one_evidence_in_one_step(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    cards = document.cards(first_map(document).id)[:4]
    before = {c.id: c.evidence for c in cards}
    assert len(set(before.values())) > 1
    inspector.show_cards([c.id for c in cards])
    form = inspector.card_form
    assert form.evidence.value() is MIXED
    assert not form.text.isVisible() and not form.votes.isVisible()
    steps = document.stack.count()
    choose(qtbot, form.evidence, "partial")
    assert document.stack.count() == steps + 1
    assert {disk.get(Card, i).evidence for i in before} == {"partial"}  # type: ignore[union-attr]
    document.undo()
    assert {i: disk.get(Card, i).evidence for i in before} == before  # type: ignore[union-attr]
    assert form.evidence.value() is MIXED


def test_stage_rename(inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot) -> None:
    stage = document.stages(first_map(document).id)[0]
    assert stage.name == "Awareness"
    inspector.show_stage(stage.id)
    retype(qtbot, inspector.stage_form.name, "Discovery")
    assert disk.get(Stage, stage.id).name == "Discovery"  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Stage, stage.id).name == "Awareness"  # type: ignore[union-attr]
    assert inspector.stage_form.name.text() == "Awareness"


def test_lane_height_and_kind(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    lane = document.lanes(first_map(document).id)[0]
    original = lane.height
    inspector.show_lane(lane.id)
    assert inspector.lane_form.kind.text() == "Touchpoints"
    spin = inspector.lane_form.lane_height
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "200")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert disk.get(Lane, lane.id).height == 200  # type: ignore[union-attr]
    document.undo()
    assert disk.get(Lane, lane.id).height == original  # type: ignore[union-attr]


def test_emotion_point_value_and_note(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    journey_map = first_map(document)
    lane = next(x for x in document.lanes(journey_map.id) if x.kind == "emotion")
    stage = document.stages(journey_map.id)[0]
    point = document.emotion_point(lane.id, stage.id)
    assert point is not None and point.value == 0
    note = point.note
    inspector.show_point(lane.id, stage.id)
    form = inspector.point_form
    qtbot.mouseClick(form.feeling.button(2), Qt.MouseButton.LeftButton)
    assert disk.get(EmotionPoint, point.id).value == 2  # type: ignore[union-attr]
    assert form.feeling.name.text() == "Very positive"
    form.note.selectAll()
    qtbot.keyClicks(form.note, "Delighted")
    qtbot.keyClick(form.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert disk.get(EmotionPoint, point.id).note == "Delighted"  # type: ignore[union-attr]
    document.undo()
    document.undo()
    saved = disk.get(EmotionPoint, point.id)
    assert saved is not None and (saved.value, saved.note) == (0, note)
    assert form.feeling.value() == 0


def test_map_state_and_persona(
    inspector: Inspector, document: Document, disk: Disk, qtbot: QtBot
) -> None:
    journey_map = first_map(document)
    persona_id = journey_map.persona_id
    assert persona_id is not None
    other = document.personas()[1]
    inspector.show_map(journey_map.id)
    form = inspector.map_form
    choose(qtbot, form.state, "ideal")
    choose(qtbot, form.persona, other.id)
    saved = disk.get(JourneyMap, journey_map.id)
    assert saved is not None and (saved.state, saved.persona_id) == ("ideal", other.id)
    choose(qtbot, form.persona, None)
    assert disk.get(JourneyMap, journey_map.id).persona_id is None  # type: ignore[union-attr]
    for _ in range(3):
        document.undo()
    saved = disk.get(JourneyMap, journey_map.id)
    assert saved is not None
    assert (saved.state, saved.persona_id) == ("current", persona_id)
    assert form.persona.value() == persona_id


def test_persona_list_follows_the_project(inspector: Inspector, document: Document) -> None:
    inspector.show_map(first_map(document).id)
    document.push(edits.add_persona(document, name="Zoé"))
    assert "Zoé" in [
        inspector.map_form.persona.itemText(i) for i in range(inspector.map_form.persona.count())
    ]


def test_falls_back_to_the_map_when_the_card_goes(inspector: Inspector, document: Document) -> None:
    journey_map = first_map(document)
    stage = document.stages(journey_map.id)[0]
    lane = document.lanes(journey_map.id)[1]
    document.push(edits.add_card(document, stage.id, lane.id, text="Fresh"))
    card = document.cell(stage.id, lane.id)[-1]
    inspector.show_cards([card.id])
    assert inspector.selection.kind == "cards"
    document.undo()  # the card's creation is undone: it is gone
    assert inspector.selection.kind == "map"
    assert inspector.map_form.name.text() == journey_map.name
    assert not inspector.card_form.isVisible()


def test_nothing_selected_when_the_map_goes(inspector: Inspector, document: Document) -> None:
    journey_map = first_map(document)
    stage = document.stages(journey_map.id)[0]
    name = stage.name
    inspector.show_stage(stage.id)
    document.push(edits.delete_map(document, journey_map.id))
    assert inspector.selection.kind == "nothing"
    assert inspector.empty.isVisible()
    document.undo()
    inspector.show_stage(stage.id)
    assert inspector.stage_form.name.text() == name
