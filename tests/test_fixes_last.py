"""Fixes that last (issue 21, item 3): the nearest fix looks at the days after the question's.

Built on tests/kbs/fixes-ahead: moving off Exchange Server 2016 on 2026-12-07 costs 1 to Exchange
Online (EWS turned off from 2027-04-01), Gmail (no later phase) or MSN (sign-in ended from
2028-01-01); Gmail and MSN need a POP3 profile. The expected days come from the knowledge base's
own phases, not from the test. One test reads the real data (data/) for the issue's Done-when.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.fix import nearest_fixes

ROOT = Path(__file__).resolve().parent
AHEAD = ROOT / "kbs" / "fixes-ahead"
DAY = datetime.date(2026, 12, 7)
ONE_DAY = datetime.timedelta(days=1)
LOADED = kb.load(AHEAD)


def model_of(day: datetime.date | None) -> SupportModel:
    return SupportModel(LOADED.as_of(day))


def last_day_before(rule_id: str) -> datetime.date:
    """The day before a phase begins: the last day a configuration it breaks still holds."""
    start = LOADED.rule(rule_id).valid_from
    assert start is not None
    return start - ONE_DAY


def changes(fix) -> dict[str, object]:
    return {c.variable: c.after for c in fix.changes}


def run(capsys, *words: str) -> tuple[int, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def test_fixes_of_equal_cost_come_in_the_order_they_last():
    result = nearest_fixes(model_of(DAY), {"email_system": "exchange_2016"})
    assert result.cost == 1 and result.lasting == 0
    assert [changes(f) for f in result.fixes] == [
        {"email_system": "gmail"},  # no later phase ends it
        {"email_system": "msn"},  # ends when MSN sign-in ends
        {"email_system": "exchange_online"},  # ends first, when EWS is turned off
    ]
    gmail, msn, online = result.fixes
    assert (gmail.holds_until, gmail.then, gmail.ended_by) == (None, None, ())
    assert msn.holds_until == last_day_before("msn-sign-in-ended")
    assert online.holds_until == last_day_before("ews-turned-off")
    assert online.holds_until < msn.holds_until
    assert msn.then is online.then is Verdict.UNSUPPORTED
    assert [r.id for r in msn.ended_by] == ["msn-sign-in-ended"]
    assert [r.id for r in online.ended_by] == ["ews-turned-off"]


def test_a_fix_that_lasts_comes_before_a_cheaper_one_that_ends():
    result = nearest_fixes(model_of(DAY), {"email_system": "exchange_2016", "profile": "exchange"})
    # The cheapest fix is Exchange Online alone (cost 1); it ends. Gmail needs the profile too (cost 2)
    # and never ends: it comes first, and the contract's distance and cost stay the cheapest's.
    assert (result.distance, result.cost, result.lasting) == (1, 1, 1)
    first, cheapest = result.fixes
    assert changes(first) == {"email_system": "gmail", "profile": "pop3"} and first.cost == 2
    assert first.holds_until is None and first.verdict is Verdict.SUPPORTED_WITH_WARNINGS
    assert [r.id for r in first.resolves] == ["exchange-2016-out-of-support"]
    assert changes(cheapest) == {"email_system": "exchange_online"} and cheapest.cost == result.cost
    assert cheapest.holds_until == last_day_before("ews-turned-off")


def test_locks_that_leave_only_a_fix_that_ends_keep_it_alone():
    config = {"email_system": "exchange_2016", "profile": "exchange"}
    result = nearest_fixes(model_of(DAY), config, locks=["profile"])
    assert result.lasting == 0
    assert [changes(f) for f in result.fixes] == [{"email_system": "exchange_online"}]
    # A cost that makes the lasting fix dearer still lets it come first: lasting is asked of a fix,
    # the cost only orders fixes that last alike.
    priced = nearest_fixes(model_of(DAY), config, costs={"profile": 5})
    assert priced.lasting == 1 and priced.fixes[0].cost == 6 and priced.cost == 1


def test_a_configuration_already_acceptable_says_until_when(capsys):
    result = nearest_fixes(model_of(DAY), {"email_system": "exchange_online"})
    assert result.distance == 0 and result.lasting == 0
    assert result.fixes[0].holds_until == last_day_before("ews-turned-off")
    for lang in ("en", "vi"):
        _, out = run(
            capsys, "fix", "--kb", str(AHEAD), "email_system=exchange_online", "--as-of", str(DAY), "--lang", lang
        )
        expected = t(
            "holds_until",
            lang,
            verdict=t("supported_with_warnings", lang),
            day=last_day_before("ews-turned-off").isoformat(),
            then=t("unsupported", lang),
            rules=LOADED.rule("ews-turned-off").title.get(lang),
        )
        assert expected in out.splitlines()


def test_the_page_alone_has_no_days_ahead(capsys):
    page = model_of(None)
    config = {"email_system": "gmail", "profile": "exchange"}  # unsupported on the page too
    result = nearest_fixes(page, config)
    assert result.lasting == 0 and result.distance == 1
    assert all((f.holds_until, f.then, f.ended_by) == (None, None, ()) for f in result.fixes)
    # The page's ranking as before: least effort first (the profile before moving the mailbox).
    assert changes(result.fixes[0]) == {"profile": "pop3"}
    _, out = run(capsys, "fix", "--kb", str(AHEAD), "email_system=gmail", "profile=exchange", "--page-only", "--json")
    document = json.loads(out)
    assert all(not {"holds_until", "then", "ended_by"} & set(fix) for fix in document["fixes"])
    _, text = run(capsys, "fix", "--kb", str(AHEAD), "email_system=gmail", "profile=exchange", "--page-only")
    assert t("holds_always", "en", verdict=t("supported", "en")) not in text


def test_fix_json_and_text_say_until_when_each_fix_holds(capsys):
    words = ["fix", "--kb", str(AHEAD), "email_system=exchange_2016", "profile=exchange", "--as-of", str(DAY)]
    code, out = run(capsys, *words, "--json")
    assert code == 0
    document = json.loads(out)
    assert [(f["holds_until"], f["then"], f["ended_by"]) for f in document["fixes"]] == [
        (None, None, []),
        (last_day_before("ews-turned-off").isoformat(), "unsupported", ["ews-turned-off"]),
    ]
    assert document["cost"] == 1 and [f["cost"] for f in document["fixes"]] == [2, 1]
    for lang in ("en", "vi"):
        _, text = run(capsys, *words, "--lang", lang)
        lines = [line.strip() for line in text.splitlines()]
        verdict = t("supported_with_warnings", lang)
        assert t("holds_always", lang, verdict=verdict) in lines
        ends = last_day_before("ews-turned-off").isoformat()
        assert t("lasting_first", lang, cost=1, day=ends) in lines
        assert (
            t(
                "holds_until",
                lang,
                verdict=verdict,
                day=ends,
                then=t("unsupported", lang),
                rules=LOADED.rule("ews-turned-off").title.get(lang),
            )
            in lines
        )
        # The lasting fix is listed first.
        assert lines.index(t("holds_always", lang, verdict=verdict)) < lines.index(
            t(
                "holds_until",
                lang,
                verdict=verdict,
                day=ends,
                then=t("unsupported", lang),
                rules=LOADED.rule("ews-turned-off").title.get(lang),
            )
        )


def test_count_says_the_bottom_line_when_nothing_is_fully_supported(capsys):
    model = model_of(DAY)
    assert model.count({}).supported == 0 < model.count({}).total
    rules, one_of = model.unavoidable_warnings({})
    for lang in ("en", "vi"):
        _, out = run(capsys, "count", "--kb", str(AHEAD), "--as-of", str(DAY), "--lang", lang)
        names = "; ".join(f"{r.title.get(lang)} [{r.id}]" for r in rules)
        key = "bottom_line_one_of" if one_of else "bottom_line"
        assert out.splitlines()[-1] == t(key, lang, day=DAY.isoformat(), rules=names)
    # A day when something is supported without warnings: no such sentence.
    earlier = datetime.date(2019, 12, 7)
    assert model_of(earlier).count({}).supported > 0
    _, out = run(capsys, "count", "--kb", str(AHEAD), "--as-of", str(earlier))
    assert len(out.splitlines()) == 2


# --- the real data: the Done-when -----------------------------------------------------------

EXCHANGE_2019 = ["email_system=exchange_2019", "email_sync=true"]
FULLY = [*EXCHANGE_2019, "incoming_protocol=ews", "outgoing_protocol=ews", "server_profile=exchange_server"]


@pytest.mark.parametrize("words", [EXCHANGE_2019, FULLY], ids=["partial", "fully-specified"])
def test_the_first_fix_for_an_exchange_2019_mailbox_lasts_past_the_end_of_ews(capsys, words):
    data = kb.load()
    ews_off = data.rule("a1-ews-online-turned-off").valid_from
    _, out = run(capsys, "fix", *words, "--as-of", str(DAY), "--json")
    first = json.loads(out)["fixes"][0]
    assert first["holds_until"] is None or datetime.date.fromisoformat(first["holds_until"]) >= ews_off
    assert all("holds_until" in fix for fix in json.loads(out)["fixes"])
    for lang in ("en", "vi"):
        _, text = run(capsys, "fix", *words, "--as-of", str(DAY), "--lang", lang)
        numbered = [line for line in text.splitlines() if line[:1].isdigit() and ". " in line]
        holds = [
            line
            for line in text.splitlines()
            if line.strip().startswith(t("holds_always", lang, verdict="").split(":")[0] + ":")
        ]
        assert numbered and len(holds) == len(numbered)  # every fix says until when it holds


def test_the_day_table_says_its_bottom_line_and_the_page_table_does_not(capsys):
    day = "2026-11-29"
    for lang in ("en", "vi"):
        _, dated = run(capsys, "table", "--as-of", day, "--lang", lang)
        _, page = run(capsys, "table", "--page-only", "--lang", lang)
        opening = t("bottom_line_one_of", lang, day=day, rules="").split(":")[0]
        assert opening in dated and opening not in page
