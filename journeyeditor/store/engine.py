"""An SQLAlchemy engine over one already-checked sqlite3 connection."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def make_engine(raw: sqlite3.Connection, *, writer: bool = True) -> Engine:
    """Engine whose every transaction is a real `BEGIN` … `COMMIT`.

    The sqlite3 module's implicit transactions are switched off so that reads and
    DDL belong to the transaction too: an edit or a migration lands whole or not at all.
    A writer takes the write lock at once (`BEGIN IMMEDIATE`), so an edit never fails
    half-way for want of it; a read-only connection may not ask for it.
    """
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    raw.isolation_level = None
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: object) -> None:
        connection.exec_driver_sql(begin)  # type: ignore[attr-defined]

    return engine
