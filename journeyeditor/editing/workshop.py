"""Who is speaking in a workshop: the current department and participant.

Not document data (nothing of it is saved or undone): the facilitator's choice of whose
turn it is. New cards are stamped with it (`card_fields`) and votes are given in the
participant's name. A deleted department or participant stops being current.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from journeyeditor.editing.document import Document


class Workshop(QObject):
    """The current department and participant of one open document."""

    changed = Signal()
    """The current department or participant changed (or was deleted)."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._department: int | None = None
        self._participant: int | None = None
        document.departmentRemoved.connect(lambda _id: self._forget_missing())
        document.departmentsReordered.connect(self._forget_missing)
        document.participantsChanged.connect(self._forget_missing)

    @property
    def department_id(self) -> int | None:
        return self._department

    @property
    def participant_id(self) -> int | None:
        return self._participant

    def set_department(self, department_id: int | None) -> None:
        """Speak for a department; a participant of another department stops being current."""
        if department_id is not None and department_id not in self._departments():
            raise ValueError(f"no department {department_id}")
        participant = self._participants().get(self._participant or 0)
        if participant is not None and participant != department_id:
            self._participant = None
        self._set(department_id, self._participant)

    def set_participant(self, participant_id: int | None) -> None:
        """Speak as a participant: their department becomes current too."""
        if participant_id is None:
            self._set(self._department, None)
            return
        participants = self._participants()
        if participant_id not in participants:
            raise ValueError(f"no participant {participant_id}")
        self._set(participants[participant_id], participant_id)

    def card_fields(self) -> dict[str, Any]:
        """The fields a card written now gets: its department and participant, when set."""
        fields: dict[str, Any] = {}
        if self._department is not None:
            fields["department_id"] = self._department
        if self._participant is not None:
            fields["participant_id"] = self._participant
        return fields

    def _departments(self) -> set[int]:
        return {department.id for department in self.document.departments()}

    def _participants(self) -> dict[int, int | None]:
        return {p.id: p.department_id for p in self.document.participants()}

    def _forget_missing(self) -> None:
        participants = self._participants()
        participant = self._participant if self._participant in participants else None
        department = self._department if self._department in self._departments() else None
        if participant is not None and participants[participant] != department:
            department = participants[participant]
        self._set(department, participant)

    def _set(self, department: int | None, participant: int | None) -> None:
        if (department, participant) != (self._department, self._participant):
            self._department, self._participant = department, participant
            self.changed.emit()
