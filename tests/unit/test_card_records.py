"""The canvas reads a map's cards as plain rows, by position: the records it builds are
the very records the ORM path (exports, single-card updates) builds, value and type."""

from __future__ import annotations

from dataclasses import fields

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Card, Department
from journeyeditor.render.content import CARD_COLUMNS, card_in, cards_in, department_table
from journeyeditor.render.layout import CardIn


def typed(card: CardIn) -> list[tuple[str, type, object]]:
    """Every field with its type: 1 == True, but drawing tells True from 1 and 0 from False."""
    return [(f.name, type(getattr(card, f.name)), getattr(card, f.name)) for f in fields(card)]


def test_records_read_by_position_equal_those_of_the_cards(document: Document) -> None:
    department = document.departments()[0] if document.departments() else None
    assert department is not None and isinstance(department, Department)
    for journey_map in document.maps():
        cards = document.cards(journey_map.id)
        for index, card in enumerate(cards):
            flag = (True, False, None)[index % 3]
            changes = {"owned": flag, "department_id": department.id if index % 2 else None}
            document.push(edits.edit_card(document, card.id, **changes))
    departments = department_table(document)
    checked = 0
    for journey_map in document.maps():
        by_rows = cards_in(document.card_rows(journey_map.id, CARD_COLUMNS), departments)
        by_cards = {c.id: card_in(c, departments) for c in document.cards(journey_map.id)}
        assert list(by_rows) == list(by_cards)
        for card_id, record in by_cards.items():
            assert typed(by_rows[card_id]) == typed(record)
            checked += 1
    assert checked > 10
    flags = {record.owned for record in by_rows.values()}
    assert flags == {True, False, None}
    assert any(record.department is not None for record in by_rows.values())


def test_card_columns_are_columns_of_a_card() -> None:
    assert set(CARD_COLUMNS) <= set(Card.__table__.c.keys())
    assert CARD_COLUMNS[0] == "id"
