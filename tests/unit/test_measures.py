"""Saving measurements (schema version 4) through the Document: a funnel or a survey
import is one undo step that gives back the very same file, history is kept and pruned,
figure lanes refuse cards, and every delete takes what refers to it and undo returns it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from journeyeditor.editing import edits, measures, voting
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import Relocate
from journeyeditor.measure.funnel import Breakdown, FunnelResult, StageFigures, StageRule
from journeyeditor.measure.sources import BadRows, ColumnMapping, SourceCheck
from journeyeditor.measure.survey import SurveyFigures as Figures
from journeyeditor.measure.survey import SurveyResult
from journeyeditor.measure.survey import Verbatim as Said
from journeyeditor.model import (
    Card,
    EventMapping,
    FunnelFigure,
    LaneKind,
    MappingSegment,
    MeasureRun,
    StagePattern,
    StageTouchpoint,
    SurveyFigure,
    limits,
)
from journeyeditor.store import database, interchange, templates

from helpers.interface import interface_in

MAPPING = ColumnMapping("customer", "occurred", "event", ("channel",))


def _figures(keys: list[str], reached: list[int]) -> tuple[StageFigures, ...]:
    out: list[StageFigures] = []
    for key, count in zip(keys, reached, strict=True):
        previous = out[-1].reached if out else None
        out.append(
            StageFigures(
                stage=key,
                reached=count,
                previous_reached=previous,
                from_previous=None if previous is None else min(previous, count),
                skipped=0,
                came_back=1,
                timed=0 if previous is None else count,
                median_seconds=None if previous is None else 3600.0,
                p90_seconds=None if previous is None else 7200.5,
            )
        )
    return tuple(out)


def funnel(document: Document, map_id: int, scale: int = 1) -> FunnelResult:
    """A funnel over the map's first three stages, keys being stage ids, with segments
    'web', '' (customers without a channel)."""
    stages = document.stages(map_id)[:3]
    keys = [str(stage.id) for stage in stages]
    touch = next(c.id for c in document.cards(map_id) if c.stage_id == stages[0].id)
    rules = (
        StageRule(keys[0], ("ad *", "page_view*"), (str(touch),)),
        StageRule(keys[1], ("product?page",)),
        StageRule(keys[2], ("purchase*",)),
    )
    overall = Breakdown(None, None, 100 * scale, _figures(keys, [100 * scale, 40 * scale, 9]))
    web = Breakdown("channel", "web", 70, _figures(keys, [70, 30, 7]))
    none = Breakdown("channel", None, 30, _figures(keys, [30, 10, 2]))
    return FunnelResult(rules, overall, (web, none))


def _dump(document: Document) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: what "the same file" means once undone (the header's
    change counter moves with every commit)."""
    run = document.session.connection().exec_driver_sql
    names = run("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").scalars()
    dump = {name: list(map(tuple, run(f'SELECT * FROM "{name}" ORDER BY 1'))) for name in names}
    document.session.commit()
    return dump


def _map(document: Document) -> int:
    return document.maps()[0].id


def _apply(document: Document, map_id: int, stamp: str, scale: int = 1) -> bool:
    command = measures.apply_funnel(
        document, map_id, funnel(document, map_id, scale), MAPPING, "events.csv", stamp, 120, 3
    )
    return document.push(command)


def test_funnel_import_is_one_step_and_undo_gives_the_same_file(document: Document) -> None:
    map_id = _map(document)
    before = _dump(document)
    lanes_before = len(document.lanes(map_id))
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    assert document.stack.count() == 1
    lanes = document.lanes(map_id)
    assert len(lanes) == lanes_before + 1 and lanes[-1].kind == LaneKind.FUNNEL.value
    newest, previous = document.latest_runs(map_id, "events")
    assert previous is None and newest is not None
    assert (newest.source, newest.rows, newest.bad_rows) == ("events.csv", 120, 3)
    assert newest.segment_column == "channel"
    first = document.stages(map_id)[0].id
    second = document.stages(map_id)[1].id
    overall = newest.at(second)
    assert overall is not None and overall.reached == 40 and overall.conversion == 0.4
    assert newest.at(second, "web").reached == 30
    assert newest.at(second, "").reached == 10  # no value is '' and not everyone (None)
    assert newest.segments() == ("", "web")
    assert len(newest.figures) == 9
    mapping = document.measure_rows(EventMapping, map_id)
    assert [(m.customer_column, m.time_column, m.event_column) for m in mapping] == [
        ("customer", "occurred", "event")
    ]
    assert [s.name for s in document.measure_rows(MappingSegment, map_id)] == ["channel"]
    patterns = document.measure_rows(StagePattern, map_id)
    assert [(p.stage_id, p.pattern) for p in patterns][:2] == [
        (first, "ad *"),
        (first, "page_view*"),
    ]
    assert len(document.measure_rows(StageTouchpoint, map_id)) == 1
    document.undo()
    assert _dump(document) == before
    assert document.latest_runs(map_id, "events") == (None, None)
    document.redo()
    assert document.latest_runs(map_id, "events")[0] == newest


def test_reimport_keeps_history_and_reuses_the_lane(document: Document) -> None:
    map_id = _map(document)
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    lanes = len(document.lanes(map_id))
    assert _apply(document, map_id, "2026-11-30T10:00:00Z", scale=2)
    assert len(document.lanes(map_id)) == lanes
    newest, previous = document.latest_runs(map_id, "events")
    assert newest is not None and previous is not None
    assert (newest.imported, previous.imported) == ("2026-11-30T10:00:00Z", "2026-11-30T09:00:00Z")
    first = document.stages(map_id)[0].id
    assert (newest.at(first).reached, previous.at(first).reached) == (200, 100)
    # The mapping is replaced, not doubled.
    assert len(document.measure_rows(EventMapping, map_id)) == 1
    assert len(document.measure_rows(StagePattern, map_id)) == 4


def test_history_is_pruned_to_the_limit(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_RUNS_PER_KIND", 2)
    map_id = _map(document)
    for hour in (9, 10, 11):
        assert _apply(document, map_id, f"2026-11-30T{hour:02d}:00:00Z")
    runs = document.runs(map_id, "events")
    assert [run.imported[11:13] for run in runs] == ["11", "10"]
    figures = document.measure_rows(FunnelFigure, map_id)
    assert {f.run_id for f in figures} == {run.id for run in runs}
    document.undo()
    assert [run.imported[11:13] for run in document.runs(map_id, "events")] == ["10", "09"]


def test_a_figure_lane_refuses_cards(document: Document) -> None:
    map_id = _map(document)
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    lane = document.lanes(map_id)[-1].id
    stage = document.stages(map_id)[0].id
    with pytest.raises(ValueError):
        edits.add_card(document, stage, lane, text="no")
    card = document.cards(map_id)[0].id
    with pytest.raises(ValueError):
        edits.move_cards(document, [card], stage, lane, 0)
    # A lane holding cards cannot become a lane of figures: the file check refuses it.
    text_lane = document.cards(map_id)[0].lane_id
    assert not document.push(edits.edit_lane(document, text_lane, kind=LaneKind.SURVEY.value))


def _counts(document: Document, map_id: int) -> tuple[int, ...]:
    raw = document.session.connection().exec_driver_sql
    tables = (
        "funnel_figure",
        "measure_run",
        "stage_pattern",
        "stage_touchpoint",
        "event_mapping",
        "mapping_segment",
    )
    counts = tuple(raw(f"SELECT count(*) FROM {t}").scalar_one() for t in tables)
    document.session.commit()
    return counts


@pytest.mark.parametrize("what", ["stage", "map", "card", "lane"])
def test_deletes_take_what_refers_to_them_and_undo_gives_it_back(
    document: Document, what: str
) -> None:
    map_id = _map(document)
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    before = _dump(document)
    counts = _counts(document, map_id)
    measured = (FunnelFigure, MeasureRun, StagePattern, StageTouchpoint, EventMapping)
    mine = (*(len(document.measure_rows(e, map_id)) for e in measured), 1)
    first = document.stages(map_id)[0]
    touch = document.measure_rows(StageTouchpoint, map_id)[0]
    if what == "stage":
        command = edits.delete_stage(document, first.id)
    elif what == "map":
        command = edits.delete_map(document, map_id)
    elif what == "card":
        command = edits.delete_cards(document, [touch.card_id])
    else:
        lane = next(c.lane_id for c in document.cards(map_id) if c.id == touch.card_id)
        command = edits.delete_lane(document, lane)
    assert document.push(command)
    after = _counts(document, map_id)
    if what == "stage":
        assert after[0] == counts[0] - 3 and after[2] == counts[2] - 2 and after[3] == 0
    elif what == "map":
        assert after == tuple(c - m for c, m in zip(counts, mine, strict=True))
        assert all(n > 0 for n in mine[:3]) and mine[4] == 1
    else:
        assert after[3] == 0 and after[:3] == counts[:3]
    document.undo()
    assert _counts(document, map_id) == counts
    assert _dump(document) == before


def test_unknown_stage_key_is_refused(document: Document) -> None:
    map_id = _map(document)
    result = funnel(document, map_id)
    bad = FunnelResult((StageRule("999999", ("x",)),), result.overall, ())
    with pytest.raises(measures.MeasureRefused):
        measures.apply_funnel(document, map_id, bad, MAPPING, "e.csv", "2026-11-30T09:00:00Z")


def test_stage_rules_match_names_in_any_case(document: Document) -> None:
    map_id = _map(document)
    stage = document.stages(map_id)[1]
    rules = measures.stage_rules(document, map_id, [StageRule(f"  {stage.name.upper()} ", ("x*",))])
    assert rules[0].key == str(stage.id)
    with pytest.raises(measures.MeasureRefused):
        measures.stage_rules(document, map_id, [StageRule("no such stage", ("x",))])


def _survey(figures: tuple[Figures, ...], verbatims: tuple[Said, ...]) -> SurveyResult:
    return SurveyResult(figures, verbatims, SourceCheck(50, 50, BadRows()))


def test_survey_import_adds_figures_and_verbatim_cards(document: Document) -> None:
    map_id = _map(document)
    before = _dump(document)
    stage = str(document.stages(map_id)[0].id)
    survey = _survey(
        (Figures(stage, None, 40, 20, 10, 10, 30, 2.5), Figures(stage, "", 4, 1, 1, 2, 0, None)),
        (
            Said(stage, "Too slow at checkout", "2026-11-29T08:00:00Z", None, 2),
            Said(stage, "too slow at  checkout", None, None, 3),
            Said(stage, "Lovely staff", None, None, 4),
        ),
    )
    command, applied = measures.plan_survey(
        document, map_id, survey, "nps.csv", "2026-11-30T09:00:00Z", 50, 0
    )
    assert (applied.figures, applied.verbatims) == (2, 2)
    assert document.push(command)
    lanes = document.lanes(map_id)
    assert [lane.kind for lane in lanes[-2:]] == [LaneKind.SURVEY.value, LaneKind.TEXT.value]
    assert lanes[-1].name == "Verbatims"
    cards = [c for c in document.cards(map_id) if c.lane_id == lanes[-1].id]
    assert [(c.text, c.evidence, c.source, c.created) for c in cards] == [
        ("Too slow at checkout", "research", "nps.csv", "2026-11-29T08:00:00Z"),
        ("Lovely staff", "research", "nps.csv", "2026-11-30T09:00:00Z"),
    ]
    newest, _ = document.latest_runs(map_id, "survey")
    assert newest is not None and newest.at(int(stage)).nps == 25.0
    assert len(document.measure_rows(SurveyFigure, map_id)) == 2
    # A second import of the same survey adds no card twice.
    again = measures.plan_survey(document, map_id, survey, "nps.csv", "2026-11-30T10:00:00Z")
    assert again[1].verbatims == 0
    document.undo()
    assert _dump(document) == before


def test_a_v3_file_migrates_to_v4(tmp_path: Path) -> None:
    from journeyeditor.store import database, schema

    source = Path(__file__).parents[1] / "fixtures" / "schema_v3.journey"
    copy = tmp_path / "old.journey"
    copy.write_bytes(source.read_bytes())
    journey = database.open_file(copy)
    try:
        assert journey.version == schema.LATEST_VERSION >= 4
        assert journey.raw.execute("SELECT count(*) FROM card").fetchone() == (8,)
        assert journey.raw.execute("SELECT count(*) FROM vote").fetchone() == (2,)
        assert journey.raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
    finally:
        journey.close()
    assert (tmp_path / "old.v3.bak.journey").exists()


def test_a_duplicated_map_keeps_the_mapping_not_the_runs(document: Document) -> None:
    map_id = _map(document)
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    assert document.push(edits.duplicate_map(document, map_id, "Ideal", "ideal"))
    copy = document.maps()[-1].id
    stages = {s.id for s in document.stages(copy)}
    cards = {c.id for c in document.cards(copy)}
    patterns = document.measure_rows(StagePattern, copy)
    assert [p.pattern for p in patterns] == [
        p.pattern for p in document.measure_rows(StagePattern, map_id)
    ]
    assert {p.stage_id for p in patterns} <= stages
    touch = document.measure_rows(StageTouchpoint, copy)
    assert len(touch) == 1 and touch[0].card_id in cards and touch[0].stage_id in stages
    assert [m.event_column for m in document.measure_rows(EventMapping, copy)] == ["event"]
    assert document.latest_runs(copy, "events") == (None, None)


def _import_both(document: Document) -> list[str]:
    """Import a funnel, then a survey with a verbatim, into the first map; the names of
    the lanes the imports added."""
    map_id = _map(document)
    before = len(document.lanes(map_id))
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    stage = str(document.stages(map_id)[0].id)
    survey = _survey(
        (Figures(stage, None, 4, 1, 1, 2, 0, None),), (Said(stage, "Slow", None, None, 1),)
    )
    assert document.push(measures.apply_survey(document, map_id, survey, "nps.csv"))
    return [lane.name for lane in document.lanes(map_id)[before:]]


@pytest.mark.parametrize(
    ("project", "interface", "names"),
    [
        ("en", "fr", ["Funnel", "Survey", "Verbatims"]),
        ("fr", "en", ["Entonnoir", "Enquête", "Verbatims"]),
    ],
)
def test_added_lanes_are_named_in_the_projects_language(
    tmp_path: Path,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    project: str,
    interface: str,
    names: list[str],
) -> None:
    """A French consultant importing into an English client's map adds English lanes
    (and the other way round): the map's words, not the interface's."""
    path = tmp_path / f"{project}.journey"
    database.create_file(
        path, interchange.populate_from(templates.template_plan("sample", project))
    )
    document = Document.open(path)
    try:
        if interface == "en":
            assert _import_both(document) == names
        else:
            with interface_in(qapp, interface, monkeypatch):
                assert _import_both(document) == names
    finally:
        document.close()


def _voted_touchpoint(document: Document) -> tuple[int, int, int]:
    """A funnel whose mapping names a card as a touchpoint, and a vote on that card;
    returns the card and a text cell of the project's second map (stage, lane)."""
    map_id = _map(document)
    assert _apply(document, map_id, "2026-11-30T09:00:00Z")
    card = document.measure_rows(StageTouchpoint, map_id)[0].card_id
    lane = next(c.lane_id for c in document.cards(map_id) if c.id == card)
    assert document.push(voting.open_ballot(document, map_id, [lane]))
    assert document.push(edits.add_participant(document, "Ana", None))
    ballot = document.open_ballot(map_id)
    assert ballot is not None
    participant = document.participants()[0].id
    assert document.push(voting.give_vote(document, ballot.id, card, participant))
    other = document.maps()[1].id
    text = next(lane for lane in document.lanes(other) if lane.kind == LaneKind.TEXT.value)
    return card, document.stages(other)[0].id, text.id


def test_a_card_moved_to_another_map_leaves_its_vote_and_touchpoint_behind(
    document: Document,
) -> None:
    """Its vote and its place in the event mapping belong to the map it leaves: the move
    deletes them (the file stays one a check accepts) and undo gives them back."""
    card, stage, lane = _voted_touchpoint(document)
    before = _dump(document)
    assert document.push(edits.move_cards(document, [card], stage, lane, 0))
    after = _dump(document)
    assert not [row for row in after["vote"] if row[2] == card]
    assert not [row for row in after["stage_touchpoint"] if row[2] == card]
    database.check_file(document.path)
    document.undo()
    assert _dump(document) == before
    document.redo()
    assert _dump(document) == after


def test_the_commit_check_refuses_a_vote_left_on_another_maps_card(document: Document) -> None:
    """The check of every edit's rows sees a card's votes and touchpoint mappings: an
    edit moving a voted card out of its map without them is refused, not committed into
    a file that would then refuse to open."""
    card, stage, lane = _voted_touchpoint(document)
    before = _dump(document)
    errors: list[str] = []
    document.errorOccurred.connect(errors.append)
    move = Relocate(Card, card, {"stage_id": stage, "lane_id": lane, "position": 0})
    assert not document.push(EditCommand(document, "move", [move]))
    assert errors and "a card of another map" in errors[0]
    assert _dump(document) == before
