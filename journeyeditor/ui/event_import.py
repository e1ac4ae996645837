"""Data → Import Events…: a file, its preview and columns, its event names counted, the
stages mapped, the funnel measured (check, bad rows, run) in a worker thread, then the
figures applied as one undo step. Every step can be cancelled and nothing is written
before the last one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from journeyeditor.editing import measures
from journeyeditor.editing.document import Document, translate
from journeyeditor.measure.funnel import FunnelJob, FunnelResult, StageRule
from journeyeditor.measure.preview import EventNames, EventNamesJob
from journeyeditor.measure.sources import ColumnMapping, FileSource, SourceCheck
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.ui.import_preview import ImportPreviewDialog
from journeyeditor.ui.measure_run import MeasureRun
from journeyeditor.ui.stage_mapping import StageMappingDialog, saved_mapping

EVENTS_FILTER = "CSV, Parquet (*.csv *.txt *.tsv *.parquet *.pq);;*"

Apply = Callable[["Measured"], bool]
"""Writes the figures as one undo step; whether it did."""


@dataclass(frozen=True)
class Measured:
    """Everything an import found, for the command that keeps it: `rules` keyed by stage
    id (`editing.measures`)."""

    map_id: int
    source: FileSource
    columns: ColumnMapping
    rules: tuple[StageRule, ...]
    check: SourceCheck
    result: FunnelResult


def apply_events(document: Document, measured: Measured, parent: QWidget | None) -> bool:
    """The figures, the mapping and the run as one undo step (`measures.apply_funnel`);
    a refusal is shown and nothing is written."""
    try:
        command = measures.apply_funnel(
            document,
            measured.map_id,
            measured.result,
            measured.columns,
            measured.source.path.name,
            rows=measured.check.rows,
            bad_rows=measured.check.bad.total,
        )
    except ValueError as error:  # MeasureRefused, translated
        QMessageBox.warning(parent, translate("EventImport", "Import events"), str(error))
        return False
    return document.push(command)


class EventImport(QObject):
    """One import, step by step; `finished(applied)` at the end, whatever happened."""

    finished = Signal(bool)

    def __init__(
        self,
        document: Document,
        map_id: int,
        apply: Apply | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`apply`: `apply_events` by default; the mapping the map keeps is offered."""
        super().__init__(parent)
        self.document = document
        self.map_id = map_id
        self.apply = apply or (lambda measured: apply_events(document, measured, parent))
        self.saved = saved_mapping(document, map_id) or {}
        self.parent_widget = parent
        self.run: MeasureRun | None = None
        self.source: FileSource | None = None
        self.names: EventNames | None = None
        self.rules: tuple[StageRule, ...] = ()
        self.work_parent: Path | None = None
        """Where the engine's temporary folder goes (the system's by default)."""

    def columns(self) -> ColumnMapping:
        assert self.source is not None and self.source.mapping is not None
        return self.source.mapping

    def title(self) -> str:
        return translate("EventImport", "Import events")

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.title(),
            str(self.document.path.parent),
            EVENTS_FILTER,
        )
        if name:
            self.open_file(Path(name))
        else:
            self.finished.emit(False)

    def preview_dialog(self, path: Path) -> ImportPreviewDialog:
        return ImportPreviewDialog(path, self.saved, self.parent_widget)

    def open_file(self, path: Path) -> None:
        """The preview; on OK, count the file's event names."""
        try:
            dialog = self.preview_dialog(path)
        except (JourneyFileError, OSError) as error:
            self._refuse(error)
            return
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        source = dialog.source()  # read before the dialog goes
        dialog.deleteLater()
        if accepted:
            self.count_names(source)
        else:
            self.finished.emit(False)

    def count_names(self, source: FileSource) -> None:
        self.source = source
        self.run = MeasureRun(
            lambda: EventNamesJob(source, self.columns().event, work_parent=self.work_parent),
            ["run"],
            self.title(),
            self.parent_widget,
        )
        self.run.succeeded.connect(lambda results: self.choose_stages(results["run"]))
        self.run.ended.connect(lambda _outcome: self.finished.emit(False))
        self.run.start()

    def mapping_dialog(self, names: EventNames) -> StageMappingDialog:
        return StageMappingDialog(
            self.document, self.map_id, self.columns(), names, self.saved, self.parent_widget
        )

    def choose_stages(self, names: EventNames) -> None:
        """The stage mapping; on OK, measure."""
        self.names = names
        dialog = self.mapping_dialog(names)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        rules = dialog.job_rules()
        dialog.deleteLater()
        if accepted:
            self.measure(rules)
        else:
            self.finished.emit(False)

    def measure(self, rules: tuple[StageRule, ...]) -> None:
        """Check then run the funnel in the worker (`rules` keyed by stage id); the bad
        rows are shown between."""
        source = self.source
        assert source is not None
        self.rules = rules
        self.run = MeasureRun(
            lambda: FunnelJob(source, rules, self.work_parent),
            ["check", "run"],
            self.title(),
            self.parent_widget,
        )
        self.run.succeeded.connect(self._measured)
        self.run.ended.connect(lambda _outcome: self.finished.emit(False))
        self.run.start()

    def _measured(self, results: dict[str, Any]) -> None:
        measured = Measured(
            self.map_id,
            self.source_checked(),
            self.columns(),
            self.rules,
            results["check"],
            results["run"],
        )
        self.finished.emit(self.apply(measured))

    def source_checked(self) -> FileSource:
        assert self.source is not None
        return self.source

    def _refuse(self, error: JourneyFileError | OSError) -> None:
        message = error.message(translate) if isinstance(error, JourneyFileError) else str(error)
        QMessageBox.warning(self.parent_widget, self.title(), message)
        self.finished.emit(False)
