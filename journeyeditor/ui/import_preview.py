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

from journeyeditor.editing.document import translate
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


def parses(value: str, fmt: str | None) -> bool:
    """Whether `value` reads as a time in `fmt` (None: ISO 8601), as DuckDB will read it."""
    try:
        datetime.fromisoformat(value) if fmt is None else datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


class ColumnsPreviewDialog(QDialog):
    """A file's dialect, first rows and the columns of each role; subclasses say which
    roles (`roles`: required, then optional ones that may be left unset) and which one
    is read as a time (`time_role`)."""

    time_role: str | None = None

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(title)
        self.resize(900, 640)
        self.parquet = preview.is_parquet(path)
        self.detected: CsvDialect | None = None if self.parquet else detect_dialect(path)
        self.dialect = self.detected
        self.header: tuple[str, ...] = ()
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
        required, optional = self.roles()
        self.required = tuple(required)
        self.optional = tuple(optional)
        self.columns: dict[str, QComboBox] = {}
        box = QGroupBox(self.tr("Columns"))
        form = QFormLayout(box)
        for role, label in (*required, *optional):
            combo = QComboBox()
            combo.setObjectName(f"column_{role}")
            combo.currentIndexChanged.connect(self._columns_changed)
            self.columns[role] = combo
            form.addRow(label, combo)
        layout.addWidget(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._first_reading = True

    def start(self) -> None:
        """Show what was detected and read the first rows (after the subclass is set)."""
        self._describe_detected()
        self.reread()

    def roles(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(required, optional): each a list of (role, label)."""
        raise NotImplementedError

    def saved_choice(self, role: str) -> str | None:
        """The column chosen for `role` last time, if any."""
        del role
        return None

    def guessed(self, header: Sequence[str]) -> dict[str, str | None]:
        return preview.guess_columns(header, [role for role, _label in self.required])

    def none_text(self, role: str) -> str:
        del role
        return self.tr("(none)")

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

    def _wanted(self, header: Sequence[str]) -> dict[str, str | None]:
        """Per role: the column chosen now, else the one saved, else a guess (on the
        first reading only for optional roles, which may stay unset)."""
        guessed = self.guessed(header)
        if (
            self.time_role is not None
            and self.dialect is not None
            and self.dialect.timestamp_column in header
            and self.time_role in (role for role, _label in self.required)
        ):
            guessed[self.time_role] = self.dialect.timestamp_column
        first, self._first_reading = self._first_reading, False
        wanted: dict[str, str | None] = {}
        for role, _label in self.required:
            choices = (self.chosen(role), self.saved_choice(role), guessed.get(role))
            wanted[role] = next((c for c in choices if c is not None and c in header), None)
        for role, _label in self.optional:
            if first:
                saved = self.saved_choice(role)  # "" when saved as none: no guess then
                choice = saved if saved is not None else self.optional_guess(role, header, wanted)
            else:
                choice = self.chosen(role)
            wanted[role] = choice if choice in header else None
        return wanted

    def optional_guess(
        self, role: str, header: Sequence[str], wanted: dict[str, str | None]
    ) -> str | None:
        used = [name for name in wanted.values() if name]
        return next(
            iter(preview.guess_columns([c for c in header if c not in used], [role]).values())
        )

    def _fill_columns(self, header: Sequence[str]) -> None:
        wanted = self._wanted(header)
        optional = {role for role, _label in self.optional}
        for role, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            if role in optional:
                combo.addItem(self.none_text(role), None)
            for name in header:
                combo.addItem(name, name)
            combo.setCurrentIndex(combo.findData(wanted[role]) if wanted[role] else -1)
            if role in optional and combo.currentIndex() < 0:
                combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._columns_changed()

    def chosen(self, role: str) -> str | None:
        value = self.columns[role].currentData()
        return value if isinstance(value, str) else None

    def _columns_changed(self) -> None:
        self._time_column_format()
        chosen = [self.chosen(role) for role in self.columns]
        given = [name for name in chosen if name]
        required = all(self.chosen(role) for role, _label in self.required)
        usable = required and len(set(given)) == len(given)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(usable)
        self._mark_times()

    def _time_column(self) -> str | None:
        return self.chosen(self.time_role) if self.time_role is not None else None

    def _time_column_format(self) -> None:
        """A time column other than the detected one gets its own format detected."""
        column = self._time_column()
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
        name = self._time_column()
        column = self.header.index(name) if name in self.header else -1
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


class ImportPreviewDialog(ColumnsPreviewDialog):
    """Events: accepted with `source()` ready for the stage mapping and the measuring."""

    time_role = "timestamp"

    def __init__(
        self,
        path: Path,
        saved: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`saved`: the mapping this map used last time, as the command line's JSON
        (`columns`: customer, time, event; `segments`, the first one used); its columns
        are chosen again when the file has them."""
        title = translate("ImportPreviewDialog", "Import events: {name}")
        super().__init__(path, title.format(name=path.name), parent)
        self._saved = dict(saved or {})
        self.segment = self.columns["segment"]
        self.start()

    def roles(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        required = [
            ("customer", self.tr("Customer id:")),
            ("timestamp", self.tr("Time:")),
            ("event", self.tr("Event name:")),
        ]
        return required, [("segment", self.tr("Break down by:"))]

    def none_text(self, role: str) -> str:
        del role
        return self.tr("Nothing (all customers together)")

    def saved_choice(self, role: str) -> str | None:
        if not self._saved:
            return None
        if role == "segment":
            segments = self._saved.get("segments")
            first = segments[0] if isinstance(segments, list) and segments else None
            return first if isinstance(first, str) else ""
        columns = self._saved.get("columns")
        key = "time" if role == "timestamp" else role
        value = columns.get(key) if isinstance(columns, dict) else None
        return value if isinstance(value, str) else None

    def segment_columns(self) -> tuple[str, ...]:
        """The segment column chosen (one at most: a run is broken down by one column)."""
        name = self.chosen("segment")
        return (name,) if name else ()

    def mapping(self) -> ColumnMapping:
        customer, timestamp, event = (self.chosen(r) or "" for r in preview.EVENT_ROLES)
        return ColumnMapping(customer, timestamp, event, self.segment_columns())

    def source(self) -> FileSource:
        """The file as the person has set it up: dialect (None for Parquet) and columns."""
        return FileSource(self.path, self.mapping(), self.dialect)
