"""Fixtures for the window, panel and inspector tests."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.projects import make_project
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.model import Persona
from journeyeditor.render.drawing import Labels
from journeyeditor.ui.main_window import MainWindow

from helpers.canvas_driver import BIG_VIEW, bare_view
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

    def _query(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Rows read with plain sqlite3 on a read-only connection of its own, not the app's."""
        uri = f"file:{self.path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            return connection.execute(sql, parameters).fetchall()

    def value(self, table: str, column: str, row_id: int | None = None, **where: Any) -> Any:
        """One cell of the row with `row_id`, or of the one row matching `where`."""
        if row_id is not None:
            where = {"id": row_id, **where}
        test = " AND ".join(f"{name} = ?" for name in where)
        rows = self._query(f"SELECT {column} FROM {table} WHERE {test}", tuple(where.values()))
        if len(rows) != 1:
            raise LookupError(f"{len(rows)} rows in {table} where {where}")
        return rows[0][0]

    def image_digest(self, table: str, column: str, row_id: int) -> str | None:
        """The SHA-256 of the image a row points to by `column`, or None."""
        image_id = self.value(table, column, row_id)
        if image_id is None:
            return None
        data = self.value("image", "data", image_id)
        return hashlib.sha256(data).hexdigest()

    def rows(self, table: str) -> int:
        return int(self._query(f"SELECT count(*) FROM {table}", ())[0][0])


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


@pytest.fixture
def big_map(tmp_path: Path, qapp: object) -> Iterator[tuple[Document, MapView]]:
    """A 420-card map in a bare view of `BIG_VIEW`, larger than it both ways, at its
    top-left corner: what pinned headers and drags at the edges need."""
    document = Document.open(make_project(tmp_path / "cards.journey", 420))
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    view = bare_view(scene, *BIG_VIEW)
    view.centerOn(0.0, 0.0)
    QApplication.processEvents()
    yield document, view
    scene.clearSelection()  # its items let go of while Python is alive, not at its exit
    view.close()
    document.close()
