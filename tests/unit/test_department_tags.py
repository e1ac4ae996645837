"""The department mark: initials, the tag on a card (and room kept for it), the legends."""

from __future__ import annotations

import pytest

from journeyeditor.render import drawing, fonts
from journeyeditor.render.cover import CoverIn, legend
from journeyeditor.render.departments import initials, legend_shapes, text_color
from journeyeditor.render.layout import (
    STYLE,
    CardBox,
    CardIn,
    CardMeasurer,
    LaneIn,
    MapContent,
    Rect,
    StageIn,
    layout_map,
)
from journeyeditor.render.primitives import Box, Group, Primitive, Text
from journeyeditor.render.sheets import PrintWords

MEASURE = fonts.metrics().width


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Support", "SUP"),
        ("IT", "IT"),
        ("UX", "UX"),
        ("it", "IT"),
        ("Sales", "SAL"),
        ("Service client", "SC"),
        ("Service après-vente", "SAV"),
        ("Research and Development", "RD"),
        ("Ressources humaines et paie", "RHP"),
        ("Customer Success Team Europe", "CST"),
        ("  R&D  ", "RD"),
        ("Logistique", "LOG"),
        ("Équipe", "ÉQU"),
        ("de la", "DL"),
        ("", ""),
        ("— ? —", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_never_longer_than_three() -> None:
    assert len(initials("straße")) == 3  # "ß".upper() is two letters


def test_text_stays_readable_on_its_tag() -> None:
    assert text_color("#ffe066") == "#1d1d1f"
    assert text_color("#3d85c6") == "#ffffff"


def flat(shapes: list[Primitive]) -> list[Primitive]:
    out: list[Primitive] = []
    for shape in shapes:
        out += flat(list(shape.items)) if isinstance(shape, Group) else [shape]
    return out


def laid_out(*cards: CardIn, kind: str = "text") -> dict[int, CardBox]:
    content = MapContent(
        "Map",
        (StageIn(1, "Stage", "#ffffff", 220),),
        (LaneIn(1, "Lane", kind, "#ffffff", 40),),
        cards,
    )
    labels = drawing.Labels()
    measurer = CardMeasurer(MEASURE, STYLE, drawing.meta_lines(labels, MEASURE))
    return layout_map(content, measurer, STYLE).cards


def card(
    card_id: int, department: str | None, color: str | None = None, **fields: object
) -> CardIn:
    return CardIn(
        card_id,
        1,
        1,
        card_id - 1,
        "Long enough text to wrap over more than one line of the card",
        department=department,
        department_color=color,
        department_id=1 if department else None,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("kind", ["text", "touchpoint", "metric"])
def test_a_card_with_a_department_shows_its_tag_and_keeps_room_for_it(kind: str) -> None:
    extra = {"channel": "website", "owned": True} if kind == "touchpoint" else {}
    boxes = laid_out(card(1, "Support", "#5aa469", **extra), card(2, None, **extra), kind=kind)
    tagged, plain = boxes[1], boxes[2]
    shapes = drawing.card_shapes(tagged, drawing.Labels(), MEASURE)
    texts = [s for s in shapes if isinstance(s, Text) and s.line.text == "SUP"]
    tags = [s for s in shapes if isinstance(s, Box) and s.fill == "#5aa469"]
    assert len(texts) == 1 and len(tags) == 1
    tag = tags[0].rect
    w, h = tagged.rect.w, tagged.rect.h
    assert tag.x > 0 and tag.right <= w and tag.y > 0 and tag.bottom <= h  # inside the card
    assert tag.w < w / 3  # a small mark, not a band or a stripe
    assert h == plain.rect.h + STYLE.tag_gap + STYLE.tag_height
    for other in shapes:  # no text nor detail row reaches the tag
        if isinstance(other, Text) and other is not texts[0]:
            assert other.line.y + 3 <= tag.y, other.line.text
    if tagged.meta is not None:
        assert tagged.meta.bottom <= tag.y
    stripe = shapes[2]
    assert isinstance(stripe, Box) and stripe.rect.w == 5
    assert stripe.fill == drawing.KIND_ACCENT[kind]  # the stripe stays the lane kind's


def test_a_card_without_a_department_has_no_tag() -> None:
    boxes = laid_out(card(1, None), card(2, "Support", "#5aa469"))
    shapes = drawing.card_shapes(boxes[1], drawing.Labels(), MEASURE)
    assert not [s for s in shapes if isinstance(s, Box) and s.fill == "#5aa469"]
    assert not [s for s in shapes if isinstance(s, Text) and s.line.text == "SUP"]


def test_canvas_legend_lists_every_department_whole() -> None:
    entries = (("Sales", "#e07a5f"), ("Service après-vente", "#3d85c6"), ("IT", "#546e7a"))
    shapes, width, height = legend_shapes("Departments", entries, MEASURE, 200)
    words = [s.line.text for s in shapes if isinstance(s, Text)]
    assert words == ["Departments", "SAL", "Sales", "SAV", "Service après-vente", "IT", "IT"]
    for shape in shapes:
        if isinstance(shape, Text):
            right = shape.line.x + MEASURE(shape.line.text, shape.line.size, shape.line.bold)
            assert right <= width and shape.line.y <= height
    assert height > 2 * STYLE.tag_height  # wrapped into rows at 200 pixels


def test_cover_legend_shows_tags_not_stripes() -> None:
    cover = CoverIn(title="Map", date="", departments=(("Support", "#5aa469"),))
    shapes = flat(legend(cover, Rect(0, 0, 500, 700), PrintWords(), 1.0, MEASURE)[0])
    assert any(isinstance(s, Text) and s.line.text == "SUP" for s in shapes)
    fills = [s for s in shapes if isinstance(s, Box) and s.fill == "#5aa469"]
    assert len(fills) == 1 and fills[0].rect.w > 3.5 and fills[0].radius > 0
