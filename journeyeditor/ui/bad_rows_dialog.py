"""Rows that cannot be used, shown before anything is computed: the first ones with their
line and reason, the rest counted, and the person's choice: import the good rows, or
cancel (nothing is written). Rows are never dropped silently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing.document import translate
from journeyeditor.measure.sources import REASON_CONTEXT, REASONS, SourceCheck
from journeyeditor.ui.measure_worker import rows_text


class BadRowsDialog(QDialog):
    """Accepted: import the good rows; rejected: cancel the import."""

    def __init__(self, check: SourceCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rows that cannot be used"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        bad = check.bad
        summary = QLabel(
            self.tr(
                "{bad} of {rows} rows cannot be used and would be left out. "
                "{good} rows can be imported."
            ).format(
                bad=rows_text(bad.total),
                rows=rows_text(check.rows),
                good=rows_text(check.good_rows),
            )
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(bad.listed), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Reason"), self.tr("Row")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, found in enumerate(bad.listed):
            line = QTableWidgetItem("" if found.line is None else str(found.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, line)
            self.table.setItem(
                row, 1, QTableWidgetItem(translate(REASON_CONTEXT, REASONS[found.reason]))
            )
            self.table.setItem(row, 2, QTableWidgetItem(found.text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.more = QLabel(
            self.tr("… and {count} more rows that cannot be used.").format(
                count=rows_text(bad.unlisted)
            )
        )
        self.more.setVisible(bad.unlisted > 0)
        layout.addWidget(self.more)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("Import the good rows"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(check.good_rows > 0)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
