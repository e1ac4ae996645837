"""Keep the Qt Linguist files in step with the code.

    python tools/translations.py update    # collect strings into resources/translations/*.ts
    python tools/translations.py release   # compile them into the .qm beside them, which the
                                           # app loads (journeyeditor/resources.py) and the
                                           # wheel and the bundle ship

`update` keeps existing translations and marks new strings unfinished; translate them in
the .ts file (by hand or in Qt Linguist: `pyside6-linguist FILE.ts`), then `release`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journeyeditor import resources  # noqa: E402

PACKAGE = ROOT / "journeyeditor"
LANGUAGES = ("fr",)
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    """Every Python file of the package, in a stable order."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    )


def ts_file(language: str) -> Path:
    return resources.translation_source(language)


def update(target: Path | None = None, language: str = "fr") -> Path:
    """Run lupdate over the package into `target` (the committed .ts file by default)."""
    target = target or ts_file(language)
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            language,
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def release(language: str = "fr", target: Path | None = None) -> Path:
    """Compile the .ts file into `target` (by default the .qm the app loads, beside it)."""
    source = ts_file(language)
    target = target or resources.translation(language)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(source), "-qm", str(target)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("update", "release"):
        sys.stderr.write(__doc__ or "")
        return 2
    for language in LANGUAGES:
        done = update(language=language) if sys.argv[1] == "update" else release(language)
        print(done.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
