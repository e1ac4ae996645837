"""Remake the export tests' golden images, on purpose, after a deliberate change of look.

    .venv/bin/python tools/refresh_goldens.py            # every golden
    .venv/bin/python tools/refresh_goldens.py canvas_fr.png

Look at tests/export/golden/*.png before committing them: the tests then hold every
later render to these pictures.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "export" / "render_cases.py"


def load_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("export_render_cases", CASES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(names: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from journeyeditor.editing.document import Document

    app = QApplication([sys.argv[0]])
    cases = load_cases()
    unknown = set(names) - set(cases.GOLDENS)
    if unknown:
        sys.stderr.write(f"no such golden: {', '.join(sorted(unknown))}\n")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        document = Document.open(cases.make_project(work / "golden.journey"), read_only=True)
        try:
            for name, make in cases.GOLDENS.items():
                if names and name not in names:
                    continue
                image = make(document, work)
                image.save(cases.GOLDEN / name, optimize=True)
                sys.stdout.write(f"{name}: {image.width} × {image.height}\n")
        finally:
            document.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
