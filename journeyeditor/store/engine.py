"""An SQLAlchemy engine over one already-checked sqlite3 connection."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def make_engine(raw: sqlite3.Connection) -> Engine:
    """Engine whose every transaction is a real `BEGIN IMMEDIATE` … `COMMIT`.

    The sqlite3 module's implicit transactions are switched off so that reads and
    DDL belong to the transaction too: an edit or a migration lands whole or not at all.
    """
    raw.isolation_level = None
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]

    return engine
