"""The side panel of a workshop's departments and participants.

Departments and participants belong to the project: cards name the department (and the
person) that said them. Every change here is one step on the Document's undo stack, and
both lists are rebuilt from the Document's signals, so undo, redo and another program's
changes show the same way as the panel's own. Fields edit only on a person's own action
(`fields.py`): showing a department or participant never pushes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QSignalBlocker, QSize, Qt, SignalInstance
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.model import Department, Participant
from journeyeditor.model.limits import MAX_DEPARTMENTS, MAX_PARTICIPANTS, NAME_MAX_CHARS
from journeyeditor.render import fonts
from journeyeditor.render.departments import tag_shapes, tag_width
from journeyeditor.render.layout import STYLE
from journeyeditor.render.qt_painter import paint
from journeyeditor.ui.fields import Choice, ColorButton, Option, TextLine
from journeyeditor.ui.follow import FollowingPanel
from journeyeditor.ui.id_list import button_row, current_id, select_id

TAG_ICON = QSize(36, int(STYLE.tag_height) + 2)
Row = TypeVar("Row", Department, Participant)
COLORS = ("#2f6fdb", "#d64545", "#2f9e5b", "#e08a1e", "#7a5cc7", "#0f9ba8", "#c2477e", "#6b7280")
"""New departments take the first of these no department has yet, so tags differ."""


def tag_icon(name: str, color: str) -> QIcon:
    """The department's tag as cards show it, for lists and combos."""
    measure = fonts.metrics().width
    width, height = TAG_ICON.width(), TAG_ICON.height()
    pixmap = QPixmap(width * 2, height * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x = max(0.0, (width - tag_width(name, measure)) / 2)
    paint(painter, tag_shapes(name, color, x, 1, measure))
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the tag's own colours on a chosen row
    return icon


def next_color(used: set[str]) -> str:
    taken = {color.lower() for color in used}
    return next((c for c in COLORS if c not in taken), COLORS[len(used) % len(COLORS)])


class RowList(QWidget):
    """A list of database rows with the buttons add, move up, move down and delete."""

    def __init__(self, name: str, tips: tuple[str, str, str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName(name)
        self.list.setIconSize(TAG_ICON)
        keys = zip(("add", "up", "down", "delete"), "+↑↓−", tips, strict=True)
        self.buttons, row = button_row(self, name, list(keys))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def current(self) -> int | None:
        return current_id(self.list)

    def fill(self, rows: list[tuple[int, str, QIcon | None, str]]) -> None:
        """Show (id, text, icon, tooltip) rows, keeping the current row when it remains."""
        current = self.current()
        with QSignalBlocker(self.list):
            self.list.clear()
            for row_id, text, icon, tip in rows:
                item = QListWidgetItem(text)
                if icon is not None:
                    item.setIcon(icon)
                item.setToolTip(tip)
                item.setData(Qt.ItemDataRole.UserRole, row_id)
                self.list.addItem(item)
            if current is not None:
                select_id(self.list, current)

    def update_buttons(self, can_add: bool) -> None:
        row, count = self.list.currentRow(), self.list.count()
        chosen = self.current() is not None
        self.buttons["add"].setEnabled(can_add)
        self.buttons["up"].setEnabled(chosen and row > 0)
        self.buttons["down"].setEnabled(chosen and row < count - 1)
        self.buttons["delete"].setEnabled(chosen)


class DepartmentsPanel(FollowingPanel):
    """Departments (tag, name, colour, order) and participants (name, department, order)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.departments = RowList(
            "departmentList",
            (
                self.tr("Add a department"),
                self.tr("Move department up"),
                self.tr("Move department down"),
                self.tr("Delete department"),
            ),
            self,
        )
        self.department_name = TextLine(parent=self)
        self.department_name.setObjectName("departmentName")
        self.department_name.setMaxLength(NAME_MAX_CHARS)
        self.department_color = ColorButton(parent=self)
        self.department_color.setObjectName("departmentColor")
        self.participants = RowList(
            "participantList",
            (
                self.tr("Add a participant"),
                self.tr("Move participant up"),
                self.tr("Move participant down"),
                self.tr("Delete participant"),
            ),
            self,
        )
        self.participant_name = TextLine(parent=self)
        self.participant_name.setObjectName("participantName")
        self.participant_name.setMaxLength(NAME_MAX_CHARS)
        self.participant_department = Choice(parent=self)
        self.participant_department.setIconSize(TAG_ICON)
        self.participant_department.setObjectName("participantDepartment")
        self._shown_department: int | None = None
        self._shown_participant: int | None = None
        self._build()
        self._connect()
        self._load_forms()

    def _build(self) -> None:
        departments = QGroupBox(self.tr("Departments"), self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.department_name)
        form.addRow(self.tr("Colour"), self.department_color)
        box = QVBoxLayout(departments)
        box.addWidget(self.departments)
        box.addLayout(form)
        participants = QGroupBox(self.tr("Participants"), self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.participant_name)
        form.addRow(self.tr("Department"), self.participant_department)
        box = QVBoxLayout(participants)
        box.addWidget(self.participants)
        box.addLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(departments)
        layout.addWidget(participants)

    def _connect(self) -> None:
        actions: list[tuple[SignalInstance, Callable[[], object]]] = [
            (self.departments.buttons["add"].clicked, self.add_department),
            (self.departments.buttons["up"].clicked, lambda: self._move_department(-1)),
            (self.departments.buttons["down"].clicked, lambda: self._move_department(1)),
            (self.departments.buttons["delete"].clicked, self.delete_department),
            (self.department_name.committed, self._rename_department),
            (self.department_color.committed, self._recolour_department),
            (self.participants.buttons["add"].clicked, self.add_participant),
            (self.participants.buttons["up"].clicked, lambda: self._move_participant(-1)),
            (self.participants.buttons["down"].clicked, lambda: self._move_participant(1)),
            (self.participants.buttons["delete"].clicked, self.delete_participant),
            (self.participant_name.committed, self._rename_participant),
            (self.participant_department.committed, self._reassign_participant),
        ]
        for signal, slot in actions:
            signal.connect(slot)
        for rows in (self.departments, self.participants):
            rows.list.currentItemChanged.connect(lambda *_items: self._load_forms())

    @staticmethod
    def _signals(document: Document) -> list[SignalInstance]:
        """Another program's change comes as departmentsReordered and participantsChanged."""
        return [
            document.departmentAdded,
            document.departmentRemoved,
            document.departmentChanged,
            document.departmentsReordered,
            document.participantsChanged,
        ]

    # Showing

    def current_department(self) -> int | None:
        return self.departments.current()

    def current_participant(self) -> int | None:
        return self.participants.current()

    def _refresh(self, *_ids: int) -> None:
        """Both lists and forms again as the file holds them (cheap: a workshop is small)."""
        assert self.document is not None
        departments = self.document.departments()
        names = {d.id: d.name or self.tr("(unnamed department)") for d in departments}
        self.departments.fill(
            [(d.id, names[d.id], tag_icon(d.name, d.color), d.color) for d in departments]
        )
        options: list[Option] = [(self.tr("(no department)"), None, None)]
        options += [(names[d.id], d.id, tag_icon(d.name, d.color)) for d in departments]
        self.participant_department.set_options(options)
        rows: list[tuple[int, str, QIcon | None, str]] = []
        for person in self.document.participants():
            department = names.get(person.department_id or 0)
            name = person.name or self.tr("(unnamed participant)")
            text = f"{name} — {department}" if department is not None else name
            rows.append((person.id, text, None, department or ""))
        self.participants.fill(rows)
        self._load_forms()

    def _load_forms(self) -> None:
        """Show the current rows in the fields; never an edit (set_value only)."""
        department = self._row(Department, self.current_department())
        self._shown_department = department.id if department else None
        self.department_name.set_value(department.name if department else "")
        self.department_color.set_value(department.color if department else None)
        self.department_name.setEnabled(department is not None)
        self.department_color.setEnabled(department is not None)
        person = self._row(Participant, self.current_participant())
        self._shown_participant = person.id if person else None
        self.participant_name.set_value(person.name if person else "")
        self.participant_department.set_value(person.department_id if person else None)
        self.participant_name.setEnabled(person is not None)
        self.participant_department.setEnabled(person is not None)
        document = self.document
        self.departments.update_buttons(
            document is not None and len(document.departments()) < MAX_DEPARTMENTS
        )
        self.participants.update_buttons(
            document is not None and len(document.participants()) < MAX_PARTICIPANTS
        )

    def _row(self, kind: type[Row], row_id: int | None) -> Row | None:
        return None if self.document is None else self.document.get(kind, row_id)

    def _push(self, command: EditCommand) -> bool:
        return self.document is not None and self.document.push(command)

    # Departments

    def add_department(self) -> None:
        """A new department in a colour not yet taken; its name is ready to type."""
        if self.document is None:
            return
        used = {d.color for d in self.document.departments()}
        name = self.tr("New department")
        if self._push(edits.add_department(self.document, name, next_color(used))):
            select_id(self.departments.list, self.document.departments()[-1].id)
            self.department_name.setFocus()
            self.department_name.selectAll()

    def _rename_department(self) -> None:
        department = self._row(Department, self._shown_department)
        name = (self.department_name.value() or "").strip()
        if self.document is None or department is None:
            return
        if not name:
            self.department_name.set_value(department.name)
        elif name != department.name:
            self._push(edits.edit_department(self.document, department.id, name=name))

    def _recolour_department(self) -> None:
        department = self._row(Department, self._shown_department)
        color = self.department_color.value()
        if self.document is None or department is None or not isinstance(color, str):
            return
        if color != department.color:
            self._push(edits.edit_department(self.document, department.id, color=color))

    def _move_department(self, step: int) -> None:
        department = self._row(Department, self.current_department())
        if self.document is not None and department is not None:
            self._push(
                edits.move_department(self.document, department.id, department.position + step)
            )

    def delete_department(self) -> None:
        """Delete the current department; its cards and participants stay, unattributed."""
        department = self._row(Department, self.current_department())
        if self.document is None or department is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete department"),
            self.tr(
                "Delete the department “{0}”? Its cards and participants stay, "
                "with no department. You can undo it."
            ).format(department.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(edits.delete_department(self.document, department.id))

    # Participants

    def add_participant(self) -> None:
        """A new participant of the current department; their name is ready to type."""
        if self.document is None:
            return
        name = self.tr("New participant")
        department = self.current_department()
        if self._push(edits.add_participant(self.document, name, department)):
            select_id(self.participants.list, self.document.participants()[-1].id)
            self.participant_name.setFocus()
            self.participant_name.selectAll()

    def _rename_participant(self) -> None:
        person = self._row(Participant, self._shown_participant)
        name = (self.participant_name.value() or "").strip()
        if self.document is None or person is None:
            return
        if not name:
            self.participant_name.set_value(person.name)
        elif name != person.name:
            self._push(edits.edit_participant(self.document, person.id, name=name))

    def _reassign_participant(self) -> None:
        person = self._row(Participant, self._shown_participant)
        department = self.participant_department.value()
        if self.document is None or person is None or department == person.department_id:
            return
        self._push(edits.edit_participant(self.document, person.id, department_id=department))

    def _move_participant(self, step: int) -> None:
        person = self._row(Participant, self.current_participant())
        if self.document is not None and person is not None:
            self._push(edits.move_participant(self.document, person.id, person.position + step))

    def delete_participant(self) -> None:
        """Delete the current participant; their cards and votes stay, unattributed."""
        person = self._row(Participant, self.current_participant())
        if self.document is None or person is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete participant"),
            self.tr(
                "Delete the participant “{0}”? Their cards and votes stay, "
                "attributed to no one. You can undo it."
            ).format(person.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(edits.delete_participant(self.document, person.id))
