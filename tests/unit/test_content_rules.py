"""The content rules hold for edits too: no edit can write what opening would refuse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, Stage, limits
from journeyeditor.store import content, database, interchange, templates

from helpers.projects import export_file


@pytest.mark.parametrize(
    "changes",
    [
        {"text": "x" * (limits.TEXT_MAX_CHARS + 1)},
        {"text": "lone \ud800 surrogate"},
        {"owner": "o" * (limits.NAME_MAX_CHARS + 1)},
        {"color": "red"},
        {"value": float("inf")},
        {"votes": limits.VOTES_MAX + 1},
        {"channel": "carrier pigeon"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_edit_beyond_the_rules_is_refused(
    document: Document, errors: list[str], changes: dict[str, object]
) -> None:
    card = document.cards(document.maps()[0].id)[0]
    before = export_file(document.path)
    assert not document.push(edits.edit_card(document, card.id, **changes))
    assert export_file(document.path) == before
    assert document.stack.count() == 0
    assert len(errors) == 1 and "breaks a rule" in errors[0], errors
    assert document.get(Card, card.id).text == card.text  # type: ignore[union-attr]


def test_resizes_are_held_within_the_limits(document: Document, sample_file: Path) -> None:
    stage = document.stages(document.maps()[0].id)[0]
    assert document.push(edits.edit_stage(document, stage.id, width=1e9))
    assert document.get(Stage, stage.id).width == limits.STAGE_WIDTH_RANGE[1]  # type: ignore[union-attr]
    assert document.push(edits.edit_stage(document, stage.id, width=1))
    assert document.get(Stage, stage.id).width == limits.STAGE_WIDTH_RANGE[0]  # type: ignore[union-attr]
    assert database.check_file(sample_file) == []


def test_text_at_the_limit_is_fine_and_reopens(document: Document, sample_file: Path) -> None:
    card = document.cards(document.maps()[0].id)[0]
    assert document.push(edits.edit_card(document, card.id, text="y" * limits.TEXT_MAX_CHARS))
    assert database.check_file(sample_file) == []


def test_adding_past_a_count_limit_is_refused(
    document: Document, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    map_id = document.maps()[0].id
    cards = len(document.cards(map_id))
    what, sql, _most = content.COUNTS["card"]
    monkeypatch.setitem(content.COUNTS, "card", (what, sql, cards))
    stage = document.stages(map_id)[0]
    lane = document.lanes(map_id)[0]
    assert not document.push(edits.add_card(document, stage.id, lane.id, text="one too many"))
    assert len(errors) == 1 and "more than" in errors[0]
    other_map = document.maps()[1].id
    other_stage, other_lane = document.stages(other_map)[0], document.lanes(other_map)[0]
    assert document.push(edits.add_card(document, other_stage.id, other_lane.id, text="fine"))


def test_check_rows_binds_ids_in_chunks(tmp_path: Path) -> None:
    """A bulk edit's 40,000 rows are checked under SQLite's default limit of 32,766 bound
    parameters (this build allows more: the limit is set to the default here)."""
    path = tmp_path / "many.journey"
    database.create_file(path, interchange.populate_from(templates.template_plan("sample", "en")))
    raw = sqlite3.connect(path)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32766)
    content.install(raw)
    ids = list(range(1, 40_001))
    content.check_rows(content.sqlite_execute(raw), {"card": ids}, {"card": ids})
    raw.close()
