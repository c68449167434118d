"""Generated knowledge bases in our own data format, for property tests and benchmarks.

`write_synthetic(folder, …)` writes variables.yaml, sources.yaml and rules/synthetic.yaml; the
result loads through `kb.load` like the page's knowledge base. Rules are planted around a
configuration no error rule forbids, so the knowledge base is satisfiable by construction.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from syncmatrix.kb.model import Value


def write_synthetic(
    folder: Path,
    variables: int,
    rules: int,
    seed: int,
    domain_sizes: tuple[int, int] = (2, 8),
    arity: tuple[int, int] = (1, 3),
    forbidden_share: float = 1 / 6,
    warning_share: float = 0.2,
    bool_share: float = 0.3,
) -> dict[str, Value]:
    """Write a knowledge base of `variables` variables and `rules` rules; return the planted configuration.

    Each rule reads 1–3 variables (`arity`) and forbids about `forbidden_share` of their value
    combinations; at least one of its variables excludes the planted value, so no rule, error or
    warning, breaks the planted configuration. Variables of two values are booleans with
    probability `bool_share`. The same arguments write the same files.
    """
    rng = random.Random(seed)
    names = [f"x{i:03d}" for i in range(variables)]
    domains: dict[str, list[Value]] = {}
    variable_docs: list[dict[str, Any]] = []
    for name in names:
        size = rng.randint(*domain_sizes)
        label = {"en": f"Variable {name}", "vi": f"Biến {name}"}
        if size == 2 and rng.random() < bool_share:
            domains[name] = [False, True]
            variable_docs.append({"name": name, "type": "bool", "label": label, "description": label})
        else:
            domains[name] = [f"v{j}" for j in range(size)]
            values = [{"name": v, "label": {"en": f"Value {v}", "vi": f"Giá trị {v}"}} for v in domains[name]]
            variable_docs.append({"name": name, "type": "enum", "label": label, "description": label, "values": values})
    planted = {name: rng.choice(domain) for name, domain in domains.items()}

    rule_docs = []
    for index in range(rules):
        k = min(rng.randint(*arity), len(names))
        scope = rng.sample(names, k)
        share = forbidden_share ** (1 / k)
        keeper = rng.choice(scope)  # this variable's set leaves out the planted value
        when: dict[str, Any] = {}
        for name in scope:
            domain = domains[name]
            pool = [v for v in domain if v != planted[name]] if name == keeper else list(domain)
            size = max(1, min(len(pool), round(share * len(domain))))
            chosen = rng.sample(pool, size)
            ordered = [v for v in domain if v in chosen]
            when[name] = ordered[0] if len(ordered) == 1 else ordered
        severity = "warning" if rng.random() < warning_share else "error"
        rule_docs.append(
            {
                "id": f"r{index:04d}",
                "severity": severity,
                "kind": "table",
                "source": "synthetic/s1",
                "when": when,
                "message": {"en": f"Rule {index} forbids this combination.", "vi": f"Quy tắc {index} cấm tổ hợp này."},
            }
        )

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules").mkdir(exist_ok=True)
    booleans = {"true": {"en": "Yes", "vi": "Có"}, "false": {"en": "No", "vi": "Không"}}
    _dump(folder / "variables.yaml", {"booleans": booleans, "variables": variable_docs})
    text = {"en": "Synthetic", "vi": "Tổng hợp"}
    statement = {"id": "s1", "section": text, "item": text, "about": text}
    document = {
        "id": "synthetic",
        "title": text,
        "short": text,
        "edition": f"seed {seed}",
        "origin": "generated",
        "statements": [statement],
    }
    _dump(folder / "sources.yaml", {"documents": [document]})
    _dump(folder / "rules" / "synthetic.yaml", {"document": "synthetic", "rules": rule_docs})
    return planted


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
