"""The nearest fix: every minimum-cost set of changes that makes a configuration acceptable."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from syncmatrix.kb.errors import closest, input_error, one_of
from syncmatrix.kb.model import Rule, Value
from syncmatrix.solver import csp
from syncmatrix.solver.ahead import ahead_of
from syncmatrix.solver.index import AcceptableSet
from syncmatrix.solver.limit import Budget, Limit
from syncmatrix.solver.nogoods import Nogood
from syncmatrix.solver.support import SupportModel, Verdict

MAX_COST = 1000


@dataclass(frozen=True, slots=True)
class Change:
    """One variable of a fix: its value `before` and `after`."""

    variable: str
    before: Value
    after: Value


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of changes after which the configuration is acceptable."""

    changes: tuple[Change, ...]  # in vocabulary order
    verdict: Verdict  # the best verdict among the completions after the changes
    cost: int
    resolves: tuple[Rule, ...]  # rules the given values broke that the changed ones no longer break
    # How long it lasts after the day of the question (solver/ahead.py): its last acceptable day
    # (None: every day the knowledge base knows, or the page alone), its verdict from the day
    # after, and the rules that end it.
    holds_until: datetime.date | None = None
    then: Verdict | None = None
    ended_by: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class FixResult:
    """Every minimum-cost fix of a configuration (nearest_fixes)."""

    verdict: Verdict  # of the configuration as given
    distance: int | None  # fewest changes among the cheapest fixes; None when no fix exists
    cost: int | None
    fixes: tuple[Fix, ...]
    # No fix exists because no configuration at all is acceptable (supported, with `strict`),
    # whatever the locks: the knowledge base is void (see lint), not the locks too tight.
    void: bool = False
    strict: bool = False  # acceptable meant supported (nearest_fixes' `strict`)
    # How many of the first `fixes` cost more than `cost` and are there because they last longer
    # than every fix of that cost (nearest_fixes: fixes that last).
    lasting: int = 0


@dataclass(frozen=True, slots=True)
class FixGroup:
    """Fixes that differ only in interchangeable values: every combination of `options` is a fix."""

    cost: int
    verdict: Verdict
    options: tuple[tuple[str, tuple[Value, ...]], ...]  # variable -> the values it may take
    resolves: tuple[Rule, ...] = ()  # the rules its fixes resolve, each once, in the order first met
    holds_until: datetime.date | None = None  # as its fixes' (Fix)
    then: Verdict | None = None
    ended_by: tuple[Rule, ...] = ()


def nearest_fixes(
    model: SupportModel,
    config: Mapping[str, Value],
    locks: Iterable[str] = (),
    costs: Mapping[str, int] | None = None,
    strict: bool = False,
    *,
    limit: Limit | Budget | None = None,
) -> FixResult:
    """Every minimum-cost set of changes to the given variables after which some completion is not
    unsupported (with `strict`: is supported).

    Only given variables change; open ones stay open, locked ones keep their value. Each changed
    variable costs 1 unless `costs` says otherwise (whole numbers from 1 to MAX_COST).

    Algorithm: branch and bound. A first acceptable configuration, searched with the given values
    tried first, proves that a fix exists and bounds its cost. python-constraint then enumerates
    the assignments of the given variables that break no rule decided by them alone and stay
    within the bound (solver.csp.WithinBudget prunes by forward checking and a lower bound: rules
    still broken over disjoint variables each need a change); each acceptable one (for a partial
    configuration: the open variables can complete it, by search) lowers the bound to its cost.
    The bound never drops below the minimum, so every assignment of minimum cost is met. The space
    is never enumerated: only assignments within the bound are.

    For a complete configuration the search reads only the variables a fix within the budget can
    change (`_candidates`): in a minimum fix, undoing any part of it breaks a rule again, so each
    changed variable is needed by a rule that, undone, it would break, and that rule's other
    values are original or changed in turn; variables no such chain within the budget reaches
    keep their values and leave the problem. (Iterative deepening on the budget, tried first,
    searched each smaller budget in vain again: half the time of the page's complete cases.)

    Where the model has indexed its acceptable set (solver.index), the cost of every acceptable
    configuration is computed at once from the index instead, and the change sets of the cheapest
    are the fixes: the same fixes in the same order, in a tenth of the time on the page.

    Guarantee: exact and complete. `fixes` holds every change set of minimum cost, none of them
    cheaper than another, sorted by cost, then changed variables, then values. Within `limit`
    (SupportModel: the model's): a search that runs out of it raises SearchLimitExceeded.
    """
    budget = model.budget("fix", limit)
    config = model.validate(config)
    locked = _check_names(model, config, locks, "--lock")
    cost = {name: 1 for name in config}
    for name, value in (costs or {}).items():
        _check_names(model, config, [name], "--cost")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_COST:
            raise input_error("cost_range", variable=name, limit=MAX_COST, text=repr(value))
        cost[name] = value
    verdict = model.best_verdict(config, limit=budget)
    acceptable = (Verdict.SUPPORTED,) if strict else (Verdict.SUPPORTED, Verdict.SUPPORTED_WITH_WARNINGS)
    if verdict in acceptable:
        result = FixResult(verdict, 0, 0, (Fix((), verdict, 0, ()),), strict=strict)
    elif (indexed := model._indexed(budget)) is not None:
        result = _indexed_fixes(model, indexed, config, verdict, locked, cost, strict)
    else:
        started = time.perf_counter()
        result = _searched_fixes(model, config, verdict, locked, cost, strict, budget)
        model._searched(time.perf_counter() - started)
    return _looking_ahead(model, config, result, locked, cost, budget)


def _looking_ahead(
    model: SupportModel,
    config: dict[str, Value],
    result: FixResult,
    locked: set[str],
    cost: dict[str, int],
    budget: Budget,
) -> FixResult:
    """The fixes of `result` with how long each lasts after the day of the question, ranked by it
    right after their verdict; and, when every one of them ends sooner than some fix within the
    locks could last, the fixes that last longest first (`FixResult.lasting`).

    Those are the cheapest fixes among the ones that hold as long as any fix can (a nearest fix
    over the rules of every day from the question's through the last stretch a fix can reach,
    solver/ahead.py): moving an Exchange Server 2019 mailbox to Gmail (cost 4), which holds until
    2029-01-09, before moving it to Exchange Online (cost 2), which ends on 2027-04-01. The
    cheapest fixes stay, after them: `distance` and `cost` are theirs, as the contract says.
    Nothing changes for the page alone (no day, so no days after it) or a question already
    acceptable (it says until when it holds, and nothing more).
    """
    ahead = ahead_of(model)
    if ahead is None:
        return result
    strict = result.strict

    longest = 0

    def lasting(fix: Fix) -> Fix:
        nonlocal longest
        fixed = {**config, **{c.variable: c.after for c in fix.changes}}
        holds = ahead.holds(fixed, strict, budget)
        longest = max(longest, holds.stretches)
        return replace(fix, holds_until=holds.until, then=holds.then, ended_by=holds.ended_by)

    position = {name: i for i, name in enumerate(model.order)}
    fixes = sorted((lasting(f) for f in result.fixes), key=lambda f: _fix_key(model, position, f))
    extra: list[Fix] = []
    if fixes and result.distance and longest < len(ahead):
        for k in range(len(ahead) - 1, longest - 1, -1):
            further = nearest_fixes(ahead.through(k, strict), config, locked, cost, strict, limit=budget)
            if further.fixes:
                extra = [lasting(_on_the_day(model, config, f, strict, budget)) for f in further.fixes]
                extra.sort(key=lambda f: _fix_key(model, position, f))
                break
    return replace(result, fixes=tuple(extra + fixes), lasting=len(extra))


def _on_the_day(model: SupportModel, config: Mapping[str, Value], fix: Fix, strict: bool, budget: Budget) -> Fix:
    """A fix found over the days ahead with its verdict on the question's day and the rules of
    that day it resolves."""
    fixed = {**config, **{c.variable: c.after for c in fix.changes}}
    if model.is_complete(config):
        before, after = model._broken_bits(config), model._broken_bits(fixed)
        return replace(fix, verdict=model._verdict_of_bits(after), resolves=model._rules_of_bits(before & ~after))
    verdict = Verdict.SUPPORTED if strict else model.best_verdict(fixed, limit=budget)
    still = {r.id for r in model.entailed_violations(fixed)}
    before_ids = {r.id for r in model.entailed_violations(config)}
    resolves = tuple(r for r in model.kb.rules if r.id in before_ids and r.id not in still)
    return replace(fix, verdict=verdict, resolves=resolves)


def _searched_fixes(
    model: SupportModel,
    config: dict[str, Value],
    verdict: Verdict,
    locked: set[str],
    cost: dict[str, int],
    strict: bool,
    budget: Budget,
) -> FixResult:
    """nearest_fixes by branch and bound (see there)."""
    acceptable = (Verdict.SUPPORTED,) if strict else (Verdict.SUPPORTED, Verdict.SUPPORTED_WITH_WARNINGS)
    rules = model.kb.rules if strict else model.errors
    # Some acceptable configuration that keeps the locks, searched with the given values preferred,
    # so it is near: it proves a fix exists and its cost bounds the search.
    consistent = model.consistency(budget)
    witness = consistent.witness(rules, {n: config[n] for n in locked}, prefer=config)
    if witness is None:
        return FixResult(verdict, None, None, (), void=not locked or not consistent(rules), strict=strict)
    upper = sum(cost[n] for n in config if witness[n] != config[n])

    given = list(config)
    complete = len(given) == len(model.order)
    outer = _project(model, rules, set(given))
    changeable = {n: cost[n] for n in given if n not in locked}
    before = {r.id for r in model.entailed_violations(config)} if not complete else set()
    broken_before = model._broken_bits(config) if complete else 0

    found: list[Fix] = []
    known: list[dict[str, Value]] = []  # completions of the open variables found so far
    best = upper
    reach = _candidates(outer, config, changeable, upper) if complete else dict.fromkeys(changeable, 0)
    nogoods = _restrict(outer, config, reach)
    if nogoods is not None:
        domains = {n: tuple(csp.ordered_domain(model.domains[n], config[n])) for n in reach}
        original = {n: config[n] for n in reach}
        order = sorted(reach, key=lambda n: (reach[n], model.order.index(n)))
        search = csp.BudgetSearch(domains, nogoods, original, changeable, upper, order, budget)
        for candidate in search:
            changes = tuple(
                Change(n, config[n], candidate[n]) for n in given if n in candidate and candidate[n] != config[n]
            )
            spent = sum(cost[c.variable] for c in changes)
            if spent > best:
                continue
            fixed = {**config, **{c.variable: c.after for c in changes}}
            if complete:
                broken = model._broken_bits(fixed)
                after = model._verdict_of_bits(broken)
                if after not in acceptable:
                    continue
                fix = Fix(changes, after, spent, model._rules_of_bits(broken_before & ~broken))
            else:
                result = _best_acceptable(model, fixed, strict, known, budget)
                if result is None:
                    continue
                still = {r.id for r in model.entailed_violations(fixed)}
                resolves = tuple(r for r in model.kb.rules if r.id in before and r.id not in still)
                fix = Fix(changes, result, spent, resolves)
            if spent < best:
                best = spent
                found.clear()
                search.tighten(spent)
            found.append(fix)
    position = {name: i for i, name in enumerate(model.order)}
    found.sort(key=lambda f: _fix_key(model, position, f))
    distance = min(len(f.changes) for f in found) if found else None
    return FixResult(verdict, distance, found[0].cost if found else None, tuple(found), strict=strict)


def _indexed_fixes(
    model: SupportModel,
    indexed: AcceptableSet,
    config: dict[str, Value],
    verdict: Verdict,
    locked: set[str],
    cost: dict[str, int],
    strict: bool,
) -> FixResult:
    """nearest_fixes from the index of the acceptable set (solver.index): every member's cost at
    once, and the change sets of the cheapest. The same fixes as the branch and bound, in the same
    order: both are every minimum-cost change set, sorted by `_fix_key`."""
    cheapest = indexed.cheapest(config, locked, cost, strict)
    if cheapest is None:
        void = not locked or not (indexed.supported if strict else indexed.everything)
        return FixResult(verdict, None, None, (), void=void, strict=strict)
    spent, found_values = cheapest
    given = list(config)
    complete = len(given) == len(model.order)
    before = {r.id for r in model.entailed_violations(config)} if not complete else set()
    broken_before = model._broken_bits(config) if complete else 0
    found: list[Fix] = []
    for values in found_values:
        changes = tuple(Change(n, config[n], v) for n, v in zip(given, values, strict=True) if v != config[n])
        fixed = {**config, **{c.variable: c.after for c in changes}}
        if complete:
            broken = model._broken_bits(fixed)
            found.append(
                Fix(changes, model._verdict_of_bits(broken), spent, model._rules_of_bits(broken_before & ~broken))
            )
            continue
        supported = strict or indexed.matching(fixed) & indexed.supported
        after = Verdict.SUPPORTED if supported else Verdict.SUPPORTED_WITH_WARNINGS
        still = {r.id for r in model.entailed_violations(fixed)}
        resolves = tuple(r for r in model.kb.rules if r.id in before and r.id not in still)
        found.append(Fix(changes, after, spent, resolves))
    position = {name: i for i, name in enumerate(model.order)}
    found.sort(key=lambda f: _fix_key(model, position, f))
    distance = min(len(f.changes) for f in found)
    return FixResult(verdict, distance, spent, tuple(found), strict=strict)


def _best_acceptable(
    model: SupportModel, config: Mapping[str, Value], strict: bool, known: list[dict[str, Value]], budget: Budget
) -> Verdict | None:
    """The best verdict among the completions of a partial `config` when it is acceptable, else
    None: model.best_verdict, with fewer searches.

    `known` holds values of the open variables that completed earlier candidates of the same
    query; a plain evaluation tells whether one of them completes this one too, and a completion
    found is a proof. Searches run only where no known completion settles the answer, and each
    completion they find joins `known`.
    """
    open_names = [n for n in model.order if n not in config]
    with_warnings = False
    for values in known:
        verdict = model.verdict_of({**config, **values})
        if verdict is Verdict.SUPPORTED:
            return verdict
        with_warnings = with_warnings or verdict is Verdict.SUPPORTED_WITH_WARNINGS
    if not strict and not with_warnings:
        found = model.completion(config, limit=budget)
        if found is None:
            return None
        known.append({n: found[n] for n in open_names})
        if model.verdict_of(found) is Verdict.SUPPORTED:
            return Verdict.SUPPORTED
    found = model.completion(config, strict=True, limit=budget)
    if found is not None:
        known.append({n: found[n] for n in open_names})
        return Verdict.SUPPORTED
    return None if strict else Verdict.SUPPORTED_WITH_WARNINGS


def _check_names(model: SupportModel, config: Mapping[str, Value], names: Iterable[str], option: str) -> set[str]:
    result = set()
    for name in names:
        if name not in model.domains:
            raise input_error(
                "option_unknown_variable",
                option=option,
                variable=name,
                choices=one_of(model.order),
                suggestion=closest(name, model.order),
            )
        if name not in config:
            raise input_error("option_not_given", option=option, variable=name, choices=one_of(config))
        result.add(name)
    return result


def _project(model: SupportModel, rules: Iterable[Rule], given: set[str]) -> list[Nogood]:
    """The rules the given variables decide alone: open variables of a kept rule break it whatever
    value they take, so they are dropped; rules an open variable can avoid are left to completion."""
    projected: list[Nogood] = []
    for rule in rules:
        kept = []
        for condition in rule.when:
            if condition.variable in given:
                kept.append((condition.variable, frozenset(condition.values)))
            elif not set(model.domains[condition.variable]) <= set(condition.values):
                break
        else:
            if kept:
                projected.append(tuple(kept))
    return projected


def _candidates(
    nogoods: list[Nogood], config: Mapping[str, Value], cost: Mapping[str, int], budget: int
) -> dict[str, int]:
    """The changeable variables a minimum fix of cost at most `budget` may change, each with the
    least cost of a fix that changes it (complete configurations, where every rule is decided).

    Take a minimum fix that changes the set C. Undoing any part T of C is cheaper, so it breaks
    some rule: a rule that holds the original value of a variable of T, and whose other variables
    hold their original values or are changed outside T. Undoing all of C, then all but the
    variables found so far, orders C so that each variable v is needed by a rule R whose
    variables off their original condition (`out`) all come before v. So a fix changing v costs at
    least cost(v) + cost(out), and at least cost(v) + the least cost of a fix changing any one of
    `out`. This computes that least cost for every variable, by relaxation until nothing changes
    (Bellman-Ford on the rules), and keeps those within `budget`.
    """
    reach: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for nogood in nogoods:
            inside: list[str] = []
            out_cost = out_reach = 0
            for variable, values in nogood:
                if config[variable] in values:
                    if variable in cost:
                        inside.append(variable)
                elif variable in reach:
                    out_cost += cost[variable]
                    out_reach = max(out_reach, reach[variable])
                else:
                    break  # a variable off the rule that no fix within the budget changes
            else:
                base = max(out_cost, out_reach)
                for variable in inside:
                    least = cost[variable] + base
                    if least <= budget and least < reach.get(variable, budget + 1):
                        reach[variable] = least
                        changed = True
    return reach


def _restrict(nogoods: list[Nogood], config: Mapping[str, Value], free: Mapping[str, int]) -> list[Nogood] | None:
    """The rules over the `free` variables when every other variable keeps its value, or None when
    one of them is broken by kept values alone."""
    restricted: list[Nogood] = []
    for nogood in nogoods:
        kept = []
        for variable, values in nogood:
            if variable in free:
                kept.append((variable, values))
            elif config[variable] not in values:
                break  # avoided by a kept value: it can never be broken
        else:
            if not kept:
                return None
            restricted.append(tuple(kept))
    return restricted


def fill_open(
    model: SupportModel, config: Mapping[str, Value], *, limit: Limit | Budget | None = None
) -> dict[str, Value] | None:
    """The open variables of `config` filled with the nearest supported values: the completion with
    the best verdict (supported before supported with warnings), or None when every completion is
    unsupported. The whole configuration is returned, every given value kept.

    Open variables have no value to be near to, so among completions of the best verdict this is
    the first in vocabulary order: each open variable, in the order of the vocabulary, takes the
    first value of its domain that still leaves such a completion (booleans: off before on; an
    option is left off unless the given values need it). Greedy, one consistency question per value
    tried: exact, since each question asks whether the values chosen so far still complete.
    """
    config = model.validate(config)
    consistent = model.consistency(model.budget("completion", limit))
    if consistent(model.kb.rules, config):
        rules = model.kb.rules
    elif consistent(model.errors, config):
        rules = model.errors
    else:
        return None
    filled = dict(config)
    for name in model.order:
        if name in filled:
            continue
        for value in model.domains[name]:
            if consistent(rules, {**filled, name: value}):
                filled[name] = value
                break
    return {name: filled[name] for name in model.order}


def fix_completion(
    model: SupportModel, config: Mapping[str, Value], fix: Fix, *, limit: Limit | Budget | None = None
) -> dict[str, Value] | None:
    """The open values `fill_open` gives `config` once `fix` is made: only the variables `config`
    leaves open, in vocabulary order ({} for a complete configuration)."""
    filled = fill_open(model, {**config, **{c.variable: c.after for c in fix.changes}}, limit=limit)
    return None if filled is None else {n: v for n, v in filled.items() if n not in config}


def nearest_completion(
    model: SupportModel,
    config: Mapping[str, Value],
    locks: Iterable[str] = (),
    costs: Mapping[str, int] | None = None,
    strict: bool = False,
    *,
    limit: Limit | Budget | None = None,
) -> dict[str, Value] | None:
    """`config` made acceptable and complete: the first nearest fix (nearest_fixes, with its
    arguments; none when `config` is already acceptable), then the open variables filled by
    `fill_open`. None when no fix exists within the locks."""
    budget = model.budget("completion", limit)
    result = nearest_fixes(model, config, locks, costs, strict, limit=budget)
    if not result.fixes:
        return None
    fixed = {**config, **{c.variable: c.after for c in result.fixes[0].changes}}
    return fill_open(model, fixed, limit=budget)


_RANK = {Verdict.SUPPORTED: 0, Verdict.SUPPORTED_WITH_WARNINGS: 1}


def effort(model: SupportModel, fix: Fix) -> tuple[int, int]:
    """What a fix asks of an administrator, by the `effort` of the variables it changes
    (data/variables.yaml): the largest, then the total. Turning an option off (1) is less than another
    profile (2), which is less than moving the mailbox to another email system (3)."""
    efforts = [model.kb.variable(c.variable).effort for c in fix.changes]
    return max(efforts, default=0), sum(efforts)


def _fix_key(model: SupportModel, position: Mapping[str, int], fix: Fix) -> tuple[object, ...]:
    """The order fixes are offered in: cheapest, fewest changes, ending supported before ending with
    warnings, lasting longest after the day of the question (every known day first, then the
    latest last day), least effort, then by the vocabulary's order. Lasting comes after the
    verdict: both are about the answer on the day asked, the verdict first because it is what the
    administrator asked; it comes before effort, because a fix that ends soon has to be made twice."""
    variables = tuple(position[c.variable] for c in fix.changes)
    values = tuple(model.domains[c.variable].index(c.after) for c in fix.changes)
    lasts = (0,) if fix.holds_until is None else (1, -fix.holds_until.toordinal())
    return (fix.cost, len(fix.changes), _RANK.get(fix.verdict, 2), lasts, effort(model, fix), variables, values)


def group_fixes(model: SupportModel, fixes: Iterable[Fix]) -> list[FixGroup]:
    """Fixes folded into groups that differ only in interchangeable values, for people.

    Fixes with the same changed variables, cost, verdict and lasting are boxes of one value each; two boxes
    that differ in one variable only merge, until no two do. Every fix is in exactly one group.
    """
    fixes = list(fixes)
    buckets: dict[tuple[int, Verdict, tuple[str, ...], Lasts], list[list[tuple[Value, ...]]]] = {}
    for fix in fixes:
        key = (fix.cost, fix.verdict, tuple(c.variable for c in fix.changes), _lasts(fix))
        buckets.setdefault(key, []).append([(c.after,) for c in fix.changes])
    groups = []
    for (fix_cost, verdict, variables, lasts), boxes in buckets.items():
        merged = True
        while merged:
            merged = False
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    differing = [k for k in range(len(variables)) if boxes[i][k] != boxes[j][k]]
                    if len(differing) == 1:
                        k = differing[0]
                        boxes[i][k] = boxes[i][k] + boxes[j][k]
                        del boxes[j]
                        merged = True
                        break
                if merged:
                    break
        for box in boxes:
            options = tuple(
                (name, tuple(v for v in model.domains[name] if v in values))
                for name, values in zip(variables, box, strict=True)
            )
            resolves = _resolved(fixes, fix_cost, verdict, options, lasts)
            groups.append(FixGroup(fix_cost, verdict, options, resolves, *lasts))
    return groups


Lasts = tuple[datetime.date | None, Verdict | None, tuple[Rule, ...]]


def _lasts(fix: Fix) -> Lasts:
    return fix.holds_until, fix.then, fix.ended_by


def _resolved(
    fixes: Sequence[Fix],
    cost: int,
    verdict: Verdict,
    options: tuple[tuple[str, tuple[Value, ...]], ...],
    lasts: Lasts,
) -> tuple[Rule, ...]:
    """The rules that the fixes folded into one group resolve, each once, in the order first met."""
    allowed = dict(options)
    found: dict[str, Rule] = {}
    for fix in fixes:
        if (
            fix.cost == cost
            and fix.verdict == verdict
            and _lasts(fix) == lasts
            and tuple(c.variable for c in fix.changes) == tuple(allowed)
            and all(c.after in allowed[c.variable] for c in fix.changes)
        ):
            for rule in fix.resolves:
                found.setdefault(rule.id, rule)
    return tuple(found.values())
