"""What changed since a snapshot: every kind of change said once, about the right card;
nothing said of what did not change (a property over random edits of the interchange);
a snapshot a stranger's file holds is checked before it is read."""

from __future__ import annotations

import copy
import json
import sqlite3
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeyeditor.editing import edits, history
from journeyeditor.editing.document import Document
from journeyeditor.store.errors import BadInterchangeError

from helpers.projects import file_contents


def snapshot_now(document: Document) -> dict[str, Any]:
    """Take a snapshot and read it back as the History panel does."""
    assert document.push(edits.take_snapshot(document, "before"))
    snapshot_id, name, _created = document.snapshot_list()[-1]
    text = document.snapshot_text(snapshot_id)
    assert text is not None
    return history.read_snapshot(text, name).data


def said(document: Document, before: dict[str, Any]) -> list[tuple[int | None, str]]:
    """(card id, words) of every change from `before` to the project now."""
    found = history.compare(before, document.export_data())
    return [(change.card_id, change.text) for group in found for change in group.changes]


def test_nothing_changed_says_nothing(document: Document) -> None:
    before = snapshot_now(document)
    assert history.compare(before, document.export_data()) == []


def test_each_card_change_is_said_once_about_its_card(document: Document) -> None:
    before = snapshot_now(document)
    map_id = document.maps()[0].id
    stages, cards = document.stages(map_id), document.cards(map_id)
    rewritten, moved, gone, detailed = cards[0], cards[1], cards[3], cards[4]
    assert document.push(edits.edit_card(document, rewritten.id, text="new words"))
    assert document.push(edits.move_cards(document, [moved.id], stages[2].id, moved.lane_id, 0))
    assert document.push(edits.delete_cards(document, [gone.id]))
    assert document.push(
        edits.edit_card(document, detailed.id, evidence="assumption", color="#ff0000")
    )
    ids = {card.id for card in document.cards(map_id)}
    assert document.push(
        edits.add_card(document, stages[0].id, rewritten.lane_id, None, text="brand new")
    )
    (new_id,) = {card.id for card in document.cards(map_id)} - ids
    changes = said(document, before)
    assert len(changes) == 5, changes
    by_card = dict(changes)
    assert by_card[rewritten.id].startswith("Rewrote “")
    assert by_card[rewritten.id].endswith("as “new words”")
    assert by_card[moved.id].startswith("Moved “") and " to Purchase · " in by_card[moved.id]
    assert by_card[new_id].startswith("Added “brand new” in Awareness · ")
    assert by_card[detailed.id].startswith("Changed the ")
    assert "evidence, colour" in by_card[detailed.id] or "colour, evidence" in by_card[detailed.id]
    assert by_card[None].startswith("Removed “") and gone.text[:20] in by_card[None]


def test_stages_lanes_emotions_and_maps(document: Document) -> None:
    before = snapshot_now(document)
    first, second = document.maps()[:2]
    first_name, second_name = first.name, second.name
    stages, lanes = document.stages(first.id), document.lanes(first.id)
    emotion_lane = next(lane for lane in lanes if lane.kind == "emotion")
    point = document.emotion_points(first.id)[0]
    stage_name, lane_names, value = stages[0].name, [lane.name for lane in lanes], point.value
    assert document.push(edits.edit_stage(document, stages[0].id, name="Search"))
    assert document.push(edits.move_stage(document, stages[1].id, 3))
    assert document.push(edits.edit_lane(document, lanes[0].id, name="Channels"))
    assert document.push(edits.set_emotion(document, emotion_lane.id, point.stage_id, -2))
    assert document.push(edits.delete_map(document, second.id))
    assert document.push(edits.edit_map(document, first.id, name="Renamed"))
    found = history.compare(before, document.export_data())
    words = {group.name: [change.text for change in group.changes] for group in found}
    assert words[second_name] == ["Deleted this map"]
    assert [group.map_id for group in found] == [first.id, None]
    first_words = words["Renamed"]
    assert f"Renamed the map “{first_name}” to “Renamed”" in first_words
    assert f"Renamed the stage “{stage_name}” to “Search”" in first_words
    assert "Put the stages in another order" in first_words
    assert f"Renamed the lane “{lane_names[0]}” to “Channels”" in first_words
    emotion = [text for text in first_words if text.startswith("Emotion at ")]
    was = f"{value:+d}".replace("-", "−") if value else "0"
    assert emotion == [f"Emotion at Search in {emotion_lane.name}: {was} → −2"]


def test_a_deleted_snapshot_comes_back_with_undo(document: Document) -> None:
    snapshot_now(document)
    ((snapshot_id, name, created),) = document.snapshot_list()
    assert document.push(edits.delete_snapshot(document, snapshot_id))
    assert document.snapshot_list() == []
    document.undo()
    assert document.snapshot_list() == [(snapshot_id, name, created)]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("{not json", "line 1"),
        ("[" * 5000 + "]" * 5000, "nested"),
        ('{"format": "journeyeditor-project", "version": 99}', "version"),
        ("__card_in_no_stage__", "stage"),
    ],
    ids=["syntax", "deep", "version", "dangling"],
)
def test_a_hostile_snapshot_is_refused_whole(document: Document, data: str, why: str) -> None:
    """A snapshot another program wrote: refused by the importer's checks, naming why,
    before anything reads it; the file is left as it was."""
    snapshot_now(document)
    if data == "__card_in_no_stage__":
        project = json.loads(document.export_json())
        project["maps"][0]["cards"][0]["stage"] = 999_999
        data = json.dumps(project)
    with sqlite3.connect(document.path, isolation_level=None) as connection:
        connection.execute("UPDATE snapshot SET data = ?", (data,))
    document.check_external()
    start = file_contents(document.path)
    snapshot_id, name, _created = document.snapshot_list()[0]
    text = document.snapshot_text(snapshot_id)
    assert text is not None
    with pytest.raises(BadInterchangeError) as refused:
        history.read_snapshot(text, name)
    assert why in str(refused.value)
    assert file_contents(document.path) == start


EDITS = st.lists(
    st.tuples(st.sampled_from(["text", "move", "delete", "add", "votes"]), st.integers(0, 10**6)),
    max_size=12,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=EDITS)
def test_every_changed_card_is_said_and_no_other(document: Document, steps: list[Any]) -> None:
    """Random edits of a project's interchange data: the cards said to be added, moved,
    rewritten or changed are exactly those whose record differs, and as many removals
    are said as cards were removed."""
    before = json.loads(document.export_json())
    after = copy.deepcopy(before)
    cards = after["maps"][0]["cards"]
    stage_ids = [stage["id"] for stage in after["maps"][0]["stages"]]
    next_id = 10**6
    for kind, pick in steps:
        if not cards:
            break
        card = cards[pick % len(cards)]
        if kind == "text":
            card["text"] += " and more"
        elif kind == "move":
            card["stage"] = stage_ids[(stage_ids.index(card["stage"]) + 1) % len(stage_ids)]
        elif kind == "delete":
            cards.remove(card)
        elif kind == "add":
            next_id += 1
            cards.append({**card, "id": next_id, "text": f"card {next_id}"})
        else:
            card["votes"] += 1
    old = {card["id"]: card for card in before["maps"][0]["cards"]}
    new = {card["id"]: card for card in cards}
    differ = {card_id for card_id, card in new.items() if old.get(card_id) != card}
    found = history.compare(before, after)
    changes = [change for group in found for change in group.changes]
    assert {change.card_id for change in changes} - {None} == differ
    removed = [change for change in changes if change.card_id is None]
    assert len(removed) == len(old.keys() - new.keys())
    assert bool(found) == bool(differ or removed)


def test_a_card_is_quoted_on_one_short_line_and_never_quoted_twice() -> None:
    assert history.quoted("A  plain\ncard") == "“A plain card”"
    assert history.quoted("“I want a perfume that suits me”") == "“I want a perfume that suits me”"
    long = history.quoted("word " * 40)
    assert long.endswith("…”") and len(long) == history.SHORT + 2


def _without(project: dict[str, Any], where: str) -> None:
    """Delete one key of the exported project, named as path.to.key (lists by index)."""
    *path, key = where.split(".")
    node: Any = project
    for step in path:
        node = node[int(step)] if step.isdigit() else node[step]
    del node[key]


@pytest.mark.parametrize(
    "missing",
    [
        "maps",
        "maps.0.name",
        "maps.0.cards",
        "maps.0.emotions",
        "maps.0.stages.0.name",
        "maps.0.lanes.0.name",
        "maps.0.cards.0.text",
        "maps.0.cards.0.evidence",
        "maps.0.cards.0.votes",
        "maps.0.emotions.0.value",
    ],
)
def test_a_snapshot_omitting_what_the_importer_fills_in_is_compared(
    document: Document, missing: str
) -> None:
    """The importer takes a missing field as its default and a missing list as empty
    (found by a review: each of these raised KeyError). What the snapshot means is what
    saving it as a project gives; the project now is compared with that."""
    project = json.loads(document.export_json())
    _without(project, missing)
    before = history.read_snapshot(json.dumps(project), "omits").data
    found = history.compare(before, document.export_data())
    defaults = {"evidence": "assumption", "votes": 0, "value": 0}
    *path, key = missing.split(".")
    if key in defaults:  # a field the importer fills in: a change only if now differs
        now: Any = document.export_data()
        for step in path:
            now = now[int(step)] if step.isdigit() else now[step]
        assert bool(found) == (now[key] != defaults[key])
    else:
        assert found, "something was left out, so something changed"


def test_an_empty_card_is_quoted() -> None:
    assert history.quoted("") == "“”"
    assert history.quoted("   ") == "“”"
    assert history.quoted("“") == "““”"
