"""One measuring run in the window: a job's steps in a worker thread, a progress dialog
with Cancel, and, after a `check` that found bad rows, the person's choice to import the
good rows or cancel. `succeeded` carries every step's result for the caller to apply as
one command; `ended` says the run stopped (cancelled, refused or failed) with nothing
written. The GUI thread never waits for the engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from journeyeditor.measure.sources import SourceCheck
from journeyeditor.ui.bad_rows_dialog import BadRowsDialog
from journeyeditor.ui.measure_worker import Job, ProgressDialog, WorkerThread


class MeasureRun(QObject):
    """Run `steps` of the job `make_job` builds (in the worker's thread), in order."""

    succeeded = Signal(object)
    """dict: step name → its result."""
    ended = Signal(str)
    """"cancelled", "refused" (bad rows) or "failed"; nothing was written."""

    def __init__(
        self,
        make_job: Callable[[], Job],
        steps: Sequence[str],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.steps = list(steps)
        self.results: dict[str, Any] = {}
        self.error = ""
        self.outcome = ""
        self.bad_rows_dialog: BadRowsDialog | None = None
        self.work = WorkerThread(make_job, self)
        self.worker = self.work.worker
        self.worker.stepDone.connect(self._step_done)
        self.worker.failed.connect(self._failed)
        # Bound methods, never lambdas: a lambda would run in the worker's thread.
        self.worker.cancelled.connect(self._cancelled)
        self.progress = ProgressDialog(title, self.worker, parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)

    def start(self) -> None:
        self.progress.show()
        self.worker.start(self.steps[0])

    @property
    def running(self) -> bool:
        return not self.outcome

    def cancel(self) -> None:
        """As the progress dialog's Cancel: the worker stops, then `ended("cancelled")`."""
        self.progress.ask_cancel()

    def abort(self) -> None:
        """Stop now and wait for the worker (the window is closing); `ended("cancelled")`."""
        if self.running:
            self.worker.cancel()
            self._end("cancelled")

    def _step_done(self, step: str, value: object) -> None:
        if not self.running:
            return  # reported after an abort
        self.results[step] = value
        index = self.steps.index(step)
        if step == "check" and isinstance(value, SourceCheck) and value.bad.total:
            self._review_bad_rows(value, self.steps[index + 1 :])
            return
        self._next(self.steps[index + 1 :])

    def _next(self, left: Sequence[str]) -> None:
        if left:
            self.progress.restart_clock()
            self.worker.start(left[0])
            return
        self._stop()
        self.outcome = "succeeded"
        self.succeeded.emit(self.results)

    def _review_bad_rows(self, check: SourceCheck, left: Sequence[str]) -> None:
        """The progress dialog steps aside for the bad rows; the job stays open."""
        self.progress.hide()
        dialog = BadRowsDialog(check, self.parent_widget)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.bad_rows_dialog = dialog

        def chosen(result: int) -> None:
            self.bad_rows_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.progress.show()
                self._next(left)
            else:
                self._end("refused")

        dialog.finished.connect(chosen)
        dialog.open()

    def _cancelled(self) -> None:
        self._end("cancelled")

    def _failed(self, message: str) -> None:
        if not self.running:
            return
        self.error = message
        title = self.progress.windowTitle()
        self._end("failed")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            self.tr("{message}\nNothing was changed.").format(message=message),
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _end(self, outcome: str) -> None:
        if not self.running:
            return  # a late report of a run already stopped
        self._stop()
        self.outcome = outcome
        self.ended.emit(outcome)

    def _stop(self) -> None:
        """Close the job in its thread and end the thread; close the progress dialog."""
        self.work.stop()
        self.progress.timer.stop()
        self.progress.done(0)
        self.progress.deleteLater()
