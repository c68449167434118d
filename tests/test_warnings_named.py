"""A verdict "supported with warnings" names its warnings (issue 14): the warnings every acceptable
completion breaks, or a minimal set of which each breaks one; warnings are never listed as broken
rules. Checked against the oracle's plain evaluation of the page's completions."""

from __future__ import annotations

import json
import random

from oracle import UNSUPPORTED

from syncmatrix.cli import main
from syncmatrix.solver import Verdict


def _acceptable_completions(oracle, config):
    return [c for c in oracle.completions(config) if oracle.verdict(c) != UNSUPPORTED]


def test_named_warnings_are_those_every_acceptable_completion_breaks(model, oracle, acceptable):
    rng = random.Random(1414)
    space = [dict(zip(oracle.names, values, strict=True)) for values in acceptable]
    checked = one_of = 0
    for full in rng.sample(space, 400):
        given = dict(rng.sample(sorted(full.items()), 10))  # four variables left open
        result = model.check(given)
        if result.verdict is not Verdict.SUPPORTED_WITH_WARNINGS:
            continue
        completions = _acceptable_completions(oracle, given)
        broken = [set(oracle.broken(c)) for c in completions]
        named = {r.id for r in result.unavoidable}
        assert named, given
        if result.one_of:
            one_of += 1
            assert all(b & named for b in broken), given
            for rule in named:  # minimal: without any one of them, some completion escapes the rest
                assert not all(b & (named - {rule}) for b in broken), (given, rule)
        else:
            assert all(named <= b for b in broken), given
            common = set.intersection(*broken)
            warnings = {r.id for r in model.warnings}
            assert named == common & warnings, given
        checked += 1
    assert checked >= 20, checked


def test_the_issues_example_names_its_warning_and_never_as_a_broken_rule(capsys):
    assert main(["check", "--page-only", "--json", "fips=true", "server_profile=pop3_smtp"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["verdict"] == "supported_with_warnings"
    assert document["unavoidable"] == ["fips-confirm-server"] and document["unavoidable_one_of"] is False
    assert main(["check", "--page-only", "fips=true", "server_profile=pop3_smtp"]) == 0
    text = capsys.readouterr().out
    assert "Broken rules" not in text and "Warnings:\n! FIPS 140-2: confirm the server [fips-confirm-server]" in text


def test_a_warning_beside_an_error_is_listed_apart(capsys):
    assert main(["check", "--as-of", "2026-11-29", "email_system=gmail", "act_sync=true"]) == 1
    text = capsys.readouterr().out
    broken, _, warnings = text.partition("Warnings:")
    assert "act-sync-needs-exchange" in broken and "a5-gmail-password-sign-in-off" not in broken
    assert "a5-gmail-password-sign-in-off" in warnings


GMAIL_ACT = {"email_system": "gmail", "act_sync": True}


def test_fixes_of_equal_cost_end_supported_first_and_migrate_last(model):
    from syncmatrix.solver.fix import effort, nearest_fixes

    for config in (
        {"email_system": "msn", "fips": True},
        {"email_system": "gmail", "act_sync": True},
        {"email_system": "outlook_com", "fips": True, "act_sync": True},
    ):
        fixes = nearest_fixes(model, config).fixes
        assert len({f.cost for f in fixes}) == 1 and len(fixes) > 1, config
        ranks = [(f.verdict is not Verdict.SUPPORTED, effort(model, f)) for f in fixes]
        assert ranks == sorted(ranks), config
    # The issue's two examples: turning FIPS, or appointments, off is offered before moving the mailbox.
    for config, first in (({"email_system": "msn", "fips": True}, "fips"), (GMAIL_ACT, "act_sync")):
        assert [c.variable for c in nearest_fixes(model, config).fixes[0].changes] == [first]
