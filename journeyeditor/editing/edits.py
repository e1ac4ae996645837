"""Every edit a person can make, as functions that build an EditCommand.

Each function checks its arguments, allocates ids for new rows up front (so redo
recreates the very same rows) and names the step for the Edit menu through tr().
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document, translate
from journeyeditor.editing.operations import (
    AT_END,
    Delete,
    Insert,
    Operation,
    Relocate,
    Update,
    Values,
    row_values,
)
from journeyeditor.model import (
    Ballot,
    BallotLane,
    Card,
    Department,
    EmotionPoint,
    EventMapping,
    FunnelFigure,
    Image,
    JourneyMap,
    Lane,
    LaneKind,
    MappingSegment,
    MapState,
    MeasureRun,
    Participant,
    Persona,
    Project,
    Snapshot,
    Stage,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    SurveyMapping,
    Vote,
    limits,
)
from journeyeditor.model.enums import EMOTION_MAX, EMOTION_MIN, FIGURE_LANES
from journeyeditor.store.images import CheckedImage
from journeyeditor.store.interchange import dumps

FIXED = {"id", "position", "map_id", "stage_id", "lane_id"}
STAGE_COLORS = ("#dbe8fb", "#e0f2e9", "#fdf0d5", "#f9e0e3", "#ece4f7", "#def4f6", "#f3eadb")
LANE_COLORS = {
    LaneKind.TEXT.value: "#f6f6f4",
    LaneKind.TOUCHPOINT.value: "#eef4fc",
    LaneKind.EMOTION.value: "#fbfbf8",
    LaneKind.PAIN_POINT.value: "#fdf0f0",
    LaneKind.OPPORTUNITY.value: "#eef9f1",
    LaneKind.METRIC.value: "#f5f1fb",
    LaneKind.IMAGE.value: "#f4f4f4",
    LaneKind.FUNNEL.value: "#eef6f8",
    LaneKind.SURVEY.value: "#fbf5ea",
}


def _fields(entity: type, changes: Values) -> Values:
    """Refuse unknown fields and the ones only moves may change."""
    columns = set(entity.__table__.columns.keys())  # type: ignore[attr-defined]
    wrong = set(changes) - (columns - FIXED)
    if wrong:
        raise ValueError(f"{entity.__name__} has no editable field {sorted(wrong)[0]!r}")
    return dict(changes)


def stamp() -> str:
    """Now as the file records when a card was written: ISO 8601, UTC, to the second."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _counted(count: int, one: str, many: str) -> str:
    """The menu text of an edit of one thing or of `count` things (`%n` in `many`)."""
    return one if count == 1 else many.replace("%n", str(count))


def _command(
    document: Document, text: str, operations: Sequence[Operation], merge: Hashable = None
) -> EditCommand:
    return EditCommand(document, text, operations, merge)


def edit(
    document: Document,
    entity: type,
    row_id: int,
    text: str,
    merge: bool = False,
    /,
    **changes: Any,
) -> EditCommand:
    """Change fields of one row; with `merge`, successive changes fold into one step.

    The parameters are positional-only so that a field may be called `text` (a card's).
    """
    values = _fields(entity, changes)
    key = (entity.__name__, row_id, tuple(sorted(values))) if merge else None
    return _command(document, text, [Update(entity, row_id, values)], key)


# Cards


def _card_cell(document: Document, stage_id: int, lane_id: int) -> int:
    """Refuse a cell no card may go to: stage and lane of two maps, or a lane of figures.
    Returns the cell's map."""
    found = document.cell_maps(stage_id, lane_id)
    if found is None or found[0] != found[1]:
        raise ValueError("a card needs a stage and a lane of the same map")
    if found[2] in FIGURE_LANES:
        raise ValueError(translate("Edits", "A lane of figures holds no cards."))
    return found[0]


def add_cards(
    document: Document,
    stage_id: int,
    lane_id: int,
    index: int | None,
    cards: Iterable[Values],
) -> EditCommand:
    """Create cards in one cell from `index` on (the end when None): drops and pastes.

    Each records when it was written (`created`, now unless the fields say otherwise).
    """
    _card_cell(document, stage_id, lane_id)
    start = AT_END if index is None else index
    operations: list[Operation] = []
    now = stamp()
    for offset, fields in enumerate(cards):
        values = _fields(Card, fields)
        values.setdefault("created", now)
        values.update(
            id=document.next_id(Card), stage_id=stage_id, lane_id=lane_id, position=start + offset
        )
        operations.append(Insert(Card, values))
    text = _counted(
        len(operations), translate("Edits", "Add card"), translate("Edits", "Add %n cards")
    )
    return _command(document, text, operations)


def add_card(
    document: Document, stage_id: int, lane_id: int, index: int | None = None, **fields: Any
) -> EditCommand:
    return add_cards(document, stage_id, lane_id, index, [fields])


def paste_text(
    document: Document,
    stage_id: int,
    lane_id: int,
    index: int | None,
    text: str,
    fields: Values | None = None,
) -> EditCommand:
    """Plain text pasted into a cell: one card for each non-empty line (NUL characters,
    which some programs put on the clipboard and no text may hold, are dropped), each
    with `fields` besides its text."""
    lines = [line.strip() for line in text.replace("\x00", "").splitlines() if line.strip()]
    cards = [{**(fields or {}), "text": line} for line in lines]
    return add_cards(document, stage_id, lane_id, index, cards)


def edit_card(document: Document, card_id: int, **changes: Any) -> EditCommand:
    return edit(document, Card, card_id, translate("Edits", "Edit card"), **changes)


def edit_cards(document: Document, card_ids: Sequence[int], **changes: Any) -> EditCommand:
    """The same change to several cards, as one undo step."""
    values = _fields(Card, changes)
    operations: list[Operation] = [Update(Card, card_id, dict(values)) for card_id in card_ids]
    text = _counted(
        len(operations), translate("Edits", "Edit card"), translate("Edits", "Edit %n cards")
    )
    return _command(document, text, operations)


def move_cards(
    document: Document, card_ids: Sequence[int], stage_id: int, lane_id: int, index: int
) -> EditCommand:
    """Move cards, in the given order, to a cell: together, at `index` among the cards
    of the cell that do not move (what a drag shows). A card leaving its map leaves its
    votes and its place in the event mapping behind (they belong to that map's ballots
    and stages), so undo gives them back."""
    card_ids = list(dict.fromkeys(card_ids))  # a card named twice moves once
    target = _card_cell(document, stage_id, lane_id)
    maps = document.maps_of_cards(card_ids)
    leaving = [card_id for card_id in card_ids if maps.get(card_id) != target]
    operations: list[Operation] = _card_links(document, leaving) if leaving else []
    places = _landing(document.cell_ids(stage_id, lane_id), card_ids, index)
    cell = {"stage_id": stage_id, "lane_id": lane_id}
    operations += [
        Relocate(Card, card_id, {**cell, "position": place}, follows=follows, anchored=True)
        for card_id, (place, follows) in zip(card_ids, places, strict=True)
    ]
    text = _counted(
        len(card_ids), translate("Edits", "Move card"), translate("Edits", "Move %n cards")
    )
    return _command(document, text, operations)


def _landing(cell: list[int], card_ids: Sequence[int], index: int) -> list[tuple[int, int | None]]:
    """The index each moving card (each named once) is given in turn among the cards
    then in the cell (itself left out), so that they end up in the order given at
    `index` among the cell's cards that do not move; and the card it then follows (None:
    first), which places it again at a redo whatever another program added since.
    `index + n` was wrong when moving cards were in the cell already: the ones not yet
    moved were counted where they still stood."""
    moving = set(card_ids)
    staying = [card_id for card_id in cell if card_id not in moving]
    after = staying[min(index, len(staying)) - 1] if index > 0 and staying else None
    now = list(cell)
    places: list[tuple[int, int | None]] = []
    for card_id in card_ids:
        if card_id in now:
            now.remove(card_id)
        place = now.index(after) + 1 if after is not None else 0
        now.insert(place, card_id)
        places.append((place, after))
        after = card_id
    return places


def _card_links(document: Document, card_ids: Sequence[int]) -> list[Operation]:
    """Deletions of the votes given to cards and of the stage mappings naming them as
    touchpoints: what belongs to their map, not to them."""
    operations: list[Operation] = [Delete(Vote, vote.id) for vote in document.votes_on(card_ids)]
    wanted = set(card_ids)
    operations += [
        Delete(StageTouchpoint, row.id)
        for row in document.touchpoints_of(card_ids)
        if row.card_id in wanted
    ]
    return operations


def _card_removals(document: Document, card_ids: Sequence[int]) -> list[Operation]:
    """Deletions of cards and, first, of their links (`_card_links`), so undo gives all
    back (the database would drop them silently, out of the undo's sight)."""
    return _card_links(document, card_ids) + [Delete(Card, card_id) for card_id in card_ids]


def delete_cards(document: Document, card_ids: Iterable[int]) -> EditCommand:
    ids = list(card_ids)
    text = _counted(
        len(ids), translate("Edits", "Delete card"), translate("Edits", "Delete %n cards")
    )
    return _command(document, text, _card_removals(document, ids))


# Stages and lanes


def _new_stage(
    document: Document, map_id: int, position: int, name: str, color: str | None, width: float
) -> Insert:
    """Insert of a stage with a fresh id; colours cycle through a pastel set by position."""
    values = {
        "id": document.next_id(Stage),
        "map_id": map_id,
        "position": position,
        "name": name or translate("Edits", "New stage"),
        "color": color or STAGE_COLORS[position % len(STAGE_COLORS)],
        "width": width,
    }
    return Insert(Stage, values)


def _new_lane(
    document: Document,
    map_id: int,
    position: int,
    name: str,
    kind: str,
    color: str | None = None,
    height: float | None = None,
) -> Insert:
    """Insert of a lane with a fresh id; colour and height follow its kind unless given."""
    kind = LaneKind(kind).value
    values = {
        "id": document.next_id(Lane),
        "map_id": map_id,
        "position": position,
        "name": name or translate("Edits", "New lane"),
        "kind": kind,
        "color": color or LANE_COLORS[kind],
        "height": height or (160.0 if kind == LaneKind.EMOTION.value else 120.0),
    }
    return Insert(Lane, values)


def add_stage(
    document: Document,
    map_id: int,
    index: int | None = None,
    name: str = "",
    color: str | None = None,
    width: float = 240.0,
) -> EditCommand:
    """A new stage, with a neutral emotion point on every emotion lane of the map."""
    count = len(document.stages(map_id))
    shade = color or STAGE_COLORS[count % len(STAGE_COLORS)]
    stage = _new_stage(document, map_id, count if index is None else index, name, shade, width)
    operations: list[Operation] = [stage]
    for lane in document.lanes(map_id):
        if lane.kind == LaneKind.EMOTION.value:
            operations.append(_neutral_point(document, lane.id, stage.values["id"]))
    return _command(document, translate("Edits", "Add stage"), operations)


def add_lane(
    document: Document,
    map_id: int,
    kind: str = LaneKind.TEXT.value,
    index: int | None = None,
    name: str = "",
    color: str | None = None,
    height: float | None = None,
) -> EditCommand:
    """A new lane; an emotion lane starts with a neutral point at every stage."""
    position = len(document.lanes(map_id)) if index is None else index
    lane = _new_lane(document, map_id, position, name, kind, color, height)
    operations: list[Operation] = [lane]
    if lane.values["kind"] == LaneKind.EMOTION.value:
        for stage in document.stages(map_id):
            operations.append(_neutral_point(document, lane.values["id"], stage.id))
    return _command(document, translate("Edits", "Add lane"), operations)


def _neutral_point(document: Document, lane_id: int, stage_id: int) -> Insert:
    values = {"id": document.next_id(EmotionPoint), "lane_id": lane_id, "stage_id": stage_id}
    return Insert(EmotionPoint, {**values, "value": 0, "note": ""})


def edit_stage(
    document: Document, stage_id: int, merge: bool = False, **changes: Any
) -> EditCommand:
    text = (
        translate("Edits", "Resize stage")
        if set(changes) == {"width"}
        else translate("Edits", "Edit stage")
    )
    if "width" in changes:
        changes["width"] = _within(changes["width"], limits.STAGE_WIDTH_RANGE)
    return edit(document, Stage, stage_id, text, merge, **changes)


def _within(size: float, bounds: tuple[float, float]) -> float:
    """A dragged size held inside the documented limits instead of refused."""
    return max(bounds[0], min(bounds[1], float(size)))


def edit_lane(document: Document, lane_id: int, merge: bool = False, **changes: Any) -> EditCommand:
    text = (
        translate("Edits", "Resize lane")
        if set(changes) == {"height"}
        else translate("Edits", "Edit lane")
    )
    if "height" in changes:
        changes["height"] = _within(changes["height"], limits.LANE_HEIGHT_RANGE)
    return edit(document, Lane, lane_id, text, merge, **changes)


def move_stage(document: Document, stage_id: int, index: int) -> EditCommand:
    return _command(
        document, translate("Edits", "Move stage"), [Relocate(Stage, stage_id, {"position": index})]
    )


def move_lane(document: Document, lane_id: int, index: int) -> EditCommand:
    return _command(
        document, translate("Edits", "Move lane"), [Relocate(Lane, lane_id, {"position": index})]
    )


def _cell_contents(
    document: Document, map_id: int, stage_id: int | None = None, lane_id: int | None = None
) -> list[Operation]:
    """Deletions of the cards (with their votes), emotion points and ballot lanes in a
    stage or lane, before it goes."""
    cards = [
        card.id
        for card in document.cards(map_id)
        if card.stage_id == stage_id or card.lane_id == lane_id
    ]
    operations = _card_removals(document, cards)
    if lane_id is not None:
        operations += [
            Delete(BallotLane, row.id)
            for row in document.ballot_lane_rows(map_id)
            if row.lane_id == lane_id
        ]
    for point in document.emotion_points(map_id):
        if point.stage_id == stage_id or point.lane_id == lane_id:
            operations.append(Delete(EmotionPoint, point.id))
    if stage_id is not None:
        operations += _stage_measures(document, map_id, stage_id, operations)
    return operations


def _stage_measures(
    document: Document, map_id: int, stage_id: int, already: Sequence[Operation]
) -> list[Operation]:
    """Deletions of a stage's event names, touchpoints and figures (those of runs stay)."""
    gone = {(step.entity, step.id) for step in already if isinstance(step, Delete)}
    entities: tuple[Any, ...] = (StagePattern, StageTouchpoint, FunnelFigure, SurveyFigure)
    return [
        Delete(entity, row.id)
        for entity in entities
        for row in document.measure_rows(entity, map_id)
        if row.stage_id == stage_id and (entity, row.id) not in gone
    ]


def delete_stage(document: Document, stage_id: int) -> EditCommand:
    stage = document.get(Stage, stage_id)
    if stage is None:
        raise ValueError(f"no stage {stage_id}")
    operations = _cell_contents(document, stage.map_id, stage_id=stage_id)
    return _command(
        document, translate("Edits", "Delete stage"), [*operations, Delete(Stage, stage_id)]
    )


def delete_lane(document: Document, lane_id: int) -> EditCommand:
    lane = document.get(Lane, lane_id)
    if lane is None:
        raise ValueError(f"no lane {lane_id}")
    operations = _cell_contents(document, lane.map_id, lane_id=lane_id)
    return _command(
        document, translate("Edits", "Delete lane"), [*operations, Delete(Lane, lane_id)]
    )


# Emotions


def set_emotion(
    document: Document,
    lane_id: int,
    stage_id: int,
    value: int | None = None,
    note: str | None = None,
    merge: bool = False,
) -> EditCommand:
    """Set the curve's point at a stage, snapped to −2…+2 (created if missing); only an
    emotion lane has a curve."""
    place = document.emotion_place(lane_id, stage_id)
    if place is None or place[0] != LaneKind.EMOTION.value:
        raise ValueError(f"lane {lane_id} is not an emotion lane")
    changes: Values = {}
    if value is not None:
        changes["value"] = max(EMOTION_MIN, min(EMOTION_MAX, round(value)))
    if note is not None:
        changes["note"] = note
    point = place[1]
    text = translate("Edits", "Set emotion")
    if point is None:
        insert = _neutral_point(document, lane_id, stage_id)
        insert.values.update(changes)
        return _command(document, text, [insert])
    key = ("emotion", point.id, tuple(sorted(changes))) if merge else None
    return _command(document, text, [Update(EmotionPoint, point.id, changes)], key)


# Maps


def add_map(
    document: Document,
    name: str,
    stages: Sequence[str] = (),
    lanes: Sequence[tuple[str, str]] = (),
    state: str = MapState.CURRENT.value,
) -> EditCommand:
    """A new map with the given stage names and (lane name, kind) pairs."""
    map_id = document.next_id(JourneyMap)
    operations: list[Operation] = [
        Insert(
            JourneyMap,
            {
                "id": map_id,
                "name": name,
                "state": MapState(state).value,
                "position": len(document.maps()),
                "segment": "",
                "description": "",
            },
        )
    ]
    new_stages = [
        _new_stage(document, map_id, position, stage_name, None, 240.0)
        for position, stage_name in enumerate(stages)
    ]
    operations += new_stages
    for position, (lane_name, kind) in enumerate(lanes):
        lane = _new_lane(document, map_id, position, lane_name, kind)
        operations.append(lane)
        if lane.values["kind"] == LaneKind.EMOTION.value:
            operations += [
                _neutral_point(document, lane.values["id"], stage.values["id"])
                for stage in new_stages
            ]
    return _command(document, translate("Edits", "Add map"), operations)


def duplicate_map(
    document: Document, map_id: int, name: str, state: str | None = None
) -> EditCommand:
    """A full copy of a map (to draw the ideal journey from the current one), with its
    event and survey mappings but not its measurements (they measured the original)."""
    source = document.get(JourneyMap, map_id)
    if source is None:
        raise ValueError(f"no map {map_id}")
    new_map = document.next_id(JourneyMap)
    copy = {**row_values(source), "id": new_map, "name": name, "position": len(document.maps())}
    if state is not None:
        copy["state"] = MapState(state).value
    operations: list[Operation] = [Insert(JourneyMap, copy)]
    copied: dict[type, dict[int, int]] = {Stage: {}, Lane: {}, Card: {}}
    columns: Sequence[tuple[type, Sequence[Any]]] = (
        (Stage, document.stages(map_id)),
        (Lane, document.lanes(map_id)),
    )
    for entity, rows in columns:
        for row in rows:
            copied[entity][row.id] = document.next_id(entity)
            values = {**row_values(row), "id": copied[entity][row.id], "map_id": new_map}
            operations.append(Insert(entity, values))
    contents: Sequence[tuple[type, Sequence[Any]]] = (
        (Card, document.cards(map_id)),
        (EmotionPoint, document.emotion_points(map_id)),
    )
    for entity, rows in contents:
        for row in rows:
            values = {
                **row_values(row),
                "id": document.next_id(entity),
                "stage_id": copied[Stage][row.stage_id],
                "lane_id": copied[Lane][row.lane_id],
            }
            copied.setdefault(entity, {})[row.id] = values["id"]
            operations.append(Insert(entity, values))
    operations += _copied_mapping(document, map_id, new_map, copied)
    return _command(document, translate("Edits", "Duplicate map"), operations)


def _copied_mapping(
    document: Document, map_id: int, new_map: int, copied: dict[type, dict[int, int]]
) -> list[Operation]:
    """Inserts copying a map's event and survey mappings onto its copy (`copied`: old
    id → new)."""
    references = {"map_id": (None, new_map), "stage_id": (Stage, 0), "card_id": (Card, 0)}
    entities: tuple[Any, ...] = (
        EventMapping,
        MappingSegment,
        StagePattern,
        StageTouchpoint,
        SurveyMapping,
    )
    operations: list[Operation] = []
    for entity in entities:
        for row in document.measure_rows(entity, map_id):
            values = {**row_values(row), "id": document.next_id(entity)}
            for column, (target, fixed) in references.items():
                if column in values:
                    values[column] = fixed if target is None else copied[target][values[column]]
            operations.append(Insert(entity, values))
    return operations


def edit_map(document: Document, map_id: int, **changes: Any) -> EditCommand:
    if "state" in changes:
        changes["state"] = MapState(changes["state"]).value
    return edit(document, JourneyMap, map_id, translate("Edits", "Edit map"), **changes)


def move_map(document: Document, map_id: int, index: int) -> EditCommand:
    return _command(
        document,
        translate("Edits", "Move map"),
        [Relocate(JourneyMap, map_id, {"position": index})],
    )


def delete_map(document: Document, map_id: int) -> EditCommand:
    operations = _card_removals(document, [card.id for card in document.cards(map_id)])
    operations += [Delete(BallotLane, row.id) for row in document.ballot_lane_rows(map_id)]
    operations += [Delete(Ballot, ballot.id) for ballot in document.ballots(map_id)]
    operations += [Delete(EmotionPoint, p.id) for p in document.emotion_points(map_id)]
    gone = {(step.entity, step.id) for step in operations if isinstance(step, Delete)}
    measures: tuple[Any, ...] = (
        FunnelFigure,
        SurveyFigure,
        MeasureRun,
        StageTouchpoint,
        StagePattern,
        MappingSegment,
        EventMapping,
        SurveyMapping,
    )
    operations += [
        Delete(entity, row.id)
        for entity in measures
        for row in document.measure_rows(entity, map_id)
        if (entity, row.id) not in gone
    ]
    operations += [Delete(Stage, stage.id) for stage in document.stages(map_id)]
    operations += [Delete(Lane, lane.id) for lane in document.lanes(map_id)]
    operations.append(Delete(JourneyMap, map_id))
    return _command(document, translate("Edits", "Delete map"), operations)


# Personas, departments, project


def add_persona(document: Document, **fields: Any) -> EditCommand:
    values = {**_fields(Persona, fields), "id": document.next_id(Persona)}
    values["position"] = len(document.personas())
    values.setdefault("name", translate("Edits", "New persona"))
    return _command(document, translate("Edits", "Add persona"), [Insert(Persona, values)])


def edit_persona(document: Document, persona_id: int, **changes: Any) -> EditCommand:
    return edit(document, Persona, persona_id, translate("Edits", "Edit persona"), **changes)


def delete_persona(document: Document, persona_id: int) -> EditCommand:
    """Delete a persona and its photo; maps drawn for it stay, for no one in particular."""
    operations: list[Operation] = [
        Update(JourneyMap, m.id, {"persona_id": None})
        for m in document.maps()
        if m.persona_id == persona_id
    ]
    operations.append(Delete(Persona, persona_id))
    persona = document.get(Persona, persona_id)
    if persona is not None and persona.photo_image_id is not None:
        operations.append(Delete(Image, persona.photo_image_id))
    return _command(document, translate("Edits", "Delete persona"), operations)


def add_department(document: Document, name: str, color: str) -> EditCommand:
    values = {
        "id": document.next_id(Department),
        "name": name,
        "color": color,
        "position": len(document.departments()),
    }
    return _command(document, translate("Edits", "Add department"), [Insert(Department, values)])


def edit_department(document: Document, department_id: int, **changes: Any) -> EditCommand:
    return edit(
        document, Department, department_id, translate("Edits", "Edit department"), **changes
    )


def delete_department(document: Document, department_id: int) -> EditCommand:
    """Delete a department; its cards and participants stay, no longer attributed."""
    operations: list[Operation] = [
        Update(Participant, participant.id, {"department_id": None})
        for participant in document.participants()
        if participant.department_id == department_id
    ]
    for journey_map in document.maps():
        operations += [
            Update(Card, card.id, {"department_id": None})
            for card in document.cards(journey_map.id)
            if card.department_id == department_id
        ]
    operations.append(Delete(Department, department_id))
    return _command(document, translate("Edits", "Delete department"), operations)


def move_department(document: Document, department_id: int, index: int) -> EditCommand:
    return _command(
        document,
        translate("Edits", "Move department"),
        [Relocate(Department, department_id, {"position": index})],
    )


def add_participant(document: Document, name: str, department_id: int | None) -> EditCommand:
    values = {
        "id": document.next_id(Participant),
        "name": name or translate("Edits", "New participant"),
        "department_id": department_id,
        "position": len(document.participants()),
    }
    return _command(document, translate("Edits", "Add participant"), [Insert(Participant, values)])


def edit_participant(document: Document, participant_id: int, **changes: Any) -> EditCommand:
    return edit(
        document, Participant, participant_id, translate("Edits", "Edit participant"), **changes
    )


def move_participant(document: Document, participant_id: int, index: int) -> EditCommand:
    return _command(
        document,
        translate("Edits", "Move participant"),
        [Relocate(Participant, participant_id, {"position": index})],
    )


def delete_participant(document: Document, participant_id: int) -> EditCommand:
    """Delete a participant; their cards and votes stay, no longer attributed."""
    operations: list[Operation] = []
    for journey_map in document.maps():
        operations += [
            Update(Card, card.id, {"participant_id": None})
            for card in document.cards(journey_map.id)
            if card.participant_id == participant_id
        ]
        for ballot in document.ballots(journey_map.id):
            operations += [
                Update(Vote, vote.id, {"participant_id": None})
                for vote in document.votes(ballot.id)
                if vote.participant_id == participant_id
            ]
    operations.append(Delete(Participant, participant_id))
    return _command(document, translate("Edits", "Delete participant"), operations)


def edit_project(document: Document, **changes: Any) -> EditCommand:
    return edit(
        document, Project, document.project().id, translate("Edits", "Edit project"), **changes
    )


def set_image(
    document: Document, entity: type, row_id: int, column: str, image: CheckedImage | None
) -> EditCommand:
    """Give a persona its photo or the project its logo, replacing (and dropping) the old one."""
    row = document.get(entity, row_id)
    if row is None:
        raise ValueError(f"no {entity.__name__} {row_id}")
    old = getattr(row, column)
    operations: list[Operation] = []
    new_id = None
    if image is not None:
        new_id = document.next_id(Image)
        operations.append(
            Insert(
                Image,
                {
                    "id": new_id,
                    "format": image.format,
                    "width": image.width,
                    "height": image.height,
                    "data": image.data,
                },
            )
        )
    operations.append(Update(entity, row_id, {column: new_id}))
    if old is not None:
        operations.append(Delete(Image, old))
    return _command(document, translate("Edits", "Set picture"), operations)


def combine(document: Document, text: str, commands: Sequence[EditCommand]) -> EditCommand:
    """Several built edits as one undo step in one transaction (a dialog's OK)."""
    return _command(document, text, [step for command in commands for step in command.operations])


def take_snapshot(document: Document, name: str) -> EditCommand:
    """Freeze the project as it is now, to compare later versions with.

    Earlier snapshots are left out of the frozen copy: each would otherwise hold all
    the ones before it, and every snapshot would double the file's size.
    """
    data = {**document.export_data(), "snapshots": []}
    values = {
        "id": document.next_id(Snapshot),
        "name": name,
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "data": dumps(data),
    }
    return _command(document, translate("Edits", "Take snapshot"), [Insert(Snapshot, values)])


def delete_snapshot(document: Document, snapshot_id: int) -> EditCommand:
    """Forget a snapshot (undo gives it back whole)."""
    return _command(
        document, translate("Edits", "Delete snapshot"), [Delete(Snapshot, snapshot_id)]
    )
