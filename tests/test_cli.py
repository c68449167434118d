"""The command line, in process: exit codes, the JSON keys of CONTRACT.md §3, messages.

The page's facts are asked about the page alone (`--page-only`): without it the command line
answers about today, with the advisories in force today, and a test never depends on the date.
"""

from __future__ import annotations

import json

import pytest

from syncmatrix.cli import main

GMAIL_ACT = [
    "email_system=gmail",
    "incoming_protocol=pop3",
    "outgoing_protocol=smtp",
    "server_profile=pop3_smtp",
    "email_sync=true",
    "act_sync=true",
]
VIOLATION_KEYS = {"rule", "severity", "kind", "variables", "message", "source", "remedy"}


PAGE = "--page-only"  # the page alone, on every date (CONTRACT.md §4)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert err == ""
    return code, json.loads(out)


def test_gmail_with_appointments_is_unsupported_and_names_the_rule(capsys, page_kb):
    code, doc = run_json(capsys, "check", *GMAIL_ACT, PAGE)
    assert code == 1
    assert doc["verdict"] == "unsupported"
    assert (doc["as_of"], doc["page_only"]) == (None, True)
    assert {"verdict", "complete", "violations", "conflict", "possible"} <= doc.keys()
    [violation] = doc["violations"]
    assert violation.keys() >= VIOLATION_KEYS
    assert violation["rule"] == "act-sync-needs-exchange"
    rule = page_kb.rule("act-sync-needs-exchange")
    assert violation["source"] == page_kb.cite(rule.sources)
    assert violation["remedy"] == rule.remedy.en


def test_gmail_email_only_is_supported(capsys):
    argv = [a if a != "act_sync=true" else "act_sync=false" for a in GMAIL_ACT]
    code, doc = run_json(capsys, "check", *argv, PAGE)
    assert (code, doc["verdict"], doc["violations"]) == (0, "supported", [])


def test_partial_msn_with_fips_is_unsupported_with_its_conflict(capsys):
    code, doc = run_json(capsys, "check", "email_system=msn", "fips=true", PAGE)
    assert code == 1 and doc["verdict"] == "unsupported" and doc["complete"] is False
    assert doc["conflict"] == [{"variable": "email_system", "value": "msn"}, {"variable": "fips", "value": True}]


def test_partial_gmail_with_fips_is_supported_with_warnings(capsys):
    code, doc = run_json(capsys, "check", "email_system=gmail", "fips=yes", PAGE)
    assert code == 0 and doc["verdict"] == "supported_with_warnings"
    assert [v["rule"] for v in doc["violations"]] == ["fips-confirm-server"]
    assert doc["possible"]["server_profile"] == ["pop3_smtp", "imap_smtp"]


@pytest.mark.parametrize(
    "word,value",
    [("true", True), ("yes", True), ("1", True), ("false", False), ("no", False), ("0", False), ("Yes", True)],
)
def test_booleans_accept_common_spellings(capsys, word, value):
    code, doc = run_json(capsys, "check", "email_system=gmail", f"fips={word}", PAGE)
    assert code == 0
    assert ("fips-confirm-server" in [v["rule"] for v in doc["violations"]]) is value


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["check", "email_sytem=gmail"], "unknown variable 'email_sytem'; expected one of deployment, email_system"),
        (["check", "email_sytem=gmail"], "(did you mean 'email_system'?)"),
        (
            ["check", "email_system=exchange2016"],
            "unknown value 'exchange2016' for email_system; expected one of exchange_online, exchange_2003",
        ),
        (["check", "email_system=exchange2016"], "(did you mean 'exchange_2016'?)"),
        (["check", "fips=maybe"], "'maybe' is not a value of fips; expected true or false"),
        (["check", "gmail"], "'gmail' is not a VARIABLE=VALUE pair"),
        (["check", "fips=true", "fips=false"], "fips is given twice"),
        (["chek"], "unknown command 'chek'; expected one of check, fix"),
        (["chek"], "(did you mean 'check'?)"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--lang", "fr"], "invalid choice: 'fr'"),
        (["check", "--kb", "/nonexistent/kb"], "not a folder; expected a knowledge base folder"),
        (["fix", "email_system=msn", "--lock", "fips"], "--lock fips: fips is not given"),
        (["fix", "email_system=msn", "--lock", "fisp"], "(did you mean 'fips'?)"),
        (["fix", "email_system=msn", "--cost", "email_system=x"], "expected VARIABLE=N with N a whole number"),
        (["fix", "email_system=msn", "--cost", "email_system=0"], "must be a whole number from 1 to 1000"),
    ],
)
def test_bad_input_exits_2_with_one_clear_paragraph(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert needle in err
    assert "Traceback" not in err
    assert err.startswith("syncmatrix: ")


def test_rules_lists_every_rule_with_the_contract_keys(capsys, page_kb):
    code, doc = run_json(capsys, "rules")
    assert code == 0
    assert [r["id"] for r in doc["rules"]] == [r.id for r in page_kb.rules]
    for rule in doc["rules"]:
        assert {"id", "severity", "kind", "variables", "message", "source", "remedy"} <= rule.keys()
        assert rule["kind"] != "axiom" or rule["of_the_page"] is False


def test_vietnamese_messages(capsys, page_kb):
    code, doc = run_json(capsys, "check", *GMAIL_ACT, PAGE, "--lang", "vi")
    assert code == 1
    assert doc["violations"][0]["message"] == page_kb.rule("act-sync-needs-exchange").message.vi
    code, out, _ = run(capsys, "check", *GMAIL_ACT, PAGE, "--lang", "vi")
    assert out.startswith("Chỉ theo trang: không tính khuyến cáo nào, bất kể ngày nào.\n")
    assert "Kết luận: không được hỗ trợ" in out and "Nguồn:" in out


def test_text_output_puts_the_verdict_first_then_rule_source_and_remedy(capsys, page_kb):
    code, out, _ = run(capsys, "check", *GMAIL_ACT, PAGE)
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "The page alone: no advisory, whatever the date."
    assert lines[1].startswith("Verdict: unsupported")
    rule = page_kb.rule("act-sync-needs-exchange")
    message = lines.index(rule.message.en)
    source = lines.index(f"Source: {page_kb.cite(rule.sources)}")
    assert 1 < message < source < lines.index(f"Remedy: {rule.remedy.en}")


def test_json_is_deterministic(capsys):
    first = run(capsys, "check", "email_system=gmail", "--json", "--as-of", "2026-11-29")
    second = run(capsys, "check", "email_system=gmail", "--json", "--as-of", "2026-11-29")
    assert first == second


def test_python_dash_m_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "syncmatrix", "check", "email_system=msn", "fips=true", "--json", PAGE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["verdict"] == "unsupported"


def test_vocabulary_lists_every_variable_and_value_of_the_knowledge_base(capsys, page_kb):
    code, out, err = run(capsys, "vocabulary", "--json")
    assert (code, err) == (0, "")
    listed = {v["name"]: [c["value"] for c in v["values"]] for v in json.loads(out)["variables"]}
    assert listed == {v.name: list(v.domain) for v in page_kb.variables}
    code, out, _ = run(capsys, "vocabulary", "--lang", "vi")
    assert code == 0 and "Hệ thống email" in out and "    exchange_2019  Exchange Server 2019" in out


@pytest.mark.parametrize("command", ["check", "fix", "enumerate", "count", "timeline"])
def test_the_help_of_a_command_that_takes_a_configuration_shows_an_example_and_the_vocabulary(capsys, command):
    assert main([command, "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # as argparse wraps it
    assert f"Example: syncmatrix {command} email_system=" in out and "syncmatrix vocabulary" in out


@pytest.mark.parametrize(("written", "hint"), [("ture", " (did you mean 'true'?)"), ("maybe", "")])
def test_a_boolean_misspelt_gets_a_did_you_mean(capsys, written, hint):
    code, out, err = run(capsys, "check", PAGE, f"fips={written}")
    assert (code, out) == (2, "")
    said = f"'{written}' is not a value of fips; expected true or false (or yes/no, 1/0){hint}"
    assert err == f"syncmatrix: in 'fips={written}': {said}\n"
