"""The bundle's entry point: the same `main` as the `journeyeditor` command.

A file outside the package, so that PyInstaller does not put the package's own folder
on the import path (as it would for journeyeditor/__main__.py).
"""

import sys

from journeyeditor.cli import main

sys.exit(main())
