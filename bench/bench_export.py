"""Export timings for generated maps of 200 and 2,000 cards: PDF, 300-DPI PNG, SVG; the
PDFs of 2,000- and 10,000-card maps per card; and the streamed 300-DPI PNG of 2,000- and
5,000-card maps against a baseline.

Cards hold two to nine words, like workshop sticky notes; the process's peak memory so
far is shown after each figure. The PDF and PNG comparisons run each export in a child
process of its own (peak memory from /proc's VmHWM). PDF: the map fitted on A3, and a
cover and tiles on A4 at 100 %, each as opening, layout and drawing, and time per card
with the ratio of the largest size's to the smallest's (issue 12: under 2.5). PNG:
`export_png`, and a baseline that only paints the same bands with QPainter and
compresses their pixels with zlib, writing nothing.

    .venv/bin/python bench/bench_export.py [--cards 200 2000] [--pdf 2000 10000]
        [--png 2000 5000] [--repeat 1] [--keep FOLDER]
    .venv/bin/python bench/bench_export.py --cards --png --pdf 2000 10000   # PDF per card only
    .venv/bin/python bench/bench_export.py --cards --pdf --png 2000 5000   # PNG comparison only

Prints figures, asserts nothing: compare runs by eye.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's package
PNG_DPI = 300

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


def stages_for(cards: int) -> int:
    return 8 if cards <= 500 else 20


def make_file(cards: int, scratch: Path) -> Path:
    """The .journey file of a generated map of `cards` cards."""
    from journeyeditor.store import database, interchange

    path = scratch / f"bench{cards}.journey"
    if not path.exists():
        imported = interchange.plan_import(plan(cards, stages_for(cards)), path)
        database.create_file(path, interchange.populate_from(imported))
    return path


def bench(cards: int, scratch: Path, out: Path) -> None:
    """Make a map of `cards` cards and time each export of it."""
    from journeyeditor.editing.document import Document
    from journeyeditor.render import export
    from journeyeditor.render.export import ExportOptions, ExportSource

    stages = stages_for(cards)
    path = make_file(cards, scratch)
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


def own_peak() -> float:
    """This process's peak resident memory in MB (VmHWM: `ru_maxrss` of a child starts
    from its parent's resident size, which exec carries over)."""
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    return int(status.split()[0]) / 1024


def png_child(kind: str, path: Path, target: Path) -> dict[str, Any]:
    """In a child process: one 300-DPI PNG of the file's map, streamed (`stream`) or the
    baseline (`baseline`: the same bands painted by QPainter, their pixels through zlib)."""
    from journeyeditor.editing.document import Document
    from journeyeditor.render import export
    from journeyeditor.render.export import ExportOptions, ExportSource

    document = Document.open(path, read_only=True)
    source = ExportSource(document)
    map_id = document.maps()[0].id
    source.picture(map_id)
    rest = own_peak()
    start = time.perf_counter()
    if kind == "stream":
        width, height = export.export_png(document, target, ExportOptions(dpi=PNG_DPI), source)
        written = target.stat().st_size
    else:
        width, height = export.image_size(source.picture(map_id), PNG_DPI)
        band = max(1, export.BAND_PIXELS // width)
        deflate = zlib.compressobj(6)
        written = 0
        for top in range(0, height, band):
            rows = min(band, height - top)
            image = export.map_image(source, map_id, PNG_DPI / 96, False, top, rows)
            written += len(deflate.compress(image.constBits()))
            del image
        written += len(deflate.flush())
    seconds = time.perf_counter() - start
    peak = own_peak()
    document.close()
    return {
        "seconds": seconds,
        "peak": peak,
        "rest": rest,
        "size": [width, height],
        "bytes": written,
    }


PDF_KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "pdf-fit": ("PDF fitted on A3 landscape", {"page": "A3", "landscape": True}),
    "pdf-tile": ("PDF, cover + tiles on A4 at 100 %", {"tile": True, "cover": True}),
}


def pdf_child(kind: str, path: Path, target: Path) -> dict[str, Any]:
    """In a child process: one PDF of the file's map (`PDF_KINDS`), timed in three parts:
    opening the file, laying the map out (shapes and their culling index), drawing and
    writing the PDF."""
    from journeyeditor.editing.document import Document
    from journeyeditor.render import export
    from journeyeditor.render.export import ExportOptions, ExportSource

    start = time.perf_counter()
    document = Document.open(path, read_only=True)
    opened = time.perf_counter()
    source = ExportSource(document)
    map_id = document.maps()[0].id
    cards = len(source.content(map_id).cards)
    source.picture(map_id)
    laid = time.perf_counter()
    pages = export.export_pdf(document, target, ExportOptions(**PDF_KINDS[kind][1]), source)
    done = time.perf_counter()
    document.close()
    return {
        "cards": cards,
        "open": opened - start,
        "layout": laid - opened,
        "pdf": done - laid,
        "pages": pages,
        "bytes": target.stat().st_size,
        "peak": own_peak(),
    }


def _whole(result: dict[str, Any]) -> float:
    """Seconds from opening the file to the PDF written."""
    return float(result["open"] + result["layout"] + result["pdf"])


def _drawn(result: dict[str, Any]) -> float:
    """Seconds of the layout and the PDF, the file open."""
    return float(result["layout"] + result["pdf"])


def pdf_rows(counts: list[int], results: list[dict[str, Any]]) -> list[str]:
    """One PDF's figures at each size: parts, time per card, ratio to the first size."""
    first = results[0]
    cells: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("pages, file", lambda r: f"{r['pages']} p., {r['bytes'] / 1e6:.1f} MB"),
        (
            "open / layout / draw PDF",
            lambda r: f"{r['open']:.2f} / {r['layout']:.2f} / {r['pdf']:.2f} s",
        ),
        ("total", lambda r: f"{_whole(r):.2f} s"),
        ("per card: total", lambda r: f"{_whole(r) / r['cards'] * 1e3:.2f} ms"),
        ("per card: layout + PDF", lambda r: f"{_drawn(r) / r['cards'] * 1e3:.2f} ms"),
        (
            f"per card ÷ {counts[0]:,} cards': total",
            lambda r: f"{_whole(r) * first['cards'] / (_whole(first) * r['cards']):.2f} ×",
        ),
        (
            f"per card ÷ {counts[0]:,} cards': layout + PDF",
            lambda r: f"{_drawn(r) * first['cards'] / (_drawn(first) * r['cards']):.2f} ×",
        ),
        ("peak memory of the process", lambda r: f"{r['peak']:.0f} MB"),
    ]
    return [f"    {name:<40}" + "".join(f"{cell(r):>24}" for r in results) for name, cell in cells]


def bench_pdf(counts: list[int], scratch: Path, out: Path, repeat: int) -> None:
    """Each PDF at each size in a child process (the fastest of `repeat` runs), with its
    time per card and the ratio of each size's time per card to the first size's."""
    heading = "".join(f"{f'{cards:,} cards':>24}" for cards in counts)
    lines = [f"PDF, each in a child process{heading}"]
    for kind, (label, _options) in PDF_KINDS.items():
        results = []
        for cards in counts:
            path = make_file(cards, scratch)
            target = out / f"{cards}-{kind}.pdf"
            runs = [run_child(kind, path, target) for _ in range(repeat)]
            results.append(min(runs, key=_drawn))
        lines += [f"  {label}", *pdf_rows(counts, results)]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def run_child(kind: str, path: Path, target: Path) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--child", kind, str(path), str(target)]
    ran = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    result: dict[str, Any] = json.loads(ran.stdout.splitlines()[-1])
    return result


def seconds(result: dict[str, Any]) -> float:
    return float(result["seconds"])


def bench_png(counts: list[int], scratch: Path, out: Path, repeat: int) -> None:
    """The streamed PNG and its baseline at each size, side by side (the faster of
    `repeat` runs of each, alternated)."""
    results = []
    for cards in counts:
        path = make_file(cards, scratch)
        target = out / f"{cards}-{PNG_DPI}dpi-streamed.png"
        runs = [
            (run_child("stream", path, target), run_child("baseline", path, target))
            for _ in range(repeat)
        ]
        results.append(
            (min((s for s, _ in runs), key=seconds), min((b for _, b in runs), key=seconds))
        )
    heading = "".join(f"{f'{cards:,} cards':>26}" for cards in counts)
    lines = [f"PNG at {PNG_DPI} DPI, each in a child process{heading}"]

    def row(label: str, cell: Callable[[dict[str, Any], dict[str, Any]], str]) -> None:
        lines.append(f"  {label:<42}" + "".join(f"{cell(s, b):>26}" for s, b in results))

    row(
        "image",
        lambda s, b: "{} × {} ({:.0f} Mpx)".format(*s["size"], s["size"][0] * s["size"][1] / 1e6),
    )
    row("streamed export_png: time", lambda s, b: f"{s['seconds']:.1f} s")
    row("baseline QPainter bands + zlib: time", lambda s, b: f"{b['seconds']:.1f} s")
    row("ratio streamed / baseline", lambda s, b: f"{s['seconds'] / b['seconds']:.2f} ×")
    row(
        "streamed: peak memory (map laid out)",
        lambda s, b: f"{s['peak']:.0f} MB ({s['rest']:.0f} MB)",
    )
    row(
        "baseline: peak memory (map laid out)",
        lambda s, b: f"{b['peak']:.0f} MB ({b['rest']:.0f} MB)",
    )
    row(
        "streamed file / baseline zlib bytes",
        lambda s, b: f"{s['bytes'] / 1e6:.0f} MB / {b['bytes'] / 1e6:.0f} MB",
    )
    sys.stdout.write("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, nargs="*", default=[200, 2000])
    parser.add_argument("--pdf", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument("--png", type=int, nargs="*", default=[2000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="PDF and PNG runs of each; the best")
    parser.add_argument("--keep", type=Path, help="write the exports to this folder")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from journeyeditor import paint_threads

    paint_threads.keep_painting_serial()  # as the app and the command line paint

    app = QGuiApplication([sys.argv[0]])
    if args.child:
        kind, path, target = args.child
        child = pdf_child if kind in PDF_KINDS else png_child
        sys.stdout.write(json.dumps(child(kind, Path(path), Path(target))) + "\n")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        for cards in args.cards:
            bench(cards, Path(scratch), out)
        if args.pdf:
            bench_pdf(args.pdf, Path(scratch), out, args.repeat)
        if args.png:
            bench_png(args.png, Path(scratch), out, args.repeat)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
