"""Lint of a knowledge base as a whole: a void model, dead values, values left out of their groups,
rules that never fire, redundancy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

from syncmatrix import words
from syncmatrix.kb.model import Kind, Rule, Severity, Value, format_value
from syncmatrix.solver.limit import Budget, Limit
from syncmatrix.solver.support import Consistency, SupportModel, quickxplain


class Level(StrEnum):
    ERROR = "error"  # the knowledge base is wrong: `syncmatrix lint` exits 1
    INFO = "info"  # worth knowing, expected of a page that restates itself


class FindingKind(StrEnum):
    VOID = "void"  # no configuration is supported
    VOID_ON_DAY = "void-on-day"  # none is supported on the day in question, because of advisories alone
    DEAD_VALUE = "dead-value"  # a value nothing supported takes, not marked expected_dead
    EXPECTED_DEAD = "expected-dead"  # a value nothing supported takes, as the data expects
    NOT_DEAD = "not-dead"  # marked expected_dead, yet alive
    DEAD_ON_DAY = "dead-on-day"  # a value nothing supported takes on the day, because of advisories alone
    # A value nothing supported takes by the page alone, ruled out by a page rule an advisory supersedes
    # from a day (Exchange SE: not on the page; read as Exchange 2019 CU15 from its release).
    DEAD_UNTIL_SUPERSEDED = "dead-until-superseded"
    UNGROUPED = "ungrouped"  # a value in no group while its siblings are in groups
    NEVER_FIRES = "never-fires"  # a rule no configuration can break
    REDUNDANT = "redundant"  # a rule whose removal changes no verdict


class _VariableAt(TypedDict):
    """Where a finding about a variable points: the variable's place in the knowledge base."""

    file: str
    line: int
    variable: str


class _RuleAt(TypedDict):
    """Where a finding about a rule points: the rule's place, and the rule."""

    file: str
    line: int
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of the lint, with the place in the knowledge base it concerns.

    `message` is the English of `key` and `values`, the words of the catalogue (syncmatrix/words.py,
    `lint_*` keys), which a face says in every language.
    """

    level: Level
    kind: FindingKind
    message: str
    file: str  # the file of the rule or variable concerned (the folder for a void knowledge base)
    line: int = 0  # its line there; 0 when the finding is about the whole folder
    rules: tuple[str, ...] = ()  # the rules concerned
    variable: str | None = None  # the variable concerned, with `value` where one value is
    value: Value | None = None
    key: str = ""  # the words of `message`: lint_<kind>, with a variant where the sentence has one
    values: tuple[tuple[str, str], ...] = ()  # what fills them: value, variable, rules, rule, day

    @property
    def where(self) -> str:
        """FILE:LINE, or the folder alone."""
        return f"{self.file}:{self.line}" if self.line else self.file


def lint(model: SupportModel, *, limit: Limit | Budget | None = None) -> tuple[Finding, ...]:
    """Every finding about the knowledge base behind `model`, errors first, then in file order.

    - void: no configuration is supported; names a minimal set of conflicting error rules
      (QuickXplain over the error rules); void-on-day (info) when the advisories of the day alone
      void a page that is not void;
    - dead-value: a value no configuration that is not unsupported takes (an error unless the data
      marks it `expected_dead`, then `expected-dead` info; `dead-on-day` info when the page allows
      it and only the advisories in force rule it out); `not-dead`: marked but alive;
    - never-fires: a rule no configuration can break (its condition takes no value of a domain);
    - redundant: removing the rule changes no verdict over the whole space (info), saying when the
      axioms of the model alone already rule out what it forbids.

    One budget for the whole lint (`limit`, else the model's): SearchLimitExceeded when spent.
    """
    budget = model.budget("lint", limit)
    kb = model.kb
    findings: list[Finding] = []
    consistent = model.consistency(budget)
    # On a day, what the advisories alone rule out is news of that day, not a fault of the data.
    page_errors = [r for r in model.errors if r.kind is not Kind.ADVISORY]
    dated = kb.day is not None and len(page_errors) < len(model.errors)
    if not consistent(model.errors):
        found = quickxplain((), model.errors, consistent) or ()
        ids = ", ".join(r.id for r in found)
        file, line = (found[0].file, found[0].line) if found else (kb.root, 0)
        on_day = dated and consistent(page_errors)
        key, said = "lint_void_on_day" if on_day else "lint_void", (("rules", ids), ("day", str(kb.day)))
        findings.append(
            Finding(
                Level.INFO if on_day else Level.ERROR,
                FindingKind.VOID_ON_DAY if on_day else FindingKind.VOID,
                _english(key, said),
                file,
                line,
                rules=tuple(r.id for r in found),
                key=key,
                values=said,
            )
        )
        return tuple(findings)

    possible = model.possible_values({}, limit=budget)
    for variable in kb.variables:
        at = _VariableAt(file=variable.file, line=variable.line, variable=variable.name)
        grouped = {v for g in variable.groups for v in g.values}
        for value in variable.domain:
            if grouped and value not in grouped:
                ungrouped = (("value", f"{variable.name}={format_value(value)}"), ("variable", variable.name))
                findings.append(
                    Finding(
                        Level.ERROR,
                        FindingKind.UNGROUPED,
                        _english("lint_ungrouped", ungrouped),
                        **at,
                        value=value,
                        key="lint_ungrouped",
                        values=ungrouped,
                    )
                )
            dead = value not in possible[variable.name]
            shown = f"{variable.name}={format_value(value)}"
            said = (("value", shown), ("day", str(kb.day)))
            if dead and value in variable.expected_dead:
                findings.append(
                    Finding(
                        Level.INFO,
                        FindingKind.EXPECTED_DEAD,
                        _english("lint_expected_dead", said),
                        **at,
                        value=value,
                        key="lint_expected_dead",
                        values=said,
                    )
                )
            elif dead and dated and consistent(page_errors, within={variable.name: (value,)}):
                advisories = tuple(
                    r.id
                    for r in model.errors
                    if r.kind is Kind.ADVISORY and any(c.variable == variable.name and c.holds(value) for c in r.when)
                )  # none when they rule it out through other variables (a profile for systems out of support)
                key = "lint_dead_on_day_by" if advisories else "lint_dead_on_day"
                by = (*said, ("rules", ", ".join(advisories)))
                findings.append(
                    Finding(
                        Level.INFO,
                        FindingKind.DEAD_ON_DAY,
                        _english(key, by),
                        **at,
                        rules=advisories,
                        value=value,
                        key=key,
                        values=by,
                    )
                )
            elif dead and (superseding := _superseding(model, variable.name, value)):
                days = ", ".join(sorted({r.superseded.date.isoformat() for r in superseding if r.superseded}))
                findings.append(
                    Finding(
                        Level.INFO,
                        FindingKind.DEAD_UNTIL_SUPERSEDED,
                        _english("lint_dead_until_superseded", (("value", shown), ("days", days))),
                        **at,
                        rules=tuple(r.id for r in superseding),
                        value=value,
                        key="lint_dead_until_superseded",
                        values=(("value", shown), ("days", days)),
                    )
                )
            elif dead:
                findings.append(
                    Finding(
                        Level.ERROR,
                        FindingKind.DEAD_VALUE,
                        _english("lint_dead_value", said),
                        **at,
                        value=value,
                        key="lint_dead_value",
                        values=said,
                    )
                )
            elif value in variable.expected_dead:
                findings.append(
                    Finding(
                        Level.ERROR,
                        FindingKind.NOT_DEAD,
                        _english("lint_not_dead", said),
                        **at,
                        value=value,
                        key="lint_not_dead",
                        values=said,
                    )
                )

    axioms = [r for r in model.errors if r.kind is Kind.AXIOM]
    for rule in kb.rules:
        at_rule = _RuleAt(file=rule.file, line=rule.line, rules=(rule.id,))
        if not _can_break(consistent, rule, []):
            findings.append(
                Finding(
                    Level.ERROR,
                    FindingKind.NEVER_FIRES,
                    _english("lint_never_fires", (("rule", rule.id),)),
                    **at_rule,
                    key="lint_never_fires",
                    values=(("rule", rule.id),),
                )
            )
            continue
        if rule.severity is Severity.ERROR:
            competitors = [r for r in model.errors if r is not rule]
            key = "lint_redundant_error"
        else:
            competitors = list(model.errors) + [r for r in model.warnings if r is not rule]
            key = "lint_redundant_warning"
        if _can_break(consistent, rule, competitors):
            continue
        if rule.kind is not Kind.AXIOM and not _can_break(consistent, rule, [a for a in axioms if a is not rule]):
            key = "lint_redundant_axiom"
        findings.append(
            Finding(
                Level.INFO,
                FindingKind.REDUNDANT,
                _english(key, (("rule", rule.id),)),
                **at_rule,
                key=key,
                values=(("rule", rule.id),),
            )
        )
    findings.sort(key=lambda f: (f.level is not Level.ERROR, f.file, f.line, f.message))
    return tuple(findings)


def _english(key: str, values: tuple[tuple[str, str], ...]) -> str:
    """The English of a finding: its words in the catalogue (syncmatrix/words.py), filled."""
    return words.t(key, "en", **dict(values))


def _can_break(consistent: Consistency, rule: Rule, keep: Sequence[Rule]) -> bool:
    """Whether some configuration breaks `rule` while breaking none of `keep`."""
    return consistent(keep, within={c.variable: c.values for c in rule.when})


def _superseding(model: SupportModel, name: str, value: Value) -> tuple[Rule, ...]:
    """The error rules in force that rule out `name`=`value` on their own and that an advisory
    supersedes from a day: () unless every configuration with the value breaks one of them."""
    found = tuple(
        r
        for r in model.errors
        if r.superseded is not None and any(c.variable == name and c.holds(value) for c in r.when)
    )
    if not found:
        return ()
    others = [r for r in model.errors if r not in found]
    consistent = model.consistency(model.budget("lint"))
    return found if consistent(others, within={name: (value,)}) else ()
