"""Paper: its sizes by name and how it is turned. Pure numbers in PDF points (1/72 inch),
apart from the placing in render/pages.py, so that the command line's parser can offer
the paper sizes without importing the map layout."""

from __future__ import annotations

MM = 72 / 25.4
Size = tuple[float, float]

PAGE_SIZES: dict[str, Size] = {
    "A4": (210 * MM, 297 * MM),
    "A3": (297 * MM, 420 * MM),
    "A2": (420 * MM, 594 * MM),
    "Letter": (612.0, 792.0),
    "Tabloid": (792.0, 1224.0),
}


PORTRAIT, LANDSCAPE, AUTO = "portrait", "landscape", "auto"
ORIENTATIONS = (PORTRAIT, LANDSCAPE, AUTO)
"""How pages are turned; AUTO turns each map's pages the way that prints it larger."""


def page_size(name: str, landscape: bool) -> Size:
    """A paper size by name, turned sideways for landscape."""
    width, height = PAGE_SIZES[name]
    return (height, width) if landscape else (width, height)


def turned(page: Size) -> Size:
    """The same paper, the other way round."""
    return (page[1], page[0])
