"""Event sources: a CSV or Parquet file read streaming by DuckDB, or a table behind a
SQLAlchemy URL, each seen through a column mapping as one relation that SQL can query.

A `Session` owns everything a measurement leaves on the machine (a DuckDB connection
with its spill folder, a transcoded copy of a Windows-1252 file, a database connection)
and removes it on close, after a cancel or an error as after success.
"""

from __future__ import annotations

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
from journeyeditor.measure.csvdialect import (
    LINE_COLUMN,
    NUMBERED_COLUMNS,
    PROBLEM_COLUMN,
    RAW_COLUMN,
    CsvDialect,
    detect_dialect,
    number_records,
    read_sample,
)
from journeyeditor.measure.csvdialect import transcode_to_utf8 as _transcode
from journeyeditor.store.errors import EventSourceError

BAD_ROWS_LISTED = 100
DEFAULT_TABLE = "events"
MEMORY_LIMIT = "256MB"
THREADS = 2
REASON_COLUMN = "je__reason"
TIME_TEXT_COLUMN = "je__time_text"
CHECKED_VIEW = "checked"

REASON_CONTEXT = "BadRow"
REASONS = {
    "customer": QT_TRANSLATE_NOOP("BadRow", "no customer id"),
    "timestamp": QT_TRANSLATE_NOOP("BadRow", "the time cannot be read"),
    "event": QT_TRANSLATE_NOOP("BadRow", "no event name"),
    "columns": QT_TRANSLATE_NOOP("BadRow", "wrong number of columns"),
    "encoding": QT_TRANSLATE_NOOP("BadRow", "characters that are not in the file's encoding"),
    "other": QT_TRANSLATE_NOOP("BadRow", "the line cannot be read"),
    "stage": QT_TRANSLATE_NOOP("BadRow", "the stage is not one of the map's"),
    "nps": QT_TRANSLATE_NOOP("BadRow", "the NPS score is not a whole number from 0 to 10"),
    "effort": QT_TRANSLATE_NOOP("BadRow", "the effort score is not a number on its scale"),
    "answered": QT_TRANSLATE_NOOP("BadRow", "the date cannot be read"),
}
_REJECT_REASONS = {
    "MISSING COLUMNS": "columns",
    "TOO MANY COLUMNS": "columns",
    "INVALID ENCODING": "encoding",
}


class MeasureCancelled(Exception):
    """The person cancelled; everything the work had made is already removed."""


class ReadSpec(Protocol):
    """What a job reads from a source: the columns it needs, the one read as a time
    (None: none), and why a row cannot be used, as an SQL CASE over those columns giving
    a key of REASONS, NULL when the row is good. In a checked view the time column holds
    the time read (NULL when it cannot be) and TIME_TEXT_COLUMN its text as written."""

    @property
    def time_column(self) -> str | None: ...
    def columns(self) -> tuple[str, ...]: ...
    def bad_row_sql(self) -> str: ...


@dataclass(frozen=True)
class ColumnMapping:
    """Which source columns hold the customer, the time, the event name and segments."""

    customer: str
    timestamp: str
    event: str
    segments: tuple[str, ...] = ()

    @property
    def time_column(self) -> str:
        return self.timestamp

    def columns(self) -> tuple[str, ...]:
        return (self.customer, self.timestamp, self.event, *self.segments)

    def bad_row_sql(self) -> str:
        """A row without a customer, a readable time or an event name."""
        customer = f"CAST({quote(self.customer)} AS VARCHAR)"
        event = f"CAST({quote(self.event)} AS VARCHAR)"
        return (
            f"CASE WHEN {customer} IS NULL OR trim({customer}) = '' THEN 'customer' "
            f"WHEN {quote(self.timestamp)} IS NULL THEN 'timestamp' "
            f"WHEN {event} IS NULL OR trim({event}) = '' THEN 'event' END"
        )


@dataclass(frozen=True)
class FileSource:
    """A CSV or Parquet file; `dialect` None means detect it (CSV only). `mapping` is the
    events' columns; a survey brings its own (`survey.SurveyColumns`) and needs none."""

    path: Path
    mapping: ColumnMapping | None = None
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
    spec: ReadSpec | None = None,
    numbered: bool = False,
) -> Session:
    """A DuckDB session for a file, a database session for a URL; close it when done.
    Setting `cancelled` stops the opening itself (a long transcoding). `spec` replaces
    the source's column mapping; `numbered` reads a file through its checked view from
    the start (every row keeps its line: LINE_COLUMN, and REASON_COLUMN says why it is
    bad), for work that needs lines, such as a survey's verbatims."""
    if isinstance(source, FileSource):
        return DuckDbSession(source, work_parent, phase, cancelled, spec, numbered)
    return SqlSession(source, cancelled)


def _check_columns(name: str, found: Sequence[str], mapping: ReadSpec) -> None:
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
    transcoded or numbered copy live in a private temporary folder removed on close.

    A CSV is first read straight (`relation`), the fast way. Its check counts rows and
    bad ones there; only when some are bad is the file copied once with line numbers
    (`csvdialect.number_records`) into a checked view (CHECKED_VIEW) that lists them by
    line in SQL. Nothing grows with the number of bad rows: DuckDB keeps at most one
    rejected row per scan, the list is a top-100 query and the rest a count. A Parquet
    file, and a CSV opened `numbered`, is read through its checked view from the start.
    """

    def __init__(
        self,
        source: FileSource,
        work_parent: Path | None = None,
        phase: Callable[[str], None] | None = None,
        cancelled: threading.Event | None = None,
        spec: ReadSpec | None = None,
        numbered: bool = False,
    ) -> None:
        super().__init__(cancelled)
        self.source = source
        self.relation = quote(DEFAULT_TABLE)
        self.checked: str | None = None
        spec = spec or source.mapping
        if spec is None:
            raise EventSourceError(source.path, "no columns given")
        self.spec: ReadSpec = spec
        self._on_phase = phase
        if not source.path.is_file():
            raise EventSourceError(source.path, "no such file")
        self._size = source.path.stat().st_size
        self._rows_estimate: int | None = None
        self._bytes_done = 0
        self.workdir = Path(tempfile.mkdtemp(prefix="journeyeditor-measure-", dir=work_parent))
        self._con: duckdb.DuckDBPyConnection | None = None
        self._path = source.path
        try:
            self.dialect = (
                None
                if source.is_parquet
                else source.dialect or detect_dialect(source.path, spec.time_column)
            )
            if self.dialect is not None:
                self._estimate_rows()
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
            if self.dialect is None:
                self._create_view(self.relation, self._parquet_scan())
                self._create_checked_view(self.relation)
            elif numbered:
                self._number()
            else:
                self._path = self._readable_path(self.dialect)
                self._create_view(self.relation, self._read_csv(self.dialect, self._path))
            if numbered:
                self.relation = self.checked or self.relation
        except BaseException:
            self.close()
            raise

    def _set_phase(self, name: str) -> None:
        self.raise_if_cancelled()
        self._phase = name
        if self._on_phase is not None:
            self._on_phase(name)

    def _chunk_done(self, done: int) -> None:
        self._bytes_done = done
        self.raise_if_cancelled()

    def _estimate_rows(self) -> None:
        sample = read_sample(self.source.path)
        lines = max(1, sample.count(b"\n"))
        self._rows_estimate = max(0, round(self._size / max(1, len(sample)) * lines) - 1)

    def _readable_path(self, dialect: CsvDialect) -> Path:
        """The file itself when DuckDB reads its encoding, else a UTF-8 copy."""
        if not dialect.needs_transcoding:
            return self.source.path
        self._set_phase("transcoding")
        target = self.workdir / "source-utf8.csv"
        self._bytes_done = 0
        _transcode(self.source.path, target, dialect.encoding, self._chunk_done)
        return target

    def _number(self) -> None:
        """Copy the file with each record's line and make the checked view over it."""
        dialect = self.dialect
        assert dialect is not None
        _check_columns(str(self.source.path), dialect.header, self.spec)
        self._set_phase("numbering")
        target = self.workdir / "numbered.csv"
        self._bytes_done = 0
        number_records(self.source.path, target, dialect, self._chunk_done)
        numbered = CsvDialect("utf-8", ",", ".", None, (*NUMBERED_COLUMNS, *dialect.header))
        time = self.spec.time_column
        text_types = {name: "VARCHAR" for name in numbered.header}
        text_types[LINE_COLUMN] = "BIGINT"
        scan = self._read_csv(numbered, target, text_types, strict=True)
        if time is not None:
            read = _time_sql(quote(time), dialect.timestamp_format)
            scan = (
                f"SELECT * REPLACE ({read} AS {quote(time)}), {quote(time)} AS "
                f"{TIME_TEXT_COLUMN} FROM {scan}"
            )
        else:
            scan = f"SELECT *, CAST(NULL AS VARCHAR) AS {TIME_TEXT_COLUMN} FROM {scan}"
        self._create_view(quote("numbered"), scan)
        self._create_checked_view(quote("numbered"))

    def _parquet_scan(self) -> str:
        path = literal(str(self.source.path))
        time = self.spec.time_column
        extra = (
            f"file_row_number + 1 AS {LINE_COLUMN}, CAST(NULL AS VARCHAR) AS {PROBLEM_COLUMN}, "
            f"CAST(NULL AS VARCHAR) AS {RAW_COLUMN}"
        )
        if time is None:
            return (
                f"SELECT *, {extra}, CAST(NULL AS VARCHAR) AS {TIME_TEXT_COLUMN} "
                f"FROM read_parquet({path}, file_row_number = true)"
            )
        ts = quote(time)
        return (
            f"SELECT * REPLACE (TRY_CAST({ts} AS TIMESTAMP) AS {ts}), {extra}, "
            f"CAST({ts} AS VARCHAR) AS {TIME_TEXT_COLUMN} "
            f"FROM read_parquet({path}, file_row_number = true)"
        )

    def _create_view(self, name: str, scan: str) -> None:
        assert self._con is not None
        if not scan.startswith("SELECT"):
            scan = f"SELECT * FROM {scan}"
        try:
            self._con.execute(f"CREATE TEMP VIEW {name} AS {scan}")
            found = [row[0] for row in self._con.execute(f"DESCRIBE {name}").fetchall()]
        except duckdb.Error as error:
            raise EventSourceError(self.source.path, str(error).splitlines()[0]) from error
        _check_columns(str(self.source.path), found, self.spec)

    def _create_checked_view(self, numbered: str) -> None:
        """Every row with its line and the reason it is bad (NULL when it is good)."""
        assert self._con is not None
        self.checked = quote(CHECKED_VIEW)
        self._con.execute(
            f"CREATE TEMP VIEW {self.checked} AS SELECT *, CASE WHEN {PROBLEM_COLUMN} "
            f"IS NOT NULL THEN {PROBLEM_COLUMN} ELSE {self.spec.bad_row_sql()} END "
            f"AS {REASON_COLUMN} FROM {numbered}"
        )

    def _read_csv(
        self,
        dialect: CsvDialect,
        path: Path,
        types: dict[str, str] | None = None,
        strict: bool = False,
    ) -> str:
        """read_csv of `path` as `dialect` says, the time column typed; a row of the wrong
        shape or with an unreadable time is left out, and at most one of them per scan
        is kept (rejects_limit) to tell that there were some."""
        timestamp = self.spec.time_column
        if types is None:
            if timestamp not in dialect.header:
                _check_columns(str(self.source.path), dialect.header, self.spec)
            types = {
                name: "TIMESTAMP" if name == timestamp else "VARCHAR" for name in dialect.header
            }
        columns = ", ".join(f"{literal(name)}: {literal(kind)}" for name, kind in types.items())
        options = [
            f"delim = {literal(dialect.delimiter)}",
            "header = true",
            "quote = '\"'",
            f"columns = {{{columns}}}",
            f"decimal_separator = {literal(dialect.decimal)}",
        ]
        if not strict:
            options += [
                "store_rejects = true",
                "rejects_limit = 1",
                "rejects_table = 'measure_rejects'",
                "rejects_scan = 'measure_reject_scans'",
            ]
        if dialect.timestamp_format and not strict:
            options.append(f"timestampformat = {literal(dialect.timestamp_format)}")
        return f"read_csv({literal(str(path))}, {', '.join(options)})"

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
        """Count rows and list bad ones. A CSV read straight is counted there first; only
        when some rows are bad (DuckDB rejected one, or the spec's rule finds one) is it
        numbered, so that the bad rows are listed by line from the checked view."""
        if self.checked is None:
            counts = self.execute(
                f"SELECT count(*), count({self.spec.bad_row_sql()}) FROM {self.relation}",
                "checking",
            )
            rows, bad = (int(value) for value in counts[0])
            if not bad and not self._rejected():
                return SourceCheck(rows, rows, BadRows(), self.dialect)
            self._number()
        assert self.checked is not None
        counts = self.execute(
            f"SELECT count(*), count({REASON_COLUMN}) FROM {self.checked}", "checking"
        )
        rows, bad = (int(value) for value in counts[0])
        found = self.execute(
            f"SELECT {LINE_COLUMN}, {REASON_COLUMN}, {self._row_text_sql()} FROM {self.checked} "
            f"WHERE {REASON_COLUMN} IS NOT NULL ORDER BY {LINE_COLUMN} LIMIT {BAD_ROWS_LISTED}",
            "checking",
        )
        listed = tuple(BadRow(int(line), str(why), text or "") for line, why, text in found)
        return SourceCheck(rows, rows - bad, BadRows(listed, bad), self.dialect)

    def _row_text_sql(self) -> str:
        """A checked row's text as read: its fields joined by the file's separator, or
        the whole line when it had the wrong number of fields (nothing for Parquet)."""
        dialect = self.dialect
        if dialect is None:
            return RAW_COLUMN
        time = self.spec.time_column
        fields = ", ".join(
            f"coalesce({TIME_TEXT_COLUMN if name == time else quote(name)}, '')"
            for name in dialect.header
        )
        return f"coalesce({RAW_COLUMN}, concat_ws({literal(dialect.delimiter)}, {fields}))"

    def _rejected(self) -> bool:
        """Whether DuckDB left a row out in the latest scan of the file."""
        found = self.execute(
            "SELECT count(*) FROM measure_rejects "
            "WHERE scan_id = (SELECT max(scan_id) FROM measure_rejects)",
            "checking",
        )
        return bool(found[0][0])

    def rejects_kept(self) -> int:
        """How many rejected rows DuckDB holds in all (bounded: one per scan at most)."""
        if self.dialect is None:
            return 0
        try:
            return int(self.execute("SELECT count(*) FROM measure_rejects", "checking")[0][0])
        except EventSourceError:
            return 0  # never scanned straight

    def cancel(self) -> None:
        self._cancelled.set()
        con = self._con
        if con is not None:
            con.interrupt()

    def progress(self) -> Progress:
        total = self._rows_estimate
        fraction: float | None
        if self._phase in ("transcoding", "numbering"):
            fraction = self._bytes_done / max(1, self._size)
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


def _time_sql(column: str, fmt: str | None) -> str:
    """A time written as text read as the fast path's reader reads it (NULL if not)."""
    text = f"trim({column})"
    if fmt is None:
        return f"TRY_CAST({text} AS TIMESTAMP)"
    return f"try_strptime({text}, {literal(fmt)})"


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
        reason = self.source.mapping.bad_row_sql()
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
    "CHECKED_VIEW",
    "REASONS",
    "REASON_COLUMN",
    "REASON_CONTEXT",
    "TIME_TEXT_COLUMN",
    "BadRow",
    "BadRows",
    "ColumnMapping",
    "FileSource",
    "MeasureCancelled",
    "Progress",
    "ReadSpec",
    "Session",
    "SourceCheck",
    "SqlSource",
    "open_session",
]
