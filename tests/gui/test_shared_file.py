"""One file in two windows or processes: the second is warned, each sees the other's edits."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits
from journeyeditor.model import Card
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.open_lock import OpenLock, lock_path

from helpers.interface import interface_in


@pytest.fixture
def first(sample_file: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    """A window that opened the file as a person does (so it holds the mark)."""
    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_or_warn(sample_file)
    main.show()
    yield main
    main.close()


def second_window(qtbot: QtBot) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    return main


Role = QMessageBox.ButtonRole
READ_ONLY, EDIT, CANCEL = Role.AcceptRole, Role.DestructiveRole, Role.RejectRole
WAIT_S = 5.0


def answer_with(role: QMessageBox.ButtonRole, seen: list[str]) -> None:
    """Click the button of `role` (not of a text: the interface may be French) in the
    next message box. When no box comes within WAIT_S, or it has no such button, the
    modal dialog is closed and an AssertionError raised (pytest-qt fails the test with
    it), so a wrong state fails at once instead of leaving the box waiting for ever."""
    deadline = time.monotonic() + WAIT_S

    def give_up(why: str) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()
        raise AssertionError(why)

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if time.monotonic() > deadline:
                give_up(f"no message box within {WAIT_S} s")
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button = next((b for b in box.buttons() if box.buttonRole(b) == role), None)
        if button is None:
            roles = [box.buttonRole(b).name for b in box.buttons()]
            give_up(f"the message box has no {role.name} button, only {roles}")
        else:
            button.click()

    QTimer.singleShot(20, click)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_second_window_is_warned_and_may_read_only(
    first: MainWindow,
    sample_file: Path,
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    assert lock_path(sample_file).exists()
    other = second_window(qtbot)
    seen: list[str] = []
    answer_with(READ_ONLY, seen)
    if language == "en":
        assert other.open_or_warn(sample_file)
    else:  # the buttons' words in French: the answer finds them all the same
        with interface_in(qapp, language, monkeypatch):
            assert other.open_or_warn(sample_file)
    assert len(seen) == 1 and "sample.journey" in seen[0]
    assert other.document is not None and other.document.read_only
    other.close()


def test_cancel_opens_nothing(first: MainWindow, sample_file: Path, qtbot: QtBot) -> None:
    other = second_window(qtbot)
    seen: list[str] = []
    answer_with(CANCEL, seen)
    assert not other.open_or_warn(sample_file)
    assert other.document is None and seen


def test_a_missing_button_fails_at_once(qtbot: QtBot) -> None:
    """The answer's own check: a box without the wanted button is closed and the test
    told, instead of the box waiting for a click that never comes."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Title", "Text", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    with qtbot.captureExceptions() as caught:
        answer_with(EDIT, [])
        box.exec()
    assert [str(error) for _kind, error, _tb in caught] == [
        "the message box has no DestructiveRole button, only ['RejectRole']"
    ]


def test_edit_anyway_and_each_window_sees_the_other(
    first: MainWindow, sample_file: Path, qtbot: QtBot
) -> None:
    other = second_window(qtbot)
    answer_with(EDIT, [])
    assert other.open_or_warn(sample_file)
    assert other.document is not None and not other.document.read_only
    assert first.document is not None and first.scene is not None
    map_id = first.scene.map_id
    card_id = next(iter(first.scene.card_data))
    assert other.document.push(edits.edit_card(other.document, card_id, text="from the other"))
    with qtbot.waitSignal(first.document.externallyChanged, timeout=5_000):
        pass
    assert first.scene.map_id == map_id
    assert first.scene.card_data[card_id].text == "from the other"
    assert "another window" in first.statusBar().currentMessage()
    stage, lane = first.scene.stages[0].id, first.scene.lanes[0].id
    assert first.document.push(edits.add_card(first.document, stage, lane, text="mine"))
    assert other.document.push(edits.add_card(other.document, stage, lane, text="theirs"))
    texts = [card.text for card in first.document.cell(stage, lane)]
    assert "mine" in texts and "theirs" in texts
    other.close()
    assert first.document.get(Card, card_id) is not None


def test_the_mark_goes_with_the_window(sample_file: Path, qtbot: QtBot) -> None:
    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_or_warn(sample_file)
    assert lock_path(sample_file).exists()
    main.close()
    assert not lock_path(sample_file).exists()


CRASHED_HOLDER = """
import os, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
os._exit(0)
"""


def test_mark_of_a_crashed_process_is_taken_over(sample_file: Path) -> None:
    path = lock_path(sample_file)
    subprocess.run([sys.executable, "-c", CRASHED_HOLDER, str(path)], check=True, timeout=60)
    assert path.exists(), "the crashed process left its mark"
    lock = OpenLock(sample_file)
    assert lock.take()
    lock.release()
