"""Data → Import Survey…: a survey file (one row per answer), its preview and columns,
checked and reduced to NPS, CES and verbatims per stage in a worker thread, then applied
as one undo step (`measures.apply_survey`) that also saves the columns chosen with the
map, to be chosen again at its next survey import. A row's stage is one of the map's stage
names or the text of one of that stage's touchpoint cards; any other is a bad row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import measures, survey_mapping
from journeyeditor.editing.document import Document, translate
from journeyeditor.measure.sources import FileSource, SourceCheck
from journeyeditor.measure.survey import SurveyColumns, SurveyJob, SurveyResult
from journeyeditor.model.limits import VERBATIMS_PER_STAGE_MAX
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.ui.import_preview import ColumnsPreviewDialog
from journeyeditor.ui.measure_run import MeasureRun
from journeyeditor.ui.stage_mapping import map_slots

SURVEY_FILTER = "CSV (*.csv *.txt *.tsv);;*"
VERBATIMS_DEFAULT = 5
EFFORT_SCALES = ((1.0, 7.0), (1.0, 5.0), (0.0, 10.0))


def survey_stages(document: Document, map_id: int) -> dict[str, tuple[str, ...]]:
    """Per stage id (decimal, as `measures` wants it): the stage's name and its touchpoint
    cards' texts; a name two stages share goes to the first."""
    seen: set[str] = set()
    stages: dict[str, tuple[str, ...]] = {}
    for stage, slot in zip(document.stages(map_id), map_slots(document, map_id), strict=True):
        names = []
        for name in (stage.name.strip(), *(text for _id, text in slot.cards)):
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        if names:
            stages[str(slot.stage_id)] = tuple(names)
    return stages


class SurveyPreviewDialog(ColumnsPreviewDialog):
    """Accepted with `source()` and `survey_columns()` ready for `SurveyJob`."""

    time_role = "answered"

    def __init__(
        self, path: Path, saved: SurveyColumns | None = None, parent: QWidget | None = None
    ) -> None:
        """`saved`: the columns this map's last survey import read; each is chosen again
        when the file has it (an optional one saved as none stays none), and its effort
        scale is chosen again."""
        title = translate("SurveyPreviewDialog", "Import survey: {name}")
        super().__init__(path, title.format(name=path.name), parent)
        self._saved = saved
        box = QGroupBox(self.tr("Scores and verbatims"))
        form = QFormLayout(box)
        self.effort_scale = QComboBox()
        scales = list(EFFORT_SCALES)
        if saved is not None and saved.effort_scale not in scales:
            scales.append(saved.effort_scale)
        for low, high in scales:
            self.effort_scale.addItem(f"{low:g}–{high:g}", (low, high))
        if saved is not None:
            self.effort_scale.setCurrentIndex(scales.index(saved.effort_scale))
        form.addRow(self.tr("Effort score from:"), self.effort_scale)
        self.verbatims = QSpinBox()
        self.verbatims.setRange(0, VERBATIMS_PER_STAGE_MAX)
        self.verbatims.setValue(VERBATIMS_DEFAULT)
        form.addRow(self.tr("Verbatims per stage (the most recent):"), self.verbatims)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        self.saved_note.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_note.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, box)  # above the buttons
        layout.insertWidget(layout.count() - 1, self.saved_note)
        self.start()

    def reread(self) -> None:
        """Read the rows again, and say which saved columns this file lacks."""
        super().reread()
        saved = self._saved
        missing = survey_mapping.missing_columns(saved, self.header) if saved else ()
        self.saved_note.setVisible(bool(missing))
        self.saved_note.setText(
            self.tr(
                "This file has no column {columns} of the columns saved with the map by its "
                "last survey import: choose the columns again."
            ).format(columns=", ".join(missing))
            if missing
            else ""
        )

    def roles(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        required = [
            ("stage", self.tr("Stage or touchpoint:")),
            ("nps", self.tr("NPS score (0–10):")),
            ("effort", self.tr("Effort score:")),
            ("text", self.tr("Free text:")),
        ]
        optional = [
            ("answered", self.tr("Answered on:")),
            ("segment", self.tr("Break down by:")),
        ]
        return required, optional

    def saved_choice(self, role: str) -> str | None:
        if self._saved is None:
            return None
        value = getattr(self._saved, role)
        return "" if value is None else str(value)  # "": saved as none, no guess

    def survey_columns(self) -> SurveyColumns:
        stage, nps, effort, text = (
            self.chosen(role) or "" for role in ("stage", "nps", "effort", "text")
        )
        low, high = self.effort_scale.currentData()
        return SurveyColumns(
            stage,
            nps,
            effort,
            text,
            answered=self.chosen("answered"),
            segment=self.chosen("segment"),
            effort_scale=(float(low), float(high)),
        )

    def source(self) -> FileSource:
        return FileSource(self.path, dialect=self.dialect)


@dataclass(frozen=True)
class Surveyed:
    """What a survey import found, for the command that keeps it."""

    map_id: int
    source: FileSource
    columns: SurveyColumns
    check: SourceCheck
    result: SurveyResult


def apply_survey(document: Document, surveyed: Surveyed, parent: QWidget | None) -> bool:
    """Figures, run and verbatims as one undo step; a refusal is shown, nothing written."""
    try:
        command = measures.apply_survey(
            document,
            surveyed.map_id,
            surveyed.result,
            surveyed.source.path.name,
            rows=surveyed.check.rows,
            bad_rows=surveyed.check.bad.total,
            segment_column=surveyed.columns.segment or "",
            columns=surveyed.columns,
        )
    except ValueError as error:  # MeasureRefused, translated
        QMessageBox.warning(parent, translate("SurveyImport", "Import survey"), str(error))
        return False
    return document.push(command)


class SurveyImport(QObject):
    """One survey import; `finished(applied)` at the end, whatever happened."""

    finished = Signal(bool)

    def __init__(
        self,
        document: Document,
        map_id: int,
        apply: Callable[[Surveyed], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.map_id = map_id
        self.apply = apply or (lambda surveyed: apply_survey(document, surveyed, parent))
        self.parent_widget = parent
        self.run: MeasureRun | None = None
        self.source: FileSource | None = None
        self.columns: SurveyColumns | None = None
        self.work_parent: Path | None = None

    def title(self) -> str:
        return translate("SurveyImport", "Import survey")

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.parent_widget, self.title(), str(self.document.path.parent), SURVEY_FILTER
        )
        if name:
            self.open_file(Path(name))
        else:
            self.finished.emit(False)

    def open_file(self, path: Path) -> None:
        saved = survey_mapping.saved_columns(self.document, self.map_id)
        try:
            dialog = SurveyPreviewDialog(path, saved, self.parent_widget)
        except (JourneyFileError, OSError) as error:
            message = (
                error.message(translate) if isinstance(error, JourneyFileError) else str(error)
            )
            QMessageBox.warning(self.parent_widget, self.title(), message)
            self.finished.emit(False)
            return
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = (dialog.source(), dialog.survey_columns(), dialog.verbatims.value())
        dialog.deleteLater()
        if accepted:
            self.measure(*chosen)
        else:
            self.finished.emit(False)

    def measure(self, source: FileSource, columns: SurveyColumns, verbatims: int) -> None:
        """Check then compute in the worker; the bad rows are shown between."""
        self.source, self.columns = source, columns
        stages = survey_stages(self.document, self.map_id)
        self.run = MeasureRun(
            lambda: SurveyJob(source, columns, stages, verbatims, self.work_parent),
            ["check", "run"],
            self.title(),
            self.parent_widget,
        )
        self.run.succeeded.connect(self._measured)
        self.run.ended.connect(self._ended)
        self.run.start()

    def _ended(self, _outcome: str) -> None:
        self.finished.emit(False)

    def _measured(self, results: dict[str, Any]) -> None:
        assert self.source is not None and self.columns is not None
        surveyed = Surveyed(
            self.map_id, self.source, self.columns, results["check"], results["run"]
        )
        self.finished.emit(self.apply(surveyed))
