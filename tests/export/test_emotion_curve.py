"""An emotion curve that reads: notes clear of the line, the zero line and each other;
a line that never overshoots the −2…+2 band.

Computed from the layout every export and the canvas draw, for every sample map (French
and English), with the curve sampled here independently of the layout's own checks.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeyeditor.editing.document import Document
from journeyeditor.render import drawing, layout
from journeyeditor.render.content import map_content
from journeyeditor.render.export import ExportSource
from journeyeditor.render.layout import Bezier, Curve, Rect, smooth

STEPS = 200
LINE_HALF = 1.25
"""Half the curve's stroke (drawing.curve_line_shapes draws it 2.5 wide)."""


def sampled(segments: tuple[Bezier, ...]) -> list[tuple[float, float]]:
    points = []
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in segments:
        for i in range(STEPS + 1):
            t = i / STEPS
            u = 1 - t
            a, b, c, d = u**3, 3 * u * u * t, 3 * u * t * t, t**3
            points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


def touches(rect: Rect, x: float, y: float, reach: float) -> bool:
    return rect.x - reach <= x <= rect.right + reach and rect.y - reach <= y <= rect.bottom + reach


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def sample_curves(document: Document) -> list[tuple[str, Curve, layout.Style]]:
    source = ExportSource(document)
    measurer = layout.CardMeasurer(
        source.measure, meta=drawing.meta_lines(drawing.Labels(), source.measure)
    )
    found = []
    for journey in document.maps():
        laid = layout.layout_map(map_content(document, journey.id), measurer)
        found += [(journey.name, curve, laid.style) for curve in laid.curves.values()]
    return found


def band(curve: Curve, style: layout.Style) -> tuple[float, float]:
    """The heights of +2 and −2 in the curve's lane."""
    top = curve.area.y + style.curve_padding
    return top, top + max(1.0, curve.area.h - 2 * style.curve_padding)


def test_notes_are_clear_of_the_curve_the_zero_line_and_each_other(sample_doc: Document) -> None:
    curves = sample_curves(sample_doc)
    assert curves
    notes = 0
    for name, curve, _style in curves:
        line = sampled(curve.segments)
        middle = curve.area.y + curve.area.h / 2
        boxes = [p.note_box for p in curve.points if p.note_box is not None]
        notes += len(boxes)
        for index, box in enumerate(boxes):
            where = f"{name}: note at {box}"
            assert not any(touches(box, x, y, LINE_HALF) for x, y in line), f"{where}: curve"
            assert not box.y - 1 <= middle <= box.bottom + 1, f"{where}: zero line"
            assert curve.area.y <= box.y and box.bottom <= curve.area.bottom, f"{where}: lane"
            for other in boxes[index + 1 :]:
                assert not overlap(box, other), f"{where} and {other}"
        for point in curve.points:
            for text in point.note_lines:
                assert point.note_box is not None
                assert point.note_box.x <= text.x
                assert point.note_box.y <= text.y - text.size <= point.note_box.bottom
    assert notes >= 5


def test_the_curve_stays_in_its_band(sample_doc: Document) -> None:
    for name, curve, style in sample_curves(sample_doc):
        high, low = band(curve, style)
        ys = [y for _x, y in sampled(curve.segments)]
        assert high - 0.01 <= min(ys) and max(ys) <= low + 0.01, name


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(120, 600), st.integers(-2, 2)),
        min_size=2,
        max_size=10,
    )
)
def test_the_line_never_goes_beyond_its_two_points(stages: list[tuple[float, int]]) -> None:
    """Monotone between neighbours: no overshoot past −2…+2, and none between equal points."""
    points, x = [], 0.0
    for width, value in stages:
        points.append((x + width / 2, 100.0 - 25.0 * value))
        x += width
    segments = smooth(points)
    assert len(segments) == len(points) - 1
    for segment, start, end in zip(segments, points, points[1:], strict=False):
        assert segment[0] == start and segment[3] == end
        low, high = sorted((start[1], end[1]))
        ys = [y for _x, y in sampled((segment,))]
        assert low - 1e-9 <= min(ys) and max(ys) <= high + 1e-9
