"""A map's saved survey mapping (schema version 5): the columns its last survey import
read, so that the next survey of the same shape is not mapped again by hand.

The import saves it in the same undo step as its figures (`measures.plan_survey`), so
undoing the import gives back the mapping saved before. The window's dialog and the
command line read it back with `saved_columns` and check it against a new file's
header with `missing_columns`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from journeyeditor.editing.document import Document, translate
from journeyeditor.editing.operations import Delete, Insert, Operation
from journeyeditor.measure.survey import SurveyColumns
from journeyeditor.model import SurveyMapping, limits


def saved_columns(document: Document, map_id: int) -> SurveyColumns | None:
    """The survey columns saved with the map, None when it has none saved."""
    found = document.measure_rows(SurveyMapping, map_id)
    if not found:
        return None
    row = found[0]
    return SurveyColumns(
        row.stage_column,
        row.nps_column,
        row.effort_column,
        row.text_column,
        answered=row.answered_column,
        segment=row.segment_column,
        effort_scale=(row.effort_low, row.effort_high),
    )


def missing_columns(columns: SurveyColumns, header: Sequence[str]) -> tuple[str, ...]:
    """The columns `columns` reads that a file with this header lacks, in order."""
    return tuple(name for name in columns.columns() if name not in header)


def problem(columns: SurveyColumns) -> str | None:
    """Why `columns` cannot be saved (translated), None when it can: the rules of the
    file check (store/content.py), so no import writes a file that is then refused."""
    if any(not name or len(name) > limits.NAME_MAX_CHARS for name in columns.columns()):
        return translate("Measures", "A column name is empty or too long.")
    low, high = columns.effort_scale
    least, most = limits.EFFORT_RANGE
    if not least <= low < high <= most:
        return translate(
            "Measures", "The effort scale must run upwards within {least:g} to {most:g}."
        ).format(least=least, most=most)
    return None


def mapping_operations(document: Document, map_id: int, columns: SurveyColumns) -> list[Operation]:
    """Replace the map's saved survey mapping with `columns` (nothing when they are the
    ones saved; an optional column '' is none); call `problem` first."""
    columns = dataclasses.replace(
        columns, answered=columns.answered or None, segment=columns.segment or None
    )
    if saved_columns(document, map_id) == columns:
        return []
    operations: list[Operation] = [
        Delete(SurveyMapping, row.id) for row in document.measure_rows(SurveyMapping, map_id)
    ]
    low, high = columns.effort_scale
    values = {
        "id": document.next_id(SurveyMapping),
        "map_id": map_id,
        "stage_column": columns.stage,
        "nps_column": columns.nps,
        "effort_column": columns.effort,
        "text_column": columns.text,
        "answered_column": columns.answered,
        "segment_column": columns.segment,
        "effort_low": float(low),
        "effort_high": float(high),
    }
    operations.append(Insert(SurveyMapping, values))
    return operations
