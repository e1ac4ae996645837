"""What a person sees when the app hits a bug: plain words, the details, the log; then on.

One dialog at a time: while it is open, further failures are logged and counted on it
(the same one again, or others), so a failing slot that runs for every card of a map,
or each signal of one edit, never opens a storm of dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.crash import Failure

TEXT_WIDTH = 460
"""Pixels the dialog's wrapped text is set in."""


class CrashDialog(QDialog):
    """The first failure in plain words, how often it (and others) came back, the log."""

    def __init__(self, failure: Failure, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failure = failure
        self.repeats = 0
        self.others = 0
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Journey Editor ran into a problem"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        headline = QLabel(
            self.tr(
                "<b>Something went wrong inside Journey Editor.</b><br>"
                "This is a fault in the program, not in what you did. Every edit you "
                "finished is already saved in your file, and you can carry on working."
            )
        )
        headline.setWordWrap(True)
        self.undone = QLabel(
            self.tr("The change you were making was not applied: the file is as it was before.")
        )
        self.undone.setWordWrap(True)
        self.undone.setVisible(failure.kind == "edit")
        self.what = QLabel(self.tr("What happened: {0}").format(failure.summary))
        self.what.setWordWrap(True)
        self.what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.hide()
        self.log = QLabel(
            self.tr("The details are also written to the log file:\n{0}").format(log)
            if log is not None
            else self.tr("The log file could not be written; use Copy details.")
        )
        self.log.setWordWrap(True)
        self.log.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        texts = QVBoxLayout()
        for widget in (headline, self.undone, self.what, self.count, self.log):
            texts.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        # Sized to its contents, the wrapped labels at a readable width.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in (headline, self.undone, self.what, self.count, self.log):
            label.setMinimumWidth(TEXT_WIDTH)

    def copy_details(self) -> None:
        """Traceback, version and platform, ready to paste into a bug report."""
        QGuiApplication.clipboard().setText(self.failure.details())
        self.copy_button.setText(self.tr("Copied"))

    def again(self, failure: Failure) -> None:
        """Another failure while this dialog is open: counted, not shown on its own."""
        if failure.signature == self.failure.signature:
            self.repeats += 1
        else:
            self.others += 1
        lines = []
        if self.repeats:
            lines.append(self.tr("The same problem again since: {0}").format(self.repeats))
        if self.others:
            lines.append(self.tr("Other problems since (see the log): {0}").format(self.others))
        self.count.setText("\n".join(lines))
        self.count.show()


class CrashReporter(QObject):
    """Takes failures from any thread to the GUI thread, and shows one dialog at a time."""

    _arrived = Signal(object)

    def __init__(self, log: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.dialog: CrashDialog | None = None
        self._arrived.connect(self._show)

    def report(self, failure: Failure) -> None:
        """Safe from any thread: a queued call when the failure is not in the GUI thread."""
        self._arrived.emit(failure)

    def _show(self, failure: object) -> None:
        assert isinstance(failure, Failure)
        if self.dialog is not None:
            self.dialog.again(failure)
            return
        self.dialog = CrashDialog(failure, self.log)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _closed(self) -> None:
        self.dialog = None
