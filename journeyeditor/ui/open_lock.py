"""A mark beside a file that a window has it open for editing (Qt's QLockFile).

Two editors of one file are safe (each edit is its own transaction, new rows are
renumbered, undo refuses rows someone else changed), but a person should know: the
second window to open a file is told who has it and may read it only, edit anyway,
or cancel. A mark left by a crashed process is recognised as stale and taken over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from journeyeditor.store.files import is_same_file


def lock_path(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}")


class OpenLock:
    """This window's mark on one file; released on close (or when the object goes)."""

    def __init__(self, path: Path) -> None:
        self._lock = QLockFile(str(lock_path(path)))
        self._lock.setStaleLockTime(0)

    def take(self) -> bool:
        """True when this window now holds the mark, or no mark can be made (read-only
        folder: nobody else could make one either); False when another holds it."""
        if self._lock.tryLock(0):
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def holder(self) -> tuple[int, str]:
        """Who holds the mark: process id and host name (0 and "" when unknown)."""
        pid, host, _app = self._lock.getLockInfo()
        return int(pid or 0), str(host or "")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def open_elsewhere(path: Path) -> bool:
    """Whether a Journey Editor window (this one included) has `path` open for editing:
    a new file written there would take the place of the one it edits, and its edits
    would go on into a file no longer there."""
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


def open_in_this_process(path: Path) -> bool:
    """Whether a main window of this program shows `path`, read-only ones included
    (they leave no mark beside the file). Dialogs are not asked: one left over from an
    earlier project would name a file no window shows any more."""
    for widget in QApplication.topLevelWidgets():
        if not isinstance(widget, QMainWindow) or not widget.isVisible():
            continue
        document = getattr(widget, "document", None)
        shown = getattr(document, "path", None)
        if isinstance(shown, Path) and is_same_file(path, shown):
            return True
    return False


def refuse_open_target(parent: QWidget, path: Path) -> bool:
    """Tell the person, and return True, when `path` (a file about to be written whole:
    a new project, Save As, a snapshot saved as a project) is open in a window of this
    program, or marked as open for editing by another."""
    if not open_in_this_process(path) and not open_elsewhere(path):
        return False
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("OpenLock", "File open"),
        QCoreApplication.translate(
            "OpenLock", "{0} is open in Journey Editor. Choose another file."
        ).format(path.name),
    )
    return True
