"""Which cards stand out: the view filter (fade the rest) and find (highlight matches).

A view setting, never an edit: nothing here reaches the file or the undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyeditor.render.layout import CardIn


def _folded(text: str) -> str:
    return text.casefold()


def text_matches(card: CardIn, text: str) -> bool:
    """Case-insensitive search in everything a card shows as words."""
    needle = _folded(text.strip())
    if not needle:
        return False
    haystack = " ".join(
        part
        for part in (card.text, card.owner or "", card.unit or "", card.department or "")
        if part
    )
    return needle in _folded(haystack)


@dataclass(frozen=True)
class ViewFilter:
    """Keep one evidence level, one department and/or a search text; fade the others."""

    evidence: str | None = None
    department_id: int | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.evidence or self.department_id or self.text.strip())

    def keeps(self, card: CardIn) -> bool:
        if self.evidence and card.evidence != self.evidence:
            return False
        if self.department_id and card.department_id != self.department_id:
            return False
        return not self.text.strip() or text_matches(card, self.text)
