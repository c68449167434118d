"""Properties of the solver against brute force, on the page and on small generated knowledge bases.

Brute force walks the whole space with the oracle (tests/oracle.py), which evaluates the rules
without the CSP; the solver must agree on narrowing, verdicts, conflicts, fixes (minimum, exact,
all ties, locks and costs), enumeration, counts and lint. Counts come from the model counter
(solver/count.py) and listings stream in counted parts: both are checked here with parts of a few
configurations; and a search budget may stop a question, never change its answer.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Mapping
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import SUPPORTED, UNSUPPORTED, WITH_WARNINGS, Oracle
from synthetic import write_synthetic  # benchmarks/synthetic.py (conftest.py's path)

from syncmatrix import kb
from syncmatrix.solver import Limit, SearchLimitExceeded, SupportModel
from syncmatrix.solver.fix import effort, group_fixes, nearest_fixes
from syncmatrix.solver.lint import Level, lint

DATA = Path(__file__).resolve().parent.parent / "data"
PAGE_ORACLE = Oracle(DATA)
PAGE_MODEL = SupportModel(kb.load(DATA).as_of(None))  # the page alone, as the oracle reads it
ORDER = [SUPPORTED, WITH_WARNINGS, UNSUPPORTED]


def verdict_of(broken) -> str:
    if any(r.severity == "error" for r in broken):
        return UNSUPPORTED
    return WITH_WARNINGS if broken else SUPPORTED


class BruteForce:
    """Every complete configuration of a knowledge base with its verdict, by the oracle."""

    def __init__(self, oracle: Oracle) -> None:
        self.oracle = oracle
        self.broken = [(config, [r for r in oracle.rules if r.broken_by(config)]) for config in oracle.space()]
        self.verdicts = [(config, verdict_of(rules)) for config, rules in self.broken]
        self.acceptable = [(c, v) for c, v in self.verdicts if v != UNSUPPORTED]

    def matching(self, partial: Mapping[str, object], strict: bool = False):
        wanted = (SUPPORTED,) if strict else (SUPPORTED, WITH_WARNINGS)
        return [(c, v) for c, v in self.acceptable if v in wanted and all(c[k] == x for k, x in partial.items())]

    def best(self, partial: Mapping[str, object]) -> str:
        found = [v for _, v in self.matching(partial)]
        return min(found, key=ORDER.index) if found else UNSUPPORTED

    def consistent(self, partial: Mapping[str, object]) -> bool:
        return bool(self.matching(partial))

    def fixes(self, given: Mapping[str, object], locks, costs, strict):
        """(minimum cost, {change set}) over every acceptable configuration, or (None, set())."""
        best_cost, sets = None, set()
        for config, _ in self.matching({k: given[k] for k in locks}, strict):
            changed = tuple((k, config[k]) for k in given if config[k] != given[k])
            cost = sum(costs.get(k, 1) for k, _ in changed)
            if best_cost is None or cost < best_cost:
                best_cost, sets = cost, {changed}
            elif cost == best_cost:
                sets.add(changed)
        return best_cost, sets


PAGE = BruteForce(PAGE_ORACLE)


def partial_configurations(domains: Mapping[str, list[object]], max_given: int | None = None):
    names = list(domains)

    @st.composite
    def draw(draw_from):
        chosen = draw_from(st.lists(st.sampled_from(names), unique=True, max_size=max_given or len(names)))
        return {name: draw_from(st.sampled_from(domains[name])) for name in sorted(chosen, key=names.index)}

    return draw()


def check_against_brute_force(model: SupportModel, brute: BruteForce, config: Mapping[str, object]) -> None:
    result = model.check(config)
    assert result.verdict.value == brute.best(config)
    matching = brute.matching(config)
    for name in model.order:
        if name in config:
            assert name not in result.possible
        else:
            assert set(result.possible[name]) == {c[name] for c, _ in matching}
            for value, rules in result.excluded.get(name, {}).items():
                assert value not in result.possible[name] and rules  # every ruled-out value has its reasons
    if result.verdict.value != UNSUPPORTED:
        assert result.conflict == ()
        return
    if result.complete:  # the contract reports a conflict for partial configurations; ask for it here
        assert result.conflict == ()
        conflict = {c.variable: c.value for c in model.conflict(config)}
        rules = model.minimal_reason(conflict)
    else:
        conflict = {c.variable: c.value for c in result.conflict}
        rules = result.conflict_rules
    assert conflict.items() <= dict(config).items()
    assert not brute.consistent(conflict)
    for dropped in conflict:  # minimal: without any one choice, some completion is acceptable
        assert brute.consistent({k: v for k, v in conflict.items() if k != dropped})
    # The rules named for the conflict rule it out on their own, and each of them is needed.
    assert rules

    def satisfiable(subset) -> bool:
        names = sorted({n for r in subset for n in r.variables} - conflict.keys())
        for values in itertools.product(*(model.domains[n] for n in names)):
            full = {**conflict, **dict(zip(names, values, strict=True))}
            if not any(all(full[c.variable] in c.values for c in r.when) for r in subset):
                return True
        return False

    assert not satisfiable(rules)
    for rule in rules:
        assert satisfiable([r for r in rules if r is not rule])


def check_fixes(model: SupportModel, brute: BruteForce, config, locks, costs, strict) -> None:
    result = nearest_fixes(model, config, locks=locks, costs=costs, strict=strict)
    expected_cost, expected_sets = brute.fixes(config, locks, costs, strict)
    assert result.cost == expected_cost
    got = [tuple((c.variable, c.after) for c in fix.changes) for fix in result.fixes]
    assert len(got) == len(set(got))
    assert set(got) == expected_sets
    for fix in result.fixes:
        assert fix.cost == expected_cost
        assert not any(c.variable in locks for c in fix.changes)
        fixed = {**config, **{c.variable: c.after for c in fix.changes}}
        assert fix.verdict.value == brute.best(fixed)
        assert brute.matching(fixed, strict)  # applied, it is acceptable by direct evaluation
    if result.fixes:
        assert result.distance == min(len(f.changes) for f in result.fixes)
        # The ranking people trust (issue 14): fewest changes, then ending supported before ending
        # with warnings, then least effort (data/variables.yaml) among fixes of the same cost.
        ranks = [(len(f.changes), f.verdict.value != SUPPORTED, effort(model, f)) for f in result.fixes]
        assert ranks == sorted(ranks)
        grouped = sum(
            len(list(itertools.product(*(v for _, v in g.options)))) for g in group_fixes(model, result.fixes)
        )
        assert grouped == len(result.fixes)


def check_enumeration(model: SupportModel, brute: BruteForce, filters) -> None:
    rows = list(model.supported_configurations(filters))
    found = [(tuple(c.values()), v.value) for c, v in rows]
    expected = [(tuple(c.values()), v) for c, v in brute.matching(filters)]
    assert sorted(found, key=repr) == sorted(expected, key=repr)
    keys = [model.sort_key(c) for c, _ in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    counts = model.count(filters)
    assert (counts.supported, counts.supported_with_warnings) == (
        sum(v == SUPPORTED for _, v in expected),
        sum(v == WITH_WARNINGS for _, v in expected),
    )


# --- the page --------------------------------------------------------------------------------------

PAGE_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PAGE_SETTINGS
@given(partial_configurations(PAGE_ORACLE.domains))
def test_page_check_narrowing_and_conflict(config):
    check_against_brute_force(PAGE_MODEL, PAGE, config)


@PAGE_SETTINGS
@given(st.data())
def test_page_nearest_fixes(data):
    config = data.draw(partial_configurations(PAGE_ORACLE.domains, max_given=8))
    names = list(config)
    locks = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
    costs = {n: data.draw(st.integers(1, 3)) for n in names if data.draw(st.booleans())}
    strict = data.draw(st.booleans())
    check_fixes(PAGE_MODEL, PAGE, config, locks, costs, strict)


@settings(max_examples=25, deadline=None)
@given(partial_configurations(PAGE_ORACLE.domains, max_given=4))
def test_page_enumerate_and_count(filters):
    check_enumeration(PAGE_MODEL, PAGE, filters)


def test_page_lint_agrees_with_brute_force():
    check_lint(PAGE_MODEL, PAGE)


# --- small generated knowledge bases -----------------------------------------------------------------


def check_lint(model: SupportModel, brute: BruteForce) -> None:
    findings = lint(model)
    # Value findings start with VARIABLE=VALUE; rule findings with "rule ID".
    kinds = {(f.kind, f.message.split(" ", 1)[0]) for f in findings if not f.message.startswith("rule ")}
    rule_kinds = {(f.kind, f.message.split(" ", 2)[1]) for f in findings if f.message.startswith("rule ")}
    if not brute.acceptable:
        assert [f.kind for f in findings] == ["void"]
        return
    for variable in model.kb.variables:
        for value in variable.domain:
            dead = not brute.matching({variable.name: value})
            shown = f"{variable.name}={kb.format_value(value)}"
            reported = {k for k, what in kinds if what == shown}
            superseded = any(
                r.superseded is not None and any(c.variable == variable.name and c.holds(value) for c in r.when)
                for r in model.kb.rules
            )  # ruled out by a page rule an advisory supersedes on its days (A8: Exchange SE)
            if dead and superseded:
                assert reported == {"dead-until-superseded"}
            elif dead:
                assert reported == {"expected-dead" if value in variable.expected_dead else "dead-value"}
            else:
                assert reported == ({"not-dead"} if value in variable.expected_dead else set())
    for rule in model.kb.rules:
        # Removing the rule changes a verdict only where it is broken.
        redundant = all(
            verdict_of([r for r in broken if r.id != rule.id]) == verdict_of(broken)
            for _, broken in brute.broken
            if any(r.id == rule.id for r in broken)
        )
        assert (("redundant", rule.id) in rule_kinds) is redundant, rule.id
    assert all(f.level is Level.INFO for f in findings if f.kind in ("redundant", "expected-dead"))


@st.composite
def generated_knowledge_bases(draw):
    return {
        "variables": draw(st.integers(3, 6)),
        "seed": draw(st.integers(0, 10**6)),
        "rules_per_variable": draw(st.integers(1, 4)),
        "forbidden_share": draw(st.sampled_from([1 / 6, 1 / 3, 1 / 2])),
    }


def build(spec) -> tuple[SupportModel, BruteForce]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_synthetic(
            root,
            spec["variables"],
            max(1, round(spec["variables"] * spec["rules_per_variable"])),
            spec["seed"],
            domain_sizes=spec.get("domain_sizes", (2, 4)),
            forbidden_share=spec["forbidden_share"],
        )
        return SupportModel(kb.load(root)), BruteForce(Oracle(root))


GENERATED_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@GENERATED_SETTINGS
@given(generated_knowledge_bases(), st.data())
def test_generated_check_fix_enumerate(spec, data):
    model, brute = build(spec)
    assert brute.acceptable  # planted: satisfiable by construction
    config = data.draw(partial_configurations(brute.oracle.domains))
    check_against_brute_force(model, brute, config)
    check_enumeration(model, brute, data.draw(partial_configurations(brute.oracle.domains, max_given=2)))
    names = list(config)
    locks = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=2)) if names else []
    costs = {n: data.draw(st.integers(1, 4)) for n in names if data.draw(st.booleans())}
    check_fixes(model, brute, config, locks, costs, data.draw(st.booleans()))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_knowledge_bases())
def test_generated_lint(spec):
    model, brute = build(spec)
    check_lint(model, brute)


def test_lint_names_a_minimal_conflict_in_a_void_knowledge_base(tmp_path):
    write_synthetic(tmp_path, 3, 3, seed=1, domain_sizes=(2, 2), bool_share=1.0)
    path = tmp_path / "rules" / "synthetic.yaml"
    text = path.read_text(encoding="utf-8")
    # Two more rules that together forbid every value of x000: nothing can be supported.
    extra = "".join(
        f"- id: void-{value}\n  severity: error\n  kind: table\n  source: synthetic/s1\n  when:\n    x000: {value}\n"
        f"  message: {{en: 'x000 is {value}', vi: 'x000 là {value}'}}\n"
        for value in ("true", "false")
    )
    path.write_text(text + extra, encoding="utf-8")
    model = SupportModel(kb.load(tmp_path))
    [finding] = lint(model)
    assert finding.kind == "void" and finding.level is Level.ERROR
    assert "void-true, void-false" in finding.message


# --- exact counts, streamed listings and budgets (issue 10) ---------------------------------------------


@st.composite
def sparse_knowledge_bases(draw):
    """More variables and fewer rules than generated_knowledge_bases: several components, variables
    in no rule, values rules treat alike; still small enough to walk (at most 3^9 configurations)."""
    return {
        "variables": draw(st.integers(4, 9)),
        "seed": draw(st.integers(0, 10**6)),
        "rules_per_variable": draw(st.sampled_from([0.3, 0.6, 1.0, 1.5])),
        "forbidden_share": draw(st.sampled_from([1 / 6, 1 / 3, 1 / 2])),
        "domain_sizes": (2, 3),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sparse_knowledge_bases(), st.data())
def test_generated_counts_and_listings_streamed_in_small_parts(spec, data):
    model, brute = build(spec)
    filters = data.draw(partial_configurations(brute.oracle.domains, max_given=3))
    # Parts of one to eight configurations: every split of the listing is exercised.
    with patch("syncmatrix.solver.support.CHUNK", data.draw(st.integers(1, 8))):
        check_enumeration(model, brute, filters)


QUESTIONS = {
    "check": lambda model, config, limit: model.check(config, limit=limit),
    "count": lambda model, config, limit: model.count(config, limit=limit),
    "possible_values": lambda model, config, limit: model.possible_values(config, limit=limit),
    "enumerate": lambda model, config, limit: list(model.supported_configurations(config, limit=limit)),
    "fix": lambda model, config, limit: nearest_fixes(model, config, limit=limit),
    "lint": lambda model, config, limit: lint(model, limit=limit),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_knowledge_bases(), st.data())
def test_a_budget_stops_a_question_but_never_changes_its_answer(spec, data):
    model, brute = build(spec)
    config = data.draw(partial_configurations(brute.oracle.domains))
    question = QUESTIONS[data.draw(st.sampled_from(sorted(QUESTIONS)))]
    exact = question(model, config, None)
    try:
        bounded = question(model, config, Limit(60, nodes=data.draw(st.integers(0, 40))))
    except SearchLimitExceeded as stopped:
        assert stopped.reason == "nodes"
        return
    assert bounded == exact
