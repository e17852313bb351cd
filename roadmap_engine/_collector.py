"""Pausing the cyclic garbage collector while a big structure is built.

Loading a catalog and planning allocate many small objects that refer to no
cycle; with a large catalog alive, every automatic collection walks all of it
again, which made big catalogs and plans superlinear (a 10,000-skill catalog
read from the cache took twice as long with the collector running).
Reference counting still frees everything at once; the collector's previous
state is restored afterwards, and nested pauses leave it to the outermost.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was built is handed to the oldest generation without a scan
            # (freeze, then unfreeze): re-enabled with a million young objects,
            # the collector would first walk them all, a tenth of a plan's time.
            # Any cycle among them is still found, by the next full collection.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
