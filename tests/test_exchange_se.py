"""Exchange SE and the supersession of a page-layer rule by an advisory (issue 23, A8 of
docs/sources/ADVISORIES.md): by the page alone SE is not named, so unsupported (a scope rule);
before its release on 2025-07-01 it did not exist; from that day it is read as Exchange 2019 CU15,
a warning, and the page's rule gives way, in answers about a day only. Elsewhere it is an Exchange
Server like 2019, and it is the move the fixes find for Exchange 2010–2019 after 2025-10-14."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.fix import nearest_fixes
from syncmatrix.solver.timeline import timeline

ROOT = Path(__file__).resolve().parent.parent
KBS = Path(__file__).resolve().parent / "kbs"
EXAMPLES = ROOT / "data" / "examples"
RELEASED = datetime.date(2025, 7, 1)
ONE_DAY = datetime.timedelta(days=1)
SE = {"email_system": "exchange_se"}
EXCHANGE_2019 = {
    "email_system": "exchange_2019",
    "incoming_protocol": "ews",
    "outgoing_protocol": "ews",
    "server_profile": "exchange_server",
    "email_sync": True,
    "act_sync": True,
}


def broken_ids(page_kb: kb.KnowledgeBase, day: datetime.date | None, config: dict) -> set[str]:
    return {r.id for r in SupportModel(page_kb.as_of(day)).check(config).violations}


def test_by_the_page_alone_se_is_unsupported_by_a_scope_rule_said_as_such(page_kb):
    result = SupportModel(page_kb.as_of(None)).check(SE)
    assert result.verdict is Verdict.UNSUPPORTED
    (rule,) = [r for r in result.violations if r.severity.value == "error"]
    assert (rule.id, rule.kind.value, rule.kind.of_the_page) == ("exchange-se-not-on-page", "scope", False)
    # The page alone counts no SE configuration: what it counted before SE, it counts still.
    counts = SupportModel(page_kb.as_of(None)).count(SE)
    assert (counts.supported, counts.supported_with_warnings) == (0, 0)


@pytest.mark.parametrize("day", [RELEASED - ONE_DAY, RELEASED, RELEASED + ONE_DAY])
def test_on_each_side_of_its_release_se_is_what_the_advisory_says(page_kb, day):
    broken = broken_ids(page_kb, day, SE)
    verdict = SupportModel(page_kb.as_of(day)).check(SE).verdict
    if day < RELEASED:
        assert {"a8-exchange-se-not-released", "exchange-se-not-on-page"} <= broken
        assert verdict is Verdict.UNSUPPORTED
    else:  # the page's rule gives way; the reading is a warning
        assert "exchange-se-not-on-page" not in broken and "a8-exchange-se-not-released" not in broken
        assert "a8-exchange-se-read-as-2019-cu15" in broken
        assert verdict is Verdict.SUPPORTED_WITH_WARNINGS
    # By the page alone, the same on every day.
    assert "exchange-se-not-on-page" in broken_ids(page_kb, None, SE)


def test_elsewhere_se_is_an_exchange_server_like_2019(page_kb):
    day = datetime.date(2025, 9, 1)  # SE released, 2019 in extended support (a warning)
    model = SupportModel(page_kb.as_of(day))
    changes = (("server_profile", "exchange_online"), ("server_profile", "pop3_smtp"), ("incoming_protocol", "pop3"))
    for name, value in changes:
        se = model.check({**EXCHANGE_2019, "email_system": "exchange_se", name: value}).violations
        ex = model.check({**EXCHANGE_2019, name: value}).violations
        errors = [{r.id for r in found if r.severity.value == "error"} for found in (se, ex)]
        assert errors[0] and errors[0] == errors[1], (name, value)
    assert model.check({**EXCHANGE_2019, "email_system": "exchange_se"}).verdict is Verdict.SUPPORTED_WITH_WARNINGS


def test_after_2019_leaves_support_the_nearest_fix_moves_within_exchange_server_to_se(page_kb):
    model = SupportModel(page_kb.as_of(datetime.date(2026, 12, 7)))
    found = nearest_fixes(model, EXCHANGE_2019)
    first = found.fixes[0]
    assert [(c.variable, c.after) for c in first.changes] == [("email_system", "exchange_se")]


def test_the_command_line_offers_se_first_and_the_audit_says_the_same_for_mailboxes_on_2019(capsys):
    words = [f"{n}={str(v).lower()}" for n, v in EXCHANGE_2019.items()]
    assert main(["fix", *words, "--as-of", "2026-12-07", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [c["to"] for c in document["fixes"][0]["changes"]] == ["exchange_se"]
    files = [str(EXAMPLES / "mailboxes.csv"), "--profiles", str(EXAMPLES / "profiles.csv")]
    main(["audit", *files, "--map", str(EXAMPLES / "map.yaml"), "--as-of", "2026-12-07", "--json"])
    audit = json.loads(capsys.readouterr().out)
    on_2019 = [m for m in audit["mailboxes"] if m["config"].get("email_system") == "exchange_2019" and m["fix"]]
    assert on_2019
    for mailbox in on_2019:
        assert [c["to"] for c in mailbox["fix"]["changes"]] == ["exchange_se"], mailbox["row"]


def test_the_table_of_a_day_after_2019_shows_se_in_the_exchange_row_and_the_page_s_table_does_not(capsys):
    main(["table", "--as-of", "2026-12-07", "--json"])
    dated = json.loads(capsys.readouterr().out)
    main(["table", "--page-only", "--json"])
    page = json.loads(capsys.readouterr().out)
    systems = lambda doc: {s for row in doc["rows"] for s in row["email_systems"]}  # noqa: E731
    assert "exchange_se" in systems(dated) and "exchange_2019" not in systems(dated)
    assert "exchange_se" not in systems(page) and "exchange_2019" in systems(page)


def test_the_timeline_says_when_and_by_what_the_page_rule_is_superseded(page_kb):
    line = timeline(page_kb, SE)
    starts = [p.start for p in line.periods]
    assert RELEASED in starts
    period = line.periods[starts.index(RELEASED)]
    assert [r.id for r in period.superseded] == ["exchange-se-not-on-page"]


def test_rules_show_the_supersession(capsys):
    main(["rules", "--json"])
    rules = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert rules["exchange-se-not-on-page"]["superseded"] == {"advisory": "exchange-server-se", "from": "2025-07-01"}
    assert rules["a8-exchange-se-read-as-2019-cu15"]["superseded"] is None


# --- a knowledge base of its own: the supersession, and the loader's refusals ---------------------


def test_the_small_knowledge_base_supersedes_from_its_day_and_keeps_the_page_alone():
    loaded = kb.load(KBS / "superseded")
    msn = {"email_system": "msn", "profile": "pop3"}
    before = {r.id for r in SupportModel(loaded.as_of(datetime.date(2021, 5, 31))).check(msn).violations}
    after = {r.id for r in SupportModel(loaded.as_of(datetime.date(2021, 6, 1))).check(msn).violations}
    page = {r.id for r in SupportModel(loaded.as_of(None)).check(msn).violations}
    assert "msn-not-on-page" in before and "msn-not-on-page" not in after and "msn-not-on-page" in page


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            '      advisory: msn-sign-in\n      from: "2021-06-01"',
            '      advisory: msn-sign-on\n      from: "2021-06-01"',
            "msn-sign-on",
        ),
        (
            '      advisory: msn-sign-in\n      from: "2021-06-01"',
            '      advisory: msn-sign-in\n      from: "2019-06-01"',  # its first phase begins 2020-01-01
            "2019-06-01",
        ),
        (
            '    superseded:\n      advisory: msn-sign-in\n      from: "2021-06-01"\n',
            '    superseded:\n      from: "2021-06-01"\n',
            "advisory",
        ),
    ],
    ids=["unknown advisory", "before its phases", "names no advisory"],
)
def test_a_broken_supersession_is_refused_with_file_and_line(capsys, tmp_path, old, new, said):
    folder = tmp_path / "kb"
    shutil.copytree(KBS / "superseded", folder)
    page = folder / "rules" / "page.yaml"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")
    code = main(["rules", "--kb", str(folder)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"{page}:" in err and said in err, err


def test_a_phase_of_an_advisory_cannot_be_superseded(capsys, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(KBS / "superseded", folder)
    rules = folder / "rules" / "advisories.yaml"
    text = rules.read_text(encoding="utf-8")
    old = "  - id: msn-sign-in-ended\n"
    text = text.replace(old, old + '    superseded: {advisory: msn-sign-in, from: "2029-01-01"}\n')
    rules.write_text(text, encoding="utf-8")
    assert main(["rules", "--kb", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:" in err and "superseded" in err, err


def test_the_dashboard_s_timeline_says_the_page_rule_gives_way_to_the_advisory(page_kb):
    pytest.importorskip("streamlit", reason="the dashboard extra is not installed")
    from test_dashboard_app import open_tab, start

    from syncmatrix.present.report import superseded_text
    from syncmatrix.present.words import t

    at = start(email_system="exchange_se", as_of="2026-12-07", lang="vi")
    open_tab(at, t("tab_timeline", "vi"), "vi")
    said = superseded_text(page_kb, page_kb.rule("exchange-se-not-on-page"), "vi")
    shown = [e.value for e in (*at.markdown, *at.warning, *at.success, *at.error)]  # the day's period is an alert
    assert any(said in value for value in shown)
