"""Starting the window: which file to open, where a never-named project lives, and the
process-wide duties of the real app: catching bugs (crash.py) and being the one app
that opens every file a later launch is given (ui/single_instance.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QStandardPaths, Qt
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from journeyeditor import crash, i18n, paint_threads, resources
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.store.files import is_same_file
from journeyeditor.ui import single_instance
from journeyeditor.ui.crash_dialog import CrashReporter

if TYPE_CHECKING:
    from journeyeditor.ui.main_window import MainWindow

ORGANIZATION = crash.ORGANIZATION
APPLICATION = crash.APPLICATION
CASCADE = QPoint(32, 32)
"""How far a new window sits from the last one, so it does not hide it exactly."""


def default_project_path() -> Path:
    """The project a person gets when they open no file: in their data folder."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "journeys.journey"


def ensure_default_project(language: str) -> Path:
    path = default_project_path()
    if not path.exists():
        plan = templates.template_plan(templates.DEFAULT, language)
        database.create_file(path, interchange.populate_from(plan))
    return path


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    crash.identify()
    paint_threads.keep_painting_serial()
    app = QApplication([sys.argv[0], *argv])
    app.setWindowIcon(QIcon(str(resources.ICON)))
    return app


class Windows(QObject):
    """The app's windows. A file handed over by a later launch is shown where it is
    already open (that window comes to the front), else in a new window, as a
    document app does; an empty hand-over brings the latest window to the front."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windows: list[MainWindow] = []

    def new_window(self) -> MainWindow:
        # Imported here: a second launch that only hands its file over never needs it.
        from journeyeditor.ui.main_window import MainWindow

        window = MainWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _obj=None, w=window: self.windows.remove(w))
        if self.windows:
            window.move(self.windows[-1].pos() + CASCADE)
        self.windows.append(window)
        return window

    def showing(self, path: Path) -> MainWindow | None:
        """The window that has `path` open, if any."""
        for window in self.windows:
            if window.document is not None and is_same_file(window.document.path, path):
                return window
        return None

    def open_files(self, paths: list[Path]) -> None:
        if not paths and self.windows:
            bring_forward(self.windows[-1])
        for path in paths:
            window = self.showing(path)
            if window is None:
                window = self.new_window()
                if not window.open_or_warn(path):
                    window.close()
                    continue
                window.show()
            bring_forward(window)


class FileOpenEvents(QObject):
    """Files the system asks the running app to open (macOS sends a document
    double-clicked in the Finder, or dropped on the Dock icon, as a FileOpen event, not
    as a new launch), opened like a file handed over by a later launch."""

    def __init__(self, windows: Windows) -> None:
        super().__init__(windows)
        self.windows = windows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.windows.open_files([Path(event.file())])
            return True
        return super().eventFilter(watched, event)


def bring_forward(window: MainWindow) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def open_first(windows: Windows, file: str | None, language: str) -> int | None:
    """The window of a launch: its file, or the default project. An exit code when
    neither can be opened."""
    window = windows.new_window()
    if file is None or not window.open_or_warn(Path(file)):
        try:
            window.open_path(ensure_default_project(language))
        except JourneyFileError as error:
            QMessageBox.critical(
                window,
                QCoreApplication.translate("app", "Cannot open file"),
                error.message(QCoreApplication.translate),
            )
            return error.exit_code
    window.show()
    return None


def run_gui(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="journeyeditor")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    args = parser.parse_args(list(argv))
    files = [] if args.file is None else [Path(args.file)]
    if single_instance.enabled() and single_instance.hand_over(files):
        return 0
    app = make_application([])
    language = args.lang or i18n.system_language()
    i18n.install(app, language)
    try:
        log: Path | None = crash.start_logging()
    except OSError:
        log = None
    hooks = crash.Hooks(CrashReporter(log, app).report)
    hooks.install()
    try:
        windows = Windows(app)
        app.installEventFilter(FileOpenEvents(windows))
        if single_instance.enabled():
            server = single_instance.Server(parent=app)
            server.filesArrived.connect(windows.open_files)
            server.listen()
        try:
            refused = open_first(windows, args.file, language)
        except Exception as error:
            hooks.handle("start-up", (type(error), error, error.__traceback__))
            refused = None if windows.windows else crash.EXIT_SOFTWARE
            if refused is not None:
                app.exec()  # until the person closes the dialog
            else:
                bring_forward(windows.windows[-1])
        if refused is not None:
            return refused
        return app.exec()
    finally:
        hooks.uninstall()
