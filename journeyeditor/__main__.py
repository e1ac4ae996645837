"""`python -m journeyeditor`: same as the `journeyeditor` command."""

import sys

from journeyeditor.cli import main

sys.exit(main())
