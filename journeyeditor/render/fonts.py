"""The one font of the canvas and every export, shipped inside the package.

DejaVu Sans (Bitstream Vera licence) covers French and far beyond. Text is measured
from the font file's own advance widths, the same numbers for the screen, PNG, SVG
and PDF, so lines break at the same words everywhere.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from journeyeditor import resources

REGULAR = resources.FONT_REGULAR
BOLD = resources.FONT_BOLD
FAMILY = "DejaVu Sans"
PDF_REGULAR = "JourneySans"
PDF_BOLD = "JourneySans-Bold"
MISSING_ADVANCE = 600.0
"""Advance (1/1000 em) of a character the font lacks."""
CACHED_CHARS = 200
"""Only texts up to this long are remembered: words and lines, not a card's whole text."""
CACHED_TEXTS = 200_000


@lru_cache(maxsize=1)
def register_pdf_fonts() -> tuple[str, str]:
    """Register the fonts with reportlab once; return their PDF names."""
    pdfmetrics.registerFont(TTFont(PDF_REGULAR, str(REGULAR)))
    pdfmetrics.registerFont(TTFont(PDF_BOLD, str(BOLD)))
    return PDF_REGULAR, PDF_BOLD


class FontMetrics:
    """Widths of text in the shipped font, from per-character advances (1/1000 em)."""

    def __init__(self) -> None:
        regular, bold = register_pdf_fonts()
        self._advances = {
            False: self._table(regular),
            True: self._table(bold),
        }
        self._words: dict[bool, dict[str, float]] = {False: {}, True: {}}
        """Widths (1/1000 em) of texts measured before, regular and bold."""

    @staticmethod
    def _table(name: str) -> dict[str, float]:
        font = pdfmetrics.getFont(name)
        face = font.face
        widths: dict[int, float] = face.charWidths
        return {chr(code): float(widths.get(code, face.defaultWidth)) for code in widths}

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of `text` at `size` pixels (every word of every card of a map
        comes here as it opens: one lookup for a word seen before)."""
        words = self._words[bold]
        em = words.get(text)
        if em is None:
            em = sum(map(self._advances[bold].get, text, repeat(MISSING_ADVANCE)))
            if len(text) <= CACHED_CHARS and len(words) < CACHED_TEXTS:
                words[text] = em
        return em * size / 1000.0


@lru_cache(maxsize=1)
def metrics() -> FontMetrics:
    return FontMetrics()
