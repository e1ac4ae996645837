"""The summary page of a printed map: its top pain points and opportunities, ranked.

The same list as the window's ranked panel and every other summary (`ranking.ranked`):
rank, card, stage, lane, votes and severity or priority, as a table in points, y down,
that the PDF painter and the Qt painter draw like any sheet. Pure: no Qt, no reportlab,
no Document. Card texts wrap, never cut; rows that would run past the page are left
out and counted in a last line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyeditor.marks import QT_TRANSLATE_NOOP
from journeyeditor.model.enums import LaneKind
from journeyeditor.render import drawing, icons
from journeyeditor.render.layout import Measure, Rect, TextLine, wrap
from journeyeditor.render.pages import FRAME, Frame, Size, content_area
from journeyeditor.render.primitives import Box, Line, Primitive, Text
from journeyeditor.render.ranking import Ranked

SUMMARY_LIMIT = 20
"""At most this many cards on the page (ties at the edge are cut like any list)."""
TITLE = QT_TRANSLATE_NOOP("Labels", "Top pain points and opportunities")
COLUMNS = (
    QT_TRANSLATE_NOOP("Labels", "Rank"),
    QT_TRANSLATE_NOOP("Labels", "Card"),
    QT_TRANSLATE_NOOP("Labels", "Stage"),
    QT_TRANSLATE_NOOP("Labels", "Lane"),
    QT_TRANSLATE_NOOP("Labels", "Votes"),
    QT_TRANSLATE_NOOP("Labels", "Severity / priority"),
)
MORE = QT_TRANSLATE_NOOP("Labels", "… and {0} more")
SHARES = (0.07, 0.39, 0.17, 0.17, 0.08, 0.12)
"""Each column's share of the page's width."""
TEXT_SIZE = 10.0
HEAD_SIZE = 8.5
LEADING = 1.3
PAD = 5.0


@dataclass(frozen=True)
class SummaryWords:
    """The page's words, already in the map's language."""

    title: str = TITLE
    columns: tuple[str, ...] = COLUMNS
    more: str = MORE
    priorities: dict[str, str] = field(default_factory=dict)


def summary_shapes(
    page: Size,
    map_title: str,
    entries: Sequence[Ranked],
    words: SummaryWords,
    accent: str,
    measure: Measure,
    frame: Frame = FRAME,
) -> list[Primitive]:
    """The page in points; its footer is added with the other pages' footers."""
    area = content_area(page, frame)
    shapes: list[Primitive] = []
    y = area.y
    for line in wrap(map_title, area.w, 18, measure, True):
        y += 18 * 1.2
        shapes.append(Text(TextLine(line, area.x, y, 18, True), drawing.INK))
    y += 14 * 1.4
    shapes.append(Text(TextLine(words.title, area.x, y, 14, True), accent))
    y += 12
    lefts = [area.x + area.w * sum(SHARES[:i]) for i in range(len(SHARES))]
    widths = [area.w * share - PAD for share in SHARES]
    y += HEAD_SIZE * LEADING
    for left, width, name in zip(lefts, widths, words.columns, strict=True):
        for index, line in enumerate(wrap(name, width, HEAD_SIZE, measure, True)[:2]):
            line_y = y + index * HEAD_SIZE * LEADING
            shapes.append(Text(TextLine(line, left, line_y, HEAD_SIZE, True), drawing.MUTED))
    y += HEAD_SIZE * LEADING + 4
    shapes.append(Line(((area.x, y), (area.right, y)), accent, 1.2))
    shown = 0
    for entry in entries[:SUMMARY_LIMIT]:
        row, height = _row(entry, lefts, widths, y, words, measure)
        if y + height > area.bottom - TEXT_SIZE * 2:
            break
        shapes += row
        y += height
        shapes.append(Line(((area.x, y), (area.right, y)), drawing.GRID, 0.5))
        shown += 1
    if shown < len(entries):
        more = words.more.format(len(entries) - shown)
        shapes.append(Text(TextLine(more, area.x, y + TEXT_SIZE * 1.8, TEXT_SIZE), drawing.MUTED))
    return shapes


def _row(
    entry: Ranked,
    lefts: list[float],
    widths: list[float],
    top: float,
    words: SummaryWords,
    measure: Measure,
) -> tuple[list[Primitive], float]:
    """One card's row from `top`, and its height (its tallest wrapped column)."""
    leading = TEXT_SIZE * LEADING
    first = top + PAD + TEXT_SIZE
    texts = (
        [str(entry.rank)],
        wrap(" ".join(entry.card.text.split()), widths[1], TEXT_SIZE, measure),
        wrap(entry.stage, widths[2], TEXT_SIZE, measure),
        wrap(entry.lane, widths[3], TEXT_SIZE, measure),
        [str(entry.card.votes)],
    )
    shapes: list[Primitive] = []
    for column, lines in enumerate(texts):
        bold = column in (0, 4)
        shapes += [
            Text(TextLine(line, lefts[column], first + i * leading, TEXT_SIZE, bold), drawing.INK)
            for i, line in enumerate(lines)
        ]
    shapes += _weight(entry, lefts[5], first, words)
    height = max(len(lines) for lines in texts) * leading + 2 * PAD
    kind = drawing.KIND_ACCENT.get(entry.kind, drawing.INK)
    shapes.insert(0, Box(Rect(lefts[0] - 7, top + 2, 3, height - 4), kind))
    return shapes, height


def _weight(entry: Ranked, left: float, baseline: float, words: SummaryWords) -> list[Primitive]:
    """A pain point's severity as triangles, an opportunity's priority as its word."""
    if entry.kind == LaneKind.PAIN_POINT.value:
        level = entry.card.severity or 0
        return icons.severity(level, left, baseline - 8, 8) if level else []
    priority = entry.card.priority or ""
    word = words.priorities.get(priority, "")
    color = drawing.PRIORITY_COLOR.get(priority, drawing.INK)
    return [Text(TextLine(word, left, baseline, TEXT_SIZE, True), color)] if word else []
