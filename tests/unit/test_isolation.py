"""The test set-up itself: headless Qt, private standard paths, fresh settings per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths


def test_qt_runs_headless(qapp: QCoreApplication) -> None:
    assert os.environ["QT_QPA_PLATFORM"] == os.environ.get(
        "JOURNEYEDITOR_TEST_QPA_PLATFORM", "offscreen"
    )
    assert qapp is QCoreApplication.instance()


@pytest.mark.parametrize("step", ["write", "read"])
def test_settings_are_fresh_and_private(
    step: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The second test must not see what the first one wrote."""
    settings = QSettings()
    assert settings.value("isolation/marker") is None
    settings.setValue("isolation/marker", step)
    settings.sync()
    where = Path(settings.fileName()).resolve()
    assert where.is_relative_to(tmp_path_factory.getbasetemp().resolve()), where
    assert QCoreApplication.organizationName() == "JourneyEditorTests"


def test_standard_paths_are_private(tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.getbasetemp().resolve()
    for location in (
        QStandardPaths.StandardLocation.AppDataLocation,
        QStandardPaths.StandardLocation.ConfigLocation,
        QStandardPaths.StandardLocation.CacheLocation,
    ):
        folder = Path(QStandardPaths.writableLocation(location)).resolve()
        assert folder.is_relative_to(base), (location, folder)
