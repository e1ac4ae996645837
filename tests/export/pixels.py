"""Comparing two pictures by counting changed pixels (never by a mean difference).

A mean over a whole map hides a missing card: 46 cards of about 1 % of the picture
each, so one card gone barely moves it. A count of changed pixels does not, but two
renderers (Qt's raster engine, poppler, QtSvg) place anti-aliased edges and glyphs a
fraction of a pixel apart, which a plain count sees all over the map. So:

- `strict_mask`: pixels whose largest channel difference exceeds `threshold`; for the
  same renderer against itself (golden images), where nothing may move.
- `shift_mask`: pixels that match no pixel within one pixel of them in the other
  picture (per channel, both ways). Edges and glyphs moved by under a pixel are not
  counted; a card that is missing, moved or recoloured is.
- `worst_square`: the changed pixels in the worst `SQUARE` × `SQUARE` square. What two
  renderers disagree on is sprinkled thinly over the whole map, while a missing card
  is a dense patch, so the worst square separates them where the total cannot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image as PilImage
from PIL import ImageChops

THRESHOLD = 16
"""A channel difference above this (of 255) is a change: a white card on the palest
cell background differs by about 20."""
SQUARE = 64
"""Side of the squares `worst_square` counts in (squares overlap by half a side)."""

Mask = PilImage.Image
"""Mode L, 255 where a pixel changed, 0 elsewhere."""
Pick = Callable[[PilImage.Image, PilImage.Image], PilImage.Image]


def _rgb(image: PilImage.Image) -> PilImage.Image:
    return image if image.mode == "RGB" else image.convert("RGB")


def _largest_channel(image: PilImage.Image) -> PilImage.Image:
    red, green, blue = image.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _binary(largest: PilImage.Image, threshold: int) -> Mask:
    return largest.point([255 if v > threshold else 0 for v in range(256)])


def strict_mask(a: PilImage.Image, b: PilImage.Image, threshold: int = THRESHOLD) -> Mask:
    """Pixels whose largest channel difference exceeds `threshold` (255 where changed)."""
    assert a.size == b.size, f"sizes differ: {a.size} and {b.size}"
    return _binary(_largest_channel(ImageChops.difference(_rgb(a), _rgb(b))), threshold)


def _spread(image: PilImage.Image, pick: Pick) -> PilImage.Image:
    """Each pixel's darkest (`darker`) or lightest (`lighter`) value over its 3 × 3
    neighbourhood, per channel. `offset` wraps around: border pixels are left out later."""
    row = pick(pick(ImageChops.offset(image, 1, 0), image), ImageChops.offset(image, -1, 0))
    return pick(pick(ImageChops.offset(row, 0, 1), row), ImageChops.offset(row, 0, -1))


def _outside(a: PilImage.Image, b: PilImage.Image) -> PilImage.Image:
    """How far each pixel of `a` lies outside the range of `b` around it (largest channel)."""
    low, high = _spread(b, ImageChops.darker), _spread(b, ImageChops.lighter)
    below = ImageChops.subtract(low, a)
    above = ImageChops.subtract(a, high)
    return _largest_channel(ImageChops.lighter(below, above))


def shift_mask(a: PilImage.Image, b: PilImage.Image, threshold: int = THRESHOLD) -> Mask:
    """Pixels (either way) that no pixel within one pixel matches; the border is left out."""
    assert a.size == b.size, f"sizes differ: {a.size} and {b.size}"
    a, b = _rgb(a), _rgb(b)
    mask = _binary(ImageChops.lighter(_outside(a, b), _outside(b, a)), threshold)
    inner = PilImage.new("L", mask.size, 0)
    inner.paste(mask.crop((1, 1, mask.width - 1, mask.height - 1)), (1, 1))
    return inner


def count(mask: Mask) -> int:
    """How many pixels the mask marks as changed."""
    return mask.histogram()[255]


def worst_square(mask: Mask, side: int = SQUARE) -> tuple[int, tuple[int, int]]:
    """The most changed pixels in one `side` × `side` square, and that square's corner.

    Squares are laid on four grids shifted by half a side, so that a patch is never
    split evenly between neighbours.
    """
    best, where = 0, (0, 0)
    ones = mask.point(lambda v: 1.0 if v else 0.0, "F")
    half = side // 2
    for dx, dy in ((0, 0), (half, 0), (0, half), (half, half)):
        columns, rows = (mask.width - dx) // side, (mask.height - dy) // side
        if columns < 1 or rows < 1:
            continue
        area = ones.crop((dx, dy, dx + columns * side, dy + rows * side))
        means = area.resize((columns, rows), PilImage.Resampling.BOX)
        for row in range(rows):
            for column in range(columns):
                mean = means.getpixel((column, row))
                assert isinstance(mean, float)
                changed = round(mean * side * side)
                if changed > best:
                    best, where = changed, (dx + column * side, dy + row * side)
    return best, where


@dataclass(frozen=True)
class Comparison:
    """What differs between two pictures of the same thing."""

    changed: int
    """Changed pixels in the whole picture."""
    worst: int
    """Changed pixels in the worst square."""
    where: tuple[int, int]
    """That square's top left corner."""
    mask: Mask

    def describe(self) -> str:
        x, y = self.where
        return (
            f"{self.changed} pixels changed, {self.worst} of them in the "
            f"{SQUARE} × {SQUARE} square at ({x}, {y})"
        )


def compare(a: PilImage.Image, b: PilImage.Image, *, shifts: bool = True) -> Comparison:
    """Compare two renderers' pictures (`shifts`) or a renderer with itself (not)."""
    mask = shift_mask(a, b) if shifts else strict_mask(a, b)
    worst, where = worst_square(mask)
    return Comparison(count(mask), worst, where, mask)


def diff_image(picture: PilImage.Image, mask: Mask) -> PilImage.Image:
    """`picture` faded to a pale grey, with the changed pixels in red: where to look."""
    grey = _rgb(picture).convert("L").convert("RGB")
    faded = ImageChops.blend(grey, PilImage.new("RGB", picture.size, "white"), 0.6)
    return PilImage.composite(PilImage.new("RGB", picture.size, (230, 0, 0)), faded, mask)
