"""Dated advisories in the knowledge base (issue 12): phases that hold from a day until the next one,
remedies retired on a day, and the knowledge base of a question about a day (KnowledgeBase.as_of)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from kbtools import KBS, copy_kb, edit, line_of, problems

from syncmatrix import kb, words
from syncmatrix.kb.model import Kind, RetiredRemedy

TINY = KBS / "advisories-tiny"
ADVISORIES = "rules/advisories.yaml"
PAGE = "rules/page.yaml"
PAGE_RULES = (
    "act-sync-needs-exchange",
    "exchange-2007",
    "fips-confirm-server",
    "mass-email-campaigns",
    "untested-pop3-server",
)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def before(text: str) -> datetime.date:
    return day(text) - datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def tiny() -> kb.KnowledgeBase:
    return kb.load(TINY)


def in_force(knowledge: kb.KnowledgeBase, on: datetime.date | None) -> set[str]:
    """The advisory phases of a question about `on`."""
    return {r.id for r in knowledge.as_of(on).rules if r.kind is Kind.ADVISORY}


# --- phases ----------------------------------------------------------------------------------------


def test_each_phase_ends_the_day_before_the_next_phase_over_the_same_configurations(tiny):
    phases = {r.id: (r.advisory, r.valid_from, r.valid_until) for r in tiny.rules if r.kind is Kind.ADVISORY}
    assert phases == {
        "ews-announced": ("ews-retired", day("2023-09-01"), day("2026-09-30")),
        "ews-allow-list": ("ews-retired", day("2026-10-01"), day("2027-03-31")),
        "ews-turned-off": ("ews-retired", day("2027-04-01"), None),
        # One advisory, two chains: the phases of 2016 and 2007 do not end each other.
        "exchange-2016-mainstream-over": ("exchange-lifecycle", day("2020-10-14"), day("2025-10-14")),
        "exchange-2016-out-of-support": ("exchange-lifecycle", day("2025-10-15"), None),
        "exchange-2007-mainstream-over": ("exchange-lifecycle", day("2012-04-11"), day("2017-04-11")),
        "exchange-2007-out-of-support": ("exchange-lifecycle", day("2017-04-12"), None),
        "gmail-app-password": ("gmail-password", None, None),
    }


def test_rules_of_the_page_carry_no_dates(tiny):
    for rule in tiny.rules:
        if rule.kind is not Kind.ADVISORY:
            assert (rule.advisory, rule.valid_from, rule.valid_until) == (None, None, None)


def test_an_advisory_is_not_of_the_page():
    assert not Kind.ADVISORY.of_the_page
    assert Kind.TABLE.of_the_page and Kind.READING.of_the_page


# Every boundary: (the first day of a phase, the phase of its chain the day before, the phase on it).
BOUNDARIES = [
    ("2023-09-01", None, "ews-announced"),
    ("2026-10-01", "ews-announced", "ews-allow-list"),
    ("2027-04-01", "ews-allow-list", "ews-turned-off"),
    ("2020-10-14", None, "exchange-2016-mainstream-over"),
    ("2025-10-15", "exchange-2016-mainstream-over", "exchange-2016-out-of-support"),
    ("2012-04-11", None, "exchange-2007-mainstream-over"),
    ("2017-04-12", "exchange-2007-mainstream-over", "exchange-2007-out-of-support"),
]


@pytest.mark.parametrize(("first", "earlier", "phase"), BOUNDARIES, ids=[b[2] for b in BOUNDARIES])
def test_every_phase_boundary_the_day_before_and_the_day_of(tiny, first, earlier, phase):
    chain = {r.id for r in tiny.rules if r.when == tiny.rule(phase).when and r.kind is Kind.ADVISORY}
    assert in_force(tiny, before(first)) & chain == ({earlier} if earlier else set())
    assert in_force(tiny, day(first)) & chain == {phase}


def test_one_phase_per_chain_holds_on_any_day(tiny):
    assert in_force(tiny, day("2000-01-01")) == {"gmail-app-password"}
    assert in_force(tiny, day("2026-11-29")) == {
        "ews-allow-list",
        "exchange-2016-out-of-support",
        "exchange-2007-out-of-support",
        "gmail-app-password",
    }
    assert in_force(tiny, day("9999-12-31")) == {
        "ews-turned-off",
        "exchange-2016-out-of-support",
        "exchange-2007-out-of-support",
        "gmail-app-password",
    }


@pytest.mark.parametrize("on", ["0001-01-01", "2020-10-13", "2026-11-29", "9999-12-31"])
def test_an_advisory_of_always_holds_on_every_day(tiny, on):
    assert "gmail-app-password" in in_force(tiny, day(on))


# --- the page alone --------------------------------------------------------------------------------


def test_as_of_none_is_the_page_alone(tmp_path):
    root = copy_kb("advisories-tiny", tmp_path)
    everything = kb.load(root)
    (root / ADVISORIES).unlink()
    text = (root / PAGE).read_text(encoding="utf-8")
    retired = text[text.index("    retired:\n") : text.index("\nrules:")]
    edit(root, PAGE, retired, "")  # the page without the advisories' dated remedy either
    page = kb.load(root)

    def bare(rule):  # what a rule says, not where (the page file lost lines)
        return dataclasses.replace(rule, remedy_retired=None, line=0)

    assert [bare(r) for r in everything.as_of(None).rules] == [bare(r) for r in page.rules]
    assert tuple(r.id for r in page.rules) == PAGE_RULES
    # The page's remedies, not their retired text.
    assert everything.as_of(None).rule("exchange-2007").remedy == page.rule("exchange-2007").remedy


@pytest.mark.parametrize("on", ["2000-01-01", "2021-04-11", "2021-04-12", "2026-11-29", "2099-01-01"])
def test_the_page_rules_hold_on_every_day(tiny, on):
    rules = tiny.as_of(day(on)).rules
    assert tuple(r.id for r in rules if r.kind is not Kind.ADVISORY) == PAGE_RULES
    assert tiny.as_of(None).rules == tuple(r for r in tiny.rules if r.kind is not Kind.ADVISORY)


def test_as_of_is_pure(tiny):
    rules = tiny.rules
    later = tiny.as_of(day("2030-01-01"))
    assert tiny.rules == rules and len(tiny.rules) == 13
    assert later is not tiny and later.rule("ews-turned-off").id == "ews-turned-off"
    with pytest.raises(KeyError):
        later.rule("ews-announced")
    with pytest.raises(dataclasses.FrozenInstanceError):
        later.rules = ()  # type: ignore[misc]


# --- a retired remedy ------------------------------------------------------------------------------


ROUTER = kb.Text("Use the Email Router instead.", "Hãy dùng Bộ định tuyến email.")
RETIRED = kb.Text(
    "The Email Router was retired on 2021-04-12; it is no way out any more.",
    "Bộ định tuyến email đã ngừng từ 2021-04-12; nó không còn là lối thoát.",
)


def test_a_retired_remedy_is_read_with_its_day_text_and_sources(tiny):
    assert tiny.rule("exchange-2007").remedy_retired == RetiredRemedy(
        day("2021-04-12"), RETIRED, ("advisories/router-retired",), "email-router-retired"
    )
    assert tiny.rule("act-sync-needs-exchange").remedy_retired is None


@pytest.mark.parametrize("rule_id", ["exchange-2007", "mass-email-campaigns", "untested-pop3-server"])
def test_a_retired_remedy_before_and_on_its_day(tiny, rule_id):
    earlier = tiny.as_of(day("2021-04-11")).rule(rule_id)
    assert (earlier.remedy, earlier.remedy_sources) == (ROUTER, ("page/email-router",))
    for on in ("2021-04-12", "2026-11-29"):
        later = tiny.as_of(day(on)).rule(rule_id)
        assert (later.remedy, later.remedy_sources) == (RETIRED, ("advisories/router-retired",))
        assert later.remedy_retired is not None and later.remedy_retired.date == day("2021-04-12")
    page = tiny.as_of(None).rule(rule_id)
    assert (page.remedy, page.remedy_sources) == (ROUTER, ("page/email-router",))


def test_a_remedy_of_its_own_is_never_retired(tiny):
    rule = tiny.as_of(day("2030-01-01")).rule("act-sync-needs-exchange")
    assert rule.remedy == kb.Text("Turn off appointments, contacts and tasks.", "Tắt cuộc hẹn, danh bạ và tác vụ.")


# --- problems --------------------------------------------------------------------------------------


def broken(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    root = copy_kb("advisories-tiny", tmp_path)
    return root, edit(root, name, old, new)


def test_a_day_that_is_not_in_the_calendar(tmp_path):
    root, line = broken(tmp_path, ADVISORIES, 'from: "2026-10-01"', 'from: "2026-02-29"')
    assert problems(root) == [
        f"{ADVISORIES}:{line}: 'from' of rule 'ews-allow-list' is '2026-02-29', which is not a day of the calendar"
    ]


@pytest.mark.parametrize("written", ['"2026-10-1"', '"01/10/2026"', '"2026-10-01T00:00"', "2026", "true", '"never"'])
def test_a_day_of_the_wrong_shape(tmp_path, written):
    root, line = broken(tmp_path, ADVISORIES, 'from: "2026-10-01"', f"from: {written}")
    shown = written.strip('"')
    assert problems(root) == [
        f"{ADVISORIES}:{line}: 'from' of rule 'ews-allow-list' must be a day written \"YYYY-MM-DD\" or 'always'; "
        f"got '{shown}'"
    ]


def test_an_unquoted_day_is_a_yaml_timestamp(tmp_path):
    root, line = broken(tmp_path, ADVISORIES, 'from: "2026-10-01"', "from: 2026-10-01")
    said = words.t("yaml_pb_scalar_tag", value="2026-10-01", tag="tag:yaml.org,2002:timestamp")
    assert problems(root) == [f"{ADVISORIES}:{line}: {said}"]


@pytest.mark.parametrize("key", ["from", "advisory"])
def test_only_an_advisory_is_dated(tmp_path, key):
    value = '"2020-01-01"' if key == "from" else "ews-retired"
    root, _ = broken(tmp_path, PAGE, "  - id: exchange-2007\n", f"  - id: exchange-2007\n    {key}: {value}\n")
    line = line_of(root, PAGE, f"{key}: {value}")
    assert problems(root) == [
        f"{PAGE}:{line}: rule 'exchange-2007' is of kind 'unsupported' and has '{key}': only a rule of kind "
        "'advisory' is dated"
    ]


@pytest.mark.parametrize("key", ["from", "advisory"])
def test_an_advisory_names_its_id_and_its_first_day(tmp_path, key):
    phase = "    advisory: gmail-password\n    from: always\n"
    root, _ = broken(tmp_path, ADVISORIES, phase, phase.replace(f"    {key}: ", f"    #{key}: "))
    line = line_of(root, ADVISORIES, "- id: gmail-app-password")
    lacks = (
        f"{ADVISORIES}:{line}: rule 'gmail-app-password' is of kind 'advisory' and lacks the key '{key}' (the "
        "advisory's id and the first day of this phase, \"YYYY-MM-DD\" or 'always')"
    )
    if key == "from":
        assert problems(root) == [lacks]
    else:  # and the advisory it was the one phase of has none left
        declared = line_of(root, ADVISORIES, "  gmail-password:")
        assert problems(root) == [
            f"{ADVISORIES}:{declared}: advisory 'gmail-password' is declared but no rule is a phase of it and "
            "no remedy is retired by it",
            lacks,
        ]


OVERLAPS = [
    # (the first day of `later` is made that of `earlier`, written as)
    ("ews-allow-list", "ews-turned-off", '"2026-10-01"', "2026-10-01"),
    ("ews-announced", "ews-allow-list", "always", "always"),
]


@pytest.mark.parametrize(("earlier", "later", "written", "shown"), OVERLAPS, ids=["a day", "always"])
def test_two_phases_that_begin_on_the_same_day_overlap(tmp_path, earlier, later, written, shown):
    root = copy_kb("advisories-tiny", tmp_path)
    for rule_id in (earlier, later):
        text = (root / ADVISORIES).read_text(encoding="utf-8")
        first_day = text.split(f"- id: {rule_id}\n", 1)[1].split("from: ", 1)[1].split("\n", 1)[0]
        edit(root, ADVISORIES, f"from: {first_day}", f"from: {written}")
    first, second = line_of(root, ADVISORIES, f"- id: {earlier}"), line_of(root, ADVISORIES, f"- id: {later}")
    assert problems(root) == [
        f"{ADVISORIES}:{second}: rule '{later}' is a phase of advisory 'ews-retired' over the same "
        f"configurations as rule '{earlier}' ({ADVISORIES}:{first}) and begins on the same day ({shown}); "
        "the phases of an advisory begin on different days"
    ]


def test_phases_over_other_configurations_may_begin_on_the_same_day(tmp_path):
    root, _ = broken(tmp_path, ADVISORIES, 'from: "2012-04-11"', 'from: "2020-10-14"')
    knowledge = kb.load(root)
    assert knowledge.rule("exchange-2007-mainstream-over").valid_from == day("2020-10-14")
    assert knowledge.rule("exchange-2016-mainstream-over").valid_until == day("2025-10-14")


def test_phases_are_ordered_by_their_day_not_by_the_file(tmp_path):
    root = copy_kb("advisories-tiny", tmp_path)
    text = (root / ADVISORIES).read_text(encoding="utf-8")
    head, _, rest = text.partition("  - id: ews-announced\n")
    announced, _, tail = rest.partition("  - id: ews-allow-list\n")
    (root / ADVISORIES).write_text(
        head + "  - id: ews-allow-list\n" + tail + "  - id: ews-announced\n" + announced, encoding="utf-8"
    )
    knowledge = kb.load(root)
    assert knowledge.rule("ews-announced").valid_until == day("2026-09-30")
    assert knowledge.rule("ews-allow-list").valid_until == day("2027-03-31")


def test_an_always_phase_ends_before_a_dated_one(tmp_path):
    root, _ = broken(tmp_path, ADVISORIES, 'from: "2023-09-01"', "from: always")
    knowledge = kb.load(root)
    assert knowledge.rule("ews-announced").valid_from is None
    assert knowledge.rule("ews-announced").valid_until == day("2026-09-30")
    assert "ews-announced" in in_force(knowledge, day("1990-01-01"))


def test_a_retired_remedy_needs_a_real_day(tmp_path):
    root, line = broken(tmp_path, PAGE, 'from: "2021-04-12"', 'from: "2021-13-12"')
    assert problems(root) == [
        f"{PAGE}:{line}: 'from' of 'retired' of remedy 'email-router' is '2021-13-12', which is not a day of "
        "the calendar"
    ]


def test_a_retired_remedy_is_never_always(tmp_path):
    root, line = broken(tmp_path, PAGE, 'from: "2021-04-12"', "from: always")
    assert problems(root) == [
        f"{PAGE}:{line}: 'from' of 'retired' of remedy 'email-router' must be a day written \"YYYY-MM-DD\"; "
        "got 'always'"
    ]


def test_a_retired_remedy_has_its_keys(tmp_path):
    root, line = broken(tmp_path, PAGE, '      from: "2021-04-12"\n', '      since: "2021-04-12"\n')
    # The mapping begins on the line of its first key: both problems are on that line.
    assert problems(root) == [
        f"{PAGE}:{line}: 'retired' of remedy 'email-router' lacks the key 'from'",
        f"{PAGE}:{line}: unknown key 'since' in 'retired' of remedy 'email-router'; expected from, "
        "advisory, source, en, vi",
    ]


def test_a_retired_remedy_cites_statements(tmp_path):
    root, line = broken(tmp_path, PAGE, "source: [advisories/router-retired]", "source: [advisories/router]")
    message = problems(root)
    assert len(message) == 1 and message[0].startswith(
        f"{PAGE}:{line}: 'source' of 'retired' of remedy 'email-router' names 'advisories/router', which is no "
        "statement of sources.yaml"
    )


# --- advisories declared -----------------------------------------------------------------------------


def test_advisories_are_declared_with_their_title_and_first_day(tiny):
    assert [a.id for a in tiny.advisories] == [
        "ews-retired",
        "exchange-lifecycle",
        "gmail-password",
        "email-router-retired",
    ]
    lifecycle = tiny.advisory("exchange-lifecycle")
    assert lifecycle.valid_from == day("2010-01-01") and lifecycle.title.vi == "Vòng đời Exchange Server"
    assert tiny.advisory("gmail-password").valid_from is None


def test_a_phase_names_an_advisory_that_is_declared(tmp_path):
    root, line = broken(tmp_path, ADVISORIES, "    advisory: ews-retired\n", "    advisory: ews-retried\n")
    assert problems(root) == [
        f"{ADVISORIES}:{line}: rule 'ews-announced' names advisory 'ews-retried', which no rule file declares "
        "under 'advisories'; expected one of ews-retired, exchange-lifecycle, gmail-password, "
        "email-router-retired (did you mean 'ews-retired'?)"
    ]


def test_a_retired_remedy_names_an_advisory_that_is_declared(tmp_path):
    root, line = broken(tmp_path, PAGE, "advisory: email-router-retired", "advisory: router-gone")
    assert problems(root) == [
        # the one it meant now retires nothing
        f"{ADVISORIES}:{line_of(root, ADVISORIES, '  email-router-retired:')}: advisory 'email-router-retired' "
        "is declared but no rule is a phase of it and no remedy is retired by it",
        f"{PAGE}:{line}: 'retired' of remedy 'email-router' names advisory 'router-gone', which no rule file "
        "declares under 'advisories'; expected one of ews-retired, exchange-lifecycle, gmail-password, "
        "email-router-retired",
    ]


@pytest.mark.parametrize(("written", "shown"), [('"2009-12-31"', "2009-12-31"), ("always", "always")])
def test_a_phase_begins_within_its_advisory(tmp_path, written, shown):
    root, line = broken(tmp_path, ADVISORIES, 'from: "2012-04-11"', f"from: {written}")
    declared = line_of(root, ADVISORIES, "  exchange-lifecycle:")
    assert problems(root) == [
        f"{ADVISORIES}:{line_of(root, ADVISORIES, '- id: exchange-2007-mainstream-over') + 1}: rule "
        f"'exchange-2007-mainstream-over' begins on {shown}, before advisory 'exchange-lifecycle' itself "
        f"({ADVISORIES}:{declared}, from 2010-01-01); a phase lies within its advisory"
    ]


def test_a_retired_remedy_begins_within_its_advisory(tmp_path):
    root, line = broken(tmp_path, PAGE, 'from: "2021-04-12"', 'from: "2021-04-11"')
    message = problems(root)
    assert (
        len(message) == 1 and "'retired' of remedy 'email-router' begins on 2021-04-11, before advisory " in message[0]
    )


def test_an_advisory_is_declared_once(tmp_path):
    root = copy_kb("advisories-tiny", tmp_path)
    text = (root / ADVISORIES).read_text(encoding="utf-8")
    block = text[text.index("  gmail-password:\n") : text.index("  email-router-retired:\n")]
    phase = text[text.index("  - id: gmail-app-password\n") :].replace("gmail-app-password", "gmail-again")
    (root / "rules" / "more.yaml").write_text(
        f"document: advisories\nadvisories:\n{block}rules:\n{phase.replace('email_system: gmail', 'fips: true')}",
        encoding="utf-8",
    )
    first = line_of(root, ADVISORIES, "  gmail-password:")
    assert problems(root) == [
        f"rules/more.yaml:3: advisory 'gmail-password' is declared twice (first at {ADVISORIES}:{first})"
    ]


def test_as_of_takes_the_knowledge_base_as_loaded(tiny):
    with pytest.raises(ValueError, match="as loaded"):
        tiny.as_of(day("2026-11-29")).as_of(None)
    assert tiny.as_of(day("2026-11-29")).dated and tiny.as_of(None).page_only and not tiny.dated
