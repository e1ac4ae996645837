"""The icon in every size is drawn from the current SVG (`python tools/icons.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import icons  # noqa: E402

from journeyeditor import resources  # noqa: E402


def changed_pixels(first: Image.Image, second: Image.Image) -> int:
    red, green, blue, alpha = ImageChops.difference(
        first.convert("RGBA"), second.convert("RGBA")
    ).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), ImageChops.lighter(blue, alpha))
    return sum(largest.histogram()[1:])


@pytest.mark.parametrize("size", icons.SIZES)
def test_each_png_is_the_svg_drawn_at_its_size(qtbot: QtBot, tmp_path: Path, size: int) -> None:
    del qtbot  # a QApplication for the painter
    fresh = tmp_path / "fresh.png"
    assert icons.draw(size).save(str(fresh), "PNG")
    with Image.open(resources.icon_png(size)) as committed, Image.open(fresh) as drawn:
        assert committed.size == (size, size)
        assert changed_pixels(committed, drawn) == 0, "run `python tools/icons.py`"


def test_windows_and_macos_icons_hold_every_size() -> None:
    with Image.open(resources.ICON_ICO) as ico:
        assert ico.info["sizes"] == {(size, size) for size in icons.ICO_SIZES}
    with Image.open(resources.ICON_ICNS) as icns:
        assert {(width, height) for width, height, _scale in icns.info["sizes"]} >= {
            (16, 16),
            (32, 32),
            (128, 128),
            (256, 256),
            (512, 512),
        }
