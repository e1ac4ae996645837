"""Export timings for generated maps of 200 and 2,000 cards: PDF, 300-DPI PNG, SVG.

Cards hold two to nine words, like workshop sticky notes; the process's peak memory so
far is shown after each figure.

    .venv/bin/python bench/bench_export.py [--cards 200 2000] [--keep FOLDER]

Prints figures, asserts nothing: compare runs by eye.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

KINDS = ("touchpoint", "text", "text", "pain_point", "opportunity", "metric", "text", "text")
WORDS = (
    *("client", "parcours", "boutique", "achat", "conseil", "attente", "prix", "livraison"),
    *("retour", "avis", "carte", "site", "mobile", "panier", "fidélité", "émotion"),
    *("irritant", "enchantement", "équipe", "délai", "qualité", "commande", "relance"),
    *("e-mail", "réseau", "recommandation", "rapidité", "confiance"),
)


def plan(cards: int, stages: int, seed: int = 7) -> dict[str, Any]:
    """An interchange document with one map of `cards` cards over `stages` stages."""
    rng = random.Random(seed)
    lanes = [{"id": i + 1, "name": f"Lane {i + 1} ({k})", "kind": k} for i, k in enumerate(KINDS)]
    lanes.append({"id": len(lanes) + 1, "name": "Émotions", "kind": "emotion"})
    stage_rows = [{"id": i + 1, "name": f"Étape {i + 1}", "width": 240.0} for i in range(stages)]
    rows = []
    for n in range(cards):
        lane = lanes[n % len(KINDS)]
        card: dict[str, Any] = {
            "id": n + 1,
            "stage": n // len(KINDS) % stages + 1,
            "lane": lane["id"],
            "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))),
            "evidence": rng.choice(("assumption", "partial", "research")),
            "votes": rng.randint(0, 4),
        }
        kind = lane["kind"]
        if kind == "touchpoint":
            card |= {"channel": rng.choice(("website", "shop", "email", "app")), "owned": True}
        elif kind == "pain_point":
            card["severity"] = rng.randint(1, 3)
        elif kind == "opportunity":
            card |= {"owner": "Marketing", "priority": rng.choice(("low", "medium", "high"))}
        elif kind == "metric":
            card |= {"value": rng.randint(1, 90), "target": 100, "unit": "%"}
        rows.append(card)
    emotions = [
        {"id": s + 1, "lane": lanes[-1]["id"], "stage": s + 1, "value": rng.randint(-2, 2)}
        for s in range(stages)
    ]
    return {
        "format": "journeyeditor-project",
        "version": 1,
        "project": {"name": f"Bench {cards}", "language": "fr"},
        "maps": [
            {
                "id": 1,
                "name": f"{cards} cartes",
                "stages": stage_rows,
                "lanes": lanes,
                "cards": rows,
                "emotions": emotions,
            }
        ],
    }


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(f"  {label:<34} {seconds:7.2f} s   {result}  (peak {peak:.0f} MB)\n")
    sys.stdout.flush()
    return result


def bench(cards: int, scratch: Path, out: Path) -> None:
    """Make a map of `cards` cards and time each export of it."""
    from journeyeditor.editing.document import Document
    from journeyeditor.render import export
    from journeyeditor.render.export import ExportOptions, ExportSource
    from journeyeditor.store import database, interchange

    stages = 8 if cards <= 500 else 20
    path = scratch / f"bench{cards}.journey"
    imported = interchange.plan_import(plan(cards, stages), path)
    database.create_file(path, interchange.populate_from(imported))
    document = Document.open(path, read_only=True)
    map_id = document.maps()[0].id
    picture = ExportSource(document).picture(map_id)
    size = f"{picture.width:.0f} × {picture.height:.0f} px"
    sys.stdout.write(f"{cards} cards over {stages} stages: map {size}\n")

    def pdf(options: ExportOptions, name: str) -> str:
        target = out / f"{cards}-{name}.pdf"
        pages = export.export_pdf(document, target, options)
        return f"{pages} pages, {target.stat().st_size / 1e6:.1f} MB"

    def png(dpi: int) -> str:
        target = out / f"{cards}-{dpi}dpi.png"
        w, h = export.export_png(document, target, ExportOptions(dpi=dpi))
        return f"{w} × {h} px, {target.stat().st_size / 1e6:.1f} MB"

    def svg() -> str:
        target = out / f"{cards}.svg"
        export.export_svg(document, target, ExportOptions())
        return f"{target.stat().st_size / 1e6:.1f} MB"

    timed(
        "layout and shapes", lambda: f"{len(ExportSource(document).picture(map_id).shapes)} shapes"
    )
    timed("PDF, fit on A3 landscape", lambda: pdf(ExportOptions(page="A3", landscape=True), "fit"))
    timed(
        "PDF, cover + tiles on A4 at 100 %",
        lambda: pdf(ExportOptions(tile=True, cover=True), "tile"),
    )
    timed("PNG at 96 DPI", lambda: png(96))
    timed("PNG at 300 DPI", lambda: png(300))
    timed("SVG", svg)
    document.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--keep", type=Path, help="write the exports to this folder")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        for cards in args.cards:
            bench(cards, Path(scratch), out)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
