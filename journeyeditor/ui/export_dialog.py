"""The export dialog: PDF, PNG, SVG, Excel or PowerPoint of a map, or print, with a live preview.

    dialog = ExportDialog(document, current_map_id, parent)
    dialog.exec()

Made when needed and deleted on close by the window; it follows the document only
while shown.

The preview draws the very pages (or image) the export writes, through the Qt painter;
an Excel workbook or a deck has no picture, so the preview area says what it will hold.
The last choices are remembered in QSettings. The client's logo and accent colour are
set here too (BrandingBox), in the project, through the undo stack like any edit.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QImage, QStandardItemModel
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing.document import Document
from journeyeditor.render import export
from journeyeditor.render.export import ExportOptions, ExportSource
from journeyeditor.render.measures import Segment
from journeyeditor.render.pages import AUTO, LANDSCAPE, PAGE_SIZES, PORTRAIT
from journeyeditor.render.qt_sheets import configure_printer, sheet_image
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.ui.branding_box import BrandingBox
from journeyeditor.ui.busy import waiting
from journeyeditor.ui.export_preview import Preview
from journeyeditor.ui.while_shown import WhileShown

ALL_MAPS = 0
WHOLE_PROJECT = ("pdf", "xlsx", "pptx", "csv")
"""Formats that can hold every map (the others hold one)."""
DPI_CHOICES = (72, 96, 150, 300, 600)
PREVIEW_SIDE = 1000
"""Longest side of the preview picture, in pixels (drawn once, then scaled to the widget)."""


class ExportDialog(QDialog):
    """Choose what to export and how, see it, then export to a file or print it."""

    def __init__(
        self,
        document: Document,
        current_map_id: int | None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
        segment: Segment | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.document = document
        self.current_map_id = current_map_id
        self.settings = settings if settings is not None else QSettings()
        self.source = ExportSource(document, segment)  # the figures the window shows
        self.page_index = 0
        self.page_count = 0
        self.last_path: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._load_settings()
        self._connect()
        self.refresh()
        self.listening = WhileShown(self, [(document.projectChanged, self._timer.start)])

    # Building

    def _build(self) -> None:
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("PDF document (vector, for print)"), "pdf")
        self.format_combo.addItem(self.tr("PNG image"), "png")
        self.format_combo.addItem(self.tr("SVG drawing (vector)"), "svg")
        self.format_combo.addItem(self.tr("Excel workbook (cards as tables)"), "xlsx")
        self.format_combo.addItem(self.tr("PowerPoint (.pptx)"), "pptx")
        self.format_combo.addItem(self.tr("CSV (.csv)"), "csv")
        self.map_combo = QComboBox(self)
        self.map_combo.addItem(self.tr("All maps, one after another"), ALL_MAPS)
        for journey_map in self.document.maps():
            self.map_combo.addItem(journey_map.name, journey_map.id)
        top = QFormLayout()
        top.addRow(self.tr("&Format:"), self.format_combo)
        top.addRow(self.tr("&Map:"), self.map_combo)

        self.paper_group = QGroupBox(self.tr("Paper"), self)
        self.page_combo = QComboBox(self)
        for name, (w, h) in PAGE_SIZES.items():
            mm = f"{round(w * 25.4 / 72)} × {round(h * 25.4 / 72)} mm"
            self.page_combo.addItem(self.tr("{0} ({1})").format(name, mm), name)
        self.orientation_combo = QComboBox(self)
        self.orientation_combo.addItem(self.tr("Portrait"), PORTRAIT)
        self.orientation_combo.addItem(self.tr("Landscape"), LANDSCAPE)
        self.orientation_combo.addItem(self.tr("Automatic (each map as large as it prints)"), AUTO)
        self.fit = QRadioButton(self.tr("F&it each map on one page"), self)
        self.tile = QRadioButton(self.tr("&Tile across pages, to assemble a poster"), self)
        group = QButtonGroup(self)
        for button in (self.fit, self.tile):
            group.addButton(button)
        self.scale_spin = QSpinBox(self)
        self.scale_spin.setRange(10, 1000)
        self.scale_spin.setSingleStep(25)
        self.scale_spin.setSuffix(" %")
        self.scale_spin.setToolTip(self.tr("100 % prints the map as large as the canvas shows it"))
        self.cover_check = QCheckBox(self.tr("&Cover page with persona and legend"), self)
        self.summary_check = QCheckBox(
            self.tr("Page of the top pain points and opportunities"), self
        )
        paper = QFormLayout(self.paper_group)
        paper.addRow(self.tr("Paper si&ze:"), self.page_combo)
        paper.addRow(self.tr("&Orientation:"), self.orientation_combo)
        paper.addRow(self.fit)
        paper.addRow(self.tile)
        paper.addRow(self.tr("Printed &scale:"), self.scale_spin)
        paper.addRow(self.cover_check)
        paper.addRow(self.summary_check)

        self.image_group = QGroupBox(self.tr("Image"), self)
        self.dpi_combo = QComboBox(self)
        for dpi in DPI_CHOICES:
            note = {96: self.tr(" (screen)"), 300: self.tr(" (print)")}.get(dpi, "")
            self.dpi_combo.addItem(self.tr("{0} DPI{1}").format(dpi, note), dpi)
        self.background_combo = QComboBox(self)
        self.background_combo.addItem(self.tr("White"), False)
        self.background_combo.addItem(self.tr("Transparent"), True)
        self.frame_check = QCheckBox(self.tr("Fr&ame (title, persona, legend)"), self)
        self.outlines_check = QCheckBox(self.tr("Te&xt as outlines"), self)
        self.outlines_check.setToolTip(
            self.tr("The drawing looks the same without the font installed; text not selectable")
        )
        image = QFormLayout(self.image_group)
        image.addRow(self.tr("&Resolution:"), self.dpi_combo)
        image.addRow(self.tr("&Background:"), self.background_combo)
        image.addRow(self.frame_check)
        image.addRow(self.outlines_check)

        self.branding = BrandingBox(self.document, self.source.qt_image, self)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        options = QVBoxLayout()
        options.addLayout(top)
        options.addWidget(self.paper_group)
        options.addWidget(self.image_group)
        options.addWidget(self.branding)
        options.addWidget(self.summary)
        options.addStretch(1)

        self.preview = Preview(self)
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_label = QLabel(self)
        pages = QHBoxLayout()
        pages.addStretch(1)
        pages.addWidget(self.previous_button)
        pages.addWidget(self.page_label)
        pages.addWidget(self.next_button)
        pages.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addLayout(pages)

        body = QHBoxLayout()
        body.addLayout(options)
        body.addLayout(right, 1)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button = self.buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)

    def _connect(self) -> None:
        combos = (self.format_combo, self.map_combo, self.page_combo, self.orientation_combo)
        for combo in (*combos, self.dpi_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.background_combo.currentIndexChanged.connect(self._changed)
        for button in (self.fit, self.tile, self.cover_check, self.summary_check):
            button.toggled.connect(self._changed)
        self.scale_spin.valueChanged.connect(self._changed)
        self.frame_check.toggled.connect(self._changed)
        self.outlines_check.toggled.connect(self._changed)
        self.previous_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.export_button.clicked.disconnect()
        self.export_button.clicked.connect(self.choose_file_and_export)
        self.print_button.clicked.connect(self.print_map)
        self.buttons.rejected.connect(self.reject)

    # Choices

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def options(self) -> ExportOptions:
        map_id = int(self.map_combo.currentData())
        return ExportOptions(
            maps=(map_id,) if map_id != ALL_MAPS else (),
            page=str(self.page_combo.currentData()),
            orientation=str(self.orientation_combo.currentData()),
            tile=self.tile.isChecked(),
            scale=self.scale_spin.value() / 100,
            cover=self.cover_check.isChecked(),
            summary=self.summary_check.isChecked(),
            dpi=int(self.dpi_combo.currentData()),
            transparent=bool(self.background_combo.currentData()),
            frame=self.frame_check.isChecked(),
            text_as_paths=self.outlines_check.isChecked(),
        )

    def _select(self, combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _flag(self, key: str, default: bool) -> bool:
        return bool(self.settings.value(f"export/{key}", default, type=bool))

    def _number(self, key: str, default: int) -> int:
        try:
            return int(str(self.settings.value(f"export/{key}", default)))
        except ValueError:
            return default

    def _load_settings(self) -> None:
        """Start from the last export's choices (landscape PDF at 300 DPI the first time)."""
        s = self.settings
        self._select(self.format_combo, s.value("export/format", "pdf"))
        self._select(self.page_combo, s.value("export/page", "A4"))
        before = LANDSCAPE if self._flag("landscape", True) else PORTRAIT
        self._select(self.orientation_combo, s.value("export/orientation", before))
        (self.tile if self._flag("tile", False) else self.fit).setChecked(True)
        self.scale_spin.setValue(self._number("scale", 100))
        self.cover_check.setChecked(self._flag("cover", False))
        self.summary_check.setChecked(self._flag("summary", False))
        self._select(self.dpi_combo, self._number("dpi", 300))
        self._select(self.background_combo, self._flag("transparent", False))
        self.frame_check.setChecked(self._flag("frame", True))
        self.outlines_check.setChecked(self._flag("outlines", True))
        everything = self.format() in WHOLE_PROJECT and self._flag("all_maps", False)
        self._select(self.map_combo, ALL_MAPS if everything else self.current_map_id)
        if self.map_combo.currentIndex() == 0 and not everything:
            self.map_combo.setCurrentIndex(min(1, self.map_combo.count() - 1))

    def save_settings(self) -> None:
        options, s = self.options(), self.settings
        s.setValue("export/format", self.format())
        s.setValue("export/page", options.page)
        s.setValue("export/orientation", options.orientation)
        s.setValue("export/tile", options.tile)
        s.setValue("export/scale", self.scale_spin.value())
        s.setValue("export/cover", options.cover)
        s.setValue("export/summary", options.summary)
        s.setValue("export/dpi", options.dpi)
        s.setValue("export/transparent", options.transparent)
        s.setValue("export/frame", options.frame)
        s.setValue("export/outlines", options.text_as_paths)
        s.setValue("export/all_maps", not options.maps)
        if self.last_path is not None:
            s.setValue("export/folder", str(self.last_path.parent))
        s.sync()

    def _changed(self) -> None:
        self._update_controls()
        self._timer.start()

    def _update_controls(self) -> None:
        """Offer only what applies to the chosen format."""
        pdf = self.format() == "pdf"
        whole = self.format() in WHOLE_PROJECT
        model = self.map_combo.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(0)
            if item is not None:
                item.setEnabled(whole)
        if not whole and self.map_combo.currentIndex() == 0 and self.map_combo.count() > 1:
            self._select(self.map_combo, self.current_map_id)
            if self.map_combo.currentIndex() == 0:
                self.map_combo.setCurrentIndex(1)
        self.paper_group.setEnabled(pdf)
        self.scale_spin.setEnabled(self.tile.isChecked())
        self.image_group.setEnabled(self.format() in ("png", "svg"))
        self.dpi_combo.setEnabled(self.format() == "png")
        self.outlines_check.setEnabled(self.format() == "svg")
        self.print_button.setEnabled(pdf)

    # Preview

    def refresh(self) -> None:
        """Redraw the preview and the summary for the current choices."""
        self._timer.stop()
        self._update_controls()
        try:
            if self.format() == "pdf":
                self._preview_pages()
            elif self.format() in ("xlsx", "csv"):
                self._describe_workbook()
            elif self.format() == "pptx":
                self._describe_deck()
            else:
                self._preview_image()
        except JourneyFileError as error:
            self.preview.show_image(QImage(), False)
            self.summary.setText(error.message(QCoreApplication.translate))

    def _preview_pages(self) -> None:
        options = self.options()
        sheets = self.source.sheets(options)
        self.page_count = len(sheets)
        self.page_index = max(0, min(self.page_index, self.page_count - 1))
        sheet = sheets[self.page_index]
        zoom = PREVIEW_SIDE / max(sheet.width, sheet.height)
        self.preview.show_image(sheet_image(sheet, self.source.qt_image, zoom), False)
        self.page_label.setText(
            self.tr("Page {0} of {1}").format(self.page_index + 1, self.page_count)
        )
        turned = {
            PORTRAIT: self.tr("portrait"),
            LANDSCAPE: self.tr("landscape"),
            AUTO: self.tr("automatic orientation"),
        }
        self.summary.setText(
            self.tr("Pages: {0}, {1} {2}").format(
                self.page_count, options.page, turned[options.orientation]
            )
        )
        self._pager(True)

    def _preview_image(self) -> None:
        options = self.options()
        map_id = self.source.map_ids(options, every=False)[0]
        frame = self.source.frame(map_id, options)
        framed = frame or self.source.picture(map_id)
        width, height = export.image_size(framed, 96)
        zoom = min(1.0, PREVIEW_SIDE / max(width, height))
        image = export.map_image(self.source, map_id, zoom, options.transparent, frame=frame)
        self.preview.show_image(image, options.transparent)
        if self.format() == "png":
            w, h = export.image_size(framed, options.dpi)
            cm = 2.54 / options.dpi
            self.summary.setText(
                self.tr("{0} × {1} pixels; {2:.1f} × {3:.1f} cm printed at {4} DPI").format(
                    w, h, w * cm, h * cm, options.dpi
                )
            )
        else:
            self.summary.setText(self.tr("{0} × {1} pixels at 100 %").format(width, height))
        self._pager(False)

    def _describe_workbook(self) -> None:
        """No picture for a workbook: its sheets are said in the preview area instead."""
        map_ids = self.source.map_ids(self.options(), every=True)
        cards = sum(len(self.document.cards(map_id)) for map_id in map_ids)
        self.preview.show_image(QImage(), False)
        if self.format() == "csv":
            self.summary.setText(
                self.tr("A CSV file of the {0} cards of {1} maps, one per row. No preview.").format(
                    cards, len(map_ids)
                )
            )
            self._pager(False)
            return
        self.summary.setText(
            self.tr(
                "A workbook with one sheet per map ({0}), laid out like the map, and a sheet "
                "of the {1} cards, one per row with every field. No preview."
            ).format(len(map_ids), cards)
        )
        self._pager(False)

    def _describe_deck(self) -> None:
        """No picture for a deck either: its slides are said instead."""
        map_ids = self.source.map_ids(self.options(), every=True)
        self.preview.show_image(QImage(), False)
        self.summary.setText(
            self.tr(
                "A 16:9 presentation: a cover, the {0} maps as shapes you can edit (a map too "
                "big to read on one slide is split over several), and the top pain points and "
                "opportunities. No preview."
            ).format(len(map_ids))
        )
        self._pager(False)

    def _pager(self, visible: bool) -> None:
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(visible)
        self.previous_button.setEnabled(self.page_index > 0)
        self.next_button.setEnabled(self.page_index < self.page_count - 1)

    def _turn(self, step: int) -> None:
        self.page_index += step
        self.refresh()

    # Exporting and printing

    def suggested_name(self) -> str:
        options = self.options()
        if options.maps:
            name = self.map_combo.currentText()
        else:
            name = self.document.project().name or self.document.path.stem
        return re.sub(r'[\\/:*?"<>|]+', "-", name).strip(" .-") or "journey"

    def choose_file_and_export(self) -> None:
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        folder = str(
            self.settings.value("export/folder", QStandardPaths.writableLocation(documents))
        )
        suffix = self.format()
        filters = {
            "pdf": self.tr("PDF documents (*.pdf)"),
            "png": self.tr("PNG images (*.png)"),
            "svg": self.tr("SVG drawings (*.svg)"),
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "pptx": self.tr("PowerPoint presentations (*.pptx)"),
            "csv": self.tr("CSV files (*.csv)"),
        }
        start = str(Path(folder) / f"{self.suggested_name()}.{suffix}")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export"), start, filters[suffix]
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(f"{path.name}.{suffix}")
        if self.export_to(path):
            self.accept()

    def export_to(self, path: Path | str) -> bool:
        """Write the export to `path`; a problem is shown to the person and gives False."""
        path = Path(path)
        try:
            with waiting():
                export.EXPORTS[self.format()](self.document, path, self.options(), self.source)
        except JourneyFileError as error:
            QMessageBox.warning(
                self, self.tr("Export failed"), error.message(QCoreApplication.translate)
            )
            return False
        self.last_path = path
        self.save_settings()
        return True

    def print_map(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        options = self.options()
        configure_printer(printer, options.page, options.landscape)
        printer.setDocName(self.suggested_name())
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        with waiting():
            export.print_map(self.document, printer, options, self.source)
        self.save_settings()
        self.accept()

    def done(self, result: int) -> None:
        """However the dialog ends, the next one opens with these choices."""
        self._timer.stop()
        self.save_settings()
        super().done(result)
