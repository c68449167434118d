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

from collections.abc import Generator, Iterable, Mapping, Sequence

from syncmatrix.kb.model import Value
from syncmatrix.solver.limit import Budget
from syncmatrix.solver.nogoods import Nogood, propagate

#: A nogood over variable numbers: (variable, bit mask of the values that break it), by variable.
Clause = tuple[tuple[int, int], ...]
#: Conditions and domains the cache may hold (each a few dozen bytes) before it starts afresh:
#: enough for every knowledge base the budget lets finish; it bounds memory on the ones that do not
#: (at 80 tangled booleans an unbounded cache reached 1.3 GB). Dropping entries costs time, never
#: exactness.
MAX_CACHE = 2_000_000

_Key = tuple[tuple[tuple[int, int], ...], frozenset[Clause]]  # a component: its domains and nogoods
_Found = tuple[int, dict[int, int] | None]  # a count, and (finding) the bit of each variable's value
_Task = Generator["_Task", _Found, _Found]


class ModelCounter:
    """Counts the configurations over `domains` that break none of the given nogoods, or finds one.

    `count` is exact; `satisfiable` and `witness` run the same search, each component stopping
    at its first branch that has a configuration, and `witness` returns that configuration.
    """

    def __init__(self, domains: Mapping[str, Sequence[Value]], budget: Budget) -> None:
        self._names = list(domains)
        self._values = [tuple(domain) for domain in domains.values()]
        self._number = {name: i for i, name in enumerate(self._names)}
        self._bit = [{value: 1 << j for j, value in enumerate(domain)} for domain in self._values]
        self._full = [(1 << len(domain)) - 1 for domain in self._values]
        self._budget = budget
        self._counts: dict[_Key, int] = {}
        self._none: set[_Key] = set()  # components that have no configuration (found by any mode)
        self._stored = 0  # conditions and domains held by both, against MAX_CACHE
        self._first_only = False
        self._prefer: dict[int, int] = {}  # variable -> the bit of the value a witness takes if it can

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

    def count(
        self,
        clauses: Sequence[Clause],
        fixed: Mapping[str, Value] | None = None,
        within: Mapping[str, Iterable[Value]] | None = None,
    ) -> int:
        """How many configurations break none of `clauses`, with the variables of `fixed` fixed and
        those of `within` restricted to the values it lists."""
        self._first_only = False
        return self._run(clauses, fixed, within)[0]

    def satisfiable(
        self,
        clauses: Sequence[Clause],
        fixed: Mapping[str, Value] | None = None,
        within: Mapping[str, Iterable[Value]] | None = None,
    ) -> bool:
        """Whether some configuration breaks none of `clauses` (arguments as `count`)."""
        return self.witness(clauses, fixed, within) is not None

    def witness(
        self,
        clauses: Sequence[Clause],
        fixed: Mapping[str, Value] | None = None,
        within: Mapping[str, Iterable[Value]] | None = None,
        prefer: Mapping[str, Value] | None = None,
    ) -> dict[str, Value] | None:
        """A configuration that breaks none of `clauses` (arguments as `count`), or None; each
        variable takes its value in `prefer` where the configuration found allows it."""
        self._first_only = True
        self._prefer = {self._number[n]: self._bit[self._number[n]][v] for n, v in (prefer or {}).items()}
        found, chosen = self._run(clauses, fixed, within)
        if not found or chosen is None:
            return None
        return {name: self._values[i][chosen[i].bit_length() - 1] for i, name in enumerate(self._names)}

    def _run(
        self,
        clauses: Sequence[Clause],
        fixed: Mapping[str, Value] | None,
        within: Mapping[str, Iterable[Value]] | None,
    ) -> _Found:
        self._budget.poll()  # a question of many small runs is bounded between them too
        domains = dict(enumerate(self._full))
        for name, value in (fixed or {}).items():
            domains[self._number[name]] = self._bit[self._number[name]][value]
        for name, values in (within or {}).items():
            bits = self._bit[self._number[name]]
            domains[self._number[name]] &= sum(bits[v] for v in set(values) if v in bits)
            if not domains[self._number[name]]:
                return 0, None
        stack: list[_Task] = [self._solve(domains, list(clauses))]
        result: _Found = (0, None)
        sent: _Found | None = None
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
        """A problem: simplified, split into components, each counted (or solved) or recalled.

        Counting, the count and None; finding, 1 and a value (bit) for every variable of
        `domains`, or 0 and None."""
        remaining = propagate(domains, clauses)
        if remaining is None:
            return 0, None
        first_only = self._first_only
        total = 1
        chosen: dict[int, int] | None = {} if first_only else None
        linked = _components(domains, remaining)
        for variable, domain in domains.items():
            if variable in linked:
                continue
            if chosen is None:
                total *= domain.bit_count()
            else:  # in no nogood left: any value it still has will do
                preferred = self._prefer.get(variable, 0) & domain
                chosen[variable] = preferred or domain & -domain
        for variables, part in _groups(linked, remaining):
            key = (tuple(sorted((v, domains[v]) for v in variables)), frozenset(part))
            if key in self._none:
                return 0, None
            known = None if first_only else self._counts.get(key)
            if known is None:
                known, found = yield self._branch({v: domains[v] for v in variables}, part, key)
                if chosen is not None and found is not None:
                    chosen.update(found)
            if not known:
                return 0, None
            total *= known
        return total, chosen

    def _branch(self, domains: dict[int, int], clauses: list[Clause], key: _Key) -> _Task:
        """One connected component: the sum over the branches of its busiest variable (finding:
        the first branch that has a configuration, the preferred value's first)."""
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
        branches = sorted(alike.values(), key=lambda values: not values & self._prefer.get(variable, 0))
        total = 0
        for values in branches:
            found, chosen = yield self._solve({**domains, variable: values}, clauses)
            if found and self._first_only:
                return found, chosen  # not cached: a later question wants its own preferred values
            total += found
        self._stored += len(key[0]) + sum(len(clause) for clause in clauses)
        if self._stored > MAX_CACHE:
            self._counts.clear()
            self._none.clear()
            self._stored = 0
        if total:
            self._counts[key] = total
        else:
            self._none.add(key)
        return total, None


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
