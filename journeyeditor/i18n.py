"""Loading the interface's translations (Qt Linguist .qm files) for a language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

FOLDER = Path(__file__).resolve().parent / "resources" / "translations"
LANGUAGES = ("en", "fr")


def system_language() -> str:
    """The interface language to use: French for a French locale, else English."""
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else "en"


def install(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Install our translator for `language` (the system's when None); English needs none."""
    language = language or system_language()
    if language == "en":
        return None
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)  # Qt's own buttons: OK, Cancel, Yes, No…
    translator = QTranslator(app)
    if translator.load(str(FOLDER / f"journeyeditor_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None
