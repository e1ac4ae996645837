"""Errors a person can cause with a file, each with a message naming the file.

The store knows nothing of Qt, so messages are English templates marked with
QT_TRANSLATE_NOOP; the UI and the command line translate them through Qt.
"""

from __future__ import annotations

from pathlib import Path

from journeyeditor.marks import QT_TRANSLATE_NOOP

CONTEXT = "FileError"


class JourneyFileError(Exception):
    """Base of every file problem; `template` is the untranslated message."""

    template = QT_TRANSLATE_NOOP("FileError", "{file}: this file cannot be used.")
    exit_code = 1

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.message())

    def message(self, translate: object = None) -> str:
        """The message, translated by `translate(context, text)` when one is given."""
        template = self.template
        if callable(translate):
            template = translate(CONTEXT, template)
        return template.format(file=self.path.name, detail=self.detail)


class FileMissingError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file}: no such file.")
    exit_code = 2


class NotAJourneyFileError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError", "{file} is not a Journey Editor file ({detail}). Choose a .journey file."
    )
    exit_code = 3


class CorruptFileError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} is damaged ({detail}). Open a backup copy, or ask whoever sent it for it again.",
    )
    exit_code = 4


class InvalidContentError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} holds something Journey Editor cannot use ({detail}) and is refused; nothing "
        "was changed. Open a backup copy, or ask whoever sent it for it again.",
    )
    exit_code = 13


class DamagedElsewhereError(JourneyFileError):
    """A file open in a window that another program has since left unfit for use."""

    template = QT_TRANSLATE_NOOP(
        "FileError",
        "Another program changed {file} so that Journey Editor cannot use it ({detail}). "
        "This window writes nothing more to it until the file is sound again, and the map "
        "shown is the last sound one. Open a backup copy, or ask whoever changed the file.",
    )
    exit_code = 22


class ForeignSchemaError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} was changed outside Journey Editor and is refused for safety ({detail}).",
    )
    exit_code = 5


class AlteredSchemaError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} has had the rules of its tables changed outside Journey Editor ({detail}); "
        "its content cannot be trusted and it is refused. Ask whoever sent it for a copy "
        "saved by Journey Editor.",
    )
    exit_code = 12


class StrayJournalError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} has a leftover {detail} beside it that belongs to another file; SQLite "
        "would apply it and destroy {file}. Move {detail} away, then open {file} again.",
    )
    exit_code = 14


class NewerVersionError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} was made by a newer version of Journey Editor ({detail}). "
        "Update Journey Editor to open it.",
    )
    exit_code = 6


class FileLockedError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} is being written by another program. Close it there and try again.",
    )
    exit_code = 7


class ReadOnlyFileError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} is read-only ({detail}). Use Save As to keep your changes in another file.",
    )
    exit_code = 8


class FileGoneError(ReadOnlyFileError):
    """The open file was deleted, moved or replaced: SQLite still writes to what it has
    open and says only "read-only" or "I/O error", which would mislead."""

    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} was deleted, moved or replaced while it was open: this change was not "
        "written. Use Save As to keep your work in a new file.",
    )


class WriteFailedError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} could not be written ({detail}). Nothing was changed; "
        "free some disk space or choose another folder.",
    )
    exit_code = 9


class BadInterchangeError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be imported: {detail}.")
    exit_code = 10


class BadImageError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be used as an image: {detail}.")
    exit_code = 11


class OutputExistsError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError", "{file} already exists. Add --force to replace it, or choose another name."
    )
    exit_code = 15


class OutputIsInputError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} is {detail}, the file being read: writing there would destroy it. "
        "Choose another name.",
    )
    exit_code = 16


class EventSourceError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be read as events: {detail}.")
    exit_code = 17


class SurveySourceError(EventSourceError):
    """A survey file that cannot be read (the same exit code as events)."""

    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be read as a survey: {detail}.")


class StageMappingError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} is not a usable stage mapping: {detail}.")
    exit_code = 18


class BadEventRowsError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError",
        "{file} has {detail} rows that cannot be used (listed above); nothing was computed. "
        "Correct them, or add --skip-bad-rows to measure the other rows.",
    )
    exit_code = 19


class MergeError(JourneyFileError):
    template = QT_TRANSLATE_NOOP("FileError", "{file} cannot be merged: {detail}.")
    exit_code = 20


class MeasureImportError(JourneyFileError):
    template = QT_TRANSLATE_NOOP(
        "FileError", "{file} cannot take these figures: {detail}. Nothing was written."
    )
    exit_code = 21
