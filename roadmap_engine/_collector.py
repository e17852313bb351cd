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
        # Re-enabled, the collector walks the young objects once (a tenth of a big
        # plan's time). Handing them to the oldest generation unscanned (freeze,
        # then unfreeze) was tried and measured: the collector then never counts
        # them toward a full collection, and over 10,000 plans a batch worker's
        # cycles piled up from 154 MB to 1,077 MB.
        if was_enabled:
            gc.enable()


@contextmanager
def import_paused() -> Iterator[None]:
    """The collector paused while the package imports, and what the imports built
    handed to its oldest generation unscanned.

    Modules, classes and their schemas live as long as the process; walked as
    young objects, they would make the first collection after the import scan
    them all (tens of milliseconds of a cold start) and the next ones again.
    Moving them to the oldest generation (freeze, then unfreeze) skips that.
    This is done once per process, for objects that last as long as it; done
    for every plan it let cyclic garbage pile up (see ``collection_paused``).
    An importer that froze objects of its own keeps them frozen: then the
    objects simply stay young, as without this.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
