"""The advisories of the shipped data (issue 12), through the command line and against the oracle.

Every phase begins on the day sources/ADVISORIES.md says (written out below, so that a wrong date
in data/ fails here) and not the day before; the page alone answers the same on every date; the
dated model agrees with the oracle, which works out the phases on its own; the issue's example;
bad dates; lint. Every question names its day (`--as-of`, or `--page-only`), except the one test
that compares the default with today. data/ is read, never written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import io
import json
import random
from pathlib import Path

import pytest
import yaml
from oracle import SUPPORTED, UNSUPPORTED, WITH_WARNINGS, Oracle
from test_hostile_cli import one_paragraph, run

from syncmatrix import kb
from syncmatrix.cli import JUDGING, build_parser, main, question_day
from syncmatrix.kb.model import Kind
from syncmatrix.solver import SupportModel

DATA = Path(__file__).resolve().parent.parent / "data"
ONE_DAY = datetime.timedelta(days=1)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def after(last_day: str) -> datetime.date:
    """The first day out of a support period that ends at the end of `last_day` (lifecycle dates)."""
    return day(last_day) + ONE_DAY


# sources/ADVISORIES.md, written out: rule -> (advisory, first day, severity, email systems in scope;
# None: every configuration). Lifecycle phases (A2, A3) begin the day after the last day of support
# the source names; retirements (A1, A4, A5) on the day they are announced from; A6 has no date.
A1, A2, A3 = "ews-exchange-online", "exchange-server-lifecycle", "customer-engagement-lifecycle"
PHASES = {
    "a1-ews-online-announced": (A1, day("2023-09-19"), "warning", {"exchange_online"}),
    "a1-ews-online-allow-list": (A1, day("2026-10-01"), "warning", {"exchange_online"}),
    "a1-ews-online-turned-off": (A1, day("2027-04-01"), "error", {"exchange_online"}),
    "a2-exchange-2010-mainstream-over": (A2, after("2015-01-13"), "warning", {"exchange_2010"}),
    "a2-exchange-2010-extended-over": (A2, after("2020-10-13"), "error", {"exchange_2010"}),
    "a2-exchange-2013-mainstream-over": (A2, after("2018-04-10"), "warning", {"exchange_2013"}),
    "a2-exchange-2013-extended-over": (A2, after("2023-04-11"), "error", {"exchange_2013"}),
    "a2-exchange-2016-mainstream-over": (A2, after("2020-10-13"), "warning", {"exchange_2016"}),
    "a2-exchange-2016-extended-over": (A2, after("2025-10-14"), "error", {"exchange_2016"}),
    "a2-exchange-2019-mainstream-over": (A2, after("2024-01-09"), "warning", {"exchange_2019"}),
    "a2-exchange-2019-extended-over": (A2, after("2025-10-14"), "error", {"exchange_2019"}),
    "a3-ce-onprem-mainstream-over": (A3, after("2027-01-12"), "warning", None),
    "a3-ce-onprem-extended-over": (A3, after("2029-01-09"), "error", None),
    "a4-outlook-com-basic-auth-off": (
        "outlook-com-basic-auth",
        day("2024-09-16"),
        "error",
        {"outlook_com", "msn", "windows_live_mail"},
    ),
    "a5-gmail-password-sign-in-off": ("gmail-password-sign-in", day("2022-05-30"), "warning", {"gmail"}),
    "a6-yahoo-app-password": ("yahoo-app-password", None, "warning", {"yahoo_mail"}),
}
# A8: before its release SE did not exist; from 2025-07-01 a warning (the reading), and the
# page-layer rule exchange-se-not-on-page gives way to it. Apart from PHASES: the page alone supports
# no configuration in their scope (tests/test_exchange_se.py asks about them).
SE_PHASES = {
    "a8-exchange-se-not-released": ("exchange-server-se", None, "error", {"exchange_se"}),
    "a8-exchange-se-read-as-2019-cu15": ("exchange-server-se", day("2025-07-01"), "warning", {"exchange_se"}),
}
ROUTER_RETIRED = day("2021-04-12")  # A7: the Email Router's remedy, retired from that day
ISSUE_DAY = "2026-11-29"

DATED = {name: first for name, (_, first, _, _) in PHASES.items() if first is not None}
BOUNDARIES = sorted({*DATED.values(), ROUTER_RETIRED})  # the days on which something changes
FIXED_DAYS = [day(d) for d in ("2000-01-01", "2000-02-29", "2012-12-21", "2019-06-30", "2050-01-01", "2100-12-31")]
SAMPLE_DAYS = sorted({*FIXED_DAYS, *(b + k * ONE_DAY for b in BOUNDARIES for k in (-1, 0, 1))})


def check_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, "check", "--json", *argv)
    assert err == "", err
    return code, json.loads(out)


def words(config: dict[str, object]) -> list[str]:
    return [f"{name}={kb.format_value(value)}" for name, value in config.items()]


@functools.cache
def oracle_on(on: datetime.date) -> Oracle:
    """The oracle of a question about `on` (it reads data/ again: read once per day)."""
    return Oracle(DATA, as_of=on)


@pytest.fixture(scope="module")
def advisory_rules(page_kb: kb.KnowledgeBase) -> dict[str, kb.Rule]:
    return {r.id: r for r in page_kb.rules if r.kind is Kind.ADVISORY}


# --- 1. every phase begins on its day, not the day before -------------------------------------------


def test_the_data_dates_every_phase_as_the_advisories_say(page_kb, advisory_rules):
    found = {}
    for rule in advisory_rules.values():
        systems = [c.values for c in rule.when if c.variable == "email_system"]
        others = {c.variable: c.values for c in rule.when if c.variable != "email_system"}
        assert others == {"deployment": ("onprem",)}, rule.id  # the scope is the email system alone
        scope = set(systems[0]) if systems else None
        found[rule.id] = (rule.advisory, rule.valid_from, rule.severity.value, scope)
    assert found == {**PHASES, **SE_PHASES}
    # Each phase lasts until the day before the next phase of its advisory over the same systems.
    for rule in advisory_rules.values():
        chain = [r for r in advisory_rules.values() if r.advisory == rule.advisory and r.when == rule.when]
        later = [
            r.valid_from for r in chain if r.valid_from and (rule.valid_from is None or r.valid_from > rule.valid_from)
        ]
        assert rule.valid_until == (min(later) - ONE_DAY if later else None), rule.id
    # Each advisory is declared from the first day of its first phase (A7 from the Email Router's retirement).
    declared = {a.id: a.valid_from for a in page_kb.advisories}
    firsts = {}
    for advisory, first, _, _ in PHASES.values():
        firsts[advisory] = min(firsts.get(advisory, first), first) if first else None
    assert declared == {**firsts, "email-router-retired": ROUTER_RETIRED, "exchange-server-se": None}


def test_the_email_router_remedy_is_retired_from_its_day_on_every_rule_that_offers_it(page_kb):
    # Which rules offer the Email Router, read from the YAML itself rather than from the loader.
    document = yaml.safe_load((DATA / "rules" / "sss-onprem.yaml").read_text(encoding="utf-8"))
    offering = {r["id"] for r in document["rules"] if r.get("remedy") == "email-router"}
    assert len(offering) >= 4
    retired = {r.id: (r.remedy_retired.date, r.remedy_retired.advisory) for r in page_kb.rules if r.remedy_retired}
    assert retired == dict.fromkeys(offering, (ROUTER_RETIRED, "email-router-retired"))


@pytest.fixture(scope="module")
def in_scope(model: SupportModel, oracle: Oracle) -> dict[str, dict[str, object]]:
    """For each advisory rule, the first complete configuration (in sorted order) in its scope that
    the page alone supports with no warning at all, as the page model lists it and the oracle confirms."""
    found = {}
    for rule_id, (_, _, _, scope) in PHASES.items():
        for system in sorted(scope) if scope else [None]:
            filters = {"email_system": system} if system else {}
            config = next((c for c, v in model.supported_configurations(filters) if v.value == SUPPORTED), None)
            if config is not None:
                assert oracle.verdict(config) == SUPPORTED and oracle.broken(config) == []
                found[rule_id] = config
                break
        assert rule_id in found, f"the page supports no configuration in the scope of {rule_id}"
    return found


@pytest.mark.parametrize("rule_id", sorted(DATED, key=lambda r: (DATED[r], r)))
def test_a_phase_is_not_in_force_the_day_before_it_begins_and_is_on_its_first_day(
    capsys, rule_id, advisory_rules, in_scope
):
    advisory, first, severity, _ = PHASES[rule_id]
    rule = advisory_rules[rule_id]
    assert rule.valid_from == first  # the date of the data is the date of ADVISORIES.md
    previous = [
        r.id for r in advisory_rules.values() if r.when == rule.when and r.valid_until == first - ONE_DAY
    ]  # the phase it ends, if any (A1, A2 and A3 chain their phases)
    config = in_scope[rule_id]
    for on, in_force in ((first - ONE_DAY, False), (first, True)):
        assert rule.holds_on(on) is in_force
        code, doc = check_json(capsys, "--as-of", on.isoformat(), *words(config))
        assert (doc["as_of"], doc["page_only"], doc["complete"]) == (on.isoformat(), False, True)
        broken = {v["rule"]: v for v in doc["violations"]}
        assert doc["verdict"] == oracle_on(on).verdict(config), on
        assert (code == 1) is (doc["verdict"] == UNSUPPORTED)
        assert (rule_id in broken) is in_force, on
        for phase in previous:  # the phase before is in force until the day before, and only then
            assert (phase in broken) is not in_force, (phase, on)
        if not in_force:
            continue
        violation = broken[rule_id]
        assert violation["kind"] == "advisory" and violation["of_the_page"] is False
        assert (violation["advisory"], violation["from"], violation["severity"]) == (
            advisory,
            first.isoformat(),
            severity,
        )
        until = rule.valid_until.isoformat() if rule.valid_until else None
        assert (violation["until"], violation["remedy_retired_from"]) == (until, None)
        assert violation["links"] and all(link.startswith("https://") for link in violation["links"])
        # What the severity says (no warning phase begins on a day when another advisory already
        # rules its configuration out).
        assert doc["verdict"] == (UNSUPPORTED if severity == "error" else WITH_WARNINGS)


@pytest.mark.parametrize("on", SAMPLE_DAYS, ids=str)
def test_the_yahoo_advisory_holds_on_every_date(capsys, on, in_scope):
    config = in_scope["a6-yahoo-app-password"]
    code, doc = check_json(capsys, "--as-of", on.isoformat(), *words(config))
    [violation] = [v for v in doc["violations"] if v["rule"] == "a6-yahoo-app-password"]
    assert (violation["kind"], violation["from"], violation["until"]) == ("advisory", None, None)
    expected = UNSUPPORTED if on >= DATED["a3-ce-onprem-extended-over"] else WITH_WARNINGS
    assert (code, doc["verdict"]) == (int(expected == UNSUPPORTED), expected)


# --- 2. the page alone is the same on every date ----------------------------------------------------

# Questions whose answers advisories would change: every email system open (possible values,
# exclusions), and a fix whose remedy the Email Router's retirement would change.
PAGE_QUESTIONS = (("check", "email_sync=true"), ("fix", "email_system=exchange_2007", "act_sync=true"))


def clock_at(monkeypatch, on: datetime.date) -> None:
    """Today's date is `on` for the command line (which asks datetime.date.today())."""

    class Frozen(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return cls(on.year, on.month, on.day)

    monkeypatch.setattr(datetime, "date", Frozen)


@pytest.fixture(scope="module")
def page_answers() -> dict[tuple[str, ...], str]:
    """The page-only answers, asked on the real day."""
    answers = {}
    for question in PAGE_QUESTIONS:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main([*question, "--json", "--page-only"])
        document = json.loads(out.getvalue())
        assert (document["as_of"], document["page_only"]) == (None, True)
        answers[question] = out.getvalue()
    return answers


@pytest.mark.parametrize("on", SAMPLE_DAYS, ids=str)
def test_the_page_alone_answers_the_same_whatever_today_is(capsys, monkeypatch, on, page_answers):
    clock_at(monkeypatch, on)
    # The clock reaches the command line: a question without a date is about that day.
    assert question_day(build_parser().parse_args(["count"])) == on
    for question, expected in page_answers.items():
        _, out, err = run(capsys, *question, "--json", "--page-only")
        assert err == "" and out == expected, question


@pytest.mark.parametrize("on", SAMPLE_DAYS, ids=str)
def test_the_dated_model_without_its_advisories_is_the_page_model(on, page_kb, model):
    dated = page_kb.as_of(on)
    assert dated.day == on and not dated.page_only
    stripped = dataclasses.replace(dated, rules=tuple(r for r in dated.rules if r.kind is not Kind.ADVISORY))
    page = page_kb.as_of(None)
    # but for the page-layer rules an advisory supersedes on that day (A8: exchange-se-not-on-page)
    superseded = {r.id for r in page.rules if r.superseded is not None and on >= r.superseded.date}
    page = dataclasses.replace(page, rules=tuple(r for r in page.rules if r.id not in superseded))
    assert [r.id for r in stripped.rules] == [r.id for r in page.rules]
    for rule, page_rule in zip(stripped.rules, page.rules, strict=True):
        retired = page_rule.remedy_retired
        if retired is not None and on >= retired.date:  # the only difference: the retired remedy's text
            page_rule = dataclasses.replace(page_rule, remedy=retired.text, remedy_sources=retired.sources)
        assert rule == page_rule
    page_model = SupportModel(page) if superseded else model
    assert list(SupportModel(stripped).supported_configurations({})) == list(page_model.supported_configurations({}))


def sample_of_the_space(oracle: Oracle, seed: int, size: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [{name: rng.choice(values) for name, values in oracle.domains.items()} for _ in range(size)]


@pytest.mark.parametrize(
    "on", sorted({*FIXED_DAYS[:1], *FIXED_DAYS[-1:], *BOUNDARIES, *(b - ONE_DAY for b in BOUNDARIES)}), ids=str
)
def test_the_dated_model_agrees_with_the_oracle(on, page_kb, oracle, acceptable):
    """The whole space, cheaply: the oracle of the day holds every rule of the page's oracle but those
    an advisory supersedes (A8), so what the page rules out is unsupported on every day but on
    Exchange SE, and the day's acceptable configurations are among the page's and SE's (the
    `acceptable` fixture and the SE part of the space, walked whole by the oracle)."""
    dated = oracle_on(on)
    superseded = {r.id for r in page_kb.rules if r.superseded is not None and on >= r.superseded.date}
    assert {r.id for r in oracle.rules} - superseded <= {r.id for r in dated.rules}
    model = SupportModel(page_kb.as_of(on))
    names = oracle.names
    page_acceptable = [dict(zip(names, key, strict=True)) for key in sorted(acceptable)]
    if superseded:
        se = ({n: c[n] for n in names} for c in oracle.completions({"email_system": "exchange_se"}))
        page_acceptable += [c for c in se if dated.verdict(c) != UNSUPPORTED]
        page_acceptable.sort(key=model.sort_key)
    verdicts = {tuple(c.values()): dated.verdict(c) for c in page_acceptable}
    expected = {key: verdict for key, verdict in verdicts.items() if verdict != UNSUPPORTED}
    found = {tuple(c.values()): v.value for c, v in model.supported_configurations({})}
    assert found == expected
    for config in page_acceptable + sample_of_the_space(oracle, on.toordinal(), 300):
        assert model.check(config).verdict.value == dated.verdict(config), config
    if on >= DATED["a3-ce-onprem-extended-over"]:
        assert found == {}  # out of support whatever the email set-up


def test_the_dated_model_agrees_with_the_oracle_on_every_configuration_of_a_day(page_kb, oracle, acceptable):
    on = DATED["a2-exchange-2019-mainstream-over"]  # errors, warnings and supported set-ups all on that day
    dated = oracle_on(on)
    assert on < SE_PHASES["a8-exchange-se-read-as-2019-cu15"][1]  # before A8 supersedes any page rule
    assert {r.id for r in oracle.rules} <= {r.id for r in dated.rules}  # page-unsupported: unsupported
    model = SupportModel(page_kb.as_of(on))
    seen = set()
    for config in oracle.space():
        key = tuple(config.values())
        expected = dated.verdict(config) if key in acceptable else UNSUPPORTED
        assert model.check(config).verdict.value == expected, config
        seen.add(expected)
    assert seen == {SUPPORTED, WITH_WARNINGS, UNSUPPORTED}


# --- 3. the issue's example, the default day, the Email Router ---------------------------------------

EXCHANGE_2019 = ("email_system=exchange_2019", "email_sync=true")


def test_exchange_2019_is_out_of_support_on_the_day_of_the_issue_and_supported_by_the_page(capsys, page_kb):
    code, doc = check_json(capsys, *EXCHANGE_2019, "--as-of", ISSUE_DAY)
    assert (code, doc["verdict"], doc["as_of"], doc["page_only"]) == (1, UNSUPPORTED, ISSUE_DAY, False)
    [violation] = [v for v in doc["violations"] if v["kind"] == "advisory"]
    assert violation["rule"] == "a2-exchange-2019-extended-over"
    assert (violation["from"], violation["severity"]) == ("2025-10-15", "error")
    rule = page_kb.rule("a2-exchange-2019-extended-over")
    assert violation["links"] == list(page_kb.links(rule.sources))
    assert violation["links"][0].startswith("https://learn.microsoft.com/")
    assert doc["conflict"] == [{"variable": "email_system", "value": "exchange_2019"}]

    code, doc = check_json(capsys, *EXCHANGE_2019, "--page-only")
    assert (code, doc["verdict"], doc["as_of"], doc["page_only"]) == (0, SUPPORTED, None, True)
    assert doc["violations"] == []


def test_without_a_date_the_command_line_answers_about_today(capsys):
    for _ in range(3):  # asked again if midnight passed between the two questions
        today = datetime.date.today()
        default = run(capsys, "check", "--json", *EXCHANGE_2019)
        dated = run(capsys, "check", "--json", *EXCHANGE_2019, "--as-of", today.isoformat())
        text = run(capsys, "check", *EXCHANGE_2019)
        if datetime.date.today() == today:
            break
    assert default == dated
    assert json.loads(default[1])["as_of"] == today.isoformat()
    assert text[1].splitlines()[0] == f"As of {today.isoformat()}: the page, with the advisories in force on that day."


def router_rules(page_kb) -> dict[str, dict[str, object]]:
    """Each rule that offers the Email Router, with a partial configuration that breaks it."""
    return {
        r.id: {c.variable: c.values[-1] for c in r.when if c.variable != "deployment"}
        for r in page_kb.rules
        if r.remedy_retired is not None
    }


@pytest.mark.parametrize(
    "on, retired", [(ROUTER_RETIRED - ONE_DAY, False), (ROUTER_RETIRED, True), (day(ISSUE_DAY), True)], ids=str
)
def test_the_email_router_is_offered_only_before_its_retirement(capsys, page_kb, on, retired):
    rules = router_rules(page_kb)
    assert set(rules) >= {"mass-email-campaigns", "custom-email-provider", "untested-pop3-server"}
    assert rules["exchange-2003-2007"] == {"email_system": "exchange_2007"}  # the issue's example
    some = page_kb.rule("exchange-2003-2007")
    page_text, retired_text = some.remedy.en, some.remedy_retired.text.en
    assert "Email Router" in page_text and "Email Router" in retired_text and page_text != retired_text
    offered, refused = (retired_text, page_text) if retired else (page_text, retired_text)
    since = ROUTER_RETIRED.isoformat() if retired else None
    for rule_id, config in rules.items():
        code, doc = check_json(capsys, "--as-of", on.isoformat(), *words(config))
        [violation] = [v for v in doc["violations"] if v["rule"] == rule_id]
        assert (violation["remedy"], violation["remedy_retired_from"]) == (offered, since), rule_id
        code, out, err = run(capsys, "fix", "--json", "--as-of", on.isoformat(), *words(config))
        fixes = json.loads(out)["fixes"]
        assert code == 0 and err == "" and fixes, rule_id
        remedies = [r for f in fixes for r in f["remedies"] if r["rule"] == rule_id]
        assert remedies and {(r["text"], r["remedy_retired_from"]) for r in remedies} == {(offered, since)}, rule_id
        assert refused not in out
        _, text, _ = run(capsys, "fix", "--as-of", on.isoformat(), *words(config))
        assert offered in text and refused not in text, rule_id


# --- 4. bad dates -------------------------------------------------------------------------------------

BAD_DAYS = {  # text -> what is wrong with it
    "2026-13-01": "not_a_day",
    "2026-02-29": "not_a_day",
    "29/11/2026": "shape",
    "20261129": "shape",
    "": "shape",
    "tomorrow": "shape",
    "2026-11-29T00:00": "shape",
}
SAID = {
    ("en", "shape"): "expected a day written YYYY-MM-DD, for example --as-of 2026-11-29",
    ("vi", "shape"): "cần một ngày viết theo dạng YYYY-MM-DD, ví dụ --as-of 2026-11-29",
    ("en", "not_a_day"): "the calendar has no such day; expected a day written YYYY-MM-DD",
    ("vi", "not_a_day"): "lịch không có ngày này; cần một ngày viết theo dạng YYYY-MM-DD",
}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("text", sorted(BAD_DAYS))
def test_a_bad_date_is_exit_2_with_one_paragraph_that_names_it_and_the_shape(capsys, text, lang):
    code, out, err = run(capsys, "check", "email_system=gmail", "--as-of", text, "--lang", lang)
    assert (code, out) == (2, "") and one_paragraph(err), err
    assert err == f"syncmatrix: --as-of '{text}': {SAID[lang, BAD_DAYS[text]]}\n"


@pytest.mark.parametrize("command", JUDGING)
def test_every_judging_command_refuses_a_bad_date_and_a_date_with_page_only(capsys, command):
    # audit needs its file before anything: the example export of the repository.
    example = Path(__file__).resolve().parent.parent / "data" / "examples" / "mailboxes.json"
    command = [command, *([str(example)] if command == "audit" else [])]
    code, out, err = run(capsys, *command, "--as-of", "2026-02-29")
    assert (code, out) == (2, "") and one_paragraph(err)
    assert err == f"syncmatrix: --as-of '2026-02-29': {SAID['en', 'not_a_day']}\n"
    for lang, said in (("en", "not allowed with argument"), ("vi", "không được dùng cùng với")):
        code, out, err = run(capsys, *command, "--as-of", ISSUE_DAY, "--page-only", "--lang", lang)
        assert (code, out) == (2, "") and one_paragraph(err)
        assert said in err and "--as-of" in err and "--page-only" in err


# --- 5. lint --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", [["--page-only"], ["--as-of", ISSUE_DAY], ["--as-of", "2029-01-10"]], ids=" ".join)
def test_lint_finds_no_problem_in_the_shipped_data(capsys, question):
    # What only advisories rule out (a value, or every configuration from 2029-01-10) is information.
    code, out, err = run(capsys, "lint", "--json", *question)
    document = json.loads(out)
    assert (code, err, document["problems"]) == (0, "", [])
    day_of_question = (question[1], False) if question[0] == "--as-of" else (None, True)
    assert (document["as_of"], document["page_only"]) == day_of_question
    code, out, err = run(capsys, "lint", *question)
    assert (code, err) == (0, "")
    assert "No problems." in out.splitlines()
