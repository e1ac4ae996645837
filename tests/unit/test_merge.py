"""Merging department drafts into a master (editing/merge.py and `journeyeditor merge`).

Six drafts of the sample (tests/helpers/drafts.py): every distinct card lands once with
its department, stages spelt differently are one stage, feelings are averaged by
samples, merging again adds nothing, undo gives the master back byte for byte, and a
hostile draft is refused with a clear message, changing nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication

from journeyeditor import cli
from journeyeditor.editing import edits, merge
from journeyeditor.editing.document import Document
from journeyeditor.store.errors import (
    JourneyFileError,
    NewerVersionError,
    NotAJourneyFileError,
)

from helpers.drafts import (
    DEPARTMENTS,
    FEELINGS,
    MAP,
    ONBOARDING,
    OWN_CARDS,
    SHARED,
    Workshop,
    make_workshop,
    own_text,
    sample,
)
from helpers.projects import child_environment, export_file, sha256


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication) -> Workshop:
    """Made once; tests merge into a copy of the master."""
    del qapp
    return make_workshop(tmp_path_factory.mktemp("workshop"))


@pytest.fixture
def master(workshop: Workshop, tmp_path: Path) -> Iterator[Document]:
    path = tmp_path / "master.journey"
    shutil.copyfile(workshop.master, path)
    document = Document.open(path)
    yield document
    document.close()


def drafts_of(workshop: Workshop) -> list[merge.Draft]:
    return [merge.read_draft(path) for path in workshop.drafts]


def merged(document: Document, workshop: Workshop) -> merge.MergePlan:
    plan = merge.plan_merge(document, drafts_of(workshop))
    assert document.push(plan.command(document))
    return plan


def journey(document: Document) -> int:
    return next(m.id for m in document.maps() if m.name == MAP)


def half_up(total: int, count: int) -> int:
    return int((Decimal(total) / Decimal(count)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_names_match_without_accents_case_or_spaces() -> None:
    assert merge.key("Considération") == merge.key("consideration ") == "consideration"
    assert merge.key("  Âwaréness\tNOW ") == "awareness now"
    assert merge.key("Sales") != merge.key("Sale")


@pytest.mark.parametrize(
    ("total", "count", "mean"),
    [(3, 2, 2), (-3, 2, -2), (1, 2, 1), (-1, 2, -1), (10, 7, 1), (11, 7, 2), (-11, 7, -2)],
)
def test_rounded_mean_half_away_from_zero(total: int, count: int, mean: int) -> None:
    assert merge.rounded_mean(total, count) == mean


def test_every_distinct_card_once_with_its_department(master: Document, workshop: Workshop) -> None:
    map_id = journey(master)
    stages_before = [s.name for s in master.stages(map_id)]
    departments_before = [d.name for d in master.departments()]
    cards_before = len(master.cards(map_id))
    everywhere = sum(len(master.cards(m.id)) for m in master.maps())
    plan = merged(master, workshop)
    departments = {d.id: d.name for d in master.departments()}
    assert "Légal" not in departments_before
    assert [d.name for d in master.departments()] == [*departments_before, "Légal"]
    stages = {s.id: s.name for s in master.stages(map_id)}
    assert list(stages.values()) == [*stages_before, "onboarding"]
    cards = master.cards(map_id)
    texts = [card.text for card in cards]
    for department in DEPARTMENTS:
        for number in range(OWN_CARDS):
            found = [c for c in cards if c.text == own_text(department, number)]
            assert len(found) == 1, own_text(department, number)
            name = departments[found[0].department_id or 0]
            assert merge.key(name) == merge.key(department)
            assert stages[found[0].stage_id] == stages_before[0]
            assert found[0].source == f"Draft-{department.strip()}.journey"
    shared = [c for c in cards if merge.key(c.text) == merge.key(SHARED[0])]
    assert len(shared) == 1 and departments[shared[0].department_id or 0] == "Sales"
    assert texts.count("Welcome call (ux)") == 0  # draft 4 adds no stage
    welcome = [c for c in cards if c.text.startswith("Welcome call")]
    assert {c.text for c in welcome} == {"Welcome call (Support)", "Welcome call (Légal)"}
    assert {stages[c.stage_id] for c in welcome} == {"onboarding"}
    distinct = len(DEPARTMENTS) * OWN_CARDS + 1 + len(ONBOARDING)
    assert len(cards) == cards_before + distinct
    assert sum(s.cards_added for s in plan.drafts) == distinct
    skipped = [len(s.cards_skipped) - everywhere for s in plan.drafts]
    assert skipped == [0, 1, 1, 1, 1, 1]  # the sample's own cards, then the shared one
    assert plan.drafts[0].stages_added == []
    assert plan.drafts[2].stages_added == ["onboarding"]
    assert plan.drafts[5].departments_added == ["Légal"]


def test_feelings_averaged_by_samples(master: Document, workshop: Workshop) -> None:
    map_id = journey(master)
    emotions = next(lane.id for lane in master.lanes(map_id) if lane.kind == "emotion")
    first, second = (s.id for s in master.stages(map_id)[:2])
    start = master.emotion_point(emotions, first)
    unchanged = master.emotion_point(emotions, second)
    assert start is not None and unchanged is not None
    value, other = start.value, unchanged.value
    merged(master, workshop)
    point = master.emotion_point(emotions, first)
    assert point is not None
    assert (point.value, point.samples) == (half_up(value + sum(FEELINGS), 7), 7)
    kept = master.emotion_point(emotions, second)
    assert kept is not None and (kept.value, kept.samples) == (other, 7)
    onboarding = master.stages(map_id)[-1].id
    new = master.emotion_point(emotions, onboarding)
    assert new is not None
    assert (new.value, new.samples) == (half_up(FEELINGS[2] + FEELINGS[5], 2), 2)


def test_feelings_weighted_by_their_samples(master: Document, workshop: Workshop) -> None:
    """A draft point that already averages three feelings counts three times."""
    map_id = journey(master)
    emotions = next(lane.id for lane in master.lanes(map_id) if lane.kind == "emotion")
    first = master.stages(map_id)[0].id
    master.push(edits.set_emotion(master, emotions, first, -2))
    draft = merge.read_draft(workshop.drafts[0])
    for journey_data in draft.data["maps"]:
        for point in journey_data["emotions"]:
            point["samples"] = 3
    merge_plan = merge.plan_merge(master, [draft])
    assert master.push(merge_plan.command(master))
    point = master.emotion_point(emotions, first)
    assert point is not None
    assert (point.value, point.samples) == (half_up(-2 + 3 * FEELINGS[0], 4), 4)


def test_merging_again_adds_nothing(master: Document, workshop: Workshop) -> None:
    merged(master, workshop)
    after = master.export_json()
    again = merge.plan_merge(master, drafts_of(workshop))
    assert again.empty and not any(s.changes for s in again.drafts)
    assert all(s.already_merged and s.cards_added == 0 for s in again.drafts)
    twice = merge.plan_merge(master, drafts_of(workshop)[:1] * 2)
    assert twice.empty
    assert master.export_json() == after


def test_undo_gives_the_master_back_byte_for_byte(master: Document, workshop: Workshop) -> None:
    before = master.export_json()
    merged(master, workshop)
    assert master.export_json() != before
    assert master.stack.count() == 1
    master.undo()
    assert master.export_json() == before
    master.redo()
    redone = master.export_json()
    master.undo()
    master.redo()
    assert master.export_json() == redone


def newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("hostile", ["corrupt", "newer"])
def test_a_hostile_draft_is_refused_and_nothing_changes(
    master: Document, workshop: Workshop, tmp_path: Path, hostile: str
) -> None:
    path = tmp_path / f"{hostile}.journey"
    if hostile == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    else:
        shutil.copyfile(workshop.drafts[0], path)
        newer(path)
    before = master.export_json()
    error = NotAJourneyFileError if hostile == "corrupt" else NewerVersionError
    with pytest.raises(JourneyFileError) as refused:
        [merge.read_draft(p, master.path) for p in (workshop.drafts[0], path)]
    assert isinstance(refused.value, error)
    message = refused.value.message()
    assert path.name in message
    if hostile == "newer":
        assert "newer version" in message
    assert master.export_json() == before and master.stack.count() == 0


def test_the_master_is_not_its_own_draft(master: Document) -> None:
    with pytest.raises(merge.MergeError, match="being merged into"):
        merge.read_draft(master.path, master.path)


def test_one_map_into_another(master: Document, workshop: Workshop) -> None:
    target = "Perfume — ideal journey"
    plan = merge.plan_merge(master, drafts_of(workshop)[:1], map_name=MAP, into=target)
    assert plan.drafts[0].maps_matched == [MAP]
    assert master.push(plan.command(master))
    ideal = next(m.id for m in master.maps() if m.name == target)
    texts = {c.text for c in master.cards(ideal)}
    assert own_text(DEPARTMENTS[0], 0) in texts
    with pytest.raises(merge.MergeError, match="no map named"):
        merge.plan_merge(master, drafts_of(workshop)[:1], map_name="Nope")
    with pytest.raises(merge.MergeError, match="no map named"):
        merge.plan_merge(master, drafts_of(workshop)[:1], into="Nope")


def test_an_unmatched_draft_map_is_added(master: Document, workshop: Workshop) -> None:
    map_id = journey(master)
    master.push(edits.edit_map(master, map_id, name="Renamed in the master"))
    count = len(master.maps())
    plan = merge.plan_merge(master, drafts_of(workshop)[:1])
    assert plan.drafts[0].maps_added == [MAP]
    assert master.push(plan.command(master))
    assert len(master.maps()) == count + 1
    added = master.maps()[-1]
    assert added.name == MAP
    assert len(master.cards(added.id)) == len(master.cards(map_id)) + OWN_CARDS + 1


def run_cli(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeyeditor", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_environment(),
    )


def test_command_line_merge(workshop: Workshop, tmp_path: Path) -> None:
    path = tmp_path / "master.journey"
    shutil.copyfile(workshop.master, path)
    before = sha256(path)
    dry = run_cli("merge", path, *workshop.drafts, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Draft-Légal.journey:" in dry.stdout
    assert "new departments: 1 (“Légal”)" in dry.stdout
    assert "cards added: 4 (" in dry.stdout
    assert sha256(path) == before
    done = run_cli("merge", path, *workshop.drafts, "--map", MAP)
    assert done.returncode == 0, done.stderr
    assert "Merged into master.journey." in done.stdout
    text = export_file(path)
    for department in DEPARTMENTS:
        assert text.count(f'"{own_text(department, 0)}"') == 1
    garbage = tmp_path / "garbage.journey"
    garbage.write_bytes(b"not a database at all" * 100)
    refused = run_cli("merge", path, workshop.drafts[0], garbage)
    assert refused.returncode == NotAJourneyFileError.exit_code
    assert "garbage.journey" in refused.stderr
    assert export_file(path) == text


def test_command_line_merge_refusals_in_process(
    workshop: Workshop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "master.journey"
    shutil.copyfile(workshop.master, path)
    before = export_file(path)
    assert cli.main(["merge", str(path), str(workshop.drafts[0]), "--into", "Nope"]) == 20
    assert "Nope" in capsys.readouterr().err
    assert cli.main(["merge", str(path), str(path)]) == merge.MergeError.exit_code
    assert "being merged into" in capsys.readouterr().err
    assert export_file(path) == before


CELL_TEXTS = st.text(alphabet="aAéE b.", min_size=0, max_size=6)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cards=st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 7), CELL_TEXTS), min_size=0, max_size=8
    ),
    feelings=st.lists(st.integers(-2, 2), min_size=5, max_size=5),
)
def test_merging_a_draft_twice_adds_nothing(
    qapp: QCoreApplication, cards: list[tuple[int, int, str]], feelings: list[int]
) -> None:
    del qapp
    with tempfile.TemporaryDirectory() as folder:
        master_path = sample(Path(folder) / "master.journey", template="awareness-advocacy")
        draft_path = Path(folder) / "draft.journey"
        shutil.copyfile(master_path, draft_path)
        draft = Document.open(draft_path)
        map_id = draft.maps()[0].id
        stages, lanes = draft.stages(map_id), draft.lanes(map_id)
        for stage, lane, text in cards:
            draft.push(edits.add_card(draft, stages[stage].id, lanes[lane].id, text=text))
        emotions = next(lane.id for lane in lanes if lane.kind == "emotion")
        for stage, value in zip(stages, feelings, strict=True):
            draft.push(edits.set_emotion(draft, emotions, stage.id, value))
        draft.close()
        document = Document.open(master_path)
        try:
            first = merge.plan_merge(document, [merge.read_draft(draft_path)])
            assert document.push(first.command(document)) or first.empty
            after = document.export_json()
            second = merge.plan_merge(document, [merge.read_draft(draft_path)])
            if first.drafts[0].cards_added:  # otherwise the master cannot know it was merged
                assert second.empty
            assert second.drafts[0].cards_added == 0
            assert not second.drafts[0].stages_added and not second.drafts[0].lanes_added
            assert document.export_json() == after
        finally:
            document.close()


def test_a_merged_point_shows_how_many_feelings(master: Document, workshop: Workshop) -> None:
    """Layout and drawing of the merged map: "n=7" beside each averaged face, no count on
    a point of one feeling."""
    from journeyeditor.render import drawing, fonts, layout
    from journeyeditor.render.content import map_content
    from journeyeditor.render.primitives import Text

    def counts() -> list[str]:
        measure = fonts.metrics().width
        measurer = layout.CardMeasurer(measure, meta=drawing.meta_lines(drawing.Labels(), measure))
        laid = layout.layout_map(map_content(master, journey(master)), measurer)
        found = []
        for curve in laid.curves.values():
            for index in range(len(curve.points)):
                shapes = drawing.point_shapes(curve, index, laid.style.face_radius)
                found += [s.line.text for s in shapes if isinstance(s, Text)]
        return [text for text in found if text.startswith("n=")]

    assert counts() == []
    merged(master, workshop)
    assert counts().count("n=7") == 5 and counts().count("n=2") == 1
