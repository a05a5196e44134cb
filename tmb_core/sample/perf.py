"""Small helpers for the hot paths of reading and storing."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Reading 100,000 rows allocates a few million tuples and strings and no cycles;
    the collector would otherwise rescan the growing heap again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
