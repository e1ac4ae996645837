"""Event sources: a CSV or Parquet file read streaming by DuckDB, or a table behind a
SQLAlchemy URL, each seen through a column mapping as one relation that SQL can query.

A `Session` owns everything a measurement leaves on the machine (a DuckDB connection
with its spill folder, a transcoded copy of a Windows-1252 file, a database connection)
and removes it on close, after a cancel or an error as after success.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.measure.csvdialect import UTF8_BOM, CsvDialect, detect_dialect, read_sample
from journeyeditor.measure.csvdialect import transcode_to_utf8 as _transcode
from journeyeditor.store.errors import EventSourceError

BAD_ROWS_LISTED = 100
DEFAULT_TABLE = "events"
MEMORY_LIMIT = "1GB"
THREADS = 2
_CHECK_EVERY = 10_000

REASON_CONTEXT = "BadRow"
REASONS = {
    "customer": QT_TRANSLATE_NOOP("BadRow", "no customer id"),
    "timestamp": QT_TRANSLATE_NOOP("BadRow", "the time cannot be read"),
    "event": QT_TRANSLATE_NOOP("BadRow", "no event name"),
    "columns": QT_TRANSLATE_NOOP("BadRow", "wrong number of columns"),
    "encoding": QT_TRANSLATE_NOOP("BadRow", "characters that are not in the file's encoding"),
    "other": QT_TRANSLATE_NOOP("BadRow", "the line cannot be read"),
}
_REJECT_REASONS = {
    "MISSING COLUMNS": "columns",
    "TOO MANY COLUMNS": "columns",
    "INVALID ENCODING": "encoding",
}


class MeasureCancelled(Exception):
    """The person cancelled; everything the work had made is already removed."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which source columns hold the customer, the time, the event name and segments."""

    customer: str
    timestamp: str
    event: str
    segments: tuple[str, ...] = ()

    def columns(self) -> tuple[str, ...]:
        return (self.customer, self.timestamp, self.event, *self.segments)


@dataclass(frozen=True)
class FileSource:
    """A CSV or Parquet file; `dialect` None means detect it (CSV only)."""

    path: Path
    mapping: ColumnMapping
    dialect: CsvDialect | None = None
    memory_limit: str = MEMORY_LIMIT
    threads: int = THREADS

    @property
    def is_parquet(self) -> bool:
        return self.path.suffix.lower() in (".parquet", ".pq")

    @property
    def name(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class SqlSource:
    """A table (`schema.table` allowed) in a database reached by a SQLAlchemy URL."""

    url: str
    table: str
    mapping: ColumnMapping

    @property
    def name(self) -> str:
        return self.table


Source = FileSource | SqlSource


@dataclass(frozen=True)
class BadRow:
    """A row that was left out: its line in the file (row in Parquet, None in a
    database), a key of REASONS, and its text as read."""

    line: int | None
    reason: str
    text: str = ""


@dataclass(frozen=True)
class BadRows:
    """The first BAD_ROWS_LISTED bad rows by line, and how many there are in all."""

    listed: tuple[BadRow, ...] = ()
    total: int = 0

    @property
    def unlisted(self) -> int:
        return self.total - len(self.listed)


@dataclass(frozen=True)
class SourceCheck:
    """What a first pass found: rows read, rows usable, rows left out and why."""

    rows: int
    good_rows: int
    bad: BadRows
    dialect: CsvDialect | None = None


@dataclass(frozen=True)
class Progress:
    """`fraction` in 0..1 when the engine tells (DuckDB does, a database does not);
    rows are estimated from the file's size and its first lines."""

    phase: str
    fraction: float | None = None
    rows_done: int | None = None
    rows_total: int | None = None


def quote(name: str) -> str:
    """An SQL identifier, quoted the way DuckDB and PostgreSQL both read it."""
    return '"' + name.replace('"', '""') + '"'


def quote_table(name: str) -> str:
    return ".".join(quote(part) for part in name.split(".", 1))


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Session(Protocol):
    """One open source: run SQL on it, check its rows, cancel, tell progress."""

    relation: str

    @property
    def source(self) -> Source: ...
    def execute(self, sql: str, phase: str = ...) -> list[tuple[Any, ...]]: ...
    def check(self) -> SourceCheck: ...
    def cancel(self) -> None: ...
    def progress(self) -> Progress: ...
    def close(self) -> None: ...


def open_session(
    source: Source,
    work_parent: Path | None = None,
    phase: Callable[[str], None] | None = None,
    cancelled: threading.Event | None = None,
) -> Session:
    """A DuckDB session for a file, a database session for a URL; close it when done.
    Setting `cancelled` stops the opening itself (a long transcoding)."""
    if isinstance(source, FileSource):
        return DuckDbSession(source, work_parent, phase, cancelled)
    return SqlSession(source, cancelled)


def _bad_row_sql(mapping: ColumnMapping) -> str:
    """CASE giving the reason a row cannot be used, NULL when it can."""
    customer = f"CAST({quote(mapping.customer)} AS VARCHAR)"
    event = f"CAST({quote(mapping.event)} AS VARCHAR)"
    return (
        f"CASE WHEN {customer} IS NULL OR trim({customer}) = '' THEN 'customer' "
        f"WHEN {quote(mapping.timestamp)} IS NULL THEN 'timestamp' "
        f"WHEN {event} IS NULL OR trim({event}) = '' THEN 'event' END"
    )


def _check_columns(name: str, found: Sequence[str], mapping: ColumnMapping) -> None:
    missing = [column for column in mapping.columns() if column not in found]
    if missing:
        raise EventSourceError(
            name,
            "no column {} (columns: {})".format(", ".join(missing), ", ".join(found)),
        )


class _Cancellable:
    """The cancel flag shared by both engines: set first, then the engine is stopped."""

    def __init__(self, cancelled: threading.Event | None = None) -> None:
        self._cancelled = cancelled or threading.Event()
        self._phase = "opening"

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise MeasureCancelled


class DuckDbSession(_Cancellable):
    """A file read by an in-memory DuckDB with bounded memory; its spill folder and any
    transcoded copy live in a private temporary folder removed on close."""

    def __init__(
        self,
        source: FileSource,
        work_parent: Path | None = None,
        phase: Callable[[str], None] | None = None,
        cancelled: threading.Event | None = None,
    ) -> None:
        super().__init__(cancelled)
        self.source = source
        self.relation = quote(DEFAULT_TABLE)
        self._on_phase = phase
        if not source.path.is_file():
            raise EventSourceError(source.path, "no such file")
        self._size = source.path.stat().st_size
        self._rows_estimate: int | None = None
        self._transcoded = 0
        self.workdir = Path(tempfile.mkdtemp(prefix="journeyeditor-measure-", dir=work_parent))
        self._con: duckdb.DuckDBPyConnection | None = None
        try:
            self.dialect = (
                None
                if source.is_parquet
                else source.dialect or detect_dialect(source.path, source.mapping.timestamp)
            )
            self._path = self._readable_path()
            self._con = duckdb.connect(
                ":memory:",
                config={
                    "memory_limit": source.memory_limit,
                    "threads": source.threads,
                    "temp_directory": str(self.workdir / "spill"),
                },
            )
            # query_progress() answers only with the progress bar on (never printed)
            self._con.execute("SET enable_progress_bar = true")
            self._con.execute("SET enable_progress_bar_print = false")
            self._create_view()
        except BaseException:
            self.close()
            raise

    def _set_phase(self, name: str) -> None:
        self.raise_if_cancelled()
        self._phase = name
        if self._on_phase is not None:
            self._on_phase(name)

    def _readable_path(self) -> Path:
        dialect = self.dialect
        if dialect is None:
            return self.source.path
        sample = read_sample(self.source.path)
        lines = max(1, sample.count(b"\n"))
        self._rows_estimate = max(0, round(self._size / max(1, len(sample)) * lines) - 1)
        if not dialect.needs_transcoding:
            return self.source.path
        self._set_phase("transcoding")
        target = self.workdir / "events-utf8.csv"

        def chunk(done: int) -> None:
            self._transcoded = done
            self.raise_if_cancelled()

        _transcode(self.source.path, target, dialect.encoding, chunk)
        return target

    def _create_view(self) -> None:
        assert self._con is not None
        path = literal(str(self._path))
        if self.dialect is None:
            ts = quote(self.source.mapping.timestamp)
            scan = (
                f"SELECT * REPLACE (TRY_CAST({ts} AS TIMESTAMP) AS {ts}) "
                f"FROM read_parquet({path}, file_row_number = true)"
            )
        else:
            scan = f"SELECT * FROM {self._read_csv(self.dialect, path)}"
        try:
            self._con.execute(f"CREATE TEMP VIEW {self.relation} AS {scan}")
            found = [row[0] for row in self._con.execute(f"DESCRIBE {self.relation}").fetchall()]
        except duckdb.Error as error:
            raise EventSourceError(self.source.path, str(error).splitlines()[0]) from error
        _check_columns(str(self.source.path), found, self.source.mapping)

    def _read_csv(self, dialect: CsvDialect, path: str) -> str:
        timestamp = self.source.mapping.timestamp
        if timestamp not in dialect.header:
            _check_columns(str(self.source.path), dialect.header, self.source.mapping)
        columns = ", ".join(
            f"{literal(name)}: {literal('TIMESTAMP' if name == timestamp else 'VARCHAR')}"
            for name in dialect.header
        )
        options = [
            f"delim = {literal(dialect.delimiter)}",
            "header = true",
            "quote = '\"'",
            f"columns = {{{columns}}}",
            f"decimal_separator = {literal(dialect.decimal)}",
            "store_rejects = true",
            "rejects_table = 'measure_rejects'",
            "rejects_scan = 'measure_reject_scans'",
        ]
        if dialect.timestamp_format:
            options.append(f"timestampformat = {literal(dialect.timestamp_format)}")
        return f"read_csv({path}, {', '.join(options)})"

    def execute(self, sql: str, phase: str = "computing") -> list[tuple[Any, ...]]:
        self._set_phase(phase)
        assert self._con is not None
        try:
            rows = self._con.execute(sql).fetchall()
        except duckdb.Error as error:
            if self.cancelled:
                raise MeasureCancelled from error
            raise EventSourceError(self.source.path, str(error).splitlines()[0]) from error
        self.raise_if_cancelled()  # an interrupt that came just before the query began
        return rows

    def check(self) -> SourceCheck:
        """Count rows and list bad ones: DuckDB's rejects (wrong column count, unreadable
        time) carry their line; rows DuckDB reads but that miss a customer, a time or an
        event name are found in a Python pass, only when there are some, to get theirs."""
        mapping = self.source.mapping
        counts = self.execute(
            f"SELECT count(*), count({_bad_row_sql(mapping)}) FROM {self.relation}", "checking"
        )
        rows, missing = (int(value) for value in counts[0])
        if self.dialect is None:
            listed = self._parquet_bad_rows(mapping)
            rejected = 0
        else:
            rejected, listed = self._rejects()
            if missing:
                found = {row.line: row for row in reversed(listed + self._csv_bad_rows())}
                listed = sorted(found.values(), key=_line)
        bad = BadRows(tuple(listed[:BAD_ROWS_LISTED]), missing + rejected)
        return SourceCheck(rows + rejected, rows - missing, bad, self.dialect)

    def _rejects(self) -> tuple[int, list[BadRow]]:
        assert self._con is not None
        latest = "scan_id = (SELECT max(scan_id) FROM measure_rejects)"
        total = self.execute(
            f"SELECT count(DISTINCT line) FROM measure_rejects WHERE {latest}", "checking"
        )
        found = self.execute(
            "SELECT line, min(error_type::VARCHAR), min(csv_line) FROM measure_rejects "
            f"WHERE {latest} GROUP BY line ORDER BY line LIMIT {BAD_ROWS_LISTED}",
            "checking",
        )
        listed = []
        for line, kind, text in found:
            reason = _REJECT_REASONS.get(kind, "other")
            if kind == "CAST":
                reason = "timestamp"
            listed.append(BadRow(int(line), reason, (text or "").strip("\r\n")))
        return int(total[0][0]), listed

    def _parquet_bad_rows(self, mapping: ColumnMapping) -> list[BadRow]:
        reason = _bad_row_sql(mapping)
        found = self.execute(
            f"SELECT file_row_number + 1, {reason} FROM {self.relation} "
            f"WHERE {reason} IS NOT NULL ORDER BY 1 LIMIT {BAD_ROWS_LISTED}",
            "checking",
        )
        return [BadRow(int(row), str(why)) for row, why in found]

    def _csv_bad_rows(self) -> list[BadRow]:
        """Lines DuckDB read whole but that miss a field; wrong widths are its rejects."""
        dialect = self.dialect
        assert dialect is not None
        header = dialect.header
        index = [header.index(name) for name in self.source.mapping.columns()[:3]]
        reasons = ("customer", "timestamp", "event")
        found: list[BadRow] = []
        with self._path.open(encoding=UTF8_BOM, newline="", errors="replace") as stream:
            reader = csv.reader(stream, delimiter=dialect.delimiter)
            next(reader, None)
            for count, row in enumerate(reader):
                if count % _CHECK_EVERY == 0:
                    self.raise_if_cancelled()
                if len(row) != len(header):
                    continue
                for position, reason in zip(index, reasons, strict=True):
                    if not row[position].strip():
                        text = dialect.delimiter.join(row)
                        found.append(BadRow(reader.line_num, reason, text))
                        break
                if len(found) >= BAD_ROWS_LISTED:
                    break
        return found

    def cancel(self) -> None:
        self._cancelled.set()
        con = self._con
        if con is not None:
            con.interrupt()

    def progress(self) -> Progress:
        total = self._rows_estimate
        fraction: float | None
        if self._phase == "transcoding":
            fraction = self._transcoded / max(1, self._size)
        else:
            con = self._con
            percent = con.query_progress() if con is not None else -1.0
            fraction = percent / 100 if percent >= 0 else None
        done = None if fraction is None or total is None else round(fraction * total)
        return Progress(self._phase, fraction, done, total)

    def close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            con.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _line(row: BadRow) -> int:
    return row.line or 0


class SqlSession(_Cancellable):
    """A table reduced where it lives: SQL is sent through the driver's own cursor, so
    that the text DuckDB runs reaches the server unchanged (SQLAlchemy's text() would
    read `:name` inside patterns as parameters), and cancel uses the driver's cancel."""

    def __init__(self, source: SqlSource, cancelled: threading.Event | None = None) -> None:
        super().__init__(cancelled)
        self.source = source
        self.relation = quote_table(source.table)
        try:
            self._engine = create_engine(source.url, poolclass=NullPool)
            self._raw: Any = self._engine.raw_connection()
        except (SQLAlchemyError, ImportError) as error:
            raise EventSourceError(source.table, _first_line(error)) from error
        try:
            cursor = self._run(f"SELECT * FROM {self.relation} WHERE 1 = 0")
            found = [column[0] for column in cursor.description or ()]
            cursor.close()
            _check_columns(source.table, found, source.mapping)
        except BaseException:
            self.close()
            raise

    def _run(self, sql: str) -> Any:
        self.raise_if_cancelled()
        cursor = self._raw.cursor()
        try:
            cursor.execute(sql)
        except Exception as error:
            cursor.close()
            self._raw.rollback()
            if self.cancelled:
                raise MeasureCancelled from error
            raise EventSourceError(self.source.table, _first_line(error)) from error
        return cursor

    def execute(self, sql: str, phase: str = "computing") -> list[tuple[Any, ...]]:
        self._phase = phase
        cursor = self._run(sql)
        try:
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
            self._raw.rollback()

    def check(self) -> SourceCheck:
        """Counts only: a table has no line numbers to list."""
        reason = _bad_row_sql(self.source.mapping)
        found = self.execute(f"SELECT count(*), count({reason}) FROM {self.relation}", "checking")
        rows, bad = (int(value) for value in found[0])
        return SourceCheck(rows, rows - bad, BadRows((), bad))

    def cancel(self) -> None:
        self._cancelled.set()
        driver = getattr(self._raw, "driver_connection", None)
        stop = getattr(driver, "cancel_safe", None) or getattr(driver, "cancel", None)
        if callable(stop):
            stop()

    def progress(self) -> Progress:
        return Progress(self._phase)

    def close(self) -> None:
        raw, self._raw = getattr(self, "_raw", None), None
        if raw is not None:
            raw.close()
        engine = getattr(self, "_engine", None)
        if engine is not None:
            engine.dispose()


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return re.sub(r"\s+", " ", text[0]) if text else type(error).__name__


__all__ = [
    "BAD_ROWS_LISTED",
    "REASONS",
    "REASON_CONTEXT",
    "BadRow",
    "BadRows",
    "ColumnMapping",
    "FileSource",
    "MeasureCancelled",
    "Progress",
    "Session",
    "SourceCheck",
    "SqlSource",
    "open_session",
]
