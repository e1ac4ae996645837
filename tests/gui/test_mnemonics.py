"""Keyboard mnemonics (the underlined letter, Alt+letter) of the menu bar and of each
menu are unique in every interface language: a letter shared by two entries makes
Alt+letter cycle between them instead of opening the one a person reads."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from journeyeditor.ui.main_window import MainWindow

from helpers.interface import interface_in


def mnemonic(text: str) -> str | None:
    """The letter after a single `&` (a doubled `&&` is a plain ampersand)."""
    at = text.replace("&&", "").find("&")
    plain = text.replace("&&", "")
    return plain[at + 1].casefold() if 0 <= at < len(plain) - 1 else None


def clashes(owner: QWidget) -> dict[str, list[str]]:
    """Entries of one menu (or the menu bar) sharing a mnemonic, by letter."""
    texts = [a.text() for a in owner.actions() if a.isVisible() and not a.isSeparator()]
    letters = Counter(letter for text in texts if (letter := mnemonic(text)))
    return {
        letter: [text for text in texts if mnemonic(text) == letter]
        for letter, count in letters.items()
        if count > 1
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_menu_mnemonics_are_unique(
    qapp: QCoreApplication,
    qtbot: QtBot,
    sample_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    with contextlib.ExitStack() as stack:
        if language != "en":
            stack.enter_context(interface_in(qapp, language, monkeypatch))
        window = MainWindow()
        qtbot.addWidget(window)
        window.open_path(sample_file)
        bar = window.menuBar()
        found = {"menu bar": clashes(bar)}
        for action in bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                found[action.text()] = clashes(menu)
        window.close()
    assert {name: shared for name, shared in found.items() if shared} == {}
