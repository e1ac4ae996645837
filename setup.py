"""The build step pyproject.toml cannot say: the wheel ships the repository's `resources/`.

The sources of what ships (fonts, icons, templates, translations with their compiled .qm)
live at the top of the repository; a wheel carries a copy in `journeyeditor/_resources/`,
where journeyeditor/resources.py finds it. An editable install needs no copy: the module
finds the checkout's folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"
PACKAGED = Path("journeyeditor", "_resources")
"""Where journeyeditor/resources.py looks in an installed wheel (its `PACKAGED`)."""


class BuildWithResources(build_py):
    """Copy `resources/` into the built package (not in an editable install)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        if not (RESOURCES / "translations").is_dir():
            raise SystemExit(f"{RESOURCES} is missing: build from a checkout or an sdist")
        target = Path(self.build_lib) / PACKAGED
        shutil.rmtree(target, ignore_errors=True)  # no file deleted from resources/ lingers
        self.copy_tree(str(RESOURCES), str(target))


setup(cmdclass={"build_py": BuildWithResources})
