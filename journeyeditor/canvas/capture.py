"""Quick capture: typing new cards straight into a cell, one after another.

A new card is only typed text until it is committed, so each card is one undo step (the
card with its text, stamped with the workshop's department and participant), never an
empty card followed by an edit. Enter commits and opens the next card just below, in
the same cell, until Escape. What ends the chain never loses words: Escape, or clicking
elsewhere, commits what was typed (Undo takes it back in one step); an empty new card
leaves neither a card nor a step behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF

from journeyeditor.canvas.gestures import slot_y
from journeyeditor.canvas.inline_editor import InlineEditor
from journeyeditor.editing import edits
from journeyeditor.model import Lane, Stage

if TYPE_CHECKING:
    from journeyeditor.canvas.scene import MapScene


class QuickCapture:
    """Opens the in-place editor of a card that does not exist yet, and writes it."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.editor: InlineEditor | None = None

    def start(self, stage_id: int, lane_id: int, index: int | None = None) -> bool:
        """Type a new card into the cell at `index` (the end when None)."""
        scene, view, layout = self.scene, self.scene.view(), self.scene.layout
        cell = layout.cells.get((stage_id, lane_id)) if layout else None
        if view is None or cell is None or scene.document.read_only:
            return False
        if not scene.holds_cards(lane_id):
            return False
        if index is None:
            index = len(cell.card_ids)
        style = scene.map_style
        y = slot_y(scene, cell, index) + style.card_gap / 2
        height = style.text_size * 3.2
        rect = QRectF(
            cell.rect.x + style.cell_padding, y, cell.rect.w - 2 * style.cell_padding, height
        )
        scene.bring_into_view(rect, 20, 20)
        scene.set_current_cell((stage_id, lane_id))
        editor: InlineEditor | None = None

        def commit(text: str) -> None:
            assert editor is not None
            self._finished(editor, text, stage_id, lane_id, index)

        editor = InlineEditor(view, rect, "", style.text_size, commit, escape_saves=True)
        editor.setPlaceholderText(
            QCoreApplication.translate("Canvas", "New card: Enter adds it and opens the next")
        )
        self.editor = editor
        return True

    def _finished(
        self, editor: InlineEditor, text: str, stage_id: int, lane_id: int, index: int
    ) -> None:
        """Write the card if anything was typed; after Enter, open the next one below."""
        if self.editor is editor:
            self.editor = None
        text = text.strip()
        written = bool(text) and self._write(stage_id, lane_id, index, text)
        view = self.scene.view()
        if written and editor.ended_by == "enter":
            self.start(stage_id, lane_id, index + 1)
        elif editor.ended_by != "focus" and view is not None:
            view.setFocus()

    def _write(self, stage_id: int, lane_id: int, index: int, text: str) -> bool:
        document = self.scene.document
        if document.get(Stage, stage_id) is None or document.get(Lane, lane_id) is None:
            return False  # the cell went away while the card was being typed
        index = min(index, len(document.cell_ids(stage_id, lane_id)))
        fields = self.scene.stamped({"text": text})
        return document.push(edits.add_card(document, stage_id, lane_id, index, **fields))
