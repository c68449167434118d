"""The timeline of a configuration (syncmatrix timeline, solver/timeline.py): its periods agree with
the question asked on each day, they begin where the answer changes and nowhere else, and the
command says it in both languages."""

from __future__ import annotations

import datetime
import json
import random

import pytest
from kbtools import KBS

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.solver import SupportModel
from syncmatrix.solver.timeline import boundaries, timeline

TINY = KBS / "advisories-tiny"
ONE_DAY = datetime.timedelta(days=1)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def answer(knowledge: kb.KnowledgeBase, config: dict, on: datetime.date) -> tuple[str, tuple[str, ...], bool]:
    """The question asked on one day, plainly: verdict, broken rules, and whether a remedy is retired."""
    dated = knowledge.as_of(on)
    result = SupportModel(dated).check(config)
    retired = any(dated.retired_on(r) for r in result.violations)
    return result.verdict.value, tuple(r.id for r in result.violations), retired


def period_on(line, on: datetime.date):
    [period] = [p for p in line.periods if (p.start is None or p.start <= on) and (p.end is None or on <= p.end)]
    return period


@pytest.fixture(scope="module")
def tiny() -> kb.KnowledgeBase:
    return kb.load(TINY)


@pytest.fixture(scope="module")
def shipped() -> kb.KnowledgeBase:
    return kb.load()


def test_boundaries_are_the_first_days_the_days_after_the_last_and_the_retirements(tiny):
    expected = set()
    for rule in tiny.rules:
        expected |= {rule.valid_from} if rule.valid_from else set()
        expected |= {rule.valid_until + ONE_DAY} if rule.valid_until else set()
        expected |= {rule.remedy_retired.date} if rule.remedy_retired else set()
    assert boundaries(tiny) == tuple(sorted(expected))
    assert day("2021-04-12") in boundaries(tiny) and day("2026-10-01") in boundaries(tiny)


CONFIGS = [
    {"email_system": "exchange_online"},
    {"email_system": "exchange_2016", "act_sync": True},
    {"email_system": "exchange_2007"},
    {"email_system": "gmail", "act_sync": True},
    {"email_system": "gmail"},
    {},
]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "empty")
def test_every_day_of_a_period_gives_its_answer(tiny, config):
    line = timeline(tiny, config)
    days = {d + delta for d in boundaries(tiny) for delta in (-ONE_DAY, datetime.timedelta(0), ONE_DAY)}
    days |= {day("1900-01-01"), day("2100-12-31")}
    for on in sorted(days):
        period = period_on(line, on)
        verdict, broken, retired = answer(tiny, config, on)
        assert (period.result.verdict.value, tuple(r.id for r in period.result.violations)) == (verdict, broken), on
        assert any(period.kb.retired_on(r) for r in period.result.violations) == retired


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "empty")
def test_a_period_begins_where_the_answer_changes_and_nowhere_else(tiny, config):
    line = timeline(tiny, config)
    assert line.periods[0].start is None and line.periods[-1].end is None
    for earlier, later in zip(line.periods, line.periods[1:], strict=False):
        assert earlier.end == later.start - ONE_DAY
        assert answer(tiny, config, earlier.end) != answer(tiny, config, later.start)


def test_the_rules_that_enter_and_leave_are_named(tiny):
    line = timeline(tiny, {"email_system": "exchange_online"})
    entering = [(str(p.start), [r.id for r in p.entering], [r.id for r in p.leaving]) for p in line.periods]
    assert entering == [
        ("None", [], []),
        ("2023-09-01", ["ews-announced"], []),
        ("2026-10-01", ["ews-allow-list"], ["ews-announced"]),
        ("2027-04-01", ["ews-turned-off"], ["ews-allow-list"]),
    ]
    assert [p.result.verdict.value for p in line.periods][-1] == "unsupported"


def test_a_retired_remedy_starts_a_period_of_its_own(tiny):
    line = timeline(tiny, {"email_system": "exchange_2007"})
    retiring = [p for p in line.periods if p.retired]
    assert [(p.start, [r.id for r in p.retired]) for p in retiring] == [(day("2021-04-12"), ["exchange-2007"])]


def test_a_random_sample_of_days_agrees_with_the_question_of_the_day(shipped):
    config = {"email_system": "exchange_2019", "email_sync": True}
    line = timeline(shipped, config)
    rng = random.Random(12)
    for _ in range(40):
        on = day("2010-01-01") + datetime.timedelta(days=rng.randrange(365 * 25))
        verdict, broken, _ = answer(shipped, config, on)
        period = period_on(line, on)
        assert (period.result.verdict.value, tuple(r.id for r in period.result.violations)) == (verdict, broken)


def test_timeline_takes_the_knowledge_base_as_loaded(tiny):
    with pytest.raises(ValueError, match="as loaded"):
        timeline(tiny.as_of(None), {})


# --- the command ----------------------------------------------------------------------------------


def run(capsys, *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_says_when_exchange_2019_changed(capsys):
    code, out, err = run(capsys, "timeline", "--json", "--as-of", "2026-11-29", "email_system=exchange_2019")
    document = json.loads(out)
    assert code == 1 and err == ""
    assert document["verdict"] == "unsupported" and document["page_only_verdict"] == "supported"
    changes = [(p["from"], p["verdict"]) for p in document["periods"]]
    assert changes[:3] == [
        (None, "supported"),
        ("2024-01-10", "supported_with_warnings"),
        ("2025-10-15", "unsupported"),
    ]
    [today] = [p for p in document["periods"] if p["includes_as_of"]]
    assert today["from"] == "2025-10-15" and today["until"] == "2027-01-12"
    [entering] = today["entering"]
    assert entering["rule"] == "a2-exchange-2019-extended-over" and entering["from"] == "2025-10-15"
    assert entering["links"][0] == "https://learn.microsoft.com/en-us/lifecycle/products/exchange-server-2019"
    # The summary names each change of verdict once, with its date and its reason.
    assert "until 2024-01-09" in document["summary"] and "from 2025-10-15 (Exchange Server 2019" in document["summary"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_text_marks_the_day_in_question(capsys, lang):
    code, out, _ = run(capsys, "timeline", "--lang", lang, "--as-of", "2020-06-01", "email_system=exchange_2019")
    assert code == 0
    [marked] = [line for line in out.splitlines() if "←" in line]
    assert "2020-06-01" in marked and "2024-01-09" in marked
    assert ("Until" if lang == "en" else "Đến hết ngày") in marked


def test_the_day_in_question_defaults_to_today(capsys):
    today = datetime.date.today().isoformat()
    _, default, _ = run(capsys, "timeline", "--json", "email_system=gmail")
    _, named, _ = run(capsys, "timeline", "--json", "--as-of", today, "email_system=gmail")
    assert default == named and json.loads(default)["as_of"] == today


@pytest.mark.parametrize("written", ["2026-02-30", "29/11/2026", "soon"])
def test_a_bad_day_is_bad_input(capsys, written):
    code, out, err = run(capsys, "timeline", "--as-of", written, "email_system=gmail")
    assert code == 2 and out == ""
    assert err.startswith(f"syncmatrix: --as-of '{written}': ") and "YYYY-MM-DD" in err and "Traceback" not in err


def test_a_bad_configuration_is_bad_input(capsys):
    code, out, err = run(capsys, "timeline", "email_system=gmial")
    assert code == 2 and out == "" and "did you mean 'gmail'" in err
