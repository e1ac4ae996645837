"""The side panel listing the project's personas: add, edit, delete.

A persona belongs to the project, not to a map: maps refer to it, and deleting it
leaves those maps in place, drawn for no one in particular.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, SignalInstance
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document, image_bytes
from journeyeditor.model import Persona
from journeyeditor.ui.follow import FollowingPanel
from journeyeditor.ui.id_list import button_row, current_id, select_id
from journeyeditor.ui.persona_dialog import PersonaDialog, photo_pixmap

ICON_SIZE = QSize(32, 32)


def initials(name: str, size: QSize) -> QPixmap:
    """A round badge with the first letter of `name`, for a persona without a photo."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c9d3e3"))
    painter.drawEllipse(pixmap.rect().adjusted(1, 1, -1, -1))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(size.height() // 2)
    painter.setFont(font)
    painter.setPen(QColor("#3a3f4b"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, name[:1].upper())
    painter.end()
    return pixmap


class PersonasPanel(FollowingPanel):
    """Lists personas in project order, each with its photo, name and role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("personaList")
        self.list.setIconSize(ICON_SIZE)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_current())
        self.list.currentItemChanged.connect(lambda *_items: self._update_buttons())
        self.buttons, row = button_row(
            self,
            "personaList",
            (
                ("add", "+", self.tr("Add a persona")),
                ("edit", "✎", self.tr("Edit persona")),
                ("delete", "−", self.tr("Delete persona")),
            ),
        )
        self.buttons["add"].clicked.connect(self.add_persona)
        self.buttons["edit"].clicked.connect(self.edit_current)
        self.buttons["delete"].clicked.connect(self.delete_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._update_buttons()

    @staticmethod
    def _signals(document: Document) -> list[SignalInstance]:
        return [
            document.personaAdded,
            document.personaRemoved,
            document.personaChanged,
            document.personasReordered,
        ]

    def current_persona(self) -> int | None:
        return current_id(self.list)

    def select_persona(self, persona_id: int) -> None:
        select_id(self.list, persona_id)

    def _refresh(self, *_ids: int) -> None:
        assert self.document is not None
        current = self.current_persona()
        self.list.clear()
        for persona in self.document.personas():
            name = persona.name or self.tr("(unnamed persona)")
            item = QListWidgetItem(f"{name}\n{persona.role}" if persona.role else name)
            item.setToolTip(persona.quote)
            photo = photo_pixmap(image_bytes(self.document, persona.photo_image_id), ICON_SIZE)
            item.setIcon(QIcon(photo or initials(name, ICON_SIZE)))
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            self.list.addItem(item)
        if current is not None:
            self.select_persona(current)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_persona() is not None
        self.buttons["add"].setEnabled(self.document is not None)
        self.buttons["edit"].setEnabled(chosen)
        self.buttons["delete"].setEnabled(chosen)

    def add_persona(self) -> None:
        """Create a persona and open it; cancelling the dialog takes the creation back."""
        if self.document is None:
            return
        if not self.document.push(edits.add_persona(self.document)):
            return
        added = self.document.stack.index()
        persona = self.document.personas()[-1]
        self.select_persona(persona.id)
        if not self._edit(persona.id) and self.document.stack.index() == added:
            self.document.undo()

    def edit_current(self) -> None:
        persona_id = self.current_persona()
        if persona_id is not None:
            self._edit(persona_id)

    def _edit(self, persona_id: int) -> bool:
        assert self.document is not None
        dialog = PersonaDialog(self.document, persona_id, self)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()  # else it outlived its use, holding the project it edited

    def delete_current(self) -> None:
        persona_id = self.current_persona()
        if self.document is None or persona_id is None:
            return
        persona = self.document.get(Persona, persona_id)
        name = persona.name if persona else ""
        answer = QMessageBox.question(
            self,
            self.tr("Delete persona"),
            self.tr(
                "Delete the persona “{0}”? Maps drawn for this persona keep existing, "
                "for no one in particular. You can undo it."
            ).format(name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.document.push(edits.delete_persona(self.document, persona_id))
