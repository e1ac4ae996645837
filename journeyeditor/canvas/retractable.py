"""A new card that Escape takes back without a trace: no card and no step left to redo."""

from __future__ import annotations

from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.model import Card


class Retractable(EditCommand):
    """Creates cards like the command it wraps; once `retract`ed, its undo also drops it
    from the undo stack (Qt deletes a command that is obsolete after being undone).

    It only drops itself when the undo really removed its cards, so a file that refused
    the undo keeps a stack that matches it.
    """

    def __init__(self, document: Document, command: EditCommand) -> None:
        super().__init__(document, command.text(), command.operations)
        self.retract = False

    def card_ids(self) -> list[int]:
        return [op.values["id"] for op in self.operations]  # type: ignore[attr-defined]

    def undo(self) -> None:
        super().undo()
        if self.retract and all(self.document.get(Card, i) is None for i in self.card_ids()):
            self.setObsolete(True)

    def take_back(self) -> bool:
        """Undo this command if it is still the last step, leaving nothing to redo."""
        stack = self.document.stack
        if stack.index() != stack.count() or stack.command(stack.index() - 1) is not self:
            return False
        self.retract = True
        self.document.undo()
        return True
