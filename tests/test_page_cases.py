"""Every statement of the page, and every reading, as cases with the expected verdict and rule."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

CASES_FILE = Path(__file__).parent / "cases" / "page.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def configuration(case):
    config = dict(CASES["bases"][case["base"]]) if "base" in case else {}
    config.update(case.get("set") or {})
    return config


def case_id(case):
    changes = ",".join(f"{k}={v}" for k, v in (case.get("set") or {}).items())
    return f"{case['statement']}:{case.get('base', 'partial')}:{changes}"


@pytest.mark.parametrize("case", CASES["cases"], ids=case_id)
def test_case(case, model, oracle):
    config = configuration(case)
    result = model.check(config)
    violated = [r.id for r in result.violations]
    assert result.verdict.value == case["verdict"]
    for rule_id in case.get("breaks") or []:
        assert rule_id in violated
    if result.complete:
        assert oracle.verdict(config) == case["verdict"]
        if case["verdict"] == "supported":
            assert violated == []
    else:
        assert oracle.best_verdict(config) == case["verdict"]
    if "remedy_mentions" in case:
        remedies = [r.remedy.en for r in result.violations if r.remedy]
        assert any(case["remedy_mentions"] in text for text in remedies), remedies


def shipped_yaml(page_kb, name: str):
    return yaml.safe_load((Path(page_kb.root) / name).read_text(encoding="utf-8"))


def test_every_statement_has_a_supported_and_a_failing_case(page_kb):
    verdicts = defaultdict(set)
    for case in CASES["cases"]:
        verdicts[case["statement"]].add(case["verdict"] == "supported")
    # Every statement of the page and of the readings in sources.yaml, read without the loader; the
    # advisories' have their cases on their dates (tests/test_advisories_page.py).
    statements = [s.ref for d in page_kb.documents if d.id != "advisories" for s in d.statements]
    assert statements == [
        f"{d['id']}/{s['id']}"
        for d in shipped_yaml(page_kb, "sources.yaml")["documents"]
        if d["id"] != "advisories"
        for s in d["statements"]
    ]
    missing = [s for s in statements if verdicts[s] != {True, False}]
    assert missing == []


def test_every_rule_is_exercised_by_a_case(page_kb):
    named = {rule_id for case in CASES["cases"] for rule_id in case.get("breaks") or []}
    files = sorted(p.relative_to(page_kb.root).as_posix() for p in (Path(page_kb.root) / "rules").glob("*.yaml"))
    rules = {r["id"] for name in files for r in shipped_yaml(page_kb, name)["rules"] if r["kind"] != "advisory"}
    assert rules and rules - named == set()
