"""The hard rules of a dated knowledge base as a UVL feature model (`syncmatrix export --format uvl`).

UVL, the Universal Variability Language, is the community format of feature models that flamapy,
FeatureIDE and others read (Sundermann et al. 2021; Benavides et al. 2025). The names are fixed, for
other tools and for the benchmark's peer (benchmarks/run.py) to rely on:

- the root feature `syncmatrix`;
- each enum variable a mandatory feature named as the variable, with an `alternative` group of one
  feature per value, named `VARIABLE__VALUE` (two underscores);
- each yes/no variable an optional feature named as the variable, selected when true;
- each error rule a cross-tree constraint that its conditions cannot all hold, `!(c1 & c2 & …)`, a
  condition on an enum variable being the disjunction of its values' features (value groups
  expanded) and one on a yes/no variable the feature or its negation; a comment line `// RULE_ID`
  before it.

So the configurations of the feature model are, one for one, the complete configurations that break
no error rule: flamapy's count is `SupportModel.count({}).total`. Warnings do not change what is
acceptable and are left out; so are the labels, sources and messages, which UVL has no place for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from syncmatrix.kb.model import Condition, Rule, Value, VariableType
from syncmatrix.present.words import input_error, t

if TYPE_CHECKING:
    from syncmatrix.solver import SupportModel

ROOT = "syncmatrix"
SEPARATOR = "__"  # between a variable's name and its value's, in the feature of the value

# A name UVL reads unquoted (its lexer's ID_STRICT, without the odd characters it also allows);
# anything else, a name a loader accepts (str.isidentifier: a leading underscore, a letter beyond
# ASCII) or a keyword, is written in double quotes, which flamapy's reader strips.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# UVL's keywords (uvlparser 2.5's lexer, and the lower-case spellings of earlier grammars), compared
# without case so that a name is never one in any version.
_KEYWORDS = frozenset(
    word.lower()
    for word in [
        *("include", "features", "imports", "namespace", "as", "constraint", "constraints", "cardinality"),
        *("String", "Boolean", "Integer", "Real", "len", "sum", "avg", "floor", "ceil", "Type", "Arithmetic"),
        *("or", "alternative", "optional", "mandatory", "true", "false"),
    ]
)


def feature_name(variable: str, value: str | None = None) -> str:
    """The feature of a variable, or of one value of an enum variable (`VARIABLE__VALUE`)."""
    return variable if value is None else f"{variable}{SEPARATOR}{value}"


def reference(name: str) -> str:
    """`name` as UVL writes it: plain when its lexer reads it as one identifier, else quoted."""
    if _PLAIN.fullmatch(name) and name.lower() not in _KEYWORDS:
        return name
    return f'"{name}"'


def _condition(condition: Condition, domain: tuple[Value, ...]) -> str | None:
    """The formula that holds when `condition` does; None when it holds whatever the value."""
    values = [v for v in domain if v in condition.values]  # domain order, and only values of the domain
    if len(values) == len(domain):
        return None
    if not values:
        return "!" + reference(ROOT)  # a condition no value meets: the root is always selected
    if isinstance(domain[0], bool):
        return reference(condition.variable) if values == [True] else "!" + reference(condition.variable)
    names = [reference(feature_name(condition.variable, str(v))) for v in values]
    return names[0] if len(names) == 1 else "(" + " | ".join(names) + ")"


def constraint(model: SupportModel, rule: Rule) -> str:
    """The UVL constraint that `rule` is not broken: `!(c1 & c2 & …)`."""
    parts = [p for p in (_condition(c, model.domains[c.variable]) for c in rule.when) if p is not None]
    if not parts:  # broken whatever the values: no configuration is acceptable
        return "!" + reference(ROOT)
    return "!" + parts[0] if len(parts) == 1 and parts[0].startswith("(") else "!(" + " & ".join(parts) + ")"


def _comment(text: str) -> str:
    return "// " + " ".join(text.split())  # one line whatever the words hold


def _check_names(names: Iterable[str]) -> None:
    """Two features of one name would merge two things: say which, rather than write a wrong model."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise input_error("uvl_name_clash", name=name)
        seen.add(name)


def uvl_text(model: SupportModel, lang: str = "en") -> str:
    """The error rules of `model`'s (dated) knowledge base as a UVL feature model, in the names of
    this module's docstring: variables in vocabulary order, values in domain order, rules in
    knowledge base order. Deterministic: the same knowledge base and day give the same text."""
    kb = model.kb
    enums = [v for v in kb.variables if v.type is VariableType.ENUM]
    bools = [v for v in kb.variables if v.type is VariableType.BOOL]
    _check_names(
        [ROOT]
        + [v.name for v in kb.variables]
        + [feature_name(v.name, str(value)) for v in enums for value in v.domain]
    )
    day = t("uvl_day", lang, day=kb.day.isoformat()) if kb.day is not None else t("uvl_page_only", lang)
    errors = model.errors
    lines = [
        _comment(t("uvl_generated", lang)),
        _comment(day),
        _comment(t("uvl_hard_only", lang, errors=len(errors), warnings=len(model.warnings))),
        _comment(t("uvl_names", lang)),
        "features",
        "\t" + reference(ROOT),
    ]
    if enums:
        lines.append("\t\tmandatory")
        for variable in enums:
            lines += ["\t\t\t" + reference(variable.name), "\t\t\t\talternative"]
            lines += ["\t\t\t\t\t" + reference(feature_name(variable.name, str(v))) for v in variable.domain]
    if bools:
        lines.append("\t\toptional")
        lines += ["\t\t\t" + reference(variable.name) for variable in bools]
    if errors:
        lines.append("constraints")
        for rule in errors:
            lines += ["\t" + _comment(rule.id), "\t" + constraint(model, rule)]
    return "\n".join(lines) + "\n"
