"""What every measurement job shares: a session opened on first use, a check before
the work, cancel and progress from another thread, and nothing left behind.

A job is used as a context manager from a worker thread; `cancel()` and `progress()`
may be called from any other thread. A cancel or an error closes the job's session,
which removes everything it made (temporary copies, spill files, connections).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from journeyeditor.measure.sources import (
    MeasureCancelled,
    Progress,
    ReadSpec,
    Session,
    Source,
    SourceCheck,
    open_session,
)


class MeasureJob:
    """Opens its source lazily through `open_session` with the job's `spec` (None: the
    source's own mapping) and `numbered` choice; subclasses compute with `query`."""

    spec: ReadSpec | None = None
    numbered: bool = False

    def __init__(
        self,
        source: Source,
        work_parent: Path | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> None:
        self.source = source
        self._work_parent = work_parent
        self._on_phase = on_phase
        self._session: Session | None = None
        self._lock = threading.Lock()
        self._cancelled = threading.Event()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _open(self) -> Session:
        if self._cancelled.is_set():
            raise MeasureCancelled
        if self._session is None:
            session = open_session(
                self.source,
                self._work_parent,
                self._on_phase,
                self._cancelled,
                spec=self.spec,
                numbered=self.numbered,
            )
            with self._lock:
                self._session = session
        return self._session

    def check(self) -> SourceCheck:
        """Rows read, rows usable and the bad rows, before anything is computed."""
        try:
            return self._open().check()
        except BaseException:
            self.close()
            raise

    def query(self, make_sql: Callable[[Session], str]) -> list[tuple[Any, ...]]:
        """Run the SQL `make_sql` writes for the open session; a cancel or an error
        closes the job (nothing is left behind)."""
        try:
            session = self._open()
            return session.execute(make_sql(session))
        except BaseException:
            self.close()
            raise

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            session = self._session
        if session is not None:
            session.cancel()

    def progress(self) -> Progress:
        session = self._session
        return session.progress() if session is not None else Progress("opening")

    def close(self) -> None:
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
