"""The one speed trick of the audit: the cyclic garbage collector paused while many rows are made
or written (issue 22: no trick without a number).

Why: the rows of an audit (MailboxRow, Judged, the reports' pieces) make no reference cycles, yet
each 700 new objects start a pass of the collector, and its passes over 100,000 rows and more are
work for nothing. Measured on the benchmark case `audit/100k` (benchmarks/run.py: read, judge and
write the JSON report of 100,000 mailboxes in one process), CPU time, best of four runs each,
alternated in one process on a shared two-core machine: 1,390 ms paused, 1,488 ms without the
pause (about 7 %). Rejected: gc.freeze() here (it is the command line's, for its start-up) and
raising the thresholds process-wide (the pause ends with the work; a threshold would not).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, as it was after (see the module)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
