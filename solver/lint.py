"""Lint of a knowledge base as a whole: a void model, dead values, rules that never fire, redundancy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from syncmatrix.kb.model import Kind, Rule, Severity, format_value
from syncmatrix.solver.limit import Budget, Limit
from syncmatrix.solver.support import Consistency, SupportModel, quickxplain


class Level(StrEnum):
    ERROR = "error"  # the knowledge base is wrong: `syncmatrix lint` exits 1
    INFO = "info"  # worth knowing, expected of a page that restates itself


@dataclass(frozen=True, slots=True)
class Finding:
    level: Level
    kind: str  # void, dead-value, expected-dead, not-dead, never-fires, redundant
    message: str
    where: str  # file:line of the rule or variable concerned


def lint(model: SupportModel, *, limit: Limit | Budget | None = None) -> tuple[Finding, ...]:
    """Every finding about the knowledge base behind `model`, errors first, then in file order.

    - void: no configuration is supported; names a minimal set of conflicting error rules
      (QuickXplain over the error rules);
    - dead-value: a value no configuration that is not unsupported takes (an error unless the data
      marks it `expected_dead`, then `expected-dead` info); `not-dead`: marked but alive;
    - never-fires: a rule no configuration can break (its condition takes no value of a domain);
    - redundant: removing the rule changes no verdict over the whole space (info), saying when the
      axioms of the model alone already rule out what it forbids.

    One budget for the whole lint (`limit`, else the model's): SearchLimitExceeded when spent.
    """
    budget = model.budget("lint", limit)
    kb = model.kb
    findings: list[Finding] = []
    consistent = model.consistency(budget)
    if not consistent(model.errors):
        found = quickxplain((), model.errors, consistent) or ()
        ids = ", ".join(r.id for r in found)
        where = f"{found[0].file}:{found[0].line}" if found else kb.root
        findings.append(
            Finding(
                Level.ERROR,
                "void",
                f"no configuration is supported: the rules {ids} together rule out every configuration",
                where,
            )
        )
        return tuple(findings)

    possible = model.possible_values({}, limit=budget)
    for variable in kb.variables:
        where = f"{variable.file}:{variable.line}"
        for value in variable.domain:
            dead = value not in possible[variable.name]
            shown = f"{variable.name}={format_value(value)}"
            if dead and value in variable.expected_dead:
                findings.append(
                    Finding(
                        Level.INFO,
                        "expected-dead",
                        f"{shown} is never supported, as the data expects (expected_dead)",
                        where,
                    )
                )
            elif dead:
                findings.append(
                    Finding(
                        Level.ERROR,
                        "dead-value",
                        f"{shown} is never supported, yet not marked expected_dead: a rule may be too wide",
                        where,
                    )
                )
            elif value in variable.expected_dead:
                findings.append(
                    Finding(
                        Level.ERROR,
                        "not-dead",
                        f"{shown} is marked expected_dead, yet some supported configuration takes it",
                        where,
                    )
                )

    axioms = [r for r in model.errors if r.kind is Kind.AXIOM]
    for rule in kb.rules:
        where = f"{rule.file}:{rule.line}"
        if not _can_break(consistent, rule, []):
            findings.append(
                Finding(
                    Level.ERROR,
                    "never-fires",
                    f"rule {rule.id} never fires: no configuration meets its condition",
                    where,
                )
            )
            continue
        if rule.severity is Severity.ERROR:
            competitors = [r for r in model.errors if r is not rule]
            why = "another error rule"
        else:
            competitors = list(model.errors) + [r for r in model.warnings if r is not rule]
            why = "an error or another warning"
        if _can_break(consistent, rule, competitors):
            continue
        if rule.kind is not Kind.AXIOM and not _can_break(consistent, rule, [a for a in axioms if a is not rule]):
            why = "an axiom of the model (it restates what the axioms already rule out)"
        findings.append(
            Finding(
                Level.INFO,
                "redundant",
                f"rule {rule.id} changes no verdict: whenever it is broken, {why} is broken too",
                where,
            )
        )
    findings.sort(
        key=lambda f: (
            f.level is not Level.ERROR,
            f.where.rsplit(":", 1)[0],
            int(f.where.rsplit(":", 1)[1]) if ":" in f.where else 0,
            f.message,
        )
    )
    return tuple(findings)


def _can_break(consistent: Consistency, rule: Rule, keep: Sequence[Rule]) -> bool:
    """Whether some configuration breaks `rule` while breaking none of `keep`."""
    return consistent(keep, within={c.variable: c.values for c in rule.when})
