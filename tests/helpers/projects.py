"""Small tools the tests share: file fingerprints, images, invariants, signal recording."""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PIL import Image as PilImage
from PySide6.QtCore import Signal

import journeyeditor
from journeyeditor.editing.document import Document
from journeyeditor.model import limits
from journeyeditor.store import content, database, interchange

Rows = Callable[[str], Iterable[tuple[Any, ...]]]

POSITIONED = content.CONTAINERS

SIGNALS = tuple(name for name, value in vars(Document).items() if isinstance(value, Signal))
# Emitted once after any committed step, whatever it changed: not a "fine-grained" signal.
GENERAL_SIGNALS = frozenset({"committed"})


def child_environment() -> dict[str, str]:
    """The environment for a Python child process that must run this very checkout.

    A script started by path has its own folder first on sys.path, not the working
    directory, so without this it would import whichever `journeyeditor` is installed
    (another worktree's, say) and test that instead.
    """
    root = str(Path(journeyeditor.__file__).resolve().parent.parent)
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir())


def png_bytes(width: int = 8, height: int = 6, color: str = "red") -> bytes:
    """A real PNG made by Pillow."""
    buffer = io.BytesIO()
    PilImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A well-formed PNG that *claims* width×height, with almost no pixel data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def export_file(path: Path) -> str:
    """The canonical JSON export of a file, read through a fresh read-only open."""
    journey = database.open_file(path, read_only=True)
    try:
        return interchange.export_text(journey.raw)
    finally:
        journey.close()


Contents = dict[str, list[tuple[Any, ...]]]


def table_contents(connection: sqlite3.Connection) -> Contents:
    """Every row of every table, in rowid order: a cheap, exact picture of a file."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


def file_contents(path: Path) -> Contents:
    """`table_contents` as another program reading the file now sees it."""
    connection = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)
    try:
        return table_contents(connection)
    finally:
        connection.close()


@contextmanager
def reopened(path: Path) -> Iterator[Document]:
    """A second, freshly opened (read-only) Document on the same file."""
    fresh = Document.open(path, read_only=True)
    try:
        yield fresh
    finally:
        fresh.close()


def position_problems(rows: Rows) -> list[str]:
    """Containers whose rows are not numbered exactly 0…n-1, or for cards, whose keys
    are not distinct integers from 0 to MAX_ORDER_KEY; empty when all is well."""
    problems = []
    for table, container in POSITIONED.items():
        columns = ", ".join((*container, "position"))
        groups: dict[tuple[Any, ...], list[int]] = {}
        for row in rows(f"SELECT {columns} FROM {table}"):
            groups.setdefault(tuple(row[:-1]), []).append(row[-1])
        for key, positions in groups.items():
            if table in content.KEYED:
                keyed = all(type(p) is int and 0 <= p <= limits.MAX_ORDER_KEY for p in positions)
                good = keyed and len(set(positions)) == len(positions)
            else:
                good = sorted(positions) == list(range(len(positions)))
            if not good:
                problems.append(f"{table} {key}: positions {sorted(positions)}")
    return problems


def mixed_cards(rows: Rows) -> int:
    """Cards whose stage and lane belong to different maps."""
    query = (
        "SELECT count(*) FROM card JOIN stage ON stage.id = card.stage_id "
        "JOIN lane ON lane.id = card.lane_id WHERE stage.map_id != lane.map_id"
    )
    return int(next(iter(rows(query)))[0])


def sqlite_rows(connection: sqlite3.Connection) -> Rows:
    return lambda sql: connection.execute(sql).fetchall()


def document_rows(document: Document) -> Rows:
    """Run raw SQL through the Document's session, ending the read at once."""

    def run(sql: str) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        result = [tuple(row) for row in document.session.execute(text(sql))]
        document.session.commit()
        return result

    return run


class SignalRecorder:
    """Records every signal a Document emits, as (name, args), in order."""

    def __init__(self, document: Document) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        for name in SIGNALS:
            getattr(document, name).connect(self._slot(name))

    def _slot(self, name: str) -> Callable[..., None]:
        def record(*args: Any) -> None:
            self.calls.append((name, tuple(args)))

        return record

    def clear(self) -> None:
        self.calls.clear()

    def names(self) -> set[str]:
        """Names of the fine-grained signals emitted (leaving out `committed`)."""
        return {name for name, _args in self.calls} - GENERAL_SIGNALS

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for emitted, args in self.calls if emitted == name]
