"""The ranked panel: the shown map's top pain points and opportunities, as
`render.ranking.ranked` orders them (the same list the exports print), and a
"show only the top N" filter on the map. Double-click a row to find its card."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.model import LaneKind
from journeyeditor.render import labels
from journeyeditor.render.ranking import Ranked, ranked
from journeyeditor.ui.while_shown import WhileShown

ID_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_TOP = 5
TOP_MAX = 100
CARD_COLUMN_WIDTH = 220
FITTED_COLUMNS = (0, 2, 3, 4, 5)
"""Sized to their contents; the card column keeps the width given or dragged."""


def weight_text(entry: Ranked) -> str:
    """A pain point's severity or an opportunity's priority, in the interface's words."""
    if entry.kind == LaneKind.PAIN_POINT.value:
        return str(entry.card.severity) if entry.card.severity else ""
    word = labels.PRIORITIES.get(entry.card.priority or "")
    return QCoreApplication.translate("Labels", word) if word else ""


class RankedPanel(QWidget):
    """Rank, card, stage, lane, votes, severity or priority: best first, ties sharing a rank."""

    def __init__(self, view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankedPanel")
        self.view = view
        self.scene: MapScene | None = None
        self._listening: WhileShown | None = None
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("rankedTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Rank"),
                self.tr("Card"),
                self.tr("Stage"),
                self.tr("Lane"),
                self.tr("Votes"),
                self.tr("Severity / priority"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._fit_columns(True)
        self.table.setColumnWidth(1, CARD_COLUMN_WIDTH)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.cellDoubleClicked.connect(self._find_card)
        self.top_only = QCheckBox(self.tr("Show only the top"), self)
        self.top_only.setObjectName("topOnly")
        self.top_count = QSpinBox(self)
        self.top_count.setObjectName("topCount")
        self.top_count.setRange(1, TOP_MAX)
        self.top_count.setValue(DEFAULT_TOP)
        self.top_only.toggled.connect(self._filter)
        self.top_count.valueChanged.connect(self._filter)
        top = QHBoxLayout()
        top.addWidget(self.top_only)
        top.addWidget(self.top_count)
        top.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)

    def set_document(self, document: Document, scene: MapScene) -> None:
        """Follow a newly opened file, listening to it only while the panel is shown."""
        self.scene = scene
        if self._listening is not None:
            self._listening.deleteLater()
        self._listening = WhileShown(self, [(document.committed, self.refresh)], self.refresh)
        self._filter()
        self.refresh()

    def refresh(self) -> None:
        """List the ranking of the map as the scene holds it now."""
        entries = ranked(self.scene.content()) if self.scene and self.scene.map_id else []
        # Fitted once filled: fitted again after every item, a hundred rows took seconds.
        self._fit_columns(False)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                str(entry.rank),
                " ".join(entry.card.text.split()),
                entry.stage,
                entry.lane,
                str(entry.card.votes),
                weight_text(entry),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, entry.card.id)
                item.setToolTip(entry.card.text if column == 1 else text)
                if column in (0, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self._fit_columns(True)

    def _fit_columns(self, on: bool) -> None:
        header = self.table.horizontalHeader()
        mode = QHeaderView.ResizeMode.ResizeToContents if on else QHeaderView.ResizeMode.Interactive
        for column in FITTED_COLUMNS:
            header.setSectionResizeMode(column, mode)

    def card_ids(self) -> list[int]:
        """The cards listed, top to bottom."""
        return [self._card_at(row) for row in range(self.table.rowCount())]

    def _card_at(self, row: int) -> int:
        item = self.table.item(row, 0)
        assert item is not None
        return int(item.data(ID_ROLE))

    def _filter(self, *_args: object) -> None:
        if self.scene is not None:
            self.scene.set_top(self.top_count.value() if self.top_only.isChecked() else None)

    def _find_card(self, row: int, _column: int) -> None:
        """Select the row's card on the map and scroll to it."""
        if self.scene is None:
            return
        card_id = self._card_at(row)
        self.scene.select_cards([card_id])
        item = self.scene.card_items.get(card_id)
        if item is not None:
            self.view.reveal(item.sceneBoundingRect())
