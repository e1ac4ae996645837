"""Where the files that ship with the app are: fonts, icons, templates, translations.

The one module that builds their paths (tests/unit/test_resources.py keeps it so), for
the three ways the app runs:

- a PyInstaller bundle: `resources/` in the bundle's folder (`sys._MEIPASS`), put there
  by the spec in packaging/;
- an installed wheel: `journeyeditor/_resources/`, copied into the wheel from the
  repository's `resources/` by setup.py's build step;
- a checkout (an editable install, or PYTHONPATH): the repository's `resources/`.

The compiled translations (.qm) sit beside their sources (.ts) in `translations/`:
`python tools/translations.py release` writes them there. Nothing here imports Qt: the
storage layer reads its templates through this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGED = PACKAGE / "_resources"
"""Inside an installed wheel (setup.py copies the repository's `resources/` here)."""
CHECKOUT = PACKAGE.parent / "resources"
"""The sources, in a checkout of the repository."""
BUNDLED = "resources"
"""The folder's name inside a PyInstaller bundle."""


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / BUNDLED
    return PACKAGED if PACKAGED.is_dir() else CHECKOUT


ROOT = _root()
FONTS = ROOT / "fonts"
FONT_REGULAR = FONTS / "DejaVuSans.ttf"
FONT_BOLD = FONTS / "DejaVuSans-Bold.ttf"
ICONS = ROOT / "icons"
ICON = ICONS / "journeyeditor.svg"
ICON_ICO = ICONS / "journeyeditor.ico"
"""Windows (.exe); the PNGs and the .icns (macOS) come from the SVG too: tools/icons.py."""
ICON_ICNS = ICONS / "journeyeditor.icns"
TEMPLATES = ROOT / "templates"
TRANSLATIONS = ROOT / "translations"


def icon_png(size: int) -> Path:
    """The app's icon drawn at `size` pixels square (tools/icons.py makes them)."""
    return ICONS / f"journeyeditor-{size}.png"


def template(template_id: str, language: str) -> Path:
    return TEMPLATES / f"{template_id}.{language}.json"


def translation(language: str) -> Path:
    """The compiled Qt translation (.qm) of the interface for `language`."""
    return TRANSLATIONS / f"journeyeditor_{language}.qm"


def translation_source(language: str) -> Path:
    """The Qt Linguist source (.ts) of `translation(language)`."""
    return TRANSLATIONS / f"journeyeditor_{language}.ts"
