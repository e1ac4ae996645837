"""Random sequences of edits, undos and redos on the sample project (Hypothesis).

The machine keeps a model: every row of the file after each step of the undo stack
(`history[i]` is what the file must hold at stack index i). Invariants after every
step: positions are 0…n-1 in every container but cells (distinct keys there), no card
sits across two maps, and the undo stack only grows through successful pushes. After
every undo and every redo the file itself, read by a fresh read-only connection, holds
exactly the model's rows at the new index. A rule closes the Document and opens the file
again mid-run: it must hold what the model says, and editing goes on from there (with a
fresh undo stack).
At the end: undoing everything gives back the export at the start of the stack byte
for byte, redoing it all gives the export taken before undoing, and so does the file
once closed and reopened.

Runs 25 examples of up to 30 steps by default; set JOURNEYEDITOR_HYPOTHESIS=thorough
for a longer search (200 × 50).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy.orm.base import instance_state

from journeyeditor.editing import edits, measures
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.operations import row_values
from journeyeditor.editing.rows import record, select_sql
from journeyeditor.measure.funnel import Breakdown, FunnelResult, StageFigures, StageRule
from journeyeditor.measure.sources import BadRows, ColumnMapping, SourceCheck
from journeyeditor.measure.survey import SurveyColumns, SurveyFigures, SurveyResult, Verbatim
from journeyeditor.model import Card, Evidence, Lane, LaneKind
from journeyeditor.model.enums import FIGURE_LANES
from journeyeditor.store import database, interchange, templates

from helpers.projects import (
    Contents,
    document_rows,
    file_contents,
    mixed_cards,
    position_problems,
    table_contents,
)

SURVEY_COLUMNS = (
    SurveyColumns("stage", "nps", "effort", "comment"),
    SurveyColumns("Étape", "Note", "CES", "Verbatim", "Date", "Canal", (0.0, 10.0)),
)
"""Survey mappings an import saves (schema 5), undone and redone with it."""

settings.register_profile(
    "journeyeditor-default",
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "journeyeditor-thorough",
    max_examples=200,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(
    "journeyeditor-" + os.environ.get("JOURNEYEDITOR_HYPOTHESIS", "default")
)

# Any Unicode text but NUL and lone surrogates, which no field may hold (docs/file-format.md).
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=12,
)
KINDS = [kind.value for kind in LaneKind if kind.value not in FIGURE_LANES]
"""Lane kinds that hold cards or a curve (lanes of figures have their own tests)."""


FIGURES = ", ".join(f"'{kind}'" for kind in sorted(FIGURE_LANES))
CARD_HOLDERS = {"stage": "1", "lane": f"kind NOT IN ({FIGURES})"}
"""The rows cards may be put in (lanes of figures come from imports and hold none)."""


@dataclass
class World:
    """The ids of everything in the project, read in a handful of queries."""

    maps: list[int]
    stages: dict[int, list[int]]
    lanes: dict[int, list[int]]
    cards: list[int]
    personas: list[int]
    departments: list[int]

    @classmethod
    def read(cls, document: Document) -> World:
        rows = document_rows(document)

        def ids(table: str) -> list[int]:
            return [row[0] for row in rows(f"SELECT id FROM {table} ORDER BY position, id")]

        def by_map(table: str) -> dict[int, list[int]]:
            grouped: dict[int, list[int]] = {}
            query = f"SELECT map_id, id FROM {table} WHERE {CARD_HOLDERS[table]} ORDER BY position"
            for map_id, row_id in rows(query):
                grouped.setdefault(map_id, []).append(row_id)
            return grouped

        return cls(
            maps=ids("journey_map"),
            stages=by_map("stage"),
            lanes=by_map("lane"),
            cards=[row[0] for row in rows("SELECT id FROM card ORDER BY id")],
            personas=ids("persona"),
            departments=ids("department"),
        )

    def grids(self) -> list[int]:
        """Maps with at least one cell."""
        return [m for m in self.maps if self.stages.get(m) and self.lanes.get(m)]


class DocumentMachine(RuleBasedStateMachine):
    """Pushes random commands built from ids that exist in the Document right now."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="journey-stateful-"))
        self.path = self.folder / "sample.journey"
        plan = templates.template_plan("sample", "en")
        database.create_file(self.path, interchange.populate_from(plan))
        self.errors: list[str] = []
        self.document = self.open_document()
        self.start = self.document.export_json()
        self.history = [self.contents()]
        self._world: World | None = None

    def open_document(self) -> Document:
        document = Document.open(self.path)
        # Durability is the crash test's business; here a sync per step only slows it down.
        document._journey.raw.execute("PRAGMA synchronous = OFF")
        document.errorOccurred.connect(self.errors.append)
        return document

    def contents(self) -> Contents:
        """Every row, read through the Document's own connection."""
        return table_contents(self.document._journey.raw)

    def file_holds(self, expected: Contents, what: str) -> None:
        """The file as another program reads it now holds exactly the model's rows."""
        found = file_contents(self.path)
        changed = [table for table in expected if found.get(table) != expected[table]]
        assert not changed and found.keys() == expected.keys(), (
            f"after {what}, the file differs from the model in {changed}"
        )

    # Helpers

    def world(self) -> World:
        """What exists now, read once per step (the preconditions ask often)."""
        if self._world is None:
            self._world = World.read(self.document)
        return self._world

    def push(self, command: EditCommand, *, may_fail: bool = False) -> None:
        self._world = None
        steps = self.document.stack.index()
        before = len(self.errors)
        pushed = self.document.push(command)
        if not may_fail:
            assert pushed, self.errors[before:]
        if pushed:
            index = self.document.stack.index()
            assert index in (steps, steps + 1)  # merged or new
            del self.history[index:]
            self.history.append(self.contents())
        else:
            assert self.document.stack.index() == steps
            assert len(self.errors) == before + 1

    def pick(self, data: st.DataObject, items: list[int], label: str) -> int:
        return data.draw(st.sampled_from(items), label=label)

    def some(self, data: st.DataObject, items: list[int], label: str) -> list[int]:
        strategy = st.lists(st.sampled_from(items), min_size=1, max_size=3, unique=True)
        return data.draw(strategy, label=label)

    def a_map(self, data: st.DataObject) -> int:
        return self.pick(data, self.world().maps, "map")

    def cards(self) -> list[int]:
        return self.world().cards

    def stages(self) -> list[int]:
        return [s for ids in self.world().stages.values() for s in ids]

    def lanes(self) -> list[int]:
        return [lane for ids in self.world().lanes.values() for lane in ids]

    def has_grid(self) -> bool:
        return bool(self.world().grids())

    def a_cell(self, data: st.DataObject) -> tuple[int, int]:
        world = self.world()
        map_id = self.pick(data, world.grids(), "map")
        stage = self.pick(data, world.stages[map_id], "stage")
        lane = self.pick(data, world.lanes[map_id], "lane")
        return stage, lane

    # Cards

    @precondition(lambda self: self.has_grid())
    @rule(data=st.data(), text=words, index=st.none() | st.integers(0, 6))
    def add_card(self, data: st.DataObject, text: str, index: int | None) -> None:
        self.push(edits.add_card(self.document, *self.a_cell(data), index, text=text))

    @precondition(lambda self: self.has_grid())
    @rule(data=st.data(), lines=st.lists(words, max_size=4), index=st.integers(0, 4))
    def paste(self, data: st.DataObject, lines: list[str], index: int) -> None:
        command = edits.paste_text(self.document, *self.a_cell(data), index, "\n".join(lines))
        if command.operations:
            self.push(command)

    @precondition(lambda self: bool(self.cards()))
    @rule(
        data=st.data(),
        text=words,
        severity=st.none() | st.integers(1, 3),
        votes=st.integers(0, 9),
        evidence=st.sampled_from([e.value for e in Evidence]),
    )
    def edit_card(
        self, data: st.DataObject, text: str, severity: int | None, votes: int, evidence: str
    ) -> None:
        card = self.pick(data, self.cards(), "card")
        self.push(
            edits.edit_card(
                self.document, card, text=text, severity=severity, votes=votes, evidence=evidence
            )
        )

    @precondition(lambda self: bool(self.cards()))
    @rule(data=st.data(), severity=st.sampled_from([0, 4, 9, -1]))
    def edit_card_wrongly(self, data: st.DataObject, severity: int) -> None:
        """The file refuses it: nothing changes and the stack stays as it was."""
        card = self.pick(data, self.cards(), "card")
        before = row_values(self.document.get(Card, card))
        self.push(edits.edit_card(self.document, card, severity=severity), may_fail=True)
        assert row_values(self.document.get(Card, card)) == before

    @precondition(lambda self: bool(self.cards()))
    @rule(data=st.data(), index=st.integers(0, 5))
    def move_cards(self, data: st.DataObject, index: int) -> None:
        chosen = self.some(data, self.cards(), "cards")
        self.push(edits.move_cards(self.document, chosen, *self.a_cell(data), index))

    @precondition(lambda self: bool(self.cards()))
    @rule(data=st.data())
    def delete_cards(self, data: st.DataObject) -> None:
        chosen = self.some(data, self.cards(), "cards")
        self.push(edits.delete_cards(self.document, chosen))

    # Stages and lanes

    @rule(data=st.data(), name=words, index=st.none() | st.integers(0, 8))
    def add_stage(self, data: st.DataObject, name: str, index: int | None) -> None:
        self.push(edits.add_stage(self.document, self.a_map(data), index, name))

    @rule(data=st.data(), kind=st.sampled_from(KINDS), index=st.none() | st.integers(0, 9))
    def add_lane(self, data: st.DataObject, kind: str, index: int | None) -> None:
        self.push(edits.add_lane(self.document, self.a_map(data), kind, index))

    @precondition(lambda self: bool(self.stages()))
    @rule(data=st.data(), index=st.integers(0, 8))
    def move_stage(self, data: st.DataObject, index: int) -> None:
        stage = self.pick(data, self.stages(), "stage")
        self.push(edits.move_stage(self.document, stage, index))

    @precondition(lambda self: bool(self.lanes()))
    @rule(data=st.data(), index=st.integers(0, 9))
    def move_lane(self, data: st.DataObject, index: int) -> None:
        lane = self.pick(data, self.lanes(), "lane")
        self.push(edits.move_lane(self.document, lane, index))

    @precondition(lambda self: bool(self.stages()))
    @rule(data=st.data(), width=st.floats(20, 900), merge=st.booleans())
    def resize_stage(self, data: st.DataObject, width: float, merge: bool) -> None:
        stage = self.pick(data, self.stages(), "stage")
        self.push(edits.edit_stage(self.document, stage, merge, width=width))

    @precondition(lambda self: bool(self.lanes()))
    @rule(data=st.data(), name=words, color=st.sampled_from(["#000000", "#ffeedd"]))
    def edit_lane(self, data: st.DataObject, name: str, color: str) -> None:
        lane = self.pick(data, self.lanes(), "lane")
        self.push(edits.edit_lane(self.document, lane, name=name, color=color))

    @precondition(lambda self: bool(self.stages()))
    @rule(data=st.data())
    def delete_stage(self, data: st.DataObject) -> None:
        stage = self.pick(data, self.stages(), "stage")
        self.push(edits.delete_stage(self.document, stage))

    @precondition(lambda self: bool(self.lanes()))
    @rule(data=st.data())
    def delete_lane(self, data: st.DataObject) -> None:
        lane = self.pick(data, self.lanes(), "lane")
        self.push(edits.delete_lane(self.document, lane))

    # Emotions

    @precondition(lambda self: self.has_grid())
    @rule(data=st.data(), value=st.integers(-4, 4), merge=st.booleans(), note=st.none() | words)
    def set_emotion(self, data: st.DataObject, value: int, merge: bool, note: str | None) -> None:
        stage, lane = self.a_cell(data)
        row = self.document.get(Lane, lane)
        if row is None or row.kind != LaneKind.EMOTION.value:
            with pytest.raises(ValueError, match="not an emotion lane"):
                edits.set_emotion(self.document, lane, stage, value, note, merge)
            return
        self.push(edits.set_emotion(self.document, lane, stage, value, note, merge))

    # Measurements

    @precondition(lambda self: self.has_grid())
    @rule(data=st.data(), minute=st.integers(0, 59), segmented=st.booleans())
    def import_funnel(self, data: st.DataObject, minute: int, segmented: bool) -> None:
        map_id = self.pick(data, self.world().grids(), "map")
        stages = data.draw(
            st.lists(
                st.sampled_from(self.world().stages[map_id]), min_size=1, max_size=3, unique=True
            ),
            label="stages",
        )
        cards = [c.id for c in self.document.cards(map_id) if c.stage_id == stages[0]]
        rules = tuple(
            StageRule(str(stage), ("ev*",), tuple(str(c) for c in cards[:1]) if n == 0 else ())
            for n, stage in enumerate(stages)
        )

        def group(column: str | None, value: str | None, size: int) -> Breakdown:
            figures = tuple(
                StageFigures(
                    str(stage),
                    size - n,
                    size - n + 1 if n else None,
                    size - n if n else None,
                    0,
                    0,
                    0,
                    None,
                    None,
                )
                for n, stage in enumerate(stages)
            )
            return Breakdown(column, value, size, figures)

        segments = (group("channel", "web", 5), group("channel", None, 4)) if segmented else ()
        result = FunnelResult(rules, group(None, None, 9), segments)
        columns = ColumnMapping("c", "t", "e", ("channel",) if segmented else ())
        stamp = f"2026-11-30T09:{minute:02d}:00Z"
        self.push(measures.apply_funnel(self.document, map_id, result, columns, "e.csv", stamp))

    @precondition(lambda self: self.has_grid())
    @rule(
        data=st.data(),
        said=st.lists(words, max_size=3),
        columns=st.none() | st.sampled_from(SURVEY_COLUMNS),
    )
    def import_survey(
        self, data: st.DataObject, said: list[str], columns: SurveyColumns | None
    ) -> None:
        map_id = self.pick(data, self.world().grids(), "map")
        stage = str(self.pick(data, self.world().stages[map_id], "stage"))
        figures = (SurveyFigures(stage, None, 3, 1, 1, 1, 2, 2.5),)
        verbatims = tuple(Verbatim(stage, text, None, None, n + 2) for n, text in enumerate(said))
        result = SurveyResult(figures, verbatims, SourceCheck(3, 3, BadRows()))
        stamp = "2026-11-30T10:00:00Z"
        command = measures.apply_survey(
            self.document, map_id, result, "s.csv", stamp, columns=columns
        )
        self.push(command)

    # Maps

    @rule(
        name=words,
        stages=st.lists(words, max_size=3),
        lanes=st.lists(st.tuples(words, st.sampled_from(KINDS)), max_size=3),
    )
    def add_map(self, name: str, stages: list[str], lanes: list[tuple[str, str]]) -> None:
        self.push(edits.add_map(self.document, name, stages, lanes))

    @rule(data=st.data(), name=words, state=st.none() | st.sampled_from(["current", "ideal"]))
    def duplicate_map(self, data: st.DataObject, name: str, state: str | None) -> None:
        self.push(edits.duplicate_map(self.document, self.a_map(data), name, state))

    @rule(data=st.data(), index=st.integers(0, 7))
    def move_map(self, data: st.DataObject, index: int) -> None:
        self.push(edits.move_map(self.document, self.a_map(data), index))

    @precondition(lambda self: len(self.world().maps) > 1)
    @rule(data=st.data())
    def delete_map(self, data: st.DataObject) -> None:
        self.push(edits.delete_map(self.document, self.a_map(data)))

    # Personas, departments, project, snapshots

    @rule(name=words, age=st.none() | st.integers(0, 120))
    def add_persona(self, name: str, age: int | None) -> None:
        self.push(edits.add_persona(self.document, name=name, age=age))

    @precondition(lambda self: bool(self.world().personas))
    @rule(data=st.data(), quote=words)
    def edit_persona(self, data: st.DataObject, quote: str) -> None:
        persona = self.pick(data, self.world().personas, "persona")
        self.push(edits.edit_persona(self.document, persona, quote=quote))

    @precondition(lambda self: bool(self.world().personas))
    @rule(data=st.data())
    def delete_persona(self, data: st.DataObject) -> None:
        persona = self.pick(data, self.world().personas, "persona")
        self.push(edits.delete_persona(self.document, persona))

    @rule(name=words)
    def add_department(self, name: str) -> None:
        self.push(edits.add_department(self.document, name, "#336699"))

    @precondition(lambda self: bool(self.world().departments))
    @rule(data=st.data())
    def delete_department(self, data: st.DataObject) -> None:
        department = self.pick(data, self.world().departments, "department")
        self.push(edits.delete_department(self.document, department))

    @rule(name=words)
    def edit_project(self, name: str) -> None:
        self.push(edits.edit_project(self.document, name=name))

    @rule(name=words)
    def take_snapshot(self, name: str) -> None:
        self.push(edits.take_snapshot(self.document, name))

    # Undo and redo

    @precondition(lambda self: self.document.stack.canUndo())
    @rule(times=st.integers(1, 3))
    def undo(self, times: int) -> None:
        for _ in range(times):
            if self.document.stack.canUndo():
                self._world = None
                index = self.document.stack.index()
                self.document.undo()
                assert self.document.stack.index() == index - 1
                self.file_holds(self.history[index - 1], f"undo to step {index - 1}")

    @precondition(lambda self: self.document.stack.canRedo())
    @rule(times=st.integers(1, 3))
    def redo(self, times: int) -> None:
        for _ in range(times):
            if self.document.stack.canRedo():
                self._world = None
                index = self.document.stack.index()
                self.document.redo()
                assert self.document.stack.index() == index + 1
                self.file_holds(self.history[index + 1], f"redo to step {index + 1}")

    @rule()
    def close_and_reopen(self) -> None:
        """Quit and open the file again: it holds the model's state; the stack starts anew."""
        expected = self.history[self.document.stack.index()]
        self.document.close()
        self.file_holds(expected, "closing")
        self._world = None
        self.document = self.open_document()
        assert self.contents() == expected
        self.start = self.document.export_json()
        self.history = [expected]

    # Invariants

    @invariant()
    def positions_keep_order(self) -> None:
        rows = document_rows(self.document)
        assert position_problems(rows) == []
        assert mixed_cards(rows) == 0

    @invariant()
    def held_rows_are_the_files(self) -> None:
        """Every object the session holds and answers `get` with unread (not expired) is
        the file's row: edits write through the driver and settle what the session holds."""
        held: list[Any] = list(self.document.session.identity_map.values())
        raw = self.document._journey.raw
        for row in held:
            state = instance_state(row)
            if state.expired_attributes:
                continue
            entity: type = type(row)
            found = raw.execute(select_sql(entity) + "id = ?", (row.id,)).fetchone()
            assert found is not None, f"{entity.__name__} {row.id} is held but gone from the file"
            stored = record(entity, found)._asdict()
            assert {key: getattr(row, key) for key in stored} == stored, entity.__name__

    def teardown(self) -> None:
        try:
            assert not self.errors or all("breaks a rule" in e for e in self.errors), self.errors
            document = self.document
            reached = document.export_json()
            index = document.stack.index()
            while document.stack.canUndo():
                document.undo()
            assert document.stack.index() == 0, "every step undoes"
            assert document.export_json() == self.start
            for _ in range(index):
                document.redo()
            assert document.stack.index() == index
            assert document.export_json() == reached
            document.close()
            self.document = Document.open(self.path)
            assert self.document.export_json() == reached
            assert database.check_file(self.path) == []
        finally:
            self.document.close()
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.mark.slow
def test_random_edits_undo_and_redo(qapp: Any) -> None:
    del qapp
    run_state_machine_as_test(DocumentMachine, settings=PROFILE)
