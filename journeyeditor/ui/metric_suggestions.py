"""Suggested metrics for a metric lane: per stage, the metrics its kind is measured by.

Offered when a metric lane is added (and from a metric lane's menu). Each stage's kind
is guessed from its name (`model.suggestions.stage_kind`) and can be changed; its
metrics are ticked, except those its cell already has. OK adds the ticked ones as metric
cards, with their direction and unit, in the map's language, as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.model import Lane, LaneKind
from journeyeditor.model.enums import Direction
from journeyeditor.model.suggestions import (
    STAGE_KIND_NAMES,
    SUGGESTIONS,
    MetricSuggestion,
    StageKind,
    stage_kind,
)
from journeyeditor.render.labels import word


def _label(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


class MetricSuggestionsDialog(QDialog):
    """Stages as top rows (name, kind chooser), their suggested metrics ticked beneath."""

    def __init__(self, document: Document, lane_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        lane = document.get(Lane, lane_id)
        if lane is None or lane.kind != LaneKind.METRIC.value:
            raise ValueError("suggestions go in a metric lane")
        self.document = document
        self.lane = lane
        self.language = document.project().language
        self.setWindowTitle(self.tr("Suggested metrics"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Metrics often measured at each stage, for the lane “{0}”. A stage's kind is "
                "guessed from its name: change it if it is wrong. “Add metrics” adds the ticked "
                "ones as one step (Undo takes them back)."
            ).format(lane.name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Stage and metric"), self.tr("Better when")])
        self.kinds: dict[int, QComboBox] = {}
        self.stage_items: dict[int, QTreeWidgetItem] = {}
        for stage in document.stages(lane.map_id):
            top = QTreeWidgetItem([stage.name])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            box = QComboBox()
            box.addItem(self.tr("No suggestion"), None)
            for kind, name in STAGE_KIND_NAMES.items():
                box.addItem(_label(name), kind.value)
            guessed = stage_kind(stage.name)
            box.setCurrentIndex(box.findData(guessed.value) if guessed else 0)
            box.currentIndexChanged.connect(lambda _i, s=stage.id: self._fill(s))
            self.tree.setItemWidget(top, 1, box)
            self.kinds[stage.id] = box
            self.stage_items[stage.id] = top
            self._fill(stage.id)
        self.tree.itemChanged.connect(self._update_ok)
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add metrics"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def kind(self, stage_id: int) -> StageKind | None:
        data = self.kinds[stage_id].currentData()
        return StageKind(data) if data else None

    def _fill(self, stage_id: int) -> None:
        """The chosen kind's metrics under the stage, ticked unless the cell has them."""
        top = self.stage_items[stage_id]
        top.takeChildren()
        kind = self.kind(stage_id)
        present = {card.text.casefold() for card in self.document.cell(stage_id, self.lane.id)}
        for suggestion in SUGGESTIONS.get(kind, ()) if kind else ():
            unit = _label(suggestion.unit)
            better = (
                self.tr("higher") if suggestion.direction == Direction.HIGHER else self.tr("lower")
            )
            child = QTreeWidgetItem(top, [f"{_label(suggestion.name)} ({unit})", better])
            child.setData(0, Qt.ItemDataRole.UserRole, suggestion)
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            taken = word(suggestion.name, self.language).casefold() in present
            child.setCheckState(0, Qt.CheckState.Unchecked if taken else Qt.CheckState.Checked)
        top.setExpanded(True)
        self._update_ok()

    def chosen(self) -> list[tuple[int, MetricSuggestion]]:
        """(stage id, metric) of every ticked metric, in map order."""
        found = []
        for stage_id, top in self.stage_items.items():
            for index in range(top.childCount()):
                child = top.child(index)
                if child is not None and child.checkState(0) == Qt.CheckState.Checked:
                    found.append((stage_id, child.data(0, Qt.ItemDataRole.UserRole)))
        return found

    def _update_ok(self) -> None:
        if hasattr(self, "ok"):
            self.ok.setEnabled(bool(self.chosen()))

    def command(self) -> EditCommand:
        """The ticked metrics as metric cards at the end of their cells: one step."""
        steps = []
        by_stage: dict[int, list[MetricSuggestion]] = {}
        for stage_id, suggestion in self.chosen():
            by_stage.setdefault(stage_id, []).append(suggestion)
        for stage_id, suggestions in by_stage.items():
            cards = [
                {
                    "text": word(s.name, self.language),
                    "unit": word(s.unit, self.language),
                    "direction": s.direction.value,
                }
                for s in suggestions
            ]
            steps.append(edits.add_cards(self.document, stage_id, self.lane.id, None, cards))
        return edits.combine(self.document, self.tr("Add suggested metrics"), steps)

    def apply(self) -> None:
        """Add the ticked metrics (one undo step); the document reports a refusal itself."""
        if self.document.push(self.command()):
            self.accept()
        else:
            self.reject()


def suggest_metrics(document: Document, lane_id: int, parent: QWidget | None = None) -> bool:
    """Show the suggestions for a metric lane; True when metrics were added."""
    dialog = MetricSuggestionsDialog(document, lane_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
