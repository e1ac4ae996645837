"""Layout time of one huge card text against reading that text from a .journey file.

A card of 10 MB, as one unbroken word and as words, is laid out (`layout_map` of a
one-card map: wrapping, measuring, the text lines) and, in the same run, read back from
a .journey file with a plain sqlite3 SELECT. Layout work is linear in the text's
length, so the ratio stays the same at any size; a ratio that grows with `--mb` means
something re-measures or re-slices the text.

    .venv/bin/python bench/bench_layout.py [--mb 1 10] [--repeat 3]

The text is written into the file with plain sqlite3, past the editor's own limit
(limits.TEXT_MAX_CHARS), to measure the layout far beyond what a checked file holds.
Prints figures, asserts nothing: compare runs by eye.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's package

WORDS = ("parcours", "client", "attente", "livraison", "émotion", "boutique", "avis")


def texts(chars: int) -> dict[str, str]:
    """The same length of text, unbroken and in words of three to nine letters."""
    words = " ".join(WORDS[n % len(WORDS)] for n in range(chars // 6 + 1))
    return {
        "one unbroken word": ("anticonstitutionnellement" * (chars // 25 + 1))[:chars],
        "words": words[:chars],
    }


def median_time(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


CARD = 1


def journey_with(path: Path, text: str) -> None:
    """A project file holding one card (id `CARD`) whose text is `text`."""
    from journeyeditor.store import database, interchange

    data = {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "maps": [
            {
                "id": 1,
                "stages": [{"id": 1, "name": "Étape"}],
                "lanes": [{"id": 1, "name": "Texte"}],
                "cards": [{"id": CARD, "stage": 1, "lane": 1, "text": ""}],
            }
        ],
    }
    database.create_file(path, interchange.populate_from(interchange.plan_import(data)))
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE card SET text = ? WHERE id = ?", (text, CARD))


def read(raw: sqlite3.Connection) -> int:
    """The card's text as the store reads it, with plain sqlite3; returns its length."""
    (found,) = raw.execute("SELECT text FROM card WHERE id = ?", (CARD,)).fetchone()
    return len(found)


def lay_out(text: str) -> int:
    """A one-card map laid out as every export and the canvas do; returns the card's lines."""
    from journeyeditor.render import fonts, layout

    content = layout.MapContent(
        "Carte",
        (layout.StageIn(1, "Étape", "#dfe7f5", 240.0),),
        (layout.LaneIn(1, "Texte", "text", "#f4f4f4", 120.0),),
        (layout.CardIn(CARD, 1, 1, 0, text),),
    )
    laid = layout.layout_map(content, layout.CardMeasurer(fonts.metrics().width))
    return len(laid.cards[CARD].lines)


def bench(megabytes: float, repeat: int, scratch: Path) -> None:
    chars = int(megabytes * 1_000_000)
    sys.stdout.write(f"{chars:,} characters in one card, 240-pixel stage, median of {repeat}\n")
    for name, text in texts(chars).items():
        path = scratch / "huge.journey"
        path.unlink(missing_ok=True)
        journey_with(path, text)
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        read_seconds, length = median_time(partial(read, raw), repeat)
        raw.close()
        assert length == len(text)
        layout_seconds, lines = median_time(partial(lay_out, text), repeat)
        ratio = layout_seconds / max(read_seconds, 1e-9)
        sys.stdout.write(
            f"  {name:<18} read (sqlite3 SELECT) {read_seconds:7.3f} s   "
            f"layout {layout_seconds:6.2f} s ({lines:,} lines)   ratio {ratio:5.0f} ×\n"
        )
        sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, nargs="+", default=[10.0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for megabytes in args.mb:
            bench(megabytes, args.repeat, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
