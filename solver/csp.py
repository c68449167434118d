"""The adapter to python-constraint: the only module of syncmatrix that imports `constraint`.

Every query builds a fresh `Problem` (solving mutates its domains); rules become `Forbid`
objects, never string constraints (python-constraint compiles those with `eval`). The solver is
python-constraint's OptimizedBacktrackingSolver with forward checking: a static order of the
variables by degree then domain size, values tried from the end of each domain list, so callers
put the value they prefer last (`ordered_domain`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from constraint import Constraint, OptimizedBacktrackingSolver, Problem

from kb.model import Value

#: A rule as the CSP sees it: for each variable it reads, the values that break it.
Nogood = tuple[tuple[str, frozenset[Value]], ...]
Domains = Mapping[str, Sequence[Value]]
Assignment = dict[str, Value]


class Forbid(Constraint):  # type: ignore[misc]  # python-constraint ships no type information
    """A nogood: broken when every variable takes one of its listed values.

    With forward checking, once all variables but one are assigned within their sets, the values
    of the last one that would complete the nogood are hidden from its domain.
    """

    def __init__(self, nogood: Nogood) -> None:
        self._sets = dict(nogood)

    def __call__(
        self, variables: Sequence[str], domains: dict[str, Any], assignments: Assignment, forwardcheck: Any = False
    ) -> bool:
        sets = self._sets
        open_variable = ""
        missing = 0
        for variable in variables:
            if variable in assignments:
                if assignments[variable] not in sets[variable]:
                    return True
            else:
                missing += 1
                open_variable = variable
        if missing == 0:
            return False
        if forwardcheck and missing == 1:
            domain = domains[open_variable]
            forbidden = sets[open_variable]
            for value in domain[:]:
                if value in forbidden:
                    domain.hideValue(value)
            if not domain:
                return False
        return True


class WithinBudget(Constraint):  # type: ignore[misc]
    """The cost of the variables that differ from `original` stays within `budget`.

    Prunes with a lower bound: every nogood that still holds on the values assigned so far and on
    the original values of the rest needs one more change among its open variables; nogoods with
    disjoint open variables need distinct changes, so their cheapest changes add up. With forward
    checking it hides the non-original values of every open variable the budget can no longer pay.
    """

    def __init__(
        self, original: Mapping[str, Value], cost: Mapping[str, int], budget: int, nogoods: Sequence[Nogood]
    ) -> None:
        self._original = dict(original)
        self._cost = dict(cost)
        self._budget = budget
        self._nogoods = [tuple(n) for n in nogoods]

    def __call__(
        self, variables: Sequence[str], domains: dict[str, Any], assignments: Assignment, forwardcheck: Any = False
    ) -> bool:
        original, cost = self._original, self._cost
        spent = 0
        for variable in variables:
            value = assignments.get(variable, _OPEN)
            if value is not _OPEN and value != original[variable]:
                spent += cost[variable]
        if spent > self._budget:
            return False
        left = self._budget - spent
        if self._lower_bound(domains, assignments, left) > left:
            return False
        if forwardcheck:
            for variable in variables:
                if variable in assignments or cost[variable] <= left:
                    continue
                domain = domains[variable]
                keep = original[variable]
                if keep not in domain:
                    return False
                for value in domain[:]:
                    if value != keep:
                        domain.hideValue(value)
        return True

    def _lower_bound(self, domains: dict[str, Any], assignments: Assignment, left: int) -> int:
        """Changes still needed, greedily packed; stops counting once past `left`."""
        original, cost = self._original, self._cost
        used: set[str] = set()
        bound = 0
        for nogood in self._nogoods:
            helpers: list[str] = []
            for variable, forbidden in nogood:
                value = assignments.get(variable, _OPEN)
                if value is _OPEN:
                    if original[variable] not in forbidden:
                        break  # free to leave as it is: the nogood is already avoided
                    for other in domains[variable]:
                        if other not in forbidden:
                            helpers.append(variable)
                            break
                elif value not in forbidden:
                    break
            else:
                # A nogood no open variable can avoid is Forbid's to reject, not a cost to count.
                if helpers and used.isdisjoint(helpers):
                    used.update(helpers)
                    bound += min(cost[h] for h in helpers)
                    if bound > left:
                        return bound
        return bound


_OPEN = object()  # marks a variable not assigned yet


class _InOrder(OptimizedBacktrackingSolver):  # type: ignore[misc]
    """python-constraint's OptimizedBacktrackingSolver with the variable order given by the caller.

    Its own order (most constraints first) is static and blind to the query; the nearest fix
    knows which variables sit closest to the broken rules.
    """

    def __init__(self, order: Sequence[str]) -> None:
        super().__init__(forwardcheck=True)
        self._order = list(order)

    def getSortedVariables(self, domains: dict[str, Any], vconstraints: dict[str, Any]) -> list[str]:  # noqa: N802
        return [v for v in self._order if v in domains] + [v for v in domains if v not in self._order]


def ordered_domain(domain: Sequence[Value], first: Value | None = None) -> list[Value]:
    """`domain` as python-constraint should try it: in order, `first` (if given) before the rest."""
    values = [v for v in domain if v != first]
    values.reverse()  # the solver pops values from the end of the list
    if first is not None and first in domain:
        values.append(first)
    return values


def _problem(domains: Domains, nogoods: Sequence[Nogood], order: Sequence[str] | None = None) -> Problem | None:
    solver = _InOrder(order) if order is not None else OptimizedBacktrackingSolver(forwardcheck=True)
    problem = Problem(solver)
    for variable, domain in domains.items():
        if not domain:
            return None
        problem.addVariable(variable, list(domain))
    for nogood in nogoods:
        scope = [v for v, _ in nogood]
        problem.addConstraint(Forbid(nogood), scope)
    return problem


def solve_one(domains: Domains, nogoods: Sequence[Nogood]) -> Assignment | None:
    """A solution over `domains` that breaks none of `nogoods`, or None."""
    problem = _problem(domains, nogoods)
    if problem is None:
        return None
    solution = problem.getSolution()
    return dict(solution) if solution else None


def solve_all(domains: Domains, nogoods: Sequence[Nogood]) -> Iterator[Assignment]:
    """Every solution over `domains` that breaks none of `nogoods`, in the solver's order."""
    problem = _problem(domains, nogoods)
    if problem is None:
        return iter(())
    return (dict(s) for s in problem.getSolutionIter())


def solve_within_budget(
    domains: Domains,
    nogoods: Sequence[Nogood],
    original: Mapping[str, Value],
    cost: Mapping[str, int],
    budget: int,
    order: Sequence[str] | None = None,
) -> Iterator[Assignment]:
    """Every solution that breaks no nogood and changes at most `budget` worth of `original`.

    `order`: the variables in the order to search them (default: python-constraint's own).
    """
    if not domains:
        return iter(())
    problem = _problem(domains, nogoods, order)
    if problem is None:
        return iter(())
    changeable = [v for v in original if len(domains[v]) > 1]
    if changeable:
        problem.addConstraint(WithinBudget(original, cost, budget, nogoods), changeable)
    return (dict(s) for s in problem.getSolutionIter())
