"""Colours as the model writes them (#rrggbb or #rrggbbaa), read the same by every painter."""

from __future__ import annotations

from functools import lru_cache

RGBA = tuple[int, int, int, int]


@lru_cache(maxsize=1024)
def rgba(color: str) -> RGBA:
    """Parse #rgb, #rrggbb or #rrggbbaa; anything else is mid grey, never an error."""
    text = color.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(char * 2 for char in text)
    try:
        if len(text) == 6:
            return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), 255)
        if len(text) == 8:
            return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), int(text[6:8], 16))
    except ValueError:
        pass
    return (128, 128, 128, 255)
