"""A bug in a slot, a thread or the start-up: a dialog in plain words with the details and
the log's path, the document as consistent as before, and the app carries on.

The hooks are installed here by hand, as the real start does (app.run_gui), and taken
off after each test, so pytest-qt's own capture stays on for every other test.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from journeyeditor import crash
from journeyeditor.editing import edits
from journeyeditor.editing.operations import Update
from journeyeditor.model import Card
from journeyeditor.ui.crash_dialog import CrashDialog, CrashReporter
from journeyeditor.ui.main_window import MainWindow

from helpers.projects import child_environment

STARTUP_CHILD = Path(__file__).resolve().parent.parent / "helpers" / "startup_crash_child.py"


@pytest.fixture
def log(qapp: QApplication) -> Iterator[Path]:
    """The app's hooks and log, as the real start installs them; removed afterwards."""
    path = crash.start_logging()
    hooks = crash.Hooks(CrashReporter(path, qapp).report)
    hooks.install()
    yield path
    hooks.uninstall()
    crash.stop_logging(path)
    for dialog in dialogs():
        dialog.close()


def dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def shown(qtbot: QtBot) -> CrashDialog:
    qtbot.waitUntil(lambda: len(dialogs()) == 1, timeout=5_000)
    return dialogs()[0]


@pytest.fixture
def window(sample_file: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_or_warn(sample_file)
    main.show()
    yield main
    main.close()


def test_a_failing_action_shows_the_dialog_and_changes_nothing(
    window: MainWindow, log: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete with every card selected, while building the command fails."""
    document, scene = window.document, window.scene
    assert document is not None and scene is not None
    before = document.export_json()

    def broken(*_args: Any) -> None:
        raise RuntimeError("injected failure in delete_cards")

    monkeypatch.setattr(edits, "delete_cards", broken)
    window.select_all()
    assert scene.selected_cards()
    window.delete_action.trigger()
    dialog = shown(qtbot)
    assert "RuntimeError: injected failure in delete_cards" in dialog.what.text()
    assert str(log) in dialog.log.text()
    assert document.export_json() == before
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text
    dialog.copy_button.click()
    details = QGuiApplication.clipboard().text()
    assert "in broken" in details and "Journey Editor" in details and "Qt " in details
    dialog.close()
    assert dialogs() == []
    monkeypatch.undo()
    assert scene.delete_selection(), "the window carries on working"
    assert document.cards(scene.map_id or 0) == []


def test_a_slot_failing_for_each_signal_of_an_edit_is_one_dialog(
    window: MainWindow, log: Path, qtbot: QtBot
) -> None:
    """A view that fails on every card of an edit: the edit stands (it was committed and
    is on the undo stack), one dialog counts the repeats, undo still works."""
    document = window.document
    assert document is not None
    cards = document.cards(document.maps()[0].id)[:3]
    before = document.export_json()

    def failing_view(*_args: Any) -> None:
        raise ValueError("a view could not follow")

    document.cardChanged.connect(failing_view)
    assert document.push(edits.edit_cards(document, [c.id for c in cards], text="all three"))
    document.cardChanged.disconnect(failing_view)
    dialog = shown(qtbot)
    assert dialog.repeats == len(cards) - 1 and dialog.others == 0
    assert dialog.count.text() == f"The same problem again since: {len(cards) - 1}"
    assert all(document.get(Card, c.id).text == "all three" for c in cards)  # type: ignore[union-attr]
    assert document.stack.count() == 1
    assert log.read_text(encoding="utf-8").count("a view could not follow") >= len(cards)
    dialog.close()
    document.undo()
    assert document.export_json() == before


def test_a_failing_step_of_a_command_shows_the_dialog_and_leaves_the_file_as_it_was(
    window: MainWindow, log: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug inside a command itself (its second step raises): rolled back by the Document,
    logged, shown in the crash dialog (not as a message blaming the file); then on."""
    document = window.document
    assert document is not None
    document.errorOccurred.disconnect()  # the window's message box would wait for a click
    messages: list[str] = []
    document.errorOccurred.connect(messages.append)
    cards = document.cards(document.maps()[0].id)[:2]
    on_disk = document.path.read_bytes()
    before = document.export_json()
    original = Update.do
    calls = 0

    def second_fails(self: Update, session: Any, notices: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("injected failure in a step")
        original(self, session, notices)

    monkeypatch.setattr(Update, "do", second_fails)
    assert not document.push(edits.edit_cards(document, [c.id for c in cards], text="half"))
    dialog = shown(qtbot)
    assert calls == 2 and messages == []
    assert "RuntimeError: injected failure in a step" in dialog.what.text()
    assert dialog.undone.isVisibleTo(dialog) and str(log) in dialog.log.text()
    assert document.path.read_bytes() == on_disk and document.export_json() == before
    assert document.stack.count() == 0
    text = log.read_text(encoding="utf-8")
    assert "unexpected exception (edit)" in text and "second_fails" in text
    dialog.close()
    monkeypatch.undo()
    assert document.push(edits.edit_cards(document, [c.id for c in cards], text="whole"))
    assert [document.get(Card, c.id).text for c in cards] == ["whole", "whole"]  # type: ignore[union-attr]
    assert document.path.read_bytes() != on_disk and messages == [] and dialogs() == []


def test_a_full_disk_inside_an_edit_keeps_its_plain_message(
    window: MainWindow, log: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the file refuses is no bug: its own message, no crash dialog, nothing logged."""
    document = window.document
    assert document is not None
    document.errorOccurred.disconnect()
    messages: list[str] = []
    document.errorOccurred.connect(messages.append)
    card = document.cards(document.maps()[0].id)[0]
    before = document.export_json()

    def full(*_args: Any) -> None:
        raise OperationalError("UPDATE cards", {}, sqlite3.OperationalError("disk is full"))

    monkeypatch.setattr(Update, "do", full)
    assert not document.push(edits.edit_card(document, card.id, text="more"))
    qtbot.wait(50)
    assert dialogs() == [] and len(messages) == 1 and "disk is full" in messages[0]
    assert document.export_json() == before
    assert "unexpected exception" not in log.read_text(encoding="utf-8")


def test_a_thread_failure_shows_the_dialog(log: Path, qtbot: QtBot) -> None:
    def work() -> None:
        raise OSError("injected failure in a thread")

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    dialog = shown(qtbot)
    assert "OSError: injected failure in a thread" in dialog.what.text()
    assert "(thread)" in log.read_text(encoding="utf-8")


def test_other_failures_are_counted_on_the_open_dialog(log: Path, qtbot: QtBot) -> None:
    del log
    for message in ("first", "second", "second"):
        try:
            raise KeyError(message)
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    dialog = shown(qtbot)
    assert "first" in dialog.what.text()
    assert (dialog.repeats, dialog.others) == (0, 2)


def test_a_failing_start_shows_the_dialog_and_exits_70(tmp_path: Path) -> None:
    """The real start (run_gui) with a window that cannot be made: the dialog is shown,
    closing it ends the app with EX_SOFTWARE."""
    result = subprocess.run(
        [sys.executable, str(STARTUP_CHILD)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**child_environment(), "JOURNEYEDITOR_SINGLE_INSTANCE": "0"},
    )
    assert result.returncode == crash.EXIT_SOFTWARE, result.stderr
    assert "dialog: RuntimeError: injected failure at start-up" in result.stdout
    assert "Traceback" not in result.stderr


class Relay(QObject):
    """A reporter whose own slot fails, as a broken dialog would."""

    failed = Signal(object)


def test_a_failing_report_is_logged_not_repeated(qapp: QApplication) -> None:
    """A fault in showing the dialog comes back to the hook through PySide (a slot that
    raised); it must end there, logged, not loop."""
    del qapp
    path = crash.start_logging()
    calls: list[crash.Failure] = []
    relay = Relay()

    def show(failure: crash.Failure) -> None:
        calls.append(failure)
        raise RuntimeError("the dialog itself failed")

    relay.failed.connect(show)
    hooks = crash.Hooks(relay.failed.emit)
    hooks.install()
    try:
        try:
            raise LookupError("first")
        except LookupError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        hooks.uninstall()
        crash.stop_logging(path)
    assert len(calls) == 1
    text = path.read_text(encoding="utf-8")
    assert "first" in text and "the dialog itself failed" in text
