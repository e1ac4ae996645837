"""Measuring off the GUI thread: a worker in its own QThread makes the engine's job, runs
its steps when asked and hands results back by signal; the window only asks the job
for its progress and to cancel, the two calls the engine allows from another thread.

The job is made, run and closed in the worker's thread (DuckDB's connection is used from
that thread only); between `check` and `run` it stays open there, so that a person can
read the bad rows without the file being read again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing.document import translate
from journeyeditor.measure.sources import MeasureCancelled, Progress
from journeyeditor.store.errors import JourneyFileError

POLL_MS = 200
MIN_SECONDS_FOR_RATE = 0.5


class Job(Protocol):
    """What the worker needs of an engine job (`FunnelJob`, `EventNamesJob`, a survey)."""

    def cancel(self) -> None: ...
    def progress(self) -> Progress: ...
    def close(self) -> None: ...


class Worker(QObject):
    """Lives in its thread: `start(step)` makes the job on first use and runs one of its
    methods (`"check"`, `"run"`); the outcome comes back as `stepDone(step, value)`,
    `failed(message)` or `cancelled()`. After a failure or a cancel the job is closed."""

    stepDone = Signal(str, object)
    failed = Signal(str)
    cancelled = Signal()
    closed = Signal()
    _step = Signal(str)
    _close = Signal()

    def __init__(self, make_job: Callable[[], Job]) -> None:
        super().__init__()
        self._make_job = make_job
        self._job: Job | None = None
        self._lock = threading.Lock()
        self._cancel_asked = threading.Event()
        self._step.connect(self._run_step)
        self._close.connect(self._close_job)

    def start(self, step: str) -> None:
        """Run `step` in the worker's thread (queued: returns at once)."""
        self._step.emit(step)

    def finish(self) -> None:
        """Close the job in its thread, then `closed`."""
        self._close.emit()

    def cancel(self) -> None:
        """From the window's thread: stop whatever the job is doing."""
        self._cancel_asked.set()
        with self._lock:
            job = self._job
        if job is not None:
            job.cancel()

    def progress(self) -> Progress:
        with self._lock:
            job = self._job
        return job.progress() if job is not None else Progress("opening")

    @Slot(str)
    def _run_step(self, step: str) -> None:
        try:
            if self._cancel_asked.is_set():
                raise MeasureCancelled
            with self._lock:
                if self._job is None:
                    self._job = self._make_job()
                job = self._job
            if self._cancel_asked.is_set():
                job.cancel()  # asked while the job was being made
            value: Any = getattr(job, step)()
        except MeasureCancelled:
            self._close_job(quiet=True)
            self.cancelled.emit()
            return
        except JourneyFileError as error:
            self._close_job(quiet=True)
            self.failed.emit(error.message(translate))
            return
        except Exception as error:  # an engine failure a person must see
            self._close_job(quiet=True)
            self.failed.emit(first_line(error))
            return
        self.stepDone.emit(step, value)

    @Slot()
    def _close_job(self, quiet: bool = False) -> None:
        with self._lock:
            job, self._job = self._job, None
        if job is not None:
            job.close()
        if not quiet:
            self.closed.emit()


class WorkerThread(QObject):
    """A worker and the QThread it lives in; `stop()` closes the job there, then ends the
    thread and waits for it."""

    def __init__(self, make_job: Callable[[], Job], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qthread = QThread()
        self.qthread.setObjectName("measure")
        self.worker = Worker(make_job)
        self.worker.moveToThread(self.qthread)
        # Direct: the window's thread is waiting in stop(), it cannot run a queued quit.
        self.worker.closed.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        self.qthread.start()

    def stop(self) -> None:
        if self.qthread.isRunning():
            self.worker.cancel()
            self.worker.finish()
            self.qthread.wait()


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def rows_text(count: int) -> str:
    return f"{count:,}".replace(",", "\N{NARROW NO-BREAK SPACE}")


def duration_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return translate("MeasureProgress", "{h} h {m:02d} min").format(h=hours, m=minutes)
    if minutes:
        return translate("MeasureProgress", "{m} min {s:02d} s").format(m=minutes, s=seconds)
    return translate("MeasureProgress", "{s} s").format(s=seconds)


def phase_text(phase: str) -> str:
    texts = {
        "opening": translate("MeasureProgress", "Opening the file…"),
        "transcoding": translate("MeasureProgress", "Converting the file to UTF-8…"),
        "numbering": translate("MeasureProgress", "Numbering the lines…"),
        "checking": translate("MeasureProgress", "Checking the rows…"),
        "counting": translate("MeasureProgress", "Counting the event names…"),
        "computing": translate("MeasureProgress", "Computing the figures…"),
    }
    return texts.get(phase, phase)


class ProgressDialog(QDialog):
    """Rows read, rate and time left, polled from the job; Cancel asks the worker to stop
    and the dialog stays until the worker says it has (nothing is written meanwhile)."""

    cancelAsked = Signal()

    def __init__(self, title: str, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.phase = QLabel(phase_text("opening"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.rows = QLabel()
        self.rate = QLabel()
        self.left = QLabel()
        for widget in (self.phase, self.bar, self.rows, self.rate, self.left):
            layout.addWidget(widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.ask_cancel)
        layout.addWidget(self.buttons)
        self._started = time.monotonic()
        self._phase = ""
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def restart_clock(self) -> None:
        self._started = time.monotonic()

    def ask_cancel(self) -> None:
        """Cancel: the worker stops at once; the dialog closes when it has."""
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.phase.setText(self.tr("Cancelling…"))
        self.worker.cancel()
        self.cancelAsked.emit()

    def reject(self) -> None:
        """Escape or the window's close button cancel too; the flow closes the dialog."""
        if self.buttons.button(QDialogButtonBox.StandardButton.Cancel).isEnabled():
            self.ask_cancel()

    def poll(self) -> None:
        progress = self.worker.progress()
        if progress.phase != self._phase:
            self._phase = progress.phase
            self.restart_clock()  # each phase reads the file again from its start
            if self.buttons.button(QDialogButtonBox.StandardButton.Cancel).isEnabled():
                self.phase.setText(phase_text(progress.phase))
        self.show_progress(progress, time.monotonic() - self._started)

    def show_progress(self, progress: Progress, elapsed: float) -> None:
        if progress.fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(1000 * min(1.0, max(0.0, progress.fraction))))
        done, total = progress.rows_done, progress.rows_total
        if done is None:
            self.rows.setText(self.tr("Rows read: counting…"))
            self.rate.clear()
            self.left.clear()
            return
        if total:
            self.rows.setText(
                self.tr("Rows read: about {done} of {total}").format(
                    done=rows_text(done), total=rows_text(total)
                )
            )
        else:
            self.rows.setText(self.tr("Rows read: about {done}").format(done=rows_text(done)))
        if elapsed < MIN_SECONDS_FOR_RATE or done <= 0:
            self.rate.clear()
            self.left.clear()
            return
        self.rate.setText(
            self.tr("{rate} rows per second").format(rate=rows_text(round(done / elapsed)))
        )
        fraction = progress.fraction or 0.0
        if fraction > 0:
            left = elapsed * (1 - fraction) / fraction
            self.left.setText(self.tr("Time left: about {t}").format(t=duration_text(left)))
        else:
            self.left.clear()
