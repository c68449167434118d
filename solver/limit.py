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
from dataclasses import dataclass

from syncmatrix.kb.errors import SyncmatrixError

#: Nodes between two looks at the clock and at `cancelled`: a node costs microseconds, so a
#: cancelled question stops within milliseconds, and reading the clock stays out of the profile.
POLL = 256

DEFAULT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Limit:
    """What one question may spend before it stops with SearchLimitExceeded."""

    seconds: float  # wall-clock time from the start of the question
    nodes: int | None = None  # search nodes (assignments tried, branches counted); None: unbounded
    cancelled: Callable[[], bool] | None = None  # polled during the search; True stops it

    def __post_init__(self) -> None:
        if isinstance(self.seconds, bool) or not isinstance(self.seconds, int | float):
            raise TypeError(f"Limit.seconds must be a number of seconds, not {self.seconds!r}")
        if not (self.seconds > 0 and math.isfinite(self.seconds)):
            raise ValueError(f"Limit.seconds must be a finite number of seconds above 0, not {self.seconds!r}")
        if self.nodes is not None and (isinstance(self.nodes, bool) or not isinstance(self.nodes, int)):
            raise TypeError(f"Limit.nodes must be a whole number or None, not {self.nodes!r}")
        if self.nodes is not None and self.nodes < 0:
            raise ValueError(f"Limit.nodes must be 0 or more, not {self.nodes!r}")


DEFAULT_LIMIT = Limit(DEFAULT_SECONDS)


class SearchLimitExceeded(SyncmatrixError):
    """A question ran out of its budget (time, nodes) or its asker cancelled it."""

    def __init__(self, question: str, limit: Limit, reason: str) -> None:
        self.question = question
        self.limit = limit
        self.reason = reason  # "time", "nodes" or "cancelled"
        if reason == "cancelled":
            text = f"the search for {question} was cancelled: its asker no longer waits for the answer"
        else:
            spent = (
                f"the node limit of {limit.nodes:,} search steps"
                if reason == "nodes"
                else f"the time limit of {_seconds(limit.seconds)}"
            )
            text = (
                f"the search for {question} found no answer within {spent}: the knowledge base leaves too much "
                "open for this question. Give more values (VARIABLE=VALUE) to narrow it, or allow more time "
                f"with --time-limit SECONDS (for example --time-limit {max(limit.seconds * 4, 60):g})"
            )
        super().__init__(text)


def _seconds(seconds: float) -> str:
    return f"{seconds:g} s"


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
