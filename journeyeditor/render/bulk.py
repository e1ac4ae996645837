"""Building a whole map's records at once without the cyclic collector's repeated passes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold CPython's cyclic garbage collector while a map is loaded and laid out, and
    count what was built as old.

    Every few hundred new objects the collector looks through the young ones, and each
    time the survivors grow by a quarter it goes through everything alive: loading
    10,000 cards (their records, boxes and text lines, all kept) set off pass after pass,
    about 0.1 s of collecting. Those records hold no reference cycles, so nothing is lost
    by waiting. At the end everything alive is moved to the oldest generation unseen
    (`freeze` then `unfreeze`: two list splices) instead of being looked through once
    more as young; the next full collection, when its time comes, sees it like any old
    object. A nested pause leaves all this to the outer one.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
