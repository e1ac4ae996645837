"""Loading the interface's translations (Qt Linguist .qm files) for a language.

Qt is imported only when it is needed: the command line reads the language from the
environment as Qt does on Linux, prints English without loading QtCore at all, and looks
its messages up in the same .qm file through `journeyeditor.qm` (`use_catalogue`) when
the sub-command never loads Qt otherwise.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from journeyeditor import qm, resources

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

LANGUAGES = ("en", "fr")

Translate = Callable[[str, str], str]


def _untranslated(context: str, text: str) -> str:
    del context
    return text


_translate: Translate = _untranslated
_language = "en"


def interface_language() -> str:
    """The language `install` set the interface to ("en" before it), for figures and
    dates the interface writes itself (grouped thousands, decimal mark)."""
    return _language


def translate(context: str, text: str) -> str:
    """`text` in the language `install` set up (Qt's translation), else as written."""
    return _translate(context, text)


@lru_cache(maxsize=4)
def _translator(language: str) -> QTranslator | None:
    """Our translation for `language`, loaded once and not installed (None for English)."""
    if language == "en":
        return None
    from PySide6.QtCore import QTranslator

    candidate = QTranslator()
    return candidate if candidate.load(str(resources.translation(language))) else None


def in_language(context: str, text: str, language: str) -> str:
    """`text` in `language` whatever the interface's, English when there is no translation:
    words written into or drawn on a map follow its project's language."""
    found = _translator(language)
    return (found.translate(context, text) if found else "") or text


def environment_locale() -> str:
    """The locale Qt's `QLocale.system()` takes from the environment on Linux.

    LC_ALL, else LC_MESSAGES, else LANG; unless that is empty, C or POSIX, the first
    entry of LANGUAGE (when not empty) comes before it.
    """
    env = os.environ
    name = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    if name in ("", "C", "POSIX"):
        return "C"
    return env.get("LANGUAGE", "").split(":")[0] or name


def system_language() -> str:
    """The interface language to use: French for a French locale, else English."""
    if sys.platform.startswith("linux"):
        name = environment_locale()
    else:  # elsewhere Qt asks the system's own settings
        from PySide6.QtCore import QLocale

        name = QLocale.system().name()
    language = re.split(r"[_.@-]", name)[0]
    return language if language in LANGUAGES else "en"


def use_catalogue(language: str) -> bool:
    """Translate `translate`'s messages into `language` from our .qm file, read without Qt
    (as Qt's translator would: `install` may follow and answers the same); English, or a
    file that cannot be read, leaves the messages as written."""
    global _translate, _language
    if language == "en":
        return False
    try:
        catalogue = qm.read(resources.translation(language))
    except (OSError, qm.QmError):
        return False

    def lookup(context: str, text: str) -> str:
        return catalogue.get((context, text), text)

    _translate = lookup
    _language = language
    return True


def install(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Install our translator for `language` (the system's when None); English needs none."""
    global _translate, _language
    language = language or system_language()
    if language == "en":
        return None
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)  # Qt's own buttons: OK, Cancel, Yes, No…
    translator = QTranslator(app)
    if translator.load(str(resources.translation(language))):
        app.installTranslator(translator)
        _translate = QCoreApplication.translate
        _language = language
        return translator
    return None
