"""The side panel listing the project's maps: choose, add, rename, duplicate, delete."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import MapState
from journeyeditor.ui.id_list import current_id, select_id


class MapsPanel(QWidget):
    """Lists maps in project order; the current one is what the canvas shows."""

    currentMapChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("mapList")
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_current())
        buttons = QHBoxLayout()
        for text, tip, slot in (
            (self.tr("Add"), self.tr("Add a map"), self.add_map),
            (self.tr("Ideal"), self.tr("Duplicate as the ideal journey"), self.duplicate_current),
            (self.tr("Rename"), self.tr("Rename map"), self.rename_current),
            (self.tr("Delete"), self.tr("Delete map"), self.delete_current),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_document(self, document: Document) -> None:
        """Show another project's maps, its first one current: the map chosen in the
        project before is not this one's, even when it has the same id (every project's
        first map is map 1, so the window showed no map at all)."""
        self.document = document
        for signal in (document.mapAdded, document.mapRemoved, document.mapChanged):
            signal.connect(self._refresh)
        document.mapsReordered.connect(self._refresh)
        with QSignalBlocker(self.list):
            self.list.clear()
        self._refresh()

    def current_map(self) -> int | None:
        return current_id(self.list)

    def select_map(self, map_id: int) -> None:
        select_id(self.list, map_id)

    def _refresh(self, *_args: int) -> None:
        """Rebuild the list; `currentMapChanged` only when the current map really changed
        (a renamed map is not a new one to show)."""
        assert self.document is not None
        current = self.current_map()
        with QSignalBlocker(self.list):
            self.list.clear()
            for journey_map in self.document.maps():
                label = journey_map.name or self.tr("(untitled map)")
                if journey_map.state == MapState.IDEAL.value:
                    label += " " + self.tr("(ideal)")
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, journey_map.id)
                self.list.addItem(item)
            if current is not None:
                self.select_map(current)
            if self.list.currentItem() is None and self.list.count():
                self.list.setCurrentRow(0)
        shown = self.current_map()
        if shown != current and shown is not None:
            self.currentMapChanged.emit(shown)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.currentMapChanged.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def add_map(self) -> None:
        assert self.document is not None
        name, ok = QInputDialog.getText(self, self.tr("New map"), self.tr("Name of the map:"))
        if not ok:
            return
        stages = [
            self.tr("Awareness"),
            self.tr("Consideration"),
            self.tr("Purchase"),
            self.tr("Retention"),
            self.tr("Advocacy"),
        ]
        lanes = [
            (self.tr("Touchpoints"), "touchpoint"),
            (self.tr("Customer actions"), "text"),
            (self.tr("Thoughts"), "text"),
            (self.tr("Emotions"), "emotion"),
            (self.tr("Pain points"), "pain_point"),
            (self.tr("Opportunities"), "opportunity"),
            (self.tr("Metrics"), "metric"),
        ]
        command = edits.add_map(self.document, name or self.tr("New map"), stages, lanes)
        if self.document.push(command):
            self.select_map(self.document.maps()[-1].id)

    def duplicate_current(self) -> None:
        map_id = self.current_map()
        if self.document is None or map_id is None:
            return
        source = next(m for m in self.document.maps() if m.id == map_id)
        name = self.tr("{0} — ideal").format(source.name)
        if self.document.push(edits.duplicate_map(self.document, map_id, name, "ideal")):
            self.select_map(self.document.maps()[-1].id)

    def rename_current(self) -> None:
        map_id = self.current_map()
        if self.document is None or map_id is None:
            return
        old = next(m.name for m in self.document.maps() if m.id == map_id)
        name, ok = QInputDialog.getText(self, self.tr("Rename map"), self.tr("Name:"), text=old)
        if ok and name != old:
            self.document.push(edits.edit_map(self.document, map_id, name=name))

    def delete_current(self) -> None:
        map_id = self.current_map()
        if self.document is None or map_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete map"),
            self.tr("Delete this map and all its cards? You can undo it."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.document.push(edits.delete_map(self.document, map_id))
