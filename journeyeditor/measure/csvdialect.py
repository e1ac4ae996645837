"""How a CSV file is written (encoding, separator, decimal mark, date format), detected
from its first bytes so that a preview can show it and a person can override it.

French Excel writes `;`-separated files with a decimal comma and `31/12/2026 14:05` dates,
in Windows-1252 or in UTF-8 with a byte-order mark; other tools write `,` and ISO dates.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SAMPLE_BYTES = 1 << 20
SAMPLE_LINES = 200
CHUNK_BYTES = 1 << 20
DELIMITERS = (";", ",", "\t", "|")
UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP1252 = "cp1252"
ENCODINGS = (UTF8, UTF8_BOM, CP1252)
# Day first before month first: the files this reads come from French offices.
TIMESTAMP_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")


@dataclass(frozen=True)
class CsvDialect:
    """What was detected; `timestamp_format` None means ISO 8601, parsed natively."""

    encoding: str
    delimiter: str
    decimal: str
    timestamp_format: str | None
    header: tuple[str, ...]
    timestamp_column: str | None = None

    @property
    def needs_transcoding(self) -> bool:
        """DuckDB reads UTF-8 (with or without BOM) only; cp1252 is rewritten first."""
        return self.encoding not in (UTF8, UTF8_BOM)


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    with path.open("rb") as stream:
        return stream.read(size)


def detect_encoding(sample: bytes) -> str:
    """A BOM says UTF-8; bytes that decode as UTF-8 are UTF-8; anything else is taken as
    Windows-1252 (Excel's "CSV (separator: semicolon)" in France). A cp1252 file whose
    first megabyte is plain ASCII is taken for UTF-8: its later accented lines come back
    as bad rows ("encoding"), and the preview's override reads them right."""
    if sample.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return CP1252
    return UTF8


def _lines(text: str, cut: bool) -> list[str]:
    lines = text.splitlines()
    if cut and len(lines) > 1:
        lines = lines[:-1]  # the sample's end cut the last one
    return lines[:SAMPLE_LINES]


def detect_delimiter(lines: list[str]) -> str:
    """The separator that splits every sampled line into the same number of fields, the
    most fields winning; `,` when nothing splits (a one-column file)."""
    best, best_width = ",", 1
    for delimiter in DELIMITERS:
        widths = {len(row) for row in csv.reader(lines, delimiter=delimiter) if row}
        if len(widths) == 1 and (width := widths.pop()) > best_width:
            best, best_width = delimiter, width
    if best_width == 1:
        # Rows of uneven width (bad rows): the separator seen most in the header.
        counts = {d: lines[0].count(d) if lines else 0 for d in DELIMITERS}
        top = max(counts, key=lambda d: counts[d])
        if counts[top]:
            best = top
    return best


def detect_decimal(rows: list[list[str]], delimiter: str) -> str:
    values = [value.strip() for row in rows for value in row]
    commas = any(_DECIMAL_COMMA.match(v) for v in values)
    points = any(_DECIMAL_POINT.match(v) for v in values)
    return "," if delimiter != "," and commas and not points else "."


def _parsed(values: list[str], fmt: str | None) -> int:
    count = 0
    for value in values:
        try:
            datetime.fromisoformat(value) if fmt is None else datetime.strptime(value, fmt)
        except ValueError:
            continue
        count += 1
    return count


def detect_timestamp(
    header: tuple[str, ...], rows: list[list[str]], column: str | None = None
) -> tuple[str | None, str | None]:
    """(column, format) of the first column where one date format (ISO first, then
    day-first, then month-first) reads most of the sampled values, at least half of them
    (the rest are bad rows to report); (None, None) when no column reads as dates."""
    candidates = [column] if column is not None else list(header)
    for name in candidates:
        if name not in header:
            continue
        index = header.index(name)
        values = [row[index].strip() for row in rows if len(row) > index and row[index].strip()]
        best, best_count = None, 0
        for fmt in (None, *TIMESTAMP_FORMATS):
            count = _parsed(values, fmt)
            if count > best_count:
                best, best_count = fmt, count
        if best_count and best_count * 2 >= len(values):
            return name, best
    return None, None


def detect_dialect(path: Path, timestamp_column: str | None = None) -> CsvDialect:
    """Read the first megabyte of `path` and tell how it is written."""
    sample = read_sample(path)
    encoding = detect_encoding(sample)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
    lines = _lines(text, len(sample) == SAMPLE_BYTES)
    delimiter = detect_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = tuple(name.strip() for name in rows[0]) if rows else ()
    body = [row for row in rows[1:] if row]
    column, fmt = detect_timestamp(header, body, timestamp_column)
    return CsvDialect(
        encoding=encoding,
        delimiter=delimiter,
        decimal=detect_decimal(body, delimiter),
        timestamp_format=fmt,
        header=header,
        timestamp_column=column,
    )


def transcode_to_utf8(
    source: Path,
    target: Path,
    encoding: str,
    on_chunk: Callable[[int], None] | None = None,
) -> None:
    """Rewrite `source` as UTF-8 in `target`, a megabyte at a time.

    DuckDB's CSV reader knows UTF-8, UTF-16 and Latin-1 only, and Latin-1 is not
    Windows-1252 (€, œ, Œ, curly quotes and dashes live at 0x80-0x9F there). Bytes with no
    meaning in the encoding become U+FFFD rather than stopping the import. `on_chunk`
    gets the bytes read so far after each chunk and may raise to stop (cancel).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    done = 0
    with source.open("rb") as inp, target.open("w", encoding=UTF8, newline="") as out:
        while chunk := inp.read(CHUNK_BYTES):
            out.write(decoder.decode(chunk))
            done += len(chunk)
            if on_chunk is not None:
                on_chunk(done)
        out.write(decoder.decode(b"", final=True))


LINE_COLUMN = "je__line"
PROBLEM_COLUMN = "je__problem"
RAW_COLUMN = "je__raw"
NUMBERED_COLUMNS = (LINE_COLUMN, PROBLEM_COLUMN, RAW_COLUMN)
_PROGRESS_EVERY = 10_000


def number_records(
    source: Path,
    target: Path,
    dialect: CsvDialect,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Copy `source` into `target` as a plain UTF-8 CSV (`,`, `"`) whose records start
    with their first line's number, what is wrong with their shape ("columns": not as
    many fields as the header, "encoding": bytes that are not UTF-8) and then their text
    as read, then exactly the header's fields; return how many records there are.

    DuckDB's CSV reader tells no line numbers for the rows it reads; with this copy a
    view can list bad rows by line and keep each row's line, all in SQL, and never
    rejects a row (a bad shape is a reason like the others). `on_chunk` gets the bytes
    read so far now and then and may raise to stop (cancel).
    """
    errors = "surrogateescape" if dialect.encoding in (UTF8, UTF8_BOM) else "replace"
    width = len(dialect.header)
    records = 0
    with (
        source.open("rb") as raw_input,
        io.TextIOWrapper(raw_input, dialect.encoding, errors, newline="") as inp,
        target.open("w", encoding=UTF8, newline="") as out,
    ):
        reader = csv.reader(inp, delimiter=dialect.delimiter)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow((*NUMBERED_COLUMNS, *dialect.header))
        next(reader, None)
        last = reader.line_num
        for row in reader:
            first, last = last + 1, reader.line_num
            if not row:
                continue
            if len(row) == width:
                problem = raw = ""
            else:
                problem, raw = "columns", dialect.delimiter.join(row)
                row = (row + [""] * width)[:width]
            try:
                writer.writerow((first, problem, raw, *row))
            except UnicodeEncodeError:
                raw = _valid(dialect.delimiter.join(row))
                writer.writerow((first, "encoding", raw, *(_valid(field) for field in row)))
            records += 1
            if on_chunk is not None and records % _PROGRESS_EVERY == 0:
                on_chunk(raw_input.tell())
    return records


def _valid(field: str) -> str:
    """A field read with `surrogateescape`, its undecodable bytes shown as U+FFFD."""
    return field.encode(UTF8, "surrogateescape").decode(UTF8, "replace")
