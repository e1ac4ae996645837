"""What travels by drag and drop and the clipboard: palette items and copied cards."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QMimeData

PALETTE = "application/x-journeyeditor-palette"
CARDS = "application/x-journeyeditor-cards"
COPIED_FIELDS = (
    "text",
    "color",
    "channel",
    "owned",
    "severity",
    "owner",
    "priority",
    "value",
    "unit",
    "target",
    "direction",
    "target_low",
    "baseline",
    "period",
    "department_id",
    "votes",
    "evidence",
    "image_id",
)


@dataclass(frozen=True)
class PaletteItem:
    """What the palette offers: a card with preset fields, a lane of a kind, or a stage."""

    what: str
    kind: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    def mime(self) -> QMimeData:
        data = QMimeData()
        payload = {"what": self.what, "kind": self.kind, "fields": self.fields}
        data.setData(PALETTE, json.dumps(payload).encode("utf-8"))
        return data


def palette_item(data: QMimeData) -> PaletteItem | None:
    """The palette item carried by `data`, or None for anything else or malformed."""
    if not data.hasFormat(PALETTE):
        return None
    try:
        payload = json.loads(bytes(data.data(PALETTE).data()).decode("utf-8"))
        what, kind, fields = payload["what"], payload.get("kind", ""), payload.get("fields", {})
    except (ValueError, KeyError, TypeError):
        return None
    if what not in ("card", "lane", "stage") or not isinstance(fields, dict):
        return None
    allowed = {key: value for key, value in fields.items() if key in COPIED_FIELDS}
    return PaletteItem(str(what), str(kind), allowed)


def cards_mime(cards: list[dict[str, Any]]) -> QMimeData:
    """Copied cards: their fields for pasting here, and their text for anywhere else."""
    data = QMimeData()
    data.setData(CARDS, json.dumps(cards).encode("utf-8"))
    data.setText("\n".join(str(card.get("text", "")) for card in cards))
    return data


def copied_cards(data: QMimeData) -> list[dict[str, Any]] | None:
    if not data.hasFormat(CARDS):
        return None
    try:
        cards = json.loads(bytes(data.data(CARDS).data()).decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(cards, list):
        return None
    return [
        {key: value for key, value in card.items() if key in COPIED_FIELDS}
        for card in cards
        if isinstance(card, dict)
    ]
