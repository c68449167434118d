"""Exact counting of the configurations that break none of a set of nogoods, without listing them.

A model counter in the manner of the DPLL-based #SAT counters with component caching (Cachet:
Sang, Beame and Kautz 2004; sharpSAT: Thurley 2006), over finite domains instead of booleans:

- simplify: a nogood whose condition on a variable no remaining value meets is satisfied and
  goes; a condition every remaining value meets is true and leaves the nogood; a nogood with one
  condition left removes its values from that variable's domain (repeated until nothing changes);
  a nogood with no condition left is broken by everything: the count is 0;
- decompose: variables linked by no nogood are independent, so the count is the product of the
  counts of the connected components (a variable in no nogood counts its domain size);
- branch: in each component, on the variable in most nogoods; its values that every nogood
  treats alike (each nogood lists all or none of them) lead to the same problem, so they form one
  branch counted once, times their number;
- cache: a component's count by its domains and its nogoods, so a component met again under
  another branch is not counted again. The cache lives as long as the counter, one question.

Guarantee: exact (integers, no sampling). Time is exponential only in how entangled the rules
are, never in the number of configurations: independent parts multiply instead of nesting. Every
branch is a step of the question's Budget, so a knowledge base too entangled to count ends in
SearchLimitExceeded. The recursion runs on an explicit stack: a chain of thousands of variables
does not meet Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence

from syncmatrix.kb.model import Value
from syncmatrix.solver.csp import Nogood
from syncmatrix.solver.limit import Budget

#: A nogood over variable numbers: (variable, bit mask of the values that break it), by variable.
Clause = tuple[tuple[int, int], ...]
#: Entries kept before the cache starts afresh: enough for every knowledge base the budget lets
#: finish; it bounds memory on the ones that do not (dropping entries costs time, never exactness).
MAX_CACHE = 200_000

_Task = Generator["_Task", int, int]


class ModelCounter:
    """Counts the configurations over `domains` that break none of the given nogoods."""

    def __init__(self, domains: Mapping[str, Sequence[Value]], budget: Budget) -> None:
        self._names = list(domains)
        self._number = {name: i for i, name in enumerate(self._names)}
        self._bit = [{value: 1 << j for j, value in enumerate(domain)} for domain in domains.values()]
        self._full = [(1 << len(domain)) - 1 for domain in domains.values()]
        self._budget = budget
        self._cache: dict[tuple[tuple[tuple[int, int], ...], frozenset[Clause]], int] = {}

    def clauses(self, nogoods: Sequence[Nogood]) -> list[Clause]:
        """Nogoods as the counter reads them."""
        found = []
        for nogood in nogoods:
            literals = []
            for variable, values in nogood:
                number = self._number[variable]
                bits = self._bit[number]
                literals.append((number, sum(bits[v] for v in values if v in bits)))
            found.append(tuple(sorted(literals)))
        return found

    def count(self, clauses: Sequence[Clause], fixed: Mapping[str, Value] | None = None) -> int:
        """How many configurations break none of `clauses`, with the variables of `fixed` fixed."""
        domains = dict(enumerate(self._full))
        for name, value in (fixed or {}).items():
            domains[self._number[name]] = self._bit[self._number[name]][value]
        stack: list[_Task] = [self._solve(domains, list(clauses))]
        result = 0
        sent: int | None = None
        while stack:
            try:
                task = stack[-1].send(sent)  # type: ignore[arg-type]  # None starts a new task
            except StopIteration as done:
                stack.pop()
                result = sent = done.value
                continue
            self._budget.step()
            stack.append(task)
            sent = None
        return result

    def _solve(self, domains: dict[int, int], clauses: list[Clause]) -> _Task:
        """The count of a problem: simplified, split into components, each counted or recalled."""
        remaining = _simplify(domains, clauses)
        if remaining is None:
            return 0
        total = 1
        linked = _components(domains, remaining)
        for variable, domain in domains.items():
            if variable not in linked:
                total *= domain.bit_count()
        for variables, part in _groups(linked, remaining):
            key = (tuple(sorted((v, domains[v]) for v in variables)), frozenset(part))
            found = self._cache.get(key)
            if found is None:
                found = yield self._branch({v: domains[v] for v in variables}, part, key)
            if not found:
                return 0
            total *= found
        return total

    def _branch(
        self,
        domains: dict[int, int],
        clauses: list[Clause],
        key: tuple[tuple[tuple[int, int], ...], frozenset[Clause]],
    ) -> _Task:
        """The count of one connected component: the sum over the branches of its busiest variable."""
        occurrences: dict[int, list[int]] = {}
        for clause in clauses:
            for variable, forbidden in clause:
                occurrences.setdefault(variable, []).append(forbidden)
        variable = min(occurrences, key=lambda v: (-len(occurrences[v]), domains[v].bit_count(), v))
        # Values every nogood treats alike: the same membership in each condition on the variable.
        alike: dict[tuple[bool, ...], int] = {}
        domain = domains[variable]
        while domain:
            bit = domain & -domain
            domain ^= bit
            signature = tuple(bool(forbidden & bit) for forbidden in occurrences[variable])
            alike[signature] = alike.get(signature, 0) | bit
        total = 0
        for values in alike.values():
            total += yield self._solve({**domains, variable: values}, clauses)
        if len(self._cache) >= MAX_CACHE:
            self._cache.clear()
        self._cache[key] = total
        return total


def _simplify(domains: dict[int, int], clauses: list[Clause]) -> list[Clause] | None:
    """`clauses` restricted to `domains`, with one-condition nogoods applied to the domains (in
    place) until none is left; None when a nogood is broken whatever the values."""
    changed = True
    while changed:
        changed = False
        kept: list[Clause] = []
        for clause in clauses:
            literals = []
            for variable, forbidden in clause:
                domain = domains[variable]
                forbidden &= domain
                if not forbidden:
                    break  # no value left meets this condition: the nogood can never be broken
                if forbidden != domain:
                    literals.append((variable, forbidden))
            else:
                if not literals:
                    return None
                if len(literals) == 1:
                    variable, forbidden = literals[0]
                    domains[variable] &= ~forbidden
                    changed = True
                else:
                    kept.append(tuple(literals))
        clauses = kept
    return list(dict.fromkeys(clauses))


def _components(domains: Mapping[int, int], clauses: list[Clause]) -> dict[int, int]:
    """Each variable some nogood reads, with the representative of its connected component."""
    parent: dict[int, int] = {}

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for clause in clauses:
        first = clause[0][0]
        parent.setdefault(first, first)
        for variable, _ in clause[1:]:
            parent.setdefault(variable, variable)
            a, b = root(first), root(variable)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {v: root(v) for v in parent}


def _groups(linked: Mapping[int, int], clauses: list[Clause]) -> list[tuple[list[int], list[Clause]]]:
    """The components: their variables and nogoods, smallest first (a zero found early ends the
    product)."""
    parts: dict[int, tuple[list[int], list[Clause]]] = {}
    for variable, representative in linked.items():
        parts.setdefault(representative, ([], []))[0].append(variable)
    for clause in clauses:
        parts[linked[clause[0][0]]][1].append(clause)
    return sorted(parts.values(), key=lambda part: (len(part[0]), part[0][0]))
