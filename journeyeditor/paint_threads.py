"""Qt's painter draws on the thread that calls it, not in a pool of threads.

Qt 6's raster engine hands every fill of 96 or more scan lines to a pool of helper
threads and waits for them. For the canvas that hand-off costs more than the fill:
measured on 2 cores (bench/README.md, "Painting on one thread"), a 2,000-card move's
CPU went down by about a sixth without the pool, the bare scene's repaint from 7–9 ms
to 2 ms, and a 300-DPI PNG export from 14.4 s to 11.9 s. The pool is made once per
process, on the first large fill, so the switch must be set before anything paints.
"""

from __future__ import annotations

import os

SWITCH = "QT_NO_GUI_THREADPOOL"
"""Qt reads only whether this variable is set (any value turns the pool off)."""


def keep_painting_serial() -> None:
    """Turn Qt's painting thread pool off for this process (and the processes it starts)."""
    os.environ.setdefault(SWITCH, "1")
