"""A plain evaluation of the rules, written without the CSP and without kb/: the tests' oracle.

It reads the knowledge base YAML on its own (yaml.safe_load) and judges complete configurations
by evaluating every rule, so it checks the loader and the solver at once. A question is about a
day (`as_of`) or the page alone (None): an advisory's phase holds from its `from` day until the day
before the next phase of the same advisory over the same `when` begins, worked out here again.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

SUPPORTED, WITH_WARNINGS, UNSUPPORTED = "supported", "supported_with_warnings", "unsupported"


@dataclass
class OracleRule:
    id: str
    severity: str
    when: dict[str, set[object]]

    def broken_by(self, config: Mapping[str, object]) -> bool:
        return all(config[name] in values for name, values in self.when.items())


class Oracle:
    def __init__(self, root: Path, as_of: datetime.date | None = None) -> None:
        variables = yaml.safe_load((root / "variables.yaml").read_text(encoding="utf-8"))["variables"]
        self.domains: dict[str, list[object]] = {}
        groups: dict[str, dict[object, set[object]]] = {}  # variable -> group name -> its values
        for variable in variables:
            if variable["type"] == "bool":
                self.domains[variable["name"]] = [False, True]
            else:
                self.domains[variable["name"]] = [value["name"] for value in variable["values"]]
            named = groups[variable["name"]] = {}
            for group in variable.get("groups") or []:
                named[group["name"]] = set().union(*(named.get(m, {m}) for m in group["values"]))
        self.names = list(self.domains)
        self.rules: list[OracleRule] = []
        phases: dict[tuple[str, str], list[tuple[datetime.date, dict]]] = {}  # (advisory, when) -> phases
        for path in sorted((root / "rules").glob("*.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            applies = document.get("applies_when") or {}
            for rule in document["rules"]:
                when: dict[str, set[object]] = {}
                for part in (applies, rule["when"]):
                    for name, values in part.items():
                        listed = values if isinstance(values, list) else [values]
                        values = set().union(*(groups[name].get(v, {v}) for v in listed))
                        when[name] = when[name] & values if name in when else values
                if rule["kind"] == "advisory":
                    first = datetime.date.min if rule["from"] == "always" else datetime.date.fromisoformat(rule["from"])
                    chain = (rule["advisory"], repr(sorted((k, sorted(map(str, v))) for k, v in when.items())))
                    phases.setdefault(chain, []).append(
                        (first, {"id": rule["id"], "severity": rule["severity"], "when": when})
                    )
                else:
                    superseded = rule.get("superseded")
                    if as_of is not None and superseded and as_of >= datetime.date.fromisoformat(superseded["from"]):
                        continue  # an advisory takes its place from that day, in answers about a day
                    self.rules.append(OracleRule(rule["id"], rule["severity"], when))
        for chain in phases.values():
            chain.sort(key=lambda phase: phase[0])
            ends = [later for later, _ in chain[1:]] + [datetime.date.max]
            for (first, rule), end in zip(chain, ends, strict=True):
                if as_of is not None and first <= as_of < end:
                    self.rules.append(OracleRule(rule["id"], rule["severity"], rule["when"]))

    def broken(self, config: Mapping[str, object]) -> list[str]:
        return [r.id for r in self.rules if r.broken_by(config)]

    def verdict(self, config: Mapping[str, object]) -> str:
        broken = [r for r in self.rules if r.broken_by(config)]
        if any(r.severity == "error" for r in broken):
            return UNSUPPORTED
        return WITH_WARNINGS if broken else SUPPORTED

    def space(self) -> Iterator[dict[str, object]]:
        for values in itertools.product(*self.domains.values()):
            yield dict(zip(self.names, values, strict=True))

    def completions(self, partial: Mapping[str, object]) -> Iterator[dict[str, object]]:
        open_names = [n for n in self.names if n not in partial]
        for values in itertools.product(*(self.domains[n] for n in open_names)):
            yield {**partial, **dict(zip(open_names, values, strict=True))}

    def best_verdict(self, partial: Mapping[str, object]) -> str:
        order = [SUPPORTED, WITH_WARNINGS, UNSUPPORTED]
        return min((self.verdict(c) for c in self.completions(partial)), key=order.index)
