"""An SQLAlchemy engine over one already-checked sqlite3 connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

WRITE: dict[str, Any] = {"journeyeditor_write": True}
"""Execution options of a transaction that will write: it takes the write lock at once."""


def make_engine(raw: sqlite3.Connection) -> Engine:
    """Engine whose every transaction is a real `BEGIN` … `COMMIT`.

    The sqlite3 module's implicit transactions are switched off so that reads and DDL
    belong to the transaction too: an edit or a migration lands whole or not at all.
    A transaction opened with the `WRITE` options starts with `BEGIN IMMEDIATE`, so an
    edit never fails half-way for want of the lock; reads start with a plain `BEGIN`
    and so go on while another program writes, as SQLite allows.
    """
    raw.isolation_level = None
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("journeyeditor_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that writes, holding the write lock from its start."""
    with engine.connect() as connection:
        connection.execution_options(**WRITE)
        with connection.begin():
            yield connection
