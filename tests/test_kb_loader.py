"""The loader: every problem of a knowledge base reported with its file, line and what is allowed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kb

DATA = Path(__file__).resolve().parent.parent / "data"
RULES = "rules/sss-onprem.yaml"


def broken_kb(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the page's knowledge base with textual edits: {file: [(old, new), …]} (first match)."""
    root = tmp_path / "kb"
    shutil.copytree(DATA, root)
    for name, changes in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return root


def line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def problems(root: Path) -> list[str]:
    with pytest.raises(kb.KbError) as caught:
        kb.load(root)
    prefix = f"{root.as_posix()}/"
    return [str(p).replace(prefix, "") for p in caught.value.problems]


def test_the_page_loads(page_kb):
    assert len(page_kb.rules) == 28
    assert page_kb.variable_names[:5] == (
        "deployment",
        "email_system",
        "incoming_protocol",
        "outgoing_protocol",
        "server_profile",
    )


def test_unknown_value_with_did_you_mean(tmp_path):
    root = broken_kb(
        tmp_path,
        {
            RULES: [
                (
                    "email_system: exchange_of_the_table\n      incoming_protocol: [pop3, imap]",
                    "email_system: [exchange_online, exchange2016]\n      incoming_protocol: [pop3, imap]",
                )
            ]
        },
    )
    line = line_of(root, RULES, "exchange2016")
    assert problems(root) == [
        f"{RULES}:{line}: unknown value 'exchange2016' for email_system in rule 'exchange-reads-over-ews'; "
        "expected one of exchange_online, exchange_2003, exchange_2007, exchange_2010, exchange_2013, exchange_2016, "
        "exchange_2019, gmail, yahoo_mail, msn, outlook_com, windows_live_mail, other_pop3_imap, "
        "exchange_online_service, exchange_server_legacy, exchange_server_current, exchange_server, "
        "exchange_of_the_table, microsoft_consumer_mail, other_pop3_imap_mail, pop3_imap_mail "
        "(did you mean 'exchange_2016'?)"
    ]


def test_every_problem_is_collected_and_sorted(tmp_path):
    root = broken_kb(
        tmp_path,
        {
            RULES: [
                ("      act_sync: true\n", "      act_synk: true\n"),
                (
                    "  - id: mass-email-campaigns\n    severity: error",
                    "  - id: mass-email-campaigns\n    severty: error",
                ),
            ],
            "variables.yaml": [
                (
                    "expected_dead: [exchange_2003, exchange_2007, other_pop3_imap]",
                    "expected_dead: [exchange_2003, exchange_2008, other_pop3_imap]",
                )
            ],
        },
    )
    synk, severty = line_of(root, RULES, "act_synk"), line_of(root, RULES, "severty")
    rule_line = severty - 1
    dead = line_of(root, "variables.yaml", "exchange_2008")
    assert problems(root) == [
        f"{RULES}:{synk}: unknown variable 'act_synk' in rule 'act-sync-needs-exchange'; expected one of deployment, "
        "email_system, incoming_protocol, outgoing_protocol, server_profile, email_sync, act_sync, fips, mfa, "
        "outlook_on_the_web, manual_tracking, mass_email_campaigns, custom_email_provider, outlook_sync_act_in_org "
        "(did you mean 'act_sync'?)",
        f"{RULES}:{rule_line}: rule 'mass-email-campaigns' lacks the key 'severity'",
        f"{RULES}:{severty}: unknown key 'severty' in rule 'mass-email-campaigns'; expected id, severity, kind, "
        "source, reading, when, message, remedy (did you mean 'severity'?)",
        f"variables.yaml:{dead}: 'expected_dead' of variable 'email_system' names 'exchange_2008', which is not one of "
        "its values: exchange_online, exchange_2003, exchange_2007, exchange_2010, exchange_2013, exchange_2016, "
        "exchange_2019, gmail, yahoo_mail, msn, outlook_com, windows_live_mail, other_pop3_imap "
        "(did you mean 'exchange_2010'?)",
    ]


def test_duplicate_rule_id(tmp_path):
    root = broken_kb(tmp_path, {RULES: [("  - id: custom-email-provider", "  - id: mass-email-campaigns")]})
    first, second = [
        i for i, line in enumerate((root / RULES).read_text().splitlines(), 1) if line == "  - id: mass-email-campaigns"
    ]
    assert problems(root) == [f"{RULES}:{second}: duplicate rule id 'mass-email-campaigns' (first at {RULES}:{first})"]


def test_missing_translation(tmp_path):
    root = broken_kb(
        tmp_path,
        {
            RULES: [
                ('      vi: "Đồng bộ hóa phía máy chủ không dùng để gửi chiến dịch tiếp thị email hàng loạt."\n', "")
            ]
        },
    )
    line = line_of(root, RULES, "Server-side synchronization is not meant for") - 1  # the 'message:' line
    assert problems(root) == [f"{RULES}:{line}: 'message' of rule 'mass-email-campaigns' lacks its 'vi' translation"]


def test_wrong_type(tmp_path):
    root = broken_kb(tmp_path, {RULES: [("    severity: warning\n", "    severity: [warning]\n")]})
    line = line_of(root, RULES, "severity: [warning]")
    assert problems(root) == [f"{RULES}:{line}: 'severity' of rule 'fips-confirm-server' must be a non-empty text"]


def test_unknown_severity_and_kind(tmp_path):
    root = broken_kb(
        tmp_path, {RULES: [("    severity: warning\n    kind: reading", "    severity: warn\n    kind: readin")]}
    )
    line = line_of(root, RULES, "severity: warn")
    assert problems(root) == [
        f"{RULES}:{line}: unknown severity 'warn' of rule 'fips-confirm-server'; expected error, warning "
        "(did you mean 'warning'?)",
        f"{RULES}:{line + 1}: unknown kind 'readin' of rule 'fips-confirm-server'; expected table, footnote, "
        "unsupported, important, note, untested, reading, axiom, scope (did you mean 'reading'?)",
    ]


def test_a_rule_that_could_never_hold(tmp_path):
    root = broken_kb(tmp_path, {RULES: [("      mass_email_campaigns: true\n", "      mass_email_campaigns: []\n")]})
    line = line_of(root, RULES, "mass_email_campaigns: []")
    assert problems(root) == [
        f"{RULES}:{line}: 'mass_email_campaigns' in rule 'mass-email-campaigns' lists no values, so the rule could "
        "never hold"
    ]


def test_a_rule_whose_condition_contradicts_its_file(tmp_path):
    root = broken_kb(
        tmp_path,
        {
            "variables.yaml": [
                (
                    '        label: {en: "Customer Engagement (on-premises)", vi: "Customer Engagement '
                    '(on-premises)"}\n',
                    '        label: {en: "On-premises", vi: "Tại chỗ"}\n'
                    '      - name: online\n        label: {en: "Online", vi: "Trực tuyến"}\n',
                )
            ],
            RULES: [
                ("      mass_email_campaigns: true\n", "      mass_email_campaigns: true\n      deployment: online\n")
            ],
        },
    )
    line = line_of(root, RULES, "deployment: online") - 2  # the 'when:' line
    assert problems(root) == [
        f"{RULES}:{line}: rule 'mass-email-campaigns' can never hold: its condition on 'deployment' and the file's "
        "'applies_when' share no value"
    ]


def test_unknown_statement_reference(tmp_path):
    root = broken_kb(tmp_path, {RULES: [("source: [sss-onprem/unsupported-4]", "source: [sss-onprem/unsuported-4]")]})
    line = line_of(root, RULES, "unsuported-4")
    assert problems(root) == [
        f"{RULES}:{line}: 'source' of rule 'mass-email-campaigns' names 'sss-onprem/unsuported-4', which is no "
        "statement of sources.yaml (did you mean 'sss-onprem/unsupported-4'?)"
    ]


def test_yaml_syntax_error(tmp_path):
    root = broken_kb(tmp_path, {RULES: [("  - id: mass-email-campaigns\n", "  - id: [mass-email-campaigns\n")]})
    [problem] = problems(root)
    assert problem.startswith(f"{RULES}:") and "YAML syntax error" in problem


def test_python_tags_are_reported_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    root = broken_kb(
        tmp_path,
        {RULES: [("    remedy: email-router\n", f'    remedy: !!python/object/apply:os.system ["touch {marker}"]\n')]},
    )
    line = line_of(root, RULES, "!!python")
    assert problems(root) == [
        f"{RULES}:{line}: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; use plain "
        "mappings and lists"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    "content,message",
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file holds no YAML document"),
        ("\x00\x01binary", "binary file (contains NUL bytes); expected YAML text"),
        ("- just\n- a list\n", "a rule file must be a mapping with keys document, applies_when, remedies, rules"),
    ],
)
def test_unusable_rule_files(tmp_path, content, message):
    root = broken_kb(tmp_path, {})
    (root / RULES).write_text(content, encoding="utf-8")
    assert [p.split(": ", 1)[1] if ":1: " not in p else p.split(":1: ", 1)[1] for p in problems(root)] == [message]


def test_missing_files(tmp_path):
    root = broken_kb(tmp_path, {})
    (root / "sources.yaml").unlink()
    # Only the cause: the rules that cite its statements are not reported again.
    assert problems(root) == ["sources.yaml: missing file"]
