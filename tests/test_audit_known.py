"""Known, possible, unknown (issue 21): an audit lists as broken only the rules a mailbox's known
values break, whatever the export leaves open; what only some completions break is a separate
answer (`would_break`, `depends_on`), counted apart (`questions`, summary `depends`).

Checked against the plain evaluation of tests/oracle.py over every completion of each mailbox of
the shipped example organization, with and without its map, on days before and after the
advisories, and by the page alone."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

import pytest

from syncmatrix.cli import main
from tests.oracle import Oracle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"

DAYS = {"2026-11-29": ["--as-of", "2026-11-29"], "2027-04-01": ["--as-of", "2027-04-01"], "page": ["--page-only"]}
MAPS = {"no map": [], "map": ["--map", str(EXAMPLES / "map.yaml")]}
ORGS = {"no settings": [], "fips and mfa": ["--org", "fips=false", "--org", "mfa=false"]}


def audited(capsys, *more: str) -> dict:
    words = ["audit", str(EXAMPLES / "mailboxes.csv"), "--profiles", str(EXAMPLES / "profiles.csv"), "--json"]
    code = main([*words, *more])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize("org", ORGS, ids=list(ORGS))
@pytest.mark.parametrize("mapped", MAPS, ids=list(MAPS))
@pytest.mark.parametrize("day", DAYS, ids=list(DAYS))
def test_every_rule_listed_as_broken_is_broken_by_every_completion_and_no_other(capsys, day, mapped, org):
    document = audited(capsys, *DAYS[day], *MAPS[mapped], *ORGS[org])
    oracle = Oracle(ROOT / "data", None if day == "page" else datetime.date.fromisoformat(day))
    judged = [box for box in document["mailboxes"] if box["status"] == "judged"]
    assert judged
    seen: dict[str, tuple[set[str], set[str]]] = {}  # config -> (broken by all, broken by some)
    for box in judged:
        key = json.dumps(box["config"], sort_keys=True)
        if key not in seen:
            every: set[str] | None = None
            some: set[str] = set()
            for completion in oracle.completions(box["config"]):
                broken = set(oracle.broken(completion))
                every = broken if every is None else every & broken
                some |= broken
            seen[key] = (every or set(), some)
        every, some = seen[key]
        assert set(box["violations"]) == every, box["row"]
        # What depends on the open values: broken by some completion, never by all of them.
        assert set(box["would_break"]) <= some - every, box["row"]
        assert bool(box["would_break"]) == bool(box["depends_on"]), box["row"]
        assert set(box["depends_on"]) <= set(box["open"]), box["row"]
    # The counts are of the known breaks alone; the questions, of what answers depend on.
    rules = Counter(rule for box in judged for rule in box["violations"])
    assert {entry["rule"]: entry["mailboxes"] for entry in document["rules"]} == rules
    asked = Counter(name for box in judged for name in box["depends_on"])
    assert {entry["variable"]: entry["mailboxes"] for entry in document["questions"]} == asked
    assert [entry["mailboxes"] for entry in document["questions"]] == sorted(asked.values(), reverse=True)
    assert document["summary"]["depends"] == sum(1 for box in judged if box["depends_on"])


def test_without_a_map_the_exchange_server_mailboxes_depend_on_their_system_and_are_asked_for_it(capsys):
    # On 2026-11-29 every Exchange Server version the page names is out of support and Exchange SE
    # (A8) is not: an Exchange Server mailbox is supported if its system is SE, which the export does
    # not say. The rules of the versions it may not be on are never counted as broken.
    document = audited(capsys, *DAYS["2026-11-29"])
    exchange = [
        box
        for box in document["mailboxes"]
        if box["status"] == "judged" and box["config"].get("server_profile") == "exchange_server"
    ]
    assert exchange
    for box in exchange:
        assert box["possible"]["email_system"] == ["exchange_se"]
        assert "email_system" in box["depends_on"]
        assert "a2-exchange-2019-extended-over" in box["would_break"]
        assert "a2-exchange-2019-extended-over" not in box["violations"]
    counted = {entry["rule"] for entry in document["rules"]}
    assert "a2-exchange-2010-extended-over" not in counted
    asked = {q["variable"]: q["mailboxes"] for q in document["questions"]}
    assert asked["email_system"] >= len(exchange)
    # With the map, the version is known, and so is the rule: it is counted.
    mapped = audited(capsys, *DAYS["2026-11-29"], *MAPS["map"])
    assert "a2-exchange-2019-extended-over" in {entry["rule"] for entry in mapped["rules"]}


KBS = Path(__file__).resolve().parent / "kbs"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_unsupported_whatever_the_system_is_headed_by_what_it_lacks_not_by_rule_titles_joined(capsys, tmp_path, lang):
    # tests/kbs/audit-depends: on an Exchange Server profile with appointments on, each system the
    # mailbox could be on breaks another rule.
    export = tmp_path / "mailboxes.csv"
    export.write_text(
        "Mailbox Name,Email Address,Status,Incoming Email Server Type,Outgoing Email Server Type,"
        "Appointments; Contacts; and Tasks,Server Profile\n"
        "Ana,ana@contoso.com,Active,Server-Side Synchronization or Email Router,"
        "Server-Side Synchronization or Email Router,Server-Side Synchronization,Contoso Exchange\n",
        encoding="utf-8",
    )
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("Name,Server Type\nContoso Exchange,Exchange Server\n", encoding="utf-8")
    words = ["audit", str(export), "--profiles", str(profiles), "--kb", str(KBS / "audit-depends")]
    assert main([*words, "--json"]) == 1
    (box,) = json.loads(capsys.readouterr().out)["mailboxes"]
    assert (box["verdict"], box["violations"], box["depends_on"]) == ("unsupported", [], ["email_system"])
    assert set(box["would_break"]) == {"exchange-2019-out", "online-needs-online-profile", "gmail-email-only"}
    code = main([*words, "--lang", lang])
    out = capsys.readouterr().out
    assert code == 1
    heads = [line for line in out.splitlines() if line.startswith("✗ ")]
    assert heads and not [h for h in heads if " / " in h]
    from syncmatrix.present.words import t

    label = "hệ thống email" if lang == "vi" else "email system"
    assert t("audit_group_depends", lang, what=label) in out
    assert t("audit_questions", lang) in out
