"""What the import dialogs show before anything is measured: a file's first rows read
with a dialect a person may have overridden, its columns guessed by name, and the
distinct event names with their counts (DuckDB, on the whole file, cancellable).

The first rows are read by Python from the first bytes only (a preview must answer at
once, whatever the file's size); the counts go through a `Session`, like the funnel.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb

from journeyeditor.measure.csvdialect import SAMPLE_LINES, CsvDialect, read_sample
from journeyeditor.measure.funnel import StageRule
from journeyeditor.measure.sources import (
    FileSource,
    MeasureCancelled,
    Progress,
    Session,
    Source,
    literal,
    open_session,
    quote,
)
from journeyeditor.store.errors import EventSourceError

PREVIEW_ROWS = 20
PREVIEW_BYTES = 1 << 16
EVENT_NAMES_LISTED = 200

ROLE_WORDS = {
    "customer": ("customer", "client", "user", "visitor", "contact", "account", "person"),
    "timestamp": ("timestamp", "time", "date", "heure", "when", "datetime", "created"),
    "event": ("event", "evenement", "action", "activity", "step", "etape", "name", "type"),
    "segment": ("channel", "canal", "segment", "age", "csp", "region", "country", "pays"),
    "stage": ("stage", "etape", "touchpoint", "point de contact", "moment", "step"),
    "nps": ("nps", "recommend", "recommand"),
    "effort": ("effort", "ces", "ease", "facilit"),
    "text": ("verbatim", "comment", "text", "remarque", "feedback", "avis"),
    "answered": ("answered", "date", "time", "quand", "when"),
}
"""Words a column's name is matched against (accents and case ignored), best first."""


@dataclass(frozen=True)
class Preview:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EventNames:
    """The most frequent event names (up to EVENT_NAMES_LISTED) and how many there are."""

    counts: tuple[tuple[str, int], ...]
    distinct: int


def is_parquet(path: Path) -> bool:
    return FileSource(path).is_parquet


def _csv_rows(path: Path, dialect: CsvDialect, limit: int) -> list[list[str]]:
    sample = read_sample(path, PREVIEW_BYTES)
    decoder = codecs.getincrementaldecoder(dialect.encoding)(errors="replace")
    text = decoder.decode(sample, final=len(sample) < PREVIEW_BYTES)
    lines = text.splitlines()
    if len(sample) == PREVIEW_BYTES and len(lines) > 1:
        lines = lines[:-1]  # cut by the sample's end
    return [row for row in csv.reader(lines[: limit + 1], delimiter=dialect.delimiter) if row]


def with_overrides(path: Path, dialect: CsvDialect, **changes: str | None) -> CsvDialect:
    """`dialect` with a person's choices (encoding, delimiter, decimal, timestamp_format);
    the header is read again, since the encoding and the separator change it."""
    changed = dataclasses.replace(dialect, **changes)  # type: ignore[arg-type]
    rows = _csv_rows(path, changed, 0)
    header = tuple(name.strip() for name in rows[0]) if rows else ()
    return dataclasses.replace(changed, header=header)


def preview(path: Path, dialect: CsvDialect | None, limit: int = PREVIEW_ROWS) -> Preview:
    """The header and first `limit` rows, as text; a Parquet file when `dialect` is None."""
    if dialect is None:
        return _parquet_preview(path, limit)
    rows = _csv_rows(path, dialect, min(limit, SAMPLE_LINES))
    if not rows:
        return Preview((), ())
    header = tuple(name.strip() for name in rows[0])
    return Preview(header, tuple(tuple(row) for row in rows[1 : limit + 1]))


def _parquet_preview(path: Path, limit: int) -> Preview:
    try:
        with duckdb.connect(":memory:") as con:
            relation = con.sql(f"SELECT * FROM read_parquet({literal(str(path))}) LIMIT {limit}")
            header = tuple(relation.columns)
            rows = relation.fetchall()
    except duckdb.Error as error:
        raise EventSourceError(path, str(error).splitlines()[0]) from error
    text = tuple(tuple("" if value is None else str(value) for value in row) for row in rows)
    return Preview(header, text)


def _folded(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


EVENT_ROLES = ("customer", "timestamp", "event")


def guess_columns(
    header: Sequence[str], roles: Sequence[str] = EVENT_ROLES
) -> dict[str, str | None]:
    """Per role (keys of ROLE_WORDS, in the order given) the column whose name holds the
    role's earliest word, each column used once; None where nothing matches."""
    taken: set[str] = set()
    found: dict[str, str | None] = {}
    for role in roles:
        found[role] = None
        for word in ROLE_WORDS[role]:
            match = next((c for c in header if c not in taken and word in _folded(c)), None)
            if match is not None:
                found[role] = match
                taken.add(match)
                break
    return found


def guess_segments(header: Sequence[str], used: Sequence[str]) -> tuple[str, ...]:
    """Columns named like a segment (channel, age band, CSP…), in the file's order."""
    words = ROLE_WORDS["segment"]
    return tuple(c for c in header if c not in used and any(word in _folded(c) for word in words))


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The pattern as the funnel's SQL reads it (`glob_to_like`): `*` any text, `?` one
    character, nothing else special, any case."""
    parts = ("." if c == "?" else ".*" if c == "*" else re.escape(c) for c in pattern.lower())
    return re.compile("".join(parts), re.DOTALL)


def stage_of(name: str, stages: Sequence[StageRule]) -> int | None:
    """The index of the first stage one of whose patterns matches `name`, as in the SQL."""
    lowered = name.lower()
    for index, stage in enumerate(stages):
        if any(glob_regex(p).fullmatch(lowered) for p in stage.patterns):
            return index
    return None


def event_names_sql(relation: str, column: str, limit: int) -> str:
    name = f"CAST({quote(column)} AS VARCHAR)"
    return (
        f"SELECT {name} AS name, count(*) AS n, count(*) OVER () AS distinct_names "
        f"FROM {relation} WHERE {name} IS NOT NULL AND trim({name}) <> '' "
        f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {limit}"
    )


class EventNamesJob:
    """The distinct event names of a source with their counts, most frequent first; like
    `FunnelJob`, `cancel()` and `progress()` may be called from another thread, and
    closing removes everything it made."""

    def __init__(
        self,
        source: Source,
        column: str,
        limit: int = EVENT_NAMES_LISTED,
        work_parent: Path | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> None:
        self.source = source
        self.column = column
        self.limit = limit
        self._work_parent = work_parent
        self._on_phase = on_phase
        self._session: Session | None = None
        self._lock = threading.Lock()
        self._cancelled = threading.Event()

    def __enter__(self) -> EventNamesJob:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def run(self) -> EventNames:
        try:
            if self._cancelled.is_set():
                raise MeasureCancelled
            session = open_session(self.source, self._work_parent, self._on_phase, self._cancelled)
            with self._lock:
                self._session = session
            sql = event_names_sql(session.relation, self.column, self.limit)
            rows = session.execute(sql, "counting")
        except BaseException:
            self.close()
            raise
        distinct = int(rows[0][2]) if rows else 0
        return EventNames(tuple((str(name), int(n)) for name, n, _d in rows), distinct)

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
