"""One file in two windows or processes: the second is warned, each sees the other's edits."""

from __future__ import annotations

import subprocess
import sys
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


def answer_with(qtbot: QtBot, label: str, seen: list[str]) -> None:
    """Click the button whose text contains `label` in the next message box."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if label in b.text().replace("&", ""))
        button.click()

    QTimer.singleShot(20, click)


def test_second_window_is_warned_and_may_read_only(
    first: MainWindow, sample_file: Path, qtbot: QtBot
) -> None:
    assert lock_path(sample_file).exists()
    other = second_window(qtbot)
    seen: list[str] = []
    answer_with(qtbot, "read-only", seen)
    assert other.open_or_warn(sample_file)
    assert len(seen) == 1 and "sample.journey is already open" in seen[0]
    assert other.document is not None and other.document.read_only
    other.close()


def test_cancel_opens_nothing(first: MainWindow, sample_file: Path, qtbot: QtBot) -> None:
    other = second_window(qtbot)
    seen: list[str] = []
    answer_with(qtbot, "Cancel", seen)
    assert not other.open_or_warn(sample_file)
    assert other.document is None and seen


def test_edit_anyway_and_each_window_sees_the_other(
    first: MainWindow, sample_file: Path, qtbot: QtBot
) -> None:
    other = second_window(qtbot)
    answer_with(qtbot, "Edit anyway", [])
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
