"""The adapter to python-constraint: the only module of syncmatrix that imports `constraint`.

Every query builds a fresh `Problem` (solving mutates its domains); rules become `Forbid`
objects, never string constraints (python-constraint compiles those with `eval`). The solver is
python-constraint's OptimizedBacktrackingSolver with forward checking: a static order of the
variables by degree then domain size, values tried from the end of each domain list, so callers
put the value they prefer last (`ordered_domain`).
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from constraint import Constraint, OptimizedBacktrackingSolver, Problem

from syncmatrix.kb.model import Value
from syncmatrix.solver.limit import Budget
from syncmatrix.solver.nogoods import Domains, Nogood, reduce

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


class _Watch(Constraint):  # type: ignore[misc]  # python-constraint ships no type information
    """The question's budget, watching the search: a constraint on every variable, so
    python-constraint calls it once at every assignment it tries (first, before the rules), and it
    counts that node on the budget, which raises SearchLimitExceeded once spent or cancelled.

    A constraint, not a wrapper of the solver: the solver's loop is compiled, and a constraint is
    its one documented hook inside the search. It holds no rule, so it accepts every value.
    """

    def __init__(self, budget: Budget) -> None:
        self._step = budget.step

    def __call__(
        self, variables: Sequence[str], domains: dict[str, Any], assignments: Assignment, forwardcheck: Any = False
    ) -> bool:
        self._step()
        return True

    def preProcess(self, variables: Sequence[str], domains: Any, constraints: Any, vconstraints: Any) -> None:  # noqa: N802
        """Nothing to prune: python-constraint's own preProcess would drop a one-variable watch."""


class WithinBudget(Constraint):  # type: ignore[misc]  # python-constraint ships no type information
    """The cost of the variables that differ from `original` stays within `budget`.

    Prunes with a lower bound: every nogood that still holds on the values assigned so far and on
    the original values of the rest needs one more change among its open variables; nogoods with
    disjoint open variables need distinct changes, so their cheapest changes add up. With forward
    checking it hides the non-original values of every open variable the budget can no longer pay.

    The solver assigns the variables in `order` (see `_InOrder`), so the assigned ones are always
    its first k: the cost spent and the nogoods still unavoided after each of them are kept on a
    stack, one entry per depth, and each call adds the newest variable to its parent's entry
    instead of reading every variable and nogood again. A call that finds the assignments not in
    that order computes everything afresh.
    """

    def __init__(
        self,
        original: Mapping[str, Value],
        cost: Mapping[str, int],
        budget: int,
        nogoods: Sequence[Nogood],
        domains: Domains,
        order: Sequence[str],
    ) -> None:
        self._original = dict(original)
        self._cost = dict(cost)
        self._budget = budget
        self._nogoods = [tuple(n) for n in nogoods]
        self._order = list(order)
        self._dearest = max((self._cost[v] for v in self._order if v in self._cost), default=0)
        position = {v: i for i, v in enumerate(self._order)}
        # `_avoids[variable][value]`: the nogoods (one bit each) that `variable = value` avoids.
        self._avoids: dict[str, dict[Value, int]] = {v: dict.fromkeys(domains[v], 0) for v in self._order}
        # `_ready[k]`: the nogoods whose variables from depth k on all hold an original value inside
        # them: once the first k variables are assigned, these are the ones still broken unless an
        # assigned value avoids them.
        starts = [0] * (len(self._order) + 1)
        for i, nogood in enumerate(self._nogoods):
            start = 0
            for variable, forbidden in nogood:
                for value in self._avoids[variable]:
                    if value not in forbidden:
                        self._avoids[variable][value] |= 1 << i
                if self._original[variable] not in forbidden:
                    start = max(start, position[variable] + 1)
            starts[start] |= 1 << i
        self._ready = list(itertools.accumulate(starts, operator.or_))
        self._all = (1 << len(self._nogoods)) - 1
        self._stack: list[tuple[int, int]] = []  # (cost spent, nogoods not avoided) at depth 1, 2, …

    def __call__(
        self, variables: Sequence[str], domains: dict[str, Any], assignments: Assignment, forwardcheck: Any = False
    ) -> bool:
        depth = len(assignments)
        order = self._order
        if 0 < depth <= len(order) and order[depth - 1] in assignments:
            spent, alive = self._push(assignments, depth)
        else:
            self._stack.clear()
            spent, alive = self._afresh(assignments)
            depth = -1
        if spent > self._budget:
            return False
        left = self._budget - spent
        pending = alive & self._ready[depth] if depth >= 0 else self._pending(alive, assignments)
        if pending and self._lower_bound(pending, domains, assignments, left) > left:
            return False
        if forwardcheck and left < self._dearest:
            cost, original = self._cost, self._original
            for variable in order[depth:] if depth >= 0 else variables:
                if variable in assignments or cost.get(variable, 0) <= left or len(domains[variable]) < 2:
                    continue
                domain = domains[variable]
                keep = original[variable]
                if keep not in domain:
                    return False
                for value in domain[:]:
                    if value != keep:
                        domain.hideValue(value)
        return True

    def tighten(self, budget: int) -> None:
        """Lower the budget for the rest of the search; the stack holds costs, not verdicts, so it
        stays valid."""
        self._budget = min(self._budget, budget)

    def _push(self, assignments: Assignment, depth: int) -> tuple[int, int]:
        """The stack entry for the first `depth` variables, from the entry of their parent."""
        stack, order = self._stack, self._order
        # Entries deeper than the parent belong to branches the search has left.
        del stack[depth - 1 :]
        while len(stack) < depth:
            variable = order[len(stack)]
            value = assignments[variable]
            spent, alive = stack[-1] if stack else (0, self._all)
            if value != self._original[variable]:
                spent += self._cost.get(variable, 0)
            stack.append((spent, alive & ~self._avoids[variable].get(value, 0)))
        return stack[-1]

    def _afresh(self, assignments: Assignment) -> tuple[int, int]:
        spent, alive = 0, self._all
        for variable, value in assignments.items():
            if variable in self._original and value != self._original[variable]:
                spent += self._cost.get(variable, 0)
            if variable in self._avoids:
                alive &= ~self._avoids[variable].get(value, 0)
        return spent, alive

    def _pending(self, alive: int, assignments: Assignment) -> int:
        """Nogoods not avoided whose open variables all hold an original value inside them."""
        pending = 0
        for i, nogood in enumerate(self._nogoods):
            if alive >> i & 1 and all(v in assignments or self._original[v] in forbidden for v, forbidden in nogood):
                pending |= 1 << i
        return pending

    def _lower_bound(self, pending: int, domains: dict[str, Any], assignments: Assignment, left: int) -> int:
        """Changes still needed by the `pending` nogoods, greedily packed; stops once past `left`."""
        cost = self._cost
        used: set[str] = set()
        bound = 0
        while pending:
            low = pending & -pending
            pending ^= low
            helpers = []
            for variable, forbidden in self._nogoods[low.bit_length() - 1]:
                if variable not in assignments:
                    for other in domains[variable]:
                        if other not in forbidden:
                            helpers.append(variable)
                            break
            # A nogood no open variable can avoid is Forbid's to reject, not a cost to count.
            if helpers and used.isdisjoint(helpers):
                used.update(helpers)
                bound += min(cost[h] for h in helpers)
                if bound > left:
                    break
        return bound


class _InOrder(OptimizedBacktrackingSolver):  # type: ignore[misc]  # python-constraint ships no type information
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


def _problem(
    domains: Domains, nogoods: Sequence[Nogood], budget: Budget, order: Sequence[str] | None = None
) -> Problem | None:
    budget.poll()  # a question that asks many small searches is bounded between them too
    reduced = reduce(domains, nogoods)
    if reduced is None:
        return None
    domains, nogoods = reduced
    solver = _InOrder(order) if order is not None else OptimizedBacktrackingSolver(forwardcheck=True)
    problem = Problem(solver)
    for variable, domain in domains.items():
        problem.addVariable(variable, domain)
    # First in every variable's list of constraints: every assignment tried is counted, including
    # the ones a rule rejects. One more constraint on each variable keeps the solver's order.
    problem.addConstraint(_Watch(budget), list(domains))
    for nogood in nogoods:
        forbid, scope = _forbid(nogood)
        problem.addConstraint(forbid, list(scope))
    return problem


@functools.lru_cache(maxsize=4096)
def _forbid(nogood: Nogood) -> tuple[Forbid, tuple[str, ...]]:
    """The constraint of a nogood and its scope, built once: Forbid keeps no state between calls
    (the search's state lives in python-constraint's domains), so problems can share it."""
    return Forbid(nogood), tuple(v for v, _ in nogood)


def solve_one(domains: Domains, nogoods: Sequence[Nogood], budget: Budget) -> Assignment | None:
    """A solution over `domains` that breaks none of `nogoods`, or None."""
    problem = _problem(domains, nogoods, budget)
    if problem is None:
        return None
    solution = problem.getSolution()
    return dict(solution) if solution else None


def solve_all(domains: Domains, nogoods: Sequence[Nogood], budget: Budget) -> Iterator[Assignment]:
    """Every solution over `domains` that breaks none of `nogoods`, in the solver's order."""
    problem = _problem(domains, nogoods, budget)
    if problem is None:
        return iter(())
    return (dict(s) for s in problem.getSolutionIter())


class BudgetSearch:
    """Every solution that breaks no nogood and changes at most `budget` worth of `original`,
    with a budget the caller may lower while it iterates (branch and bound). `budget` is a cost;
    `watch` is the question's search budget (solver.limit), which bounds the time it takes."""

    def __init__(
        self,
        domains: Domains,
        nogoods: Sequence[Nogood],
        original: Mapping[str, Value],
        cost: Mapping[str, int],
        budget: int,
        order: Sequence[str],
        watch: Budget,
    ) -> None:
        self._within: WithinBudget | None = None
        self._problem = _problem(domains, nogoods, watch, order) if domains else None
        changeable = [v for v in original if len(domains[v]) > 1]
        if self._problem is not None and changeable:
            self._within = WithinBudget(original, cost, budget, nogoods, domains, order)
            self._problem.addConstraint(self._within, changeable)

    def __iter__(self) -> Iterator[Assignment]:
        if self._problem is None:
            return iter(())
        return (dict(s) for s in self._problem.getSolutionIter())

    def tighten(self, budget: int) -> None:
        """From now on, only solutions within `budget` (never more than the budget given)."""
        if self._within is not None:
            self._within.tighten(budget)
