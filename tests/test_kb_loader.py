"""The loader: every problem of a knowledge base reported with its file, line and what is allowed.

Each test breaks one thing in a copy of tests/kbs/loader-page, a reduced page of our own, and
expects the exact problems; lines are found in the broken files. The vocabularies listed in the
messages are those of loader-page; the keys, severities and kinds are the loader's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from kbtools import copy_kb, edit, line_of, problems

from syncmatrix import kb, words

RULES = "rules/page.yaml"
VARIABLES = "variables.yaml"


def said(key: str, **values: object) -> str:
    """The English of a problem, from the catalogue (syncmatrix/words.py)."""
    return words.t(key, "en", **values)


def mean(word: str) -> str:
    return words.t("did_you_mean", "en", word=word)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    return copy_kb("loader-page", tmp_path)


def test_the_shipped_page_loads_and_every_rule_cites_a_statement(page_kb):
    # A smoke test of data/: what it should hold is read from its YAML, never counted here.
    root = Path(page_kb.root)
    variables = yaml.safe_load((root / VARIABLES).read_text(encoding="utf-8"))["variables"]
    assert page_kb.variable_names == tuple(v["name"] for v in variables)
    rule_ids = [
        rule["id"]
        for path in sorted((root / "rules").glob("*.yaml"))
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    ]
    assert [r.id for r in page_kb.rules] == rule_ids
    statements = {s.ref for d in page_kb.documents for s in d.statements}
    assert all(rule.sources and set(rule.sources) <= statements for rule in page_kb.rules)


def test_the_reduced_page_loads(page):
    knowledge = kb.load(page)
    assert knowledge.variable_names == ("deployment", "email_system", "act_sync", "mass_email_campaigns", "fips")
    assert [r.id for r in knowledge.rules] == [
        "act-sync-needs-exchange",
        "exchange-2007",
        "fips-confirm-server",
        "mass-email-campaigns",
        "untested-pop3-server",
    ]


def test_unknown_value_with_did_you_mean(page):
    line = edit(page, RULES, "email_system: [gmail, other_pop3_imap]", "email_system: [gmail, exchange2016]")
    choices = (
        "exchange_online, exchange_2007, exchange_2016, gmail, msn, other_pop3_imap, exchange_server, "
        "exchange_of_the_table, pop3_imap_mail"
    )
    what = "rule 'fips-confirm-server'"
    values = {"text": "exchange2016", "variable": "email_system", "what": what, "choices": choices, "quote": ""}
    assert problems(page) == [f"{RULES}:{line}: " + said("kb_pb_unknown_value", **values, hint=mean("exchange_2016"))]


def test_every_problem_is_collected_and_sorted(page):
    # Broken in the order opposite to the report: the report is sorted by file, then line.
    dead = edit(page, VARIABLES, "expected_dead: [exchange_2007,", "expected_dead: [exchange_2008,")
    rule_line = edit(page, RULES, "mass-email-campaigns\n    severity:", "mass-email-campaigns\n    severty:")
    severty = rule_line + 1
    synk = edit(page, RULES, "      act_sync: true\n", "      act_synk: true\n")
    variables = "deployment, email_system, act_sync, mass_email_campaigns, fips"
    keys = "id, title, severity, kind, source, reading, when, message, remedy, advisory, from, superseded"
    systems = "exchange_online, exchange_2007, exchange_2016, gmail, msn, other_pop3_imap"
    campaigns, act = "rule 'mass-email-campaigns'", "rule 'act-sync-needs-exchange'"
    assert problems(page) == [
        f"{RULES}:{synk}: "
        + said("kb_pb_unknown_variable", name="act_synk", what=act, choices=variables, hint=mean("act_sync")),
        f"{RULES}:{rule_line}: " + said("kb_pb_lacks_key", what=campaigns, word="severity"),
        f"{RULES}:{severty}: "
        + said("kb_pb_unknown_key", word="severty", what=campaigns, keys=keys, hint=mean("severity")),
        f"{VARIABLES}:{dead}: "
        + said(
            "kb_pb_dead_not_value",
            what="variable 'email_system'",
            word="exchange_2008",
            choices=systems,
            hint=mean("exchange_2007"),
        ),
    ]


def test_duplicate_rule_id(page):
    first = line_of(page, RULES, "  - id: mass-email-campaigns")
    second = edit(page, RULES, "  - id: untested-pop3-server", "  - id: mass-email-campaigns")
    duplicate = said("kb_pb_duplicate_rule", name="mass-email-campaigns", file=RULES, line=first)
    assert problems(page) == [f"{RULES}:{second}: {duplicate}"]


def test_missing_translation(page):
    message = line_of(page, RULES, "Mass email campaigns are not sent this way.") - 1  # the 'message:' line
    edit(page, RULES, '      vi: "Chiến dịch email hàng loạt không được gửi theo cách này."\n', "")
    lacks = said("kb_pb_lacks_translation", what="'message' of rule 'mass-email-campaigns'", lang="vi")
    assert problems(page) == [f"{RULES}:{message}: {lacks}"]


def test_wrong_type(page):
    line = edit(page, RULES, "    severity: warning\n", "    severity: [warning]\n")
    empty = said("kb_pb_empty_text", word="severity", what="rule 'fips-confirm-server'")
    assert problems(page) == [f"{RULES}:{line}: {empty}"]


def test_unknown_severity_and_kind(page):
    line = edit(page, RULES, "    severity: warning\n    kind: reading", "    severity: warn\n    kind: readin")
    what = "rule 'fips-confirm-server'"
    kinds = "table, footnote, unsupported, important, note, untested, reading, axiom, scope, advisory"
    assert problems(page) == [
        f"{RULES}:{line}: "
        + said(
            "kb_pb_unknown_enum",
            word="severity",
            text="warn",
            what=what,
            choices="error, warning",
            hint=mean("warning"),
        ),
        f"{RULES}:{line + 1}: "
        + said("kb_pb_unknown_enum", word="kind", text="readin", what=what, choices=kinds, hint=mean("reading")),
    ]


def test_a_rule_that_could_never_hold(page):
    line = edit(page, RULES, "      mass_email_campaigns: true\n", "      mass_email_campaigns: []\n")
    empty = said("kb_pb_when_empty", name="mass_email_campaigns", what="rule 'mass-email-campaigns'")
    assert problems(page) == [f"{RULES}:{line}: {empty}"]


def test_a_rule_whose_condition_contradicts_its_file(page):
    edit(
        page,
        VARIABLES,
        '        label: {en: "On-premises", vi: "Tại chỗ"}\n',
        '        label: {en: "On-premises", vi: "Tại chỗ"}\n'
        '      - name: online\n        label: {en: "Online", vi: "Trực tuyến"}\n',
    )
    when = edit(
        page,
        RULES,
        "    when:\n      mass_email_campaigns: true\n",
        "    when:\n      mass_email_campaigns: true\n      deployment: online\n",
    )
    never = said("kb_pb_never_holds", what="rule 'mass-email-campaigns'", variable="deployment")
    assert problems(page) == [f"{RULES}:{when}: {never}"]


def test_unknown_statement_reference(page):
    line = edit(page, RULES, "source: [page/unsupported-2]", "source: [page/unsuported-2]")
    unknown = said(
        "kb_pb_source_unknown",
        what="rule 'mass-email-campaigns'",
        ref="page/unsuported-2",
        hint=mean("page/unsupported-2"),
    )
    assert problems(page) == [f"{RULES}:{line}: {unknown}"]


def test_yaml_syntax_error(page):
    edit(page, RULES, "  - id: mass-email-campaigns\n", "  - id: [mass-email-campaigns\n")
    [problem] = problems(page)
    assert problem.startswith(f"{RULES}:") and "YAML syntax error" in problem


def test_python_tags_are_reported_and_never_run(page, tmp_path):
    marker = tmp_path / "ran"
    line = edit(
        page, RULES, "    remedy: email-router\n", f'    remedy: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    tag = "tag:yaml.org,2002:python/object/apply:os.system"
    assert problems(page) == [f"{RULES}:{line}: " + words.t("yaml_pb_collection_tag", tag=tag)]
    assert not marker.exists()


@pytest.mark.parametrize(
    "content,problem",
    [
        ("", f"{RULES}: " + words.t("yaml_pb_empty")),
        ("# only a comment\n", f"{RULES}: " + words.t("yaml_pb_no_document")),
        ("\x00\x01binary", f"{RULES}: " + words.t("yaml_pb_binary")),
        (
            "- just\n- a list\n",
            f"{RULES}:1: a rule file must be a mapping with keys document, applies_when, advisories, remedies, rules",
        ),
    ],
)
def test_unusable_rule_files(page, content, problem):
    (page / RULES).write_text(content, encoding="utf-8")
    assert problems(page) == [problem]


@pytest.mark.parametrize(
    "name,problem",
    [
        ("sources.yaml", "sources.yaml: missing file"),
        (VARIABLES, "variables.yaml: missing file"),
        (RULES, "rules: " + said("kb_pb_no_rule_files")),
    ],
)
def test_missing_files(page, name, problem):
    (page / name).unlink()
    # Only the cause: the rules that cite the statements or variables of a missing file are not
    # reported again.
    assert problems(page) == [problem]


def test_a_rule_may_carry_a_short_title_in_both_languages(page):
    edit(
        page,
        RULES,
        "  - id: act-sync-needs-exchange\n",
        '  - id: act-sync-needs-exchange\n    title: {en: "Needs Exchange", vi: "Cần Exchange"}\n',
    )
    rule = kb.load(page).rule("act-sync-needs-exchange")
    assert (rule.title.en, rule.title.vi) == ("Needs Exchange", "Cần Exchange")
    assert kb.load(page).rule("mass-email-campaigns").title is None


def test_a_title_without_its_vietnamese_is_a_problem_with_its_line(page):
    line = edit(
        page,
        RULES,
        "  - id: act-sync-needs-exchange\n",
        '  - id: act-sync-needs-exchange\n    title: {en: "Needs Exchange"}\n',
    )
    found = problems(page)
    assert len(found) == 1 and found[0].startswith(f"{RULES}:{line + 1}:") and "vi" in found[0]


SECTIONS = """sections:
  - name: mailbox
    label: {en: "The mailbox", vi: "Hộp thư"}
    variables: [deployment, email_system]
  - name: rest
    label: {en: "The rest", vi: "Phần còn lại"}
    variables: [fips, act_sync, mass_email_campaigns]

variables:
"""


def test_sections_order_the_form_and_an_effort_ranks_a_variable(page):
    edit(page, VARIABLES, "variables:\n", SECTIONS)
    edit(
        page,
        VARIABLES,
        "  - name: email_system\n    type: enum\n",
        "  - name: email_system\n    type: enum\n    effort: 3\n",
    )
    knowledge = kb.load(page)
    assert [(s.name, s.variables) for s in knowledge.form()] == [
        ("mailbox", ("deployment", "email_system")),
        ("rest", ("fips", "act_sync", "mass_email_campaigns")),
    ]
    assert knowledge.form()[1].label.vi == "Phần còn lại"
    assert (knowledge.variable("email_system").effort, knowledge.variable("fips").effort) == (3, 1)


def test_without_sections_the_form_is_one_part_in_vocabulary_order(page):
    knowledge = kb.load(page)
    assert knowledge.sections == ()
    [only] = knowledge.form()
    assert only.name == "" and only.variables == knowledge.variable_names


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "[fips, act_sync, mass_email_campaigns]",
            "[fips, act_sync, mass_emails]",
            "(did you mean 'mass_email_campaigns'?)",
        ),
        (
            "[fips, act_sync, mass_email_campaigns]",
            "[fips, email_system, mass_email_campaigns]",
            "already in section 'mailbox'",
        ),
        ("[fips, act_sync, mass_email_campaigns]", "[fips, mass_email_campaigns]", "the sections leave out act_sync"),
        ("  - name: rest\n", "  - name: mailbox\n", "section name 'mailbox' is defined twice"),
    ],
)
def test_a_broken_section_is_a_problem_with_its_line(page, old, new, said):
    edit(page, VARIABLES, "variables:\n", SECTIONS)
    line = edit(page, VARIABLES, old, new)
    found = problems(page)
    assert any(said in p for p in found), found
    assert all(p.startswith(f"{VARIABLES}:") for p in found)
    if "leave out" not in said:
        assert any(p.startswith(f"{VARIABLES}:{line}:") for p in found), found


@pytest.mark.parametrize("value", ["0", "10", "true", "'two'"])
def test_an_effort_that_is_not_a_small_whole_number_is_a_problem(page, value):
    line = edit(
        page,
        VARIABLES,
        "  - name: email_system\n    type: enum\n",
        f"  - name: email_system\n    type: enum\n    effort: {value}\n",
    )
    effort = said("kb_pb_effort", what="variable 'email_system'", text=value.strip("'"), limit=9)
    assert problems(page) == [f"{VARIABLES}:{line + 2}: {effort}"]
