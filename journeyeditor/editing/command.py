"""EditCommand: one undo step, made of row operations run in one transaction."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from journeyeditor.editing.operations import Operation, Update

if TYPE_CHECKING:
    from journeyeditor.editing.document import Document

MERGEABLE = 1


class EditCommand(QUndoCommand):
    """An undoable edit. `merge_key` lets repeated nudges of one thing fold into one step."""

    def __init__(
        self,
        document: Document,
        text: str,
        operations: Sequence[Operation],
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.operations = list(operations)
        self.merge_key = merge_key
        self.skip_next = False

    def id(self) -> int:
        return MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold a later change of the same fields of the same rows into this step."""
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        if len(other.operations) != len(self.operations):
            return False
        pairs = list(zip(self.operations, other.operations, strict=True))
        if not all(
            isinstance(a, Update)
            and isinstance(b, Update)
            and (a.entity, a.id, set(a.after)) == (b.entity, b.id, set(b.after))
            for a, b in pairs
        ):
            return False
        for mine, theirs in pairs:
            assert isinstance(mine, Update) and isinstance(theirs, Update)
            mine.after = {**mine.after, **theirs.after}
        return True

    def redo(self) -> None:
        if self.skip_next:
            self.skip_next = False
            return
        self.document.run_from_stack(self.operations, forward=True)

    def undo(self) -> None:
        if self.skip_next:
            self.skip_next = False
            return
        self.document.run_from_stack(self.operations, forward=False)
