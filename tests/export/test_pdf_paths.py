"""The PDF painter writes its paths itself (render/pdf_painter.Path): the same paths,
point for point, as reportlab's `roundRect`, `rect` and `circle`, ended by the same
operators (even-odd filling for polygons and curves, as `drawPath` did)."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import pathobject
from reportlab.pdfgen.canvas import Canvas

from journeyeditor.render.layout import Rect
from journeyeditor.render.pdf_painter import Path, PdfPainter
from journeyeditor.render.primitives import Box, Circle, Curve, Line, Polygon

Token = float | str


def _tokens(code: str) -> list[Token]:
    found: list[Token] = []
    for token in code.split():
        try:
            found.append(float(token))
        except ValueError:
            found.append(token)
    return found[1:] if found[:1] == ["n"] else found  # reportlab's path starts with n


def _same(ours: list[str], theirs: list[str]) -> None:
    mine, reportlab = _tokens(" ".join(ours)), _tokens(" ".join(theirs))
    assert len(mine) == len(reportlab), (ours, theirs)
    for a, b in zip(mine, reportlab, strict=True):
        if isinstance(a, float) and isinstance(b, float):
            assert a == pytest.approx(b, abs=6e-4)
        else:
            assert a == b


@pytest.mark.parametrize(
    ("x", "y", "w", "h", "radius"),
    [(10.5, 20.25, 200, 80.125, 6), (0, 0, 12, 12, 6), (300, 40, -120, -30, 4.5)],
)
def test_rounded_boxes_are_reportlabs(
    x: float, y: float, w: float, h: float, radius: float
) -> None:
    theirs: list[str] = []
    pathobject.PDFPathObject(code=theirs).roundRect(x, y, w, h, radius)
    path = Path()
    path.round_rect(x, y, w, h, radius)
    _same(path.parts, theirs)


@pytest.mark.parametrize(("cx", "cy", "r"), [(33.3, 44.4, 7.5), (0, 0, 1), (-5, 1000.125, 0.4)])
def test_circles_are_reportlabs(cx: float, cy: float, r: float) -> None:
    theirs: list[str] = []
    pathobject.PDFPathObject(code=theirs).circle(cx, cy, r)
    path = Path()
    path.circle(cx, cy, r)
    _same(path.parts, theirs)


def test_the_painter_ends_each_path_as_reportlab_did() -> None:
    canvas = Canvas(io.BytesIO(), bottomup=0)
    painter = PdfPainter(canvas)
    start = len(canvas._code)
    painter.paint(
        [
            Box(Rect(1, 2, 30, 40), "#ff0000"),
            Box(Rect(1, 2, 30, 40), None, "#000000", 1.0, radius=4),
            Box(Rect(1, 2, 30, 40), "#ff0000", "#000000", 1.0, radius=4),
            Circle(5, 6, 3, "#00ff00"),
            Line(((0, 0), (10, 10), (20, 0)), "#000000", 2.0),
            Polygon(((0, 0), (10, 10), (20, 0)), "#0000ff"),
            Curve((((0, 0), (1, 5), (4, 5), (5, 0)),), "#000000", 1.0, "#0000ff"),
            Box(Rect(1, 2, 30, 40), None),  # neither stroked nor filled: nothing
        ]
    )
    ends = [part.split()[-1] for part in canvas._code[start:] if part.split()[-1] in OPERATORS]
    assert ends == ["f", "S", "B", "f", "S", "f*", "B*"]
    rectangle = next(part for part in canvas._code[start:] if part.endswith(" f"))
    assert _tokens(rectangle) == [1.0, 2.0, 30.0, 40.0, "re", "f"]


OPERATORS = {"n", "S", "f", "B", "f*", "B*"}
