"""Shared set-up for every test: a headless Qt, private folders and settings, sample files.

Qt's platform is chosen when the first QGuiApplication is made, and without a display
the default one aborts the whole run, so it is fixed here, before anything imports Qt.
It is *forced* to `offscreen` rather than `setdefault`-ed: a desktop session that
exports QT_QPA_PLATFORM=wayland or xcb would otherwise pop windows up (or abort under
CI without a display). To run the tests on another platform on purpose (say xcb under
`xvfb-run`), set JOURNEYEDITOR_TEST_QPA_PLATFORM, which wins.

The locale is pinned to C.UTF-8, so the interface language is English (tests that
want French ask for it explicitly). Qt's standard paths (where a never-named project
lives) follow the XDG variables, which point into a private temporary folder for each
test; QSettings is redirected the same way and cleared, so no test reads or writes a
person's real settings.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ["QT_QPA_PLATFORM"] = os.environ.get("JOURNEYEDITOR_TEST_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTEST_QT_API", "pyside6")
# The interface (and the command line's messages) follow the system's language; tests
# compare English text, so they run under a neutral locale wherever they are started.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)
# Qt paints on the calling thread, as in the app and the command line (paint_threads.py).
os.environ["QT_NO_GUI_THREADPOOL"] = "1"

# Until the per-test fixture below takes over (e.g. during collection), Qt and anything
# else that follows XDG see a private folder, removed when the run ends.
_SESSION_HOME = tempfile.mkdtemp(prefix="journeyeditor-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
for _variable in XDG_VARIABLES:
    os.environ[_variable] = os.path.join(_SESSION_HOME, _variable.lower())
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_SESSION_HOME, "runtime")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from journeyeditor.editing.document import Document  # noqa: E402
from journeyeditor.store import database, interchange, templates  # noqa: E402

TEST_ORGANIZATION = "JourneyEditorTests"
TEST_APPLICATION = "journeyeditor-tests"


@pytest.fixture(autouse=True)
def _private_paths_and_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Fresh XDG folders and empty QSettings for every test."""
    home = tmp_path_factory.mktemp("home")
    for variable in XDG_VARIABLES:
        folder = home / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    QCoreApplication.setOrganizationName(TEST_ORGANIZATION)
    QCoreApplication.setApplicationName(TEST_APPLICATION)
    settings_folder = home / "settings"
    settings_folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(settings_folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(settings_folder / "system"))
    settings = QSettings()
    settings.clear()
    settings.sync()
    yield home
    QSettings().clear()


def make_project(path: Path, template: str = "sample", language: str = "en") -> Path:
    """What `journeyeditor new PATH --template TEMPLATE --lang LANGUAGE` makes."""
    plan = templates.template_plan(template, language)
    database.create_file(path, interchange.populate_from(plan))
    return path


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """A fresh copy of the sample project (`journeyeditor new --template sample`)."""
    return make_project(tmp_path / "sample.journey")


@pytest.fixture
def document(sample_file: Path, qapp: QCoreApplication) -> Iterator[Document]:
    """The sample project open for editing; closed after the test."""
    del qapp
    opened = Document.open(sample_file)
    yield opened
    opened.close()


@pytest.fixture
def errors(document: Document) -> list[str]:
    """The messages the document tells a person (`errorOccurred`), in order."""
    found: list[str] = []
    document.errorOccurred.connect(found.append)
    return found


@pytest.fixture
def second(sample_file: Path, document: Document) -> Iterator[Document]:
    """A second editor of the same file (another window or process)."""
    del document
    editor = Document.open(sample_file)
    yield editor
    editor.close()
