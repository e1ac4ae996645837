"""Starting the window: which file to open, and where a never-named project lives."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from journeyeditor import __version__, i18n
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.errors import JourneyFileError

ORGANIZATION = "JourneyEditor"
APPLICATION = "Journey Editor"
ICON = Path(__file__).resolve().parent / "resources" / "icons" / "journeyeditor.svg"


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
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0], *argv])
    app.setWindowIcon(QIcon(str(ICON)))
    return app


def run_gui(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="journeyeditor")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    args = parser.parse_args(list(argv))
    app = make_application([])
    language = args.lang or i18n.system_language()
    i18n.install(app, language)
    from journeyeditor.ui.main_window import MainWindow

    window = MainWindow()
    if args.file is None or not window.open_or_warn(Path(args.file)):
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
    return app.exec()
