"""The window offers a write-protected file read-only, saying why (even to root)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.ui.main_window import MainWindow

from helpers.projects import sha256
from helpers.write_protect import ROOT, Unavailable, write_protected_file

Button = QMessageBox.StandardButton


@pytest.fixture
def protected(sample_file: Path) -> Iterator[Path]:
    try:
        with write_protected_file(sample_file):
            yield sample_file
    except Unavailable as why:
        if ROOT:
            pytest.fail(f"running as root and {why}: nothing would test write protection")
        pytest.skip(str(why))


@pytest.mark.parametrize("answer", [Button.Yes, Button.No])
def test_a_write_protected_file_is_offered_read_only(
    protected: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, answer: Button
) -> None:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> Button:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    before = sha256(protected)
    window = MainWindow()
    qtbot.addWidget(window)
    opened = window.open_or_warn(protected)
    assert len(asked) == 1
    assert asked[0].startswith(f"{protected.name} is read-only ("), asked
    assert "Save As" in asked[0] and asked[0].endswith("Open it to read and export only?")
    if answer == Button.Yes:
        assert opened and window.document is not None and window.document.read_only
        assert "(read-only)" in window.windowTitle()
        assert window.document.maps()
    else:
        assert not opened and window.document is None
    window.close()
    assert sha256(protected) == before
