"""The Workshop toolbar: whose turn it is (department, participant).

It shows and sets the window's `Workshop`, which every new card is stamped with; the
lists follow the Document's departments and participants as they change or are undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLabel, QToolBar, QWidget

from journeyeditor.editing import edits
from journeyeditor.editing.workshop import Workshop
from journeyeditor.ui.fields import Choice, Option, swatch


class WorkshopBar(QToolBar):
    """Two choosers, "Department" and "Participant" (each with "None"), and a button to
    add a participant, bound to one `Workshop` at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Workshop"))
        self.setObjectName("workshopToolBar")
        self.workshop: Workshop | None = None
        self._slots: list[tuple[object, Callable[..., None]]] = []
        self.department = Choice()
        self.department.setObjectName("workshopDepartment")
        self.department.setToolTip(self.tr("The department new cards are written for"))
        self.participant = Choice()
        self.participant.setObjectName("workshopParticipant")
        self.participant.setToolTip(self.tr("The participant new cards are written by"))
        self.addWidget(QLabel(self.tr("Department:")))
        self.addWidget(self.department)
        self.addSeparator()
        self.addWidget(QLabel(self.tr("Participant:")))
        self.addWidget(self.participant)
        self.new_participant_action = self.addAction(
            self.tr("New participant…"), self.new_participant
        )
        self.department.committed.connect(self._department_chosen)
        self.participant.committed.connect(self._participant_chosen)
        self.set_workshop(None)

    def set_workshop(self, workshop: Workshop | None) -> None:
        """Show and set `workshop` (a newly opened document's), forgetting the last one."""
        for signal, slot in self._slots:
            signal.disconnect(slot)  # type: ignore[attr-defined]
        self._slots = []
        self.workshop = workshop
        if workshop is not None:
            document = workshop.document
            refresh = self.refresh
            for signal in (
                document.departmentAdded,
                document.departmentRemoved,
                document.departmentChanged,
            ):
                self._connect(signal, lambda _id: refresh())
            for signal in (document.departmentsReordered, document.participantsChanged):
                self._connect(signal, refresh)
            self._connect(workshop.changed, refresh)
        self.refresh()

    def _connect(self, signal: object, slot: Callable[..., None]) -> None:
        signal.connect(slot)  # type: ignore[attr-defined]
        self._slots.append((signal, slot))

    def refresh(self) -> None:
        """The lists as the document holds them, showing the workshop's choice."""
        workshop = self.workshop
        enabled = workshop is not None
        for widget in (self.department, self.participant):
            widget.setEnabled(enabled)
        self.new_participant_action.setEnabled(
            workshop is not None and not workshop.document.read_only
        )
        departments: list[Option] = [(self.tr("None"), None, None)]
        participants: list[Option] = [(self.tr("None"), None, None)]
        if workshop is not None:
            document = workshop.document
            colors = {d.id: d.color for d in document.departments()}
            departments += [(d.name, d.id, swatch(d.color)) for d in document.departments()]
            for person in document.participants():
                color = colors.get(person.department_id or 0)
                participants.append((person.name, person.id, swatch(color) if color else None))
        self.department.set_options(departments)
        self.participant.set_options(participants)
        self.department.set_value(workshop.department_id if workshop else None)
        self.participant.set_value(workshop.participant_id if workshop else None)

    def _department_chosen(self) -> None:
        if self.workshop is not None:
            self.workshop.set_department(self.department.value())

    def _participant_chosen(self) -> None:
        if self.workshop is not None:
            self.workshop.set_participant(self.participant.value())

    def new_participant(self) -> None:
        """Ask a name; the new participant speaks for the current department and becomes
        the current participant (adding them is one undo step)."""
        workshop = self.workshop
        if workshop is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("New participant"), self.tr("Participant's name:")
        )
        if not ok or not name.strip():
            return
        document = workshop.document
        command = edits.add_participant(document, name.strip(), workshop.department_id)
        if document.push(command):
            workshop.set_participant(command.operations[0].values["id"])  # type: ignore[attr-defined]
