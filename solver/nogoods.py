"""Rules as nogoods, and what can be said of them without a search: unit propagation over sets
of values or bit masks. Imports no solver library, so that a question answered by the model
counter (solver.count) never loads python-constraint (solver.csp, which builds on this).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import TypeVar

from syncmatrix.kb.model import Value

#: A rule as the CSP sees it: for each variable it reads, the values that break it.
Nogood = tuple[tuple[str, frozenset[Value]], ...]
Domains = Mapping[str, Sequence[Value]]


def reduce(domains: Domains, nogoods: Sequence[Nogood]) -> tuple[dict[str, list[Value]], list[Nogood]] | None:
    """The same problem, smaller (`propagate`), or None when it has no solution; domains keep
    their order.

    Before python-constraint sees the problem: its preProcess drops each one-variable constraint
    with a search of the whole list of constraints (list.remove), which made a knowledge base of
    5,000 rules spend most of every query there; and its forward checking would meet each of these
    facts again at every node.
    """
    allowed = {variable: frozenset(domain) for variable, domain in domains.items()}
    if not all(allowed.values()):
        return None
    pending = propagate(allowed, list(nogoods))
    if pending is None:
        return None
    return {variable: [v for v in domain if v in allowed[variable]] for variable, domain in domains.items()}, pending


K = TypeVar("K", str, int)  # a variable: its name, or its number (solver.count)
S = TypeVar("S", frozenset[Value], int)  # a set of values: a set, or a bit mask (solver.count)


def propagate(domains: dict[K, S], nogoods: list[tuple[tuple[K, S], ...]]) -> list[tuple[tuple[K, S], ...]] | None:
    """Unit propagation over nogoods, in place on `domains`: the nogoods left, or None when one is
    broken whatever the values.

    A nogood with a condition no value left meets goes; a condition every value left meets leaves
    its nogood; a nogood left with one condition removes that condition's values from its
    variable's domain; until nothing changes. Conditions keep only the values left. Sets and bit
    masks alike: `&` intersects, `domain ^ (domain & forbidden)` removes.
    """
    changed = True
    while changed:
        changed = False
        kept = []
        for nogood in nogoods:
            conditions = []
            for variable, forbidden in nogood:
                domain = domains[variable]
                forbidden &= domain
                if not forbidden:
                    break  # no value left meets the condition: the nogood can never be broken
                if forbidden != domain:
                    conditions.append((variable, forbidden))
            else:
                if not conditions:
                    return None  # every value left meets every condition: broken whatever the values
                if len(conditions) == 1:
                    variable, forbidden = conditions[0]
                    domains[variable] ^= domains[variable] & forbidden
                    changed = True
                else:
                    same = len(conditions) == len(nogood) and all(map(operator.eq, conditions, nogood))
                    # An unchanged nogood is kept as it is: the counter's cache shares it, not a copy.
                    kept.append(nogood if same else tuple(conditions))
        nogoods = kept
    return list(dict.fromkeys(nogoods))
