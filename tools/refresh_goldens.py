"""Check the export tests' golden images against what the code draws now; replace on purpose.

    .venv/bin/python tools/refresh_goldens.py                  # every golden: candidates
    .venv/bin/python tools/refresh_goldens.py canvas_fr.png    # one golden
    .venv/bin/python tools/refresh_goldens.py --replace NAME…  # after looking: replace

Without --replace nothing is overwritten: beside each golden `x.png` it writes what the
code draws now as `x.candidate.png` and, where they differ, `x.diff.png` (the picture
faded, changed pixels in red), and prints how many pixels changed, counted as the tests
count them (tests/export/pixels.py). Both files are git-ignored. Look at them; only then
run again with --replace, which writes the candidates over the goldens and removes them.
Exit status: 0 when every golden is unchanged (or was replaced), 1 when some changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def candidate_path(golden: Path) -> Path:
    return golden.with_name(golden.stem + ".candidate.png")


def diff_path(golden: Path) -> Path:
    return golden.with_name(golden.stem + ".diff.png")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="golden file names (default: all)")
    parser.add_argument(
        "--replace", action="store_true", help="overwrite the goldens with what is drawn now"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "tests"))
    from export import pixels, render_cases
    from PIL import Image as PilImage
    from PySide6.QtWidgets import QApplication

    from journeyeditor.editing.document import Document

    unknown = set(args.names) - set(render_cases.GOLDENS)
    if unknown:
        sys.stderr.write(f"no such golden: {', '.join(sorted(unknown))}\n")
        return 2
    app = QApplication([sys.argv[0]])
    changed = 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = render_cases.make_project(work / "golden.journey")
        document = Document.open(project, read_only=True)
        try:
            for name, make in render_cases.GOLDENS.items():
                if args.names and name not in args.names:
                    continue
                golden = render_cases.GOLDEN / name
                image = make(document, work)
                candidate, diff = candidate_path(golden), diff_path(golden)
                diff.unlink(missing_ok=True)
                if not golden.exists():
                    verdict, same = "new", False
                else:
                    with PilImage.open(golden) as opened:
                        old = opened.convert("RGB")
                    if old.size != image.size:
                        verdict, same = f"size {old.size} -> {image.size}", False
                    else:
                        found = pixels.compare(image, old, shifts=False)
                        same = found.changed == 0
                        verdict = found.describe()
                        if not same:
                            pixels.diff_image(image, found.mask).save(diff)
                if args.replace:
                    if not same:
                        image.save(golden, optimize=True)
                    candidate.unlink(missing_ok=True)
                    diff.unlink(missing_ok=True)
                    action = "kept" if same else "replaced"
                elif same:
                    candidate.unlink(missing_ok=True)
                    action = "unchanged"
                else:
                    image.save(candidate, optimize=True)
                    changed += 1
                    action = f"CHANGED, see {candidate.name}" + (
                        f" and {diff.name}" if diff.exists() else ""
                    )
                sys.stdout.write(f"{name}: {verdict}: {action}\n")
        finally:
            document.close()
    del app
    if changed:
        sys.stdout.write(f"{changed} golden(s) differ; look, then rerun with --replace.\n")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
