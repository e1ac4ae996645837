"""The History panel: snapshots of the whole project, taken by hand at the moments that
matter (before a workshop, after a client review), compared with the project now, saved
as a project of their own, deleted. Taking and deleting are steps on the undo stack;
comparing and saving as a project write nothing to the open file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits, history
from journeyeditor.editing.document import Document
from journeyeditor.model.limits import NAME_MAX_CHARS
from journeyeditor.store import database, interchange
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.ui.busy import waiting
from journeyeditor.ui.follow import FollowingPanel
from journeyeditor.ui.id_list import ROLE, button_row, current_id
from journeyeditor.ui.open_lock import refuse_open_target

CARD = Qt.ItemDataRole.UserRole + 1
"""A change's row in the comparison: the card it is about (its map's id is in ROLE)."""


def when(created: str) -> str:
    """A snapshot's time in the person's locale; the stored text when it is not a time
    (a stranger's file may hold anything there)."""
    moment = QDateTime.fromString(created, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return created
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def file_name(name: str) -> str:
    """A snapshot's name as a file name: without the characters a folder or a system
    refuses (a date written 1/12/2026 would name folders), never empty."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .-")[:120] or "snapshot"


class ChangesDialog(QDialog):
    """What changed since a snapshot (or between two), per map; a change about a card
    shows that card on its map when activated (double-click or Enter). Refresh compares
    again, with the project as it is by then."""

    revealCard = Signal(int, int)
    markCards = Signal(object)
    """The cards to highlight on the map (a frozenset of ids; empty: none)."""

    def __init__(
        self,
        title: str,
        nothing: str,
        compare: Callable[[], list[history.MapChanges]],
        parent: QWidget,
        live: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(title)
        self.nothing = nothing
        self.compare = compare
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("changesList")
        self.list.setWordWrap(True)  # a list view wraps its rows; a tree view only elides
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.itemActivated.connect(self._activated)
        self.mark = QCheckBox(self.tr("&Highlight the changed cards on the map"), self)
        self.mark.toggled.connect(self._mark)
        self.finished.connect(lambda _result: self.markCards.emit(frozenset()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        if live:  # against the project now, which edits change
            refresh = buttons.addButton(self.tr("&Refresh"), QDialogButtonBox.ButtonRole.ActionRole)
            refresh.clicked.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.mark)
        layout.addWidget(buttons)
        self.changed: frozenset[int] = frozenset()
        self.resize(560, 380)
        self.refresh()

    def place(self, window: QWidget) -> None:
        """Put the list at the bottom left of `window`, over the side panels: a change
        activated shows its card in the middle of the map, which the list then leaves
        in sight."""
        frame = window.frameGeometry()
        self.move(frame.left() + 8, max(frame.top(), frame.bottom() - self.height() - 40))

    def refresh(self) -> None:
        """Each map's name in bold, then its changes, one row each."""
        with waiting():
            found = self.compare()
        self.list.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for group in found:
            heading = QListWidgetItem(f"{group.name} ({len(group.changes)})", self.list)
            heading.setFont(bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for change in group.changes:
                row = QListWidgetItem(change.text, self.list)
                row.setData(ROLE, group.map_id)
                row.setData(CARD, change.card_id)
        self.summary.setText(self.sum_up(found))
        self.changed = frozenset(
            change.card_id for group in found for change in group.changes if change.card_id
        )
        self._mark(self.mark.isChecked())

    def _mark(self, on: bool) -> None:
        self.markCards.emit(self.changed if on else frozenset())

    def sum_up(self, found: list[history.MapChanges]) -> str:
        count = sum(len(group.changes) for group in found)
        if not count:
            return self.nothing
        if len(found) > 1:
            return self.tr("{0} changes in {1} maps.").format(count, len(found))
        if count > 1:
            return self.tr("{0} changes, in “{1}”.").format(count, found[0].name)
        return self.tr("One change, in “{0}”.").format(found[0].name)

    def _activated(self, item: QListWidgetItem) -> None:
        map_id, card_id = item.data(ROLE), item.data(CARD)
        if map_id is not None and card_id is not None:
            self.revealCard.emit(int(map_id), int(card_id))


class HistoryPanel(FollowingPanel):
    """The project's snapshots, newest first."""

    revealCard = Signal(int, int)
    markCards = Signal(object)
    openRequested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("snapshotList")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.compare_current())
        self.buttons, row = button_row(
            self,
            "snapshotList",
            [
                ("take", self.tr("Take…"), self.tr("Take a snapshot of the whole project")),
                (
                    "compare",
                    self.tr("Compare"),
                    self.tr("What changed since this snapshot, or between the two chosen"),
                ),
                ("save", self.tr("Save as…"), self.tr("Save this snapshot as a project")),
                ("delete", self.tr("Delete"), self.tr("Delete snapshot")),
            ],
        )
        slots = {
            "take": self.take,
            "compare": self.compare_current,
            "save": self.save_current,
            "delete": self.delete_current,
        }
        for key, slot in slots.items():
            self.buttons[key].clicked.connect(slot)
        self.hint = QLabel(
            self.tr(
                "No snapshot yet. Take one before a workshop or a client review: "
                "Compare then shows what changed since."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.dialogs: list[ChangesDialog] = []
        self._update_buttons()

    def set_document(self, document: Document) -> None:
        """Follow another project: comparisons open on the one before close."""
        for dialog in list(self.dialogs):
            dialog.close()
        super().set_document(document)

    @staticmethod
    def _signals(document: Document) -> list[Any]:
        return [document.snapshotsChanged]

    def _refresh(self, *_ids: int) -> None:
        assert self.document is not None
        current = current_id(self.list)
        with QSignalBlocker(self.list):
            self.list.clear()
            for snapshot_id, name, created in reversed(self.document.snapshot_list()):
                item = QListWidgetItem(self.tr("{0} — {1}").format(name, when(created)))
                item.setToolTip(created)
                item.setData(ROLE, snapshot_id)
                self.list.addItem(item)
                if snapshot_id == current:
                    self.list.setCurrentItem(item)
        self.hint.setVisible(self.list.count() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self.document is not None and not self.document.read_only
        chosen = len(self.list.selectedItems())
        self.buttons["take"].setEnabled(writable)
        self.buttons["compare"].setEnabled(chosen in (1, 2))
        self.buttons["save"].setEnabled(chosen == 1)
        self.buttons["delete"].setEnabled(chosen == 1 and writable)

    def _selected(self) -> list[tuple[int, str]]:
        """The snapshots chosen that are still there (id and name), oldest first."""
        if self.document is None:
            return []
        found = dict((i, n) for i, n, _c in self.document.snapshot_list())
        ids = sorted(int(item.data(ROLE)) for item in self.list.selectedItems())
        return [(snapshot_id, found[snapshot_id]) for snapshot_id in ids if snapshot_id in found]

    def _chosen(self) -> tuple[int, str] | None:
        """The one snapshot chosen, if one alone is."""
        selected = self._selected()
        return selected[0] if len(selected) == 1 else None

    def take(self) -> None:
        if self.document is None:
            return
        # The list gives each snapshot's time: the name need not repeat it.
        names = {name for _id, name, _created in self.document.snapshot_list()}
        number = len(names) + 1
        while self.tr("Snapshot {0}").format(number) in names:
            number += 1  # a number freed by a deletion is not given again
        default = self.tr("Snapshot {0}").format(number)
        ask = QInputDialog(self)
        ask.setWindowTitle(self.tr("Take snapshot"))
        ask.setLabelText(self.tr("Name of the snapshot:"))
        ask.setTextValue(default)
        ask.resize(max(ask.sizeHint().width(), 420), ask.sizeHint().height())
        if ask.exec() != QDialog.DialogCode.Accepted:
            return
        name = ask.textValue().strip()[:NAME_MAX_CHARS] or default
        with waiting():  # seconds for a project of 100,000 cards
            taken = self.document.push(edits.take_snapshot(self.document, name))
        if taken:
            self.list.setCurrentRow(0)

    def delete_current(self) -> None:
        chosen = self._chosen()
        if chosen is not None and self.document is not None:
            self.document.push(edits.delete_snapshot(self.document, chosen[0]))

    def _warn(self, error: JourneyFileError) -> None:
        QMessageBox.warning(self, self.tr("Snapshot"), error.message(QCoreApplication.translate))

    def _read(self, snapshot_id: int, name: str) -> history.Frozen | None:
        """A snapshot's project, checked; None (the person told why when it cannot be
        read) when it cannot be, or is gone."""
        if self.document is None:
            return None
        text = self.document.snapshot_text(snapshot_id)
        if text is None:
            return None
        try:
            with waiting():
                return history.read_snapshot(text, name)
        except JourneyFileError as error:
            self._warn(error)
            return None

    def compare_current(self) -> None:
        """The chosen snapshot against the project now, or two chosen: the older against
        the newer."""
        selected, document = self._selected(), self.document
        chosen = len(self.list.selectedItems())
        if not 1 <= chosen <= 2 or len(selected) != chosen or document is None:
            return  # one of those chosen is gone (another program): the list follows
        read = [self._read(*chosen) for chosen in selected]
        if None in read:
            return
        frozen = [found.data for found in read if found is not None]
        names = [name for _id, name in selected]
        if len(frozen) == 1:
            title = self.tr("Changes since “{0}”").format(names[0])
            nothing = self.tr("Nothing has changed since this snapshot.")
            dialog = ChangesDialog(
                title, nothing, lambda: history.compare(frozen[0], document.export_data()), self
            )
        else:
            title = self.tr("Changes from “{0}” to “{1}”").format(*names)
            nothing = self.tr("Nothing changed between these snapshots.")
            changes = history.compare(frozen[0], frozen[1])
            dialog = ChangesDialog(title, nothing, lambda: changes, self, live=False)
        dialog.revealCard.connect(self.revealCard)
        dialog.markCards.connect(self.markCards)
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
        self.dialogs.append(dialog)
        dialog.place(self.window())
        dialog.show()

    def save_current(self) -> None:
        chosen = self._chosen()
        frozen = self._read(*chosen) if chosen is not None else None
        if chosen is None or frozen is None or self.document is None:
            return
        name = chosen[1]
        target, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save snapshot as a project"),
            str(self.document.path.parent / f"{file_name(name)}{database.SUFFIX}"),
            self.tr("Journey maps (*.journey)"),
        )
        if not target:
            return
        path = Path(target).with_suffix(database.SUFFIX)
        if refuse_open_target(self, path):
            return
        try:
            with waiting():
                database.create_file(path, interchange.populate_from(frozen.plan))
        except JourneyFileError as error:
            self._warn(error)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Snapshot"),
            self.tr("Saved “{0}” as {1}. Open it now?").format(name, path.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.openRequested.emit(path)
