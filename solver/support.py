"""Verdicts and explanations over a knowledge base: check, narrow, explain, enumerate, count.

A `SupportModel` is prepared once per knowledge base (immutable, cheap to share) and answers
queries, each within a budget (solver.limit). Whether a configuration exists, and one that does,
is the model counter's question (solver.count, through `Consistency`); counts are its exact
counts; listings stream parts of the space that python-constraint enumerates (solver.csp), each
query with its own problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from syncmatrix.kb.errors import closest, input_error, one_of
from syncmatrix.kb.model import Kind, KnowledgeBase, Rule, Severity, Value, format_value
from syncmatrix.solver.count import Clause, ModelCounter
from syncmatrix.solver.index import PER_CONFIGURATION, AcceptableSet, Lazy
from syncmatrix.solver.limit import DEFAULT_LIMIT, Budget, Limit, start
from syncmatrix.solver.nogoods import Nogood

if TYPE_CHECKING:
    from syncmatrix.solver.ahead import Ahead

T = TypeVar("T")

#: Configurations listed by one python-constraint search when streaming (supported_configurations):
#: a part of the space with more is split first, so memory holds at most this many.
CHUNK = 4096


class Verdict(StrEnum):
    SUPPORTED = "supported"
    SUPPORTED_WITH_WARNINGS = "supported_with_warnings"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Given:
    """A value given in a configuration: `variable` = `value` (kb.Choice is a value offered, with its labels)."""

    variable: str
    value: Value


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict of a configuration with what explains it (SupportModel.check)."""

    verdict: Verdict
    complete: bool
    violations: tuple[Rule, ...]  # every rule that the given values break whatever the open ones are
    conflict: tuple[Given, ...]  # a minimal set of given choices no completion satisfies, or ()
    conflict_rules: tuple[Rule, ...]  # a minimal set of error rules behind the conflict
    possible: Mapping[str, tuple[Value, ...]]  # open variable -> values with a completion not unsupported
    excluded: Mapping[str, Mapping[Value, tuple[str, ...]]]  # open variable -> ruled-out value -> rule ids
    # Of a verdict with warnings: the warnings every acceptable completion breaks; when no single
    # one is, a minimal set of which every acceptable completion breaks one (`one_of`).
    unavoidable: tuple[Rule, ...] = ()
    one_of: bool = False


@dataclass(frozen=True, slots=True)
class Counts:
    """How many complete configurations are supported, and supported with warnings."""

    supported: int
    supported_with_warnings: int

    @property
    def total(self) -> int:
        return self.supported + self.supported_with_warnings


def quickxplain(
    background: Sequence[T],
    candidates: Sequence[T],
    consistent: Callable[[Sequence[T]], bool],
) -> tuple[T, ...] | None:
    """A minimal subset of `candidates` inconsistent with `background` (QuickXplain, Junker 2004).

    Returns None when background and all candidates together are consistent. Minimal: removing
    any element of the result makes it consistent with the background. Among the minimal subsets
    it prefers the earliest elements of `candidates`; the result keeps their order.
    """
    if consistent(list(background) + list(candidates)):
        return None
    if not candidates:
        return ()

    found = _explain(consistent, list(background), False, list(candidates))
    order = {id(c): i for i, c in enumerate(candidates)}
    return tuple(sorted(found, key=lambda c: order[id(c)]))


def _explain(consistent: Callable[[Sequence[T]], bool], base: list[T], delta: bool, rest: list[T]) -> list[T]:
    """QuickXplain's recursion. A module function, not a closure: a nested function that calls
    itself is a reference cycle, which kept `consistent` (and the model it holds) alive until the
    next collection."""
    if delta and not consistent(base):
        return []
    if len(rest) == 1:
        return rest
    half = len(rest) // 2
    first, second = rest[:half], rest[half:]
    from_second = _explain(consistent, base + first, bool(first), second)
    from_first = _explain(consistent, base + from_second, bool(from_second), first)
    return from_first + from_second


class Consistency:
    """Whether some configuration breaks none of the given rules (with some variables fixed or
    restricted), and which: the question asked many times over by completions, possible values,
    QuickXplain and lint, within one question's budget.

    Answered by the model counter (solver.count) stopping at its first configuration, not by
    python-constraint: its unit propagation to a fixed point, choice of the busiest variable at
    each step, components and cache answer in milliseconds where python-constraint's backtracking
    (a static order, forward checking one step deep) found no completion in minutes, on 5,000
    rules over 500 variables. What it learns (components without a configuration) serves every
    later call of the question; rules are converted once.
    """

    def __init__(self, model: SupportModel, budget: Budget) -> None:
        self._model = model
        self._budget = budget
        self._counter = ModelCounter(model.domains, budget)
        self._clauses: dict[str, Clause] = {}
        self._looked = False  # whether the model's index (solver.index) was asked for yet
        self._indexed: AcceptableSet | None = None

    def __call__(
        self,
        rules: Sequence[Rule],
        fixed: Mapping[str, Value] | None = None,
        within: Mapping[str, Sequence[Value]] | None = None,
    ) -> bool:
        # With every error rule among `rules`, the model's index of its acceptable set answers,
        # once built: a few ANDs instead of a search (solver.index).
        model = self._model
        if not self._looked:
            self._looked = True
            self._indexed = model._acceptable.get(model, self._budget)
        if self._indexed is not None:
            answer = self._indexed.consistent(rules, fixed, within)
            if answer is not None:
                return answer
        started = time.perf_counter()
        answer = self._counter.satisfiable(self._clauses_of(rules), fixed, within)
        if self._indexed is None and len({r.id for r in rules if r.severity is Severity.ERROR}) == len(model.errors):
            model._acceptable.spent(time.perf_counter() - started)
        return answer

    def witness(
        self, rules: Sequence[Rule], fixed: Mapping[str, Value], prefer: Mapping[str, Value] | None = None
    ) -> dict[str, Value] | None:
        """A complete configuration with the values of `fixed` that breaks none of `rules`, taking
        the values of `prefer` where it can, in vocabulary order; None when none exists."""
        return self._counter.witness(self._clauses_of(rules), fixed, prefer=prefer)

    def _clauses_of(self, rules: Sequence[Rule]) -> list[Clause]:
        clauses = self._clauses
        new = [r for r in rules if r.id not in clauses]
        if new:
            clauses.update(zip((r.id for r in new), self._counter.clauses(self._model.nogoods(new)), strict=True))
        return [clauses[r.id] for r in rules]


class SupportModel:
    """The rules of a knowledge base, prepared for queries.

    Every question that searches takes a keyword `limit` (solver.limit.Limit) for that call; without
    one it gets the model's `limit`. A question asked inside another (check asks possible_values)
    shares the caller's running budget: each public question gets one budget, not one per step.
    A question that runs out of it raises SearchLimitExceeded.
    """

    def __init__(self, kb: KnowledgeBase, limit: Limit = DEFAULT_LIMIT) -> None:
        if not kb.dated and any(r.kind is Kind.ADVISORY for r in kb.rules):
            # Every phase of every advisory at once would answer about no day at all.
            raise ValueError("the knowledge base has advisories: ask about a day first, kb.as_of(day) (None: the page)")
        self.kb = kb
        self.limit = limit
        self.order = kb.variable_names
        self.domains: dict[str, tuple[Value, ...]] = {v.name: v.domain for v in kb.variables}
        self.errors = tuple(r for r in kb.rules if r.severity is Severity.ERROR)
        self.warnings = tuple(r for r in kb.rules if r.severity is Severity.WARNING)
        self._nogood = {r.id: nogood(r) for r in kb.rules}
        self._rank = {name: {v: i for i, v in enumerate(d)} for name, d in self.domains.items()}
        self._index = _RuleIndex(self.errors + self.warnings, self.domains)
        position = {r.id: i for i, r in enumerate(kb.rules)}
        self._kb_position = [position[r.id] for r in self.errors + self.warnings]
        # The acceptable set listed and indexed by bit sets once it pays (solver.index): in memory,
        # on this model only.
        self._acceptable = Lazy()
        # The stretches of days after the day of the question, built by solver.ahead.ahead_of when
        # first asked and kept here, on this model only (ahead.py imports this module, not the reverse).
        self._days_ahead: list[Ahead | None] = []

    def budget(self, question: str, limit: Limit | Budget | None = None) -> Budget:
        """The running budget of `question`: `limit`'s, the caller's when it is already running,
        else the model's."""
        return start(question, limit, self.limit)

    # --- configurations --------------------------------------------------------------------------
    def validate(self, config: Mapping[str, Value]) -> dict[str, Value]:
        """`config` with every variable and value checked against the vocabulary."""
        for name, value in config.items():
            if name not in self.domains:
                raise input_error(
                    "unknown_variable",
                    where="",
                    variable=name,
                    choices=one_of(self.order),
                    suggestion=closest(name, self.order),
                )
            if value not in self.domains[name] or isinstance(value, bool) != isinstance(self.domains[name][0], bool):
                allowed = [format_value(v) for v in self.domains[name]]
                raise input_error(
                    "unknown_value", where="", text=format_value(value), variable=name, choices=one_of(allowed)
                )
        return {name: config[name] for name in self.order if name in config}

    def is_complete(self, config: Mapping[str, Value]) -> bool:
        return all(name in config for name in self.order)

    def sort_key(self, config: Mapping[str, Value]) -> tuple[int, ...]:
        """Configurations sort in vocabulary order, each variable in domain order."""
        return tuple(self._rank[name][config[name]] if name in config else -1 for name in self.order)

    def nogoods(self, rules: Sequence[Rule]) -> list[Nogood]:
        return [self._nogood[r.id] for r in rules]

    def fixed_domains(self, config: Mapping[str, Value]) -> dict[str, tuple[Value, ...]]:
        """Domains with the given variables fixed to their values, the others open."""
        return {name: (config[name],) if name in config else domain for name, domain in self.domains.items()}

    # --- plain evaluation of complete configurations -----------------------------------------------
    def broken_rules(self, config: Mapping[str, Value]) -> tuple[Rule, ...]:
        """Every rule a complete configuration breaks, errors first, in knowledge base order."""
        return self._index.rules(self._index.broken(config))

    def verdict_of(self, config: Mapping[str, Value]) -> Verdict:
        """The verdict of a complete configuration, by plain evaluation of the rules."""
        return self._index.verdict(self._index.broken(config))

    def _broken_bits(self, config: Mapping[str, Value]) -> int:
        """The rules a complete configuration breaks, one bit each (`_rules_of_bits`, `_verdict_of_bits`):
        the rule index of the solver's own modules (fix.py), not an answer for the faces."""
        return self._index.broken(config)

    def _rules_of_bits(self, bits: int) -> tuple[Rule, ...]:
        """The rules of a `_broken_bits` in knowledge base order."""
        return self._index.rules(bits, self._kb_position)

    def _verdict_of_bits(self, bits: int) -> Verdict:
        """The verdict of a complete configuration that breaks the rules of a `_broken_bits`."""
        return self._index.verdict(bits)

    # --- reasoning over open variables ---------------------------------------------------------------
    def entailed_violations(self, config: Mapping[str, Value]) -> tuple[Rule, ...]:
        """Rules broken by the given values whatever the open variables take, errors first."""

        def entailed(rule: Rule) -> bool:
            for condition in rule.when:
                if condition.variable in config:
                    if config[condition.variable] not in condition.values:
                        return False
                elif not set(self.domains[condition.variable]) <= set(condition.values):
                    return False
            return True

        return tuple(r for r in self.errors + self.warnings if entailed(r))

    def completion(
        self, config: Mapping[str, Value], strict: bool = False, *, limit: Limit | Budget | None = None
    ) -> dict[str, Value] | None:
        """A completion of `config` that is not unsupported (with `strict`: supported), or None."""
        rules = self.kb.rules if strict else self.errors
        return self.consistency(self.budget("completion", limit)).witness(rules, config)

    def best_verdict(self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> Verdict:
        """The best verdict among the completions of a (partial) configuration, by search.

        A complete configuration is its own only completion: its verdict is evaluated plainly.
        """
        if len(config) == len(self.order) and self.is_complete(config):
            return self.verdict_of(config)
        consistent = self.consistency(self.budget("verdict", limit))
        if consistent(self.kb.rules, config):
            return Verdict.SUPPORTED
        if consistent(self.errors, config):
            return Verdict.SUPPORTED_WITH_WARNINGS
        return Verdict.UNSUPPORTED

    def possible_values(
        self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None
    ) -> dict[str, tuple[Value, ...]]:
        """For each open variable, the values that still have a completion that is not unsupported.

        Each configuration found marks every value it uses as possible, so a value is searched for
        only while no earlier one has shown it; each search prefers values not yet shown, so that
        what it finds shows as many new ones as it can.
        """
        budget = self.budget("possible_values", limit)
        index = self._acceptable.get(self, budget)
        if index is not None:
            return index.possible_values(config)
        started = time.perf_counter()
        found = self._searched_possible_values(config, budget)
        self._acceptable.spent(time.perf_counter() - started)
        return found

    def _searched_possible_values(self, config: Mapping[str, Value], budget: Budget) -> dict[str, tuple[Value, ...]]:
        oracle = self.consistency(budget)
        open_variables = [name for name in self.order if name not in config]
        seen: dict[str, set[Value]] = {name: set() for name in open_variables}

        def mark(found: Mapping[str, Value] | None) -> None:
            if found is not None:
                for name in open_variables:
                    seen[name].add(found[name])

        def unseen() -> dict[str, Value]:
            # For each variable, a value no configuration found has shown (the last listed).
            return {n: v for n in open_variables for v in self.domains[n] if v not in seen[n]}

        mark(oracle.witness(self.errors, config))
        if any(seen.values()):
            for name in open_variables:
                for value in self.domains[name]:
                    if value not in seen[name]:
                        mark(oracle.witness(self.errors, {**config, name: value}, prefer=unseen()))
        return {name: tuple(v for v in self.domains[name] if v in seen[name]) for name in open_variables}

    def why_not(self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> tuple[Rule, ...]:
        """Error rules that rule out every completion of `config`.

        The rules the given values break outright, when there are any (each suffices alone);
        otherwise a minimal set of rules that only together rule it out (`minimal_reason`).
        """
        direct = tuple(r for r in self.entailed_violations(config) if r.severity is Severity.ERROR)
        return direct or self.minimal_reason(config, limit=self.budget("why_not", limit))

    def ruled_out(
        self, config: Mapping[str, Value], name: str, *, limit: Limit | Budget | None = None
    ) -> dict[Value, tuple[Rule, ...]]:
        """The values of `name` that the other values of `config` rule out, each with the rules that do.

        What narrowing `config` without `name` says of `name`, without narrowing every other variable
        too: one completion per value, and `why_not` for the values that have none. Empty when the
        other values are unsupported already (then every value is, and none is to blame). One budget
        for all of it (`limit`, else the model's).
        """
        budget = self.budget("possible_values", limit)
        consistent = self.consistency(budget)  # a completion exists: what `completion` would find one for
        others = {n: v for n, v in config.items() if n != name}
        if not consistent(self.errors, others):
            return {}
        found: dict[Value, tuple[Rule, ...]] = {}
        for value in self.domains[name]:
            trial = {**others, name: value}
            if not consistent(self.errors, trial):
                found[value] = self.why_not(trial, limit=budget)
        return found

    def minimal_reason(self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> tuple[Rule, ...]:
        """A minimal set of error rules no completion of `config` satisfies, () if one does.

        QuickXplain over the error rules, the ones broken outright tried first, so a single rule
        that suffices alone is preferred.
        """
        consistent = self.consistency(self.budget("minimal_reason", limit))
        direct = [r for r in self.entailed_violations(config) if r.severity is Severity.ERROR]
        candidates = direct + [r for r in self.errors if r not in direct]
        return quickxplain((), candidates, lambda rules: consistent(rules, config)) or ()

    def conflict(self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> tuple[Given, ...]:
        """A minimal set of the given choices that no completion satisfies, or () when one does."""
        budget = self.budget("conflict", limit)
        choices = [Given(name, config[name]) for name in self.order if name in config]
        index = self._acceptable.get(self, budget)
        if index is not None:
            # The same predicate as below, answered by the index: the same QuickXplain, the same answer.
            return quickxplain((), choices, lambda subset: index.matching_given(subset) != 0) or ()
        consistent = self.consistency(budget)

        def acceptable(subset: Sequence[Given]) -> bool:
            return consistent(self.errors, {c.variable: c.value for c in subset})

        return quickxplain((), choices, acceptable) or ()

    def _indexed(self, budget: Budget) -> AcceptableSet | None:
        """The index of the acceptable set for a question of the solver's own modules (fix.py),
        built first when it pays (solver.index); None while it does not."""
        return self._acceptable.get(self, budget)

    def _searched(self, seconds: float) -> None:
        """Time a search of the solver's own modules spent on a question the index answers."""
        self._acceptable.spent(seconds)

    def consistency(self, budget: Budget) -> Consistency:
        """The yes/no question of QuickXplain and lint, within `budget` (see Consistency)."""
        return Consistency(self, budget)

    def check(
        self, config: Mapping[str, Value], explain: bool = True, *, limit: Limit | Budget | None = None
    ) -> CheckResult:
        """The verdict of a configuration (CONTRACT §2) with what explains it.

        A complete configuration is judged by plain evaluation of the rules, without search; a
        partial one by search for its best completion. `explain` adds, for a partial one, the
        conflict of an unsupported one and the reasons for excluded values.
        """
        config = self.validate(config)
        complete = self.is_complete(config)
        possible: dict[str, tuple[Value, ...]] = {}
        if complete:
            # With nothing open, the entailed violations are the broken rules: one plain evaluation.
            broken = self._index.broken(config)
            violations = self._index.rules(broken)
            verdict = self._index.verdict(broken)
            warned = tuple(r for r in violations if r.severity is Severity.WARNING)
            return CheckResult(verdict, complete, violations, (), (), {}, {}, warned)
        budget = self.budget("check", limit)
        violations = self.entailed_violations(config)
        verdict = self.best_verdict(config, limit=budget)
        possible = (
            self.possible_values(config, limit=budget)
            if verdict is not Verdict.UNSUPPORTED
            else {name: () for name in self.order if name not in config}
        )
        conflict: tuple[Given, ...] = ()
        conflict_rules: tuple[Rule, ...] = ()
        excluded: dict[str, dict[Value, tuple[str, ...]]] = {}
        if explain and verdict is Verdict.UNSUPPORTED:
            # A complete configuration is explained by its violations (CONTRACT §3: the conflict is
            # for partial ones), which keeps its check to a plain evaluation.
            conflict = self.conflict(config, limit=budget)
            conflict_rules = self.minimal_reason({c.variable: c.value for c in conflict}, limit=budget)
        if explain and verdict is not Verdict.UNSUPPORTED:
            for name, values in possible.items():
                ruled_out = [v for v in self.domains[name] if v not in values]
                if ruled_out:
                    excluded[name] = {
                        v: tuple(r.id for r in self.why_not({**config, name: v}, limit=budget)) for v in ruled_out
                    }
        unavoidable: tuple[Rule, ...] = ()
        one_of = False
        if explain and verdict is Verdict.SUPPORTED_WITH_WARNINGS:
            unavoidable, one_of = self.unavoidable_warnings(config, limit=budget)
        return CheckResult(
            verdict, complete, violations, conflict, conflict_rules, possible, excluded, unavoidable, one_of
        )

    def unavoidable_warnings(
        self, config: Mapping[str, Value], *, limit: Limit | Budget | None = None
    ) -> tuple[tuple[Rule, ...], bool]:
        """The warnings that every acceptable completion of `config` breaks, and False; or, when
        none is broken by all of them, a minimal set of warnings of which each acceptable
        completion breaks one (QuickXplain with the error rules as background), and True."""
        consistent = self.consistency(self.budget("unavoidable", limit))

        def acceptable(rules: Sequence[Rule]) -> bool:
            return consistent(rules, config)

        every = tuple(w for w in self.warnings if not acceptable([*self.errors, w]))
        if every:
            return every, False
        return quickxplain(self.errors, self.warnings, acceptable) or (), True

    # --- the space of supported configurations ------------------------------------------------------
    def supported_configurations(
        self, filters: Mapping[str, Value], *, limit: Limit | Budget | None = None
    ) -> Iterator[tuple[dict[str, Value], Verdict]]:
        """Every complete configuration matching `filters` that is not unsupported, in sorted order,
        streamed: memory stays within a few thousand configurations whatever their number.

        The space is split on the variables in vocabulary order, values in domain order, until a
        part holds at most CHUNK configurations by exact count (`count`), and python-constraint
        lists each part, sorted; a part with none is never searched. `limit` bounds the search for
        each next configuration (the time a caller spends with one is not the search's); a running
        Budget passed in bounds the whole iteration instead.
        """
        filters = self.validate(filters)  # here, not at the first next(): bad input fails at once
        return self._listed(filters, limit)

    def _listed(
        self, filters: dict[str, Value], limit: Limit | Budget | None
    ) -> Iterator[tuple[dict[str, Value], Verdict]]:
        # The index when built (listing everything builds it: the same listing); else the search.
        index = self._acceptable.get(self, limit, now=not filters, question="enumerate")
        if index is not None:
            yield from index.configurations(filters)
            return
        listed = 0
        for row in self._rows(filters, limit):
            listed += 1
            yield row
        # What the index would have saved, by the rows listed: timing them would count the caller's
        # time with each row too.
        self._acceptable.spent(listed * PER_CONFIGURATION)

    def _rows(
        self, filters: dict[str, Value], limit: Limit | Budget | None
    ) -> Iterator[tuple[dict[str, Value], Verdict]]:
        fresh = not isinstance(limit, Budget)
        budget = self.budget("enumerate", limit)
        counter = ModelCounter(self.domains, budget)
        nogoods = self.nogoods(self.errors)
        clauses = counter.clauses(nogoods)
        parts = [filters]  # a stack: its last part comes first in sorted order
        while parts:
            part = parts.pop()
            found = counter.count(clauses, part)
            if not found:
                continue
            open_names = [name for name in self.order if name not in part]
            if found > CHUNK and open_names:
                name = open_names[0]
                parts.extend({**part, name: value} for value in reversed(self.domains[name]))
                continue
            from syncmatrix.solver import csp  # python-constraint, loaded by the questions that search

            solutions = list(csp.solve_all(self.fixed_domains(part), nogoods, budget))
            solutions.sort(key=self.sort_key)
            for solution in solutions:
                ordered = {name: solution[name] for name in self.order}
                yield ordered, self.verdict_of(ordered)
                if fresh:
                    budget.restart()

    def count(self, filters: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> Counts:
        """How many complete configurations matching `filters` are supported, or with warnings.

        Exact, by model counting (solver.count), never by listing them: not unsupported = the
        configurations that break no error rule, supported = those that break no rule at all.
        """
        filters = self.validate(filters)
        budget = self.budget("count", limit)
        index = self._acceptable.get(self, budget)
        if index is not None:
            return Counts(*index.count(filters))
        started = time.perf_counter()
        counter = ModelCounter(self.domains, budget)
        errors = counter.clauses(self.nogoods(self.errors))
        acceptable = counter.count(errors, filters)
        supported = counter.count(errors + counter.clauses(self.nogoods(self.warnings)), filters) if acceptable else 0
        self._acceptable.spent(time.perf_counter() - started)
        return Counts(supported, acceptable - supported)


def nogood(rule: Rule) -> Nogood:
    """A rule as the CSP sees it."""
    return tuple((c.variable, frozenset(c.values)) for c in rule.when)


class _RuleIndex:
    """Plain evaluation of complete configurations by bit sets, one bit per rule.

    `_allows[variable][value]` has the bit of every rule that the value does not rule out (the
    rule does not read the variable, or lists the value), so the rules a complete configuration
    breaks are the AND of its values' sets: one lookup per variable instead of a Python loop over
    every condition of every rule.
    """

    def __init__(self, rules: tuple[Rule, ...], domains: Mapping[str, Sequence[Value]]) -> None:
        self._rules = rules
        everything = (1 << len(rules)) - 1
        self._errors = sum(1 << i for i, r in enumerate(rules) if r.severity is Severity.ERROR)
        reads: dict[str, int] = {}
        allows: dict[str, dict[Value, int]] = {}
        for i, rule in enumerate(rules):
            for condition in rule.when:
                name = condition.variable
                reads[name] = reads.get(name, 0) | 1 << i
                values = allows.setdefault(name, dict.fromkeys(domains[name], 0))
                for value in condition.values:
                    values[value] |= 1 << i
        self._allows: list[tuple[str, dict[Value, int], int]] = []
        for name in (n for n in domains if n in reads):
            # A value outside the domain meets no condition: only the rules that do not read it stay.
            unread = everything & ~reads[name]
            self._allows.append((name, {v: bits | unread for v, bits in allows[name].items()}, unread))
        self._everything = everything

    def broken(self, config: Mapping[str, Value]) -> int:
        bits = self._everything
        for name, allows, unread in self._allows:
            bits &= allows.get(config[name], unread)
            if not bits:
                break
        return bits

    def rules(self, bits: int, rank: Sequence[int] | None = None) -> tuple[Rule, ...]:
        """The rules of `bits`, in index order or sorted by `rank` (a number per index position)."""
        found = []
        while bits:
            low = bits & -bits
            found.append(low.bit_length() - 1)
            bits ^= low
        if rank is not None:
            found.sort(key=rank.__getitem__)
        return tuple(self._rules[i] for i in found)

    def verdict(self, bits: int) -> Verdict:
        if bits & self._errors:
            return Verdict.UNSUPPORTED
        return Verdict.SUPPORTED_WITH_WARNINGS if bits else Verdict.SUPPORTED
