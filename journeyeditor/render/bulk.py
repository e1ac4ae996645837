"""Building a whole map's records at once without the cyclic collector's repeated passes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold CPython's cyclic garbage collector while a map is loaded and laid out.

    Every few hundred new objects the collector looks through the young ones, and each
    time the survivors grow by a quarter it goes through everything alive: loading
    10,000 cards (their records, boxes and text lines, all kept) set off pass after pass
    over the whole program and took half the layout's time. Those records hold no
    reference cycles, so nothing is lost by waiting; collection resumes afterwards
    (and a nested pause leaves it to the outer one).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
