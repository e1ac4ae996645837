"""Fixtures for the window, panel and inspector tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from journeyeditor.model import Persona
from journeyeditor.ui.main_window import MainWindow

from helpers.projects import reopened

T = TypeVar("T")


class Disk:
    """The file as another program would see it now: each read opens it afresh."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, entity: type[T], row_id: int) -> T | None:
        with reopened(self.path) as document:
            return document.get(entity, row_id)

    def personas(self) -> list[Persona]:
        with reopened(self.path) as document:
            return document.personas()

    def value(self, table: str, column: str, row_id: int) -> Any:
        """One cell read with plain sqlite3 on a connection of its own, not the app's."""
        uri = f"file:{self.path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            row = connection.execute(
                f"SELECT {column} FROM {table} WHERE id = ?",
                (row_id,),
            ).fetchone()
        if row is None:
            raise LookupError(f"no {table} {row_id}")
        return row[0]

    def rows(self, table: str) -> int:
        uri = f"file:{self.path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def disk(sample_file: Path) -> Disk:
    return Disk(sample_file)


@pytest.fixture
def window(sample_file: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    """The real main window on a fresh copy of the sample project, shown and active."""
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1600, 1000)
    main.open_path(sample_file)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    yield main
    main.close()
