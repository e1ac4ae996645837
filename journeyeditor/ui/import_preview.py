"""The first step of importing events: how the file is written (detected, with overrides),
its first rows as read that way, and which columns hold the customer, the time, the
event name and the segment to break the figures down by. Nothing is read beyond the
file's first bytes here."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.measure import preview
from journeyeditor.measure.csvdialect import (
    CP1252,
    DELIMITERS,
    TIMESTAMP_FORMATS,
    UTF8,
    UTF8_BOM,
    CsvDialect,
    detect_dialect,
    detect_timestamp,
)
from journeyeditor.measure.sources import ColumnMapping, FileSource

EXAMPLE_TIME = datetime(2026, 12, 31, 14, 5, 0)
BAD_CELL = QColor(200, 40, 40)
ROLES = ("customer", "timestamp", "event")


def parses(value: str, fmt: str | None) -> bool:
    """Whether `value` reads as a time in `fmt` (None: ISO 8601), as DuckDB will read it."""
    try:
        datetime.fromisoformat(value) if fmt is None else datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


class ImportPreviewDialog(QDialog):
    """Accepted with `source()` ready for the stage mapping and the measuring."""

    def __init__(
        self,
        path: Path,
        saved: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`saved`: the mapping this map used last time, as the command line's JSON
        (`columns`: customer, time, event; `segments`, the first one used); its columns
        are chosen again when the file has them."""
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Import events: {name}").format(name=path.name))
        self.resize(900, 640)
        self.parquet = preview.is_parquet(path)
        self.detected: CsvDialect | None = None if self.parquet else detect_dialect(path)
        self.dialect = self.detected
        layout = QVBoxLayout(self)
        self.detected_label = QLabel()
        self.detected_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detected_label.setWordWrap(True)
        layout.addWidget(self.detected_label)
        self.encoding = QComboBox()
        self.separator = QComboBox()
        self.decimal = QComboBox()
        self.date_format = QComboBox()
        if self.detected is not None:
            layout.addWidget(self._dialect_box(self.detected))
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.columns: dict[str, QComboBox] = {role: QComboBox() for role in ROLES}
        self.segment = QComboBox()
        self._first_reading = True
        layout.addWidget(self._columns_box())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._saved = dict(saved or {})
        self._describe_detected()
        self.reread()

    # How the file is written

    def _dialect_box(self, detected: CsvDialect) -> QGroupBox:
        box = QGroupBox(self.tr("How the file is written"))
        form = QFormLayout(box)
        encodings = {
            UTF8: self.tr("UTF-8"),
            UTF8_BOM: self.tr("UTF-8 with byte-order mark"),
            CP1252: self.tr("Windows-1252 (Western Europe, older Excel)"),
        }
        for code, text in encodings.items():
            self.encoding.addItem(text, code)
        separators = {
            ";": self.tr("Semicolon ;"),
            ",": self.tr("Comma ,"),
            "\t": self.tr("Tab"),
            "|": self.tr("Vertical bar |"),
        }
        for code in DELIMITERS:
            self.separator.addItem(separators[code], code)
        self.decimal.addItem(self.tr("Comma (12,50)"), ",")
        self.decimal.addItem(self.tr("Point (12.50)"), ".")
        self.date_format.addItem(self.tr("ISO 8601 (2026-12-31 14:05)"), None)
        for fmt in TIMESTAMP_FORMATS:
            self.date_format.addItem(EXAMPLE_TIME.strftime(fmt), fmt)
        for combo, value in (
            (self.encoding, detected.encoding),
            (self.separator, detected.delimiter),
            (self.decimal, detected.decimal),
            (self.date_format, detected.timestamp_format),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(self._override)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow(self.tr("Separator:"), self.separator)
        form.addRow(self.tr("Decimal mark:"), self.decimal)
        form.addRow(self.tr("Dates look like:"), self.date_format)
        return box

    def _describe_detected(self) -> None:
        detected = self.detected
        if detected is None:
            self.detected_label.setText(
                self.tr("A Parquet file: its columns and types are read from the file itself.")
            )
            return

        def named(combo: QComboBox, value: object) -> str:
            return combo.itemText(max(0, combo.findData(value)))

        self.detected_label.setText(
            self.tr(
                "Detected: {encoding}, separator {separator}, decimal {decimal}, dates like "
                "{date}. Change any of these if the rows below do not look right."
            ).format(
                encoding=named(self.encoding, detected.encoding),
                separator=named(self.separator, detected.delimiter),
                decimal=named(self.decimal, detected.decimal),
                date=named(self.date_format, detected.timestamp_format),
            )
        )

    def _override(self) -> None:
        assert self.dialect is not None
        self.dialect = preview.with_overrides(
            self.path,
            self.dialect,
            encoding=self.encoding.currentData(),
            delimiter=self.separator.currentData(),
            decimal=self.decimal.currentData(),
            timestamp_format=self.date_format.currentData(),
        )
        self.reread()

    # Rows and columns

    def _columns_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Columns"))
        form = QFormLayout(box)
        labels = {
            "customer": self.tr("Customer id:"),
            "timestamp": self.tr("Time:"),
            "event": self.tr("Event name:"),
        }
        for role in ROLES:
            self.columns[role].currentIndexChanged.connect(self._columns_changed)
            form.addRow(labels[role], self.columns[role])
        self.segment.currentIndexChanged.connect(self._columns_changed)
        form.addRow(self.tr("Break down by:"), self.segment)
        return box

    def reread(self) -> None:
        """Read the first rows again with the current dialect; keep the chosen columns
        that still exist, guess the others."""
        shown = preview.preview(self.path, self.dialect)
        self.header = shown.header
        self.table.clear()
        self.table.setColumnCount(len(shown.header))
        self.table.setRowCount(len(shown.rows))
        self.table.setHorizontalHeaderLabels(list(shown.header))
        for r, values in enumerate(shown.rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self._fill_columns(shown.header)
        self._mark_times()

    def _wanted(self, header: Sequence[str]) -> tuple[dict[str, str | None], tuple[str, ...]]:
        guessed = preview.guess_columns(header)
        if self.dialect is not None and self.dialect.timestamp_column in header:
            guessed["timestamp"] = self.dialect.timestamp_column
        current = {role: self.columns[role].currentText() or None for role in ROLES}
        columns = self._saved.get("columns")
        columns = columns if isinstance(columns, dict) else {}
        saved = {"customer": columns.get("customer"), "timestamp": columns.get("time")}
        saved["event"] = columns.get("event")
        wanted: dict[str, str | None] = {}
        for role in ROLES:
            for choice in (current[role], saved[role], guessed[role]):
                if isinstance(choice, str) and choice in header:
                    wanted[role] = choice
                    break
            else:
                wanted[role] = None
        chosen = [name for name in wanted.values() if name]
        kept = self.segment_columns()
        saved_segments = self._saved.get("segments")
        if self._first_reading:  # the saved choice, else a guess
            self._first_reading = False
            if isinstance(saved_segments, list):
                kept = tuple(s for s in saved_segments if isinstance(s, str))
            else:
                kept = preview.guess_segments(header, chosen)
        segments = tuple(s for s in kept if s in header and s not in chosen)[:1]
        return wanted, segments

    def _fill_columns(self, header: Sequence[str]) -> None:
        wanted, segments = self._wanted(header)
        for role in ROLES:
            combo = self.columns[role]
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(header))
            combo.setCurrentIndex(header.index(wanted[role]) if wanted[role] else -1)
            combo.blockSignals(False)
        self.segment.blockSignals(True)
        self.segment.clear()
        self.segment.addItem(self.tr("Nothing (all customers together)"), None)
        for name in header:
            self.segment.addItem(name, name)
        self.segment.setCurrentIndex(
            max(0, self.segment.findData(segments[0] if segments else None))
        )
        self.segment.blockSignals(False)
        self._columns_changed()

    def _columns_changed(self) -> None:
        self._time_column_format()
        chosen = [self.columns[role].currentText() for role in ROLES]
        usable = all(chosen) and len(set(chosen)) == len(chosen)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(usable)
        self._mark_times()

    def _time_column_format(self) -> None:
        """A time column other than the detected one gets its own format detected."""
        column = self.columns["timestamp"].currentText()
        dialect = self.dialect
        if dialect is None or not column or column == dialect.timestamp_column:
            return
        rows = [list(self.rows_shown(r)) for r in range(self.table.rowCount())]
        _found, fmt = detect_timestamp(tuple(self.header), rows, column)
        self.dialect = dataclasses.replace(dialect, timestamp_column=column, timestamp_format=fmt)
        self.date_format.blockSignals(True)
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(fmt)))
        self.date_format.blockSignals(False)

    def rows_shown(self, row: int) -> tuple[str, ...]:
        cells = (self.table.item(row, c) for c in range(self.table.columnCount()))
        return tuple(cell.text() if cell is not None else "" for cell in cells)

    def _mark_times(self) -> None:
        """Times that the chosen date format cannot read are shown in red: they would
        be bad rows."""
        if self.dialect is None:
            return
        column = self.columns["timestamp"].currentIndex()
        fmt = self.dialect.timestamp_format
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is None:
                    continue
                bad = c == column and not parses(item.text().strip(), fmt)
                item.setForeground(QBrush(BAD_CELL) if bad else QBrush())
                item.setToolTip(
                    self.tr("This time cannot be read in the chosen format") if bad else ""
                )

    def segment_columns(self) -> tuple[str, ...]:
        """The segment column chosen (one at most: a run is broken down by one column),
        unless it is one of the other roles' columns."""
        name = self.segment.currentData()
        roles = {self.columns[role].currentText() for role in ROLES}
        return (name,) if isinstance(name, str) and name not in roles else ()

    def mapping(self) -> ColumnMapping:
        customer, timestamp, event = (self.columns[role].currentText() for role in ROLES)
        return ColumnMapping(customer, timestamp, event, self.segment_columns())

    def source(self) -> FileSource:
        """The file as the person has set it up: dialect (None for Parquet) and columns."""
        return FileSource(self.path, self.mapping(), self.dialect)
