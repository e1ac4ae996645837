"""Which event names mean which stage of the map: per stage, its patterns (glob: `*` any
text, `?` one character, any case) and optionally the touchpoint cards its figures belong
to. The file's distinct event names are listed with their counts (most frequent first)
and the stage each one falls in now, to be dragged or added onto a stage.

The mapping is read and written as the command line's JSON (`cli_funnel.py`):
`{"columns": {"customer": …, "time": …, "event": …}, "segments": […], "stages": [{"key":
stage name, "events": […], "touchpoints": [card text, …]}, …]}`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing.document import Document, translate
from journeyeditor.measure.funnel import StageRule, check_stages, parse_stage_mapping
from journeyeditor.measure.preview import EventNames, stage_of
from journeyeditor.measure.sources import ColumnMapping
from journeyeditor.model import (
    EventMapping,
    LaneKind,
    MappingSegment,
    StagePattern,
    StageTouchpoint,
)
from journeyeditor.store.errors import StageMappingError
from journeyeditor.ui.measure_worker import rows_text

JSON_FILTER = "JSON (*.json)"


@dataclass
class StageSlot:
    """One stage of the map as the dialog edits it."""

    stage_id: int
    key: str
    patterns: list[str] = field(default_factory=list)
    touchpoints: list[int] = field(default_factory=list)
    """Card ids."""
    cards: tuple[tuple[int, str], ...] = ()
    """The stage's touchpoint cards (id, text), to choose from."""

    def card_texts(self, ids: Sequence[int]) -> tuple[str, ...]:
        texts = dict(self.cards)
        return tuple(texts[card_id] for card_id in ids if card_id in texts)

    def card_ids(self, texts: Sequence[str]) -> list[int]:
        """The first card with each text, compared trimmed and in any case."""
        found = []
        for text in texts:
            wanted = text.strip().casefold()
            card = next((i for i, t in self.cards if t.casefold() == wanted), None)
            if card is not None and card not in found:
                found.append(card)
        return found


def map_slots(document: Document, map_id: int) -> list[StageSlot]:
    """The map's stages in order, with their touchpoint cards; the key is the stage's
    name (made unique by its number when two stages share a name)."""
    stages = document.stages(map_id)
    touch_lanes = [lane.id for lane in document.lanes(map_id) if lane.kind == LaneKind.TOUCHPOINT]
    names = [stage.name.strip() for stage in stages]
    slots = []
    for number, (stage, name) in enumerate(zip(stages, names, strict=True), start=1):
        key = name if name and names.count(name) == 1 else f"{name} #{number}".strip()
        cards = tuple(
            (card.id, card.text.strip())
            for lane_id in touch_lanes
            for card in document.cell(stage.id, lane_id)
            if card.text.strip()
        )
        slots.append(StageSlot(stage.id, key, cards=cards))
    return slots


def mapping_json(columns: ColumnMapping, rules: Sequence[StageRule]) -> dict[str, Any]:
    return {
        "columns": {
            "customer": columns.customer,
            "time": columns.timestamp,
            "event": columns.event,
        },
        "segments": list(columns.segments),
        "stages": [
            {"key": rule.key, "events": list(rule.patterns), "touchpoints": list(rule.touchpoints)}
            for rule in rules
        ],
    }


def saved_mapping(document: Document, map_id: int) -> dict[str, Any] | None:
    """The mapping the map keeps from its last import, as the command line's JSON; None
    when it has none."""
    found = document.measure_rows(EventMapping, map_id)
    if not found:
        return None
    kept = found[0]
    segments = tuple(row.name for row in document.measure_rows(MappingSegment, map_id))
    slots = {slot.stage_id: slot for slot in map_slots(document, map_id)}
    for pattern in document.measure_rows(StagePattern, map_id):
        if pattern.stage_id in slots:
            slots[pattern.stage_id].patterns.append(pattern.pattern)
    for touchpoint in document.measure_rows(StageTouchpoint, map_id):
        if touchpoint.stage_id in slots:
            slots[touchpoint.stage_id].touchpoints.append(touchpoint.card_id)
    rules = [
        StageRule(slot.key, tuple(slot.patterns), slot.card_texts(slot.touchpoints))
        for slot in slots.values()
        if slot.patterns
    ]
    columns = ColumnMapping(kept.customer_column, kept.time_column, kept.event_column, segments)
    return mapping_json(columns, rules)


class PatternEdit(QLineEdit):
    """A pattern typed by hand: Enter adds it to the stage and goes no further (the
    dialog's default button would close the dialog)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class EventNameTree(QTreeWidget):
    """The file's event names; a drag carries the selected names as plain text, one a
    line."""

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        data.setText("\n".join(item.text(0) for item in items))
        return data

    def mimeTypes(self) -> list[str]:
        return ["text/plain"]


class PatternList(QListWidget):
    """A stage's patterns: editable in place, and a drop target for event names (plain
    text, one a line) dragged from the file's list or from elsewhere."""

    def __init__(self, dialog: StageMappingDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasText():
            event.ignore()
            return
        names = [line.strip() for line in event.mimeData().text().splitlines()]
        self.dialog.add_patterns([name for name in names if name])
        event.acceptProposedAction()


class StageMappingDialog(QDialog):
    """Accepted with `rules()` (the stages with at least one pattern, in map order)."""

    def __init__(
        self,
        document: Document,
        map_id: int,
        columns: ColumnMapping,
        names: EventNames,
        saved: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.names = names
        self.slots = map_slots(document, map_id)
        self.setWindowTitle(self.tr("Stages and event names"))
        self.resize(1000, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Give each stage the event names that mean it. * stands for any text and ? "
                "for one character; case does not matter. An event counts for the first "
                "stage that matches it. Drag names from the file's list onto a stage."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        layout.addLayout(grid, 1)
        grid.addWidget(QLabel(self.tr("Stages of the map")), 0, 0)
        self.stage_list = QListWidget()
        self.stage_list.currentRowChanged.connect(self._show_stage)
        grid.addWidget(self.stage_list, 1, 0, 3, 1)
        grid.addWidget(QLabel(self.tr("Event names of this stage")), 0, 1)
        self.patterns = PatternList(self)
        self.patterns.itemChanged.connect(self._patterns_edited)
        grid.addWidget(self.patterns, 1, 1)
        typed = QHBoxLayout()
        self.pattern_edit = PatternEdit()
        self.pattern_edit.setPlaceholderText(self.tr("a name or a pattern, e.g. visit*"))
        self.pattern_edit.entered.connect(self.add_typed_pattern)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_typed_pattern)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected_patterns)
        typed.addWidget(self.pattern_edit, 1)
        typed.addWidget(add)
        typed.addWidget(remove)
        grid.addLayout(typed, 2, 1)
        touch = QVBoxLayout()
        touch.addWidget(QLabel(self.tr("Touchpoint cards these figures belong to (optional)")))
        self.touchpoints = QListWidget()
        self.touchpoints.itemChanged.connect(self._touchpoints_edited)
        touch.addWidget(self.touchpoints)
        grid.addLayout(touch, 3, 1)
        grid.addWidget(self._names_header(), 0, 2)
        self.events = EventNameTree()
        self.events.setColumnCount(3)
        self.events.setHeaderLabels([self.tr("Event name"), self.tr("Events"), self.tr("Stage")])
        self.events.setRootIsDecorated(False)
        self.events.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.events.setDragEnabled(True)
        self.events.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.events.itemDoubleClicked.connect(lambda _item, _column: self.add_selected_names())
        grid.addWidget(self.events, 1, 2, 2, 1)
        self.add_names_button = QPushButton(self.tr("← Add to the stage"))
        self.add_names_button.clicked.connect(self.add_selected_names)
        grid.addWidget(self.add_names_button, 3, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        self.coverage = QLabel()
        layout.addWidget(self.coverage)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.load_button = self.buttons.addButton(
            self.tr("Load…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("Save…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.load_button.clicked.connect(self.load_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if saved and saved.get("stages"):
            # a mapping the map no longer fits is not offered: the person starts afresh
            with contextlib.suppress(StageMappingError):
                self.apply_json(saved, quiet=True)
        self._fill_stages()
        self.stage_list.setCurrentRow(0)
        self._refresh()

    def _names_header(self) -> QLabel:
        shown, distinct = len(self.names.counts), self.names.distinct
        if distinct > shown:
            text = self.tr("Event names in the file (the {shown} most frequent of {all})").format(
                shown=shown, all=rows_text(distinct)
            )
        else:
            text = self.tr("Event names in the file ({all})").format(all=rows_text(distinct))
        return QLabel(text)

    # Stages

    def _fill_stages(self) -> None:
        row = self.stage_list.currentRow()
        self.stage_list.blockSignals(True)
        self.stage_list.clear()
        for slot in self.slots:
            self.stage_list.addItem(QListWidgetItem(self._stage_label(slot)))
        self.stage_list.blockSignals(False)
        if row >= 0:
            self.stage_list.setCurrentRow(row)

    def _stage_label(self, slot: StageSlot) -> str:
        if not slot.patterns:
            return self.tr("{stage} (no event)").format(stage=slot.key)
        return self.tr("{stage} ({count})").format(stage=slot.key, count=len(slot.patterns))

    def current(self) -> StageSlot | None:
        row = self.stage_list.currentRow()
        return self.slots[row] if 0 <= row < len(self.slots) else None

    def _show_stage(self, row: int) -> None:
        slot = self.slots[row] if 0 <= row < len(self.slots) else None
        self.patterns.blockSignals(True)
        self.patterns.clear()
        for pattern in slot.patterns if slot else ():
            item = QListWidgetItem(pattern)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.patterns.addItem(item)
        self.patterns.blockSignals(False)
        self.touchpoints.blockSignals(True)
        self.touchpoints.clear()
        for card_id, text in slot.cards if slot else ():
            item = QListWidgetItem(text.splitlines()[0])
            item.setData(Qt.ItemDataRole.UserRole, card_id)
            item.setToolTip(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = slot is not None and card_id in slot.touchpoints
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.touchpoints.addItem(item)
        self.touchpoints.blockSignals(False)

    # Editing a stage's patterns

    def add_patterns(self, patterns: Sequence[str]) -> None:
        slot = self.current()
        if slot is None:
            return
        for pattern in patterns:
            if pattern.strip() and pattern not in slot.patterns:
                slot.patterns.append(pattern)
        self._changed()

    def add_selected_names(self) -> None:
        """The event names selected in the file's list go to the current stage."""
        self.add_patterns([item.text(0) for item in self.events.selectedItems()])

    def add_typed_pattern(self) -> None:
        text = self.pattern_edit.text().strip()
        if text:
            self.add_patterns([text])
            self.pattern_edit.clear()

    def remove_selected_patterns(self) -> None:
        slot = self.current()
        if slot is None:
            return
        gone = {item.text() for item in self.patterns.selectedItems()}
        slot.patterns = [p for p in slot.patterns if p not in gone]
        self._changed()

    def _patterns_edited(self) -> None:
        slot = self.current()
        if slot is None:
            return
        texts = [self.patterns.item(i).text().strip() for i in range(self.patterns.count())]
        slot.patterns = list(dict.fromkeys(t for t in texts if t))
        self._changed()

    def _touchpoints_edited(self) -> None:
        slot = self.current()
        if slot is None:
            return
        slot.touchpoints = [
            int(item.data(Qt.ItemDataRole.UserRole))
            for i in range(self.touchpoints.count())
            if (item := self.touchpoints.item(i)).checkState() == Qt.CheckState.Checked
        ]

    def _changed(self) -> None:
        self._fill_stages()
        self._show_stage(self.stage_list.currentRow())
        self._refresh()

    def _refresh(self) -> None:
        """Each listed name with the stage it falls in now, and how many events are
        counted in some stage; OK needs at least one stage with a name."""
        rules = self.rules()
        self.events.clear()
        counted = 0
        for name, count in self.names.counts:
            index = stage_of(name, rules)
            stage = rules[index].key if index is not None else ""
            if index is not None:
                counted += count
            item = QTreeWidgetItem([name, rows_text(count), stage])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.events.addTopLevelItem(item)
        for column in range(3):
            self.events.resizeColumnToContents(column)
        listed = sum(count for _name, count in self.names.counts)
        self.coverage.setText(
            self.tr("{counted} of the {listed} events listed fall in a stage.").format(
                counted=rows_text(counted), listed=rows_text(listed)
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(rules))

    def rules(self) -> tuple[StageRule, ...]:
        return tuple(
            StageRule(slot.key, tuple(slot.patterns), slot.card_texts(slot.touchpoints))
            for slot in self.slots
            if slot.patterns
        )

    def job_rules(self) -> tuple[StageRule, ...]:
        """The rules as the measuring and the saving want them: keyed by stage id, with
        the touchpoints' card ids (`editing.measures`)."""
        return tuple(
            StageRule(str(slot.stage_id), tuple(slot.patterns), tuple(map(str, slot.touchpoints)))
            for slot in self.slots
            if slot.patterns
        )

    # The command line's JSON

    def to_json(self) -> dict[str, Any]:
        return mapping_json(self.columns, self.rules())

    def apply_json(self, data: Mapping[str, Any], quiet: bool = False) -> list[str]:
        """Take the stages of a mapping (the CLI's JSON); returns the keys that are no
        stage of this map, which are left out. Raises StageMappingError."""
        rules = parse_stage_mapping(dict(data), self.tr("the mapping"))
        by_key = {slot.key: slot for slot in self.slots}
        unknown = [rule.key for rule in rules if rule.key not in by_key]
        for slot in self.slots:
            slot.patterns, slot.touchpoints = [], []
        for rule in rules:
            found = by_key.get(rule.key)
            if found is not None:
                found.patterns = list(rule.patterns)
                found.touchpoints = found.card_ids(rule.touchpoints)
        if not quiet:
            self._changed()
        return unknown

    def load(self, path: Path) -> list[str]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise StageMappingError(path, str(error).splitlines()[0]) from error
        if not isinstance(data, dict):
            raise StageMappingError(path, "expected a JSON object")
        return self.apply_json(data)

    def save(self, path: Path) -> None:
        check_stages(self.rules(), str(path))
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")

    def load_dialog(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Load a mapping"), "", JSON_FILTER
        )
        if not name:
            return
        try:
            unknown = self.load(Path(name))
        except StageMappingError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message(translate))
            return
        if unknown:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("These stages are not in this map and were left out: {names}").format(
                    names=", ".join(unknown)
                ),
            )

    def save_dialog(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the mapping"), "mapping.json", JSON_FILTER
        )
        if not name:
            return
        try:
            self.save(Path(name))
        except (StageMappingError, OSError) as error:
            message = (
                error.message(translate) if isinstance(error, StageMappingError) else str(error)
            )
            QMessageBox.warning(self, self.windowTitle(), message)
