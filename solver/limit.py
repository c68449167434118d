"""Budgets of searches: every question the solver answers ends within its limit or says why not.

A `Limit` is what the asker allows one question (wall-clock seconds, optionally a number of search
nodes, and a callable that says the asker no longer waits); a `Budget` is that limit running for
one question. Searches call `Budget.step()` at every node and the budget looks at the clock and
at `cancelled` every `POLL` nodes, so the cost of the watch stays a counter increment.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from syncmatrix import words
from syncmatrix.kb.errors import SyncmatrixError

#: Nodes between two looks at the clock and at `cancelled`: a node costs microseconds, so a
#: cancelled question stops within milliseconds, and reading the clock stays out of the profile.
POLL = 256

DEFAULT_SECONDS = 30.0


class Limit:
    """What one question may spend before it stops with SearchLimitExceeded: immutable, hashable.

    Written out rather than a frozen dataclass: the dataclass machinery costs about a millisecond
    of every start of the command line (benchmarks/run.py, cli/cold-start), for three fields.
    """

    __slots__ = ("seconds", "nodes", "cancelled")
    seconds: float  # wall-clock time from the start of the question
    nodes: int | None  # search nodes (assignments tried, branches counted); None: unbounded
    cancelled: Callable[[], bool] | None  # polled during the search; True stops it

    def __init__(self, seconds: float, nodes: int | None = None, cancelled: Callable[[], bool] | None = None) -> None:
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise TypeError(f"Limit.seconds must be a number of seconds, not {seconds!r}")
        if not (seconds > 0 and math.isfinite(seconds)):
            raise ValueError(f"Limit.seconds must be a finite number of seconds above 0, not {seconds!r}")
        if nodes is not None and (isinstance(nodes, bool) or not isinstance(nodes, int)):
            raise TypeError(f"Limit.nodes must be a whole number or None, not {nodes!r}")
        if nodes is not None and nodes < 0:
            raise ValueError(f"Limit.nodes must be 0 or more, not {nodes!r}")
        object.__setattr__(self, "seconds", seconds)
        object.__setattr__(self, "nodes", nodes)
        object.__setattr__(self, "cancelled", cancelled)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Limit is immutable; make another one instead of setting {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Limit is immutable; {name} stays")

    def _key(self) -> tuple[float, int | None, Callable[[], bool] | None]:
        return (self.seconds, self.nodes, self.cancelled)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Limit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[type[Limit], tuple[float, int | None, Callable[[], bool] | None]]:
        return (Limit, self._key())

    def __repr__(self) -> str:
        return f"Limit(seconds={self.seconds!r}, nodes={self.nodes!r}, cancelled={self.cancelled!r})"


DEFAULT_LIMIT = Limit(DEFAULT_SECONDS)


class SearchLimitExceeded(SyncmatrixError):
    """A question ran out of its budget (time, nodes) or its asker cancelled it.

    `key` and `values` name the message for a face that says it in another language
    (syncmatrix/words.py: search_limit_REASON, with the question as question_ID); str() is English.
    """

    def __init__(self, question: str, limit: Limit, reason: str) -> None:
        self.question = question  # an id of a question: syncmatrix/words.py says it as question_ID
        self.limit = limit
        self.reason = reason  # "time", "nodes" or "cancelled"
        self.key = f"search_limit_{reason}"
        self.values: dict[str, object] = {
            "question": question,
            "seconds": f"{limit.seconds:g}",
            "nodes": f"{limit.nodes or 0:,}",
            "more": f"{max(limit.seconds * 4, 60):g}",
        }
        super().__init__(words.message(self.key, "en", self.values))


class Budget:
    """One question's limit, running: nodes spent so far and the deadline."""

    __slots__ = ("question", "limit", "nodes", "_deadline", "_next")

    def __init__(self, question: str, limit: Limit) -> None:
        self.question = question
        self.limit = limit
        self.nodes = 0
        self._deadline = time.monotonic() + limit.seconds
        self._next = 0  # the first step polls at once: a question already cancelled does not start

    def restart(self) -> None:
        """The same limit afresh, from now: for a question asked again and again (the next row)."""
        self.nodes = 0
        self._deadline = time.monotonic() + self.limit.seconds
        self._next = 0

    def step(self, nodes: int = 1) -> None:
        """Count `nodes` search nodes; every POLL of them, look at the clock and `cancelled`."""
        self.nodes += nodes
        if self.nodes >= self._next:
            self.poll()

    def poll(self) -> None:
        """Raise SearchLimitExceeded when the budget is spent or the asker cancelled."""
        limit = self.limit
        if limit.nodes is not None and self.nodes > limit.nodes:
            raise SearchLimitExceeded(self.question, limit, "nodes")
        if time.monotonic() > self._deadline:
            raise SearchLimitExceeded(self.question, limit, "time")
        if limit.cancelled is not None and limit.cancelled():
            raise SearchLimitExceeded(self.question, limit, "cancelled")
        self._next = self.nodes + POLL
        if limit.nodes is not None:
            self._next = min(self._next, limit.nodes + 1)


def start(question: str, limit: Limit | Budget | None, default: Limit) -> Budget:
    """The budget of a question: a running Budget continues (a question asked inside another
    shares its budget), a Limit starts afresh, None starts `default`."""
    if isinstance(limit, Budget):
        return limit
    return Budget(question, limit if limit is not None else default)
