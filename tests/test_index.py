"""The index of the acceptable set (solver/index.py, issue 15) answers exactly as the search does.

Each model here has a twin over the same dated knowledge base that answers by search alone (the
index's bound set to 0 while it answers); both are checked against brute force (tests/oracle.py
through test_properties' BruteForce) on the page alone, on the page as of 2026-11-29 (its
advisories in force) and on small generated knowledge bases: check, narrowing, conflicts, reasons,
counts, listings in their order, fixes and lint, which ask the index's questions inside theirs.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import Oracle
from test_properties import (
    DATA,
    PAGE,
    BruteForce,
    build,
    check_against_brute_force,
    check_enumeration,
    check_fixes,
    generated_knowledge_bases,
    partial_configurations,
    sparse_knowledge_bases,
)

from syncmatrix import kb
from syncmatrix.solver import Limit, SearchLimitExceeded, SupportModel, index
from syncmatrix.solver.fix import nearest_fixes
from syncmatrix.solver.lint import lint

DAY = datetime.date(2026, 11, 29)
PAGE_KB = kb.load(DATA)


@contextmanager
def searching() -> Iterator[None]:
    """Every model answers by search while this lasts: no acceptable set is small enough to index."""
    with patch("syncmatrix.solver.index.BOUND", 0):
        yield


@contextmanager
def eager() -> Iterator[None]:
    """A model builds its index on its first question that the index answers."""
    with (
        patch("syncmatrix.solver.index.FIRST_LOOK", 0),
        patch("syncmatrix.solver.index.PER_CONFIGURATION", 0),
        patch("syncmatrix.solver.index.MIN_COUNT", 60.0),  # the deciding count is never cut short here
    ):
        yield


def indexed(dated: kb.KnowledgeBase) -> SupportModel:
    model = SupportModel(dated)
    assert index.build(model) is not None
    return model


def answers(model: SupportModel, config: dict[str, object]) -> tuple[object, ...]:
    """What each question the index serves answers of `config` (fixes: their changes, in order)."""
    fixes = nearest_fixes(model, config)
    return (
        model.check(config),
        model.possible_values(config),
        model.count(config),
        model.conflict(config),
        model.why_not(config),
        model.best_verdict(config),
        model.completion(config),
        model.unavoidable_warnings(config) if model.best_verdict(config).value != "unsupported" else None,
        [(f.changes, f.verdict) for f in fixes.fixes],
    )


def same_as_search(model: SupportModel, twin: SupportModel, config: dict[str, object]) -> None:
    assert index.built(model) is not None
    expected_rows = None
    with searching():
        expected = answers(twin, config)
        if len(config) >= 3:  # listings of a few hundred rows at most: the page's whole set is listed once below
            expected_rows = list(twin.supported_configurations(config))
    assert answers(model, config) == expected
    if expected_rows is not None:
        assert list(model.supported_configurations(config)) == expected_rows
    assert index.built(twin) is None


# --- the page, alone and as of a day ---------------------------------------------------------------

PAGE_INDEXED = indexed(PAGE_KB.as_of(None))
PAGE_SEARCH = SupportModel(PAGE_KB.as_of(None))
DAY_INDEXED = indexed(PAGE_KB.as_of(DAY))
DAY_SEARCH = SupportModel(PAGE_KB.as_of(DAY))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def day_brute() -> BruteForce:
    return BruteForce(Oracle(DATA, as_of=DAY))


@SETTINGS
@given(partial_configurations(PAGE.oracle.domains))
def test_page_indexed_answers_as_the_search_and_brute_force(config):
    check_against_brute_force(PAGE_INDEXED, PAGE, config)
    same_as_search(PAGE_INDEXED, PAGE_SEARCH, config)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_configurations(PAGE.oracle.domains, max_given=4))
def test_page_indexed_listing_and_count(filters):
    check_enumeration(PAGE_INDEXED, PAGE, filters)
    with searching():
        expected = list(PAGE_SEARCH.supported_configurations(filters)), PAGE_SEARCH.count(filters)
    assert (list(PAGE_INDEXED.supported_configurations(filters)), PAGE_INDEXED.count(filters)) == expected


def test_page_whole_listing_and_conflicts_of_complete_configurations():
    with searching():
        assert list(PAGE_INDEXED.supported_configurations({})) == list(PAGE_SEARCH.supported_configurations({}))
    rng = random.Random(15)
    complete = [{n: rng.choice(d) for n, d in PAGE_SEARCH.domains.items()} for _ in range(200)]
    for config in complete:
        check_against_brute_force(PAGE_INDEXED, PAGE, config)
        with searching():
            expected = PAGE_SEARCH.conflict(config), PAGE_SEARCH.minimal_reason(config)
        assert (PAGE_INDEXED.conflict(config), PAGE_INDEXED.minimal_reason(config)) == expected


def test_page_on_a_day(day_brute):
    rng = random.Random(29)
    for _ in range(150):
        config = {n: rng.choice(d) for n, d in DAY_SEARCH.domains.items() if rng.random() < 0.4}
        check_against_brute_force(DAY_INDEXED, day_brute, config)
        same_as_search(DAY_INDEXED, DAY_SEARCH, config)
    for filters in ({}, {"email_system": "exchange_online"}, {"fips": True}):
        check_enumeration(DAY_INDEXED, day_brute, filters)


def test_the_index_is_the_models_own():
    page, day = index.built(PAGE_INDEXED), index.built(DAY_INDEXED)
    assert page is not None and day is not None and page is not day
    assert len(page) == PAGE_SEARCH.count({}).total and len(day) == DAY_SEARCH.count({}).total
    assert len(page) != len(day)  # the day's advisories rule out more
    assert index.built(SupportModel(PAGE_KB.as_of(None))) is None  # a new model starts without one
    with searching():
        assert PAGE_SEARCH.count({}) != DAY_SEARCH.count({})
    assert PAGE_INDEXED.count({}) != DAY_INDEXED.count({})


def fixes(model: SupportModel, config, locks, costs, strict) -> tuple[object, ...]:
    result = nearest_fixes(model, config, locks=locks, costs=costs, strict=strict)
    return result.verdict, result.distance, result.cost, result.fixes, result.void


@SETTINGS
@given(st.data())
def test_page_indexed_fixes_as_the_branch_and_bound_and_brute_force(data):
    config = data.draw(partial_configurations(PAGE.oracle.domains, max_given=data.draw(st.sampled_from([8, 14]))))
    names = list(config)
    locks = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
    costs = {
        n: data.draw(st.integers(1, 1000 if data.draw(st.booleans()) else 3)) for n in names if data.draw(st.booleans())
    }
    strict = data.draw(st.booleans())
    check_fixes(PAGE_INDEXED, PAGE, config, locks, costs, strict)
    with searching():
        expected = fixes(PAGE_SEARCH, config, locks, costs, strict)
    assert fixes(PAGE_INDEXED, config, locks, costs, strict) == expected


# --- when it is built --------------------------------------------------------------------------------


def test_a_set_larger_than_the_bound_is_never_indexed():
    model = SupportModel(PAGE_KB.as_of(None))
    with eager(), patch("syncmatrix.solver.index.BOUND", PAGE_SEARCH.count({}).total - 1):
        assert index.build(model) is None
        rng = random.Random(7)
        for _ in range(40):
            config = {n: rng.choice(d) for n, d in model.domains.items() if rng.random() < 0.5}
            check_against_brute_force(model, PAGE, config)
        check_enumeration(model, PAGE, {})
        assert index.built(model) is None
    assert model._acceptable.size == len(index.built(PAGE_INDEXED))  # counted once, never listed


def test_built_once_its_searching_pays_and_at_once_by_a_whole_listing():
    model = SupportModel(PAGE_KB.as_of(None))
    with patch("syncmatrix.solver.index.FIRST_LOOK", 1e9):  # never pays
        for config in ({"fips": True}, {"email_system": "gmail"}):
            model.check(config)
            model.count(config)
            list(model.supported_configurations(config))
        assert index.built(model) is None
    with eager():
        model.conflict({"fips": True})
        assert index.built(model) is not None
    listing = SupportModel(PAGE_KB.as_of(None))
    with patch("syncmatrix.solver.index.FIRST_LOOK", 1e9):
        rows = list(listing.supported_configurations({}))
        assert index.built(listing) is not None
    with searching():
        assert rows == list(PAGE_SEARCH.supported_configurations({}))


def test_building_is_a_step_of_the_question_that_needs_it():
    model = SupportModel(PAGE_KB.as_of(None))
    with eager():
        with pytest.raises(SearchLimitExceeded) as stopped:
            model.count({}, limit=Limit(60, nodes=50))
        assert stopped.value.reason == "nodes" and index.built(model) is None
        with pytest.raises(SearchLimitExceeded):
            list(model.supported_configurations({}, limit=Limit(60, nodes=5)))
        assert index.built(model) is None
        assert model.count({}) == PAGE_SEARCH.count({})
        assert index.built(model) is not None
        assert model.count({}, limit=Limit(60, nodes=0)) == PAGE_SEARCH.count({})  # no search left to do


# --- small generated knowledge bases -----------------------------------------------------------------


def twins(spec) -> tuple[SupportModel, SupportModel, BruteForce]:
    model, brute = build(spec)
    return indexed(model.kb), SupportModel(model.kb), brute


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_knowledge_bases(), st.data())
def test_generated_indexed_answers_as_the_search_and_brute_force(spec, data):
    model, twin, brute = twins(spec)
    for _ in range(4):
        config = data.draw(partial_configurations(brute.oracle.domains))
        check_against_brute_force(model, brute, config)
        same_as_search(model, twin, config)
        names = list(config)
        locks = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=2)) if names else []
        costs = {n: data.draw(st.integers(1, 4)) for n in names if data.draw(st.booleans())}
        strict = data.draw(st.booleans())
        check_fixes(model, brute, config, locks, costs, strict)
        with searching():
            expected_fixes = fixes(twin, config, locks, costs, strict)
        assert fixes(model, config, locks, costs, strict) == expected_fixes
    filters = data.draw(partial_configurations(brute.oracle.domains, max_given=2))
    check_enumeration(model, brute, filters)
    with searching():
        expected = list(twin.supported_configurations(filters)), lint(twin)
    assert (list(model.supported_configurations(filters)), lint(model)) == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sparse_knowledge_bases(), st.data())
def test_generated_sparse_listings_and_counts(spec, data):
    model, twin, brute = twins(spec)
    filters = data.draw(partial_configurations(brute.oracle.domains, max_given=3))
    check_enumeration(model, brute, filters)
    with searching():
        expected = list(twin.supported_configurations(filters)), twin.count(filters)
    assert (list(model.supported_configurations(filters)), model.count(filters)) == expected


def test_a_knowledge_base_too_entangled_to_count_fast_still_answers_its_fixes(tmp_path):
    """The count that decides whether to index may spend only a share of the searching it would
    save: on 80 variables of generated rules it cannot finish that fast, and the fix questions,
    each within its own limit, must still be answered (the benchmark's fix/synthetic-80 once ran
    out of its 30 s because the count took the question's whole budget)."""
    from synthetic import write_synthetic  # benchmarks/synthetic.py

    planted = write_synthetic(tmp_path / "kb", 80, 240, seed=6080)
    model = SupportModel(kb.load(tmp_path / "kb").as_of(None), Limit(5.0))
    rng = random.Random(6080)
    asked = 0
    while asked < 12:
        config = dict(planted)
        for name in rng.sample(model.order, 6):
            config[name] = rng.choice([v for v in model.domains[name] if v != planted[name]])
        if model.verdict_of(config).value != "unsupported":
            continue
        found = nearest_fixes(model, config)
        assert found.fixes and all(
            model.verdict_of({**config, **{c.variable: c.after for c in f.changes}}).value != "unsupported"
            for f in found.fixes
        )
        asked += 1
    assert index.built(model) is None
