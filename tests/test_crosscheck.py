"""The solver against a plain evaluation of the rules over the whole space of the page."""

from __future__ import annotations

import math
import random

from oracle import UNSUPPORTED


def test_plain_evaluation_agrees_on_every_configuration(model, oracle):
    seen = 0
    for config in oracle.space():
        seen += 1
        expected = oracle.verdict(config)
        assert model.verdict_of(config).value == expected, config
        if expected != "supported":  # which rules, not only whether: the explanation must agree too
            assert sorted(r.id for r in model.broken_rules(config)) == sorted(oracle.broken(config)), config
    # The whole space, as the solver sees it: the same variables, every combination of their values.
    assert list(model.order) == oracle.names
    assert {name: list(model.domains[name]) for name in model.order} == oracle.domains
    assert seen == math.prod(len(values) for values in oracle.domains.values()) > 1


def test_csp_enumeration_is_exactly_the_acceptable_space(model, acceptable):
    found = {tuple(config.values()): verdict.value for config, verdict in model.supported_configurations({})}
    assert found == acceptable
    assert len(acceptable) > 0


def test_csp_best_verdict_of_complete_configurations(model, oracle, acceptable):
    rng = random.Random(20261128)
    space = list(oracle.space())
    sample = rng.sample(space, 1500) + [
        dict(zip(oracle.names, k, strict=True)) for k in rng.sample(sorted(acceptable), 300)
    ]
    verdicts = set()
    for config in sample:
        expected = oracle.verdict(config)
        verdicts.add(expected)
        assert model.best_verdict(config).value == expected, config
    assert verdicts == {"supported", "supported_with_warnings", UNSUPPORTED}


def test_count_matches_the_acceptable_space(model, acceptable):
    counts = model.count({})
    assert counts.supported == sum(v == "supported" for v in acceptable.values())
    assert counts.supported_with_warnings == sum(v == "supported_with_warnings" for v in acceptable.values())
