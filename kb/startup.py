"""What the packages' own imports need to start fast."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration, then restore its state.

    Why: importing kb and solver defines a few thousand objects (classes, functions, the
    constraint library) that live as long as the process. Meanwhile the collector runs every 700
    new containers and finds nothing to free: about 10 ms of a command-line start on this
    machine (benchmarks/run.py, cli/cold-start). Only the imports are covered; a collector that
    was already off stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
