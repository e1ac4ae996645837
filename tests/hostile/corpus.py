"""Hostile `.journey` files: what a stranger could send, built deterministically.

Every case starts from one base file (the sample project, plus a picture used as logo,
persona photo and card image, and a snapshot) made by the command line's own `import`,
then is changed with plain SQLite (tests/hostile/sqlite_edits.py) or the file system:

- every table × every column × a wrong storage type, invalid UTF-8, a value out of range
  (over the limits of journeyeditor/model/limits.py among others), ±Infinity, a huge
  value and NULL in a NOT NULL column (families `type`, `utf8`, `range`, `nonfinite`,
  `huge`, `null`);
- references to nothing, rows across two maps, positions duplicated or with gaps,
  pictures that are not pictures (`reference`, `order`, `image`);
- every table, column and index with its schema changed in one way, each variant
  otherwise sound for SQLite (`schema`);
- a hot journal from another file; WAL mode with and without its `-wal`, which is
  accepted read-only (`side`);
- a FIFO, /dev/null, a folder, a symlink loop, empty, truncated, another program's
  database (`special`);
- a few harmless files that must be accepted (`control`).

A case id reads `table.column.variant` (`file.<what>.<variant>` for whole-file cases).

    python -m tests.hostile.corpus OUTDIR    writes each case into OUTDIR/<case id>/
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from pathlib import Path

from .base import Case
from .content_cases import (
    control_cases,
    image_cases,
    order_cases,
    reference_cases,
    value_cases,
)
from .file_cases import side_cases, special_cases
from .schema_cases import schema_cases

__all__ = ["Case", "all_cases", "write_corpus"]


@functools.cache
def all_cases() -> tuple[Case, ...]:
    groups: Iterable[list[Case]] = (
        control_cases(),
        value_cases(),
        reference_cases(),
        order_cases(),
        image_cases(),
        schema_cases(),
        side_cases(),
        special_cases(),
    )
    cases = tuple(case for group in groups for case in group)
    identities = [case.id for case in cases]
    assert len(set(identities)) == len(identities), "case ids must be unique"
    return cases


def write_corpus(folder: Path) -> None:
    """Every case into folder/<case id>/, and an index: id, family, expectation."""
    lines = []
    for case in all_cases():
        place = folder / case.id
        place.mkdir(parents=True)
        case.build(place)
        lines.append(f"{case.id}\t{case.family}\t{'refused' if case.refused else 'accepted'}\n")
    (folder / "cases.tsv").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m tests.hostile.corpus OUTDIR\n")
        return 1
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    write_corpus(folder)
    sys.stdout.write(f"{len(all_cases())} cases written to {folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
